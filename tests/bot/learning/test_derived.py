"""Tables derived from the word data are built once and read from disk at the next start."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.learning.derived as derived
from bot.learning.derived import fingerprint, load_or_build


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PICTOLINGO_CACHE_DIR", str(folder))
    return folder


def test_a_table_is_built_once_and_then_read(cache: Path) -> None:
    builds: list[int] = []

    def build() -> dict[str, list[str]]:
        builds.append(1)
        return {"apple": ["苹果"]}

    assert load_or_build("chinese", "k1", build) == {"apple": ["苹果"]}
    assert load_or_build("chinese", "k1", build) == {"apple": ["苹果"]}
    assert len(builds) == 1
    assert [p.name for p in cache.iterdir()] == ["chinese-k1.pickle"]
    load_or_build("chinese", "k2", build)  # new data: built again, the old copy removed
    assert len(builds) == 2 and [p.name for p in cache.iterdir()] == ["chinese-k2.pickle"]


def test_a_damaged_copy_is_rebuilt(cache: Path) -> None:
    cache.mkdir()
    (cache / "vocabulary-k.pickle").write_bytes(b"\x80\x05 half a file")
    assert load_or_build("vocabulary", "k", lambda: ["apple"]) == ["apple"]
    assert load_or_build("vocabulary", "k", lambda: ["never built"]) == ["apple"]


def test_without_a_writable_folder_the_table_is_built_each_time(cache: Path) -> None:
    cache.write_text("a file where the folder should be")
    assert load_or_build("vocabulary", "k", lambda: ["apple"]) == ["apple"]


def test_the_key_follows_package_versions_code_and_data_files(tmp_path: Path) -> None:
    data = tmp_path / "index.noun"
    data.write_text("apple")
    first = fingerprint(("cefrpy",), (derived,), (data,))
    assert fingerprint(("cefrpy",), (derived,), (data,)) == first
    data.write_text("apple banana")
    assert fingerprint(("cefrpy",), (derived,), (data,)) != first
    assert fingerprint(("cefrpy", "jieba"), (derived,), (data,)) != first
