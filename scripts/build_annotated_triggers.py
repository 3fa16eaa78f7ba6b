"""Builds marsad/data/events/triggers_annotated.tsv: trigger forms the team's annotators marked, kept where they are reliable.

Only the training part of annotations/events/batches is read (the held-out documents never
are). A form is kept when annotators marked it as a trigger at least MIN_MARKED times and in
at least MIN_RATE of the annotated sentences where it is written; its type and mode are the
ones marked most often. Forms the hand-written lexicon already has are left to it.

  python scripts/build_annotated_triggers.py
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.datafiles import DATA, read_rows  # noqa: E402
from marsad.lexicon.lexicon import SPLIT_RATIO  # noqa: E402
from marsad.text.words import proclitic_variants, words  # noqa: E402
from marsad.training.event_corpus import corpus_texts, held_out_documents, load_annotations  # noqa: E402

OUT = DATA / "events" / "triggers_annotated.tsv"
MIN_MARKED = 2
MIN_DOCUMENTS = 2  # a phrase one article repeats is that article's, not the language's
MIN_RATE = 0.5

HEADER = """# Marsad event lexicon, learned part: trigger forms the team's annotators marked (annotations/events/batches,
# training documents only; the held-out last 10% of each batch is never read), kept where marked at least
# {marked} times, in {documents} documents or more, and in at least {rate:.0%} of the annotated sentences that write them.
# Columns as triggers.tsv (form, type, mode, kind, target), then marked (times annotated as a trigger) and
# written (annotated sentences that contain the form). kind is passive for a one-word form that triggers.tsv
# writes only as the head of passive phrases (أصيب برصاص), else guessed from the form's shape (article,
# ta marbuta or a verbal-noun pattern: noun; else verb); target is `object|مع|على|ضد|إلى|ب|ل`.
# Source: built by scripts/build_annotated_triggers.py from the team's annotations over ../shared/corpus/ant2018.
form\ttype\tmode\tkind\ttarget\tmarked\twritten
"""


def _strip_clitic(form: tuple[str, ...], counts: dict[str, int]) -> tuple[str, ...]:
    first = form[0]
    for variant in proclitic_variants(first)[1:]:
        if counts.get(variant, 0) * SPLIT_RATIO > counts.get(first, 0):
            return (variant,) + form[1:]
    return form


def _kind(form: tuple[str, ...], passive_heads: frozenset[str] = frozenset()) -> str:
    first = form[0]
    if len(form) == 1 and first in passive_heads:
        return "passive"  # أصيب: the hand lexicon writes it only as a passive (أصيب برصاص)
    if first.startswith("ال") or first.endswith(("ه", "ات")) or len(form) > 1 and not first.startswith(("ي", "ت")):
        return "noun"
    if first.startswith("ا") and len(first) >= 5:  # استهداف، انسحاب، اعتقال
        return "noun"
    return "verb"


def _occurrences(sentence_words: list[str], form: tuple[str, ...]) -> int:
    n = 0
    for i in range(len(sentence_words) - len(form) + 1):
        if form[0] in proclitic_variants(sentence_words[i]) and tuple(sentence_words[i + 1:i + len(form)]) == form[1:]:
            n += 1
    return n


def main() -> int:
    counts = {row["word"]: int(row["count"]) for row in read_rows(DATA / "morphology" / "word_counts.tsv")}
    lexicon = read_rows(DATA / "events" / "triggers.tsv")
    known = {tuple(words(row["form"])) for row in lexicon}
    heads = {kind: {words(row["form"])[0] for row in lexicon if row["kind"] == kind} for kind in ("passive", "verb")}
    passive_heads = frozenset(heads["passive"] - heads["verb"])
    sentences = load_annotations()
    held = held_out_documents(sentences)
    train = [s for s in sentences if s.doc not in held]
    marked: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    documents: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for sentence in train:
        text = corpus_texts(sentence.corpus)[sentence.doc]
        for event in sentence.events:
            form = tuple(words(text[event.trigger[0]:event.trigger[1]]))
            if form and len(form) <= 4:
                form = _strip_clitic(form, counts)
                marked[form][(event.type, event.mode or "")] += 1
                documents[form].add(sentence.doc)
    written: Counter = Counter()
    wanted = {f for f, c in marked.items()
              if sum(c.values()) >= MIN_MARKED and len(documents[f]) >= MIN_DOCUMENTS and f not in known}
    for sentence in train:
        sentence_words = words(corpus_texts(sentence.corpus)[sentence.doc][sentence.start:sentence.end])
        for form in wanted:
            if _occurrences(sentence_words, form):
                written[form] += 1
    rows = []
    for form in sorted(wanted):
        total = sum(marked[form].values())
        if total / max(written[form], total) < MIN_RATE:
            continue
        by_type = Counter()
        for (t, _m), n in marked[form].items():
            by_type[t] += n
        type_ = by_type.most_common(1)[0][0]
        modes = Counter({m: n for (t, m), n in marked[form].items() if t == type_ and m})
        mode = modes.most_common(1)[0][0] if modes else ""
        rows.append(f"{' '.join(form)}\t{type_}\t{mode}\t{_kind(form, passive_heads)}\tobject|مع|على|ضد|إلى|ب|ل\t{total}\t{written[form]}")
    OUT.write_text(HEADER.format(marked=MIN_MARKED, documents=MIN_DOCUMENTS, rate=MIN_RATE) + "".join(r + "\n" for r in rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} forms from {len(train)} training sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
