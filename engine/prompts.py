"""Prompts for teaching: a word becomes one clear object, a sentence becomes a simple scene.

The negative prompt forbids text and letters: a picture that spells the word gives the quiz away.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_TEXT = (
    "text, letters, words, writing, caption, label, sign, logo, watermark, signature, "
    "numbers, typography, alphabet"
)
NOT_FOR_CHILDREN = "scary, gore, violence, weapon, nudity, nsfw, horror"
LOW_QUALITY = "blurry, cluttered, low quality, deformed, cropped"
# Models run without classifier-free guidance (turbo at guidance 0, LCM at 1) never read a
# negative prompt: the same intent is asked for in words they do follow (a "no text" in the
# prompt itself tends to draw text, so it is said positively), and the picture checks stay.
UNGUIDED = "wordless picture, blank background, gentle and friendly for young children"


@dataclass(frozen=True)
class Prompt:
    text: str
    negative: str


def with_article(noun: str) -> str:
    """'an apple', 'a cat', 'the sun' stays as written; phrases with an article are left alone."""
    first = noun.split(" ", 1)[0].lower()
    if first in {"a", "an", "the", "some"}:
        return noun
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def word_prompt(
    word: str,
    *,
    sense: str | None = None,
    style: str = "illustration",
    look: str | None = None,
    guided: bool = True,
) -> Prompt:
    """A single, centred, recognisable picture of one word (`guided`: the model reads a
    negative prompt, i.e. runs with guidance above 1)."""
    if style == "caption":
        # Small models trained on short captions ("an apple") are asked the same way.
        return Prompt(with_article(word), "")
    meaning = f" ({sense})" if sense else ""
    look_text = look or "flat colors, children's picture book style"
    text = (
        f"a clear, simple illustration of {with_article(word)}{meaning}, "
        f"one object in the center, plain white background, {look_text}"
    )
    return _guarded(text, guided)


def sentence_prompt(
    sentence: str, *, style: str = "illustration", look: str | None = None, guided: bool = True
) -> Prompt:
    """A friendly scene that shows what the sentence says."""
    clean = sentence.strip().rstrip(".!?")
    if style == "caption":
        return Prompt(clean.lower(), "")
    look_text = look or "soft colors, children's picture book style"
    text = f"a simple, friendly illustration of this scene: {clean}. clear shapes, {look_text}"
    return _guarded(text, guided)


def _guarded(text: str, guided: bool) -> Prompt:
    """No text, nothing unfit for children: in the negative prompt, or in words."""
    if guided:
        return Prompt(text, f"{NO_TEXT}, {NOT_FOR_CHILDREN}, {LOW_QUALITY}")
    return Prompt(f"{text}, {UNGUIDED}", "")
