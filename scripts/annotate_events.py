"""Annotation tool for the team's event corpus (annotations/events/GUIDELINES.md).

  sentences --from N --to M       print the sentences of ant2018 documents N..M-1 to annotate
  convert DRAFT -o OUT --annotator NAME
                                  turn a draft (span strings) into stand-off records (offsets)
  agreement A B                   inter-annotator agreement of two stand-off files

It never runs Marsad: annotators see the text alone.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.training.event_corpus import (  # noqa: E402
    EVENT_TYPES, STATUSES, ant2018_order, corpus_texts, document_sentences, parse_record, sentence_hash)

_CLITICS = "وفبلك"
_WORD_CHAR = re.compile(r"\w")  # letters and digits; the Arabic comma is not one


def print_sentences(first: int, last: int) -> None:
    order = ant2018_order()
    texts = corpus_texts("ant2018")
    for doc in order[first:last]:
        text = texts[doc]
        print(f"=== {doc}")
        for number, (start, end) in enumerate(document_sentences(text)):
            print(f"[{number}] {text[start:end]}")


def _find(sentence: str, wanted: str, occurrence: int) -> int:
    """Where the `occurrence`-th use of `wanted` as whole words starts: glued clitics may come
    before it, a letter may not come after it. Only when there is no such use are uses that
    begin a longer word, then any use, counted."""
    def starts_word(i: int) -> bool:
        stripped = sentence[:i].rstrip(_CLITICS)
        return (len(sentence[:i]) - len(stripped) <= 3) and (not stripped or not _WORD_CHAR.match(stripped[-1]))

    def ends_word(i: int) -> bool:
        end = i + len(wanted)
        return end >= len(sentence) or not _WORD_CHAR.match(sentence[end])

    every = [m.start() for m in re.finditer(re.escape(wanted), sentence)]
    for found in ([i for i in every if starts_word(i) and ends_word(i)], [i for i in every if starts_word(i)], every):
        if len(found) >= occurrence:
            return found[occurrence - 1]
    raise ValueError(f"{wanted!r} not found in the sentence")


def _span(text: str, sentences: list[tuple[int, int]], here: int, value) -> tuple[int, int]:
    """A draft span (a string, `string#2` for its second use, or {"sent": k, "text": ...}
    for an antecedent in an earlier sentence) as document offsets."""
    if isinstance(value, dict):
        here, value = value["sent"], value["text"]
    wanted, occurrence = value, 1
    if "#" in value and value.rsplit("#", 1)[1].isdigit():  # a hashtag's # is text
        wanted, number = value.rsplit("#", 1)
        occurrence = int(number)
    wanted = wanted.strip()
    start, end = sentences[here]
    try:
        at = _find(text[start:end], wanted, occurrence)
    except ValueError:
        if not wanted.startswith("ال"):
            raise
        # للحكومة: ل before the article drops its alef; the span is what is written after لل
        wanted = wanted[2:]
        at = _find(text[start:end], "لل" + wanted, occurrence) + 2
    return start + at, start + at + len(wanted)


def _spans(text, sentences, here, value) -> list[list[int]]:
    if value in (None, "", []):
        return []
    values = value if isinstance(value, list) else [value]
    return [list(_span(text, sentences, here, v)) for v in values]


def convert(draft: Path, out: Path, annotator: str, corpus: str) -> int:
    texts = corpus_texts(corpus)
    records, problems = [], 0
    for number, line in enumerate(draft.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = texts[row["doc"]]
            sentences = document_sentences(text) if corpus == "ant2018" else [(0, len(text))]
            here = row.get("sent", 0)
            start, end = sentences[here]
            events = []
            for event in row.get("events", []):
                if event["type"] not in EVENT_TYPES:
                    raise ValueError(f"unknown type {event['type']!r}")
                status = event.get("status", "reported")
                if status not in STATUSES:
                    raise ValueError(f"unknown status {status!r}")
                trigger = _spans(text, sentences, here, event["trigger"])
                if len(trigger) != 1:
                    raise ValueError("an event needs exactly one trigger")
                coded = {"type": event["type"], "mode": event.get("mode") or None, "status": status,
                         "trigger": trigger[0]}
                for name in ("source", "target", "location", "date"):
                    coded[name] = _spans(text, sentences, here, event.get(name))
                events.append(coded)
            record = {"corpus": corpus, "doc": row["doc"], "start": start, "end": end,
                      "sha1": sentence_hash(text[start:end]), "annotator": annotator, "events": events}
            parse_record(record)
            records.append(record)
        except (KeyError, ValueError, IndexError, TypeError, json.JSONDecodeError) as error:
            problems += 1
            print(f"{draft}:{number}: {error}", file=sys.stderr)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} sentences, {sum(len(r['events']) for r in records)} events written to {out}; "
          f"{problems} lines with problems", file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("sentences")
    listing.add_argument("--from", dest="first", type=int, required=True)
    listing.add_argument("--to", dest="last", type=int, required=True)
    converting = commands.add_parser("convert")
    converting.add_argument("draft", type=Path)
    converting.add_argument("-o", "--out", type=Path, required=True)
    converting.add_argument("--annotator", required=True)
    converting.add_argument("--corpus", default="ant2018")
    agreeing = commands.add_parser("agreement")
    agreeing.add_argument("first", type=Path)
    agreeing.add_argument("second", type=Path)
    args = parser.parse_args()
    if args.command == "sentences":
        print_sentences(args.first, args.last)
        return 0
    if args.command == "convert":
        return convert(args.draft, args.out, args.annotator, args.corpus)
    from marsad.training.event_agreement import report
    print(report(args.first, args.second))
    return 0


if __name__ == "__main__":
    sys.exit(main())
