"""Data files: comments and blank lines are not rows; tabs split the columns."""

from __future__ import annotations

from pathlib import Path

from engine.datafiles import rows


def test_rows_skip_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "data.tsv"
    path.write_text("# how it was made\n\ncat\tanimal\n  \napple\tfood\tred\n", encoding="utf-8")
    assert rows(path) == [["cat", "animal"], ["apple", "food", "red"]]
