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
TARGET_PREPOSITIONS = "مع|على|ضد|إلى|ب|ل"
GENITIVE_GAP = 2  # characters from a trigger's end to an actor's start that make it its genitive (a space)

HEADER = """# Marsad event lexicon, learned part: trigger forms the team's annotators marked (annotations/events/batches,
# training documents only; the held-out last 10% of each batch is never read), kept where marked at least
# {marked} times, in {documents} documents or more, and in at least {rate:.0%} of the annotated sentences that write them.
# Columns as triggers.tsv (form, type, mode, kind, target), then marked (times annotated as a trigger) and
# written (annotated sentences that contain the form). kind is passive for a one-word form that triggers.tsv
# writes only as the head of passive phrases (أصيب برصاص), else read from how the news corpus writes the
# word (morphology/word_counts.tsv: with the article or ب only a noun, a feminine past in ت a verb), else
# from its shape (article, ta marbuta or a verbal-noun pattern: noun; a past verb's ending: verb); target is
# `object|مع|على|ضد|إلى|ب|ل`, without `object` for a noun whose genitive the annotators mark as the doer
# more often than as the one it is done to (هجوم الحوثيين).
# Source: built by scripts/build_annotated_triggers.py from the team's annotations over ../shared/corpus/ant2018.
form\ttype\tmode\tkind\ttarget\tmarked\twritten
"""


def _strip_clitic(form: tuple[str, ...], counts: dict[str, int]) -> tuple[str, ...]:
    first = form[0]
    for variant in proclitic_variants(first)[1:]:
        if counts.get(variant, 0) * SPLIT_RATIO > counts.get(first, 0):
            return (variant,) + form[1:]
    return form


# Pronouns glued to a word's end (تحريرها، اعتبرتها، مصرعه): where the word itself says nothing, the
# word under them may.
PRONOUN_ENDINGS = ("هما", "هم", "ها", "ه")
# Words only a noun is written with: the preposition ب and the article (بتحرير، التحرير).
NOUN_OPENINGS = ("ب", "ال", "بال", "وال", "لل")
# The imperfect's prefixes (يقنع، تقنع، نقنع، أقنع), after which ل is the particle of purpose, and the
# endings of a past verb's persons (استدعت، أوقفوا، اتفقنا).
IMPERFECT_PREFIXES = ("ي", "ت", "ن", "ا")
PAST_ENDINGS = ("ت", "وا", "نا")
# A share of a form's own count that its noun-only spellings must reach, and the least count that is
# evidence at all (words written fewer than 5 times are not in word_counts.tsv).
NOUN_SHARE = 0.03
NOUN_EVIDENCE = 5


def _kind(form: tuple[str, ...], passive_heads: frozenset[str] = frozenset(),
          counts: dict[str, int] | None = None) -> str:
    first = form[0]
    if len(form) == 1 and first in passive_heads:
        return "passive"  # أصيب: the hand lexicon writes it only as a passive (أصيب برصاص)
    if first.startswith("ال") or first.endswith("ات") or len(form) > 1 and not first.startswith(("ي", "ت")):
        return "noun"
    bases = (first,) + tuple(first[:-len(e)] for e in PRONOUN_ENDINGS if first.endswith(e)) if len(form) == 1 else ()
    for word in bases if counts else ():
        kind = _word_class(word, counts)
        if kind is not None:
            return kind
    if any(word.endswith(PAST_ENDINGS) for word in bases):
        return "verb"  # استدعت، أوقفوا، اتفقنا، اعتبرتها
    if first.endswith("ه") or first.startswith("ا") and len(first) >= 5:  # استهداف، انسحاب، اعتقال
        return "noun"
    return "verb"


def _word_class(word: str, counts: dict[str, int]) -> str | None:
    """noun or verb as the news corpus writes the word, or None where it says nothing: only a noun
    takes the article or the preposition ب (التحرير، بمصرع), or ل before anything but an imperfect's
    prefix (لإقناع); a past verb has a feminine form in ت (حذر، حذرت) that a masdar lacks. The shape
    alone had read تحرير and مصرع as verbs (their genitive became the doer) and استدعت as a noun."""
    own = counts.get(word, 0)
    openings = NOUN_OPENINGS + (() if word.startswith(IMPERFECT_PREFIXES) else ("ل",))
    as_noun = sum(counts.get(opening + word, 0) for opening in openings)
    as_past_verb = counts.get(word + "ت", 0)
    if as_noun >= max(NOUN_EVIDENCE, NOUN_SHARE * own) and as_past_verb < as_noun:
        return "noun"
    if as_past_verb >= NOUN_EVIDENCE:
        return "verb"
    return None


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
    genitive: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for sentence in train:
        text = corpus_texts(sentence.corpus)[sentence.doc]
        for event in sentence.events:
            form = tuple(words(text[event.trigger[0]:event.trigger[1]]))
            if form and len(form) <= 4:
                form = _strip_clitic(form, counts)
                marked[form][(event.type, event.mode or "")] += 1
                documents[form].add(sentence.doc)
                after = event.trigger[1]
                for role in ("source", "target"):
                    # an actor written right after the trigger: a noun's genitive (or a verb's subject or object)
                    if any(after <= a <= after + GENITIVE_GAP for a, _ in getattr(event, role)):
                        genitive[form][role] += 1
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
        kind = _kind(form, passive_heads, counts)
        # a noun whose genitive the annotators mark as the doer more often than as the one it is
        # done to (غضب الفلسطينيين، هجوم الحوثيين) takes no genitive target
        doer_genitive = kind == "noun" and genitive[form]["source"] > genitive[form]["target"]
        target = TARGET_PREPOSITIONS if doer_genitive else "object|" + TARGET_PREPOSITIONS
        rows.append(f"{' '.join(form)}\t{type_}\t{mode}\t{kind}\t{target}\t{total}\t{written[form]}")
    OUT.write_text(HEADER.format(marked=MIN_MARKED, documents=MIN_DOCUMENTS, rate=MIN_RATE) + "".join(r + "\n" for r in rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} forms from {len(train)} training sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
