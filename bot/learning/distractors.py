"""Wrong answers that make a quiz worth taking: plausible, never secretly right.

Word distractors share the answer's part of speech, category and level; synonyms, other forms
and close hypernyms/hyponyms are left out. Sentence distractors change exactly one element:
the subject or another noun, the verb, the preposition, or the number.
"""

from __future__ import annotations

import random
import re
from collections.abc import Collection
from functools import lru_cache

from bot.learning.countability import GAMES, MEALS, SAME_IN_PLURAL, countable, takes_an
from bot.learning.dictionary import PICTURE_GROUPS, Dictionary
from bot.learning.grammar import DETERMINERS, counts_many, inflected, lemma_of
from bot.learning.plain import CAPITAL_I, WORDNET_POS, is_given_name, learner_definitions
from engine.prompt_filter import PromptFilter
from engine.scene_words import HELPERS, PRONOUNS

PREPOSITIONS = {
    "on": ["under", "next to", "behind"],
    "under": ["on", "behind", "next to"],
    "in": ["on", "under", "behind"],
    "behind": ["in front of", "on", "under"],
    "above": ["below", "under", "next to"],
    "below": ["above", "on"],
    "into": ["out of", "under"],
    "near": ["far from", "behind"],
    "over": ["under", "behind"],
    "beside": ["behind", "under"],
    "at": ["behind", "near"],
}
NUMBERS = ["one", "two", "three", "four", "five", "six"]
# A child's quiz offers no alcohol, weapon(ry), tobacco or drug as a wrong answer (WordNet kinds
# of the word's first meaning: champagne, sword, cigar), nothing of death (coffin, grave), no
# word that sets a class giggling, and none as true of the picture as the answer (a duck may
# be a female, a mouse a pet).
NOT_OFFERED_KINDS = frozenset({7884567, 4565375, 4566257, 4442831, 3248958})
# Under a picture of a person only a word for what people do is surely wrong: a crowned woman
# is a woman, maybe a sister, a bride, a guest or a stranger. A person's quiz offers people
# named by their work or calling, which a picture shows (kinds of: professional, worker,
# defender, scientist, creator, entertainer, contestant, astronaut; a student may be any child).
ROLE_KINDS = frozenset({10480253, 9632518, 9614684, 10560637, 9614315, 9616922, 9613191, 9818022})
# WordNet's liquids (the fluid, and what is liquid at room temperature): milk, tea, lemonade.
LIQUID = frozenset({14940100, 14940386})
# Body parts and coverings (tail, paw, whisker, feather): true of a picture of an animal.
PARTS = frozenset({5220461, 5237755})
_DEATH = re.compile(r"\b(corpse|burial|buried|death|dying|end of all life)\b")
NOT_OFFERED = frozenset(
    {"butt", "bum", "manure", "dung", "fart", "poop", "male", "female", "pet", "young", "baby"}
    # "The girl has three horrors.": WordNet files a "horror" as a thing
    | {"horror", "terror", "nightmare"}
    # true of any picture's thing: "A girl is under the thing." under an umbrella
    | {"thing", "object", "item", "stuff", "article", "artifact", "artefact", "entity", "whole"}
    | {"unit", "piece", "part", "device", "equipment", "material", "substance", "matter"}
    | {"creature", "being", "organism", "animal", "plant", "food", "person", "people"}
    | {"tom", "queen"}  # WordNet's male and female cat: a cat's picture may be either
    | {"virus", "bacterium", "germ", "microbe"}  # no picture shows them: "Viruses can't fly."
)
COLOURS = [
    "red", "blue", "green", "yellow", "orange", "purple", "pink", "brown", "black", "white",
    "grey", "gray",
]  # fmt: skip
# Helpers and linking verbs carry grammar, not meaning: swapping them makes nonsense.
_BE = {"be", "is", "are", "am", "was", "were", "been", "being"}
AUXILIARIES = _BE | HELPERS | {"have", "has", "had", "get", "gets", "got", "let", "lets"}
# After these a word is a verb ("can fly", "to fly", "cannot fly", "I drink": not "I juice").
HELPED_BY = (AUXILIARIES - _BE) | PRONOUNS | {"to", "not", "cannot"}
_TOKEN = re.compile(r"[A-Za-z]+|\d+|[^A-Za-z\d]+")


