"""`pictolingo eval`: is every picture the bot would send as a word really a picture of it?

``vocabulary``: a beginner word list goes through what `/word` does (meaning → resolver →
drawing → picture check → a retry, two on the starter) and each word ends as **correct** (a
picture was sent and a person judged it right), **wrong** (sent, judged wrong), **unjudged**
(sent, not yet looked at) or **refused** (the honest "I can't draw it yet"). The judgements are
a person's, made on the contact sheet the eval writes (``engine/data/vocabulary_judged.tsv``).
``resolver``: precision and recall on hand-labelled pairs (``engine/data/resolver_pairs.tsv``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.learning.dictionary import Dictionary
from bot.pictures.illustrator import DrawingDefaults, Illustrator
from bot.pictures.understand import understand
from engine.datafiles import rows
from engine.pipeline import PictureEngine
from engine.resolver import Resolver

DATA = Path(__file__).parents[2] / "engine" / "data"
WORD_LIST = DATA / "beginner_nouns.txt"
PAIRS = DATA / "resolver_pairs.tsv"
JUDGED = DATA / "vocabulary_judged.tsv"
# CEFR B1 nouns built the same way, for rules written while looking at the beginner list
HELD_OUT = DATA / "held_out_nouns.txt"
HELD_OUT_JUDGED = DATA / "held_out_judged.tsv"


def read_judged(path: Path = JUDGED) -> dict[tuple[str, str], bool]:
    """(word, what was drawn) → True if a person judged the picture to show the word."""
    if not path.exists():
        return {}
    return {(r[0], r[1]): r[2] == "ok" for r in rows(path) if len(r) >= 3}


def resolver_figures(
    dictionary: Dictionary, resolver: Resolver, path: Path = PAIRS
) -> dict[str, Any]:
    """Precision (resolved words resolved right) and recall (drawable words resolved right)."""
    result: dict[str, Any] = {}
    for part in ("calibrate", "test"):
        right = wrong = missed = 0
        for row in rows(path):
            if row[0] != part:
                continue
            word, expected = row[1], set() if row[2] == "-" else set(row[2].split("|"))
            drawing = understand(dictionary, resolver, word).drawing
            got = drawing.subject if drawing else None
            if got is not None and got in expected:
                right += 1
            elif got is not None:
                wrong += 1
            if expected and got not in expected:
                missed += 1
        result[part] = {
            "precision": round(right / max(1, right + wrong), 3),
            "recall": round(right / max(1, right + missed), 3),
            "pairs": sum(1 for r in rows(path) if r[0] == part),
        }
    result["precision"] = result["test"]["precision"]
    result["recall"] = result["test"]["recall"]
    return result


def vocabulary_figures(
    dictionary: Dictionary,
    resolver: Resolver,
    engine: PictureEngine,
    *,
    words: list[str],
    source: str,
    sheet: Path | None = None,
    judged: dict[tuple[str, str], bool] | None = None,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    judged = read_judged() if judged is None else judged
    defaults = engine.defaults()
    illustrator = Illustrator(
        DrawingDefaults(
            model=engine.model_name, prompt_style=engine.preset.prompt_style, **defaults
        ),
        resolver,
    )
    outcomes: dict[str, str] = {}
    drawable = []
    for word in words:
        drawing = understand(dictionary, resolver, word).drawing
        if drawing is None:
            outcomes[word] = "refused"
        else:
            drawable.append((word, illustrator.for_word(word, drawing=drawing)))
    progress(f"vocabulary: {len(drawable)} of {len(words)} words resolved; drawing them")
    sent: list[tuple[str, str, bytes]] = []
    for start in range(0, len(drawable), 8):
        chunk = drawable[start : start + 8]
        for (word, request), picture in zip(chunk, engine.draw([r for _, r in chunk]), strict=True):
            if picture.shows is False:
                outcomes[word] = "refused"
                continue
            verdict = judged.get((word, request.subject))
            outcomes[word] = "unjudged" if verdict is None else ("correct" if verdict else "wrong")
            sent.append((word, request.subject, picture.png))
    if sheet is not None:
        contact_sheet(sent, sheet, judged)
    count = {k: sum(1 for v in outcomes.values() if v == k) for k in ("correct", "wrong")}
    # the resolver refuses pictures a person judged wrong: once wrong, now honest answers
    said_no = {word for (word, _), ok in judged.items() if not ok}
    judged_away = sorted(w for w, v in outcomes.items() if v == "refused" and w in said_no)
    refused = sum(1 for v in outcomes.values() if v == "refused")
    unjudged = sum(1 for v in outcomes.values() if v == "unjudged")
    total = len(words)
    return {
        "correct": round(count["correct"] / total, 3),
        "wrong": round(count["wrong"] / total, 3),
        "refused": round(refused / total, 3),
        "unjudged": round(unjudged / total, 3),
        "words": total,
        "list": source,
        "sheet": str(sheet) if sheet else None,
        "pictures_sent": len(sent),
        "wrong_words": sorted(w for w, v in outcomes.items() if v == "wrong"),
        "refused_as_judged_wrong": judged_away,
    }


def contact_sheet(
    sent: list[tuple[str, str, bytes]], path: Path, judged: dict[tuple[str, str], bool]
) -> None:
    """Every picture that would be sent, labelled "word → what was drawn" (wrong ones in red)."""
    from PIL import Image, ImageDraw

    cell, label, columns = 72, 26, 20
    rows = max(1, -(-len(sent) // columns))
    sheet = Image.new("RGB", (columns * cell, rows * (cell + label)), "white")
    draw = ImageDraw.Draw(sheet)
    for n, (word, subject, png) in enumerate(sent):
        x, y = (n % columns) * cell, (n // columns) * (cell + label)
        picture = Image.open(io.BytesIO(png)).convert("RGB").resize((cell - 8, cell - 8))
        sheet.paste(picture, (x + 4, y + 2))
        colour = "red" if judged.get((word, subject)) is False else "black"
        draw.text((x + 3, y + cell - 4), word[:11], fill=colour)
        if subject != word:
            draw.text((x + 3, y + cell + 8), f"-> {subject}"[:12], fill="gray")
    path.parent.mkdir(parents=True, exist_ok=True)
    # a 256-colour palette keeps the committed sheet small (the pictures are flat emoji art)
    sheet.quantize(256).save(path, optimize=True)


def word_list(path: Path = WORD_LIST) -> list[str]:
    return [row[0] for row in rows(path)]
