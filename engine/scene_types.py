"""What a sentence's scene is: the things drawn (how many, what colour, doing what), their one
relation, the setting, and the words said instead of drawn. engine/scene.py reads a sentence
into one; engine/scene_layout.py places it; it travels with the request as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from engine.scene_sizes import DEFAULT_SIZE
from engine.scene_words import SETTING_PICTURES


@dataclass(frozen=True)
class SceneObject:
    word: str  # as the learner wrote it (its singular)
    concept: str  # what the model draws
    count: int = 1  # copies drawn
    colour: str | None = None  # one of COLOURS, when the sentence gives one
    action: str | None = None  # what it is doing, as drawn ("running")
    many: bool = False  # "many", or a number above ten: drawn as MANY copies and said so
    size: float = DEFAULT_SIZE  # how big it is in the world (REAL_SIZES), times `sized`'s
    sized: str | None = None  # the size word drawn ("big"), one of SIZE_SCALES


@dataclass(frozen=True)
class Scene:
    objects: tuple[SceneObject, ...]
    relation: str | None = None  # objects[0] to objects[1] ("between": and the next one)
    missing: tuple[str, ...] = field(default_factory=tuple)  # words not drawn
    setting: str | None = None  # one of SETTING_PICTURES
    left_out: tuple[str, ...] = field(default_factory=tuple)  # things beyond MAX_OBJECTS
    parts: tuple[str, ...] = field(default_factory=tuple)  # of `missing`: drawn alone, ringed
    negated: str = ""  # each "not" to the end of its clause ("doesn't like apples"): not drawn
    hung: bool = False  # "on" an upright thing, hanging in front of it (a clock on a wall)

    @property
    def setting_concept(self) -> str | None:
        return SETTING_PICTURES.get(self.setting or "")

    @property
    def one_kind(self) -> bool:
        """Copies of one thing ("three cats"), not things of several kinds."""
        return len({o.concept for o in self.objects}) == 1

    @property
    def concepts(self) -> list[str]:
        """Every concept the picture draws: its things' and its setting's, in that order."""
        return [o.concept for o in self.objects] + [c for c in [self.setting_concept] if c]

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Scene:
        data = json.loads(text)
        objects = tuple(SceneObject(**o) for o in data["objects"])
        return cls(
            objects,
            data.get("relation"),
            tuple(data.get("missing", ())),
            data.get("setting"),
            tuple(data.get("left_out", ())),
            tuple(data.get("parts", ())),
            data.get("negated", ""),
            data.get("hung", False),
        )