# Words for food served, not a food a picture shows: any food may be one of them.
SERVINGS = frozenset(
    {"dessert", "snack", "feed", "ration", "premix", "slice", "helping", "course", "meal"}
    | {"starter", "leftovers", "treat", "food", "dish", "refreshment", "nutriment"}
)
# What a sentence's thing may be swapped for: a thing a picture shows, not a feeling or a group.
CONCRETE = frozenset(
    {"noun.animal", "noun.artifact", "noun.food", "noun.plant", "noun.object", "noun.body"}
)
# Verbs a sentence quiz never offers a child as a wrong answer: hurting, hating, a kiss, a
# prayer ("The cat kills on the sofa.").
NOT_OFFERED_VERBS = frozenset({"kill", "fight", "hate", "hurt", "kiss", "bite", "pray"})
WAVES = frozenset({"hello", "hi", "bye", "goodbye"})  # one picture shows each: a waving hand


def word_choices(
    dictionary: Dictionary,
    answer: str,
    *,
    own_words: list[str],
    count: int = 3,
    rng: random.Random | None = None,
    avoid: Collection[str] = (),
    sense_id: str | None = None,
) -> list[str]:
    """`count` plausible wrong words for a picture of `answer` (never one in `avoid`: words
    the learner has seen drawn as the same picture); `sense_id`: the meaning taught, whose
    part of speech and kind they share (the pickaxe "pick" gets tools, not verbs)."""
    rng = rng or random.Random(answer)
    if answer in MEALS:  # a lunch's foods could be a supper's: no other meal is wrong
        avoid = {*avoid, *MEALS, "meal"}
    taught = dictionary.synset(sense_id) if sense_id else None
    colour = taught is None or taught.lexname in ("adj.all", "noun.attribute")  # not the fruit
    if answer in COLOURS and colour:  # a closed set: the other colours are the natural choices
        return rng.sample([c for c in COLOURS if c not in (answer, "gray", "grey")], count)
    if answer in GAMES:  # other games, not "injustice" or "industrialization" (acts too)
        level = max(2, dictionary.level_number(answer))  # A1–A2 games, or up to its own level
        games = [
            g
            for g in sorted(GAMES)
            if g != answer and g not in avoid and g.isalpha()  # one word: no "table tennis"
            and dictionary.level_number(g) <= level and not dictionary.related(answer, g)
        ]  # fmt: skip
        if len(games) >= count:
            return rng.sample(games, count)
    senses = [taught] if taught else dictionary.senses(answer)
    plain = learner_definitions().get(answer)
    if plain is not None and (not senses or plain.part_of_speech not in WORDNET_POS):
        # "don't", "the", "you", "hello": among their own kind ("can't", not "radically";
        # "bye", not "indictment"), never one that means the same ("hi": 你好 too)
        kin = [
            word
            for word, other in learner_definitions().items()
            if other.part_of_speech == plain.part_of_speech and other.meaning != plain.meaning
            and word != answer and word not in avoid
            and not (other.chinese and other.chinese == plain.chinese)
            and not word.endswith(("self", "selves"))  # "yourself" is "you" too
            and word not in CAPITAL_I  # a choice would read "i"
            and not (answer in WAVES and word in WAVES)
        ]  # fmt: skip
        if len(kin) >= count:  # "can't", "isn't" beside "don't", not "radically"
            return rng.sample(kin, count)
    pos = senses[0].pos if senses else None
    category = PICTURE_GROUPS.get(taught.lexname, taught.lexname) if taught else None
    category = category or dictionary.category(answer)
    level = dictionary.level_number(answer)
    chosen: list[str] = []

    eaten = taught is not None and taught.lexname == "noun.food"
    named = is_given_name(answer)  # "a name for a boy or a man": John would be right too

    def acceptable(word: str) -> bool:
        if word == answer or word in chosen or word in avoid or " " in word or not word.isalpha():
            return False
        if named and is_given_name(word):
            return False
        if PromptFilter.default().check(word).blocked or not _for_a_childs_quiz(dictionary, word):
            return False  # a quiz for "hand" never offers "corpse", for "boy" never "killer"
        if category in ("animal", "person") and _is_a(dictionary, word, PARTS):
            return False  # a cat's picture shows its tail, paws and whiskers: no wrong answers
        if category == "person" and not _is_a(dictionary, word, ROLE_KINDS):
            return False  # "woman" is as true as "queen" of a crowned woman
        word_senses = dictionary.senses(word)
        if not word_senses or (pos and word_senses[0].pos != pos):
            return False
        if eaten and (
            word in MEALS
            or word in SERVINGS
            or not any(s.lexname == "noun.food" for s in word_senses)
        ):  # ice cream among pie and melon: not "trunk, stem, pine", nor "dessert" or "lunch"
            return False  # (an apple may well be someone's dessert or lunch)
        top = word_senses[0]
        if word not in own_words and (top.count < 2 or dictionary.is_inflection(word, top.pos)):
            return False  # rare words and inflected forms make poor choices for learners
        return not dictionary.related(answer, word)

    # The learner's own words first: they have seen those pictures, which makes it a real choice;
    # each as one thing ("mice" seen is "mouse" under "What is this?" and a dog)
    own_words = [_one(dictionary, w) for w in own_words]
    same_category = [w for w in own_words if category and dictionary.category(w) == category]
    for word in rng.sample(same_category, len(same_category)):
        if len(chosen) < count and acceptable(word):
            chosen.append(word)
    if level <= 2:  # a beginner's word among beginners' words (idea: not "justification")
        beginners = _beginners(dictionary, category)
        for word in rng.sample(beginners, len(beginners)):
            if len(chosen) < count and acceptable(word):
                chosen.append(word)
    for word in dictionary.words_like(category, level, rng):
        if len(chosen) >= count:
            break
        if acceptable(word):
            chosen.append(word)
    if len(chosen) < count:  # rare categories: fall back to the same part of speech
        for word in dictionary.words_like(None, level, rng):
            if len(chosen) >= count:
                break
            if acceptable(word):
                chosen.append(word)
    return chosen


