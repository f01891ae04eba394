"""Teacher access to the dashboard: scrypt password hashes, sessions, CSRF tokens, login limits."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

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
    """At most `attempts` failed logins per address per `window` seconds."""

    def __init__(self, attempts: int = 5, window: float = 300) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, list[float]] = {}

    def allowed(self, address: str) -> bool:
        now = time.monotonic()
        recent = [t for t in self._failures.get(address, []) if now - t < self.window]
        self._failures[address] = recent
        return len(recent) < self.attempts

    def failed(self, address: str) -> None:
        self._failures.setdefault(address, []).append(time.monotonic())
