"""Beginners' sentence mistakes, corrected kindly before a sentence is drawn.

Only the errors beginners make most, each by a narrow rule that leaves the sentence alone when
it is not sure: capital I and the first letter, final punctuation, a/an, a plural after a
number, subject–verb agreement after a pronoun, "the + noun" or "two + nouns" (was/were and
don't/doesn't too), "there is/are" by what follows, no ending after a modal ("can swim"), and a
missing article after "is/have/see". Word forms come from `lemminflect` (a maintained English
morphology library); whether a word is a noun or a verb, and whether a noun is countable, from
the dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.learning.countability import SAME_IN_PLURAL, countable, takes_an
from bot.learning.dictionary import Dictionary
from bot.learning.plain import learner_definitions
from engine.scene_words import COLOURS, HELPERS, MODALS

_TOKEN = re.compile(r"[A-Za-z']+|\d+|[^\sA-Za-z\d]|\s+")
NUMBERS = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "many", "several", "some", "these", "those",
}  # fmt: skip
SINGULAR_SUBJECTS = {"he", "she", "it", "this", "that"}
# Groups British English lets take a plural verb ("The family are happy."): never a wrong answer
COLLECTIVE = frozenset(
    {"family", "team", "class", "group", "staff", "crew", "audience", "band", "club", "couple",
     "government", "company", "army", "public", "committee", "jury", "police", "orchestra"}
)  # fmt: skip
PLURAL_SUBJECTS = {"we", "you", "they", "these", "those"}
DETERMINERS = {"the", "a", "an", "my", "your", "his", "her", "our", "their", "this", "that"}
# What may follow a verb we change: a verb is only recognised where little else could be.
AFTER_VERB = {
    "a", "an", "the", "on", "in", "under", "at", "to", "with", "my", "your", "his", "her",
    "their", "our", "its", "some", "very", "well", "fast", "now", "today", "every", "into",
    "near", "behind", "next", "and", "",
}  # fmt: skip
LINKING = {"is", "are", "am", "was", "were", "has", "have", *MODALS}
# Forms whose person the corrector reads: "They was happy.", "He don't like apples."
PAST_BE = {"I": "was", "3": "was", "P": "were"}
DO_NOT = {"I": "don't", "3": "doesn't", "P": "don't"}
BE_NOT = {"3": "isn't", "P": "aren't"}  # "They isn't happy." ("I isn't" is left alone)
WAS_NOT = {"I": "wasn't", "3": "wasn't", "P": "weren't"}
PERSON_FORMS = (PAST_BE, DO_NOT, BE_NOT, WAS_NOT)
# After these the verb has no ending: "He can't swims.", "She doesn't likes milk.", "He didn't
# went home."
BARE_AFTER = MODALS | {
    "can't", "cannot", "won't", "wouldn't", "couldn't", "shouldn't", "mustn't", "don't",
    "doesn't", "didn't",
}  # fmt: skip
# A beginner's other form of the same verb, for a text-only quiz's wrong choices.
SWAPPED = {"is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has"}
SWAPPED |= {"doesn't": "don't", "don't": "doesn't", "am": "is", "isn't": "aren't"}
SWAPPED |= {"aren't": "isn't", "wasn't": "weren't", "weren't": "wasn't"}
THERE_BE = {v: pair for pair in (("is", "are"), ("was", "were")) for v in pair}  # (one, many)
# "a lot of", "a hundred": after "there is/are" these say nothing of one or many
AMOUNTS = {"lot", "few", "couple", "number", "hundred", "thousand", "million", "dozen", "little"}
# A question's helper before its subject: "Did she mention the party?" ("mention" stays bare)
QUESTION_HELPERS = BARE_AFTER | HELPERS
# What "some" counts: things one can point at ("some apple" → apples, never "some troubles")
LEXNAME_THINGS = {"noun.animal", "noun.artifact", "noun.person", "noun.plant", "noun.body"}
THING_KINDS = {"animal", "thing", "person", "body"}  # the plain meanings' kinds
LEXNAME_ALIVE, ALIVE_KINDS = {"noun.animal", "noun.person"}, {"animal", "person"}
# After a number, a word that begins another noun phrase: "at seven every day" (it was
# "corrected" to "every days"), "at six the next morning"
_NOT_COUNTED = DETERMINERS | {"every", "each", "some", "any", "no"}
CLOCK_WORDS = {"am", "pm", "o'clock"}  # "a.m." is read as "a", ".", "m", "."
ARTICLE_AFTER = {"is", "am", "was", "have", "has", "see", "sees", "want", "wants", "need"}
IRREGULAR = {
    ("be", "I"): "am",
    ("be", "3"): "is",
    ("be", "P"): "are",
    ("have", "3"): "has",
    ("have", "I"): "have",
    ("have", "P"): "have",
}


@dataclass(frozen=True)
class Correction:
    original: str
    text: str  # the corrected sentence
    changed: tuple[str, ...]  # the words put in (for highlighting)

    def pieces(self) -> list[tuple[str, bool]]:
        """The corrected sentence in pieces, (text, changed), for highlighting."""
        marked = set(self.changed)
        return [(piece, piece in marked) for piece in re.split(r"(\W+)", self.text) if piece]


def inflected(word: str, tag: str) -> str | None:
    """The word in a Penn tag's form ("apply", "VBZ": applies), as lemminflect spells it."""
    from lemminflect import getInflection

    forms = getInflection(word, tag)
    return forms[0] if forms else None


