"""The four open emoji styles the starter model learns from, rendered the same way.

| style | source | licence |
| --- | --- | --- |
| noto | Debian ``fonts-noto-color-emoji`` | SIL Open Font License 1.1 |
| twemoji | npm ``@twemoji/svg`` | graphics CC BY 4.0 (code MIT) |
| openmoji | npm ``openmoji`` | CC BY-SA 4.0 |
| fluent | npm ``fluentui-emoji`` (Microsoft's Fluent Emoji, "flat") | MIT |

The npm packages are fetched with ``npm pack`` into a cache folder at development time only;
SVGs are rasterised with resvg (``resvg-py``). Every picture is cropped to its artwork, centred
on white and scaled to the same margin, so the styles differ in drawing, not in framing.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import numpy as np

from engine.starter.catalogue import Entry

STYLES = ("noto", "twemoji", "openmoji", "fluent")
PACKAGES = {
    "twemoji": ("@twemoji/svg", "15.0.0"),
    "openmoji": ("openmoji", "17.0.0"),
    "fluent": ("fluentui-emoji", "1.3.0"),
}
EMOJI_FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
EMOJI_TEST = Path("/usr/share/unicode/emoji/emoji-test.txt")
SIZE = 64
MARGIN = 2


def fetch_packages(cache: Path) -> dict[str, Path]:
    """The npm packages unpacked under ``cache`` (fetched with ``npm pack`` when missing)."""
    return {
        style: npm_unpacked(package, version, cache / f"{style}-{version}")
        for style, (package, version) in PACKAGES.items()
    }


def npm_unpacked(package: str, version: str, folder: Path) -> Path:
    """An npm package unpacked in ``folder`` (fetched with ``npm pack`` when missing); its
    ``package`` folder."""
    if not (folder / "package" / "package.json").exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            ["npm", "pack", f"{package}@{version}", "--pack-destination", str(folder.parent)],
            check=True,
            capture_output=True,
            text=True,
        )
        with tarfile.open(folder.parent / result.stdout.strip().splitlines()[-1]) as archive:
            archive.extractall(folder, filter="data")
    return folder / "package"


def framed(rgba: object, size: int = SIZE) -> np.ndarray:
    """An RGBA picture cropped to its artwork, centred, scaled and put on white."""
    from PIL import Image

    art = rgba if isinstance(rgba, Image.Image) else Image.open(io.BytesIO(rgba))  # type: ignore[arg-type]
    art = art.convert("RGBA")
    box = art.getchannel("A").point(lambda a: 255 if a > 8 else 0).getbbox()
    if box is None:
        raise ValueError("the picture is empty")
    art = art.crop(box)
    side = max(art.size)
    square = Image.new("RGBA", (side, side), (255, 255, 255, 0))
    square.paste(art, ((side - art.size[0]) // 2, (side - art.size[1]) // 2))
    square = square.resize((size - 2 * MARGIN,) * 2, Image.Resampling.LANCZOS)
    white = Image.new("RGBA", (size, size), (255, 255, 255, 255))
    white.alpha_composite(square, (MARGIN, MARGIN))
    return np.asarray(white.convert("RGB"), dtype=np.uint8)


def render_svg(path: Path, size: int = SIZE) -> np.ndarray:
    import resvg_py

    png = resvg_py.svg_to_bytes(svg_path=str(path), width=4 * size, height=4 * size)
    return framed(bytes(png), size)


def noto_sequences(path: Path = EMOJI_TEST) -> set[str]:
    """The emoji sequences the installed Noto font's Unicode version has."""
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if "; fully-qualified" in line:
            codes = line.split(";", 1)[0].split()
            found.add(bare("".join(chr(int(c, 16)) for c in codes)))
    return found


def bare(emoji: str) -> str:
    """Without variation selectors: the two lists do not always agree on them."""
    return emoji.replace("\ufe0f", "")


def render_noto(emoji: str, font_path: Path = EMOJI_FONT, size: int = SIZE) -> np.ndarray:
    """The emoji drawn by the colour font. A sequence the font cannot join comes out as
    several glyphs side by side: that is not the picture, so it is refused."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path), 109)

    def drawn(text: str) -> Any:
        canvas = Image.new("RGBA", (480, 160), (255, 255, 255, 0))
        ImageDraw.Draw(canvas).text((8, 8), text, font=font, embedded_color=True)
        return canvas

    canvas = drawn(emoji)
    box = canvas.getbbox()
    first = drawn(bare(emoji)[0]).getbbox()
    if box is None or first is None:
        raise ValueError(f"the font has no picture for {emoji!r}")
    if len(bare(emoji)) > 1 and box[2] - box[0] > 1.3 * (first[2] - first[0]):
        raise ValueError(f"the font has no single picture for {emoji!r}")
    return framed(canvas, size)


def slug(name: str) -> str:
    """Fluent Emoji's file names: 'man: red hair' → 'man-red-hair'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def twemoji_name(hexcode: str) -> list[str]:
    codes = hexcode.lower().split("-")
    without = [c for c in codes if c != "fe0f"]
    return ["-".join(codes), "-".join(without)]


class Artwork:
    """Every style's picture of an entry, where that style has one."""

    def __init__(self, packages: dict[str, Path], noto: set[str] | None = None) -> None:
        self.packages = packages
        self.noto = noto if noto is not None else noto_sequences()
        fluent = packages["fluent"] / "icons" / "flat"
        self.fluent = {p.stem: p for p in fluent.glob("*.svg")}

    def path(self, style: str, entry: Entry) -> Path | None:
        if style == "openmoji":
            found = self.packages["openmoji"] / "color" / "svg" / f"{entry.hexcode}.svg"
            return found if found.exists() else None
        if not entry.unicode:
            return None
        if style == "twemoji":
            for name in twemoji_name(entry.hexcode):
                found = self.packages["twemoji"] / f"{name}.svg"
                if found.exists():
                    return found
            return None
        if style == "fluent":
            key = slug(entry.name).replace("blond-", "blonde-")
            return self.fluent.get(key) or self.fluent.get(f"{key}-default")
        return None

    def render(self, style: str, entry: Entry) -> np.ndarray | None:
        try:
            if style == "noto":
                if not entry.unicode or bare(entry.emoji) not in self.noto:
                    return None
                return render_noto(entry.emoji)
            path = self.path(style, entry)
            return render_svg(path) if path is not None else None
        except ValueError:
            return None
