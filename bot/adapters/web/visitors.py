"""Who is on the web chat: learner ids in signed cookies the server issued, new ones rate-limited
per address, and which Host names this server answers to (DNS rebinding is refused)."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


def cookie_key(data_dir: Path) -> bytes:
    """The key that signs learner cookies, kept in the data directory (made on first use)."""
    path = data_dir / "web-cookie.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()


class LearnerCookies:
    """A learner id is 32 hex digits plus the server's signature: an id nobody was given is
    nobody, so per-learner limits cannot be reset by making up cookies."""

    def __init__(self, key: bytes, new_per_hour: int) -> None:
        self._key = key
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._new = parse(f"{new_per_hour} per hour") if new_per_hour else None

    def _signature(self, learner: str) -> str:
        return hmac.new(self._key, learner.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self, address: str) -> str | None:
        """A cookie value for a new learner, or None when this address made too many today."""
        if self._new is not None and not self._limiter.hit(self._new, "new", address):
            return None
        learner = secrets.token_hex(16)
        return f"{learner}.{self._signature(learner)}"

    def learner(self, cookie: str | None) -> str | None:
        """The learner id in a cookie this server issued (None for anything else)."""
        learner, _, signature = (cookie or "").partition(".")
        if len(learner) != 32 or not all(c in "0123456789abcdef" for c in learner):
            return None
        return learner if hmac.compare_digest(signature, self._signature(learner)) else None


def allowed_hosts(host: str, port: int, public_url: str) -> set[str]:
    """The Host headers this server answers to: its own address, localhost, and the public URL."""
    from urllib.parse import urlsplit

    names = {host, "localhost", "127.0.0.1", "[::1]"}
    hosts = {f"{name}:{port}" for name in names} | names
    if public_url:
        public = urlsplit(public_url)
        if public.hostname:
            hosts |= {public.netloc.lower(), public.hostname.lower()}
    return hosts
