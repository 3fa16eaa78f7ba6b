"""Scoring the rival-authorities gold (tests/gold/rival_authorities_ant2018): which side the
record links each government, office or ministry to."""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent / "gold" / "rival_authorities_ant2018"
# the second batch, all held out, annotated blind after the first batch's rules were written
SECOND_BATCH_DIR = GOLD_DIR.with_name("rival_authorities_ant2018_b2")


@dataclass(frozen=True)
class Judged:
    document: str
    split: str
    start: int
    end: int
    gold_actor: str
    gold_side: str
    actor: str | None  # the record's knowledge-base actor for the mention, if any
    side: str | None


def gold_files(split: str | None = None, folder: Path = GOLD_DIR) -> list[dict]:
    files = [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))]
    return [f for f in files if split is None or f["split"] == split]


def _actor_ids(base) -> dict[tuple[str, str | None], str]:
    """(canonical name, English name) -> knowledge-base actor id: how a record's entity is
    traced back to the row it was linked to."""
    return {(actor.name, actor.name_en): actor.id for actor in base.actors.values()}


def judge_file(gold: dict, texts: dict[str, str]) -> list[Judged]:
    """Analyse one gold article as `marsad evaluate` does and read the side of each mention."""
    from marsad.analysis import analyze_document
    from marsad.ingest import Metadata, parse_text
    from marsad.lexicon.lexicon import load_lexicon

    base = load_lexicon().actors
    ids = _actor_ids(base)
    text = texts[gold["document"]]
    title, body = text.split("\n\n", 1)
    article = parse_text(body, gold["document"], html=False,
                         metadata=Metadata(title=title, published=gold.get("published")))
    record = analyze_document(article)
    judged = []
    for mention in gold["mentions"]:
        start, end = _in_record(text, record.text, mention["start"], mention["end"])
        # the mention that covers most of the gold's words, the tightest on a tie: a person's role
        # mention (وزير التربية في الحكومة الشرعية) holds the body's own mention, which is the one judged
        best = None
        for entity in record.entities:
            for m in entity.mentions:
                overlap = min(end, m.end) - max(start, m.start)
                if overlap > 0 and (best is None or (overlap, m.start - m.end) > best[0]):
                    best = ((overlap, m.start - m.end), entity)
        actor = ids.get((best[1].name, best[1].name_en)) if best else None
        side = base.side_of(actor) if actor else None
        judged.append(Judged(gold["document"], gold["split"], mention["start"], mention["end"],
                             mention["actor"], mention["side"], actor, side.side if side else None))
    return judged


def _in_record(text: str, record_text: str, start: int, end: int) -> tuple[int, int]:
    """The gold span's offsets in the record's text, which joins paragraphs with a blank line
    and may lack page furniture the corpus text holds: mapped through the two texts' alignment."""
    if record_text == text:
        return start, end
    matcher = difflib.SequenceMatcher(None, text, record_text, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        if a <= start and end <= a + size:  # the whole span lies in one unchanged stretch
            return b + start - a, b + end - a
    return -1, -1


def accuracy(judged: list[Judged]) -> tuple[float, float]:
    """(side accuracy, actor accuracy) over the judged mentions."""
    if not judged:
        return 0.0, 0.0
    sides = sum(j.side == j.gold_side for j in judged)
    actors = sum(j.actor == j.gold_actor for j in judged)
    return sides / len(judged), actors / len(judged)
