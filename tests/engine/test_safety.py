from __future__ import annotations

from engine.pipeline import DrawnPicture
from engine.safety import judge


def picture(safe: bool | None) -> DrawnPicture:
    return DrawnPicture(b"png", 1, 1, 0, {}, safe, "checker" if safe is not None else "none")


def test_fail_closed() -> None:
    assert judge(picture(True)).allowed
    assert not judge(picture(False)).allowed
    assert judge(picture(None)).reason == "unchecked" and not judge(picture(None)).allowed
    assert judge(picture(None), allow_unchecked=True).allowed
    assert not judge(picture(False), allow_unchecked=True).allowed
