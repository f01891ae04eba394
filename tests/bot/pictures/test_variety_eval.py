""" "Draw again" on the real starter: a new look (another of its styles the thing is drawn truly
in), every picture still checked; `pictolingo eval`'s draw-again figures."""

from __future__ import annotations

import pytest

from bot.learning.dictionary import Dictionary
from bot.pictures.variety_eval import draw_again_figures
from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from engine.resolver import resolver_for
from engine.starter import additions


@pytest.mark.slow
def test_draw_again_shows_the_same_thing_in_new_looks(dictionary: Dictionary) -> None:
    engine = PictureEngine(EngineOptions(model="starter"))
    engine.load()
    resolver = resolver_for("starter", dictionary.wordnet)
    words = ["cat", "red apple", "student", "girl"]
    assert all(len(additions.styles_for(w)) >= 3 for w in words)
    figures = draw_again_figures(resolver, engine, words)
    assert figures["concepts"] == 4 and figures["presses"] == 3
    assert figures["pictures_shown"] >= 0.9  # the other styles pass the picture check too
    # the presses go round every look it has (a look that fails its check is drawn again in
    # the first one, so now and then one repeats)
    assert figures["looks_per_concept"] >= 2.5
    assert figures["diversity"] >= 0.3  # one memorised picture a look: near 0.05 before
    # a concept drawn truly only in Noto gets the same look again
    only_noto = [
        c.name for c in additions.drawable_concepts() if additions.styles_for(c.name) == ("noto",)
    ]
    same = draw_again_figures(resolver, engine, only_noto[:2], presses=1)
    assert same["looks_per_concept"] == 1
