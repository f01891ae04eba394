"""Teacher access to the dashboard: scrypt password hashes, sessions, CSRF tokens, login limits."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import secrets
import time

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

_N, _R, _P = 2**14, 8, 1
SESSION_SECONDS = 8 * 3600


def hash_password(password: str) -> str:
    """'scrypt$16384$8$1$<salt>$<hash>': what goes in web.teacher_password_hash."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            password.encode(),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected) // 2,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), expected)


class TeacherSessions:
    """Signed-in teachers (in memory: a restart signs everyone out, which is the safe side)."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)
        self._sessions: dict[str, float] = {}

    def create(self) -> str:
        token = secrets.token_urlsafe(32)
        self._sessions[token] = time.monotonic() + SESSION_SECONDS
        return token

    def valid(self, token: str | None) -> bool:
        expires = self._sessions.get(token or "")
        if expires is None or expires < time.monotonic():
            self._sessions.pop(token or "", None)
            return False
        return True

    def end(self, token: str | None) -> None:
        self._sessions.pop(token or "", None)

    def csrf(self, token: str) -> str:
        """A form token bound to the browser's cookie (double submit, signed)."""
        return hmac.new(self._secret, token.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, token: str | None, submitted: str | None) -> bool:
        if not token or not submitted:
            return False
        return hmac.compare_digest(self.csrf(token), submitted)


class LoginLimiter:
    """Failed logins: at most `per_address` per address and `overall` from everyone together
    in any `window` seconds (a guesser with many addresses still meets the second)."""

    def __init__(self, per_address: int = 5, overall: int = 20, window: int = 300) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._per_address = parse(f"{per_address} per {window} seconds")
        self._overall = parse(f"{overall} per {window} seconds")

    def allowed(self, address: str) -> bool:
        return self._limiter.test(self._per_address, "address", address) and self._limiter.test(
            self._overall, "everyone"
        )

    def failed(self, address: str) -> None:
        self._limiter.hit(self._per_address, "address", address)
        self._limiter.hit(self._overall, "everyone")


class PasswordChecker:
    """scrypt in worker threads, two at a time, so guesses never stall the chat; a missing or
    broken setting takes as long as a wrong password (no timing hint)."""

    def __init__(self, stored: str, concurrent: int = 2) -> None:
        self.stored = stored if is_password_hash(stored) else ""
        self._decoy = hash_password(secrets.token_urlsafe(16))
        self._slots = asyncio.Semaphore(concurrent)

    async def check(self, password: str) -> bool:
        async with self._slots:
            if not self.stored:
                await asyncio.to_thread(verify_password, password, self._decoy)
                return False
            return await asyncio.to_thread(verify_password, password, self.stored)


def is_password_hash(value: str) -> bool:
    """What `pictolingo teacher-password` prints: scrypt$N$r$p$<32 hex salt>$<64 hex hash>."""
    parts = value.split("$")
    return (
        len(parts) == 6
        and parts[0] == "scrypt"
        and all(p.isdigit() for p in parts[1:4])
        and re.fullmatch(r"[0-9a-f]{32}", parts[4]) is not None
        and re.fullmatch(r"[0-9a-f]{64}", parts[5]) is not None
    )
