from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage.db import Database, StorageError
from storage.images import ImageStore
from tests.helpers import FakeClock, solid_png


async def test_pictures_are_content_addressed_and_deduplicated(tmp_path: Path) -> None:
    async with Database(tmp_path / "i.db") as db:
        store = ImageStore(db, tmp_path / "images", FakeClock())
        png = solid_png("apple", 1)
        first = await store.save(png, width=16, height=16, seed=1, params={"prompt": "apple"})
        again = await store.save(png, width=16, height=16, seed=1, params={"prompt": "apple"})
        assert first.id == again.id
        assert first.path == tmp_path / "images" / first.sha256[:2] / f"{first.sha256}.png"
        assert first.path.read_bytes() == png
        assert not list(first.path.parent.glob(".part-*"))


async def test_cache_and_platform_file_ids(tmp_path: Path) -> None:
    async with Database(tmp_path / "i.db") as db:
        store = ImageStore(db, tmp_path / "images", FakeClock())
        image = await store.save(solid_png("a", 1), width=16, height=16, seed=1, params={})
        assert await store.cached("k") is None
        await store.remember("k", image.id)
        assert (await store.cached("k")) == image
        image.path.unlink()
        assert await store.cached("k") is None, "a missing file is a cache miss"
        await store.set_platform_file_id(image.id, "telegram", "AgAD1")
        assert await store.platform_file_id(image.id, "telegram") == "AgAD1"


async def test_what_pictures_show_is_read_in_one_go(tmp_path: Path) -> None:
    async with Database(tmp_path / "i.db") as db:
        store = ImageStore(db, tmp_path / "images", FakeClock())
        wave = await store.save(
            solid_png("w", 1), width=16, height=16, seed=1, params={"subject": "water wave"}
        )
        open_model = await store.save(solid_png("o", 2), width=16, height=16, seed=2, params={})
        assert await store.subjects([wave.id, open_model.id, 999]) == {
            wave.id: "water wave",
            open_model.id: "",
        }
        assert await store.subjects([]) == {}


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
async def test_read_only_directory_is_a_clear_storage_error(tmp_path: Path) -> None:
    root = tmp_path / "images"
    root.mkdir()
    root.chmod(0o500)
    async with Database(tmp_path / "i.db") as db:
        store = ImageStore(db, root, FakeClock())
        with pytest.raises(StorageError, match="cannot save the picture"):
            await store.save(solid_png("a", 1), width=16, height=16, seed=1, params={})
