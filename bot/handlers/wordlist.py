"""/wordlist for teachers: the class's own words for challenges (add, remove, show, CSV import)."""

from __future__ import annotations

import csv
import io
import re

from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Incoming, Reply
from bot.conversation.router import command
from bot.conversation.texts import counted, say

MAX_WORDS = 500
_WORD = re.compile(r"^[a-z][a-z' -]{0,39}$")


def split_words(text: str) -> list[str]:
    """Words from 'apple, ice cream', 'apple cat sun', or CSV lines (first column is the word)."""
    text = text.strip()
    if "\n" in text:
        cells = [row[0] for row in csv.reader(io.StringIO(text)) if row]
    elif "," in text or ";" in text:
        cells = text.replace(";", ",").split(",")
    else:
        cells = text.split()
    words: list[str] = []
    for cell in cells:
        word = " ".join(cell.strip().lower().split())
        if word and word != "word" and word not in words:
            words.append(word)
    return words


@command(
    "wordlist",
    usage="/wordlist add WORDS | remove WORDS | show | import CSV",
    example="/wordlist add apple, cat, sun",
    zh="班级单词表",
    teacher_only=True,
)
async def wordlist(context: Context) -> list[Reply]:
    """Manage this class's word list for /challenge (… level list).

    /wordlist add apple, cat, sun
    /wordlist remove cat
    /wordlist show
    /wordlist import, then CSV lines on the next lines (the first column is the word)
    """
    incoming = context.incoming
    action, _, rest = incoming.args.strip().partition(" ")
    if "\n" in action:
        action, _, more = action.partition("\n")
        rest = more + "\n" + rest
    action = action.lower()
    store = context.services.challenges
    if action in ("", "show"):
        words = await store.words(incoming.platform, incoming.chat_id)
        if not words:
            return [
                context.tell(
                    "The class word list is empty. Add words with /wordlist add apple, cat",
                    "单词表是空的。",
                )
            ]
        shown = ", ".join(words[:200]) + (" …" if len(words) > 200 else "")
        return [Reply(f"{bold(counted(len(words), 'word'))}: {shown}")]
    if action not in ("add", "remove", "import"):
        return [
            context.tell(
                "Use /wordlist add, remove, show or import.",
                "用法：/wordlist add | remove | show | import",
                ephemeral=True,
            )
        ]
    words = split_words(rest)
    if not words:
        return [
            context.tell(
                f"Please add words after /wordlist {action}, for example: "
                f"/wordlist {action} apple, cat",
                "请在后面写单词。",
                ephemeral=True,
            )
        ]
    if action == "remove":
        removed = await store.remove_words(incoming.platform, incoming.chat_id, words)
        return [context.tell(f"Removed {removed} word(s).", f"删除了 {removed} 个单词。")]
    return [await _add(context, incoming, words)]


async def _add(context: Context, incoming: Incoming, words: list[str]) -> Reply:
    services = context.services
    good: list[str] = []
    skipped: list[str] = []
    for word in words:
        if (
            _WORD.match(word)
            and services.dictionary.known(word)
            and not services.prompt_filter.check(word).blocked
        ):
            good.append(word)
        else:
            skipped.append(word)
    have = len(await services.challenges.words(incoming.platform, incoming.chat_id))
    room = max(0, MAX_WORDS - have)
    added = await services.challenges.add_words(incoming.platform, incoming.chat_id, good[:room])
    lines = [say(incoming, f"Added {added} word(s) to the class list.", f"添加了 {added} 个单词。")]
    if len(good) > room:
        lines.append(f"The list is full ({MAX_WORDS} words).")
    if skipped:
        shown = ", ".join(w[:30] for w in skipped[:10] if w.isprintable())
        lines.append(
            say(
                incoming,
                f"Skipped {len(skipped)} I cannot use for a picture challenge: {shown}",
                f"跳过 {len(skipped)} 个：{shown}",
            )
        )
    return Reply("\n".join(lines))
