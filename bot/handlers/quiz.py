"""/quiz and the quiz buttons: check that the learner understood, then schedule review."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.messages import Reply
from bot.conversation.router import callback, command, on_text
from bot.conversation.validation import is_number

ROUND = 5


@command("quiz", zh="小测验")
async def quiz(context: Context) -> list[Reply]:
    """A round of 5 questions about the words and sentences you have seen."""
    return await start_round(context)


async def start_round(context: Context) -> list[Reply]:
    services = context.services
    now = services.clock.now()
    due = await services.learning.due_items(context.learner, now, ROUND)
    recent = await services.learning.items(context.learner, limit=50)
    chosen = list(due)
    for item in recent:
        if len(chosen) >= ROUND:
            break
        if all(item.id != c.id for c in chosen):
            chosen.append(item)
    if not chosen:
        return [
            context.tell(
                "Learn some words first! Try /word apple, then /quiz.",
                "先学几个单词吧！试试 /word apple。",
            )
        ]
    quiz_id = await services.quizzes.build(context.learner, chosen, "round")
    return await first_question(context, quiz_id)


async def first_question(context: Context, quiz_id: int | None) -> list[Reply]:
    if quiz_id is None:
        return [
            context.tell(
                "I could not make a quiz from these words yet. Learn a few more with /word.",
                "这些词还不能出题。再学几个吧。",
            )
        ]
    learning = context.services.learning
    question = await learning.next_question(quiz_id)
    assert question is not None
    _, total = await learning.quiz_score(quiz_id)
    in_group = context.incoming.chat_kind == "group"
    return [await context.services.quizzes.ask(question, number=1, total=total, in_group=in_group)]


@callback("quiz")
async def quiz_button(context: Context) -> list[Reply]:
    """'Quiz me' under a picture (quiz:<item>) or 'Another quiz' (quiz:round)."""
    if context.args == "round":
        return await start_round(context)
    if not is_number(context.args):
        return []
    item = await context.services.learning.item(context.learner, int(context.args))
    if item is None:
        return [
            context.tell(
                "That picture is not in your list any more.",
                "这张图片已经不在你的列表里了。",
                ephemeral=True,
            )
        ]
    quiz_id = await context.services.quizzes.build(
        context.learner, [item], "picture", kinds=["pick_word"]
    )
    return await first_question(context, quiz_id)


@callback("qa")
async def answer_button(context: Context) -> list[Reply]:
    question_id, _, choice = context.args.partition(":")
    if not is_number(question_id):
        return []
    services = context.services
    question = await services.learning.question(context.learner, int(question_id))
    if question is None:
        return [
            context.tell(
                "That quiz belongs to someone else, or it is gone.",
                "这个测验不是你的，或者已经没有了。",
                ephemeral=True,
            )
        ]
    in_group = context.incoming.chat_kind == "group"
    if choice == "skip":
        return await services.quizzes.answer_typed(context.learner, question, "", in_group=in_group)
    return await services.quizzes.answer_choice(
        context.learner, question, choice, in_group=in_group
    )


@on_text
async def typed_answer(context: Context) -> list[Reply] | None:
    """A typed answer to the learner's open "type the word" question (otherwise: not for us)."""
    services = context.services
    incoming = context.incoming
    in_group = incoming.chat_kind == "group"
    if in_group and not incoming.replies_to_bot:
        return None  # class chatter is never graded: an answer in a group replies to the question
    question = await services.learning.open_typed_question(context.learner)
    if question is None or not incoming.text.strip():
        return None
    return await services.quizzes.answer_typed(
        context.learner, question, incoming.text, in_group=in_group
    )
