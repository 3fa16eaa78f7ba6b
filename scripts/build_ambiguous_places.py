"""Builds marsad/data/ambiguous_places.tsv: gazetteer names that Arabic news mostly writes as
something else (صور: pictures, not Tyre; سالم, مارتن: first names; الخمس: five).

For every one-word name the place matcher would take on its own, it counts in
../shared/corpus/ant2018 how often the word is written (clitics aside) and how often it stands
right after a word of place_evidence.tsv (في، مدينة، محافظة ...) or as ب/ل + article (بالقائم).
A name written at least MIN_WRITTEN times and used so less than MAX_SHARE of the time is
listed; countries are never listed.

A name with the article whose bare form is written at least as often as the name (الوادي and
وادي "valley", الخبر and خبر "news", العين and عين "eye") is a common noun too, and في or من
before it shows nothing (في الوادي: in the valley): for those only a word for a kind of place
(مدينة، محافظة ...) counts, and they are listed, with evidence `word`, when such a word stands
before them less than MAX_SHARE of the time.

A word that reads as a preposition (ب، ل، ك) glued to a name without the article is listed
whole, with evidence `glued`, where it makes up at least GLUED_SHARE of the name's writings and
is written at least MIN_GLUED times: بحجة is "on the pretext" (64 of حجة's 246 writings, where
بصنعاء is 32 of thousands), لغات "languages" (Ghat), كمينا "an ambush". Counts only, no text
is copied.

  python scripts/build_ambiguous_places.py
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.datafiles import DATA, read_rows  # noqa: E402
from marsad.lexicon.lexicon import load_lexicon  # noqa: E402
from marsad.nlp.places import EVIDENCE_KINDS, PlaceMatcher  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402
from marsad.text.words import proclitic_variants, words  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "corpus" / "ant2018" / "articles.jsonl"
OUT = DATA / "ambiguous_places.tsv"
MIN_WRITTEN = 10
MAX_SHARE = 0.1
MIN_GLUED = 3
GLUED_SHARE = 0.2
GLUED_LETTERS = "بلك"  # prepositions glued to a noun; و and ف join places as often as anything

HEADER = """# Marsad: one-word place names that Arabic news mostly writes as something else; the place matcher
# takes them only after a word of place_evidence.tsv or where the NER model also reads a place.
# Columns: form (normalised), written (times in the corpus, clitics aside), as_place (times right after
#   a word of place_evidence.tsv, or as ب/ل + article), evidence (any: every word of place_evidence.tsv
#   counts; word: the name is also a common noun with the article, and only a word for a kind of
#   place counts, which as_place then counts alone; glued: the form is a whole written word, a
#   preposition ب/ل/ك and a name without the article, which the matcher does not read as the name
#   unless the NER model reads a place there; written is its count, as_place the name's count in
#   any form). Listed: written >= {written}, as_place < {share:.0%} of written, not a country;
#   glued: written >= {glued} and >= {glued_share:.0%} of the name's count.
# Source: counted by scripts/build_ambiguous_places.py over ../shared/corpus/ant2018/articles.jsonl (ANT
#   corpus v2.1, Apache-2.0, A. Chouigui, O. Ben Khiroun and B. Elayeb, AICCSA 2017), names from
#   marsad/data/places.tsv.
form\twritten\tas_place\tevidence
"""


def main() -> int:
    lexicon = load_lexicon()
    matcher = PlaceMatcher(lexicon.places, lexicon=lexicon)
    names = {key[0]: places for key, places in matcher.confident.items()
             if len(key) == 1 and not any(p.kind == "country" for p in places)}
    evidence_rows = read_rows(DATA / "place_evidence.tsv")
    evidence = {normalize(row["form"]) for row in evidence_rows if row["kind"] in EVIDENCE_KINDS}
    place_words = {normalize(row["form"]) for row in evidence_rows if row["kind"] == "word"}
    # names with the article, by their bare form (وادي -> الوادي)
    bare_of = {name[2:]: name for name in names if name.startswith("ال") and len(name) > 4}
    written, as_place, after_word, bare = Counter(), Counter(), Counter(), Counter()
    glued_forms: Counter[tuple[str, str]] = Counter()
    with SOURCE.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            previous = ""
            for word in words(row["title"] + "\n" + row["text"]):
                variants = proclitic_variants(word)
                name = next((v for v in variants if v in names), None)
                if name is not None:
                    written[name] += 1
                    glued = word != name and word[:1] in "بل" and name.startswith("ال")
                    as_place[name] += (word == name and previous in evidence) or glued
                    after_word[name] += word == name and previous in place_words
                    if word != name and word[:1] in GLUED_LETTERS and not name.startswith("ال"):
                        glued_forms[word, name] += 1
                # the bare form counts even where it is a name itself (وادي: in وادي عربة too)
                common = next((bare_of[v] for v in variants if v in bare_of), None)
                if common is not None:
                    bare[common] += 1
                previous = word
    rows = []
    for name, n in sorted(written.items()):
        if n < MIN_WRITTEN:
            continue
        if as_place[name] < MAX_SHARE * n:
            rows.append((name, n, as_place[name], "any"))
        elif bare[name] >= n and after_word[name] < MAX_SHARE * n:
            rows.append((name, n, after_word[name], "word"))
    for (word, name), n in sorted(glued_forms.items()):
        if n >= MIN_GLUED and n >= GLUED_SHARE * written[name]:
            rows.append((word, n, written[name], "glued"))
    OUT.write_text(HEADER.format(written=MIN_WRITTEN, share=MAX_SHARE, glued=MIN_GLUED, glued_share=GLUED_SHARE)
                   + "".join(f"{name}\t{n}\t{k}\t{how}\n" for name, n, k, how in rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} names of {len(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
