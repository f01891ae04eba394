"""A 2x2 grid of pictures with big numbered corners, for "which picture is …?" questions."""

from __future__ import annotations

import io
from pathlib import Path

CELL = 192
BADGE = 40


def compose_grid(paths: list[Path]) -> bytes:
    """Four pictures in a 2x2 grid, numbered 1-4 left-to-right, top-to-bottom, as PNG bytes."""
    from PIL import Image, ImageDraw, ImageFont

    grid = Image.new("RGB", (CELL * 2 + 6, CELL * 2 + 6), "white")
    draw = ImageDraw.Draw(grid)
    try:
        font = ImageFont.load_default(size=30)
    except TypeError:  # older Pillow without scalable default font
        font = ImageFont.load_default()
    for index, path in enumerate(paths[:4]):
        x, y = (index % 2) * (CELL + 6), (index // 2) * (CELL + 6)
        with Image.open(path) as picture:
            grid.paste(picture.convert("RGB").resize((CELL, CELL)), (x, y))
        draw.ellipse((x + 6, y + 6, x + 6 + BADGE, y + 6 + BADGE), fill=(30, 30, 30))
        draw.text(
            (x + 6 + BADGE / 2, y + 6 + BADGE / 2),
            str(index + 1),
            fill="white",
            font=font,
            anchor="mm",
        )
    buffer = io.BytesIO()
    grid.save(buffer, format="PNG")
    return buffer.getvalue()
