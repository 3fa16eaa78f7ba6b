"""Entity mentions of a Doc by token, for the stages that read actors around a word."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc

from marsad.nlp.basics import token_table
from marsad.record import Entity


@dataclass(frozen=True)
class TokenMention:
    entity: Entity
    start: int  # tokens
    end: int
    clitic: str = ""  # letters glued before the name in its first token (بـ in بالاتحاد)


class MentionIndex:
    """Where each entity is mentioned, token by token; the longest mention wins a token."""

    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        self.by_token: dict[int, TokenMention] = {}
        self.by_start: dict[int, TokenMention] = {}
        table = token_table(doc)
        for entity in entities:
            for mention in entity.mentions:
                start, end = table.tokens_over(mention.start, mention.end)
                if start >= end:
                    continue
                clitic = table.text[start][:max(0, mention.start - table.idx[start])]
                placed = TokenMention(entity, start, end, clitic)
                self._keep(self.by_start, start, placed)
                for i in range(start, end):
                    self._keep(self.by_token, i, placed)
        # Read by every trigger of the event stage: the starts in order, and each entity's first
        # mention, found once rather than by a scan per trigger.
        self.starts = sorted(self.by_start)
        self.first: dict[str, TokenMention] = {}
        for placed in self.by_start.values():
            self.first.setdefault(placed.entity.id, placed)

    @staticmethod
    def _keep(table: dict[int, TokenMention], key: int, placed: TokenMention) -> None:
        old = table.get(key)
        if old is None or placed.end - placed.start > old.end - old.start:
            table[key] = placed

    def at(self, token: int) -> TokenMention | None:
        return self.by_token.get(token)

    def starting_in(self, start: int, stop: int) -> list[TokenMention]:
        """The mentions that start in [start, stop), in order."""
        starts = self.starts
        return [self.by_start[i] for i in starts[bisect_left(starts, start):bisect_left(starts, stop)]]

    def after(self, start: int, stop: int, types: frozenset[str] | None = None) -> TokenMention | None:
        """The first mention starting in [start, stop), of the given entity types."""
        i = start
        while i < stop:
            placed = self.by_token.get(i)
            if placed is not None and placed.start >= start and (types is None or placed.entity.type in types):
                return placed
            i = placed.end if placed is not None and placed.end > i else i + 1
        return None

    def before(self, stop: int, start: int, types: frozenset[str] | None = None) -> TokenMention | None:
        """The last mention ending in (start, stop], of the given entity types."""
        i = stop - 1
        while i >= start:
            placed = self.by_token.get(i)
            if placed is not None and placed.start >= start and (types is None or placed.entity.type in types):
                return placed
            i = placed.start - 1 if placed is not None and placed.start <= i else i - 1
        return None
