"""Fill the ``sense`` column of bot/learning/data/learner_definitions.tsv.

For each plain meaning, the WordNet sense (of the row's part of speech) it describes: the one
whose gloss is nearest in meaning (MiniLM, the project's own text encoder), everyday senses
breaking ties. Rows whose sense is already filled keep it (a person may have corrected it).
Run after adding rows::

    python scripts/learner_senses.py
"""

from __future__ import annotations

import math

from bot.learning.dictionary import Dictionary
from bot.learning.plain import LEARNER_DEFINITIONS, WORDNET_POS
from engine.embedding import TextEmbedder


def main() -> None:
    dictionary = Dictionary()
    dictionary.load()
    embedder = TextEmbedder()
    lines = LEARNER_DEFINITIONS.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        word, kinds, pos, meaning, chinese, sense = line.split("\t")
        if sense == "?" and pos in WORDNET_POS:
            wanted = WORDNET_POS[pos]
            candidates = [
                s
                for s in dictionary.senses(word)
                if (s.pos == "s" and "a" in wanted) or s.pos in wanted
            ][:10]
            if candidates:
                vectors = embedder.embed([meaning] + [s.definition for s in candidates])
                scores = vectors[1:] @ vectors[0]
                # nearest in meaning, the senses people use most a little ahead (bone the
                # body part, not the shade of white)
                prior = [0.05 * math.log1p(s.count) for s in candidates]
                best = max(range(len(candidates)), key=lambda i: (scores[i] + prior[i], -i))
                sense = f"{candidates[best].pos}{candidates[best].offset:08d}"
            else:
                sense = "-"
        elif sense == "?":
            sense = "-"
        out.append("\t".join([word, kinds, pos, meaning, chinese, sense]))
    LEARNER_DEFINITIONS.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
