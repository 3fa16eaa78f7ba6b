"""Agreement between two independent annotations of the same documents (annotations/events/double/)."""
from __future__ import annotations

import json
from pathlib import Path

from marsad.training.event_corpus import AnnotatedEvent, AnnotatedSentence, corpus_texts, parse_record
from marsad.text.words import words


def _read(path: Path) -> list[AnnotatedSentence]:
    return [parse_record(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_actor(a: list, b: list, text: str) -> bool:
    """Both sides empty, or the two spans share a word."""
    if not a or not b:
        return not a and not b
    left = {w for s in a for w in words(text[s[0]:s[1]])}
    right = {w for s in b for w in words(text[s[0]:s[1]])}
    return bool(left & right)


def agreement(first: list[AnnotatedSentence], second: list[AnnotatedSentence]) -> dict:
    """On the sentences both annotated: F1 of one annotator's triggers against the other's
    (overlapping trigger spans; with the same type), sentence-level agreement on whether a
    sentence has events (Cohen's kappa), and on matched events the share with the same source,
    target and status."""
    other = {(s.doc, s.start): s for s in second}
    pairs = [(s, other[(s.doc, s.start)]) for s in first if (s.doc, s.start) in other]
    matched = typed = a_total = b_total = 0
    same = {"source": 0, "target": 0, "status": 0, "both": 0}
    has = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    for a, b in pairs:
        text = corpus_texts(a.corpus)[a.doc]
        a_total += len(a.events)
        b_total += len(b.events)
        has[(bool(a.events), bool(b.events))] += 1
        used: set[int] = set()
        for event in a.events:
            n = _match(event, b.events, used)
            if n is None:
                continue
            used.add(n)
            partner = b.events[n]
            matched += 1
            if partner.type != event.type:
                continue
            typed += 1
            source = _same_actor(event.source, partner.source, text)
            target = _same_actor(event.target, partner.target, text)
            same["source"] += source
            same["target"] += target
            same["both"] += source and target
            same["status"] += event.status == partner.status
    n = len(pairs) or 1
    observed = (has[(True, True)] + has[(False, False)]) / n
    p_a, p_b = (has[(True, True)] + has[(True, False)]) / n, (has[(True, True)] + has[(False, True)]) / n
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    f1 = lambda m: round(2 * m / (a_total + b_total), 3) if a_total + b_total else 0.0  # noqa: E731
    return {"sentences": len(pairs), "events": [a_total, b_total],
            "trigger_f1": f1(matched), "typed_trigger_f1": f1(typed),
            "sentence_kappa": round((observed - expected) / (1 - expected), 3) if expected < 1 else 1.0,
            "on_typed_matches": {k: round(v / typed, 3) if typed else None for k, v in same.items()}}


def _match(event: AnnotatedEvent, others: list[AnnotatedEvent], used: set[int]) -> int | None:
    for n, partner in enumerate(others):
        if n not in used and _overlaps(event.trigger, partner.trigger):
            return n
    return None


def report(first: Path, second: Path) -> str:
    """Agreement of two stand-off files (or folders of them) on the sentences they share."""
    def read_all(path: Path) -> list[AnnotatedSentence]:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        return [s for f in files for s in _read(f)]

    return json.dumps(agreement(read_all(first), read_all(second)), indent=1)
