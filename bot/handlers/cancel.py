"""/cancel and the Cancel button: take a picture request out of the line before it is drawn."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.messages import Reply
from bot.conversation.router import callback, command
from bot.conversation.validation import is_number
from bot.pictures.delivery import job_handle


@command("cancel", zh="取消排队的图片", instant=True)
async def cancel_all(context: Context) -> list[Reply]:
    """Cancel your pictures that are still waiting in line."""
    replies = []
    for job_id in await context.services.jobs.queued_ids(context.owner):
        if await context.services.queue.cancel(job_id, context.owner):
            replies.append(_cancelled(context, job_id))
    if not replies:
        return [
            context.tell("Nothing is waiting to be drawn.", "没有正在排队的图片。", ephemeral=True)
        ]
    return replies


@callback("cancel")
async def cancel_one(context: Context) -> list[Reply]:
    if not is_number(context.args):
        return []  # made-up button data
    job_id = int(context.args)
    if await context.services.queue.cancel(job_id, context.owner):
        return [_cancelled(context, job_id)]
    return [
        context.tell(
            "Too late to cancel: it is being drawn or already done.",
            "来不及取消了：已经在画或者画好了。",
            ephemeral=True,
        )
    ]


def _cancelled(context: Context, job_id: int) -> Reply:
    return context.tell(
        "Cancelled. Send /word any time for a new picture.", "已取消。", edit_of=job_handle(job_id)
    )
