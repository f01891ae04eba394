"""The word card shown with every picture: meaning, part of speech, IPA, level, example, Chinese."""

from __future__ import annotations

from dataclasses import replace

from bot.conversation.markup import bold
from bot.learning.countability import plural
from bot.learning.dictionary import PICTURE_GROUPS, Dictionary, Meaning, WordCard
from bot.learning.examples import noun_example, simple_example
from bot.learning.forms import TAGS, agreeing, counted_singular, plural_noun
from bot.learning.plain import Plain, learner_definitions, own_example
from bot.learning.pronunciation import pronounce
from bot.learning.typed_chinese import chinese_of
from engine.wordnet import WordNet

CATEGORY_ICONS = {
    "noun.animal": "🐾",
    "noun.artifact": "🔧",
    "noun.food": "🍽",
    "noun.plant": "🌱",
    "noun.object": "⛰",
    "noun.body": "🖐",
    "noun.person": "🧑",
    "noun.location": "📍",
    "noun.phenomenon": "🌦",
    "noun.substance": "🧪",
    "noun.group": "🏦",
}


def kind_of(category: str) -> str:
    """A WordNet category as the learner definitions name kinds of thing."""
    return PICTURE_GROUPS.get(category, "other")


def plain_fits(plain: Plain, meaning: Meaning) -> bool:
    """Is the project's plain meaning the one taught? Its own WordNet sense, or a sense of the
    same kind of thing (the scripts that filled the senses picked one of several close ones).
    "other" says nothing about a noun: a note that is a short letter is no musical note."""
    if meaning.sense_id == plain.sense_id:
        return True
    kind = kind_of(meaning.category)
    return kind in plain.kinds and (kind != "other" or plain.part_of_speech != "noun")


def drawn_as(
    dictionary: Dictionary,
    card: WordCard | None,
    meaning: Meaning | None,
    *,
    pictured: bool = True,
) -> WordCard | None:
    """The card of the meaning drawn (a homograph's chosen sense): that meaning first, and its
    Chinese rather than the everyday meaning's (a cricket bat is 球棒, not 蝙蝠). `pictured`:
    shown under its picture, whose thing the example may point at ("This is a ticket.")."""
    if card is None or not card.meanings:
        return card
    if meaning is None or meaning.sense_id == card.meanings[0].sense_id:
        return pointed_at(dictionary, card) if pictured else card
    others = tuple(m for m in card.meanings if m.sense_id != meaning.sense_id)
    chinese, plain, form = card.chinese, card.plain, card.form_of
    first, drawn = dictionary.synset(card.meanings[0].sense_id), dictionary.synset(meaning.sense_id)
    # "cola" the drink is a word of its own, not the plural of colon its first meaning is
    own_word = drawn is not None and card.word.lower().replace(" ", "_") in {
        lemma.lower() for lemma in drawn.lemmas
    }
    if own_word:
        form = None
    elif drawn is not None:  # leaves drawn as leaves: leaf's plural, not leave's he/she/it form
        form = agreeing(dictionary.wordnet, card.word, form, drawn.pos)
        single = learner_definitions().get(form[1]) if form and form[0] == "plural of" else None
        if single is not None and plain_fits(single, meaning):  # and leaf's plain meaning, 叶子
            plain, chinese = single, single.chinese if card.chinese else None
    shows_plain = plain is not None and plain_fits(plain, meaning)
    if chinese is not None and not shows_plain:  # the plain meaning's Chinese goes with it
        # "hearts" is a WordNet word of its own (the card game), yet drawn as hearts: heart's
        base = form[1] if form else None
        base = base or (None if own_word else counted_singular(dictionary.wordnet, card.word))
        base = base or card.word
        chinese = chinese_of(dictionary, base, meaning)
    example = card.example
    if (
        form != card.form_of
        or meaning.part_of_speech != card.meanings[0].part_of_speech
        or _own_example(dictionary, card.meanings[0], example)
        # the plain meaning's own example, under another meaning: "Can we have the bill,
        # please?" under the banknote drawn
        or (plain is not None and not shows_plain and _plain_example(plain, card, example))
        or (
            example == simple_example(card.word, first)
            and example
            != noun_example(card.word, drawn.lexname if drawn else None, pointed=pictured)
        )
    ):
        # the example was the other meaning's ("Watch a basketball game." under the wristwatch,
        # "The whole camp laughed at his mistake." under a tent, "This is beaver." the fur
        # under the animal): one for the meaning drawn
        # "These are leaves." (not "This is a leaves."), "These are glasses."; "This is a cola."
        wordnet = dictionary.wordnet
        several = drawn is not None and drawn.pos == "n" and plural_noun(wordnet, card.word)
        several = several and (form is not None or counted_singular(wordnet, card.word) is None)
        # "rows" drawn as rowing: "Can you row?", not "Can you rows?"
        verb_form = (
            drawn is not None and drawn.pos == "v" and form and form[0] in TAGS["v"].values()
        )
        example = simple_example(
            form[1] if form and verb_form else card.word, drawn, plural=several, pointed=pictured
        )
    return replace(
        card,
        meanings=(meaning, *others),
        chinese=chinese,
        example=example,
        form_of=form,
        plain=plain,
    )


def pointed_at(dictionary: Dictionary, card: WordCard) -> WordCard:
    """The card under its picture: a word for a thing that is also an idea gets the example
    that points at it ("This is a ticket.", "These are cards."), which with no picture was
    left off, as it is for "treaty" ("This is a treaty." teaches nothing)."""
    meaning = card.meanings[0] if card.meanings else None
    if card.example is not None or meaning is None or meaning.part_of_speech != "noun":
        return card
    several = plural_of(card) or plural_noun(dictionary.wordnet, card.word)
    sense = dictionary.synset(meaning.sense_id)
    return replace(card, example=simple_example(card.word, sense, plural=several, pointed=True))


