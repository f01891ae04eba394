"""/export: your words as a spreadsheet (CSV) and an Anki deck with their pictures."""

from __future__ import annotations

import asyncio

from bot.conversation.context import Context
from bot.conversation.messages import Attachment, Reply
from bot.conversation.router import command
from bot.conversation.texts import counted
from bot.learning.cards import drawn_as
from bot.learning.dictionary import Meaning
from bot.learning.export import QUESTION, ExportRow, write_apkg, write_csv
from bot.learning.quiz import picture_question
from storage.clock import parse_stamp
from storage.images import StoredImage


@command("export", zh="导出单词", private=True)
async def export(context: Context) -> list[Reply]:
    """Download your words: a CSV file and an Anki deck with the pictures."""
    services = context.services
    items = await services.learning.items(context.learner, limit=5000)
    if not items:
        return [
            context.tell(
                "There is nothing to export yet. Try /word apple!",
                "还没有可以导出的单词。",
                ephemeral=True,
            )
        ]
    settings = await services.users.settings(context.learner)
    chinese = settings.get("chinese", context.wants_chinese)
    rows = []
    for item in items:
        card = (
            await asyncio.to_thread(services.dictionary.card, item.text, chinese=chinese)
            if item.kind == "word"
            else None
        )
        image = await services.images.get(item.image_id) if item.image_id else None
        due = await services.learning.card(item.id)
        drawn = services.dictionary.sense(item.sense) if item.sense else None
        # the meaning the picture shows
        card = drawn_as(services.dictionary, card, drawn, pictured=image is not None)
        meaning = card.meanings[0] if card and card.meanings else None
        rows.append(
            ExportRow(
                text=item.text,
                kind=item.kind,
                part_of_speech=meaning.part_of_speech if meaning else "",
                meaning=meaning.definition if meaning else "",
                ipa=card.ipa or "" if card else "",
                level=card.level or "" if card else "",
                chinese=card.chinese or "" if card else "",
                example=card.example or "" if card else "",
                picture=image.path if image else None,
                next_review=parse_stamp(due["due"]).date().isoformat() if due else "",
                question=_question(item.kind, item.text, image, meaning),
            )
        )
    folder = services.settings.data.dir / "exports" / str(context.learner)
    day = services.clock.now().date().isoformat()
    csv_path = await asyncio.to_thread(write_csv, rows, folder / f"pictolingo-{day}.csv")
    deck_path = await asyncio.to_thread(
        write_apkg, rows, folder / f"pictolingo-{day}.apkg", context.learner
    )
    return [
        context.tell(
            f"Here are your {counted(len(rows), 'word')}: a spreadsheet, and a deck for "
            "the Anki app (File → Import).",
            f"这是你的 {len(rows)} 个单词。",
            files=(
                Attachment(csv_path, csv_path.name, "text/csv"),
                Attachment(deck_path, deck_path.name, "application/apkg"),
            ),
            ephemeral=True,
        )
    ]


def _question(kind: str, text: str, image: StoredImage | None, meaning: Meaning | None) -> str:
    """The card's front asks what the quiz asks: "What does the red circle show?" under a
    ringed part, "What are these?" under three clocks; with no picture, the meaning."""
    if kind != "word":
        return "Which sentence does the picture show?" if image else f"Read it aloud: {text}"
    if image is not None:
        return picture_question(image.params)
    return f"Which word means: {meaning.definition}?" if meaning else QUESTION