def lemma_of(word: str, pos: str) -> str:
    """The word's base form for a universal part of speech ("flies", "NOUN": fly)."""
    from lemminflect import getLemma

    forms = getLemma(word, pos)
    return forms[0] if forms else word


def _plain_part(word: str) -> str | None:
    """The part of speech of the word's plain meaning, if the project wrote one."""
    plain = learner_definitions().get(word.lower())
    return plain.part_of_speech if plain else None


def counts_many(word: str) -> bool:
    """Does the word count more than one ("two", "12", "many"; not "some": "some milk")?"""
    return (word in NUMBERS and word != "some") or (word.isdigit() and int(word) > 1)


@cache
def named_compounds() -> frozenset[str]:
    """Two-word names of things a learner meets: the starter's pictures ("bus stop", "teddy
    bear") and the plain meanings ("living room"); not WordNet's every pair ("cat sleep", a
    nap, is a cat that sleeps to a beginner)."""
    from engine.starter.additions import drawable_concepts

    names = [n for c in drawable_concepts() for n in (c.name, *c.captions)]
    return frozenset(n for n in [*names, *learner_definitions()] if n.count(" ") == 1)


class Corrector:
    def __init__(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary

    def _first_pos(self, word: str) -> str | None:
        senses = self.dictionary.senses(word.lower())
        return senses[0].pos if senses else None

    def _is_verb(self, word: str) -> bool:
        return any(s.pos == "v" for s in self.dictionary.senses(word.lower()))

    def _is_noun(self, word: str) -> bool:
        return self._first_pos(word) == "n"

    def _one_noun(self, words: list[str], position: int) -> bool:
        """Do the words at `position` and after it name one thing ("bus stop", "teddy bear":
        a pair WordNet lists that names a picture or a plain meaning, or whose second word is
        mostly a noun), with no sign that the second is a verb (a place word or "the" after it:
        "the bus stop at the school")? Then the plural and the verb go with the second ("two
        bus stops", "the teddy bear sleeps")."""
        if position + 1 >= len(words):
            return False
        first, second = words[position].lower(), words[position + 1].lower()
        name = f"{first} {lemma_of(second, 'NOUN')}"
        after = words[position + 2].lower() if position + 2 < len(words) else ""
        wordnet = self.dictionary.wordnet
        if name.replace(" ", "_") not in wordnet.index or (after and after in AFTER_VERB):
            return False
        if name in named_compounds():
            return True
        # any other pair WordNet lists is one thing when its second word is mostly a noun
        # ("apple tree", "sea lion"), not when mostly a verb ("cat sleep": the cat sleeps)
        return self._uses(second, "n") > self._uses(second, "v")

    def _uses(self, word: str, pos: str) -> int:
        """How often the word is used as `pos` in SemCor (WordNet's sense counts)."""
        return sum(s.count for s in self.dictionary.wordnet.senses(word.lower(), pos))

    def _mostly_noun(self, word: str) -> bool:
        """Is the word used as a noun more than as an adjective (SemCor counts: "star" yes,
        "cold" no; a colour never: WordNet counts no adjective "red")?"""
        if word.lower() in COLOURS:
            return False
        return self._uses(word, "n") > self._uses(word, "a")  # satellites too

    def _mostly_verb(self, word: str) -> bool:
        """Is the word used as a verb more than as a noun (SemCor: "swims" yes, "cats" no)?"""
        return self._uses(word, "v") > self._uses(word, "n")

    def _noun_follows(self, words: list[str], position: int) -> bool:
        """Is the word after `position` mostly a noun, so that the two name one thing ("toy
        car", "English words": the count goes with the last)?"""
        if position + 1 >= len(words):
            return False
        after = words[position + 1]
        return self._is_noun(after) and self._uses(after, "n") > self._uses(after, "v")

    def _a_thing(self, word: str) -> bool:
        """Is the word a thing one can point at and count (a toy, a dog; not cake or bread,
        which "some" also goes with as they are)?"""
        return self._kind(word, THING_KINDS, LEXNAME_THINGS)

    def _alive(self, word: str) -> bool:
        """A person or an animal, who does things (a summer or a football does not)."""
        return self._kind(word, ALIVE_KINDS, LEXNAME_ALIVE)

    def _kind(self, word: str, kinds: set[str], lexnames: set[str]) -> bool:
        """Is the word of one of these kinds: its plain meaning's, else its first sense's?"""
        plain = learner_definitions().get(word.lower())
        if plain is not None:
            return bool(plain.kinds & kinds)
        senses = self.dictionary.senses(word.lower())
        return bool(senses) and senses[0].lexname in lexnames

    def _can_describe(self, word: str) -> bool:
        """Can the word be an adjective (red, big, happy), whatever its first sense?"""
        return any(s.pos in "as" for s in self.dictionary.senses(word.lower()))

    def correct(self, sentence: str) -> Correction | None:
        """The corrected sentence, or None when nothing needs changing (or we are not sure)."""
        tokens = _TOKEN.findall(sentence.strip())
        if not tokens:
            return None
        changed: list[str] = []
        words = [i for i, t in enumerate(tokens) if t.strip() and t[0].isalnum()]
        texts = [tokens[i] for i in words]

        def put(index: int, new: str) -> None:
            if tokens[index] != new:
                tokens[index] = new
                changed.append(new)

        def following(position: int) -> str:
            return tokens[words[position + 1]].lower() if position + 1 < len(words) else ""

        for index in words:
            low = tokens[index].lower()
            if low in ("i", "i'm", "i've", "i'll", "i'd"):
                put(index, "I" + tokens[index][1:])
        for position, index in enumerate(words):
            low = tokens[index].lower()
            nxt = following(position)
            if position + 1 >= len(words):
                continue
            target = words[position + 1]
            person: str | None = None
            # plural after a number: "two dog" → "two dogs", "two red apple" → "two red apples"
            if low in NUMBERS or (low.isdigit() and int(low) > 1):
                if texts[position + 1].lower() in _NOT_COUNTED:
                    continue  # "at seven every day": the number counts nothing after it
                one = self._one_noun(texts, position + 1)
                if one:
                    target = words[position + 2]  # "two bus stop" → "two bus stops"
                elif self._can_describe(tokens[target]) and not (
                    (position + 2 == len(words) or following(position + 1) in LINKING)
                    and self._mostly_noun(tokens[target])
                ):  # ("I see five star.", "Five star is …": mostly a noun, then the noun)
                    # "red" is also a noun (the colour): the noun is the word after it, if any
                    if position + 2 >= len(words) or not self._is_noun(tokens[words[position + 2]]):
                        continue  # "two red." or "two very …": not sure, leave it
                    target = words[position + 2]
                noun = tokens[target]
                if noun.lower() in CLOCK_WORDS:
                    continue  # "at 3 pm", "at 5 o'clock"
                plural = noun.lower() in SAME_IN_PLURAL  # "four fish" is right as it is
                if (
                    not plural
                    and (one or self._is_noun(noun))
                    and countable(noun)
                    and lemma_of(noun, "NOUN") == noun
                    and noun[:1].islower()  # "some basic English words": no "englishes"
                    and not self._noun_follows(texts, words.index(target))
                    and (low != "some" or self._a_thing(noun))  # "some trouble", "some bread"
                ):
                    form = inflected(noun.lower(), "NNS")
                    if form and form != noun.lower():
                        put(target, form)
                        plural = True
                elif not plural:
                    plural = lemma_of(noun, "NOUN") != noun.lower()  # "two dogs" already
                # "Two dogs is …", "My three cats sleeps …": the counted noun is the subject
                # and its verb goes with the plural (only a counted subject: "I have two cats")
                starts = position == 0 or (position == 1 and texts[0].lower() in DETERMINERS)
                position = words.index(target)
                if not (plural and starts and position + 1 < len(words)):
                    continue
                person, target = "P", words[position + 1]
            # subject–verb agreement
            if person is None:  # who does the verb: I, he, they, "the cats" …
                if low == "i":
                    person = "I"
                elif low in SINGULAR_SUBJECTS and low not in ("this", "that"):
                    person = "3"
                elif low in PLURAL_SUBJECTS and low not in ("these", "those"):
                    person = "P"
                elif low in ("the", "a", "an", "my", "your", "his", "her", "our", "their") and (
                    position == 0
                ):
                    # "The cat sleep on …": the subject is the noun after the determiner
                    noun = nxt
                    one = self._one_noun(texts, position + 1)
                    if one:
                        position += 1  # "A bus stop.": the subject is "bus stop", "stop" no verb
                        noun = tokens[words[position + 1]]
                    elif self._can_describe(noun):
                        continue  # "The red sun.": "red" is no subject and "sun" no verb here
                    if position + 2 < len(words) and (one or self._is_noun(noun)):
                        if noun.lower() in SAME_IN_PLURAL or inflected(noun, "NNS") == noun:
                            continue  # sheep, fish: one or many, we cannot tell
                        many = (
                            any(
                                base != noun
                                for base, _ in self.dictionary.wordnet.base_forms(noun, "n")
                            )
                            or lemma_of(noun, "NOUN") != noun
                        )
                        person = "P" if many else "3"
                        position += 1
                        target = words[position + 1]
                    else:
                        continue
            if person is None:
                continue
            if position and texts[position - 1].lower() in QUESTION_HELPERS:
                continue  # "Did she mention …?", "Does he like …?": the verb stays bare
            verb = tokens[target].lower()
            after = following(position + 1) if position + 1 < len(words) else ""
            for forms in PERSON_FORMS:  # "They was happy.", "He don't like …"
                wanted_form = forms.get(person)
                if verb in forms.values() and wanted_form and wanted_form != verb:
                    put(target, wanted_form)
            if any(verb in forms.values() for forms in PERSON_FORMS):
                continue
            if verb in MODALS or not self._is_verb(verb):
                continue
            base = lemma_of(verb, "VERB")
            if base == "be" or base == "have":
                wanted = IRREGULAR[(base, person)]
                if verb in ("is", "am", "are", "has", "have") and wanted != verb:
                    put(target, wanted)
                continue
            if not (
                after in AFTER_VERB or after.isdigit() or self._first_pos(after) in ("n", "a", "s")
            ):
                continue  # not sure this word is the verb: leave it
            if following(position + 2) in LINKING or (
                low in DETERMINERS  # after "the summer", "term" names a thing
                and not self._alive(tokens[words[position]])  # "The boy kick balls."
                and bool(after)
                and self._mostly_noun(verb)
                and inflected(lemma_of(after, "VERB"), "VBZ") == after
            ):  # "The school trip fee is …", "The summer term ends …": a thing, no verb
                continue
            if low in ("a", "an") and not after and self.dictionary.wordnet.senses(verb, "n"):
                continue  # "A school report.", "A spelling mistake.": a thing's name, no verb
            if person == "3" and verb == base and inflected(base, "VBD") != verb:
                # ("She hit the ball." is a past as often as a mistake: left alone)
                form = inflected(base, "VBZ")
                if form and form != verb:
                    put(target, form)
            elif person in ("I", "P") and verb != base and inflected(base, "VBZ") == verb:
                put(target, base)
        # "He can swims." → "swim": after a modal (or a "don't") the verb has no ending ("The
        # can opens." is a tin, after its determiner, and is left alone)
        for position, index in enumerate(words[:-1]):
            before = tokens[words[position - 1]].lower() if position else ""
            helper = tokens[index].lower()
            if not position or helper not in BARE_AFTER or before in DETERMINERS:
                continue  # ("Can cats swim?": a question's modal comes before its subject)
            target = words[position + 1]
            verb = tokens[target].lower()
            base = lemma_of(verb, "VERB")
            endings = ("VBZ", "VBD") if helper == "didn't" else ("VBZ",)  # "didn't went"
            ended = any(inflected(base, tag) == verb for tag in endings)
            if verb != base and self._mostly_verb(verb) and ended:
                put(target, base)
        # "There is two cats." / "There are a dog.": the verb goes with what comes after it
        for position, index in enumerate(words[:-2]):
            verb = tokens[words[position + 1]].lower()
            if tokens[index].lower() != "there" or verb not in THERE_BE:
                continue
            what = tokens[words[position + 2]].lower()
            then = tokens[words[position + 3]].lower() if position + 3 < len(words) else ""
            if what in ("a", "an") and then in AMOUNTS:
                continue  # "There are a hundred pages.", "There is a lot of milk.": both right
            many = counts_many(what)
            if many or what in ("a", "an", "one"):
                put(words[position + 1], THERE_BE[verb][many])
        # a/an and a missing article
        for position, index in enumerate(words):
            low = tokens[index].lower()
            if position + 1 >= len(words):
                continue
            target = words[position + 1]
            nxt = tokens[target]
            if low in ("a", "an"):
                wanted = "an" if takes_an(nxt) else "a"
                several = self._is_noun(nxt) and lemma_of(nxt, "NOUN") != nxt.lower()
                if low != wanted and not several:  # "a apples": not "an apples" (one? many?)
                    put(index, wanted.capitalize() if tokens[index][0].isupper() else wanted)
            elif low in ARTICLE_AFTER and position + 2 >= len(words):
                # "This is cat." / "I have dog." → "a cat", "a dog"
                noun = nxt
                if (
                    noun.lower() not in DETERMINERS
                    and self._is_noun(noun)
                    and not any(x.pos in "as" for x in self.dictionary.senses(noun.lower()))
                    and countable(noun)
                    and lemma_of(noun, "NOUN") == noun
                    and not self.dictionary.senses(noun)[0].lexname.startswith("noun.person")
                    and noun.islower()
                    and _plain_part(noun) in (None, "noun")  # "This book is mine." (a pronoun)
                ):
                    article = "an" if takes_an(noun) else "a"
                    tokens[target] = f"{article} {noun}"
                    changed.append(article)
        if words and tokens[words[0]][:1].islower():
            tokens[words[0]] = tokens[words[0]][0].upper() + tokens[words[0]][1:]
            changed.append(tokens[words[0]])
        text = "".join(tokens).strip()
        if text and text[-1] not in ".!?":
            text += "."
        if text == sentence.strip():
            return None
        return Correction(sentence.strip(), text, tuple(changed))


def mistakes(corrector: Corrector, sentence: str) -> list[str]:
    """The sentence with one beginner's mistake each (agreement, a plural after a number, a/an,
    small i), keeping only those this corrector puts back to `sentence`: a text-only quiz's
    wrong choices, each plainly wrong English."""
    tokens = _TOKEN.findall(sentence)
    words = [i for i, t in enumerate(tokens) if t[:1].isalpha()]
    variants: list[str] = []

    def variant(index: int, new: str | None) -> None:
        if new and new != tokens[index]:
            variants.append("".join([*tokens[:index], new, *tokens[index + 1 :]]))

    for position, index in enumerate(words):
        token, low = tokens[index], tokens[index].lower()
        before = tokens[words[position - 1]].lower() if position else ""
        if low == "i":
            variant(index, "i")
        elif low in ("a", "an"):
            variant(index, {"a": "an", "an": "a"}[low] if token.islower() else None)
        elif before in COLLECTIVE:
            continue
        elif low in SWAPPED and position:  # "She are happy.", "He don't like milk."
            variant(index, SWAPPED[low])
        elif before in NUMBERS and corrector._is_noun(low):
            variant(index, lemma_of(low, "NOUN"))  # "two dogs" → "two dog"
        elif corrector._is_verb(low) and (
            before in ("i", "you", "we", "they", *SINGULAR_SUBJECTS)
            # "The grandma dances." → "The grandma dance."; never after a noun whose plural is
            # itself ("The fish swim." is right too)
            or (position and corrector._is_noun(before) and before not in SAME_IN_PLURAL)
        ):
            lemma = lemma_of(low, "VERB")
            variant(index, inflected(lemma, "VBZ") if low == lemma else lemma)
    right = sentence.strip()
    fixed = {v: corrector.correct(v) for v in dict.fromkeys(variants) if v.strip() != right}
    return [v for v, correction in fixed.items() if correction and correction.text == right]
