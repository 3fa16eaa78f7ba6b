"""The quotes component: who is cited (attributions, relays) and what they said (quotes)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan

from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.lexicon.quotes import QuoteLexicon
from marsad.nlp.basics import sentence_of, text_of
from marsad.nlp.clauses import clause_start
from marsad.nlp.lexicons import longest
from marsad.nlp.mention_index import MentionIndex, TokenMention
from marsad.nlp.phrases import Hit, QUOTE_MARKS, find_phrases, word_positions
from marsad.nlp.source_phrases import (
    Found, Source, _antecedent, _bare, _complement_end, _construct_end, _describes_earlier,
    _fuller_name, _function_words, _hit_prepositional, _mention_kinds, _name_with_neighbour,
    _prepositional, _unquote, _written_name, key_of,
)
from marsad.record import Attribution, Quote, Span
from marsad.text.normalize import normalize
from marsad.text.words import proclitic_variants, words

# A direct quote is at least this many words; shorter quoted strings are names or scare quotes.
MIN_DIRECT_WORDS = 4
# How far (tokens) a speech verb may stand from its speaker or from the أن that opens its clause.
MAX_CUE_GAP = 18
# How far into a sentence its subject may stand (وكان الرئيس الأميركي، دونالد ترمب، قد قرر).
SUBJECT_HEAD_WORDS = 8
_PAIRS = {"«": "»", "“": "”", '"': '"'}
# Kinds of speech verbs whose subject is a source even where no quote follows (data/quotes/speech_verbs.tsv).
ACT_KINDS = frozenset({"accuse", "call", "warn", "deny"})
PASSIVE_MARK = "\u064f"  # the damma a writer puts on a verb's first letter to mark it passive (اتُّهم)
# The most words a name after a title may have (المتحدث باسم الحكومة شتيفن زايبرت).
MAX_NAME_WORDS = 4
_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


@dataclass
class Pending:
    """A quote found, whose speaker is decided once every quote before it has one."""
    quote: Quote
    cue: Hit
    sentence: SpacySpan
    stop: int  # where the words begin (the speaker stands between the cue and here)
    noun: bool = False  # a noun phrase reported (أعلن مقتل …), kept only where someone says it
    named: bool = False  # kept only where the one who says it is known (an entity or a cited source)


class QuoteFinder:
    """The quotes and sources of a Doc, read with one Lexicon: its quotes words, its clause
    openers (where a clause begins) and its common words (never part of a name)."""

    def __init__(self, words: Lexicon):
        lexicon = words.quotes
        self.words = words
        self.common = words.common_words
        self.lexicon = lexicon
        self.that = lexicon.that
        self.article = lexicon.article
        self.and_ = tuple(sorted(lexicon.classes["and"]))

    def __call__(self, doc: Doc) -> Found:
        found = Found()
        index = MentionIndex(doc, doc._.entities or [])
        self.index = index
        self.kinds = _mention_kinds(doc, doc._.entities or [])
        self.doc = doc
        self.demonym_ends = {span.end for e in doc._.entities or [] for m in e.mentions if m.kind == "demonym"
                             for span in [doc.char_span(m.start, m.end, alignment_mode="expand")] if span is not None}
        positions = word_positions(doc)
        lexicon = self.lexicon
        cues = find_phrases(doc, lexicon.source_cues, longest(lexicon.source_cues), positions, article=True)
        speech = find_phrases(doc, lexicon.speech_verbs, longest(lexicon.speech_verbs), positions)
        self.speech_all = speech
        # words of a source's own phrase (مسؤول رفض الكشف عن اسمه، فضل عدم ذكر اسمه) are not cues
        self.covered = {i for h in cues if h.payload[0] in ("anonymous", "media") for i in range(h.start, h.end)}
        speech = [h for h in speech if h.start not in self.covered and _verb_position(doc, h, lexicon)
                  and not self._impersonal(doc, h)]
        self.speech = speech
        self.nouns = {i for h in speech if h.payload[0] == "noun" for i in range(h.start, h.end)}
        self.found = found
        self.cue_starts = {h.start for h in cues}
        self._cue_sources(doc, cues, index, found)
        self._according_sources(doc, speech, index, found)
        officials = [h for h in cues if h.payload[0] == "official" and not _hit_prepositional(doc, h, lexicon)]
        pending: list[Pending] = []
        direct = self._direct_quotes(doc, speech, pending)
        self._reported_quotes(doc, speech, direct, pending)
        self._assign_speakers(doc, pending, index, found, officials)
        self._speech_act_sources(doc, pending, index, found, officials)
        self._cited_outlets(doc, index, found)
        self._outlet_tails(doc, found)
        self._relays(doc, cues, found)
        found.sources = [s for s in found.sources if s.same_as is None]
        found.sources.sort(key=lambda s: s.tok_start)
        for number, source in enumerate(found.sources, 1):
            source.attribution.id = f"a{number}"
        found.quotes.sort(key=lambda q: q.span.start)
        for number, quote in enumerate(found.quotes, 1):
            quote.id = f"q{number}"
        return found

    def _impersonal(self, doc: Doc, hit: Hit) -> bool:
        """ويذكر أن، يشار إلى أن: an impersonal passive opens the writer's own background; no one
        speaks (with a subject, يذكر X أن, the same verb is speech)."""
        impersonal = self.lexicon.classes["impersonal"]
        if hit.end - hit.start != 1 or hit.end >= len(doc) \
                or not any(v in impersonal for v in proclitic_variants(doc[hit.start].norm_)):
            return False
        after = doc[hit.end].norm_
        return after in self.that or after in self.lexicon.prepositions

    # -- sources -----------------------------------------------------------------------------

    def _add_source(self, doc: Doc, found: Found, start: int, end: int, kind: str,
                    entity: str | None, char_start: int | None = None) -> Source:
        for source in found.sources:
            if source.tok_start <= start < source.tok_end or start <= source.tok_start < end:
                return source
        span = doc[start:end]
        begin = span.start_char if char_start is None else char_start
        text = text_of(doc)[begin:span.end_char]
        attribution = Attribution(id="", kind=kind, text=_unquote(text), entity=entity,
                                  start=begin, end=span.end_char)
        source = Source(attribution, start, end)
        found.sources.append(source)
        return source

    def _cue_sources(self, doc: Doc, cues: list[Hit], index: MentionIndex, found: Found) -> None:
        modifiers, links = self.lexicon.source_modifiers, self.lexicon.source_links
        for hit in cues:
            kind = hit.payload[0]
            if kind in ("anonymous", "media"):
                if _describes_earlier(doc, hit.start, found, self.lexicon):
                    continue  # المصدر الذي فضل عدم ذكر اسمه: a relative clause about the source before
                if self._adjective(doc, hit):
                    continue  # جهد دبلوماسي كبير: a word that names a source only as a noun
                if self._construct_head(doc, hit, index, links):
                    continue  # من مصدر دخلهم، مصدر قلق: a source of something, no one cited
                if self._outlet_words(doc, hit, found):
                    continue  # وكالة وفا الرسمية للأنباء، وكالة الإعلام الروسية: an outlet's own words
                start = self._quantified_start(doc, hit.start, links)
                end = self._extend_source(doc, self._construct_body(doc, hit), index, modifiers, links)
                antecedent = None
                if start == hit.start and end == hit.end:
                    antecedent = _antecedent(doc, hit, found, kind, self.article)
                source = self._add_source(doc, found, start, end, kind, None,
                                          hit.char_start if start == hit.start else None)
                if antecedent is None and source.tok_start == start:
                    antecedent = next((s for s in found.sources if s is not source and s.same_as is None
                                       and s.tok_start < start and key_of(s) == key_of(source)), None)
                if antecedent is not None and source is not antecedent and source.tok_start == start:
                    source.same_as = antecedent
            elif kind == "outlet_head":
                outlet = index.after(hit.start, hit.end + 2, frozenset({"ORG"}))
                if outlet is not None:
                    start = min(hit.start, outlet.start)
                    # وكالة الأنباء السعودية الرسمية، موقع شبكة الإعلام العراقي الحكومي
                    end = self._extend_source(doc, outlet.end, index, modifiers, {})
                    name = text_of(doc)[doc[outlet.start].idx:doc[outlet.end - 1].idx + len(doc[outlet.end - 1])]
                    state = hit.end - hit.start == 1 and links.get(doc[hit.start].norm_) == "agency_head" \
                        and outlet.entity.sector != "MED" and self.lexicon.outlets.named(name) is None \
                        and self.lexicon.outlets.named(outlet.entity.name) is None
                    # وكالة الاستخبارات المركزية، الوكالة الدولية للطاقة الذرية: a source of state
                    self._add_source(doc, found, start, end, "official" if state else "outlet", outlet.entity.id,
                                     hit.char_start if start == hit.start else None)

    def _construct_head(self, doc: Doc, hit: Hit, index: MentionIndex, links: dict[str, str]) -> bool:
        """A one-word cue without the article in construct with the word after it (مصدر دخلهم،
        مصدر قلق، مصدر الصواريخ): that word is no modifier, link, name, date, body noun, function
        word or verb of saying, and carries no clitic."""
        if hit.end - hit.start != 1 or hit.end >= len(doc) or doc[hit.start].norm_.startswith(self.article) \
                or hit.char_start > doc[hit.start].idx:
            return False
        after = doc[hit.end]
        norm = after.norm_
        variants = proclitic_variants(norm)
        if not after.is_alpha or len(variants) > 1 or index.at(hit.end) is not None or norm in self.common \
                or norm in self.that or norm in links or hit.end in self._dated(doc) \
                or any(v in self.lexicon.source_modifiers or v[2:] in self.lexicon.source_modifiers for v in variants) \
                or any(h.start == hit.end for h in self.speech_all) or hit.end in self.cue_starts:
            return False
        bare = norm[len(self.article):] if norm.startswith(self.article) else norm
        return self.lexicon.body_nouns.get(bare) is None

    def _outlet_words(self, doc: Doc, hit: Hit, found: Found) -> bool:
        """A media cue right after an agency's head word is part of the outlet's name (وكالة
        الإعلام الروسية): the outlet, with the modifiers after it."""
        if hit.payload[0] != "media" or hit.start == 0:
            return False
        before = doc[hit.start - 1]
        if self.lexicon.source_links.get(before.norm_) == "agency_head" and hit.char_start == doc[hit.start].idx:
            end = self._extend_source(doc, hit.end, self.index, self.lexicon.source_modifiers, {})
            self._add_source(doc, found, hit.start - 1, end, "outlet", None)
            return True
        return False

    def _outlet_tails(self, doc: Doc, found: Found) -> None:
        """A media word glued to ل right after an outlet (وكالة وفا الرسمية للأنباء) ends the
        outlet's name: one source, not an outlet and a media source."""
        outlets = {s.tok_end: s for s in found.sources if s.attribution.kind == "outlet" and s.same_as is None}
        for source in found.sources:
            outlet = outlets.get(source.tok_start)
            if outlet is None or source.attribution.kind != "media" or source.tok_end - source.tok_start != 1 \
                    or source.same_as is not None:
                continue
            glued = proclitic_variants(doc[source.tok_start].norm_)
            if len(glued) < 2 or doc[source.tok_start].norm_[:1] not in self.lexicon.glued_prepositions:
                continue
            outlet.tok_end = source.tok_end
            outlet.attribution.end = doc[source.tok_end - 1].idx + len(doc[source.tok_end - 1].text)
            outlet.attribution.text = _unquote(text_of(doc)[outlet.attribution.start:outlet.attribution.end])
            source.same_as = outlet

    def _construct_body(self, doc: Doc, hit: Hit) -> int:
        """مصادر الشرطة، مصدر الجيش: a cue without the article in construct with a body noun that
        has it (data/actors/generic_nouns.tsv, kind body) takes that body into the source."""
        last = doc[hit.end - 1].norm_
        if hit.end >= len(doc) or last.startswith(self.article) or not doc[hit.end].is_alpha:
            return hit.end
        after = doc[hit.end].norm_
        if after.startswith(self.article) and self.lexicon.body_nouns.get(after[len(self.article):]) is not None:
            return hit.end + 1
        return hit.end

    def _adjective(self, doc: Doc, hit: Hit) -> bool:
        """A one-word source cue without the article, glued nothing, right after a content word
        that is no cue, preposition or function word: it qualifies that word."""
        if hit.end - hit.start != 1 or hit.start == 0 or hit.char_start > doc[hit.start].idx \
                or doc[hit.start].norm_.startswith(self.article):
            return False
        before = doc[hit.start - 1]
        if not before.is_alpha or before.norm_ in self.lexicon.prepositions or before.norm_ in self.common:
            return False
        return not any(h.start <= hit.start - 1 < h.end for h in self.speech_all) \
            and not any(v in self.common for v in proclitic_variants(before.norm_))

    def _official(self, doc: Doc, hit: Hit, index: MentionIndex, found: Found) -> Source:
        """An official cited by function (المتحدث باسم الخارجية), with the body it speaks for;
        the person where a name follows (الناطق باسم الوزارة أشرف القدرة)."""
        body = index.after(hit.end, hit.end + 3, frozenset({"ORG", "GPE"}))
        end = body.end if body is not None else hit.end
        named = self._name_after_title(doc, end if body is not None else hit.end, index, found)
        if named is not None:
            return named
        statement = any(v in self.lexicon.classes["statement"] for v in proclitic_variants(doc[hit.start].norm_)[:2])
        if statement and body is not None:
            cited = next((s for s in found.sources if s.attribution.entity == body.entity.id and s.same_as is None
                          and s.attribution.kind != "outlet" and s.tok_start < hit.start), None)
            if cited is not None:
                return cited  # بيان صدر عن وزارة الدفاع, the ministry cited before: its words
        if statement and body is None:
            end = self._statement_holder(doc, hit.end)
        joined = index.at(end)
        if joined is not None and joined.start == end and self._demonyms_joined(joined, end):
            end = joined.end  # مسؤولون فلسطينيون وإسرائيليون
        if not statement:
            while end < len(doc) and end - hit.end < 4 and index.at(end) is None \
                    and any(v in self.lexicon.source_modifiers for v in proclitic_variants(doc[end].norm_)[:1]):
                end += 1  # مسؤول أميركي كبير، مسؤول يمني رفيع
        if body is not None and self.kinds.get((body.entity.id, body.start)) == "demonym":
            body = None  # مسؤول أمريكي: an official of the country, not the country speaking
        antecedent = _antecedent(doc, hit, found, "official", self.article) if body is None else None
        source = self._add_source(doc, found, hit.start, end, "official",
                                  body.entity.id if body is not None else None, hit.char_start)
        if antecedent is not None and source is not antecedent and source.tok_start == hit.start:
            source.same_as = antecedent
        return source

    def _name_after_title(self, doc: Doc, start: int, index: MentionIndex, found: Found) -> Source | None:
        """The person a title is followed by: a known person's mention, or a name the entity stage
        did not know (المتحدث باسم الحكومة شتيفن زايبرت أن): after the body's words with the
        article (الوزارة، الفلسطينية), two to MAX_NAME_WORDS words that are no common word, the
        first without the article, then أن/إن, punctuation or a quotation mark."""
        i = start
        while i < len(doc) and i - start < 3 and doc[i].is_alpha and index.at(i) is None \
                and any(v.startswith(self.article) for v in proclitic_variants(doc[i].norm_)) \
                and doc[i].norm_ not in self.common:
            i += 1  # the body the title speaks for, unlinked (باسم الوزارة)
        while i < len(doc) and index.at(i) is not None and index.at(i).entity.type in ("ORG", "GPE", "NORP") \
                and i - start < 6:
            i = index.at(i).end
        if i >= len(doc):
            return None
        placed = index.at(i)
        if placed is not None:
            if placed.start == i and placed.entity.type == "PERSON" and not placed.clitic:
                return self._entity_source(doc, found, placed)
            return None
        end = i
        while end < len(doc) and end - i < MAX_NAME_WORDS and doc[end].is_alpha and index.at(end) is None \
                and doc[end].norm_ not in self.common and doc[end].norm_ not in self.that \
                and not any(h.start == end for h in self.speech_all):
            end += 1
        if end - i < 2 or any(v.startswith(self.article) for v in proclitic_variants(doc[i].norm_)) \
                or doc[i].norm_.startswith(self.and_):
            return None
        if end < len(doc):
            after = doc[end]
            if not (after.norm_ in self.that or after.text in QUOTE_MARKS or after.text in ":،,." or after.is_sent_start):
                return None
        return self._add_source(doc, found, i, end, "official", None)

    def _statement_holder(self, doc: Doc, start: int) -> int:
        """The end of an unlinked holder of a statement, after a glued ل (بيان للمكتب الإعلامي
        لرئاسة الوزراء): words glued to ل or with the article, up to five, none a function word."""
        glued = self.lexicon.glued_prepositions
        if start >= len(doc) or not doc[start].is_alpha \
                or not doc[start].norm_.startswith(self.lexicon.morphology.contraction):
            return start  # للمكتب: ل + ال
        end = start
        function = _function_words()
        while end < len(doc) and end - start < 5 and doc[end].is_alpha and doc[end].norm_ not in function \
                and doc[end].norm_ not in self.that and not any(h.start == end for h in self.speech_all) \
                and (doc[end].text[:1] in glued or any(v.startswith(self.article) for v in proclitic_variants(doc[end].norm_))):
            end += 1
        return end

    def _auxiliary_subject(self, doc: Doc, cue: Hit, sentence: SpacySpan, index: MentionIndex):
        """The subject between كان and the speech verb (وكان عباس أبلغ بوتين …، وكان التحالف
        بقيادة المملكة أعلن …): the first mention right after the auxiliary, which heads its sentence."""
        position = sentence.start
        if position < len(doc) and not doc[position].is_alpha:
            position += 1
        if position >= cue.start or not any(v in self.lexicon.classes["auxiliary"]
                                           for v in proclitic_variants(doc[position].norm_)[:2]):
            return None
        placed = index.at(position + 1)
        if placed is None or placed.start != position + 1 or placed.end > cue.start \
                or cue.start - position > SUBJECT_HEAD_WORDS or not self._may_speak(doc, placed, position + 1):
            return None
        return placed

    @staticmethod
    def _quantified_start(doc: Doc, start: int, links: dict[str, str]) -> int:
        """أحد شهود العيان، بعض التقارير: a word that picks some of the source belongs to it."""
        if start > 0 and any(links.get(v) == "quantifier" for v in proclitic_variants(doc[start - 1].norm_)[:2]):
            return start - 1
        return start

    def _extend_source(self, doc: Doc, end: int, index: MentionIndex, modifiers: set[str],
                       links: dict[str, str]) -> int:
        """Take the modifiers, nationality, place or body and complement that qualify a source
        (مصادر أمنية في بغداد، مصدر في وزارة الخارجية، مصدر مطلع على لقاءات المبعوث)."""
        last = links.get(doc[end - 1].norm_) if end > 0 else None
        if last == "place":
            end -= 1  # a cue that ends with its preposition (مصدر في): the body after it
        elif last in ("complement", "modifier_complement"):
            end = _complement_end(doc, end, self.lexicon)  # مصدر مطلع على: what the source knows of
        modified = end > 0 and doc[end - 1].norm_ in modifiers
        while end < len(doc):
            token = doc[end]
            placed = index.at(end)
            role = links.get(token.norm_)
            modified = modified or any(v in modifiers or v[2:] in modifiers for v in proclitic_variants(token.norm_)[:1])
            if placed is not None and placed.start == end and placed.entity.type in ("GPE", "NORP") \
                    and (not token.norm_.startswith(self.and_) or self._demonyms_joined(placed, end)):
                end = placed.end
            elif any(v in modifiers or v[2:] in modifiers for v in proclitic_variants(token.norm_)[:1]):
                end += 1
            elif role == "place" and end + 1 < len(doc):
                placed = index.at(end + 1)
                if placed is not None and placed.start == end + 1 and placed.entity.type in ("GPE", "LOC", "ORG", "FAC"):
                    end = placed.end
                else:
                    body = _construct_end(doc, end + 1, self.lexicon)  # في وزارة الخارجية, an unlinked body
                    if body is None:
                        break
                    end = body
            elif role == "complement" or role == "modifier_complement" and modified:
                end = _complement_end(doc, end + 1, self.lexicon)
            else:
                break
        return end

    def _demonyms_joined(self, placed, end: int) -> bool:
        """A nationality joined by و to the one that ends at `end` (مسؤولون فلسطينيون وإسرائيليون):
        both qualify the source."""
        return self.kinds.get((placed.entity.id, placed.start)) == "demonym" and end in self.demonym_ends \
            and doc_norm_starts(self.doc, end, self.and_)

    def _entity_source(self, doc: Doc, found: Found, placed) -> Source:
        entity = placed.entity
        for source in found.sources:  # one attribution per cited actor, however often cited
            if source.attribution.entity == entity.id and source.attribution.kind != "outlet":
                return source
        kind = "person" if entity.type == "PERSON" else (
            "outlet" if entity.sector == "MED" else "official")
        source = self._add_source(doc, found, placed.start, placed.end, kind, entity.id,
                                  doc[placed.start].idx + len(getattr(placed, "clitic", "")))
        if entity.type == "PERSON" and source.attribution.entity == entity.id:
            # a title before the name is not the source's name: its fullest name as written
            source.attribution.text = _written_name(entity)
            longer = self._name_run_on(doc, placed.start, placed.end) \
                if self.kinds.get((entity.id, placed.start), "name") == "name" else None
            if longer is not None and len(words(longer)) > len(words(source.attribution.text)):
                source.attribution.text = longer
            elif len(words(source.attribution.text)) == 1:
                source.attribution.text = _name_with_neighbour(doc, placed.start, placed.end,
                                                               source.attribution.text, self.lexicon,
                                                               self.common)
        elif entity.type == "ORG" and source.attribution.entity == entity.id and placed.end < len(doc):
            after = doc[placed.end]
            joined = self.index.at(placed.end)
            if self.kinds.get(("demonym", placed.end)) or any(
                    self.kinds.get((e.id, placed.end)) == "demonym" for e in doc._.entities or []) \
                    and (not after.norm_.startswith(self.and_)
                         or joined is not None and self._demonyms_joined(joined, placed.end)):
                # مجلس الأمن القومي التركي: the nationality belongs to the body's name, and a second
                # joined by و to the first (مسؤولون فلسطينيون وإسرائيليون)
                # مجلس الأمن القومي التركي: the nationality belongs to the body's name
                source.attribution.text = _unquote(text_of(doc)[source.attribution.start:after.idx + len(after.text)])
                source.attribution.end = after.idx + len(after.text)
        return source

    def _name_word(self, i: int, doc: Doc) -> bool:
        """A word that may be part of a name: no common word, source word, clitic form, أن or
        mention of another entity."""
        token = doc[i]
        variants = proclitic_variants(token.norm_)
        return token.is_alpha and len(token.norm_) >= 3 and len(variants) == 1 and self.index.at(i) is None \
            and token.norm_ not in self.common and token.norm_ not in self.lexicon.source_modifiers \
            and token.norm_ not in self.that and not any(h.start <= i < h.end for h in self.speech_all)

    def _name_run_on(self, doc: Doc, start: int, end: int) -> str | None:
        """A person's name of two words or more that the entity stage cut short (زيد رعد for زيد
        رعد الحسين، حاجي عبدي in بحسب مولودي حاجي عبدي): one name word more right after it, before
        a comma, أن/إن or a quotation mark, or right before it, after a speech verb or an
        according phrase."""
        if end - start < 2 or not any(doc[i].is_alpha for i in range(start, end)):
            return None
        text = text_of(doc)
        dated = self._dated(doc)
        if end + 1 < len(doc) and self._name_word(end, doc) and not doc[end].is_sent_start and end not in dated:
            after = doc[end + 1]
            if after.text in "،,:" or after.text in QUOTE_MARKS or after.norm_ in self.that:
                return text[doc[start].idx:doc[end].idx + len(doc[end].text)]
        if start > 1 and self._name_word(start - 1, doc) and not doc[start].is_sent_start and start - 1 not in dated \
                and not any(v.startswith(self.article) for v in proclitic_variants(doc[start - 1].norm_)) \
                and any(h.end == start - 1 and not any(v in self.lexicon.classes["relayed_clause"]
                                                        for v in proclitic_variants(doc[h.end - 1].norm_))
                        for h in self.speech_all):  # not بحسب ما قاله أحمد أوزومجو
            return text[doc[start - 1].idx:doc[end - 1].idx + len(doc[end - 1].text)]
        return None

    def _cited_outlets(self, doc: Doc, index: MentionIndex, found: Found) -> None:
        """A news outlet named in the text is a source the writer cites (تعليق نشرته نيويورك تايمز،
        في تصريحات لبي بي سي), once, even where no quote is given to it."""
        cited = {s.attribution.entity for s in found.sources}
        for entity in doc._.entities or []:
            if entity.type != "ORG" or entity.sector != "MED" or entity.id in cited:
                continue
            starts = sorted({index.by_start[i].start for i in index.by_start if index.by_start[i].entity is entity
                             and self.kinds.get((entity.id, index.by_start[i].start), "name") == "name"})
            starts = [i for i in starts if not self._outlet_as_word(doc, index.by_start[i])]
            if starts:
                placed = index.by_start[starts[0]]
                self._add_source(doc, found, placed.start, placed.end, "outlet", entity.id,
                                 doc[placed.start].idx + len(placed.clitic))

    def _outlet_as_word(self, doc: Doc, placed) -> bool:
        """An outlet's name read as the common words it is made of: a place after في، إلى or a
        glued ب (بالشرق الأوسط), or an adjective right after a noun with the article (الدول العربية)."""
        if placed.entity.sector != "MED" or placed.start == 0:
            return False
        channel = self.lexicon.morphology.contraction[0]  # ل: the channel spoken to (لبي بي سي)
        if any(letter in self.lexicon.glued_prepositions and letter != channel for letter in placed.clitic):
            return True
        before = doc[placed.start - 1]
        if not placed.clitic and before.norm_ in self.lexicon.classes["place_preposition"]:
            return True
        return placed.end - placed.start == 1 and not placed.clitic and before.is_alpha \
            and before.norm_.startswith(self.article) and not any(h.end == placed.start for h in self.speech_all) \
            and self.lexicon.source_links.get(before.norm_) is None and before.norm_ not in self.common

    def _according_sources(self, doc: Doc, speech: list[Hit], index: MentionIndex, found: Found) -> None:
        for hit in speech:
            if hit.payload[0] == "according":
                placed = index.after(hit.end, hit.end + 2, _SPEAKER_TYPES)
                if placed is not None:
                    self._entity_source(doc, found, placed)

    def _relays(self, doc: Doc, cues: list[Hit], found: Found) -> None:
        """`A, وفق ما أوردت B`: A reached the writer through B; `A نقلا عن B`: B through A."""
        for hit in cues:
            if hit.payload[0] != "relay":
                continue
            sentence = sentence_of(doc, hit.start)
            before = [s for s in found.sources if sentence.start <= s.tok_start < hit.start]
            after = [s for s in found.sources if hit.end <= s.tok_start < sentence.end]
            if not before or not after:
                continue
            carrier, relayed = before[-1].referent, after[0].referent
            if any(w in self.lexicon.classes["relay_from"] for w in words(doc[hit.start:hit.end].text)[-1:]):
                carrier, relayed = relayed, carrier
            if carrier.attribution.via is None and carrier is not relayed:
                carrier.attribution.via = relayed.attribution  # an id once ids are given

    # -- speakers ----------------------------------------------------------------------------

    def _assign_speakers(self, doc: Doc, pending: list[Pending], index: MentionIndex, found: Found,
                         officials: list[Hit]) -> None:
        """Speakers in reading order, so that a quote without a subject of its own (وأضاف أن،
        مضيفا، إلا أنه أكد، وأكد أن at the head of a sentence) is given the one who spoke before."""
        previous = None  # (speaker, sentence start)
        for item in sorted(pending, key=lambda p: p.cue.start):
            speaker = self._speaker(doc, item, index, found, officials, previous)
            if item.noun and speaker is None:
                continue  # تؤكد جميعها على …: a noun phrase no one is found to report is no quote
            if item.named and speaker.kind == "person" and speaker.entity is None:
                continue  # وفق اتفاقات سابقة: words taken for an unknown name carry no claim
            item.quote.speaker = speaker
            found.quotes.append(item.quote)
            # an unknown speaker is remembered too: what follows it is not given to someone before
            previous = (speaker, item.sentence.start)

    def _speech_act_sources(self, doc: Doc, pending: list[Pending], index: MentionIndex, found: Found,
                            officials: list[Hit]) -> None:
        """Who accuses, condemns, calls for, warns or denies without a clause (اتهمت إسرائيل حماس
        ب…، دعا الأمين العام إلى …، توعد ترامب ب…) says no quote but is still a source the text
        cites: the verb's subject is listed."""
        quoted = {item.cue.start for item in pending}
        for hit in self.speech:
            if hit.payload[0] not in ACT_KINDS or hit.payload[1] != "verb" or hit.start in quoted \
                    or PASSIVE_MARK in doc[hit.start].text:
                continue  # واتُهمت سكري: a verb written passive has no subject
            sentence = sentence_of(doc, hit.start)
            clause = clause_start(doc, hit.start, sentence.start, self.words)
            before = proclitic_variants(doc[hit.start - 1].norm_) if hit.start > 0 else []
            if any(v in self.lexicon.prepositions or v in _function_words() for v in before):
                continue  # مع حث الحكومة على …: the noun of the same spelling, not the verb
            if hit.char_start > doc[hit.start].idx and not doc[hit.start].norm_.startswith(self.and_) \
                    or self._mention_before(doc, index, hit.start, clause) is not None \
                    or any(clause <= s.tok_start < hit.start for s in found.sources):
                continue  # a subject before the verb (SVO): what follows is its object
            at = hit.end
            while at < sentence.end and at in self._dated(doc):
                at += 1
            source = next((s for s in found.sources if s.tok_start == at), None)
            official = next((h for h in officials if h.start == at), None)
            placed = index.at(at)
            if source is not None:
                continue  # listed already
            if placed is not None and placed.start == at and placed.entity.type in ("PERSON", "ORG") \
                    and self._may_speak(doc, placed, at) and self.kinds.get((placed.entity.id, placed.start), "name") \
                    in ("name", "metonym", "role", "collective"):
                self._entity_source(doc, found, placed)
            elif official is not None:  # ونفى مسؤول أميركي كبير: the official, his nationality and modifiers
                end = official.end
                while end < sentence.end and end - official.end < 4:
                    placed = index.at(end)
                    if placed is not None and placed.start == end \
                            and self.kinds.get((placed.entity.id, placed.start)) == "demonym":
                        end = placed.end
                    elif placed is None and any(v in self.lexicon.source_modifiers
                                                for v in proclitic_variants(doc[end].norm_)[:1]):
                        end += 1
                    else:
                        break
                self._add_source(doc, found, official.start, end, "official", None, official.char_start)

    def _speaker(self, doc: Doc, item: Pending, index: MentionIndex, found: Found,
                 officials: list[Hit], previous) -> Attribution | None:
        """Who speaks: the subject after the verb (VSO); else the one who spoke earlier in the
        sentence; else a subject before the verb in its clause (SVO); else, for a verb without a
        subject, the one who spoke last."""
        cue, sentence = item.cue, item.sentence
        explicit = cue.payload[1] != "participle" and self._has_subject_after(doc, cue, item.stop)
        if explicit:
            placed = self._auxiliary_subject(doc, cue, sentence, index)
            if placed is not None:
                return self._entity_source(doc, found, placed).attribution
            subject = self._subject_after(doc, cue, sentence, index, found, officials, item.stop, item.named)
            if subject is not None:
                return subject
            # وكان ماكرون قد قال أيضا: a subject right before the verb, a word or two apart;
            # else one after it that names no one known (تقول الدولتان): no guess
            placed = self._mention_before(doc, index, cue.start, max(sentence.start, cue.start - 3))
            if placed is not None and all(doc[i].is_alpha for i in range(placed.end, cue.start)):
                return self._entity_source(doc, found, placed).attribution
            return None
        if cue.payload[1] == "participle":
            # قال X ...، مضيفا / نفى X ...، مشيرا: the participle's subject is the verb's
            if previous is not None and previous[1] == sentence.start:
                return previous[0]
            if previous is not None and cue.start - sentence.start <= 1 and sentence.start > 0 \
                    and previous[1] == sentence_of(doc, sentence.start - 1).start:
                return previous[0]  # …"؛ مضيفا "…": a sentence cut before the participle
            verbs = [h for h in self.speech if sentence.start <= h.start < cue.start and h.payload[1] == "verb"]
            if verbs:  # the speaker the verb before it has (وتابع قائلا: the one who spoke last)
                return self._speaker(doc, Pending(None, verbs[-1], sentence, cue.start), index, found,
                                     officials, previous)
            # وكان ترامب غرد في تويتر، قائلا: the subject of a verb that is no speech verb, the
            # sentence's first actor, not the nearest noun (ووزع الجيش مناشير تحذر المتظاهرين، مؤكدا)
            placed = self._sentence_subject(doc, index, sentence.start, cue.start) \
                or self._mention_before(doc, index, cue.start, sentence.start)
            return self._entity_source(doc, found, placed).attribution if placed is not None else None
        clause = clause_start(doc, cue.start, sentence.start, self.words)
        if cue.payload[0] == "noun":  # نقلت الوكالة عن X، نائب الوزير، قوله: X's words
            relay = next((i for i in range(cue.start - 1, max(sentence.start, cue.start - MAX_CUE_GAP) - 1, -1)
                          if doc[i].norm_ in self.lexicon.classes["relay_from"]), None)
            if relay is not None:
                relayed = self._relayed(doc, relay, cue.start, index, found, officials)
                if relayed is not None:
                    return relayed
        for source in reversed(found.sources):
            if clause <= source.tok_start < cue.start:
                return source.referent.attribution
        official = next((h for h in reversed(officials) if clause <= h.start < cue.start), None)
        if official is not None:
            return self._official(doc, official, index, found).referent.attribution
        placed = self._mention_before(doc, index, cue.start, clause)
        if placed is not None:
            return self._entity_source(doc, found, placed).attribution
        if previous is not None and previous[1] == sentence.start:
            return previous[0]  # قال X إن ...، وأضاف أن ...
        if cue.start - sentence.start <= 1 or (cue.start > 0 and doc[cue.start - 1].norm_ in self.lexicon.classes["pronoun_subject"]):
            # a dropped or pronoun subject (وأكد أن، إلا أنه أكد): the one who spoke last, unless
            # the sentence just before spoke of someone else without quoting anyone (وكان ترمب قد
            # قرر الانسحاب. وقال إن ...); a verb that continues (وأضاف، وتابع) keeps the last speaker
            if cue.payload[0] != "add" and sentence.start > 0:
                before = sentence_of(doc, sentence.start - 1)
                if previous is None or previous[1] < before.start:
                    placed = self._sentence_subject(doc, index, before.start, before.end, head=True)
                    if placed is not None:
                        return self._entity_source(doc, found, placed).attribution
            return previous[0] if previous is not None else None
        if cue.char_start > doc[cue.start].idx and doc[cue.start].norm_.startswith(self.and_):
            # شبه المرشد، علي خامنئي، أمريكا بـ…، وأشار إلى أن: a verb joined by و shares the
            # subject of the sentence's first verb
            placed = self._sentence_subject(doc, index, sentence.start, cue.start)
            if placed is not None:
                return self._entity_source(doc, found, placed).attribution
        # رئيس الوزراء، حيدر العبادي، أكد …: the subject may stand before commas
        placed = self._mention_before(doc, index, cue.start, max(sentence.start, cue.start - MAX_CUE_GAP))
        if placed is not None:
            return self._entity_source(doc, found, placed).attribution
        if cue.payload[0] == "add":
            return previous[0] if previous is not None else None
        return None

    def _has_subject_after(self, doc: Doc, cue: Hit, stop: int) -> bool:
        """A verb followed at once by أن/إن, a colon, a quotation mark, a comma or a preposition
        has its subject elsewhere (before it, or dropped)."""
        position = cue.end
        dated = {i for d in doc._.dates or [] for span in [doc.char_span(d.start, d.end, alignment_mode="expand")]
                 if span is not None for i in range(span.start, span.end)}
        while position < min(stop, len(doc)) and (position in dated or position in self.nouns):
            position += 1  # قال الثلاثاء إن …، وأضاف قوله: …
        if position >= min(stop, len(doc)):
            return False
        token = doc[position]
        if token.text in QUOTE_MARKS and any(s.tok_start in (position, position + 1) for s in self.found.sources):
            return True  # أكد "المصدر المسؤول" في وزارة الخارجية
        return not (token.norm_ in self.that or token.text in QUOTE_MARKS or token.text in ":،,"
                    or token.norm_ in self.lexicon.prepositions)

    def _subject_after(self, doc: Doc, cue: Hit, sentence: SpacySpan, index: MentionIndex,
                       found: Found, officials: list[Hit], stop: int, item_named: bool = False) -> Attribution | None:
        begin = cue.end
        according = cue.payload[0] == "according"
        if according:  # وفق ما أفاد X، بحسب ما قالت X: the source after the verb of the phrase
            verbs = {h.start: h.end for h in self.speech_all if h.payload[1] == "verb"}
            while begin in verbs:
                begin = verbs[begin]
        stop = max(min(stop, sentence.end, begin + MAX_CUE_GAP), begin + 2)
        if index.at(begin) is None and not any(s.tok_start == begin for s in found.sources) \
                and not any(h.start == begin for h in officials):
            named = self._named_again(doc, begin, stop, found)
            if named is not None:
                return named
        following = [s for s in found.sources if begin <= s.tok_start < stop]
        placed = index.after(begin, stop, _SPEAKER_TYPES)
        while placed is not None and not self._may_speak(doc, placed, begin) \
                and not (according and placed.start == begin and placed.clitic in self.lexicon.glued_prepositions):
            placed = index.after(placed.end, stop, _SPEAKER_TYPES)
        official = next((h for h in officials if begin <= h.start < stop), None)
        firsts = [(s.tok_start, 0, s) for s in following[:1]]
        firsts += [(placed.start, 1, placed)] if placed is not None else []
        firsts += [(official.start, 2, official)] if official is not None else []
        if not firsts:
            return self._name_before_clause(doc, begin, stop, found)
        at, which, first = min(firsts, key=lambda f: (f[0], f[1]))
        if according and item_named and at != begin:
            return None  # …، بحسب X: a claim closed by the phrase is X's, X right after it
        if according and (at - begin > SUBJECT_HEAD_WORDS or any(
                not doc[i].is_alpha or doc[i].norm_ in self.lexicon.prepositions
                or (i > begin and len(proclitic_variants(doc[i].norm_)) > 1
                    and doc[i].norm_[:1] in self.lexicon.glued_prepositions) for i in range(begin, at))):
            # وفقا للوكالة، "…" … محمد بن سلمان، وفق مخطط مدروس لضمان … المدنيين: what the
            # phrase names is no source (a plan, a statistic), and the one further on is not its
            return None
        if which == 0:
            source = first.referent
            attribution, end = source.attribution, first.tok_end
        elif which == 1:
            if first.start > begin and first.entity.type in ("ORG", "GPE"):
                # قائد الحرس الثوري محمد علي جعفري: a body inside the title of a name not known
                named = self._name_before_clause(doc, first.end, stop, found)
                if named is not None:
                    return named
            attribution, end = self._entity_source(doc, found, first).attribution, first.end
        else:
            source = self._official(doc, first, index, found)
            attribution, end = source.referent.attribution, source.tok_end
        if attribution.kind == "outlet":
            relayed = self._relayed(doc, end, stop, index, found, officials)
            if relayed is not None:
                return relayed
        return attribution

    def _name_before_clause(self, doc: Doc, start: int, stop: int, found: Found) -> Attribution | None:
        """A name the entity stage did not know, at the end of the subject, right before what is
        said (وقالت سفيرة أمريكا لدى الأمم المتحدة نيكي هيلي "…"، رئيس اللجنة … رائد فتوح إن):
        two or three words before أن/إن, a colon or a quotation mark (and a date), none a common
        word, a source's word, a name already known or glued to a preposition; the article only
        on a word after the first (صادق الصخور)."""
        dated = self._dated(doc)
        boundary = next((i for i in range(start, min(stop + 1, len(doc))) if doc[i].norm_ in self.that
                         or doc[i].text in QUOTE_MARKS or doc[i].text == ":"
                         or doc[i].norm_[:1] in self.lexicon.conjunctions and doc[i].norm_[1:] in self.that), None)
        if boundary is None:
            return None
        end = boundary
        while end > start and end - 1 in dated:
            end -= 1
        while end > start and doc[end - 1].text in "،,":
            end -= 1
        if any(start <= s.tok_start < end for s in found.sources):
            return None
        begin = end
        modifiers = self.lexicon.source_modifiers
        while begin > start and end - begin < 3:
            token = doc[begin - 1]
            variants = proclitic_variants(token.norm_)
            glued = len(variants) > 1 and token.norm_[:1] in self.lexicon.glued_prepositions
            if not token.is_alpha or len(token.norm_) < 3 or self.index.at(begin - 1) is not None or glued \
                    or any(v in self.common or v in modifiers for v in variants) or token.norm_ in self.that \
                    or any(h.start <= begin - 1 < h.end for h in self.speech_all):
                break
            begin -= 1
        contraction = self.lexicon.morphology.contraction
        while begin < end and (any(v.startswith(self.article) for v in proclitic_variants(doc[begin].norm_))
                               or doc[begin].norm_.startswith(contraction)
                               or len(proclitic_variants(doc[begin].norm_)) > 1):
            begin += 1  # the article, or a glued letter, is no name's first word
        if end - begin < 2:
            return None
        return self._add_source(doc, found, begin, end, "person", None).attribution

    def _named_again(self, doc: Doc, start: int, stop: int, found: Found) -> Attribution | None:
        """A subject the entity stage left unlinked: a bare surname (الصدر، المخلافي) or a title
        (الوزير، المبعوث الأممي) of a person named earlier, or a name it did not know (وقال بي جيه
        كراولي،), which is taken with the fuller form the text gave it before (إيري فليشر)."""
        end = start
        while end < stop and end - start < 4 and doc[end].is_alpha and doc[end].norm_ not in self.that:
            end += 1
        for size in range(end - start, 0, -1):  # الصدر in وتابع الصدر بالقول
            person = self._earlier_person(doc, start, [_bare(doc[i].norm_, self.article) for i in range(start, start + size)])
            if person is not None:
                return self._entity_source(doc, found, TokenMention(person, start, start + size)).attribution
        body = self._unknown_body(doc, start, stop, found)
        if body is not None:
            return body
        if end == start or end < len(doc) and doc[end].is_alpha and doc[end].norm_ not in self.that:
            return None  # the subject runs on into the clause: not a bare name
        phrase = [_bare(doc[i].norm_, self.article) for i in range(start, end)]
        common = self.common
        if any(doc[i].norm_.startswith(self.article) or any(v.startswith(self.article) for v in proclitic_variants(doc[i].norm_))
               for i in range(start, end)) or doc[end - 1].norm_ in common \
                or end - start == 1 and doc[start].norm_ in common:
            return None  # بالبيان، للصحفيين: a phrase, not a name
        for source in found.sources:  # the name cited before (فليشر after إيري فليشر)
            if source.attribution.kind == "person" and source.attribution.entity is None \
                    and [_bare(w, self.article) for w in words(source.attribution.text)][-len(phrase):] == phrase:
                return source.referent.attribution
        source = self._add_source(doc, found, start, end, "person", None)
        if end - start == 1:
            fuller = _fuller_name(doc, start, common, self.lexicon)
            if fuller:
                source.attribution.text = fuller
        return source.attribution

    def _unknown_body(self, doc: Doc, start: int, stop: int, found: Found) -> Attribution | None:
        """An organisation the entity stage did not know, named by a body noun and its complement
        (أعلنت هيئة تنسيق المساعدات الطارئة أن …): the noun without the article and the words after
        it up to punctuation, a quotation mark, أن/إن or a function word."""
        if self.lexicon.body_nouns.get(doc[start].norm_) is None:
            return None
        function = _function_words()
        end = start + 1
        while end < min(stop, len(doc)) and end - start < 6 and doc[end].is_alpha \
                and doc[end].norm_ not in function and doc[end].norm_ not in self.that:
            end += 1
        if end - start < 2:
            return None
        phrase = [doc[i].norm_ for i in range(start, end)]
        for entity in doc._.entities or []:  # وزارة الصحة after وزارة الصحة في قطاع غزة
            if entity.type == "ORG" and any(m.start < doc[start].idx and m.kind == "name"
                                            and words(normalize(m.text))[:len(phrase)] == phrase
                                            for m in entity.mentions):
                return self._entity_source(doc, found, TokenMention(entity, start, end)).attribution
        return self._add_source(doc, found, start, end, "official", None).referent.attribution

    def _earlier_person(self, doc: Doc, start: int, phrase: list[str]):
        """The person mentioned last before `start` whose name ends with `phrase` or one of whose
        titles begins with it, or the organisation whose name's head noun it is."""
        best, best_start = None, -1
        after = start + len(phrase)
        # رئيس منظمة السلام: a title without the article with a word after it is in construct
        # with that word, the head of another phrase, not a bare title (الرئيس، المبعوث الأممي)
        construct = after < len(doc) and doc[after].is_alpha and doc[after].norm_ not in self.that \
            and not any(v.startswith(self.article) for v in proclitic_variants(doc[after - 1].norm_))
        for entity in doc._.entities or []:
            if entity.type not in ("PERSON", "ORG"):
                continue
            names = [m for m in entity.mentions if m.start < doc[start].idx]
            if not names:
                continue
            if entity.type == "ORG":  # المجلس after مجلس الأمن القومي، الوزارة after وزارة الدفاع
                head = len(phrase) == 1 and doc[start].norm_.startswith(self.article) and any(
                    m.kind == "name" and len(words(m.text)) > 1 and _bare(words(m.text)[0], self.article) == phrase[0] for m in names)
                last = max(m.start for m in names)
                if head and last > best_start:
                    best, best_start = entity, last
                continue
            surname = any([_bare(w, self.article) for w in words(m.text)][-len(phrase):] == phrase
                          for m in names if m.kind == "name" and len(words(m.text)) > len(phrase))
            titled = phrase[0] != phrase[-1] or len(phrase) == 1
            title = titled and not construct and any([_bare(w, self.article) for w in words(r)][:len(phrase)] == phrase for r in entity.roles)
            last = max(m.start for m in names)
            if (surname or title) and last > best_start:
                best, best_start = entity, last
        return best

    def _may_speak(self, doc: Doc, placed, right_after: int) -> bool:
        """A speaker is the subject: not the object of a preposition (في بيان، للصحفيين), nor a
        nationality adjective inside another phrase (المساعد السابق لوزير الخارجية الأمريكي); a
        place speaks only as a metonym for its government (تقول دمشق، قالت طهران)."""
        if _prepositional(doc, placed, self.lexicon) or self._outlet_as_word(doc, placed):
            return False
        kind = self.kinds.get((placed.entity.id, placed.start), "name")
        if kind == "demonym" or placed.entity.type == "GPE" and kind != "metonym":
            # a nationality or a place speaks only as the subject itself, right by the verb
            # (قالت طهران، تقول روسيا), never from further in the phrase (لوزير الخارجية الأمريكي)
            return placed.start == right_after
        return True

    def _sentence_subject(self, doc: Doc, index: MentionIndex, start: int, stop: int, head: bool = False):
        """The actor a sentence is about: its first person that may speak, else its first body or
        metonym, never one inside parentheses (a dateline's (CNN)). With `head`, only a person
        among the sentence's first words (وكان الرئيس الأميركي، دونالد ترمب، قد قرر)."""
        first_body = None
        placed = index.after(start, stop, _SPEAKER_TYPES)
        while placed is not None:
            bracketed = placed.start > 0 and doc[placed.start - 1].text == "("
            if not bracketed and self._may_speak(doc, placed, -1):
                if placed.entity.type == "PERSON":
                    return placed if not head or placed.start - start <= SUBJECT_HEAD_WORDS else None
                if first_body is None and placed.entity.sector != "MED":
                    first_body = placed
            placed = index.after(placed.end, stop, _SPEAKER_TYPES)
        return None if head else first_body

    def _mention_before(self, doc: Doc, index: MentionIndex, stop: int, start: int):
        placed = index.before(stop, start, _SPEAKER_TYPES)
        while placed is not None and not self._may_speak(doc, placed, start):
            placed = index.before(placed.start, start, _SPEAKER_TYPES)
        return placed

    # -- quotes ------------------------------------------------------------------------------

    def _direct_quotes(self, doc: Doc, speech: list[Hit], pending: list[Pending]) -> set[int]:
        """Quoted words with a speech verb before them in the sentence; returns the cues used."""
        used: set[int] = set()
        for start, end in quoted_spans(text_of(doc)):
            inner = text_of(doc)[start:end]
            if len(inner.split()) < MIN_DIRECT_WORDS:
                continue
            opening = doc.char_span(start - 1, start, alignment_mode="expand")
            if opening is None:
                continue
            sentence = sentence_of(doc, opening.start)
            cues = [c for c in speech if sentence.start <= c.start < opening.start
                    and (c.payload[0] not in ("according", "noun") or opening.start - c.end <= 1)]
            if not cues:
                continue
            verbs = [c for c in cues if c.payload[0] != "noun"]
            cue = (verbs or cues)[-1]  # قال … في مؤتمر صحفي: "…": the verb's quote
            used.add(cue.start)
            quote = Quote(id="", speaker=None, text=inner, direct=True,
                          cue=text_of(doc)[cue.char_start:cue.char_end], span=Span(start, end))
            pending.append(Pending(quote, cue, sentence, opening.start))
        return used

    def _reported_quotes(self, doc: Doc, speech: list[Hit], direct_cues: set[int],
                         pending: list[Pending]) -> None:
        cue_starts = {c.start for c in speech if c.payload[0] not in ("noun", "according")}
        quoted = [(item.quote.span.start, item.quote.span.end) for item in pending]
        for cue in speech:
            kind = cue.payload[0]
            if any(a <= cue.char_start < b for a, b in quoted):
                continue  # a verb inside quoted words (أنه "رأى أدلة …") belongs to them
            if cue.start in direct_cues or kind == "noun" and not self._that_after_noun(doc, cue):
                continue
            sentence = sentence_of(doc, cue.start)
            noun = False
            if kind == "according":
                # بحسب X، ...: at the head of its sentence the cue opens the quote; further in it
                # closes a claim said by no one else (…، وفق ما أفادت مصادر عسكرية) or relays a
                # source (X قال …، وفق ما أوردت Y)
                if cue.start - sentence.start > 1:
                    claim = self._claim_before(doc, cue, sentence, speech, pending)
                    if claim is not None:
                        pending.append(claim)
                    continue
                start = self._after_comma(doc, cue.end, sentence.end)
            else:
                start = self._that_clause(doc, cue.end, sentence.end, cue_starts)
                if start is None and kind != "noun":
                    start = self._noun_complement(doc, cue, sentence.end)
                    noun = start is not None
            if start is None:
                continue
            char_start = doc[start].idx
            if any(item.quote.span.start == char_start for item in pending):
                continue  # وتابع الصدر بالقول إن: one quote, whichever cue found it first
            # …، وقال في حديث إن: a new statement after a comma ends the one before; a verb inside
            # the reported words (أن قائد فيلق القدس حث …) does not
            later = [c.char_start for c in speech if start < c.start < sentence.end and doc[c.start - 1].text in "،,"
                     and c.payload[0] not in ("noun", "according")]
            end_char = self._clause_end(text_of(doc), char_start, min([sentence.end_char] + later))
            text = text_of(doc)[char_start:end_char].strip()
            if len(text.split()) < MIN_DIRECT_WORDS:
                continue
            quote = Quote(id="", speaker=None, text=text, direct=False,
                          cue=text_of(doc)[cue.char_start:cue.char_end],
                          span=Span(char_start, char_start + len(text)))
            pending.append(Pending(quote, cue, sentence, start, noun))

    def _that_after_noun(self, doc: Doc, cue: Hit) -> bool:
        """A statement noun followed by أن/إن, past a date and a comma (نقلت … عن X قوله الجمعة، إن)."""
        dated = self._dated(doc)
        i = cue.end
        while i < len(doc) and (i in dated or doc[i].text in "،,"):
            i += 1
        return i < len(doc) and doc[i].norm_ in self.that

    @staticmethod
    def _dated(doc: Doc) -> set[int]:
        return {i for d in doc._.dates or [] for span in [doc.char_span(d.start, d.end, alignment_mode="expand")]
                if span is not None for i in range(span.start, span.end)}

    def _relayed(self, doc: Doc, position: int, stop: int, index: MentionIndex, found: Found,
                 officials: list[Hit]) -> Attribution | None:
        """The one an outlet relays, named after عن at `position` (نقلت الوكالة عن X قوله، بحسب ما
        نقلت رويترز عن مسؤول): what is said is X's, the outlet is the channel."""
        if position >= min(stop, len(doc)) - 1 or doc[position].norm_ not in self.lexicon.classes["relay_from"]:
            return None
        i = position + 1
        source = next((s for s in found.sources if s.tok_start == i), None)
        if source is not None:
            return source.referent.attribution
        official = next((h for h in officials if h.start == i), None)
        if official is not None:
            return self._official(doc, official, index, found).referent.attribution
        placed = index.at(i)
        if placed is not None and placed.start == i and placed.entity.type in _SPEAKER_TYPES and not placed.clitic:
            return self._entity_source(doc, found, placed).attribution
        return None

    def _that_clause(self, doc: Doc, start: int, stop: int, cue_starts: set[int]) -> int | None:
        """The أنّ that opens what a speech verb reports, unless another clause (قبل أن،
        حيث …) or another speech verb begins first; a relayed source (، وفق ما أوردت X،) may
        stand between."""
        stoppers = self.lexicon.clause_openers - self.that - self.lexicon.classes["relayed_clause"]
        for i in range(start, min(stop, start + MAX_CUE_GAP)):
            if doc[i].norm_ in self.that:
                return i
            if i in self.covered or i + 1 in self.covered:
                continue  # المصدر الذي فضل عدم ذكر اسمه أن …: the source's own words
            if doc[i].norm_ in stoppers or i in cue_starts:
                return None
        return None

    def _noun_complement(self, doc: Doc, cue: Hit, stop: int) -> int | None:
        """Where the noun phrase a verb of class noun_complement reports begins, after its subject
        and a date (أعلن الجيش الأحد مقتل …، نفى X شن …، أكد على وقوف …، كشف عن …): a preposition
        of class complement_preposition, or a word without the article that is no function word,
        preposition or أن; none after a comma, a quotation mark or a clause opener."""
        if cue.end - cue.start != 1 or not any(
                v in self.lexicon.classes["noun_complement"] for v in proclitic_variants(doc[cue.start].norm_)):
            return None
        before = proclitic_variants(doc[cue.start - 1].norm_) if cue.start > 0 else []
        if any(v in self.lexicon.prepositions or v in _function_words() for v in before) \
                and not any(v in self.that or v in self.lexicon.classes["pronoun_subject"] for v in before):
            return None  # وهذا نفي قاطع لـ، في نفي: the noun of the same spelling, not the verb
        dated = {i for d in doc._.dates or [] for span in [doc.char_span(d.start, d.end, alignment_mode="expand")]
                 if span is not None for i in range(span.start, span.end)}
        i = cue.end
        while i < stop and i in dated:
            i += 1
        placed = self.index.at(i)
        source = next((s for s in self.found.sources if s.tok_start == i), None)
        if placed is not None and placed.start == i:
            i = max(placed.end, source.tok_end if source is not None else i)
        elif source is not None:
            i = source.tok_end
        while i < stop and i in dated:
            i += 1
        if i >= stop or not doc[i].is_alpha:
            return None
        norm = doc[i].norm_
        if norm in self.lexicon.classes["complement_preposition"]:
            return i if i + 1 < stop and doc[i + 1].is_alpha else None
        if norm in self.that or norm in self.lexicon.prepositions or norm in self.lexicon.clause_openers \
                or norm in _function_words() or any(v.startswith(self.article) for v in proclitic_variants(norm)) \
                or i in self.covered or i in self.cue_starts or any(h.start == i for h in self.speech_all):
            return None  # a source's own word (ونفى مسؤول أميركي …) is the subject, not the report
        return i

    def _claim_before(self, doc: Doc, cue: Hit, sentence: SpacySpan, speech: list[Hit],
                      pending: list[Pending]) -> Pending | None:
        """The claim an according phrase closes (كثفت القوات …، وفق ما أفادت مصادر عسكرية؛ ومنذ
        آذار قتل 118 بحسب أرقام الوزارة): the sentence up to the phrase, where the phrase opens with
        a word of class according_after, at least MIN_DIRECT_WORDS words in, and nothing before it
        in the sentence is quoted, a speech verb or a source (else the phrase relays that source).
        Kept only where a speaker is found after the phrase."""
        head = proclitic_variants(doc[cue.start].norm_)
        if not any(v in self.lexicon.classes["according_after"] for v in head[:2]):
            return None
        if cue.start - sentence.start < MIN_DIRECT_WORDS:
            return None
        if any(sentence.start <= h.start < cue.start for h in speech) \
                or any(sentence.start <= s.tok_start < cue.start for s in self.found.sources) \
                or any(item.sentence.start == sentence.start and item.quote.span.start < doc[cue.start].idx
                       for item in pending):
            return None
        text = text_of(doc)
        char_start = doc[sentence.start].idx
        end_char = doc[cue.start].idx
        while end_char > char_start and text[end_char - 1] in " ،,\n":
            end_char -= 1
        words_before = text[char_start:end_char]
        if len(words_before.split()) < MIN_DIRECT_WORDS:
            return None
        quote = Quote(id="", speaker=None, text=words_before, direct=False,
                      cue=text[cue.char_start:cue.char_end], span=Span(char_start, end_char))
        return Pending(quote, cue, sentence, sentence.end, noun=True, named=True)

    def _after_comma(self, doc: Doc, start: int, stop: int) -> int | None:
        """Where the claim after a heading according phrase begins: after its comma, or at a
        أن/فإن that opens it first (وبحسب صحف كويتية فإن …)."""
        for i in range(start, min(stop, start + MAX_CUE_GAP)):
            if doc[i].text in ("،", ","):
                return i + 1 if i + 1 < stop else None
            norm = doc[i].norm_
            if i > start and (norm in self.that or norm[:1] in self.lexicon.conjunctions and norm[1:] in self.that):
                return i
        return None

    def _clause_end(self, text: str, start: int, stop: int) -> int:
        """A reported clause ends at `stop` (the sentence end) or where the writer hands over to
        another clause (data/quotes/clause_breaks.tsv)."""
        match = self.lexicon.clause_break.search(text, start, stop)
        end = match.start() if match else stop
        while end > start and text[end - 1] in ".،,؛:!?؟\"»” ":
            end -= 1
        return end


