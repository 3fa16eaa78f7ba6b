"""Measures the fuzzy name matcher's precision and recall by threshold.

Positives: spelling variants of the knowledge base's own multi-word names that normalisation
does not fold (a long vowel dropped or added in the family name, the article dropped from it,
عبد joined to the next word). Negatives: names of other people made by giving a knowledge-base
name another common first name (a different person who must not be linked). Deterministic.

    python benchmarks/fuzzy_threshold.py
"""
from __future__ import annotations

import random

from rapidfuzz import fuzz, process

from marsad.lexicon.lexicon import load_lexicon
from marsad.kb.fuzzy import fuzzy_key
from marsad.text.words import words

LONG_VOWELS = "اوي"
FIRST_NAMES = ["محمد", "احمد", "علي", "حسن", "خالد", "عمر", "يوسف", "ابراهيم", "سعيد", "محمود"]


def variant(name_words: list[str], rng: random.Random) -> list[str] | None:
    last = name_words[-1]
    choices = []
    inner = [i for i in range(1, len(last) - 1) if last[i] in LONG_VOWELS]
    if inner:
        i = rng.choice(inner)
        choices.append(last[:i] + last[i + 1:])
    consonants = [i for i in range(1, len(last) - 1) if last[i] not in LONG_VOWELS and last[i + 1] not in LONG_VOWELS]
    if consonants:
        i = rng.choice(consonants)
        choices.append(last[:i + 1] + rng.choice(LONG_VOWELS) + last[i + 1:])
    if last.startswith("ال") and len(last) > 4:
        choices.append(last[2:])
    if not choices:
        return None
    return name_words[:-1] + [rng.choice(choices)]


def main() -> None:
    rng = random.Random(7)
    base = load_lexicon().actors
    people = [a for a in base.actors.values() if a.type == "PERSON" and len(words(a.name)) >= 2]
    keys = [fuzzy_key(a.name) for a in people]
    positives, negatives = [], []
    for actor in people:
        name = words(actor.name)
        changed = variant(name, rng)
        if changed and "".join(changed) != "".join(name):
            positives.append(("".join(changed), actor.id))
        other = [f for f in FIRST_NAMES if f != name[0]]
        negatives.append(("".join([rng.choice(other)] + name[1:]), None))
    ids = [a.id for a in people]
    print(f"{len(positives)} variants of known names, {len(negatives)} other people")
    print("threshold margin  precision  recall  wrong-links")
    for threshold in (80, 85, 88, 90, 92, 95):
        for margin in (0, 4):
            right = wrong = 0
            for query, expected in positives + negatives:
                best = process.extract(query, keys, scorer=fuzz.ratio, limit=2)
                if best[0][1] < threshold:
                    continue
                if len(best) > 1 and ids[best[1][2]] != ids[best[0][2]] and best[0][1] - best[1][1] < margin:
                    continue
                if ids[best[0][2]] == expected:
                    right += 1
                else:
                    wrong += 1
            precision = right / (right + wrong) if right + wrong else 0
            print(f"{threshold:9} {margin:6}  {precision:9.3f}  {right / len(positives):6.3f}  {wrong:11}")


if __name__ == "__main__":
    main()
