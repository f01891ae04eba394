"""Tables derived from the installed word data, kept on disk so that a start takes a second.

Building the Chinese index from CC-CEDICT and the levelled vocabulary from CEFR-J takes
several seconds at every start; the result only changes when the data packages or the code
that derives it change, so both are part of the file's name (a new version builds a new
file). The folder is ``$PICTOLINGO_CACHE_DIR``, else ``~/.cache/pictolingo``; when it cannot
be written, the tables are simply built each time.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import inspect
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def cache_dir() -> Path:
    configured = os.environ.get("PICTOLINGO_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "pictolingo"


def fingerprint(
    packages: tuple[str, ...], modules: tuple[ModuleType, ...], files: tuple[Path, ...] = ()
) -> str:
    """Changes when a package's version, a module's source or a data file changes."""
    digest = hashlib.sha256(sys.version.encode())
    for name in packages:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=missing".encode())
    for module in modules:
        digest.update(inspect.getsource(module).encode())
    for path in files:
        stat = path.stat() if path.exists() else None
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode() if stat else b"-")
    return digest.hexdigest()[:16]


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The table saved under `name` and `key`, or built now (and saved for the next start)."""
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle, _no_collection():
            value: T = pickle.load(handle)
        return value
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as error:
        log.info("rebuilding %s: the saved copy could not be read (%s)", name, error)
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)  # whole or not at all, even with two starts at once
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:
        log.info("could not save %s for the next start (%s)", name, error)
    return value


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """Millions of small objects arrive at once: collecting garbage meanwhile (which finds
    none) would take longer than the reading itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
