"""Fuzzy lookup of person and organisation names that normalisation alone does not join
(بوتين/بوتن، ترامب/ترمب، عبدالله/عبد الله)."""
from __future__ import annotations

from collections.abc import Container

from rapidfuzz import fuzz, process

from marsad.kb.actors import ActorBase
from marsad.settings import FUZZY_MARGIN, FUZZY_MIN_CHARS, FUZZY_THRESHOLD


def fuzzy_key(text: str) -> str:
    """Normalised words with the spaces taken out (عبد الله and عبدالله meet)."""
    from marsad.text.words import words

    return "".join(words(text))


class FuzzyNames:
    """Knowledge-base names of one entity type, for the names the exact lookup missed."""

    def __init__(self, base: ActorBase, types: tuple[str, ...] = ("PERSON", "ORG"),
                 given_names: Container[str] = frozenset()):
        self.keys: dict[str, list[str]] = {t: [] for t in types}
        self.actors: dict[str, list[str]] = {t: [] for t in types}
        self.first_words: dict[str, list[str]] = {t: [] for t in types}
        self.given_names = given_names
        seen = set()
        for key, surfaces in base.surfaces.items():
            for surface in surfaces:
                actor = base.actors[surface.actor]
                if surface.kind != "name" or actor.type not in self.keys or len(key) < 2:
                    continue  # one-word names (a bare surname) are too easily someone else's
                text = "".join(key)
                if (text, actor.id) not in seen and len(text) >= FUZZY_MIN_CHARS:
                    seen.add((text, actor.id))
                    self.keys[actor.type].append(text)
                    self.actors[actor.type].append(actor.id)
                    self.first_words[actor.type].append(key[0])

    def match(self, text: str, entity_type: str) -> str | None:
        """The actor id a name most likely spells, when one clearly wins above the threshold."""
        keys = self.keys.get(entity_type)
        query = fuzzy_key(text)
        if not keys or len(query) < FUZZY_MIN_CHARS:
            return None
        best = process.extract(query, keys, scorer=fuzz.ratio, limit=2, score_cutoff=FUZZY_THRESHOLD - FUZZY_MARGIN)
        if not best or best[0][1] < FUZZY_THRESHOLD:
            return None
        winner = self.actors[entity_type][best[0][2]]
        if self._other_given_name(text, keys[best[0][2]], self.first_words[entity_type][best[0][2]]):
            return None  # محمد جبريل is not محمود جبريل: two given names, two people
        if len(best) > 1 and self.actors[entity_type][best[1][2]] != winner and best[0][1] - best[1][1] < FUZZY_MARGIN:
            return None  # two actors spelled alike: no guess
        return winner

    def _other_given_name(self, text: str, known: str, known_first: str) -> bool:
        """Whether the name begins with a known given name other than the known person's
        (عبدالله of عبد الله الثاني is his, written as one word)."""
        from marsad.text.words import words

        first = words(text)[:1]
        return bool(first) and not known.startswith(first[0]) and first[0] in self.given_names \
            and known_first in self.given_names
