from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

from bot.adapters.terminal import TerminalAdapter
from tests.helpers import shown


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