def doc_norm_starts(doc: Doc, i: int, prefixes: tuple[str, ...]) -> bool:
    """Whether token i's norm begins with one of `prefixes` (a glued و)."""
    return i < len(doc) and doc[i].norm_.startswith(prefixes)


def _verb_position(doc: Doc, hit: Hit, lexicon: QuoteLexicon) -> bool:
    """A verb takes no glued preposition (كيري is a name, not ك + يرى); a continuation verb
    (تابع، أردف) heads its clause: glued to و/ف, first in its sentence or after punctuation;
    تابع after a noun (فريق تابع للأمم المتحدة) is an adjective."""
    glued = text_of(doc)[doc[hit.start].idx:hit.char_start]
    conjunctions = lexicon.conjunctions
    if hit.payload[1] in ("verb", "participle") and any(letter not in conjunctions for letter in glued):
        return False
    if hit.payload[0] != "add" or hit.payload[1] != "verb":
        return True
    if hit.char_start > doc[hit.start].idx or hit.start == 0:
        return True
    before = doc[hit.start - 1]
    return not before.is_alpha or before.is_sent_end or doc[hit.start].is_sent_start


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks; a quote may run on
    over paragraphs until its closing mark."""
    spans = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _PAIRS and (ch != '"' or _opens(text, i)):
            close = text.find(_PAIRS[ch], i + 1)
            if close < 0:
                break
            if ch == '"' and "\n" in text[i:close]:
                i += 1  # a straight quote left open: it pairs with nothing beyond its paragraph
                continue
            spans.append((i + 1, close))
            i = close + 1
            continue
        i += 1
    return spans


def _opens(text: str, i: int) -> bool:
    """A straight quote opens where a word follows it."""
    return i + 1 < len(text) and not text[i + 1].isspace()


def sources_of_span(doc: Doc, start: int, end: int) -> list[str]:
    """The attribution ids a stretch of text (a sentence, an event's evidence) rests on: the
    sources cited inside it and the speakers of quotes that overlap it, each followed by the
    sources it came through (`via`). An attribution covers its own sentence, and a later one
    only where a quote runs on into it or a relay chain (وأضاف، وتابع، مشيرا) gives it the same
    speaker; a sentence with neither rests on no source, never on the last one cited before it."""
    attributions = {a.id: a for a in doc._.attributions or []}
    by_entity = {}
    for attribution in attributions.values():
        if attribution.entity:
            by_entity.setdefault(attribution.entity, attribution.id)
    found = [a.id for a in attributions.values() if a.start is not None and start <= a.start < end]
    for quote in doc._.quotes or []:
        if quote.speaker and quote.span.start < end and start < quote.span.end:
            speaker = quote.speaker if quote.speaker in attributions else by_entity.get(quote.speaker)
            if speaker and speaker not in found:
                found.append(speaker)
    ids: list[str] = []
    for source in found:
        while source and source not in ids:
            ids.append(source)
            source = attributions[source].via if source in attributions else None
    return ids


def set_quotes(doc: Doc, lexicon: Lexicon | None = None) -> Doc:
    """Fill `doc._.attributions` and `doc._.quotes`, with the shipped Lexicon unless given one."""
    found = QuoteFinder(lexicon or load_lexicon())(doc)
    for source in found.sources:
        via = source.attribution.via
        if isinstance(via, Attribution):
            source.attribution.via = via.id
    doc._.attributions = [s.attribution for s in found.sources]
    for quote in found.quotes:
        if isinstance(quote.speaker, Attribution):
            quote.speaker = quote.speaker.entity or quote.speaker.id
    doc._.quotes = found.quotes
    return doc


class QuoteComponent:
    """`set_quotes` over one Lexicon, as a pipeline component."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        return set_quotes(doc, self.lexicon)


@Language.factory("marsad_quotes", default_config={"data_dir": None},
                  assigns=["doc._.quotes", "doc._.attributions"],
                  requires=["doc._.entities", "token.norm", "token.is_sent_start"])
def make_quote_finder(nlp: Language, name: str, data_dir: str | None) -> QuoteComponent:
    """The spaCy factory of `set_quotes`, over the shipped Lexicon or over one read from
    `data_dir` (laid out as marsad/data)."""
    lexicon = load_lexicon() if data_dir is None else Lexicon.load(Path(data_dir))
    return QuoteComponent(lexicon)
