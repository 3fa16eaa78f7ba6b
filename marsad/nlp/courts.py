"""Judicial bodies named by their kind and what defines it (محكمة النقض، النيابة العامة، محكمة جنايات
القاهرة، نيابة أمن الدولة العليا): organisations no list can hold, as every country has its own."""
from __future__ import annotations

from spacy.tokens import Doc

from marsad.lexicon.lexicon import Lexicon
from marsad.nlp.basics import text_of, token_table
from marsad.nlp.clusters import Cluster, MentionMap
from marsad.nlp.facilities import PLACE_TYPES, glued_letters
from marsad.nlp.phrases import clitic_chars
from marsad.text.normalize import ALEF_MAQSURA, TA_MARBUTA, last_letter, normalize

# After the first defining word, a definite word is part of the name only as an adjective agreeing
# with the feminine head (محكمة العدل الدولية، النيابة العامة): a definite noun after the name is
# what it acts on (أحالت النيابة العامة المتهمين).
FEMININE_ENDINGS = frozenset({TA_MARBUTA, ALEF_MAQSURA})


class CourtFinder:
    """Finds courts and prosecutions among a Doc's tokens: a head of name_words.tsv's kind
    `court_head`, with or without the article, then the definite words that define it (العامة،
    النقض، العليا), or one indefinite word and the definite word or place it is joined to (جنايات
    القاهرة، أمن الدولة). An indefinite adjective (محكمة عسكرية "a military court") names none."""

    def __init__(self, lexicon: Lexicon, stop_words: frozenset[str]) -> None:
        self.heads = lexicon.name_words.get("court_head", frozenset())
        self.descriptors = lexicon.name_words.get("court_descriptor", frozenset())
        self.morphology = lexicon.morphology
        self.article = lexicon.morphology.article
        self.stop_words = stop_words
        # a day of the week after the head (أمرت النيابة الأحد) is when, no part of the name
        self.weekdays = lexicon.dates.free_weekdays
        # a noun with its owner's pronoun (سيطرتها) is joined to nothing after it
        self.long_pronouns = tuple(p for p in self.morphology.possessives if len(p) > 1)

    def add(self, doc: Doc, positions: tuple[int, ...], clusters: dict[str, Cluster],
            mentions: MentionMap) -> None:
        if not self.heads:
            return
        norms = token_table(doc).norm
        text = text_of(doc)
        heads = self.heads
        for n, i in enumerate(positions):
            word = norms[i]
            if not any(head in word for head in heads):
                continue  # most words: no head inside them, clitics or not
            head = self._head(word)
            if head is None or mentions.covers(i, i + 1):
                continue
            glued, definite = head
            end = self._name_end(doc, i, positions[n + 1:], norms, mentions, construct=not definite)
            if end is None:
                continue
            start_char = doc[i].idx + clitic_chars(doc[i].text, glued)
            core = normalize(text[start_char:doc[end - 1].idx + len(doc[end - 1].text)])
            demonym = mentions.after(doc, end)
            country = None
            if demonym is not None and demonym.kind == "demonym" and not demonym.clitic:
                # the country's adjective is part of the name too (المحكمة العليا القبرصية), and
                # stays a mention of the country
                country, end = demonym.cluster.country, demonym.end
            end_char = doc[end - 1].idx + len(doc[end - 1].text)
            name = text[start_char:end_char]
            # one court however often its country is named after it (محكمة النقض المصرية … محكمة النقض)
            cluster = clusters.setdefault(f"court:{core}", Cluster(key=f"court:{core}", type="ORG", name=name, sector="JUD"))
            cluster.country = cluster.country or country
            cluster.add(start_char, end_char, name)
            cluster.tokens.append((i, end))
            mentions.add(i, end, cluster, "name", clitic=glued > 0)

    def _head(self, word: str) -> tuple[int, bool] | None:
        """How many glued letters stand before a court head (بمحكمة: 1; ل merged with the article,
        للنيابة, stays in the name, there being no substring without it) and whether the head has
        the article, or None if the word is no court head."""
        for variant in self.morphology.proclitic_variants(word):
            definite = variant.startswith(self.article)
            if (variant[len(self.article):] if definite else variant) in self.heads:
                return glued_letters(word, variant, self.morphology), definite
        return None

    def _name_end(self, doc: Doc, head: int, following: tuple[int, ...], norms, mentions: MentionMap,
                  construct: bool) -> int | None:
        """Where the defining words after a head end (None if there are none). Only a head without
        the article opens a construct (محكمة جنايات; المحكمة تخفيف is "the court … a reduction")."""
        end, previous, joined = None, head, False
        for k, j in enumerate(following[:6]):
            word = norms[j]
            if any(not doc[t].is_space for t in range(previous + 1, j)):
                return end  # a quote mark or a hashtag's mark between: the name has ended
            previous = j
            placed = mentions.by_start.get(j)
            if mentions.covers(j, j + 1):
                # a place joined to an indefinite word (جنايات القاهرة) ends the name; any other
                # mention (a demonym, a known body) is not part of it
                if joined and k == 1 and placed is not None and placed.kind == "name" and not placed.clitic \
                        and placed.cluster.type in PLACE_TYPES and placed.end - j == 1:
                    return j + 1
                return end
            if not doc[j].is_alpha or word in self.stop_words or word in self.descriptors or word in self.weekdays:
                return end  # النيابة المختصة "the competent prosecution" is no name
            if word.startswith(self.article) and len(word) > len(self.article) + 1 \
                    and (end is None or last_letter(doc[j].text) in FEMININE_ENDINGS):
                end = j + 1  # النقض; then only adjectives agreeing with the head (العدل الدولية)
            elif k == 0 and construct and len(following) > 1 and not word.endswith(self.long_pronouns) \
                    and self._defined_after(doc, following[1], norms, mentions):
                end, joined = j + 1, True  # جنايات of محكمة جنايات القاهرة: joined to what follows
            else:
                return end if k > 0 else None
        return end

    def _defined_after(self, doc: Doc, j: int, norms, mentions: MentionMap) -> bool:
        placed = mentions.by_start.get(j)
        if placed is not None:
            return placed.kind == "name" and placed.cluster.type in PLACE_TYPES
        return norms[j].startswith(self.article) and doc[j].is_alpha and norms[j] not in self.stop_words