def of_kinds(card: WordCard) -> WordCard:
    """The card under four of the word's kinds ("animal"): "These are animals.", not "This is an
    animal." (an uncountable word keeps its own: "I like fruit.")."""
    base = card.form_of[1] if card.form_of else card.word
    return _instead_of_this_is(card, f"These are {plural(base)}.")


def of_several(card: WordCard, wordnet: WordNet) -> WordCard:
    """The card under three of one thing, for a plural ("cats"): "These are cats.", not "This
    is a cat."; and under a picture that is a pair ("glove" drawn as gloves): "These are
    gloves."."""
    last = card.word.rsplit(" ", 1)[-1]  # "shopping bags" is already several: not "bagses"
    already = plural_of(card) or plural_noun(wordnet, card.word) or plural_noun(wordnet, last)
    return _instead_of_this_is(card, f"These are {card.word if already else plural(card.word)}.")


def plural_of(card: WordCard) -> bool:
    """Is the card's word the plural of another ("cats" of cat)?"""
    return card.form_of is not None and card.form_of[0] == "plural of"


def shows_several(wordnet: WordNet, subject: str) -> bool:
    """Is the picture named in the plural ("slippers", "french fries": a pair, a heap)?"""
    last = subject.split()[-1] if subject.strip() else ""
    return bool(last) and wordnet.available() and plural_noun(wordnet, last)


def in_place(card: WordCard, place: str) -> WordCard:
    """The card under things found in a place ("in a kitchen"): "These things are in a
    kitchen.", not "This is a kitchen." under a stove and a sink."""
    return _instead_of_this_is(card, f"These things are {place}.")


def in_colour(card: WordCard, colour: str) -> WordCard:
    """The card under things painted in a colour: "These things are red." (what the picture
    shows, not "This is a gray." nor a dictionary's sentence about something else)."""
    return replace(card, example=f"These things are {colour}.")


def _instead_of_this_is(card: WordCard, example: str) -> WordCard:
    """The plain example "This is a …" replaced (a dictionary's own example is kept)."""
    if card.example and card.example.startswith(("This is a ", "This is an ")):
        return replace(card, example=example)
    return card


def _plain_example(plain: Plain, card: WordCard, example: str | None) -> bool:
    """Is the example the one written after the plain meaning's colon?"""
    said = card.form_of[1] if card.form_of else card.word
    return example is not None and example in {own_example(plain, w) for w in (card.word, said)}


def _own_example(dictionary: Dictionary, meaning: Meaning, example: str | None) -> bool:
    """Is the example WordNet's own for that meaning (not a plain one that fits them all)?"""
    sense = dictionary.synset(meaning.sense_id)
    said = (example or "").rstrip(".").lower()
    return sense is not None and any(e.rstrip(".").lower() == said for e in sense.examples)


def card_text(card: WordCard, *, meaning: Meaning | None = None) -> str:
    """A few short lines; the chosen sense (for homographs) comes first."""
    head = [bold(card.word)]
    if card.ipa:
        head.append(card.ipa)
    first = meaning or (card.meanings[0] if card.meanings else None)
    if first:
        head.append(first.part_of_speech)
    elif card.part_of_speech:
        head.append(card.part_of_speech)
    if card.level:
        head.append(card.level)
    lines = [" · ".join(head)]
    if card.form_of:
        kind, base = card.form_of
        lines.append(f"{card.word} — {kind} {bold(base)}")
    plain = card.plain
    if plain and (first is None or plain_fits(plain, first)):
        # the plain meaning a child can read; the dictionary's own words as "More"
        said, colon, own = plain.meaning.partition(": ")
        example = (card.example or "").rstrip(".?!").lower()
        said = said if colon and own.rstrip(".?!").lower() == example else plain.meaning
        stop = "" if said[-1] in "?!" else "."  # "may I come in?" ends as it is
        lines.append(said[0].upper() + said[1:] + stop)  # its own example once, as "Example"
        if first is not None:
            lines.append(f"More: {first.definition.split(';')[0]}")
        return "\n".join(lines + _footer(card))
    meanings = [first] if first else []
    meanings += [m for m in card.meanings if first is None or m.definition != first.definition]
    for number, item in enumerate(meanings[:2], start=1):
        prefix = f"{number}. " if len(meanings) > 1 else ""
        # a meaning of another part of speech says so ("2. (verb) care for like a mother")
        if first is not None and item.part_of_speech != first.part_of_speech:
            # and how it is said, when that differs: "tear /tɪr/ … 2. (verb, /tɛr/) rip"
            root = card.form_of[1] if card.form_of else None  # tears /tɪrz/ … (verb, /tɛrz/)
            ipa = pronounce(card.word, item.sense_id[:1], item.category, base=root)
            sound = f", {ipa}" if ipa and card.ipa and ipa != card.ipa else ""
            prefix += f"({item.part_of_speech}{sound}) "
        lines.append(f"{prefix}{item.definition}")
    return "\n".join(lines + _footer(card))


def _footer(card: WordCard) -> list[str]:
    """The example and the Chinese line, under every card."""
    lines = [f"Example: {card.example}"] if card.example else []
    if card.chinese:
        lines.append(f"中文: {card.chinese}")
    return lines


def sense_label(meaning: Meaning) -> str:
    icon = CATEGORY_ICONS.get(meaning.category, "•")
    short = meaning.definition.split(";")[0]
    return f"{icon} {short[:40]}{'…' if len(short) > 40 else ''}"
