"""Whether a word read as a place is used as one where it stands: the words around it."""
from __future__ import annotations

from spacy.tokens import Doc

from marsad.kb.actors import ActorBase
from marsad.lexicon.lexicon import Lexicon
from marsad.nlp.basics import next_word
from marsad.nlp.places import PlaceMatcher

# A word that ends in an owner's pronoun (بيانه "his statement", عهدي "my time") is that noun
# owned where the noun without it is written this many times and more often than the whole.
OWNED_NOUN_MIN_COUNT = 10
COMMA = "،"
# A name in a list is placed by a place this many names away on either side.
LIST_REACH = 4


class PlaceContext:
    """Reads the place evidence around a word: a word of place or a preposition of place before
    it (في، مدينة، إلى، قرب), a preposition glued to it (بعفرين), a country's adjective, a
    direction or the place it lies in after it (عربين السورية، الدريهمي جنوب الحديدة، الصالح
    بالحديدة), or another place it is listed with (الرحيبة وجيرود)."""

    def __init__(self, places: PlaceMatcher, base: ActorBase, lexicon: Lexicon):
        self.morphology = lexicon.morphology
        self.counts = lexicon.word_counts
        self.before_words = places.evidence | places.visit_words | lexicon.word_class("locative") \
            | lexicon.word_class("destination")
        self.after_words = lexicon.word_class("locative")
        # a locative that also introduces any noun (في بيان "in a statement") shows a place after a
        # name only where a place follows it (مخيم عين الحلوة في صيدا): after a person's name it is
        # mostly the other (وقالت نيلسن في بيان)
        self.linking_after = self.after_words & lexicon.word_class("nominal_prep")
        # a facility's head (مستشفى، سجن): the name after it is the facility's own
        self.facility_heads = lexicon.facility_words["head"]
        self.demonyms = frozenset(key[0] for key, surfaces in base.surfaces.items()
                                  if len(key) == 1 and any(s.kind == "demonym" for s in surfaces))

    def owned_noun(self, word: str, written: str) -> bool:
        """Whether a word (normalised, and as `written`) is a noun with an owner's pronoun glued
        to its end (بيانه، بيانهما، عهدي): the noun alone is written more often than the whole, as
        a name's last letters seldom are. The ending is read as written: a name's ة is no ه."""
        whole = self.counts.get(word, 0)
        for suffix in self.morphology.possessives:
            noun = word[:-len(suffix)]
            if word.endswith(suffix) and written.endswith(suffix) and len(noun) >= 3:
                for form in self.morphology.proclitic_variants(noun):
                    count = self.counts.get(form, 0)
                    if count >= OWNED_NOUN_MIN_COUNT and count > whole:
                        return True
        return False

    def evidenced(self, doc: Doc, start: int, end: int, places: frozenset[int],
                  glued: bool | None = None) -> bool:
        """Whether the words around tokens [start, end) show a place; `places`: the tokens of
        the other places found in the text, which a listed name joins; `glued`: whether the
        name was read after a glued preposition, where the caller knows (else the word counts
        tell: بعفرين is ب + عفرين)."""
        before, after = next_word(doc, start - 1, -1), next_word(doc, end, 1)
        if before >= 0 and self._word_of_place(doc[before].norm_):
            return True
        first = next_word(doc, before - 1, -1) if before >= 0 and doc[before].norm_ in self.demonyms else -1
        if first >= 0 and self._word_of_place(doc[first].norm_):
            return True  # العاصمة الأفغانية كابول: a word of place and its country's adjective
        if self._glued_preposition(doc[start].norm_) if glued is None else glued:
            return True
        if before >= 0 and any(form in self.facility_heads for form in self.morphology.proclitic_variants(doc[before].norm_)):
            return False  # مستشفى سوروكا في بئر السبع: the words after place the hospital, not its name
        if after < len(doc) and (self._feminine_demonym(doc[after].norm_) or self._place_after(doc, after, places)):
            return True
        if after < len(doc) and after in places and doc[after].norm_[:1] in self.morphology.name_prepositions:
            return True  # ميسلون ببغداد: the place it lies in, glued to its preposition
        return self._listed_with_place(doc, start, end, before, after, places)

    def _place_after(self, doc: Doc, after: int, places: frozenset[int]) -> bool:
        """A locative after the name (الدريهمي جنوب الحديدة), or في with a place after it."""
        word = doc[after].norm_
        return word in self.after_words and (word not in self.linking_after or next_word(doc, after + 1, 1) in places)

    def _feminine_demonym(self, word: str) -> bool:
        """A country's adjective in the feminine, as a town's takes it (عربين السورية); the
        masculine follows a person's name as often (يونس المصري)."""
        ending = self.morphology.ta_marbuta
        return bool(ending) and word.endswith(ending) and word in self.demonyms

    def _word_of_place(self, word: str) -> bool:
        """Whether a word is a word of place, with or without a glued conjunction (وفي، ومدينة)."""
        conjunctions = self.morphology.name_conjunctions
        return any(form in self.before_words for form in self.morphology.proclitic_variants(word)) \
            or word[:1] in conjunctions and word[1:] in self.before_words

    def _glued_preposition(self, word: str) -> bool:
        """A preposition glued to the word (بعفرين، لحرستا) where the rest is written at least as
        often as the whole: بذريعة "on the pretext" is a word of its own."""
        whole = self.counts.get(word, 0)
        return word[:1] in self.morphology.name_prepositions and len(word) > 3 \
            and self.counts.get(word[1:], 0) >= max(whole, 1)

    def _listed_with_place(self, doc: Doc, start: int, end: int, before: int, after: int,
                           places: frozenset[int]) -> bool:
        """A name in a list of places, joined by commas or a glued و, with a place among the
        LIST_REACH words on either side (الرحيبة، الناصرية، وجيرود; والظاهر وباقم)."""
        joined = doc[start].norm_[:1] in self.morphology.name_conjunctions
        i = before
        for _ in range(LIST_REACH):
            if i >= 0 and doc[i].text == COMMA:
                i, joined = next_word(doc, i - 1, -1), True
            if i < 0 or not joined or not doc[i].is_alpha:
                break
            if i in places:
                return True
            joined = doc[i].norm_[:1] in self.morphology.name_conjunctions
            i = next_word(doc, i - 1, -1)
        i = after
        for _ in range(LIST_REACH):
            joined = False
            if i < len(doc) and doc[i].text == COMMA:
                i, joined = next_word(doc, i + 1, 1), True
            if i >= len(doc) or not doc[i].is_alpha or not (joined or doc[i].norm_[:1] in self.morphology.name_conjunctions):
                break
            if i in places:
                return True
            i = next_word(doc, i + 1, 1)
        return False
