"""Reply → Discord: escaped markdown split at 2000, a word-card embed with the picture, buttons.

Buttons are dynamic items (their custom id carries who may press them and the neutral button
data), so they keep working after a restart; a button meant for one learner refuses others.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import discord

from bot.conversation.markup import render, split_text
from bot.conversation.messages import Button, Reply

TEXT_LIMIT = 2000
EMBED_LIMIT = 4096
DEFAULT_FILE_LIMIT = 10 * 1024 * 1024  # Discord's limit for servers without boosts
CARD_COLOUR = discord.Colour.from_rgb(255, 183, 3)
OPEN_BUTTONS = ("chal:",)  # class challenge answers: anyone in the channel may press


def to_markdown(text: str) -> str:
    """Our light markup as Discord markdown; nothing a student types can format or mention."""

    def escape(piece: str) -> str:
        return discord.utils.escape_mentions(discord.utils.escape_markdown(piece))

    return render(text, escape, "**", "**")


def markdown_parts(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    size = limit
    while size > 64:
        parts = [to_markdown(p) for p in split_text(text, size)]
        if all(len(p) <= limit for p in parts):
            return [p for p in parts if p.strip()]
        size = int(size * 0.8)
    return [to_markdown(text)[:limit]]


BUTTON_ID = r"pl:(?P<owner>\d+):(?P<data>.+)"


class ChoiceButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=BUTTON_ID):
    """One choice; `owner` 0 means anyone may press it."""

    def __init__(self, owner: int, data: str, label: str = "…") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:80],
                style=discord.ButtonStyle.secondary,
                custom_id=f"pl:{owner}:{data}",  # the adapter shortened long data already
            )
        )
        self.owner = owner
        self.data = data

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ChoiceButton:
        return cls(int(match["owner"]), match["data"], getattr(item, "label", None) or "…")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if self.owner and interaction.user.id != self.owner:
            await interaction.response.send_message(
                "These buttons belong to someone else. Start your own with /quiz or /word.",
                ephemeral=True,
            )
            return False
        return True

    async def callback(self, interaction: discord.Interaction) -> None:
        adapter = getattr(interaction.client, "pictolingo", None)
        if adapter is not None:
            await adapter.on_button(interaction, self.data)


def view_for(buttons: tuple[tuple[Button, ...], ...], owner: int) -> discord.ui.View | None:
    if not buttons:
        return None
    view = discord.ui.View(timeout=None)
    for row_index, row in enumerate(buttons[:5]):
        for button in row[:5]:
            who = 0 if button.data.startswith(OPEN_BUTTONS) else owner
            item = ChoiceButton(who, button.data, button.label)
            item.item.row = row_index
            view.add_item(item)
    return view


def card_embed(reply: Reply, filename: str) -> discord.Embed:
    """A picture with its word card, in Pictolingo's colour."""
    lines = reply.text.splitlines()
    title = to_markdown(lines[0])[:256] if lines else None
    body = "\n".join(to_markdown(line) for line in lines[1:])[:EMBED_LIMIT]
    embed = discord.Embed(title=title, description=body or None, colour=CARD_COLOUR)
    embed.set_image(url=f"attachment://{filename}")
    return embed


def files_for(reply: Reply, limit: int) -> tuple[list[discord.File], list[str]]:
    """Attachments that fit the server's limit, and the names of those that did not."""
    paths: list[tuple[Path, str]] = []
    for index, picture in enumerate(reply.images):
        paths.append((picture.path, f"picture{index or ''}.png"))
    if reply.audio is not None:
        paths.append((reply.audio, reply.audio.name))
    for attachment in reply.files:
        paths.append((attachment.path, attachment.filename))
    files, too_big = [], []
    for path, name in paths:
        if path.exists() and path.stat().st_size <= limit:
            files.append(discord.File(path, filename=name))
        else:
            too_big.append(name)
    return files, too_big
