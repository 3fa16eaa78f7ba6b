"""Sources for the quotes component: who is cited, as a whole noun phrase: the sources its cues
name (مصادر أمنية في بغداد), officials and the names after their titles (المتحدث باسم الحكومة
شتيفن زايبرت), outlets, and the persons and bodies the entity stage linked."""
from __future__ import annotations

from spacy.tokens import Doc

from marsad.nlp.basics import dated_tokens, sentence_of, text_of
from marsad.nlp.mention_index import MentionIndex
from marsad.nlp.phrases import Hit, QUOTE_MARKS
from marsad.nlp.source_phrases import (
    Found, Source, _antecedent, _complement_end, _construct_end, _describes_earlier,
    _hit_prepositional,
    _name_with_neighbour, _unquote, _written_name, key_of,
)
from marsad.record import Attribution
from marsad.text.words import words

# The most words a name after a title may have (المتحدث باسم الحكومة شتيفن زايبرت).
MAX_NAME_WORDS = 4
# The entity types that may speak or be cited.
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


def doc_norm_starts(doc: Doc, i: int, prefixes: tuple[str, ...]) -> bool:
    """Whether token i's norm begins with one of `prefixes` (a glued و)."""
    return i < len(doc) and doc[i].norm_.startswith(prefixes)


class SourceRules:
    """The quote finder's rules for sources: a mixin of QuoteFinder (marsad/nlp/quotes.py), whose
    Lexicon words, mention index, mention kinds and cue hits it reads."""

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
                if kind == "media" and _hit_prepositional(doc, hit, self.lexicon):
                    continue  # على وسائل التواصل الاجتماعي، قال لوسائل الإعلام: a place or a channel
                if self._outlet_words(doc, hit, found):
                    continue  # وكالة وفا الرسمية للأنباء، وكالة الإعلام الروسية: an outlet's own words
                start = self._quantified_start(doc, hit.start, links)
                end = self._extend_source(doc, self._construct_body(doc, hit), index, modifiers, links)
                antecedent = None
                if start == hit.start and end == hit.end:
                    antecedent = _antecedent(doc, hit, found, kind, self.lexicon)
                source = self._add_source(doc, found, start, end, kind, None,
                                          hit.char_start if start == hit.start else None)
                if antecedent is None and source.tok_start == start:
                    antecedent = next((s for s in found.sources if s is not source and s.same_as is None
                                       and s.tok_start < start and key_of(s, self.lexicon) == key_of(source, self.lexicon)), None)
                if antecedent is not None and source is not antecedent and source.tok_start == start:
                    source.same_as = antecedent
            elif kind == "outlet_head":
                outlet = index.after(hit.start, hit.end + 2, frozenset({"ORG"}))
                if outlet is None:
                    self._quoted_outlet(doc, hit, found)
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
        variants = self.proclitic_variants(norm)
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

    def _quoted_outlet(self, doc: Doc, hit: Hit, found: Found) -> None:
        """An outlet the entity stage did not know, named in quotation marks after its head word
        (صحيفة "عدالت" الإيرانية، قناة "الإخبارية" السعودية الرسمية): the head, the quoted name
        of one to four words and the nationality and modifiers after it."""
        if hit.end >= len(doc) or doc[hit.end].text not in QUOTE_MARKS or _hit_prepositional(doc, hit, self.lexicon):
            return
        close = next((i for i in range(hit.end + 1, min(len(doc), hit.end + 6)) if doc[i].text in QUOTE_MARKS), None)
        if close is None or close == hit.end + 1 or not all(doc[i].is_alpha for i in range(hit.end + 1, close)):
            return
        end = self._extend_source(doc, close + 1, self.index, self.lexicon.source_modifiers, {})
        self._add_source(doc, found, hit.start, end, "outlet", None, hit.char_start)

    def _outlet_tails(self, doc: Doc, found: Found) -> None:
        """A media word glued to ل right after an outlet (وكالة وفا الرسمية للأنباء) ends the
        outlet's name: one source, not an outlet and a media source."""
        outlets = {s.tok_end: s for s in found.sources if s.attribution.kind == "outlet" and s.same_as is None}
        for source in found.sources:
            outlet = outlets.get(source.tok_start)
            if outlet is None or source.attribution.kind != "media" or source.tok_end - source.tok_start != 1 \
                    or source.same_as is not None:
                continue
            glued = self.proclitic_variants(doc[source.tok_start].norm_)
            if len(glued) < 2 or doc[source.tok_start].norm_[:1] not in self.lexicon.glued_prepositions:
                continue
            outlet.tok_end = source.tok_end
            outlet.attribution.end = doc[source.tok_end - 1].idx + len(doc[source.tok_end - 1].text)
            outlet.attribution.text = _unquote(text_of(doc)[outlet.attribution.start:outlet.attribution.end])
            source.same_as = outlet

    def _short_names(self, doc: Doc, found: Found) -> None:
        """An outlet's or a body's short name in brackets or quotation marks right after its name
        (وكالة الأنباء السعودية (واس)، وزارة الدفاع الأمريكية (البنتاغون)، وكالة الأنباء الإماراتية
        "وام") is part of the source, one source with it; a short name cited so on its own takes
        the name before it (وكالة الأنباء الرسمية السورية (سانا), where only سانا was known)."""
        text = text_of(doc)
        sources = [s for s in found.sources if s.same_as is None and s.attribution.kind in ("outlet", "official")]
        for source in sources:
            if source.same_as is not None:
                continue
            close = self._bracketed(doc, source.tok_end)
            if close is not None:
                start = source.tok_start
            elif source.tok_start > 0 and self._bracketed(doc, source.tok_start - 1) == source.tok_end + 1:
                start = self._named_before_bracket(doc, source.tok_start - 1)
                if start is None:
                    continue
                close = source.tok_end + 1
            else:
                continue
            for other in found.sources:  # the short name or the name, found as a source of its own
                if other is not source and other.same_as is None and start <= other.tok_start < close:
                    other.same_as = source
            source.tok_start, source.tok_end = start, close
            source.attribution.start = doc[start].idx
            source.attribution.end = doc[close - 1].idx + len(doc[close - 1].text)
            source.attribution.text = text[source.attribution.start:source.attribution.end]

    def _bracketed(self, doc: Doc, opener: int) -> int | None:
        """The end (past the closing mark) of one to three words in brackets or quotation marks
        opened at token `opener`."""
        if opener >= len(doc) or doc[opener].text not in ("(",) + tuple(QUOTE_MARKS):
            return None
        closer = ")" if doc[opener].text == "(" else None
        for i in range(opener + 1, min(len(doc), opener + 5)):
            if doc[i].text == closer or closer is None and doc[i].text in QUOTE_MARKS:
                return i + 1 if i > opener + 1 else None
            if not doc[i].is_alpha or any(v in self.common for v in self.proclitic_variants(doc[i].norm_)):
                return None  # "لن نتراجع": a short quote after its speaker, no name
        return None

    def _named_before_bracket(self, doc: Doc, opener: int) -> int | None:
        """Where the name of an outlet or body that ends right before `opener` begins: its head word
        (وكالة، قناة، وزارة) among the six words before, every word between a word."""
        article = self.article
        for i in range(opener - 1, max(-1, opener - 7), -1):
            if not doc[i].is_alpha or doc[i].norm_ in self.that or any(h.start == i for h in self.speech_all):
                return None
            variants = self.proclitic_variants(doc[i].norm_)
            bare = [v[len(article):] if v.startswith(article) else v for v in variants]
            if any(self.lexicon.source_cues.get((v,), ("",))[0] == "outlet_head" or self.lexicon.body_nouns.get(v)
                   for v in bare) and i < opener - 1:
                glued = len(variants) > 1 and doc[i].norm_[:1] in self.lexicon.glued_prepositions
                return None if glued else i  # لوكالة: the name without its preposition is not a token
        return None

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
            and not any(v in self.common for v in self.proclitic_variants(before.norm_))

    def _official(self, doc: Doc, hit: Hit, index: MentionIndex, found: Found) -> Source:
        """An official cited by function (المتحدث باسم الخارجية), with the body it speaks for;
        the person where a name follows (الناطق باسم الوزارة أشرف القدرة)."""
        body = index.after(hit.end, hit.end + 3, frozenset({"ORG", "GPE"}))
        end = body.end if body is not None else hit.end
        named = self._name_after_title(doc, end if body is not None else hit.end, index, found)
        if named is not None:
            return named
        statement = any(v in self.lexicon.classes["statement"] for v in self.proclitic_variants(doc[hit.start].norm_)[:2])
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
        if not statement and (body is None or self.kinds.get((body.entity.id, body.start)) == "demonym"):
            # مسؤول أميركي كبير، السلطات الصحية في غزة، المتحدث باسم وزارة التربية: the modifiers,
            # place and unlinked body that qualify an official, as they do an unnamed source
            if body is None and doc[hit.end - 1].norm_ not in self.lexicon.source_links:
                end = _construct_end(doc, end, self.lexicon) or end if self._names_a_body(doc, hit) else end
            end = self._extend_source(doc, end, index, self.lexicon.source_modifiers, self.lexicon.source_links)
        if body is not None and self.kinds.get((body.entity.id, body.start)) == "demonym":
            body = None  # مسؤول أمريكي: an official of the country, not the country speaking
        antecedent = _antecedent(doc, hit, found, "official", self.lexicon) if body is None else None
        if antecedent is None and body is None and end == hit.end:
            antecedent = self._first_named(doc, hit, index, found)
        source = self._add_source(doc, found, hit.start, end, "official",
                                  body.entity.id if body is not None else None, hit.char_start)
        if antecedent is not None and source is not antecedent and source.tok_start == hit.start:
            source.same_as = antecedent
        return source

    def _first_named(self, doc: Doc, hit: Hit, index: MentionIndex, found: Found) -> Source | None:
        """The official a bare definite title names again where no quote cited him before (ونفى
        مسؤول أميركي كبير التقارير ... وقال المسؤول إن): the same title without the article,
        earlier in the text, taken with what qualifies it."""
        if hit.end - hit.start != 1:
            return None
        definite = [v for v in self.proclitic_variants(doc[hit.start].norm_) if v.startswith(self.article)]
        if not definite:
            return None
        bare = definite[-1][len(self.article):]
        earlier = [h for h in self.relayable if h.start < hit.start and h.end - h.start == 1
                   and doc[h.start].norm_ == bare and not _hit_prepositional(doc, h, self.lexicon)]
        if not earlier:
            return None
        return self._official(doc, earlier[-1], index, found).referent

    def _names_a_body(self, doc: Doc, hit: Hit) -> bool:
        """A cue that ends in the word that introduces the body spoken for (المتحدث باسم …):
        one of several words whose last is glued to its preposition."""
        last = doc[hit.end - 1]
        return hit.end - hit.start > 1 and len(self.proclitic_variants(last.norm_)) > 1 \
            and last.norm_[:1] in self.lexicon.glued_prepositions

    def _name_after_title(self, doc: Doc, start: int, index: MentionIndex, found: Found) -> Source | None:
        """The person a title is followed by: a known person's mention, or a name the entity stage
        did not know (المتحدث باسم الحكومة شتيفن زايبرت أن): after the body's words with the
        article (الوزارة، الفلسطينية), two to MAX_NAME_WORDS words that are no common word, the
        first without the article, then أن/إن, punctuation or a quotation mark."""
        i = start
        while i < len(doc) and i - start < 3 and doc[i].is_alpha and index.at(i) is None \
                and any(v.startswith(self.article) for v in self.proclitic_variants(doc[i].norm_)) \
                and doc[i].norm_ not in self.common:
            i += 1  # the body the title speaks for, unlinked (باسم الوزارة)
        while i < len(doc) and index.at(i) is not None and index.at(i).entity.type in ("ORG", "GPE", "NORP") \
                and i - start < 6:
            i = index.at(i).end
        if i + 1 < len(doc) and i > start and index.at(i) is None \
                and self.lexicon.source_links.get(doc[i].norm_) == "place":
            body = index.at(i + 1)  # مسؤولة الشؤون الخارجية في الاتحاد الأوروبي فيديريكا موغيريني
            if body is not None and body.start == i + 1 and body.entity.type in ("ORG", "GPE") and not body.clitic:
                i = body.end
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
        if end - i < 2 or any(v.startswith(self.article) for v in self.proclitic_variants(doc[i].norm_)) \
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
        function = self.lexicon.function_words
        while end < len(doc) and end - start < 5 and doc[end].is_alpha and doc[end].norm_ not in function \
                and doc[end].norm_ not in self.that and not any(h.start == end for h in self.speech_all) \
                and (doc[end].text[:1] in glued or any(v.startswith(self.article) for v in self.proclitic_variants(doc[end].norm_))):
            end += 1
        return end

    def _quantified_start(self, doc: Doc, start: int, links: dict[str, str]) -> int:
        """أحد شهود العيان، بعض التقارير: a word that picks some of the source belongs to it."""
        if start > 0 and any(links.get(v) == "quantifier" for v in self.proclitic_variants(doc[start - 1].norm_)[:2]):
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
            modified = modified or any(v in modifiers or v[2:] in modifiers for v in self.proclitic_variants(token.norm_)[:1])
            if placed is not None and placed.start == end and placed.entity.type in ("GPE", "NORP") \
                    and (not token.norm_.startswith(self.and_) or self._demonyms_joined(placed, end)):
                end = placed.end
            elif any(v in modifiers or v[2:] in modifiers for v in self.proclitic_variants(token.norm_)[:1]):
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
        variants = self.proclitic_variants(token.norm_)
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
                and not any(v.startswith(self.article) for v in self.proclitic_variants(doc[start - 1].norm_)) \
                and any(h.end == start - 1 and not any(v in self.lexicon.classes["relayed_clause"]
                                                        for v in self.proclitic_variants(doc[h.end - 1].norm_))
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
            starts = [i for i in starts if not self._outlet_as_word(doc, index.by_start[i])
                      and not _dateline_credit(doc, index.by_start[i])]
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
                placed = index.after(hit.end, hit.end + 2, SPEAKER_TYPES)
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

    @staticmethod
    def _dated(doc: Doc) -> set[int]:
        return dated_tokens(doc)


# The dashes after an outlet's credit in a dateline: دبي، الإمارات العربية المتحدة (CNN)-- ...
DATELINE_DASHES = frozenset("-\u2013\u2014")


def _dateline_credit(doc: Doc, placed) -> bool:
    """The outlet's own credit in its dateline, in brackets before a dash ((CNN)--): the article's
    author, not a source it cites (issue 17: the entity stage now reads CNN there)."""
    start, end = placed.start, placed.end
    return 0 < start and end + 1 < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")" \
        and doc[end + 1].text[:1] in DATELINE_DASHES
