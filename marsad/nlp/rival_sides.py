"""Which of a country's rival authorities a government phrase names: the words of its own phrase
that mark a side (حكومة الانقلاب، حكومة الإقليم، الحكومة المؤقتة), read among that country's sides only."""
from __future__ import annotations

from spacy.tokens import Doc

from marsad.kb.actors import RivalSide
from marsad.lexicon.morphology import Morphology
from marsad.nlp.phrases import QUOTE_MARKS

# How many words after a government's head may open its side's marker: حكومة الحمد الله،
# الحكومة في رام الله، الحكومة المؤقتة السابق (a word further on belongs to another phrase:
# حكومة عدن لا تعترف بصنعاء is no Houthi government).
TAIL_WORDS = 2
HASHTAG = "#"


class SideMarkers:
    """The rival sides of the knowledge base by country, with their marker words."""

    def __init__(self, sides: tuple[RivalSide, ...], morphology: Morphology,
                 links: frozenset[str], stops: frozenset[str], heads: frozenset[str] = frozenset(),
                 force_heads: frozenset[str] = frozenset()):
        self.heads = heads  # normalised government heads (حكومة، السلطات)
        self.force_heads = force_heads  # normalised forces heads (قوات، ميليشيات)
        self.by_country: dict[str, list[RivalSide]] = {}
        for side in sides:
            self.by_country.setdefault(side.country, []).append(side)
        self.morphology = morphology
        self.links = links  # في between a government and the place that marks it (الحكومة في رام الله)
        self.stops = stops  # function words, which end a government's phrase (الحكومة على ...)
        # longest markers first, so that غير المعترف بها is read before المعترف بها
        self.markers = {country: sorted(((key, side) for side in group for key in side.markers),
                                        key=lambda pair: -len(pair[0]))
                        for country, group in self.by_country.items()}

    def head_of(self, word: str, heads: frozenset[str] | None = None) -> str | None:
        """The government head (or one of `heads`) a normalised word is, its glued preposition or
        conjunction taken off (للحكومة: الحكومة), or None."""
        heads = self.heads if heads is None else heads
        return next((form for form in self.morphology.proclitic_variants(word) if form in heads), None)

    def default(self, country: str | None) -> RivalSide | None:
        """The side a government word of the country names when nothing marks another."""
        return next((side for side in self.by_country.get(country or "", []) if side.default), None)

    def after(self, doc: Doc, end: int, country: str | None,
              linked: bool = True) -> tuple[RivalSide, int] | None:
        """The side a marker names among the first words after a government's head (token `end`
        on), before any punctuation or function word other than في ends its phrase, and the
        token after the marker. Not `linked`: no في either (forces in a place are not its side's)."""
        if country not in self.markers:
            return None
        i, words = end, 0
        while i < len(doc) and words < TAIL_WORDS:
            token = doc[i]
            if token.is_space or token.text in QUOTE_MARKS or token.text == HASHTAG:
                i += 1
                continue
            if not token.is_alpha or self._conjoined(token.norm_):
                return None  # a glued و opens the next body (السلطات العراقية وحكومة الإقليم)
            marked = self.marked_at(doc, i, country)
            if marked is not None:
                return marked
            if token.norm_ in self.stops and not (linked and token.norm_ in self.links):
                return None
            words += 1
            i += 1
        return None

    def _conjoined(self, word: str) -> bool:
        """Whether the word carries a glued conjunction (وحكومة), by the Morphology's splits."""
        variants = self.morphology.proclitic_variants(word)
        return word[:1] in self.morphology.conjunctions and len(variants) > 1 and variants[1] == word[1:]

    def within(self, doc: Doc, start: int, end: int, country: str | None) -> RivalSide | None:
        """The side a marker inside tokens [start, end) names (حكومة الوفاق in Gaza: the
        Palestinian consensus government, not Tripoli's)."""
        if country not in self.markers:
            return None
        for i in range(start, end):
            marked = self.marked_at(doc, i, country, limit=end)
            if marked is not None:
                return marked[0]
        return None

    def marked_at(self, doc: Doc, i: int, country: str,
                  limit: int | None = None) -> tuple[RivalSide, int] | None:
        """The side whose marker begins at token i (a glued preposition or conjunction allowed
        on its first word: للمعارضة), the longest marker first, and the token after it."""
        first = set(self.morphology.proclitic_variants(doc[i].norm_))
        following = _words_after(doc, i + 1, limit if limit is not None else len(doc))
        for key, side in self.markers[country]:
            if key[0] in first and tuple(norm for norm, _ in following[:len(key) - 1]) == key[1:]:
                return side, (following[len(key) - 2][1] + 1 if len(key) > 1 else i + 1)
        return None


def _words_after(doc: Doc, i: int, limit: int, count: int = 4) -> list[tuple[str, int]]:
    """(normalised word, token index) from token i on (before `limit`), white space and hashtag
    marks passed."""
    found = []
    while i < limit and len(found) < count:
        token = doc[i]
        if not (token.is_space or token.text == HASHTAG or token.text in QUOTE_MARKS):
            found.append((token.norm_, i))
        i += 1
    return found
