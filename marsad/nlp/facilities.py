"""Facilities named by a place or a name after a word for their kind (مطار حماة العسكري، قاعدة
التيفور الجوية) and diplomatic missions named by their country (السفارة الأمريكية), with the later
mentions of each by its kind alone (المطار، للسفارة)."""
from __future__ import annotations

from spacy.tokens import Doc

from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.lexicon.morphology import Morphology
from marsad.nlp.basics import text_of, token_table
from marsad.nlp.clusters import Cluster, MentionMap
from marsad.text.normalize import normalize

# A word with the article after a facility's head is its name where the corpus writes it fewer
# times than this (الضبعة 12, التيفور 84); a common noun is written far more (البيانات, المدينة).
RARE_NAME_COUNT = 100
PLACE_TYPES = frozenset({"GPE", "LOC"})
# A word after a facility's head that is a plural whose singular the corpus writes this often is a
# common noun's plural (المحكومين: محكوم), which no facility is named by.
PLURAL_STEM_COUNT = 5


def glued_letters(word: str, variant: str, morphology: Morphology) -> int:
    """How many letters glued before `variant` (a word with its clitics off) stay out of a name's
    mention: ل with the article written لل (للسفارة) has no substring without the ل, so it stays in."""
    merged = len(word) - len(variant) == 1 and word.startswith(morphology.contraction)
    return 0 if merged else len(word) - len(variant)


