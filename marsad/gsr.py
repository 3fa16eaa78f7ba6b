"""Who did what to whom on the Arabic event GSR: Marsad's sources and targets against the coders' spans.

For each sentence of `*_spans.json` whose coders agreed on a source or a target span
(`source_gold`, `target_gold`), an event of the sentence's type counts when its source
shares a content word (clitics aside) with `source_gold` and its target one with
`target_gold`; an empty gold side is not checked. The source's country is scored against
the country code most coders gave (`source_role.main`).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from marsad.errors import InputError
from marsad.lexicon.lexicon import load_lexicon
from marsad.lexicon.morphology import Morphology
from marsad.text.normalize import normalize
from marsad.text.words import words


def content_words(text: str, morphology: Morphology | None = None) -> set[str]:
    """Normalised words of a span without clitics or article, function words left out; the
    clitics are `morphology`'s, the shipped Lexicon's unless given."""
    morphology = load_lexicon().morphology if morphology is None else morphology
    found = set()
    article = morphology.article
    for word in words(text):
        stem = morphology.proclitic_variants(word)[-1]
        if stem.startswith(article) and len(stem) > 4:
            stem = stem[len(article):]
        if len(stem) >= 3:
            found.add(stem)
    return found


def read_gsr_spans(path: Path) -> list[dict[str, Any]]:
    """The sentences of a GSR spans file whose coders agreed on a source or a target."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(str(path), f"not a GSR spans file: {error}") from None
    agreed = []
    for row in rows:
        source, target = (row.get("source_gold") or "").strip(), (row.get("target_gold") or "").strip()
        if source or target:
            agreed.append({"id": row.get("source"), "type": row["event_type"].upper(),
                           "text": row["text"], "source": source, "target": target,
                           "country": _coders_country(row.get("spans") or [])})
    return agreed


def _coders_country(spans: list[dict]) -> str | None:
    codes = Counter(s["source_role"].get("main") for s in spans if isinstance(s.get("source_role"), dict))
    codes.pop("None", None)
    codes.pop(None, None)
    return codes.most_common(1)[0][0] if codes else None


def _entity_words(record: dict, entity_id: str | None, sentence_end: int) -> set[str]:
    entity = next((e for e in record["entities"] if e["id"] == entity_id), None)
    if entity is None:
        return set()
    found = set()
    for mention in entity["mentions"]:
        found |= content_words(mention["text"])
    return found


def argument_hits(record: dict, gold: dict) -> dict[str, bool]:
    """Whether some event of the gold type has the right source, target, both, and country."""
    best = {"typed": False, "source": False, "target": False, "both": False, "country": False}
    source_words, target_words = content_words(gold["source"]), content_words(gold["target"])
    entities = {e["id"]: e for e in record["entities"]}
    for event in record["events"]:
        if event["type"] != gold["type"]:
            continue
        best["typed"] = True
        source_ok = not source_words or bool(source_words & _entity_words(record, event["source"], 0))
        target_ok = not target_words or bool(target_words & _entity_words(record, event["target"], 0))
        best["source"] |= source_ok
        best["target"] |= target_ok
        best["both"] |= source_ok and target_ok
        country = (entities.get(event["source"]) or {}).get("country")
        best["country"] |= gold["country"] is not None and country == gold["country"]
    return best


def score_gsr_arguments(paths: list[Path], analyze=None) -> dict[str, Any]:
    """Shares of agreed GSR sentences whose type, source, target, both and country are right."""
    if analyze is None:
        from marsad.analysis import analyze_document
        from marsad.record import Document

        def analyze(text: str) -> dict:
            return analyze_document(Document(title="", text=text)).to_dict()

    counts: Counter = Counter()
    with_country = 0
    misses = []
    for path in paths:
        for gold in read_gsr_spans(path):
            hits = argument_hits(analyze(gold["text"]), gold)
            counts.update(k for k, v in hits.items() if v)
            counts["sentences"] += 1
            with_country += gold["country"] is not None
            if not hits["both"]:
                misses.append(gold["id"])
    n = counts["sentences"] or 1
    return {"kind": "GSR arguments", "sentences": counts["sentences"],
            "type_found": round(counts["typed"] / n, 3), "source": round(counts["source"] / n, 3),
            "target": round(counts["target"] / n, 3), "both": round(counts["both"] / n, 3),
            "source_country": round(counts["country"] / with_country, 3) if with_country else None,
            "sentences_with_country": with_country, "missed": misses}
