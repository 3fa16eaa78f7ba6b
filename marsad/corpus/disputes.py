"""Disputes: a claim that something happened and a denial of that same happening.

Two events of one story are not enough: a story is built loosely (one shared actor, the other one
unknown), and a denial rarely carries the event it denies in full. Most denials are a denial act
(REJECT, «نفى X الاتهامات») whose content the extractor does not recover, or a denied event whose
arguments differ from the claim's. A claim and a denial are paired here when they concern the
same happening: a compatible type, a shared actor, dates close together (issue 16).
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from typing import Any, Iterable

from marsad.corpus.stories import SYMMETRIC, StoryEvent, _actors_fit
from marsad.lexicon.lexicon import load_lexicon
from marsad.text.normalize import normalize

# Statuses that assert the event happened or will happen, against which a denial disputes. A
# background event is a claim recalled («وكانت تقارير قد أفادت بأن...»): the usual form of the
# claim in the article that reports the denial.
ASSERTING = ("reported", "planned", "background")

# A denial comes within days of the claim it answers, and a denied event is dated by its
# document when the text gives no date; the gold pairs of tests/gold/disputes2018 lie within 4 days.
WINDOW_DAYS = 4

# What a bare denial act can answer when its doer is the denier: deeds one is blamed for (an
# attack, arms to a militia, an arrest), not words (a threat, a demand) nor a meeting or a deal,
# which both sides make public: a visit beside the host's denial of another matter is the
# look-alike issue 16 names (Pompeo meets King Salman / the King denies knowing Khashoggi's fate).
# A denied meeting is extracted as a denied CONSULT and paired by the rule for denied events.
DENIABLE = frozenset({"ASSAULT", "AID", "COERCE", "SANCTION"})



def is_denial_act(event: StoryEvent) -> bool:
    """The act of denying («نفت طهران التقارير»): the denier is its source, the content unknown."""
    words = normalize(event.trigger or "").split()
    return (event.type == "REJECT" and event.status in ASSERTING and bool(words)
            and bool(load_lexicon().denial_verb.match(words[0])))


def is_denial(event: StoryEvent) -> bool:
    return event.status == "denied" or is_denial_act(event)


def is_claim(event: StoryEvent) -> bool:
    return event.status in ASSERTING and not is_denial_act(event)


def _actors(event: StoryEvent) -> set[str]:
    return {a for a in (event.source, event.target) if a}


def _claim_date(claim: StoryEvent) -> dt.date | None:
    """A recalled happening is dated by the text or not at all: its document's date says when it
    was recalled, not when it happened (SCHEMA.md, `background`)."""
    return claim.stated if claim.status == "background" else claim.date


def _close_dates(claim: StoryEvent, denial: StoryEvent, window: int) -> bool:
    when = _claim_date(claim)
    if when is None or denial.date is None:
        return False  # nothing to set the two side by side with
    return abs((denial.date - when).days) <= window


def same_happening(claim: StoryEvent, denial: StoryEvent, window: int = WINDOW_DAYS) -> bool:
    """Whether `denial` answers `claim`: both about one happening.

    A denied event answers a claim of its own type whose actors agree with it role by role where
    both are known, one at least in common (by corpus entity id: KB id or normalised name), and
    whose place agrees where both give one. A denial act answers a claim of
    any type whose doer is the denier, or an accusation of the denier («اتهمت الرياض طهران...» /
    «نفت طهران»), since what it denies is not extracted. Either way the two are dated within
    `window` days.
    """
    if claim.id == denial.id or not is_claim(claim) or not is_denial(denial):
        return False
    if not _close_dates(claim, denial, window):
        return False
    if is_denial_act(denial):
        # One denies doing a thing one is blamed for, or what one is accused of; being the target
        # of a protest («تظاهر آلاف ضد نتنياهو» / «نفى نتنياهو») or making a threat or a demand
        # is not what a bare denial answers.
        denier = denial.source
        if denier is None:
            return False
        if claim.type == "ACCUSE":
            # «اتهام نتنياهو بالرشوة»: after the noun the accused comes first, and with no other
            # actor the extractor takes him for the source.
            return denier == (claim.target or claim.source)
        return claim.type in DENIABLE and denier == claim.source
    if claim.type != denial.type:
        return False
    if claim.location and denial.location and claim.location != denial.location:
        return False
    # Actors agree role by role, as in a story, with one in common: a country struck in one
    # report and the striker's denial in another («قصف سوريا» / «الأردن ينفي قصف سوريا»)
    # share a name but not the happening unless the doers agree too.
    fit = _actors_fit(claim.source, claim.target, denial.source, denial.target)
    if fit is None and claim.type in SYMMETRIC:
        fit = _actors_fit(claim.source, claim.target, denial.target, denial.source)
    return bool(fit)


def _denied_sentences(events: list[StoryEvent]) -> set[tuple[str, str]]:
    """(document, sentence) of every denial: an event "reported" there is what is denied
    («نفت الحكومة تقارير عن مفاوضات سرية»), not a claim."""
    return {(e.document_id, e.evidence) for e in events if is_denial(e) and e.evidence}


def dispute_pairs(events: Iterable[StoryEvent], window: int = WINDOW_DAYS) -> list[tuple[StoryEvent, StoryEvent]]:
    """Every (claim, denial) of `events` that concern the same happening, in input order."""
    events = list(events)
    denied_sentences = _denied_sentences(events)
    by_actor: dict[str, list[StoryEvent]] = defaultdict(list)
    for event in events:
        if is_claim(event) and (event.document_id, event.evidence) not in denied_sentences:
            for actor in _actors(event):
                by_actor[actor].append(event)
    pairs = []
    seen = set()
    for denial in (e for e in events if is_denial(e)):
        # Every rule needs a shared actor, so only the claims of the denial's actors are tried.
        for actor in sorted(_actors(denial)):
            for claim in by_actor.get(actor, ()):
                if (claim.id, denial.id) not in seen and same_happening(claim, denial, window):
                    seen.add((claim.id, denial.id))
                    pairs.append((claim, denial))
    return pairs


def find_disputes(db: sqlite3.Connection, limit: int | None = None) -> list[dict[str, Any]]:
    """Every story with a claim that a denial answers, its two sides: who reports it and who
    denies it, and where; oldest first."""
    from marsad.store.stories import event_sides, load_story_events, story_summaries

    events = load_story_events(db)
    claims: dict[str, list[str]] = defaultdict(list)
    denials: dict[str, list[str]] = defaultdict(list)
    for claim, denial in dispute_pairs(events):
        if claim.story_id is None:
            continue
        if claim.id not in claims[claim.story_id]:
            claims[claim.story_id].append(claim.id)
        if denial.id not in denials[claim.story_id]:
            denials[claim.story_id].append(denial.id)
    disputes = []
    for sid, etype, mode, date, documents, sources, source, target, place in story_summaries(db, list(claims)):
        disputes.append({
            "story": sid, "kind": "reported-vs-denied", "type": etype, "mode": mode,
            "date": date, "source": source, "target": target, "place": place,
            "documents": documents, "sources": sources,
            "reports": event_sides(db, claims[sid]), "denials": event_sides(db, denials[sid]),
        })
        if limit and len(disputes) >= limit:
            break
    return disputes


def disputed_story_ids(events: Iterable[StoryEvent], story_of: dict[str, str]) -> set[str]:
    """The stories whose claims a denial answers (for the stories table's `disputed` flag)."""
    return {story_of[claim.id] for claim, _ in dispute_pairs(events) if claim.id in story_of}
