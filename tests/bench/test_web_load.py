"""The web load harness: a crowd against a real `pictolingo run`, killed mid-burst."""

from __future__ import annotations

import pytest

from bench.web_load import run_web_load


@pytest.mark.slow
async def test_killed_mid_burst_every_learner_gets_exactly_one_picture() -> None:
    result = await run_web_load(learners=30, kill_after=1.5, model="tiny")
    assert result["web_integrity"] == "ok"
    assert result["web_lost"] == 0 and result["web_duplicated"] == 0
    assert result["web_exactly_once"] == 30
    assert result["web_answered_without_picture"] == []
    assert result["web_ack_p99_ms"] is not None and result["web_picture_p99_s"] is not None


def test_the_server_under_load_ignores_the_operators_pictolingo_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bench.web_load import child_environment

    monkeypatch.setenv("PICTOLINGO_DATA__DIR", "/somewhere/else")
    monkeypatch.setenv("PICTOLINGO_TELEGRAM__TOKEN", "123:real-token")
    monkeypatch.setenv("PATH_FOR_TEST", "kept")
    child = child_environment()
    assert not [k for k in child if k.startswith("PICTOLINGO_")]
    assert child["PATH_FOR_TEST"] == "kept"
