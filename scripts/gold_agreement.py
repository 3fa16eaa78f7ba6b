"""Agreement of two stand-off article golds of one article (entities and events layers).

  python scripts/gold_agreement.py FIRST.json SECOND.json [MORE_FIRST.json MORE_SECOND.json ...]

Entities: mention F1 over exact [start, end) spans with the entity type. Events: F1 over
events paired one to one by type and overlapping tellings (evidence or a restatement); of
the paired events, how often both annotators give the same source, the same target, both,
and the same status, an actor being the same when the two entities share a mention span
(or both leave it empty). Summed over the pairs of files given. It reads the gold files only.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def _tellings(event: dict) -> list[tuple[int, int]]:
    return [tuple(event["evidence"])] + [tuple(span) for span in event.get("also_evidence", [])]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_actor(a: str | None, b: str | None, first: dict, second: dict) -> bool:
    if a is None or b is None:
        return a is None and b is None
    spans_a = {tuple(m) for m in first.get(a, {}).get("mentions", [])}
    spans_b = {tuple(m) for m in second.get(b, {}).get("mentions", [])}
    return any(_overlap(x, y) for x in spans_a for y in spans_b)


def compare(first: dict, second: dict) -> dict[str, int]:
    counts = dict.fromkeys(("mentions_a", "mentions_b", "mentions_same", "events_a", "events_b", "paired",
                            "source", "target", "both", "status"), 0)
    mentions_a = {(tuple(m), e["type"]) for e in first["entities"] for m in e["mentions"]}
    mentions_b = {(tuple(m), e["type"]) for e in second["entities"] for m in e["mentions"]}
    counts.update(mentions_a=len(mentions_a), mentions_b=len(mentions_b), mentions_same=len(mentions_a & mentions_b))
    entities_a = {e["id"]: e for e in first["entities"]}
    entities_b = {e["id"]: e for e in second["entities"]}
    counts.update(events_a=len(first["events"]), events_b=len(second["events"]))
    unused = list(second["events"])
    for event in first["events"]:
        other = next((o for o in unused if o["type"] == event["type"]
                      and any(_overlap(x, y) for x in _tellings(event) for y in _tellings(o))), None)
        if other is None:
            continue
        unused.remove(other)
        counts["paired"] += 1
        source = _same_actor(event.get("source"), other.get("source"), entities_a, entities_b)
        target = _same_actor(event.get("target"), other.get("target"), entities_a, entities_b)
        counts["source"] += source
        counts["target"] += target
        counts["both"] += source and target
        counts["status"] += event.get("status") == other.get("status")
    return counts


def _f1(same: int, a: int, b: int) -> float:
    return round(2 * same / (a + b), 3) if a + b else 0.0


def main(argv: list[str]) -> int:
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    total: dict[str, int] = {}
    for a, b in zip(argv[::2], argv[1::2]):
        counts = compare(json.loads(Path(a).read_text("utf-8")), json.loads(Path(b).read_text("utf-8")))
        total = {k: total.get(k, 0) + v for k, v in counts.items()}
    paired = total["paired"] or 1
    print(json.dumps({
        "articles": len(argv) // 2,
        "entity_mention_f1": _f1(total["mentions_same"], total["mentions_a"], total["mentions_b"]),
        "mentions": [total["mentions_a"], total["mentions_b"]],
        "event_f1": _f1(total["paired"], total["events_a"], total["events_b"]),
        "events": [total["events_a"], total["events_b"]],
        "of_paired_events": {k: round(total[k] / paired, 3) for k in ("source", "target", "both", "status")},
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
