"""Event stories: reports of one real event from many documents merged into one, with its sources."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field

# Reports of one event are dated within this many days of each other (an event date when the
# text gives one, else the publication date: follow-ups and late reports drift by a day or two).
WINDOW_DAYS = 3
# Types whose source and target may be swapped between reports ("A met B" / "B met A").
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}


@dataclass
class StoryEvent:
    """What story building needs of one stored event."""
    id: str
    document_id: str
    type: str
    mode: str | None
    source: str | None
    target: str | None
    location: str | None
    date: dt.date | None
    published: str | None
    status: str
    voice: str  # who stands behind the document: its outlet, or its original when it is a copy
    seq: int = 0
    trigger: str | None = None  # the words that name the event (a denial act is told by its verb)
    story_id: str | None = None  # the stored story, once stories are built
    evidence: str | None = None  # the sentence, to tell a claim from the content of a denial
    stated: dt.date | None = None  # the date the text gives, without the publication date


@dataclass
class Story:
    type: str
    events: list[StoryEvent] = field(default_factory=list)
    source: str | None = None
    target: str | None = None
    location: str | None = None
    mode: str | None = None
    first: dt.date | None = None
    last: dt.date | None = None

    @property
    def id(self) -> str:
        members = "\n".join(sorted(e.id for e in self.events))
        return "S" + hashlib.sha256(members.encode("utf-8")).hexdigest()[:16]

    @property
    def documents(self) -> int:
        return len({e.document_id for e in self.events})

    @property
    def sources(self) -> int:
        """Independent sources: outlets, counting a republished copy with its original."""
        return len({e.voice for e in self.events})

    @property
    def statuses(self) -> dict[str, int]:
        return dict(sorted(Counter(e.status for e in self.events).items()))

    @property
    def first_date(self) -> str | None:
        return self.first.isoformat() if self.first else None

    @property
    def last_date(self) -> str | None:
        return self.last.isoformat() if self.last else None

    @property
    def first_reported(self) -> str | None:
        return min((e.published for e in self.events if e.published), default=None)

    @property
    def last_reported(self) -> str | None:
        return max((e.published for e in self.events if e.published), default=None)

    def accepts(self, event: StoryEvent, window: int) -> bool:
        if event.type != self.type:
            return False
        if (self.first is None) != (event.date is None):
            return False
        if event.date is not None and self.first is not None and self.last is not None:
            if event.date < self.first - dt.timedelta(days=window):
                return False
            if event.date > self.last + dt.timedelta(days=window):
                return False
        if _fits(self.location, event.location) is None:
            return False
        straight = _actors_fit(self.source, self.target, event.source, event.target)
        if straight is None and self.type in SYMMETRIC:
            straight = _actors_fit(self.source, self.target, event.target, event.source)
        if straight is None:
            return False
        # At least one known actor or place in common, or any two events of a type would merge.
        anchored = straight or (self.location is not None and self.location == event.location)
        return bool(anchored)

    def add(self, event: StoryEvent) -> None:
        self.events.append(event)
        if event.date is not None:
            self.first = min(self.first or event.date, event.date)
            self.last = max(self.last or event.date, event.date)
        if self.source is None and self.target is None and self.type in SYMMETRIC and (
                event.source is not None or event.target is not None):
            self.source, self.target = event.source, event.target
        else:
            swapped = (self.type in SYMMETRIC and event.source is not None
                       and event.source == self.target)
            source, target = (event.target, event.source) if swapped else (event.source, event.target)
            self.source = self.source or source
            self.target = self.target or target
        self.location = self.location or event.location
        self.mode = self.mode or event.mode


def _fits(known: str | None, other: str | None) -> bool | None:
    """True when both are known and equal, False when one is unknown, None when they differ."""
    if known is None or other is None:
        return False
    return True if known == other else None


def _actors_fit(source: str | None, target: str | None, other_source: str | None,
                other_target: str | None) -> bool | None:
    a = _fits(source, other_source)
    b = _fits(target, other_target)
    if a is None or b is None:
        return None
    return a or b


def build_stories(events: list[StoryEvent], window: int = WINDOW_DAYS) -> list[Story]:
    """Group events into stories, in date order, each event joining the first story that fits.

    An event fits a story of its type when its actors agree with the story's where both are
    known (one side may be unknown), at least one actor or the place is shared, its place agrees
    if known, and its date lies within `window` days of the story's dates.
    """
    ordered = sorted(events, key=lambda e: (e.type, e.date or dt.date.max, e.seq, e.id))
    stories: list[Story] = []
    open_stories: dict[str, list[Story]] = {}
    for event in ordered:
        candidates = open_stories.setdefault(event.type, [])
        for story in candidates:
            if story.accepts(event, window):
                story.add(event)
                break
        else:
            story = Story(type=event.type)
            story.add(event)
            candidates.append(story)
            stories.append(story)
        # Stories left behind by the date window can take nothing more.
        if event.date is not None:
            horizon = event.date - dt.timedelta(days=window)
            open_stories[event.type] = [s for s in candidates if s.last is None or s.last >= horizon]
    return sorted(stories, key=lambda s: (s.first or dt.date.max, s.type, s.id))
