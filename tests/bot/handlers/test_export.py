from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from engine.resolver import resolver_for
from tests.bot.handlers.test_word import _ask_as_drawn
from tests.helpers import shown


def _fronts(deck: Path, tmp_path: Path) -> dict[str, str]:
    """Each note's text and what its card's front asks (the Question field)."""
    with zipfile.ZipFile(deck) as archive:
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        notes = [r[0].split("\x1f") for r in db.execute("SELECT flds FROM notes")]
        templates = " ".join(r[0] for r in db.execute("SELECT models FROM col"))
    assert "{{Picture}}<br>{{Question}}" in templates
    return {fields[0]: fields[-1] for fields in notes}


async def test_export_sends_a_csv_and_an_anki_deck_that_open(
    chat: TerminalAdapter, tmp_path: Path
) -> None:
    assert "nothing to export" in shown((await chat.say("/export"))[0])
    for text in ("/word apple", "/sentence The cat sleeps on the sofa."):
        await chat.say(text)
        await chat.settle()
    reply = (await chat.say("/export"))[0]
    csv_file, deck = reply.files
    with csv_file.path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["text"] for r in rows} == {"apple", "The cat sleeps on the sofa."}
    apple = next(r for r in rows if r["text"] == "apple")
    assert apple["ipa"] == "/ˈæpəl/" and apple["part_of_speech"] == "noun"
    assert apple["picture"].endswith(".png")
    with zipfile.ZipFile(deck.path) as archive:
        names = archive.namelist()
        assert "collection.anki2" in names and "media" in names
        archive.extract("collection.anki2", tmp_path)
        assert len(names) == 4, "the collection, the media index and two pictures"
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        fields = [r[0] for r in db.execute("SELECT flds FROM notes")]
    assert len(fields) == 2 and any(f.startswith("apple\x1f<img src=") for f in fields)


async def test_the_exported_card_is_the_meaning_that_was_drawn(chat: TerminalAdapter) -> None:
    """A bat drawn as the racket goes to Anki as the racket, with the racket's Chinese."""
    await chat.say("/settings chinese on")
    await chat.say("/word bat")
    await chat.press("🔧")
    await chat.settle()
    csv_file = (await chat.say("/export"))[0].files[0]
    with csv_file.path.open(encoding="utf-8") as handle:
        bat = next(r for r in csv.DictReader(handle) if r["text"] == "bat")
    assert "racket" in bat["meaning"] or "club" in bat["meaning"]
    assert bat["chinese"] == "球棒"


async def test_the_exported_card_asks_what_the_quiz_asks(
    chat: TerminalAdapter, app: App, tmp_path: Path
) -> None:
    """A shoulder is the starter's man with his shoulder ringed: the Anki card asks what the
    circle shows, as the quiz does (not "What is this?" under a head and a shirt)."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    for text in ("/word shoulder", "/word apple", "/sentence The cat sleeps on the sofa."):
        await chat.say(text)
        await chat.settle()
    shoulder = next(i for i in await app.services.learning.items(1) if i.text == "shoulder")
    await _ask_as_drawn(app, shoulder, model="starter")  # the tiny test model drew it
    deck = (await chat.say("/export"))[0].files[1]
    fronts = _fronts(deck.path, tmp_path)
    assert fronts["shoulder"] == "What does the red circle show?"
    assert fronts["apple"] == "What is this?"
    assert fronts["The cat sleeps on the sofa."] == "Which sentence does the picture show?"
