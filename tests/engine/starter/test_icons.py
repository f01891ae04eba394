"""Everyday things no emoji shows, from open icon sets: what the grown set holds for them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bot.learning.dictionary import Dictionary
from bot.pictures.understand import understand
from engine.resolver import resolver_for
from engine.starter import icons, mend
from engine.starter.additions import GROWN_DIR, _grown_set, _iconed, drawable_concepts, icon_names
from engine.starter.dataset import load_concepts
from engine.starter.parts import PARTS

# A made-up Iconify set: a red square on a 16 × 16 grid, and a taller green bar with its own size.
ICON_SET = {
    "prefix": "test",
    "width": 16,
    "height": 16,
    "icons": {
        "square": {"body": '<rect x="4" y="4" width="8" height="8" fill="#ff0000"/>'},
        "bar": {
            "body": '<rect x="1" y="0" width="2" height="24" fill="#00ff00"/>',
            "width": 4,
            "height": 24,
        },
        "silhouette": {"body": '<rect x="4" y="4" width="8" height="8" fill="currentColor"/>'},
    },
}


def test_an_icon_is_rendered_like_the_emoji_cropped_and_centred_on_white() -> None:
    square = icons.render(icons.svg_of(ICON_SET, "square"))
    assert square.shape == (64, 64, 3) and square.dtype == np.uint8
    assert tuple(square[0, 0]) == (255, 255, 255)  # white around it
    assert tuple(square[32, 32]) == (255, 0, 0)  # the artwork fills the middle
    bar = icons.render(icons.svg_of(ICON_SET, "bar"))  # its own width and height are used
    assert bar[32, 32, 1] == 255 and bar[32, 32, 0] < 40  # green, and only as wide as it is
    assert tuple(bar[32, 4]) == (255, 255, 255) and tuple(bar[32, 60]) == (255, 255, 255)


def test_a_one_colour_icon_is_drawn_in_the_colour_of_its_thing() -> None:
    wooden = icons.render(icons.svg_of(ICON_SET, "silhouette", icons.WOOD))
    assert tuple(wooden[32, 32]) == (0x9A, 0x64, 0x32)
    plain = icons.render(icons.svg_of(ICON_SET, "silhouette"))
    assert tuple(plain[32, 32]) == (0, 0, 0)  # SVG's own default: black
    table = next(i for i in icons.ICONS if i.name == "table")
    assert table.icon.startswith("mdi:") and table.colour == icons.WOOD


def test_each_icon_is_captioned_by_its_name_and_its_other_names() -> None:
    found = {c.name: c for c in icons.concepts()}
    assert [c.index for c in found.values()] == list(range(len(icons.ICONS) + len(PARTS)))
    assert found["desk"].captions[:3] == ("desk", "a desk", "a picture of a desk")
    assert "a fridge" in found["refrigerator"].captions
    assert "an oven mitt" in found["oven glove"].captions


def test_the_committed_icons_are_the_chosen_ones_and_name_nothing_an_emoji_draws() -> None:
    folder = GROWN_DIR / "icons"
    committed = json.loads((folder / "concepts.json").read_text(encoding="utf-8"))
    chosen = [i.name for i in icons.ICONS] + [p.name for p in PARTS]  # the body's parts last
    assert [c["name"] for c in committed] == chosen
    assert len(np.load(folder / "emoji64.npz")["images"]) == len(chosen)
    emoji = {c.name for c in load_concepts()} | {c.name for c in load_concepts(GROWN_DIR)}
    assert not icon_names() & emoji  # one name draws one thing


def test_the_grown_set_numbers_the_icons_after_its_own_with_one_picture_each() -> None:
    concepts, pictures = _grown_set(GROWN_DIR)
    emoji = len(load_concepts(GROWN_DIR))
    desk = next(c for c in concepts if c.name == "desk")
    assert desk.index >= emoji and concepts[desk.index] is desk
    assert int((pictures.owners == desk.index).sum()) == 1


def test_the_icons_lora_learns_the_icons_and_the_mend_is_left_as_it_was(tmp_path: Path) -> None:
    asked = mend.candidates(icons=True)
    assert sorted(c.name for c, _ in asked) == sorted(c.name for c in icons.concepts())
    assert {style for _, style in asked} == {"noto"}  # drawn in the default look
    assert not {c.name for c, _ in mend.candidates()} & icon_names()
    examples = mend.write_examples(tmp_path, icons=True)
    assert ("a desk, noto style") in {caption for _, caption in examples}


def test_every_icon_drawn_is_a_word_with_a_card_and_the_judged_out_are_not_drawn(
    dictionary: Dictionary,
) -> None:
    drawn = set(_iconed(GROWN_DIR))
    assert len(drawn) >= 25 and "desk" in drawn
    assert not drawn & {"toast", "curtains", "whiteboard", "oven glove"}  # a person said no
    assert drawn <= {c.name for c in drawable_concepts()}
    resolver = resolver_for("starter", dictionary.wordnet)
    for name in drawn:  # a picture no learner can ask for teaches nothing: /word NAME draws it
        drawing = understand(dictionary, resolver, name).drawing
        assert drawing is not None and drawing.subject == name, name
