"""Scores against gold: analysis records layer by layer (gold files in the shape of
../shared/gold/), sentence-level event detection counts, and NER tags as exact spans."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.nlp.bio import ENTITY_TYPES, bio_spans
from marsad.record import UNNAMED_KINDS
from marsad.text.normalize import normalize
from marsad.text.words import proclitic_variants

# The NER types the DESIGN budget is stated over; MISC is scored too but kept apart.
CORE_TYPES = ("PERS", "LOC", "ORG")

_NOISE = re.compile(r"[\"«»“”'‘’()\[\]،,.:؛!?؟]")


def key(text: str | None) -> str:
    """A comparison form: normalised, without quotes and punctuation, single spaces."""
    return " ".join(_NOISE.sub(" ", normalize(text or "")).split())


def mention_keys(text: str) -> set[str]:
    """The comparison forms of a mention, with and without clitics on its first word
    (a mention للبرلمان matches the gold alias البرلمان), and with and without a first word for
    the kind of body or place it names (وكالة رويترز and رويترز, مدينة عدن and عدن)."""
    words = key(text).split()
    if not words:
        return set()
    keys = {" ".join([first] + words[1:]) for first in proclitic_variants(words[0])}
    if len(words) > 1 and set(proclitic_variants(words[0])) & _name_kinds():
        keys |= {" ".join([first] + words[2:]) for first in proclitic_variants(words[1])}
    return keys


def alias_keys(alias: str) -> set[str]:
    """The comparison forms of a gold alias: as written, and without a first word for the kind
    of body or place it names."""
    words = key(alias).split()
    if len(words) > 1 and words[0] in _name_kinds():
        return {" ".join(words), " ".join(words[1:])}
    return {" ".join(words)}


def _name_kinds() -> frozenset[str]:
    from marsad.lexicon.lexicon import load_lexicon

    return load_lexicon().name_kinds


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "missed": self.missed, "spurious": self.spurious}


def align_entities(record: dict, gold: dict) -> dict[str, str]:
    """Gold entity id -> record entity id, by the most shared mention texts (one to one)."""
    pairs = []
    for g in gold.get("entities", []):
        aliases = set().union(*(alias_keys(a) for a in g.get("aliases", [])))
        for e in record.get("entities", []):
            shared = len(aliases & _mention_set(e))
            if shared:
                # on a tie, the entity that names the thing before a group of unnamed nouns
                named = not all(m.get("kind") in UNNAMED_KINDS for m in e["mentions"])
                pairs.append((shared, named, g["id"], e["id"]))
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for _, _, gold_id, record_id in sorted(pairs, reverse=True):
        if gold_id not in mapping and record_id not in used:
            mapping[gold_id] = record_id
            used.add(record_id)
    return mapping


def _mention_set(entity: dict) -> set[str]:
    return set().union(*(mention_keys(m["text"]) for m in entity["mentions"]))


def score_entities(record: dict, gold: dict, mapping: dict[str, str]) -> dict[str, Any]:
    entities = {e["id"]: e for e in record.get("entities", [])}
    score = Score()
    attributes = {"type": [0, 0], "country": [0, 0], "sector": [0, 0], "aliases": [0, 0]}
    for g in gold.get("entities", []):
        found = entities.get(mapping.get(g["id"], ""))
        if found is None:
            score.fn += 1
            score.missed.append(f"{g['id']} ({g['type']})")
            continue
        score.tp += 1
        for name in ("type", "country", "sector"):
            if name in g:
                attributes[name][0] += found.get(name) == g.get(name)
                attributes[name][1] += 1
        mentions = _mention_set(found)
        aliases = set().union(*(alias_keys(a) for a in g.get("aliases", [])))
        attributes["aliases"][0] += len(aliases & mentions)
        attributes["aliases"][1] += len(aliases)
    matched = set(mapping.values())
    for e in record.get("entities", []):
        # A generic actor (المتظاهرون) or an unnamed group (مسؤولون، وسائل إعلام، المعارضة: every
        # mention a collective noun) is an entity only because an event involves it: it is
        # scored with the events, and counts here only where the gold lists it too.
        generic = all(m.get("kind") in UNNAMED_KINDS for m in e["mentions"])
        if e["id"] not in matched and not generic:
            score.fp += 1
            score.spurious.append(f"{e['name']} ({e['type']})")
    result = score.as_dict()
    result["attribute_accuracy"] = {k: round(v[0] / v[1], 3) if v[1] else None
                                    for k, v in attributes.items()}
    return result


PLACE_TYPES = ("GPE", "LOC", "FAC")


def score_places(record: dict, gold: dict, mapping: dict[str, str]) -> dict[str, Any]:
    """Places found against the gold's: a record place (GPE, LOC, FAC) is right when it is
    aligned to a gold place; `mention_precision` asks the same of each of its mentions, which
    is right when its words are a gold place's mention used as a place (not an adjective of
    nationality or a capital standing for a government, the gold's `not_place`)."""
    places = {g["id"]: g for g in gold.get("entities", []) if g.get("type") in PLACE_TYPES}
    record_places = [e for e in record.get("entities", []) if e.get("type") in PLACE_TYPES
                     and not all(m.get("kind") in UNNAMED_KINDS for m in e["mentions"])]
    found = {mapping[g]: g for g in places if mapping.get(g) in {e["id"] for e in record_places}}
    place_words = {k for g in places.values() for a in g.get("aliases", []) for k in alias_keys(a)}
    not_place = {k for g in gold.get("entities", []) for a in g.get("not_place", []) for k in alias_keys(a)}
    other_words = {k for g in gold.get("entities", []) if g["id"] not in places
                   for a in g.get("aliases", []) for k in alias_keys(a)}
    score = Score()
    mentions_right = mentions = 0
    for e in record_places:
        if e["id"] in found:
            score.tp += 1
        else:
            score.fp += 1
            score.spurious.append(f"{e['name']} ({e['type']})")
        for m in e["mentions"]:
            keys = mention_keys(m["text"])
            if keys & not_place and not keys & (place_words - not_place):
                continue  # an adjective or a metonym: a mention of the country, not a place claim
            mentions += 1
            mentions_right += bool(keys & place_words) or (e["id"] in found and not keys & other_words)
    for g_id, g in places.items():
        if g_id not in found.values():
            score.fn += 1
            score.missed.append(f"{g_id} ({g['type']})")
    result = score.as_dict()
    result["mention_precision"] = round(mentions_right / mentions, 3) if mentions else None
    return result


