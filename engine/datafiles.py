"""The project's small data files: tab-separated rows, '#' comment lines, blank lines ignored."""

from __future__ import annotations

from pathlib import Path


def rows(path: Path) -> list[list[str]]:
    """Each data line of a .tsv/.txt file, split at tabs."""
    text = path.read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]
