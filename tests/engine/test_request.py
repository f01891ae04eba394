from __future__ import annotations

from dataclasses import replace

from engine.request import GenerationRequest, seed_for

BASE = GenerationRequest(
    model="m",
    prompt="an apple",
    negative_prompt="text",
    width=64,
    height=64,
    steps=12,
    guidance=3.0,
    seed=7,
    scheduler="dpm++2m",
)


def test_cache_key_changes_with_every_pixel_deciding_field() -> None:
    changes = {
        "model": "x",
        "prompt": "a cat",
        "negative_prompt": "",
        "width": 72,
        "height": 72,
        "steps": 13,
        "guidance": 3.5,
        "seed": 8,
        "scheduler": "euler",
        "adapters": (("cartoon", 0.8),),
    }
    keys = {replace(BASE, **{k: v}).cache_key() for k, v in changes.items()}  # type: ignore[arg-type]
    assert len(keys) == len(changes) and BASE.cache_key() not in keys


def test_batch_key_ignores_prompt_and_seed_only() -> None:
    assert replace(BASE, prompt="a cat", seed=1).batch_key() == BASE.batch_key()
    assert replace(BASE, steps=20).batch_key() != BASE.batch_key()


def test_round_trip_through_json_and_picture_params() -> None:
    styled = replace(BASE, adapters=(("cartoon", 0.8),))
    assert GenerationRequest.from_dict(styled.to_dict()) == styled
    assert GenerationRequest.from_params(styled.to_dict() | {"device": "cpu"}) == styled


def test_seed_per_prompt_is_stable() -> None:
    assert seed_for("an apple") == seed_for("an apple") != seed_for("a cat")
    assert 0 <= seed_for("x") < 2**31