class FacilityFinder:
    """Finds facilities and missions among a Doc's tokens and the mentions found so far."""

    def __init__(self, morphology: Morphology, lexicon: Lexicon | None = None) -> None:
        words = (load_lexicon() if lexicon is None else lexicon).facility_words
        self.heads, self.missions, self.modifiers = words["head"], words["mission"], words["modifier"]
        # a mountain named as a facility is (جبل الخرشة), but a place, and no later الجبل is it
        self.landforms = words.get("landform", frozenset())
        self.morphology = morphology
        self.article = morphology.article
        self.counts = lexicon.word_counts if lexicon is not None else {}
        # the generic actor nouns (الناشط، المتهم): سجن الناشط is jailing the activist, no prison's name
        self.actor_nouns = frozenset(key[0] for key in lexicon.generic_nouns.forms if len(key) == 1) \
            if lexicon is not None else frozenset()

    def add(self, doc: Doc, positions: tuple[int, ...], clusters: dict[str, Cluster],
            mentions: MentionMap) -> None:
        """Facility clusters for the facilities named in `doc`, each with its later mentions."""
        text = text_of(doc)
        made: dict[str, list[Cluster]] = {}  # head -> the facilities it names
        spans: list[tuple[int, int]] = []
        norms = token_table(doc).norm
        for n, i in enumerate(positions):
            head, glued = self._head(norms[i])
            if head is None or n + 1 >= len(positions):
                continue
            known = mentions.by_start.get(i)
            if known is not None and known.cluster.type == "FAC":  # one the knowledge base knows
                if known.cluster not in made.setdefault(head, []):
                    made[head].append(known.cluster)
                spans.append((i, known.end))
                continue
            found = self._named(doc, head, positions[n + 1], mentions)
            if found is None:
                continue
            end, name_end, country = found
            name = text[doc[positions[n + 1]].idx:doc[name_end - 1].idx + len(doc[name_end - 1].text)]
            # one facility however its name is written (مطار حماة، مطار حماة العسكري); one mission a country
            key = f"mission:{head}:{country}" if head in self.missions else f"facility:{head}:{normalize(name)}"
            start_char = doc[i].idx + glued
            end_char = doc[end - 1].idx + len(doc[end - 1].text)
            cluster = clusters.get(key)
            if cluster is None:
                written = text[start_char:end_char]
                if glued == 0 and self._merged(doc[i].norm_):  # للقنصلية السعودية: القنصلية السعودية
                    written = self.article + written[len(self.morphology.contraction):]
                cluster = clusters[key] = Cluster(key=key, type="LOC" if head in self.landforms else "FAC",
                                                  name=written, country=country)
                if head not in self.landforms:
                    made.setdefault(head, []).append(cluster)
            cluster.add(start_char, end_char, text[start_char:end_char])
            spans.append((i, end))
        self._later_mentions(doc, positions, made, spans, mentions, text)

    def _head(self, word: str) -> tuple[str | None, int]:
        """The facility or mission word a token is (clitics off) and how many glued letters it
        keeps out of the mention; a mission may carry the article (السفارة الأمريكية)."""
        for variant in self.morphology.proclitic_variants(word):
            bare = variant[len(self.article):] if variant.startswith(self.article) else None
            if variant in self.heads or variant in self.landforms or variant in self.missions:
                return variant, len(word) - len(variant)
            if bare in self.missions:
                return bare, self._glued(word, variant)
        return None, 0

    def _glued(self, word: str, variant: str) -> int:
        return glued_letters(word, variant, self.morphology)

    def _merged(self, word: str) -> bool:
        return word.startswith(self.morphology.contraction)

    def _named(self, doc: Doc, head: str, j: int, mentions: MentionMap) -> tuple[int, int, str | None] | None:
        """(end of the name with its modifier, end of the name, country) where the words from
        `j` name the facility of `head`, else None."""
        placed = mentions.by_start.get(j)
        if placed is not None and (not any(start == doc[j].idx for start, _ in placed.cluster.mentions)
                                   or doc[j].norm_.startswith(self.morphology.contraction)):
            return None  # نقل السفارة للقدس، السفارة بالقدس: a glued letter ends the name (to, in Jerusalem)
        if head in self.missions:
            if placed is None or placed.cluster.type != "GPE" or not placed.cluster.country:
                return None
            if placed.kind == "demonym" and not doc[j].norm_.startswith(self.article):
                return None  # قنصلية بريطانية "a British consulate": indefinite, no one mission
            feminine = self.morphology.ta_marbuta
            if placed.kind == "demonym" and feminine \
                    and head.endswith(feminine) != doc[placed.end - 1].norm_.endswith(feminine):
                return None  # للشؤون القنصلية الكويتي: an adjective of another noun, not the consulate's
            return placed.end, placed.end, placed.cluster.country
        if placed is not None:
            if placed.cluster.type not in PLACE_TYPES or placed.kind != "name":
                return None
            name_end, country = placed.end, placed.cluster.country
        elif self._rare_name(doc[j].norm_):
            name_end, country = j + 1, None
        else:
            return None
        end = name_end + 1 if name_end < len(doc) and doc[name_end].norm_ in self.modifiers else name_end
        return end, name_end, country

    def _rare_name(self, word: str) -> bool:
        """A word with the article that the corpus seldom writes, and writes less often without
        it: a name (الضبعة 12 and ضبعة 0), not a common noun (البيانات 69, بيانات 107), nor the
        plural of one (سجن الصحافيين "jailing the journalists": صحافي is written often), nor a
        generic actor noun (سجن الناشط "jailing the activist")."""
        if not word.startswith(self.article) or word in self.modifiers:
            return False
        bare = word[len(self.article):]
        if bare in self.actor_nouns:
            return False
        if any(bare.endswith(ending) and self.counts.get(bare[:-len(ending)], 0) >= PLURAL_STEM_COUNT
               for ending in self.morphology.plural_endings):
            return False
        count = self.counts.get(word, 0)
        return count < RARE_NAME_COUNT and self.counts.get(bare, 0) <= count

    def _later_mentions(self, doc: Doc, positions: tuple[int, ...], made: dict[str, list[Cluster]],
                        spans: list[tuple[int, int]], mentions: MentionMap, text: str) -> None:
        """The kind word with the article alone (المطار، للسفارة) after the one facility of its
        kind the article names: a mention of it."""
        if not made:
            return
        inside = {k for s, e in spans for k in range(s, e)}
        first = {head: min(s for c in clusters for s, _ in c.mentions) for head, clusters in made.items()}
        norms = token_table(doc).norm
        for i in positions:
            if i in inside or mentions.covers(i, i + 1):
                continue
            for variant in self.morphology.proclitic_variants(norms[i]):
                head = variant[len(self.article):] if variant.startswith(self.article) else None
                if head in made and len(made[head]) == 1 and doc[i].idx > first[head]:
                    start = doc[i].idx + self._glued(doc[i].norm_, variant)
                    end = doc[i].idx + len(doc[i].text)
                    made[head][0].add(start, end, text[start:end])
                    break