def _find(text: str, evidence: str) -> tuple[int, int] | None:
    """Where a gold evidence string stands in the record's text, compared in normalised form."""
    index = text.find(evidence)
    if index >= 0:
        return index, index + len(evidence)
    norm_text, norm_evidence = normalize(text), normalize(evidence)
    index = norm_text.find(norm_evidence)
    if index < 0:
        return None
    from marsad.text.normalize import normalize_with_offsets

    mapped = normalize_with_offsets(text)
    return mapped.span_to_original(index, index + len(norm_evidence))


def best_assignment(weights: list[list[int]]) -> dict[int, int]:
    """Row -> column pairs of greatest total weight, each row and column used at most once and
    no pair of weight 0 (the Hungarian method on the square matrix of negated weights)."""
    n = max(len(weights), max((len(row) for row in weights), default=0))
    cost = [[-(weights[i][j] if i < len(weights) and j < len(weights[i]) else 0) for j in range(n)] for i in range(n)]
    u, v, owner, way = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        least, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while owner[j0]:
            used[j0] = True
            i0, delta, j1 = owner[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < least[j]:
                        least[j], way[j] = reduced, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            owner[j0], j0 = owner[j1], j1
    return {owner[j] - 1: j - 1 for j in range(1, n + 1)
            if owner[j] and owner[j] - 1 < len(weights) and j - 1 < len(weights[owner[j] - 1])
            and weights[owner[j] - 1][j - 1] > 0}


def score_events(record: dict, gold: dict, mapping: dict[str, str]) -> dict[str, Any]:
    text = record["text"]
    score = Score()
    arguments = {"source": [0, 0], "target": [0, 0], "status": [0, 0], "date": [0, 0]}
    strict = [0, 0]  # matched with the right source and target; and the right status too
    unused = list(record.get("events", []))

    events = gold.get("events", [])
    # one real event may be told in several places (`also_evidence`), and an event told again
    # (its restatements) may be found at any place that tells it
    places = [[w for w in (_find(text, e) for e in [g["evidence"]] + g.get("also_evidence", [])) if w] for g in events]
    starts = [[e["trigger"]["start"]] + [r["trigger"]["start"] for r in e.get("restatements", [])] for e in unused]

    def found_at(n: int, m: int) -> bool:
        return unused[m]["type"] == events[n]["type"] and any(a <= start < b for a, b in places[n] for start in starts[m])

    def right_actors(g: dict, event: dict) -> list[bool]:
        # a gold actor the record has no entity for is missed, never matched by an empty role
        return [event.get(role) is None if not g.get(role) else g[role] in mapping and event.get(role) == mapping[g[role]]
                for role in ("source", "target")]

    # Gold events are paired with record events found at their place: as many pairs as can be,
    # and among those the most with both actors right. One sentence may tell several events of
    # a type (a visit to two countries); pairing them in text order would cross them.
    weights = [[(len(events) + 1 + all(right_actors(g, e))) if found_at(n, m) else 0 for m, e in enumerate(unused)]
               for n, g in enumerate(events)]
    chosen = best_assignment(weights)
    pairs = {n: unused[m] for n, m in chosen.items()}
    taken = set(chosen.values())
    unused = [e for m, e in enumerate(unused) if m not in taken]
    for n, g in enumerate(events):
        match = pairs.get(n)
        if match is None:
            score.fn += 1
            score.missed.append(f"{g['id']} {g['type']}: {g['evidence'][:60]}")
            continue
        score.tp += 1
        right = right_actors(g, match)
        for role, ok in zip(("source", "target"), right):
            arguments[role][0] += ok
            arguments[role][1] += 1
        strict[0] += all(right)
        strict[1] += all(right) and match["status"] == g.get("status", "reported")
        arguments["status"][0] += match["status"] == g.get("status", "reported")
        arguments["status"][1] += 1
        if g.get("date"):
            got = match.get("date") or {}
            arguments["date"][0] += (got.get("start"), got.get("end")) == (g["date"]["start"], g["date"]["end"])
            arguments["date"][1] += 1
    # A gold non-event recorded with the status the gold gives it (hypothetical, denied) is allowed.
    unused = [e for e in unused if not _allowed_non_event(e, gold, mapping)]
    score.fp = len(unused)
    score.spurious = [f"{e['type']}: {e['trigger']['text']}" for e in unused]
    result = score.as_dict()
    result["argument_accuracy"] = {k: round(v[0] / v[1], 3) if v[1] else None for k, v in arguments.items()}
    result["not_events_reported"] = _not_events_reported(record, gold, mapping)
    # The strict scores: an event counts only with its type, source and target right (and,
    # for `strict_status`, its status too); the same record events and gold events as above.
    predicted, total = score.tp + score.fp, score.tp + score.fn
    for name, hits in (("strict", strict[0]), ("strict_status", strict[1])):
        p = hits / predicted if predicted else 0.0
        r = hits / total if total else 0.0
        result[name] = {"precision": round(p, 3), "recall": round(r, 3),
                        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "hits": hits}
    return result


def _allowed_non_event(event: dict, gold: dict, mapping: dict[str, str]) -> bool:
    for g in gold.get("not_events", []):
        actors = {mapping.get(g.get("source") or ""), mapping.get(g.get("target") or "")} - {None}
        if g.get("type") and event["type"] == g["type"] and event["status"] == g.get("status") \
                and actors & {event.get("source"), event.get("target")}:
            return True
    return False


def _not_events_reported(record: dict, gold: dict, mapping: dict[str, str]) -> int:
    """Gold non-events (hypothetical or denied) that the record reports as plain facts."""
    count = 0
    for g in gold.get("not_events", []):
        for event in record.get("events", []):
            if (g.get("type") and event["type"] == g["type"] and event["status"] == "reported"
                    and event.get("source") == mapping.get(g.get("source") or "")
                    and event.get("target") == mapping.get(g.get("target") or "")):
                count += 1
    return count


def _speaker_matches(quote: dict, gold_speaker: str, record: dict, mapping: dict[str, str],
                     gold: dict | None = None) -> bool:
    """Whether a quote's speaker is the gold's: the same entity, or a source whose words are the
    gold speaker's (a name the entity layer missed is still the right speaker when the source
    is written as one of the gold entity's aliases; an unnamed source is the same source when
    one's words begin the other's, however far each takes its noun phrase)."""
    attributions = {a["id"]: a for a in record.get("attributions", [])}
    attribution = attributions.get(quote["speaker"] or "")
    # a speaker given as its entity: the sources that name that entity
    named = [attribution] if attribution else [a for a in record.get("attributions", [])
                                               if quote["speaker"] and a.get("entity") == quote["speaker"]]
    if gold_speaker in mapping:
        if quote["speaker"] == mapping[gold_speaker]:
            return True
        if attribution and attribution.get("entity") == mapping[gold_speaker]:
            return True
    gold_entity = next((e for e in (gold or {}).get("entities", []) if e["id"] == gold_speaker), None)
    if not named:
        return False
    if gold_entity is not None:
        aliases = {key(a) for a in gold_entity.get("aliases", [])}
        return gold_speaker not in mapping and any(key(a["text"]) in aliases for a in named)
    attribution = named[0]
    said = key(attribution["text"])
    words, expected = said.split(), key(gold_speaker).split()
    shorter = min(len(words), len(expected))
    return said == key(gold_speaker) or shorter >= 2 and words[:shorter] == expected[:shorter]


def _overlap(a: str, b: str) -> float:
    wa, wb = set(key(a).split()), set(key(b).split())
    return len(wa & wb) / max(1, len(wa | wb))


def score_quotes(record: dict, gold: dict, mapping: dict[str, str]) -> dict[str, Any]:
    score = Score()
    unused = list(record.get("quotes", []))
    speakers_right = 0
    for g in gold.get("quotes", []):
        best = max(unused, key=lambda q: _overlap(q["text"], g["text"]), default=None)
        if best is None or _overlap(best["text"], g["text"]) < 0.5:
            score.fn += 1
            score.missed.append(g["text"][:60])
            continue
        unused.remove(best)
        score.tp += 1
        speakers_right += _speaker_matches(best, g["speaker"], record, mapping, gold)
    score.fp = len(unused)
    score.spurious = [q["text"][:60] for q in unused]
    result = score.as_dict()
    result["speaker_accuracy"] = round(speakers_right / score.tp, 3) if score.tp else None
    result["speakers_right"] = speakers_right
    return result


def _interval(value: Any) -> tuple[str | None, str | None] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value, value
    return value.get("start"), value.get("end")


def score_dates(record: dict, gold: dict) -> dict[str, Any]:
    score = Score()
    found = {(key(d["text"]), _interval(d["value"])) for d in record.get("dates", [])}
    expected = [d for d in gold.get("dates", []) if d.get("role") != "published"]
    for g in expected:
        if (key(g["text"]), _interval(g["value"])) in found:
            score.tp += 1
        elif "optional" not in (g.get("note") or ""):
            score.fn += 1
            score.missed.append(f"{g['text']} = {g['value']}")
    gold_keys = {(key(g["text"]), _interval(g["value"])) for g in expected}
    for d in record.get("dates", []):
        if (key(d["text"]), _interval(d["value"])) not in gold_keys:
            score.fp += 1
            score.spurious.append(f"{d['text']} = {_interval(d['value'])}")
    return score.as_dict()


def score_attributions(record: dict, gold: dict) -> dict[str, Any]:
    score = Score()
    unused = list(record.get("attributions", []))
    kinds_right = 0
    for g in gold.get("attributions", []):
        match = next((a for a in unused if key(a["text"]) == key(g["text"])), None)
        if match is None:
            score.fn += 1
            score.missed.append(g["text"])
            continue
        unused.remove(match)
        score.tp += 1
        kinds_right += match["kind"] == g.get("kind")
    score.fp = len(unused)
    score.spurious = [a["text"] for a in unused]
    result = score.as_dict()
    result["kind_accuracy"] = round(kinds_right / score.tp, 3) if score.tp else None
    return result


def score_record(record: dict, gold: dict) -> dict[str, Any]:
    """Precision, recall and F1 of every layer of `record` against a gold file."""
    mapping = align_entities(record, gold)
    return {
        "layout": {
            "title": record["title"] == gold.get("title"),
            "published": record["published"] == gold.get("published"),
            "highlights": sorted(record["highlights"]) == sorted(gold.get("highlights", [])),
        },
        "entities": score_entities(record, gold, mapping),
        "events": score_events(record, gold, mapping),
        "quotes": score_quotes(record, gold, mapping),
        "attributions": score_attributions(record, gold),
        "dates": score_dates(record, gold),
    }


def score_counts(c: dict[str, int]) -> dict[str, Any]:
    """Precision, recall and F1 of tp/fp/fn counts (three decimals), with the counts."""
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), **c}