@lru_cache(maxsize=64)
def _beginners(dictionary: Dictionary, category: str | None) -> list[str]:
    """The plain meanings' words of one kind, sorted (the same for every quiz question)."""
    return sorted(w for w in learner_definitions() if dictionary.category(w) == category)


def _one(dictionary: Dictionary, word: str) -> str:
    """A plural noun's singular ("mice": mouse); any other word as it is."""
    if " " in word or word in SAME_IN_PLURAL or not dictionary.is_inflection(word, "n"):
        return word
    return _lemma(dictionary, word, "n")


def _for_a_childs_quiz(dictionary: Dictionary, word: str) -> bool:
    senses = dictionary.senses(word)
    if word in NOT_OFFERED or (senses and _DEATH.search(senses[0].definition)):
        return False
    return not _is_a(dictionary, word, NOT_OFFERED_KINDS)


def _is_a(
    dictionary: Dictionary, word: str, kinds: frozenset[int], *, everyday: bool = False
) -> bool:
    """Is the word's first (or `everyday`) meaning one of these WordNet kinds (or a kind of
    one)?"""
    if everyday:
        first = [(int(m.sense_id[1:]), m.sense_id[0]) for m in dictionary.everyday_senses(word)]
    else:
        first = [(s.offset, s.pos) for s in dictionary.senses(word)]
    if not first:
        return False
    frontier, seen, pos = [first[0][0]], set(), first[0][1]
    while frontier:  # every kind the first meaning is, up to the top of WordNet
        offset = frontier.pop()
        if offset in kinds:
            return True
        seen.add(offset)
        parents = dictionary.wordnet.synset(offset, pos).hypernyms
        frontier += [p for p in parents if p not in seen]
    return False


