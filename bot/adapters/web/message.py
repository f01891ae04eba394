"""Reply → JSON for the browser: text escaped as HTML (bold as <b>), pictures and files as URLs."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from bot.conversation.markup import render
from bot.conversation.messages import Reply

_SHA_FILE = re.compile(r"^[0-9a-f]{64}\.png$")


def text_html(text: str) -> str:
    return render(text, html.escape, "<b>", "</b>").replace("\n", "<br>")


def image_url(path_name: str) -> str | None:
    """Pictures are content-addressed: their URL is their hash, which cannot be guessed."""
    return f"/images/{path_name}" if _SHA_FILE.match(path_name) else None


def render_reply(reply: Reply, share: Callable[[Any], str]) -> dict[str, Any]:
    """The message the page shows. `share` turns a private file into a short-lived URL."""
    images = []
    for picture in reply.images:
        url = image_url(picture.path.name) or share(picture.path)
        images.append({"url": url, "alt": picture.alt or picture.caption or "picture"})
    return {
        "type": "reply",
        "handle": reply.handle,
        "edit_of": reply.edit_of,
        "clears": reply.clears,
        "pending": reply.pending,
        "progress": reply.progress,
        "html": text_html(reply.text),
        "images": images,
        "audio": share(reply.audio) if reply.audio else None,
        "files": [{"url": share(f.path), "name": f.filename} for f in reply.files],
        "buttons": [[{"label": b.label, "data": b.data} for b in row] for row in reply.buttons],
    }