def score_spans(
    gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]
) -> dict[str, dict[str, float]]:
    """NER exact-span precision, recall and F1 per type, micro over PERS/LOC/ORG and over all four."""
    counts = {t: {"tp": 0, "fp": 0, "fn": 0} for t in ENTITY_TYPES}
    for gold_tags, pred_tags in zip(gold, predicted, strict=True):
        if len(gold_tags) != len(pred_tags):
            raise ValueError(f"tagger returned {len(pred_tags)} tags for {len(gold_tags)} tokens")
        gold_spans = set(bio_spans(gold_tags))
        pred_spans = set(bio_spans(pred_tags))
        for span in pred_spans:
            if span[2] in counts:
                counts[span[2]]["tp" if span in gold_spans else "fp"] += 1
        for span in gold_spans - pred_spans:
            if span[2] in counts:
                counts[span[2]]["fn"] += 1
    result = {t: _span_prf(**counts[t]) for t in ENTITY_TYPES}
    for name, types in (("overall_pers_loc_org", CORE_TYPES), ("overall", ENTITY_TYPES)):
        result[name] = _span_prf(**{k: sum(counts[t][k] for t in types) for k in ("tp", "fp", "fn")})
    return result


def _span_prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "support": tp + fn}


def score_confidence(pairs: Sequence[tuple[float, bool]], bins: int = 5) -> dict[str, Any]:
    """How well confidences tell right predictions from wrong ones: the ranking AUC (the chance a
    right one is given more than a wrong one, ties counting half), the Brier score (mean squared
    error of the confidence as a probability), and per bin of confidence its count, mean
    confidence and the share that is right (a calibrated model has the two alike)."""
    if not pairs:
        return {"count": 0, "auc": None, "brier": None, "bins": []}
    ordered = sorted(pairs, key=lambda pair: pair[0])
    right = sum(r for _, r in ordered)
    wrong = len(ordered) - right
    rank_sum, i = 0.0, 0
    while i < len(ordered):  # average ranks over ties
        j = i
        while j < len(ordered) and ordered[j][0] == ordered[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2 * sum(r for _, r in ordered[i:j])
        i = j
    auc = (rank_sum - right * (right + 1) / 2) / (right * wrong) if right and wrong else None
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in pairs if lo <= c < hi or b == bins - 1 and c == hi]
        if inside:
            table.append({"from": round(lo, 2), "to": round(hi, 2), "count": len(inside),
                          "confidence": round(sum(c for c, _ in inside) / len(inside), 3),
                          "right": round(sum(r for _, r in inside) / len(inside), 3)})
    return {"count": len(pairs), "auc": None if auc is None else round(auc, 3),
            "brier": round(sum((c - r) ** 2 for c, r in pairs) / len(pairs), 3), "bins": table}
