"""The /stats chart as a learner reads it: real days, counts from zero, an empty panel says so."""

from __future__ import annotations

import io
from datetime import date, timedelta

import matplotlib.pyplot as plt
from PIL import Image

from bot.learning.charts import EMPTY, stats_chart, stats_figure

DAYS = [date(2026, 12, 1) + timedelta(days=i) for i in range(14)]
WEEK = [date(2026, 12, 14) + timedelta(days=i) for i in range(7)]


def _said(axis: object) -> list[str]:
    return [t.get_text() for t in axis.texts]  # type: ignore[attr-defined]


def test_a_new_learners_chart_says_what_to_do_instead_of_empty_axes() -> None:
    figure = stats_figure(DAYS, [0] * 14, [None] * 14, WEEK, [0] * 7)
    learned, accuracy, due = figure.axes
    assert _said(learned) == [EMPTY[0]] and _said(accuracy) == [EMPTY[1]]
    assert _said(due) == [EMPTY[2]]
    for axis in (learned, due):
        assert axis.get_ylim()[0] == 0  # never a count below zero
    figure.canvas.draw()
    low, high = accuracy.get_xlim()
    ticks = zip(accuracy.get_xticks(), accuracy.get_xticklabels(), strict=True)
    days = [label.get_text() for at, label in ticks if low <= at <= high]
    assert len(days) == 14 and days[0] == "01 Dec" and days[-1] == "14 Dec"  # not -0.04 … 0.04
    plt.close(figure)


def test_a_learners_chart_shows_whole_words_and_a_gap_on_a_day_without_a_quiz() -> None:
    learned = [0] * 12 + [2, 3]
    accuracy: list[float | None] = [None] * 12 + [0.5, 1.0]
    figure = stats_figure(DAYS, learned, accuracy, WEEK, [4, 0, 1, 0, 0, 0, 0])
    counts, quizzes, _ = figure.axes
    assert not any(_said(axis) for axis in figure.axes)
    figure.canvas.draw()
    ticks = [t for t in counts.get_yticks() if 0 <= t <= counts.get_ylim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)  # no "2.5 words learned"
    line = quizzes.get_lines()[0]
    assert [y for y in line.get_ydata() if y == y] == [50.0, 100.0]  # NaN: no dot, no zero
    plt.close(figure)
    png = stats_chart(DAYS, learned, accuracy, WEEK, [4, 0, 1, 0, 0, 0, 0])
    assert Image.open(io.BytesIO(png)).size == (540, 576)