def _inflect_like(original: str, base: str, pos: str) -> str:
    """Give `base` the form `original` has (sleeps → runs, dogs → flies, jumped → walked), as
    lemminflect spells it ("applies", never "applys")."""
    upos = "VERB" if pos == "v" else "NOUN"
    lemma = lemma_of(original, upos)
    if original == lemma or (pos == "n" and base in SAME_IN_PLURAL):
        return base  # "run" stays "dance", not "danced"; two fish, not "fishes"
    for tag in ("VBZ", "VBD", "VBG", "VBN") if pos == "v" else ("NNS",):
        if inflected(lemma, tag) == original:
            return inflected(base, tag) or base
    return base


def _lemma(dictionary: Dictionary, word: str, pos: str) -> str:
    """The word's base form ("flies": fly, though WordNet lists the theatre's "flies")."""
    lemma = lemma_of(word, "VERB" if pos == "v" else "NOUN")
    if dictionary.wordnet.senses(lemma, pos):
        return lemma
    forms = dictionary.wordnet.base_forms(word, pos)
    return forms[0][0] if forms else word


def _pictured(dictionary: Dictionary, word: str, kind: str) -> bool:
    """Does the word's everyday meaning name a thing of this kind a picture shows (for a sofa
    a bed, not "horror", whose first WordNet meaning is a made thing, nor a cake)?"""
    meanings = dictionary.everyday_senses(word)
    return bool(meanings) and meanings[0].category == kind


def _a_drink(dictionary: Dictionary, word: str) -> bool:
    """Is the word's everyday meaning a food that is a liquid (WordNet's juice is a foodstuff,
    so it is named here)?"""
    meanings = dictionary.everyday_senses(word)
    if word == "juice" or not meanings or meanings[0].category != "noun.food":
        return word == "juice"
    return _is_a(dictionary, word, LIQUID, everyday=True)


def _verbs_like(
    dictionary: Dictionary, verb: str, count: int, rng: random.Random, frames: frozenset[int]
) -> list[str]:
    """Everyday verbs a child knows (the plain meanings') of the same kind as `verb` (sleep:
    cry, laugh, wake; read: learn, remember): never "sire" or "cater", which CEFR-J calls A1.
    With `frames`, only verbs whose first meaning is used so ("likes apples": not "worries")."""
    senses = dictionary.wordnet.senses(verb, "v")
    kind = senses[0].lexname if senses else None
    pool = [
        word
        for word, plain in learner_definitions().items()
        if plain.part_of_speech == "verb" and word != verb and word not in AUXILIARIES
        and word not in NOT_OFFERED_VERBS and word not in CAPITAL_I
        and (other := dictionary.wordnet.senses(word, "v")) and other[0].lexname == kind
        and (not frames or frames & set(other[0].frames))
        and not dictionary.related(verb, word)
    ]  # fmt: skip
    return rng.sample(pool, min(count, len(pool)))


# WordNet's sentence frames: "Something/Somebody ----s" (1, 2) and "… ----s something/somebody"
# (8-11): a verb swapped in keeps the sentence's English ("The girls drink milk.": not "happen").
ALONE_FRAMES = frozenset({1, 2})
OBJECT_FRAMES = frozenset({8, 9, 10, 11})


def _frames_used(dictionary: Dictionary, after: str) -> frozenset[int]:
    """How the verb is used, by the word after it: with a thing, alone, or not known ("")."""
    if after in DETERMINERS or after in NUMBERS or after in COLOURS:
        return OBJECT_FRAMES
    if after.isalpha() and (senses := dictionary.senses(after)) and senses[0].pos == "n":
        return OBJECT_FRAMES  # "likes apples"
    if not after or after in PREPOSITIONS or after in ("next", "in"):
        return ALONE_FRAMES
    return frozenset()


