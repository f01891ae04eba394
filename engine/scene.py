"""A sentence as a scene: what to draw (things, how many, what colour, doing what), where (one
relation), in what setting, and what not.

Like the layout stage of layout-grounded diffusion, but with rules instead of a language
model: the sentence is parsed into things the loaded model can draw (through its resolver),
counts, colours, one spatial relation, a person's action where the model has a picture of it
(run → a person running) and a setting (night, rain, snow, sea); engine/scene_layout.py places
them. Whatever could not be drawn is kept, to be said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from engine.actions import doing_picture, doing_with, draws_exactly
from engine.groups import on_backdrop, ringed
from engine.resolver import Resolver
from engine.scene_sizes import kind_of, real_size, same_kind, sized_as_said
from engine.scene_types import Scene, SceneObject
from engine.scene_words import (
    AGED,
    BE,
    CLAUSE_ENDS,
    COLOURS,
    DETERMINERS,
    HELPERS,
    MANY_WORDS,
    NUMBERS,
    PEOPLE_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
    RELATIONS,
    SETTING_PICTURES,
    SETTINGS,
    SIZE_SCALES,
    SIZE_WORDS,
    SKIP,
    UPRIGHT,
    acted_on,
    base_of,
    can_be_verb,
    can_describe,
    is_negation,
    is_noun,
    may_be_its_verb,
    names_a_thing,
    phrase_at,
    served_in,
    singular_of,
    to_do,
    verb_follows,
    words_of,
)
from engine.wordnet import WordNet

MAX_OBJECTS = 6  # different things in one picture; more are left out and said
MAX_COPIES = 10  # copies of all things together
MANY = 7  # how many copies "many" (or a number above ten) is drawn with
_NAMED = ("name", "synonym", "caption")  # how a compound's picture is named for it


def parse(
    sentence: str,
    resolver: Resolver,
    wordnet: WordNet,
    meanings: Callable[[str], list[str]] | None = None,
) -> Scene:
    """The things (with counts, colours, actions), the first spatial relation between two of
    them, the setting, the rest. `meanings` gives a noun's sense ids, the everyday one first,
    as `/word` uses them (without it, WordNet's order), so a word in a sentence is drawn as the
    same thing as on its own."""
    return _Parser(resolver, wordnet, meanings).run(words_of(sentence))


class _Parser:
    def __init__(
        self, resolver: Resolver, wordnet: WordNet, meanings: Callable[[str], list[str]] | None
    ) -> None:
        self.resolver, self.wordnet, self.meanings = resolver, wordnet, meanings
        self.objects: list[SceneObject] = []
        self.missing: list[str] = []
        self.left_out: list[str] = []
        self.parts: list[str] = []
        self.relation: str | None = None
        self.related_by = ""  # the relation's words, until the thing it relates to is read
        self.phrase: list[str] = []  # a place word and its article, until its thing is read
        self.setting: str | None = None
        self.after_subject = False  # the next word may be the subject's verb
        self.subject: int | None = None  # the object that may do that verb
        self.subject_senses: list[str] = []  # the meaning it was drawn as (the whale, not a man)
        self.person: tuple[str, int] | None = None  # or a pronoun / an undrawn person noun
        self.undrawn_thing = ""  # the last noun said, not drawn ("writes a letter on …")
        self.link: int | None = None  # the subject of an "is a …" still to come
        self.doer: tuple[int | None, tuple[str, int] | None, str] | None = None  # "rides" a …
        # a doer picture → what it replaced (None: it drew a pronoun), its verb, the person said
        self.undo: dict[int, tuple[SceneObject | None, str, str]] = {}
        self._reset()

    def _reset(self) -> None:
        self.count, self.counted, self.many = 1, False, False
        self.colour: str | None = None
        self.sized: str | None = None

    def run(self, words: list[str]) -> Scene:
        position, said_no = 0, []
        while position < len(words):
            if is_negation(words[position]):  # nothing said not to be so is drawn
                helped = position and words[position - 1] in HELPERS  # "does not fly"
                ends = (i for i in range(position, len(words)) if words[i] in CLAUSE_ENDS)
                end = next(ends, len(words))  # "It isn't a dog, it's a cat."
                said_no.append(" ".join(words[position - 1 if helped else position : end]))
                position = end
                continue
            position += self._step(words, position)
        negated = " and ".join(said_no)
        if self.phrase and not self.related_by:  # "What is it for?"
            self.missing.append(self.phrase[0])
        objects, setting = self.objects, self.setting
        if not objects and setting is not None:  # "It is raining.": the setting is the picture
            alone = SceneObject(setting.split()[-1], SETTING_PICTURES[setting], size=1.0)
            objects, setting = [alone], None
        places = self._places(objects[0]) if self.relation and len(objects) >= 2 else []
        if len(objects) == 2 and objects[1].count == 1 and objects[1].concept in places:
            objects, self.relation = objects[:1], None  # "sleeps in the bed": in bed already
        elif places:
            objects = self._undone(objects)
        relation = self.relation if len(objects) >= 2 else None
        sides = sum(o.count for o in objects[1:])  # one between two; two frogs: a row
        if relation == "between" and (objects[0].count != 1 or sides != 2):
            relation = None
        if relation is None and self.relation and not (negated or self.left_out):  # "no mat"
            self.missing.append(self.relation)
        if len(objects) == 1 and objects[0].sized:  # big or small next to nothing: not shown
            self.missing.insert(0, objects[0].sized)
            objects = [replace(objects[0], sized=None)]
        objects = sized_as_said(objects)
        missing, left_out, parts = tuple(self.missing), tuple(self.left_out), tuple(self.parts)
        hung = (
            relation == "on"
            and objects[1].concept in UPRIGHT
            and not kind_of(objects[0].word, [], self.wordnet, {"person", "vertebrate"})
        )  # a clock or a spider on the wall hangs there; a cat sits on it
        return Scene(tuple(objects), relation, missing, setting, left_out, parts, negated, hung)

    def _step(self, words: list[str], position: int) -> int:
        """Reads the word at `position` (and the phrase it starts); returns how many it read."""
        word = words[position]
        previous = words[position - 1] if position else ""
        following = words[position + 1] if position + 1 < len(words) else ""
        link, self.link = self.link, None  # kept over an article, a colour or a size only
        if self.phrase and (word in DETERMINERS or word in NUMBERS or word in COLOURS):
            self.phrase.append(word)  # "at the zoo", "for two dogs"
        second = words[position + 2] if following == "and" and position + 2 < len(words) else ""
        if word in COLOURS and second in COLOURS:  # "a black and white cat": no one colour
            if previous in BE and self.objects:  # "My dog is brown and white."
                self.objects[-1] = replace(self.objects[-1], colour=None)
            self.missing.append(f"{word} and {second}")
            return 3
        if word in COLOURS and previous in BE and self.objects:
            if self.objects[-1].colour is None:
                self.objects[-1] = replace(self.objects[-1], colour=word)  # "the ball is red"
            return 1
        after = following
        if after == "," and position + 2 < len(words):
            after = words[position + 2]  # "a red, big ball": the ball is red
        if word in COLOURS and after and after not in SKIP and after not in RELATIONS:
            self.colour, self.link = word, link  # "a red ball"; "an orange and a balloon": fruit
            return 1
        setting = phrase_at(words, position, SETTINGS)
        alone = setting is not None and " " not in setting
        # "sea lion" is no setting
        if setting and not (alone and names_a_thing(following)) and self._set(SETTINGS[setting]):
            return len(setting.split())
        relation = phrase_at(words, position, RELATIONS)
        undrawn = bool(self.missing) and self.missing[-1] == previous
        thing_undrawn = undrawn and self.undrawn_thing == previous
        if relation is not None and self.phrase:  # "jumps from under the bed"
            self.missing.append(self.phrase[0])
            self.phrase = []  # said once ("From under the bed …" said "from" twice)
        if relation is not None and acted_on(previous, RELATIONS[relation], self.wordnet):
            if undrawn:
                self.missing[-1] = f"{previous} {relation}"  # "I can't draw writes on yet"
            self.after_subject = False
            return len(relation.split())
        if relation is not None and thing_undrawn:
            # "writes a letter on the table": the letter is on it, not the girl
            self.after_subject = False
            return len(relation.split())
        if relation is not None:
            if len(self.objects) == 1 and self.relation is None:
                self.relation, self.related_by = RELATIONS[relation], relation
                self.phrase = [relation]
            elif self.objects:  # a second relation, or one between groups: said with its
                self.phrase = [relation]  # place when that is not drawn ("on the lake")
            self.after_subject = False
            return len(relation.split())
        if word in PREPOSITIONS:
            if self.phrase:  # "from under", "at at"
                self.missing.append(self.phrase[0])
            # said with its verb: "I can't draw waits for yet", not "waits and for"
            verb = self.missing.pop() if undrawn and previous != self.undrawn_thing else ""
            self.phrase, self.after_subject = [f"{verb} {word}".strip()], False
            return 1
        if word in MANY_WORDS and previous == "how":
            return 1  # "How many apples are there?" asks: it is no number to draw
        many = word in MANY_WORDS or (word == "lot" and following == "of")  # "a lot of"
        if word in NUMBERS or word.isdigit() or many:
            number = 11 if many else NUMBERS.get(word) or int(word[:7])
            self.many, self.count = number > 10, MANY if number > 10 else max(1, number)
            self.counted = word not in ("a", "an")
            self.after_subject = False
            self.link = None if self.counted else link
            return 1
        if word in SIZE_WORDS and following and following not in SKIP:
            if word in SIZE_SCALES:
                self.sized = word  # "a big cat and a small dog"
            else:
                self.missing.append(word)  # "a tall tree": the tree is drawn, "tall" is said
            self.link = link
            return 1
        helper = word in HELPERS and not {previous} & (
            DETERMINERS | NUMBERS.keys() | COLOURS.keys()
        )
        if helper and position and word.startswith("d") and following in DETERMINERS:
            helper = False  # "I do my homework.": the verb itself, said as not drawn
        if helper:
            # "Birds can fly.": the verb follows ("fly" is no insect); "Can birds fly?": not
            self.after_subject = bool(position)
            return 1
        if word in BE and self.after_subject:
            self.link = self.subject  # "My mother is a doctor.": one person
            return 1  # "the boy is running": its verb may still follow
        if word in SKIP:  # "the dog is …", "two cats and a dog"; "likes to read": a verb next
            self.after_subject = to_do(words, position, self.wordnet)
            self.link = link if word in DETERMINERS else None
            return 1
        if word in PRONOUNS:
            self.after_subject, self.subject = True, None
            self.person = (word, PEOPLE_PRONOUNS[word]) if word in PEOPLE_PRONOUNS else None
            return 1
        compound = f"{word} {following}" if names_a_thing(following) else ""
        # "two polar bears" are one thing of two words, not two bears, when a picture is named
        # so ("the cat sleeps" is no "cat sleep", a nap; an open model's words stay apart)
        single = singular_of(compound, self.wordnet) if compound else ""
        named, one = None, False
        if single.split()[:1] == [word] and " " in single and is_noun(single, self.wordnet):
            named = self.resolver.resolve(single)
            # "a sea lion" is no lion, nor an "apple tree" an apple, even when no picture
            # shows it (it is then said, not drawn); a second word that may be the verb here
            # keeps them apart ("the cat sleeps", "cats sleep")
            one = not may_be_its_verb(word, following, self.wordnet)
        # "the bus stops at the school" is a verb, though a picture is named "bus stop"
        acts = compound and not one and self.count < 2  # "two bus stops": the things
        acts = acts and verb_follows(words, position, self.wordnet)
        if one or (named is not None and named.how in _NAMED and not acts):
            self._thing(compound, link)
            self._reset()
            return 2
        self._thing(word, link, previous == "of")
        self._reset()
        return 1

    def _set(self, setting: str) -> bool:
        if self.setting is None:
            if not draws_exactly(self.resolver, SETTING_PICTURES[setting]):
                return False
            self.setting = setting
        elif self.setting != setting:
            self.missing.append(setting)  # one setting a picture
        return True

    def _thing(self, word: str, link: int | None = None, contents: bool = False) -> None:
        singular = singular_of(word, self.wordnet)
        own = singular == word  # no plural, or one used only in the plural ("trousers")
        # the word after a subject is its verb ("the cat sleeps", "I love"), not a thing
        verb = self.after_subject and can_be_verb(word, self.wordnet)
        self.after_subject = False
        doer, self.doer = self.doer, None
        if verb and self._action(word):
            return
        if verb:  # "The man rides": the horse he rides may be drawn with him
            self.doer = (self.subject, self.person, word)
        drawing, senses = None, []
        # the singular first ("cats" → cat; "arms" stays the body's), then the word as typed;
        # counted, a word of its own is its singular's ("two glasses of milk", not spectacles)
        names = [singular, word, base_of(word, self.wordnet)]
        names = names[2:] + names[:2] if self.counted and self.count > 1 else names
        for name in dict.fromkeys(names):
            if drawing is None and not verb and is_noun(name, self.wordnet):
                senses = self.meanings(name) if self.meanings else []
                if not senses:
                    offsets = self.wordnet.index[name.replace(" ", "_")]["n"]
                    senses = [f"n{o:08d}" for o in offsets]
                drawing = self.resolver.resolve(name, senses)
                singular = name if drawing is not None else singular
            elif drawing is None and not verb:  # not in WordNet, but a picture's own name
                named = self.resolver.resolve(name)  # ("superhero", "t-rex")
                drawing = named if named is not None and named.how == "name" else None
                singular = name if drawing is not None else singular
        a_part = drawing is not None and self.resolver.closed and drawing.subject in ringed()
        if a_part:
            self.parts.append(word)
        if drawing is not None and (drawing.kinds or a_part):
            drawing = None  # "fruit" is drawn as its kinds, "neck" ringed on a man: said here
        own = own or (drawing is not None and drawing.subject == word)  # "chopsticks": a pair
        count = 2 if not (self.counted or own) and singular != word else self.count  # shoes
        was = self.objects[link] if link is not None and link < len(self.objects) else None
        same = (  # "My mother is a doctor.": one person
            drawing is not None
            and was is not None
            and self.relation is None
            and same_kind(was.word, self.subject_senses, singular, senses, self.wordnet)
        )
        self.subject, self.person = None, None
        phrase, self.phrase = self.phrase, []
        if self.related_by and drawing is None:  # "the cat is on the mat": no mat, so no "on"
            self.relation = None  # "on the mat" is said ("I can't draw on and mat" was no English)
        elif phrase and not self.related_by and drawing is not None:
            self.missing.append(phrase[0])  # "across the road": the road is drawn, not "across"
        self.related_by = ""
        vessel = self.objects[-1] if contents and self.objects else None
        held = (
            served_in(vessel.word, vessel.concept, drawing.subject, self.wordnet)
            if (vessel and drawing)
            else ""
        )
        if held and vessel and drawing:  # "two glasses of milk": two drawn, not a third
            self.objects[-1] = replace(vessel, word=f"{held} of {word}", concept=drawing.subject)
            self.after_subject = self.relation is None  # "A bowl of rice is on the table."
            return
        if vessel and not drawing and " of " in vessel.concept and self.relation is None:
            self.objects.pop()  # "a glass of water": the glass drawn holds milk; both are said
            self.subject, word = None, f"{vessel.word} of {word}"
        if drawing is not None and doer and not self.colour and self._with(doer, word, count):
            return  # "The man rides a horse.": one picture of a rider on a horse
        if drawing is not None:
            size = real_size(singular, senses, self.wordnet)
            colour = self.colour
            if colour and self.resolver.closed and drawing.subject in on_backdrop():
                # "a green towel": the disc behind the towel would turn green, not the towel
                self.missing.append(colour)
                colour = None
            thing = SceneObject(
                word if own else singular, drawing.subject, max(1, count), colour,
                many=self.many, size=size, sized=self.sized,
            )  # fmt: skip
            if same and link is not None and was is not None:  # what the subject is: drawn once
                colour = colour or was.colour
                self.objects[link] = replace(thing, count=was.count, many=was.many, colour=colour)
                self.subject = link
            elif self._add(thing, word):
                self.subject = len(self.objects) - 1
                self.subject_senses = [drawing.sense] if drawing.sense else senses
            self.after_subject = self.relation is None  # "the cat sleeps": a verb may follow
            return
        self.missing.append(" ".join([*phrase, word]))  # "at the zoo", "mat"
        self.link = link if can_describe(word, self.wordnet) else None  # "is a good student"
        self.undrawn_thing = "" if verb or phrase else word
        # an undrawn noun may be the subject ("the weather is …"), but not one that also
        # describes ("the old cat": "old" is not the subject, and "cat" is no verb)
        self.after_subject = (
            not verb
            and is_noun(singular, self.wordnet)
            and self.relation is None
            and not can_describe(word, self.wordnet)
        )
        if self.after_subject and kind_of(singular, senses, self.wordnet, {"person"}):
            self.person = (singular, count)  # "the boy runs": drawn running if it can be

    def _add(self, thing: SceneObject, word: str) -> bool:
        """Adds the thing unless the picture is full (then it is said to be left out)."""
        limit = {None: MAX_OBJECTS, "between": 3}.get(self.relation, 2)
        copies = sum(o.count for o in self.objects)
        if len(self.objects) >= limit or copies + thing.count > MAX_COPIES:
            self.left_out.append(word)
            return False
        self.objects.append(thing)
        return True

    def _with(
        self, doer: tuple[int | None, tuple[str, int] | None, str], word: str, count: int
    ) -> bool:
        """A person's verb and its thing drawn as one picture ("rides a bike": a cyclist); one
        thing each ("Two boys ride bikes.", not "They row a boat.": one boat, not two)."""
        subject, person, verb = doer
        if subject is not None and subject >= len(self.objects):
            return False
        doers = self.objects[subject].count if subject is not None else person[1] if person else 0
        found = doing_with(verb, singular_of(word, self.wordnet), self.resolver, self.wordnet)
        if found is None or (doers > 1) != (count > 1):
            return False
        doing, picture = found
        doing = f"{doing.split()[0]} {word}" if count > 1 else doing  # "riding bikes"
        if subject is not None:
            was = self.objects[subject]
            if was.concept in AGED or not kind_of(
                was.word, self.subject_senses, self.wordnet, {"person"}
            ):
                return False  # "The dog rides a bike.": no such picture
            self.objects[subject] = replace(was, concept=picture, action=doing, colour=None)
        elif person is not None:
            name, count = person
            word = "person" if name in PRONOUNS else name
            if name in self.missing:
                self.missing.remove(name)
            self._add(SceneObject(word, picture, count, action=doing, size=0.85), name)
        else:
            return False
        if verb in self.missing:
            self.missing.remove(verb)
        return True

    def _action(self, verb: str) -> bool:
        """A person's verb drawn as a picture of someone doing it ("the boy runs")."""
        subject = self.objects[self.subject] if self.subject is not None else None
        if subject is None and self.person is None:
            return False
        if subject is not None and not kind_of(
            subject.word, self.subject_senses, self.wordnet, {"person"}
        ):
            return False  # "the dog runs": the model has no running dog
        if subject is not None and subject.concept in AGED:
            return False
        who = subject.word if subject is not None else self.person[0] if self.person else ""
        found = doing_picture(verb, self.resolver, self.wordnet, who)
        if found is None:
            return False
        doing, picture = found
        if subject is not None and self.subject is not None:
            self.objects[self.subject] = replace(subject, concept=picture, action=doing)
            self.undo[self.subject] = (subject, verb, "")
        elif self.person is not None:
            name, count = self.person
            said = name if name in self.missing else ""
            self.missing = [w for w in self.missing if w != said]
            word = "person" if name in PRONOUNS else name
            self.undo[len(self.objects)] = (None, verb, said)
            self._add(SceneObject(word, picture, count, action=doing, size=0.85), name)
        self.subject, self.person = None, None
        return True

    def _places(self, doer: SceneObject) -> list[str]:
        """Where a doing picture shows its doer, as things ("person in bed": the bed)."""
        places = doer.concept.split(" in ")[1:] if doer.action else []
        return [place for place in places if draws_exactly(self.resolver, place)]

    def _undone(self, objects: list[SceneObject]) -> list[SceneObject]:
        """ "The girl sleeps on the sofa.": the person in bed is on no sofa; the girl is drawn on
        it, the verb said ("He sleeps under the tree." draws the tree)."""
        was, verb, said = self.undo.get(0, (None, "", ""))
        if not verb:
            return objects
        self.missing.extend(w for w in (said, verb) if w)
        self.relation = self.relation if was else None
        return [was, *objects[1:]] if was else objects[1:]
