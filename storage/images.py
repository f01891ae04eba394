"""Content-addressed picture files (images/ab/abcdef….png), their records, cache and file ids."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.clock import Clock, stamp
from storage.db import Database, StorageError


@dataclass(frozen=True)
class StoredImage:
    """A picture on disk with everything needed to draw it again."""

    id: int
    sha256: str
    path: Path
    width: int
    height: int
    seed: int
    params: dict[str, Any]


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class ImageStore:
    def __init__(self, db: Database, root: Path, clock: Clock) -> None:
        self.db = db
        self.root = root
        self.clock = clock

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.png"

    def _from_row(self, row: sqlite3.Row) -> StoredImage:
        return StoredImage(
            id=int(row["id"]),
            sha256=row["sha256"],
            path=self.path_for(row["sha256"]),
            width=int(row["width"]),
            height=int(row["height"]),
            seed=int(row["seed"]),
            params=json.loads(row["params"]),
        )

    async def save(
        self, png: bytes, *, width: int, height: int, seed: int, params: dict[str, Any]
    ) -> StoredImage:
        """Store the file (off the event loop, atomically) and its record; same bytes, same id."""
        sha = hashlib.sha256(png).hexdigest()
        path = self.path_for(sha)
        if not path.exists():
            try:
                await asyncio.to_thread(_write_atomically, path, png)
            except OSError as exc:
                raise StorageError(f"cannot save the picture ({exc.strerror or exc})") from exc
        # Inserted and read back in one write transaction: a learner deleted (/forget) at this
        # very moment cannot remove the record in between.
        values = (sha, width, height, seed, json.dumps(params, sort_keys=True))

        def record(conn: sqlite3.Connection) -> sqlite3.Row | None:
            conn.execute(
                "INSERT INTO images (sha256, width, height, seed, params, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                (*values, stamp(self.clock.now())),
            )
            row: sqlite3.Row | None = conn.execute(
                "SELECT * FROM images WHERE sha256 = ?", (sha,)
            ).fetchone()
            return row

        row = await self.db.write(record)
        if row is None:
            raise StorageError("the picture record could not be written")
        if not path.exists():  # its file was removed with a forgotten learner: write it again
            await asyncio.to_thread(_write_atomically, path, png)
        return self._from_row(row)

    async def get(self, image_id: int) -> StoredImage | None:
        row = await self.db.fetchone("SELECT * FROM images WHERE id = ?", (image_id,))
        return None if row is None else self._from_row(row)

    async def subjects(self, image_ids: list[int]) -> dict[int, str]:
        """What each picture was drawn to show (a closed model's concept; "" when unknown)."""
        if not image_ids:
            return {}
        marks = ", ".join("?" * len(image_ids))
        rows = await self.db.fetchall(
            f"SELECT id, json_extract(params, '$.subject') AS subject FROM images "
            f"WHERE id IN ({marks})",
            tuple(image_ids),
        )
        return {int(row["id"]): str(row["subject"] or "") for row in rows}

    async def cached(self, cache_key: str) -> StoredImage | None:
        row = await self.db.fetchone(
            "SELECT images.* FROM picture_cache JOIN images ON images.id = picture_cache.image_id "
            "WHERE cache_key = ?",
            (cache_key,),
        )
        if row is None:
            return None
        image = self._from_row(row)
        # A file removed by hand is a cache miss, not a broken picture sent to a child.
        return image if image.path.exists() else None

    async def remember(self, cache_key: str, image_id: int) -> None:
        await self.db.execute(
            "INSERT INTO picture_cache (cache_key, image_id) VALUES (?, ?) "
            "ON CONFLICT (cache_key) DO UPDATE SET image_id = excluded.image_id",
            (cache_key, image_id),
        )

    async def platform_file_id(self, image_id: int, platform: str) -> str | None:
        value = await self.db.fetchval(
            "SELECT file_id FROM platform_files WHERE image_id = ? AND platform = ?",
            (image_id, platform),
        )
        return None if value is None else str(value)

    async def set_platform_file_id(self, image_id: int, platform: str, file_id: str) -> None:
        await self.db.execute(
            "INSERT INTO platform_files (image_id, platform, file_id) VALUES (?, ?, ?) "
            "ON CONFLICT (image_id, platform) DO UPDATE SET file_id = excluded.file_id",
            (image_id, platform, file_id),
        )
