"""Turns a word or sentence into a full generation request with the model's defaults."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace

from engine.prompts import Prompt, sentence_prompt, word_prompt
from engine.request import GenerationRequest, seed_for


@dataclass(frozen=True)
class DrawingDefaults:
    model: str
    steps: int
    guidance: float
    width: int
    height: int
    scheduler: str
    prompt_style: str
    seed_policy: str = "prompt"
    # style name → (prompt pattern with {}, LoRA adapters and weights)
    styles: dict[str, tuple[str, tuple[tuple[str, float], ...]]] = field(default_factory=dict)


class Illustrator:
    def __init__(self, defaults: DrawingDefaults) -> None:
        self.defaults = defaults

    def _request(
        self, prompt: Prompt, *, new_seed: bool, style: str | None = None
    ) -> GenerationRequest:
        d = self.defaults
        adapters: tuple[tuple[str, float], ...] = ()
        if style and style in d.styles:
            pattern, adapters = d.styles[style]
            prompt = replace(prompt, text=pattern.replace("{}", prompt.text))
        random_seed = new_seed or d.seed_policy == "random"
        seed = secrets.randbelow(2**31) if random_seed else seed_for(prompt.text)
        return GenerationRequest(
            model=d.model,
            prompt=prompt.text,
            negative_prompt=prompt.negative,
            width=d.width,
            height=d.height,
            steps=d.steps,
            guidance=d.guidance,
            seed=seed,
            scheduler=d.scheduler,
            adapters=adapters,
        )

    def for_word(
        self,
        word: str,
        *,
        sense: str | None = None,
        lemma: str | None = None,
        new_seed: bool = False,
        style: str | None = None,
    ) -> GenerationRequest:
        """`sense` describes the chosen meaning; small models get its most specific name."""
        if self.defaults.prompt_style == "caption" and lemma:
            word = lemma
        return self._request(
            word_prompt(word, sense=sense, style=self.defaults.prompt_style),
            new_seed=new_seed,
            style=style,
        )

    def for_sentence(
        self, sentence: str, *, new_seed: bool = False, style: str | None = None
    ) -> GenerationRequest:
        return self._request(
            sentence_prompt(sentence, style=self.defaults.prompt_style),
            new_seed=new_seed,
            style=style,
        )

    @property
    def style_names(self) -> list[str]:
        return sorted(self.defaults.styles)
