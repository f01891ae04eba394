from __future__ import annotations

import html

from bot.conversation.markup import BOLD, bold, clean, plain, render, spans, split_text


def test_bold_cannot_be_broken_by_learner_text() -> None:
    hostile = "<b>x</b> *y* __z__ \x02open"
    text = f"You asked: {bold(hostile)}!"
    assert text.count(BOLD) == 2
    rendered = render(text, html.escape, "<b>", "</b>")
    assert rendered == "You asked: <b>&lt;b&gt;x&lt;/b&gt; *y* __z__ open</b>!"


def test_spans_and_plain() -> None:
    assert spans(f"a{BOLD}b{BOLD}c") == [("a", False), ("b", True), ("c", False)]
    assert plain(bold("x")) == "x"
    assert clean("a\x00b\x1bc\u0301") == "abć"


def test_split_respects_lines_words_and_limit() -> None:
    text = "\n".join(f"line {i} " + "word " * 30 for i in range(20))
    parts = split_text(text, 200)
    assert all(len(p) <= 200 for p in parts)
    assert " ".join(" ".join(parts).split()) == " ".join(text.split())
    assert all(not p.startswith(" ") for p in parts)


def test_split_keeps_bold_balanced_in_every_part() -> None:
    text = bold("word " * 100)
    parts = split_text(text, 120)
    assert len(parts) > 3
    for part in parts:
        assert part.count(BOLD) % 2 == 0
        assert plain(part).strip()


def test_unbroken_long_word_is_cut_hard() -> None:
    assert [len(p) for p in split_text("x" * 250, 100)] == [100, 100, 50]
