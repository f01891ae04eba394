"""A class plays a challenge end to end: the teacher sets it up, learners answer, the reveal."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from bot.challenges.rounds import pseudonym
from bot.challenges.runner import ChallengeRunner
from tests.helpers import FakeClock, Person, RecordingSender, shown


async def test_a_class_challenge_from_set_up_to_leaderboard(
    app: App, platform: RecordingSender, runner: ChallengeRunner, clock: FakeClock
) -> None:
    clock.moment = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # Monday
    teacher = Person(app, "teacher", "5A", teacher=True)
    amy, ben, cai = (Person(app, name, "5A") for name in ("amy", "ben", "cai"))
    assert "is for teachers" in shown((await amy.say("/challenge on 08:30"))[0])
    added = shown((await teacher.say("/wordlist add apple, cat, sun, dog, banana"))[0])
    assert "Added 5 word(s)" in added
    on = shown((await teacher.say("/challenge on 08:30 reveal 15:00 Europe/London list"))[0])
    assert "every day at 08:30" in on and "answers shown at 15:00" in on

    clock.moment = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    assert (await runner.tick()).posted == 1
    question = platform.to("5A")[-1]
    assert "Class challenge! What is this? Answer before 15:00" in shown(question)
    game = await app.services.challenges.latest_round("class", "5A")
    assert game is not None and game.word in {"apple", "cat", "sun", "dog", "banana"}
    wrong = next(choice for choice in game.choices if choice != game.word)

    ack = (await amy.press(question, game.word))[0]
    assert ack.ephemeral and "The answer is shown at 15:00" in shown(ack)
    assert "already answered" in shown((await amy.press(question, wrong))[0])
    await ben.press(question, wrong)
    await cai.say(f"/answer the {game.word.upper()}")

    # before the reveal nobody can see who answered wrong
    early = shown((await ben.say("/leaderboard"))[0])
    assert "No answers yet" in early and "0 XP" not in early and "10 XP" not in early

    clock.moment = datetime(2026, 3, 2, 14, 59, tzinfo=UTC)
    assert (await runner.tick()).revealed == 0
    clock.moment = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    assert (await runner.tick()).revealed == 1
    reveal = shown(platform.to("5A")[-1])
    assert f"The answer was {game.word}!" in reveal and "Right: 2 of 3" in reveal
    assert pseudonym(await app.services.users.learner_for("class", "amy")) in reveal
    late = (await ben.press(question, game.word))[0]
    assert "That challenge is over" in shown(late)

    board = shown((await ben.say("/leaderboard"))[0])
    lines = board.splitlines()
    assert "This week's leaderboard" in lines[0] and "20 XP" not in board
    amy_id = await app.services.users.learner_for("class", "amy")
    ben_id = await app.services.users.learner_for("class", "ben")
    assert pseudonym(amy_id) in lines[1] and "10 XP" in lines[1]
    assert pseudonym(ben_id) in lines[3] and "0 XP" in lines[3]
    assert (await app.services.learning.progress(amy_id)).xp == 10
    assert (await app.services.learning.progress(amy_id)).streak == 1
    assert (await app.services.learning.progress(ben_id)).xp == 0

    # next Monday the weekly board starts again; the all-time board remembers
    clock.moment = datetime(2026, 3, 9, 16, 0, tzinfo=UTC)
    assert "No answers yet" in shown((await amy.say("/leaderboard week"))[0])
    assert "10 XP" in shown((await amy.say("/leaderboard all"))[0])


async def test_the_teacher_can_play_at_once_in_the_terminal(
    app: App, chat: TerminalAdapter
) -> None:
    chat.is_teacher = True
    await chat.say("/challenge now")
    await chat.settle()
    question = chat.transcript.replies[-1]
    assert "What is this?" in shown(question) and question.images
    game = await app.services.challenges.latest_round("terminal", "local")
    assert game is not None and game.image_id == question.images[0].image_id
    await chat.press(game.word)
    reveal = shown((await chat.say("/challenge reveal"))[0])
    assert f"The answer was {game.word}!" in reveal and "Right: 1 of 1" in reveal
    assert "There is no open challenge" in shown((await chat.say("/challenge reveal"))[0])


async def test_a_second_challenge_waits_for_the_reveal(chat: TerminalAdapter) -> None:
    chat.is_teacher = True
    await chat.say("/challenge now")
    await chat.settle()
    assert "still open" in shown((await chat.say("/challenge now"))[0])


async def test_challenge_now_uses_the_class_list_and_a_new_word_each_time(
    app: App, chat: TerminalAdapter
) -> None:
    chat.is_teacher = True
    await chat.say("/wordlist add apple, cat, dog")
    words = []
    for _ in range(3):
        await chat.say("/challenge now")
        await chat.settle()
        game = await app.services.challenges.latest_round("terminal", "local")
        assert game is not None
        words.append(game.word)
        await chat.say("/challenge reveal")
    assert sorted(words) == ["apple", "cat", "dog"], words  # the list, never the same twice
