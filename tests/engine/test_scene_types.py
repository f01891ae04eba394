"""A scene travels with its request as JSON and comes back the same."""

from __future__ import annotations

from engine.scene_types import Scene, SceneObject


def test_a_scene_comes_back_from_json_as_it_went() -> None:
    scene = Scene(
        (
            SceneObject("glass of milk", "glass of milk", 2),
            SceneObject("cat", "cat", colour="black", sized="big"),
        ),
        relation="next to",
        missing=("sees",),
        setting="night",
        left_out=("dog",),
        negated="doesn't like apples",
    )
    back = Scene.from_json(scene.to_json())
    assert back == scene
    assert back.concepts == ["glass of milk", "cat", back.setting_concept]
    assert back.setting_concept is not None and not back.one_kind
    assert Scene((SceneObject("cat", "cat", 3),)).one_kind
