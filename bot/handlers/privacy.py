"""/mydata and /forget: see everything kept about you, or delete it all."""

from __future__ import annotations

import asyncio
import json

from bot.conversation.context import Context
from bot.conversation.messages import Attachment, Button, Reply
from bot.conversation.router import callback, command

# What a child reads instead of table names ("3 pictures you asked for", not "3 requests").
PLAIN_NAMES = {
    "requests": ("picture you asked for", "pictures you asked for"),
    "items": ("word or sentence you learned", "words and sentences you learned"),
    "review_log": ("quiz answer", "quiz answers"),
    "quizzes": ("quiz", "quizzes"),
}


@command("mydata", zh="我的数据", private=True)
async def mydata(context: Context) -> list[Reply]:
    """Download everything Pictolingo keeps about you (a JSON file)."""
    services = context.services
    data = await services.privacy.export(context.learner)
    folder = services.settings.data.dir / "exports" / str(context.learner)
    path = folder / "pictolingo-my-data.json"

    def write() -> None:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(data, indent=1, ensure_ascii=False, default=str), encoding="utf-8"
        )

    await asyncio.to_thread(write)
    counts = ", ".join(
        f"{len(data[table])} {one if len(data[table]) == 1 else many}"
        for table, (one, many) in PLAIN_NAMES.items()
        if data.get(table)
    )
    return [
        context.tell(
            f"Here is everything I keep about you ({counts or 'nothing yet'}). "
            "Send /forget to delete it all.",
            "这是我保存的关于你的全部数据。发送 /forget 可以全部删除。",
            files=(Attachment(path, path.name, "application/json"),),
            ephemeral=True,
        )
    ]


@command("forget", zh="删除我的数据", private=True)
async def forget(context: Context) -> list[Reply]:
    """Delete everything Pictolingo keeps about you (asks first)."""
    buttons = ((Button("🗑 Yes, delete everything", "forget:yes"), Button("Keep it", "forget:no")),)
    return [
        context.tell(
            "This deletes your history, pictures, quizzes, reviews and "
            "streak, on every app you linked. It cannot be undone. "
            "Are you sure?",
            "这会删除你的全部记录，不能恢复。确定吗？",
            buttons=buttons,
            ephemeral=True,
        )
    ]


@callback("forget")
async def forget_button(context: Context) -> list[Reply]:
    if context.args != "yes":
        return [
            context.tell("OK, nothing was deleted.", "好的，没有删除任何东西。", ephemeral=True)
        ]
    services = context.services
    done = await services.privacy.forget(
        context.learner, services.images.root, services.settings.data.dir
    )
    return [
        context.tell(
            f"Done: everything about you is deleted ({done['images']} "
            "pictures). Send /start if you want to begin again.",
            "完成：你的全部数据已删除。",
            ephemeral=True,
        )
    ]
