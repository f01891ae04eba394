"""/start: greet the learner and say, in two lines, what is kept about them."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.messages import Reply
from bot.conversation.router import command
from bot.conversation.texts import say


@command("start", zh="开始", ephemeral=True, instant=True)
async def start(context: Context) -> list[Reply]:
    """Say hello and explain what Pictolingo does."""
    days = context.services.settings.privacy.retention_days
    text = say(
        context.incoming,
        "Hello! I am Pictolingo. I draw English words so you can learn them.\n"
        "Try /word apple or /sentence The cat sleeps on the sofa. Send /help for more.\n\n"
        "Privacy: I keep only your chat id, the words you ask for and their pictures, never "
        f"your name.\nAccounts unused for {days} days are deleted; /mydata shows everything, "
        "/forget deletes it.",
        "你好！我是 Pictolingo，我会把英语单词画出来帮你学习。\n"
        "隐私：我只保存你的聊天 ID、你查的单词和图片。",
    )
    return [Reply(text)]
