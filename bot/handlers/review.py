"""/review: the words that are due today, asked again with the learner's own pictures."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Reply
from bot.conversation.router import command
from bot.handlers.quiz import ROUND, first_question
from bot.handlers.stats import when


@command("review", zh="复习", private=True)
async def review(context: Context) -> list[Reply]:
    """Review the words that are due today (spaced repetition)."""
    services = context.services
    now = services.clock.now()
    due = await services.learning.due_items(context.learner, now, ROUND)
    if not due:
        upcoming = await services.learning.next_due(context.learner)
        if upcoming is None:
            return [
                context.tell(
                    "Nothing to review yet. Take a /quiz first, "
                    "and I will remind you when to review.",
                    "还没有要复习的。先做一个 /quiz 吧。",
                )
            ]
        text, due_at = upcoming
        return [
            context.tell(
                f"Nothing to review right now. Next: {bold(text)} {when(now, due_at)}.",
                "现在没有要复习的。",
            )
        ]
    kinds = ["type_word", "pick_word"]
    quiz_id = await services.quizzes.build(context.learner, due, "review", kinds=kinds)
    return await first_question(context, quiz_id)
