"""Speakers for the quotes component: who says each quote, across sentences (وأضاف، مضيفا،
dropped subjects, titles and bare surnames), after كان, through an agency that relays (نقلت
الوكالة عن X قوله), and the subjects of accusations and calls that say no quote."""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan

from marsad.nlp.basics import dated_tokens, sentence_of
from marsad.nlp.clauses import clause_start
from marsad.nlp.mention_index import MentionIndex, TokenMention
from marsad.nlp.phrases import Hit, QUOTE_MARKS
from marsad.nlp.quote_sources import SPEAKER_TYPES
from marsad.nlp.source_phrases import Found, Pending, Source, _bare, _fuller_name, _prepositional
from marsad.record import Attribution
from marsad.text.normalize import normalize
from marsad.text.words import words

# How far (tokens) a speech verb may stand from its speaker or from the أن that opens its clause.
MAX_CUE_GAP = 18
# How far into a sentence its subject may stand (وكان الرئيس الأميركي، دونالد ترمب، قد قرر).
SUBJECT_HEAD_WORDS = 8


class SpeakerRules:
    """The quote finder's rules for speakers: a mixin of QuoteFinder (marsad/nlp/quotes.py), whose
    Lexicon words, mention index, mention kinds, cue hits and source rules it reads."""

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

    def _speaker(self, doc: Doc, item: Pending, index: MentionIndex, found: Found,
                 officials: list[Hit], previous) -> Attribution | None:
        """Who speaks: the subject after the verb (VSO); else the one who spoke earlier in the
        sentence; else a subject before the verb in its clause (SVO); else, for a verb without a
        subject, the one who spoke last."""
        cue, sentence = item.cue, item.sentence
        explicit = cue.payload[1] != "participle" and self._has_subject_after(doc, cue, item.stop)
        if explicit:
            subject = self._auxiliary_subject(doc, cue, sentence, index, found)
            if subject is not None:
                return subject
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
        subject = self._auxiliary_subject(doc, cue, sentence, index, found)
        if subject is not None:
            return subject  # وكانت إسرائيل قالت إنها …
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
        if (placed is None or placed.entity.type != "PERSON") and cue.start > sentence.start \
                and doc[cue.start - 1].text in "،,":
            # جيري سميث، وهو مفتش سابق …، ومؤسس شركة "RameHead"…، حذّر من أن: a person at the head
            # of the sentence, however long what describes him between commas, and whatever body
            # that description names
            placed = self._sentence_subject(doc, index, sentence.start, cue.start, head=True) or placed
        if placed is not None:
            return self._entity_source(doc, found, placed).attribution
        if cue.payload[0] == "add":
            return previous[0] if previous is not None else None
        return None

    def _has_subject_after(self, doc: Doc, cue: Hit, stop: int) -> bool:
        """A verb followed at once by أن/إن, a colon, a quotation mark, a comma or a preposition
        has its subject elsewhere (before it, or dropped)."""
        position = cue.end
        dated = dated_tokens(doc)
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
        if begin >= len(doc):
            return None  # بحسب ما أفاد at the end of the text: no one named after it
        stop = min(len(doc), max(min(stop, sentence.end, begin + MAX_CUE_GAP), begin + 2))
        # the subject stands before the أن of what is said (وأضاف الصخور أن الوزير صيدم "…": not صيدم)
        stop = next((i for i in range(begin + 1, stop) if doc[i].norm_ in self.that), stop)
        statement = cue.payload[0] == "noun" or according and any(
            v in self.lexicon.classes["statement"] for v in self.proclitic_variants(doc[cue.end - 1].norm_)[:2])
        if statement or not according:  # في بيان للتحالف، وأضاف تقرير الوكالة: the owner of the words
            owner = self._statement_owner(doc, begin, statement, found)
            if owner is not None:
                return owner
        if index.at(begin) is None and not any(s.tok_start == begin for s in found.sources) \
                and not any(h.start == begin for h in officials):
            named = self._named_again(doc, begin, stop, found, unknown=cue.payload[0] not in ("according", "noun"))
            if named is not None:
                return named
        following = [s for s in found.sources if begin <= s.tok_start < stop]
        placed = index.after(begin, stop, SPEAKER_TYPES)
        while placed is not None and not self._may_speak(doc, placed, begin) \
                and not (according and placed.start == begin and placed.clitic in self.lexicon.glued_prepositions):
            placed = index.after(placed.end, stop, SPEAKER_TYPES)
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
                or (i > begin and len(self.proclitic_variants(doc[i].norm_)) > 1
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
        channel = self.index.at(end - 1) if end > start else None
        if channel is not None and channel.end == end and channel.clitic[-1:] == self.lexicon.morphology.contraction[0] \
                and channel.start > start and doc[channel.start - 1].text in "،,":
            end = channel.start - 1  # أستاذ الفيزياء الفلكية في الأردن، حنا صابات، لبي بي سي:
        if any(start <= s.tok_start < end for s in found.sources):
            return None
        begin = end
        modifiers = self.lexicon.source_modifiers
        while begin > start and end - begin < 3:
            token = doc[begin - 1]
            variants = self.proclitic_variants(token.norm_)
            glued = len(variants) > 1 and token.norm_[:1] in self.lexicon.glued_prepositions
            if not token.is_alpha or len(token.norm_) < 3 or self.index.at(begin - 1) is not None or glued \
                    or any(v in self.common or v in modifiers for v in variants) or token.norm_ in self.that \
                    or any(h.start <= begin - 1 < h.end for h in self.speech_all):
                break
            begin -= 1
        contraction = self.lexicon.morphology.contraction
        while begin < end and (any(v.startswith(self.article) for v in self.proclitic_variants(doc[begin].norm_))
                               or doc[begin].norm_.startswith(contraction)
                               or len(self.proclitic_variants(doc[begin].norm_)) > 1):
            begin += 1  # the article, or a glued letter, is no name's first word
        if end - begin < 2 or begin == 0:
            return None
        before = doc[begin - 1]
        titled = self.index.at(begin - 1) is not None or before.text in "،," or any(
            v.startswith(self.article) for v in self.proclitic_variants(before.norm_)) \
            or before.norm_.startswith(self.lexicon.morphology.contraction)
        if not titled or before.norm_ in self.common:
            return None  # لا تقبل التأويل: no title or body before the words, no name after one
        return self._add_source(doc, found, begin, end, "person", None).attribution

    def _named_again(self, doc: Doc, start: int, stop: int, found: Found, unknown: bool = True) -> Attribution | None:
        """A subject the entity stage left unlinked: a bare surname (الصدر، المخلافي) or a title
        (الوزير، المبعوث الأممي) of a person named earlier, or, after a verb (`unknown`), a name it
        did not know (وقال بي جيه كراولي،), which is taken with the fuller form the text gave it
        before (إيري فليشر); after a statement noun or an according phrase one unknown word is no
        name (في بيان حصري، وحسب مقابلات), two are (بحسب مولودي حاجي عبدي)."""
        end = start
        while end < stop and end - start < 4 and doc[end].is_alpha and doc[end].norm_ not in self.that:
            end += 1
        outlet = self._outlet_named_again(doc, start, found)
        if outlet is not None:
            return outlet
        for size in range(end - start, 0, -1):  # الصدر in وتابع الصدر بالقول
            person = self._earlier_person(doc, start, [_bare(doc[i].norm_, self.lexicon) for i in range(start, start + size)])
            if person is not None:
                return self._entity_source(doc, found, TokenMention(person, start, start + size)).attribution
        body = self._unknown_body(doc, start, stop, found)
        if body is not None:
            return body
        if unknown:
            generic = self._generic_subject(doc, start, found)
            if generic is not None:
                return generic
        if end - start < (1 if unknown else 2) or end < len(doc) and doc[end].is_alpha and doc[end].norm_ not in self.that:
            return None  # the subject runs on into the clause: not a bare name
        phrase = [_bare(doc[i].norm_, self.lexicon) for i in range(start, end)]
        common = self.common
        if end - start == 1 and doc[start].norm_ not in common:
            # وأضاف الصخور أن: a surname with the article of a name the entity stage did not know,
            # given in full before (ووفقا للمتحدث صادق الصخور)
            fuller = _fuller_name(doc, start, common, self.lexicon)
            if fuller and len(words(fuller)) == 2:
                for source in found.sources:
                    if source.attribution.kind == "person" and source.attribution.entity is None \
                            and source.attribution.text == fuller:
                        return source.referent.attribution
                source = self._add_source(doc, found, start, end, "person", None)
                source.attribution.text = fuller
                return source.attribution
        if any(doc[i].norm_.startswith(self.article) or any(v.startswith(self.article) for v in self.proclitic_variants(doc[i].norm_))
               for i in range(start, end)) or doc[end - 1].norm_ in common \
                or end - start == 1 and doc[start].norm_ in common:
            return None  # بالبيان، للصحفيين: a phrase, not a name
        for source in found.sources:  # the name cited before (فليشر after إيري فليشر)
            if source.attribution.kind == "person" and source.attribution.entity is None \
                    and [_bare(w, self.lexicon) for w in words(source.attribution.text)][-len(phrase):] == phrase:
                return source.referent.attribution
        source = self._add_source(doc, found, start, end, "person", None)
        if end - start == 1:
            fuller = _fuller_name(doc, start, common, self.lexicon)
            if fuller:
                source.attribution.text = fuller
        return source.attribution

    def _outlet_named_again(self, doc: Doc, start: int, found: Found) -> Attribution | None:
        """An outlet's head word with the article, alone or with its nationality (وأشارت الوكالة
        إلى أن، وذكرت الصحيفة، تقرير الوكالة السورية): the outlet cited last before it, of that kind
        (التلفزيون is no agency); an outlet whose name gives no kind (رويترز) may be any, but only
        for the head word alone."""
        word = doc[start].norm_
        bare = next((v for v in self.proclitic_variants(word) if v.startswith(self.article)), None)
        after = self.index.at(start + 1) if start + 1 < len(doc) else None
        qualified = after is not None and self.kinds.get((after.entity.id, after.start)) == "demonym"
        if bare is None or self.lexicon.source_cues.get((bare,), ("",))[0] != "outlet_head" \
                or start + 1 < len(doc) and doc[start + 1].is_alpha and doc[start + 1].norm_ not in self.that \
                and after is not None and not qualified:
            return None  # وكالة الأنباء الفرنسية: a name, not the head word alone
        head = bare[len(self.article):]
        cited = [(s.tok_start, s.attribution.text, s) for s in found.sources
                 if s.tok_start < start and s.same_as is None and s.attribution.kind == "outlet"]
        cited += [(placed.start, " ".join([placed.entity.name] + [m.text for m in placed.entity.mentions]), placed)
                  for i, placed in self.index.by_start.items() if i < start and placed.entity.type == "ORG"
                  and placed.entity.sector == "MED" and not self._outlet_as_word(doc, placed)]
        kinds = [(at, self._outlet_kind(text, head), item) for at, text, item in cited]
        fitting = [k for k in kinds if k[1] == 2] or ([k for k in kinds if k[1] == 1] if not qualified else [])
        if not fitting:
            return None
        item = max(fitting, key=lambda k: k[0])[2]
        if isinstance(item, Source):
            return item.attribution
        return self._entity_source(doc, found, item).attribution

    def _outlet_kind(self, text: str, head: str) -> int:
        """Whether an outlet's name is of the kind `head` names (2: وكالة الأنباء السورية for
        الوكالة), of another kind (0: التلفزيون السوري for الوكالة) or of none that it says (1)."""
        names = {v[len(self.article):] if v.startswith(self.article) else v
                 for w in words(normalize(text)) for v in self.proclitic_variants(w)}
        if head in names:
            return 2
        heads = {key[0] for key, row in self.lexicon.source_cues.items()
                 if len(key) == 1 and row[0] == "outlet_head" and not key[0].startswith(self.article)}
        return 0 if names & heads else 1

    def _statement_owner(self, doc: Doc, at: int, after_noun: bool, found: Found) -> Attribution | None:
        """Whose statement or report it is, where the speaker is one (وجاء في بيان للتحالف أنه، وأضاف
        تقرير الوكالة السورية أن): right after the noun (`after_noun`), or after a statement noun in
        construct that is the verb's subject, a body named before by its head word with the article
        (للتحالف after التحالف العربي …) or an outlet by its head word (الوكالة، التلفزيون)."""
        if not after_noun:
            if at + 1 >= len(doc) or at not in self.nouns or doc[at].norm_.startswith(self.article) \
                    or not doc[at + 1].is_alpha:
                return None  # وأضاف تقرير الوكالة: the report's owner speaks
            at += 1
        if at >= len(doc) or not doc[at].is_alpha:
            return None
        definite = [v for v in self.proclitic_variants(doc[at].norm_) if v.startswith(self.article)]
        if not definite or self.index.at(at) is not None:
            return None  # a name: the rules for names read it
        word = definite[-1]
        if at + 1 < len(doc) and doc[at + 1].is_alpha and doc[at + 1].norm_ not in self.that:
            if self.lexicon.source_cues.get((word,), ("",))[0] != "outlet_head":
                return None  # بيان القيادة العامة للقوات: a longer phrase, not a head word alone
        if self.lexicon.source_cues.get((word,), ("",))[0] == "outlet_head":
            return self._outlet_named_again(doc, at, found)
        head = word[len(self.article):]
        best, best_start = None, -1
        for entity in doc._.entities or []:
            if entity.type != "ORG":
                continue
            for m in entity.mentions:
                if m.start < doc[at].idx and m.kind == "name" and len(words(m.text)) > 1 \
                        and _bare(words(m.text)[0], self.lexicon) == head and m.start > best_start:
                    best, best_start = entity, m.start
        if best is None:
            return None
        return self._entity_source(doc, found, TokenMention(best, at, at + 1)).attribution

    def _generic_subject(self, doc: Doc, start: int, found: Found) -> Attribution | None:
        """A subject named by a generic noun of people or bodies with the article, and what
        qualifies it, right before what is said (وقال المحققون إن، وتقول الدول العربية في التحالف
        إن، وقال المرشح:): one person of that kind is the person spoken of last (the candidate
        named before); several, or a body, are a source of their own, as written."""
        noun = self._generic_noun(doc, start)
        if noun is None:
            return None
        end = self._extend_source(doc, start + 1, self.index, self.lexicon.source_modifiers, self.lexicon.source_links)
        boundary = end
        while boundary < len(doc) and doc[boundary].text in "،,":
            boundary += 1
        if boundary >= len(doc) or not (doc[boundary].norm_ in self.that or doc[boundary].text in QUOTE_MARKS
                                        or doc[boundary].text == ":"):
            return None  # the noun runs on into more than its modifiers: no subject read here
        if noun[1] and end == start + 1:
            person = self._person_before(doc, start)
            if person is not None:
                return self._entity_source(doc, found, person).attribution
            return None  # المرشح with no one named before: no guess
        if noun[0] == "body" and end == start + 1:
            return None  # تقول الدولتان، قالت الحكومة: a body by its kind alone is one named before
        kind = "anonymous" if noun[0] == "person" else "official"  # المحققون: people not named
        return self._add_source(doc, found, start, end, kind, None).attribution

    def _generic_noun(self, doc: Doc, start: int) -> tuple[str, bool] | None:
        """The generic noun (data/actors/generic_nouns.tsv, of people or bodies) that token
        `start` is with the article, and whether it is one person's (a singular person noun)."""
        forms = self.words.generic_nouns.forms
        for variant in self.proclitic_variants(doc[start].norm_):
            if not variant.startswith(self.article):
                continue
            bare = variant[len(self.article):]
            noun = forms.get((bare,))
            if noun is not None and noun.kind in ("person", "victim", "body") and bare not in self.common:
                return noun.kind, noun.kind == "person" and bare == normalize(noun.singular)
        return None

    def _person_before(self, doc: Doc, start: int):
        """The person mentioned last before `start`, in its sentence or the two before it."""
        sentence = sentence_of(doc, start)
        first = sentence.start
        for _ in range(2):
            if first == 0:
                break
            first = sentence_of(doc, first - 1).start
        placed = self.index.before(start, first, frozenset({"PERSON"}))
        while placed is not None and not self._may_speak(doc, placed, first):
            placed = self.index.before(placed.start, first, frozenset({"PERSON"}))
        return placed

    def _unknown_body(self, doc: Doc, start: int, stop: int, found: Found) -> Attribution | None:
        """An organisation the entity stage did not know, named by a body noun and its complement
        (أعلنت هيئة تنسيق المساعدات الطارئة أن …): the noun without the article and the words after
        it up to punctuation, a quotation mark, أن/إن or a function word."""
        if self.lexicon.body_nouns.get(doc[start].norm_) is None:
            return None
        function = self.lexicon.function_words
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
            and not any(v.startswith(self.article) for v in self.proclitic_variants(doc[after - 1].norm_))
        for entity in doc._.entities or []:
            if entity.type not in ("PERSON", "ORG"):
                continue
            names = [m for m in entity.mentions if m.start < doc[start].idx]
            if not names:
                continue
            if entity.type == "ORG":  # المجلس after مجلس الأمن القومي، الوزارة after وزارة الدفاع
                head = len(phrase) == 1 and doc[start].norm_.startswith(self.article) and any(
                    m.kind == "name" and len(words(m.text)) > 1 and _bare(words(m.text)[0], self.lexicon) == phrase[0] for m in names)
                last = max(m.start for m in names)
                if head and last > best_start:
                    best, best_start = entity, last
                continue
            surname = any([_bare(w, self.lexicon) for w in words(m.text)][-len(phrase):] == phrase
                          for m in names if m.kind == "name" and len(words(m.text)) > len(phrase))
            titled = phrase[0] != phrase[-1] or len(phrase) == 1
            title = titled and not construct and any([_bare(w, self.lexicon) for w in words(r)][:len(phrase)] == phrase for r in entity.roles)
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
        placed = index.after(start, stop, SPEAKER_TYPES)
        while placed is not None:
            bracketed = placed.start > 0 and doc[placed.start - 1].text == "("
            if not bracketed and self._may_speak(doc, placed, -1):
                if placed.entity.type == "PERSON":
                    return placed if not head or placed.start - start <= SUBJECT_HEAD_WORDS else None
                if first_body is None and placed.entity.sector != "MED":
                    first_body = placed
            placed = index.after(placed.end, stop, SPEAKER_TYPES)
        return None if head else first_body

    def _mention_before(self, doc: Doc, index: MentionIndex, stop: int, start: int):
        placed = index.before(stop, start, SPEAKER_TYPES)
        while placed is not None and not self._may_speak(doc, placed, start):
            placed = index.before(placed.start, start, SPEAKER_TYPES)
        return placed

    def _auxiliary_subject(self, doc: Doc, cue: Hit, sentence: SpacySpan, index: MentionIndex,
                           found: Found) -> Attribution | None:
        """The subject between كان and the speech verb (وكان عباس أبلغ بوتين …، وكانت إسرائيل
        قالت إنها …، وكان التحالف بقيادة المملكة أعلن …): the first mention right after the
        auxiliary, which heads its sentence, or two or three name words the entity stage did not
        know, before the verb or قد (وكانت ريم بنا أعلنت)."""
        position = sentence.start
        if position < len(doc) and not doc[position].is_alpha:
            position += 1
        if position >= cue.start or cue.start - position > SUBJECT_HEAD_WORDS or not any(
                v in self.lexicon.classes["auxiliary"] for v in self.proclitic_variants(doc[position].norm_)[:2]):
            return None
        placed = index.at(position + 1)
        if placed is not None and placed.start == position + 1 and placed.end <= cue.start \
                and self._may_speak(doc, placed, position + 1):
            return self._entity_source(doc, found, placed).attribution
        end = position + 1
        while end < cue.start and self._name_word(end, doc):
            end += 1
        rest = [doc[i].norm_ for i in range(end, cue.start)]
        if placed is None and 2 <= end - position - 1 <= 3 and all(w in self.common for w in rest) \
                and not any(v.startswith(self.article) for v in self.proclitic_variants(doc[position + 1].norm_)):
            return self._add_source(doc, found, position + 1, end, "person", None).attribution
        return None

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
        official = next((h for h in self.relayable if h.start == i), None)
        if official is not None:
            return self._official(doc, official, index, found).referent.attribution
        placed = index.at(i)
        if placed is not None and placed.start == i and placed.entity.type in SPEAKER_TYPES and not placed.clitic:
            return self._entity_source(doc, found, placed).attribution
        return None
