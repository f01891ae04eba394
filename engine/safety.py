"""Child safety for pictures, failing closed: only pictures a check passed are ever sent."""

from __future__ import annotations

from dataclasses import dataclass

from engine.pipeline import DrawnPicture


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str


def judge(picture: DrawnPicture, *, allow_unchecked: bool = False) -> Verdict:
    """Flagged → refused; no check ran → refused unless the operator opted out in config."""
    if picture.safe is True:
        return Verdict(True, picture.check)
    if picture.safe is False:
        return Verdict(False, "flagged")
    if allow_unchecked:
        return Verdict(True, "unchecked-allowed-by-operator")
    return Verdict(False, "unchecked")
