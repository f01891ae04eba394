"""/style: the look of the pictures in this chat (the operator's LoRA styles and prompt styles)."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Button, Reply
from bot.conversation.router import callback, command
from bot.conversation.texts import say

PLAIN = "plain"


@command("style", usage="/style [name]", example="/style watercolor", zh="图片风格")
async def style(context: Context) -> list[Reply]:
    """Choose how pictures look in this chat (in a class chat, the teacher chooses)."""
    wanted = context.args.strip().lower()
    if not wanted:
        return [await _menu(context)]
    return await _choose(context, wanted)


@callback("style")
async def style_button(context: Context) -> list[Reply]:
    return await _choose(context, context.args.strip().lower())


async def _menu(context: Context) -> Reply:
    incoming = context.incoming
    services = context.services
    names = services.illustrator.style_names
    if not names:
        return context.tell(
            "Pictures here have one style. (Whoever runs this bot can add styles under "
            "[styles] in config.toml.)",
            "这里只有一种图片风格。",
        )
    current = await services.users.chat_style(incoming.platform, incoming.chat_id)
    current = current if current in names else PLAIN
    lines = [
        say(incoming, f"Picture style here: {bold(current)}. Choose one:", f"当前风格：{current}")
    ]
    for name in names:
        description = services.illustrator.style_description(name)
        lines.append(f"• {name}" + (f": {description}" if description else ""))
    if services.illustrator.variety is not None:
        lines.append(
            say(
                incoming,
                "A thing I cannot draw well in a style comes in the noto style.",
                "有些东西画不好某种风格时，用 noto 风格画。",
            )
        )
    buttons = tuple(Button(name, f"style:{name}") for name in [PLAIN, *names])
    return Reply(
        "\n".join(lines), buttons=tuple(buttons[i : i + 3] for i in range(0, len(buttons), 3))
    )


async def _choose(context: Context, wanted: str) -> list[Reply]:
    incoming = context.incoming
    services = context.services
    names = services.illustrator.style_names
    if wanted not in names and wanted != PLAIN:
        shown = wanted[:30] if wanted.isprintable() else "that"
        choices = ", ".join([PLAIN, *names])
        return [
            context.tell(
                f"I don't know the style {bold(shown)}. Styles: {choices}.",
                f"没有这个风格。可选：{choices}",
                ephemeral=True,
            )
        ]
    if incoming.chat_kind == "group" and not incoming.is_teacher:
        return [
            context.tell(
                "In a class chat, the teacher chooses the style.",
                "班级里由老师选择风格。",
                ephemeral=True,
            )
        ]
    await services.users.set_chat_style(
        incoming.platform, incoming.chat_id, None if wanted == PLAIN else wanted, incoming.chat_kind
    )
    return [
        context.tell(
            f"🎨 New pictures here are drawn in the {bold(wanted)} style.",
            f"🎨 以后的图片用 {wanted} 风格。",
        )
    ]
