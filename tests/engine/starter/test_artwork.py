"""The four styles are rasterised and framed the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.starter.artwork import render_svg, slug, twemoji_name

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">
<rect x="10" y="10" width="30" height="30" fill="#d00000"/></svg>"""


def test_an_svg_is_cropped_to_its_art_centred_on_white(tmp_path: Path) -> None:
    pytest.importorskip("resvg_py")
    path = tmp_path / "square.svg"
    path.write_text(SVG)
    pixels = render_svg(path)
    assert pixels.shape == (64, 64, 3)
    assert (pixels[0, 0] == 255).all(), "the margin is white"
    centre = pixels[32, 32].astype(int)
    assert centre[0] > 180 and centre[1] < 60, "the red square fills the picture"
    red = (pixels[..., 0] > 150) & (pixels[..., 1] < 80)
    assert red.mean() > 0.8, "the art is scaled up to the frame, not left small in a corner"


def test_file_names_of_each_package() -> None:
    assert slug("man: red hair") == "man-red-hair"
    assert slug("jack-o-lantern") == "jack-o-lantern"
    assert twemoji_name("2764-FE0F") == ["2764-fe0f", "2764"]
