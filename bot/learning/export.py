"""A learner's words as a CSV file and as an Anki deck (.apkg) with pictures and word cards."""

from __future__ import annotations

import csv
import hashlib
import html
from dataclasses import dataclass
from pathlib import Path

import genanki

CSV_FIELDS = [
    "text",
    "kind",
    "part_of_speech",
    "meaning",
    "ipa",
    "level",
    "chinese",
    "example",
    "picture",
    "next_review",
]

QUESTION = "What is this?"
_MODEL = genanki.Model(
    # fixed ids, so re-imported decks update instead of duplicating (a new id when the fields
    # change: 1607392319 had no Question, and asked "What is this?" under a ringed neck)
    1607392320,
    "Pictolingo word",
    fields=[
        {"name": n} for n in ("Text", "Picture", "Meaning", "IPA", "Example", "Chinese", "Question")
    ],
    templates=[
        {
            "name": "Picture → word",
            "qfmt": "{{Picture}}<br>{{Question}}",
            "afmt": "{{FrontSide}}<hr id=answer><b>{{Text}}</b> {{IPA}}<br>{{Meaning}}<br>"
            "<i>{{Example}}</i><br>{{Chinese}}",
        }
    ],
)


@dataclass(frozen=True)
class ExportRow:
    text: str
    kind: str
    part_of_speech: str
    meaning: str
    ipa: str
    level: str
    chinese: str
    example: str
    picture: Path | None
    next_review: str
    question: str = QUESTION  # what the card's front asks, as the quiz asks it


def write_csv(rows: list[ExportRow], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_FIELDS)
        for r in rows:
            writer.writerow(
                [
                    r.text,
                    r.kind,
                    r.part_of_speech,
                    r.meaning,
                    r.ipa,
                    r.level,
                    r.chinese,
                    r.example,
                    r.picture.name if r.picture else "",
                    r.next_review,
                ]
            )
    return path


def write_apkg(rows: list[ExportRow], path: Path, learner: int) -> Path:
    deck_id = int(hashlib.sha256(f"pictolingo-{learner}".encode()).hexdigest()[:8], 16)
    deck = genanki.Deck(deck_id, "Pictolingo")
    media = []
    for r in rows:
        picture = ""
        if r.picture is not None and r.picture.exists():
            picture = f'<img src="{html.escape(r.picture.name)}">'
            media.append(str(r.picture))
        fields = [
            html.escape(r.text),
            picture,
            html.escape(r.meaning),
            html.escape(r.ipa),
            html.escape(r.example),
            html.escape(r.chinese),
            html.escape(r.question),
        ]
        guid = genanki.guid_for(learner, r.kind, r.text)
        deck.add_note(genanki.Note(model=_MODEL, fields=fields, guid=guid))
    path.parent.mkdir(parents=True, exist_ok=True)
    genanki.Package(deck, media_files=media).write_to_file(str(path))
    return path
