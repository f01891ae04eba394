"""/help: every command with its one-line summary, generated from the handlers' docstrings."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Reply
from bot.conversation.router import COMMANDS, command
from bot.conversation.texts import say, wants_chinese


@command(
    "help", usage="/help [command]", example="/help word", zh="帮助", ephemeral=True, instant=True
)
async def help_(context: Context) -> list[Reply]:
    """Show what I can do, or how to use one command (/help word)."""
    incoming = context.incoming
    asked = context.args.strip().lstrip("/").lower()
    if asked:
        spec = COMMANDS.get(asked)
        if spec is None or spec.hidden:
            return [
                context.tell(
                    f"There is no /{asked[:32]}. Send /help to see all commands.",
                    "没有这个命令。发送 /help 查看全部命令。",
                    ephemeral=True,
                )
            ]
        return [Reply(f"{bold(spec.usage)}\n{spec.help}\nExample: {spec.example}")]
    lines = [say(incoming, "Here is what I can do:", "我可以做这些：")]
    for spec in sorted(COMMANDS.values(), key=lambda c: c.name):
        if spec.hidden or (spec.teacher_only and not incoming.is_teacher):
            continue
        zh = f" · {spec.summary_zh}" if wants_chinese(incoming) and spec.summary_zh else ""
        lines.append(f"{bold(spec.usage)} — {spec.summary}{zh}")
    return [Reply("\n".join(lines))]
