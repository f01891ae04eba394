"""Write bot/learning/data/everyday_thin.tsv: the meaning to lead with where the corpus is thin.

SemCor tagged few words often enough to rank their meanings; where no noun meaning of a word
was tagged more than once, WordNet's order decides, and it often leads with a rare one
("whale": a very large person, "van": a creative group, "toaster": someone who proposes a
toast). For the CEFR-J A1–B2 nouns with no plain meaning of the project's own, whose lead is
not a thing and whose bare word is nearest in meaning (MiniLM, the project's text encoder) to
one of its *thing* meanings (animal, artifact, food, plant, body), that thing leads instead;
above B2, only for the animals a person read (ANIMALS_ABOVE_B2).

A person read every change this makes (119 A1–B2 words and 56 animals above B2 on
2026-12-04); where the bare word is nearer a rarer thing than what children mean, the word is
in KEEP (the lead stays) or CORRECT (the meaning they mean, by hand). Run after changing the
rule or the lists::

    python scripts/everyday_thin.py
"""

from __future__ import annotations

from bot.learning.dictionary import EVERYDAY_WEIGHT, LEVELS, Dictionary
from bot.learning.meanings import EVERYDAY_THIN
from bot.learning.plain import learner_definitions
from engine.embedding import TextEmbedder

THIN = 1  # at most this many corpus tags on any of the word's noun meanings
# The bare word is nearer a rarer thing: the lead WordNet gives is the one children mean, or
# no better than the thing ("orphan" is a child before a young animal).
KEEP = {
    "callus", "cellarage", "clone", "connective", "den", "extra", "footing", "fundament",
    "gall", "guinea", "headful", "humanity", "imago", "impost", "lineament", "lockage",
    "nester", "orphan", "pallet", "proconsul", "refuge", "rootage", "rounders", "stinker",
    "suppuration", "tab", "tanka", "tare", "triviality",
}  # fmt: skip
# The meaning children mean, by hand: where the nearest thing is not it (the helicopter, not
# the butcher's knife), where the lead is a substance (soda the drink, not sodium carbonate),
# or where the bare word is nearest the amount it holds (a mug, a tablespoon).
CORRECT = {
    "chopper": "n03512147",
    "soda": "n07927512",
    "duster": "n03258330",
    "mug": "n03797390",
    "tablespoon": "n04381073",
    "teaspoon": "n04398688",
    "siren": "n04224395",
    "washer": "n04554684",
    "skunk": "n02445715",
    "lorry": "n03690473",  # a truck (the horse-drawn wagon led: thirty-fifth session)
    # a picture weight that put a noun first where a child means a verb, or the meaning a
    # school dictionary would lead with (2026-12-05: read among 128 A1–B1 words whose lead part
    # of speech differs from the corpus's commonest)
    "abs": "n05557339",  # kept by hand since the rule stopped reaching them (one noun meaning;
    "antique": "n02723754",  # adjectives counted as many as the nouns)
    "aged": "s01644225",
    "cleaner": "n09927089",
    "concentrate": "v00722250",
    "crash": "n07301950",
    "crush": "v00339085",
    "cushion": "n03151500",
    "double": "v00246217",
    "fold": "v01277992",
    "loop": "n13875571",
    "relative": "n10235549",
    "rent": "n13295657",
    "reserves": "n13368052",
    "shot": "n00565302",
    "split": "v02467662",
    "stamp": "n06796119",
    "swallow": "v01201874",
    "swell": "v00555084",
}
# Above B2 the rule's changes were read only where the animal would lead: these did right
# ("bunny" led with a nightclub waitress, "kitty" with the betters' stakes).
ANIMALS_ABOVE_B2 = {
    "albatross", "anthropoid", "bunny", "chameleon", "fawn", "fledgling", "gill", "gobbler",
    "humpback", "kitty", "loggerhead", "pest", "predator", "primate", "primates", "pussycat",
    "roundworm", "scallop", "shrew", "thoroughbred", "vermin", "vixen", "warbler", "watchdog",
    "weasel", "whisker", "wryneck", "yearling",
}  # fmt: skip


def main() -> None:
    dictionary = Dictionary(leads={})  # WordNet's and the corpus's order, before this file
    dictionary.load()
    embedder = TextEmbedder()
    plain = learner_definitions()
    lines = [
        "# The meaning to lead with where the corpus counts cannot rank a word's meanings.",
        "# Made by scripts/everyday_thin.py (read its docstring); columns: word, WordNet sense",
        "# id, the meaning (for the reader).",
    ]
    for word in sorted(dictionary.vocabulary()):
        if word in plain or not dictionary.levelled(word):
            continue
        above_b2 = dictionary.level(word) not in LEVELS[:4]
        if (above_b2 and word not in ANIMALS_ABOVE_B2 | set(CORRECT)) or word in KEEP:
            continue
        everyday = dictionary.everyday_senses(word)
        nouns = [s for s in dictionary.senses(word) if s.pos == "n"][:8]
        if word in CORRECT:
            senses = dictionary.senses(word)
            chosen = next(s for s in senses if f"{s.pos}{s.offset:08d}" == CORRECT[word])
            lines.append(f"{word}\t{CORRECT[word]}\t{chosen.definition}")
            continue
        if not everyday or len(nouns) < 2 or max(s.count for s in nouns) > THIN:
            continue
        if EVERYDAY_WEIGHT.get(everyday[0].category, 1) > 1:
            continue  # already a thing (or a substance, a phenomenon)
        vectors = embedder.embed([word] + [s.definition for s in nouns])
        nearest = nouns[int((vectors[1:] @ vectors[0]).argmax())]
        if above_b2 and nearest.lexname != "noun.animal":
            continue
        if EVERYDAY_WEIGHT.get(nearest.lexname, 1) < 3:
            continue
        lines.append(f"{word}\tn{nearest.offset:08d}\t{nearest.definition}")
    EVERYDAY_THIN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 3} words lead with another meaning: {EVERYDAY_THIN}")


if __name__ == "__main__":
    main()
