"""The team's event annotations: stand-off records over ../shared texts, read back with their text.

A record is one sentence of one document: where the sentence lies in the document's text,
a short hash of that sentence (to notice a changed source), who annotated it, and its
events, every span as document offsets. The texts stay in ../shared; only offsets live here.
"""
from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.text.sentences import split_sentences

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
ANNOTATIONS = REPO / "annotations" / "events"

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
STATUSES = ("reported", "denied", "hypothetical", "planned", "background")
SPAN_FIELDS = ("trigger", "source", "target", "location", "date")


@dataclass
class AnnotatedEvent:
    type: str
    status: str
    trigger: tuple[int, int]
    mode: str | None = None
    source: list[tuple[int, int]] = field(default_factory=list)
    target: list[tuple[int, int]] = field(default_factory=list)
    location: list[tuple[int, int]] = field(default_factory=list)
    date: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class AnnotatedSentence:
    corpus: str
    doc: str
    start: int
    end: int
    annotator: str
    events: list[AnnotatedEvent]


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=4)
def corpus_texts(corpus: str) -> dict[str, str]:
    """document id -> the text that annotation offsets point into, for one shared corpus."""
    if corpus == "ant2018":
        texts = {}
        with (SHARED / "corpus" / "ant2018" / "articles.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                # the record's own convention: the title, a blank line, the body
                texts[row["id"]] = row["title"].strip() + "\n\n" + row["text"].strip()
        return texts
    if corpus == "gsr":
        texts = {}
        for name in ("assault.csv", "protest.csv"):
            with (SHARED / "data" / "event_gsr_dev" / name).open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    texts[row["id"]] = row["text"]
        return texts
    raise ValueError(f"unknown corpus {corpus!r}")


def ant2018_order() -> list[str]:
    """ant2018 document ids in the shared file's order (batches are ranges of it)."""
    return list(corpus_texts("ant2018"))


def document_sentences(text: str) -> list[tuple[int, int]]:
    return split_sentences(text)


def _spans(value) -> list[tuple[int, int]]:
    return [tuple(span) for span in value or []]


def parse_record(row: dict) -> AnnotatedSentence:
    events = [AnnotatedEvent(type=e["type"], status=e["status"], trigger=tuple(e["trigger"]),
                             mode=e.get("mode"), source=_spans(e.get("source")),
                             target=_spans(e.get("target")), location=_spans(e.get("location")),
                             date=_spans(e.get("date")))
              for e in row["events"]]
    return AnnotatedSentence(row["corpus"], row["doc"], row["start"], row["end"], row["annotator"], events)


def load_annotations(folder: Path = ANNOTATIONS / "batches") -> list[AnnotatedSentence]:
    """Every annotated sentence under `folder`, checked against the shared text it points into."""
    sentences = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            text = corpus_texts(row["corpus"])[row["doc"]]
            if sentence_hash(text[row["start"]:row["end"]]) != row["sha1"]:
                raise ValueError(f"{path.name}:{number}: the shared text of {row['doc']} has changed")
            sentences.append(parse_record(row))
    return sentences


def is_held_out(sentence: AnnotatedSentence, held_out_docs: frozenset[str]) -> bool:
    return sentence.doc in held_out_docs


def held_out_documents(sentences: list[AnnotatedSentence], share: float = 0.1) -> frozenset[str]:
    """The last `share` of each batch's documents (whole documents, contiguous): never tuned on."""
    order = {doc: i for i, doc in enumerate(ant2018_order())}
    by_annotator: dict[str, list[str]] = {}
    for sentence in sentences:
        if sentence.corpus != "ant2018":
            continue
        docs = by_annotator.setdefault(sentence.annotator, [])
        if sentence.doc not in docs:
            docs.append(sentence.doc)
    held = set()
    for docs in by_annotator.values():
        docs.sort(key=order.__getitem__)
        count = max(1, round(len(docs) * share))
        held.update(docs[-count:])
    return frozenset(held)