def _with_article(tokens: list[str], index: int) -> None:
    """Fix 'a'/'an' before a replaced word; an uncountable word takes none ("eats bread")."""
    for back in range(index - 1, max(-1, index - 3), -1):
        if tokens[back].lower() in ("a", "an"):
            if not countable(tokens[index]):
                capital = tokens[back][0].isupper()
                tokens[back] = ""
                if back + 1 < len(tokens) and not tokens[back + 1].strip():
                    tokens[back + 1] = ""
                if capital:
                    tokens[index] = tokens[index].capitalize()
                return
            wanted = "an" if takes_an(tokens[index]) else "a"
            tokens[back] = wanted.capitalize() if tokens[back][0].isupper() else wanted
            return
        if tokens[back].strip():
            return


def sentence_choices(
    dictionary: Dictionary, sentence: str, *, count: int = 3, rng: random.Random | None = None
) -> list[str]:
    """Sentences that differ from `sentence` in exactly one element."""
    rng = rng or random.Random(sentence)
    tokens = _TOKEN.findall(sentence)
    words = [(i, t) for i, t in enumerate(tokens) if t.isalpha() or t.isdigit()]
    edits: list[list[str]] = []

    present = {t.lower() for _, t in words}
    positions = [i for i, _ in words]

    def words_before(index: int) -> int:
        return positions[positions.index(index) - 1]

    def neighbours(index: int) -> tuple[str, str]:
        at = positions.index(index)
        before = tokens[positions[at - 1]].lower() if at else ""
        after = tokens[positions[at + 1]].lower() if at + 1 < len(positions) else ""
        return before, after

    def in_compound(index: int) -> bool:
        before, after = neighbours(index)
        low = tokens[index].lower()
        pairs = (f"{before}_{low}", f"{low}_{after}", f"{before}_{_lemma(dictionary, low, 'n')}")
        return any(pair in dictionary.wordnet.index for pair in pairs if not pair.startswith("_"))

    def after_noun(index: int) -> bool:
        before, _ = neighbours(index)
        kinds = dictionary.senses(before) if before.isalpha() else []
        counted = counts_many(before) or before in NUMBERS or before in COLOURS
        noun = bool(kinds) and kinds[0].pos == "n" and before not in DETERMINERS and not counted
        # the noun starts the sentence or follows its article ("The girls drink milk.": not
        # after "drink", which is the verb)
        at = positions.index(index)
        first = tokens[positions[at - 2]].lower() if at >= 2 else ""
        return noun and (not first or first in DETERMINERS or first in NUMBERS or first in COLOURS)

    def edited(index: int, replacement: str) -> list[str]:
        if replacement.lower() in present:
            return []  # "a red apple and a red apple": two of the same is no picture to match
        changed = list(tokens)
        original = tokens[index]
        changed[index] = replacement.capitalize() if original[:1].isupper() else replacement
        _with_article(changed, index)
        return changed

    for index, token in words:
        low = token.lower()
        if low in PREPOSITIONS:
            edits.extend(edited(index, p) for p in PREPOSITIONS[low][:2])
        elif low in NUMBERS:
            edits.extend(edited(index, n) for n in NUMBERS if n != low and n != "one")
        elif token.isdigit():
            edits.append(edited(index, str(int(token) + 1)))
        elif low in COLOURS:
            edits.extend(edited(index, c) for c in rng.sample(COLOURS[:10], 3) if c != low)
    for index, token in words:
        low = token.lower()
        if (
            low in PREPOSITIONS
            or low in NUMBERS
            or low in AUXILIARIES
            or low in COLOURS
            or len(low) < 3
            or not token.isalpha()
            or tokens[index + 1 : index + 3] == ["'", "t"]  # "don't": never "breathe't"
        ):
            continue
        senses = dictionary.senses(low)
        if not senses or senses[0].pos not in ("n", "v") or in_compound(index):
            continue  # "teddy bear" is one thing: not "a teddy need" nor "a medication bear"
        pos = senses[0].pos
        helped = neighbours(index)[0] in HELPED_BY or neighbours(index)[0] == "t"  # "can't'
        if pos == "n" and (after_noun(index) or helped) and dictionary.wordnet.senses(low, "v"):
            pos = "v"  # "Four birds fly over …", "Penguins can't fly.": the verb, no insect
        elif pos == "v" and words[0][0] < index and after_noun(words_before(index)):
            # the verb's thing ("A giraffe eats leaves.": not "eats moves")
            noun = dictionary.wordnet.senses(_lemma(dictionary, low, "n"), "n")
            if not noun or noun[0].lexname not in PICTURE_GROUPS:
                continue
            senses, pos = noun, "n"
        if pos == "n" and senses[0].lexname not in PICTURE_GROUPS:
            continue  # only things a picture shows: "red" or "park time" are not swapped
        base = _lemma(dictionary, low, pos)
        if pos == "v":
            others = _verbs_like(
                dictionary, base, 2, rng, _frames_used(dictionary, neighbours(index)[1])
            )
        else:  # a thing for a thing, by the meaning a child means (a table: furniture)
            everyday = dictionary.everyday_senses(base)
            if not everyday or everyday[0].category not in CONCRETE:
                continue
            others = word_choices(
                dictionary, base, own_words=[], count=6, rng=rng, sense_id=everyday[0].sense_id
            )
            level = dictionary.level_number(base)  # "fence": not "installation" (B1)
            kind = everyday[0].category
            # a beginner's word for a beginner's word ("penguin": not "charger", a war horse),
            # a drink for a drink ("The girls drink rice.", "The boy won't eat the juice.")
            drink = _a_drink(dictionary, base)
            others = [
                o
                for o in others
                if _pictured(dictionary, o, kind) and dictionary.level_number(o) <= level
                and _a_drink(dictionary, o) == drink
            ]  # fmt: skip
            known = [o for o in others if o in learner_definitions()]
            others = (known if base in learner_definitions() or len(known) >= 2 else others)[:2]
        counted = index > 1 and counts_many(tokens[words_before(index)].lower())
        # "eat fish", "drink milk": no article, so a thing that is counted comes as many
        said_before = tokens[words_before(index)].lower() if index > 1 else ""
        bare = bool(said_before) and (not countable(low) or low in SAME_IN_PLURAL)
        bare = bare and said_before not in DETERMINERS
        bare = bare and said_before not in NUMBERS and not said_before.endswith("'s")
        for other in others:  # each in the form the sentence had ("flies": "birds")
            form = _inflect_like(low, other, pos)
            if counted and form == other and other not in SAME_IN_PLURAL:
                form = _inflect_like("dogs", other, "n")  # "Two sheep": "Two lions"
            if pos == "n" and (form != other or counted) and not countable(other):
                continue  # "The boy likes apples.": never "rices"; "three balloons": no "wool"
            if pos == "n" and form == other and bare and countable(other):
                form = _inflect_like("dogs", other, "n")  # "Cats eat fish.": "eat mice"
            edits.append(edited(index, form))
    seen = {sentence.lower()}
    choices: list[str] = []
    rng.shuffle(edits)
    # Prefer edits to different elements: each distractor changes something else.
    changed_at: set[int] = set()
    edits = [edit for edit in edits if edit]
    for edit in edits:
        text = "".join(edit)
        position = next(i for i, (a, b) in enumerate(zip(edit, tokens, strict=True)) if a != b)
        if text.lower() in seen or position in changed_at:
            continue
        seen.add(text.lower())
        changed_at.add(position)
        choices.append(text)
        if len(choices) == count:
            break
    for edit in edits:  # not enough different elements: allow a second change of one
        text = "".join(edit)
        if len(choices) < count and text.lower() not in seen:
            seen.add(text.lower())
            choices.append(text)
    return choices
