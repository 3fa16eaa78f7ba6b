"""Entities under construction and the mentions found so far: what the entities stage and the
roles it consults build together."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from marsad.nlp.phrases import QUOTE_MARKS
from marsad.record import Geo


@dataclass
class Cluster:
    """An entity under construction: what it is and where the text names it."""
    key: str
    type: str
    name: str
    name_en: str | None = None
    kb: str | None = None
    country: str | None = None
    sector: str | None = None
    geo: Geo | None = None
    roles: list[str] = field(default_factory=list)
    mentions: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)  # -> (text, kind)
    tokens: list[tuple[int, int]] = field(default_factory=list)          # token spans of names
    from_kb: bool = False
    kb_roles: tuple[str, ...] = ()
    collective: bool = False  # a body that collective phrases also name (الحكومة العراقية)

    def add(self, start: int, end: int, text: str, kind: str = "name") -> None:
        self.mentions.setdefault((start, end), (text, kind))

    def add_role(self, role: str) -> None:
        if role and role not in self.roles:
            self.roles.append(role)


@dataclass(frozen=True)
class Placed:
    start: int
    end: int
    cluster: Cluster
    kind: str  # name | demonym | metonym
    clitic: bool = False  # written with a glued conjunction or preposition (والأمريكيين)


class MentionMap:
    """The mentions found so far, by their first token."""

    def __init__(self) -> None:
        self.by_start: dict[int, Placed] = {}
        self.by_token: dict[int, Placed] = {}

    def add(self, start: int, end: int, cluster: Cluster, kind: str, clitic: bool = False) -> None:
        placed = Placed(start, end, cluster, kind, clitic)
        self.by_start[start] = placed
        for i in range(start, end):
            self.by_token[i] = placed

    def covers(self, start: int, end: int) -> bool:
        return any(i in self.by_token for i in range(start, end))

    def running_on(self, doc: Doc, position: int) -> Placed | None:
        """The mention that began before `position` and goes on past it (quote marks skipped)."""
        while position < len(doc) and (doc[position].text in QUOTE_MARKS or doc[position].is_space):
            position += 1
        placed = self.by_token.get(position)
        return placed if placed is not None and placed.start < position else None

    def after(self, doc: Doc, position: int) -> Placed | None:
        """The mention that starts at `position`, past any quote marks."""
        while position < len(doc) and (doc[position].text in QUOTE_MARKS or doc[position].is_space):
            position += 1
        return self.by_start.get(position)
