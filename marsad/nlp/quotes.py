"""The quotes component: who is cited (attributions, relays) and what they said (quotes). Its
rules for sources are in quote_sources.py, for speakers in quote_speakers.py."""
from __future__ import annotations


from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan

from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.lexicon.quotes import QuoteLexicon
from marsad.nlp.basics import dated_tokens, sentence_of, text_of, token_table
from marsad.nlp.lexicons import longest
from marsad.nlp.mention_index import MentionIndex
from marsad.nlp.phrases import Hit, find_phrases, word_positions
from marsad.nlp.quote_sources import SourceRules
from marsad.nlp.quote_speakers import MAX_CUE_GAP, SpeakerRules
from marsad.nlp.source_phrases import Found, Pending, _hit_prepositional, _mention_kinds
from marsad.nlp.stage import LexiconStage
from marsad.record import Attribution, Quote, Span

# A direct quote is at least this many words; shorter quoted strings are names or scare quotes.
MIN_DIRECT_WORDS = 4
_PAIRS = {"«": "»", "“": "”", '"': '"'}
# How far (tokens) the أن of a speech verb may stand, past its subject, a title, a date and the
# place it spoke (قال وزير الدفاع، جيمس ماتيس، في جلسة استماع أمام لجنة …، الخميس، إن), where no
# other clause or speech verb begins between.
MAX_THAT_GAP = 26


class QuoteFinder(SourceRules, SpeakerRules):
    """The quotes and sources of a Doc, read with one Lexicon: its quotes words, its clause
    openers (where a clause begins) and its common words (never part of a name)."""

    def __init__(self, words: Lexicon):
        lexicon = words.quotes
        self.words = words
        self.common = words.common_words
        self.lexicon = lexicon
        self.that = lexicon.that
        self.article = lexicon.article
        # clitics come off by the Lexicon's Morphology (the rules of quote_sources and quote_speakers too)
        self.proclitic_variants = lexicon.morphology.proclitic_variants
        self.and_ = tuple(sorted(lexicon.classes["and"]))

    def __call__(self, doc: Doc) -> Found:
        found = Found()
        index = MentionIndex(doc, doc._.entities or [])
        self.index = index
        self.kinds = _mention_kinds(doc, doc._.entities or [])
        self.doc = doc
        table = token_table(doc)
        self.demonym_ends = {end for e in doc._.entities or [] for m in e.mentions if m.kind == "demonym"
                             for start, end in [table.tokens_over(m.start, m.end)] if start < end}
        positions = word_positions(doc)
        lexicon = self.lexicon
        morphology = lexicon.morphology
        cues = find_phrases(doc, lexicon.source_cues, longest(lexicon.source_cues), positions, article=True,
                            morphology=morphology)
        speech = find_phrases(doc, lexicon.speech_verbs, longest(lexicon.speech_verbs), positions,
                              morphology=morphology)
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
        # after عن an official is relayed, not the object of a preposition (نقلت الوكالة عن المتحدث باسم …)
        self.relayable = [h for h in cues if h.payload[0] == "official"]
        pending: list[Pending] = []
        direct = self._direct_quotes(doc, speech, pending)
        self._reported_quotes(doc, speech, direct, pending)
        self._assign_speakers(doc, pending, index, found, officials)
        self._cited_outlets(doc, index, found)
        self._outlet_tails(doc, found)
        self._short_names(doc, found)
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
                or not any(v in impersonal for v in self.proclitic_variants(doc[hit.start].norm_)):
            return False
        after = doc[hit.end].norm_
        return after in self.that or after in self.lexicon.prepositions

    # -- sources -----------------------------------------------------------------------------

    # -- speakers ----------------------------------------------------------------------------

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

    def _that_clause(self, doc: Doc, start: int, stop: int, cue_starts: set[int]) -> int | None:
        """The أنّ that opens what a speech verb reports, unless another clause (قبل أن،
        حيث …) or another speech verb begins first; a relayed source (، وفق ما أوردت X،) may
        stand between."""
        stoppers = self.lexicon.clause_openers - self.that - self.lexicon.classes["relayed_clause"]
        for i in range(start, min(stop, start + MAX_THAT_GAP)):
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
                v in self.lexicon.classes["noun_complement"] for v in self.proclitic_variants(doc[cue.start].norm_)):
            return None
        before = self.proclitic_variants(doc[cue.start - 1].norm_) if cue.start > 0 else []
        if any(v in self.lexicon.prepositions or v in self.lexicon.function_words for v in before) \
                and not any(v in self.that or v in self.lexicon.classes["pronoun_subject"] for v in before):
            return None  # وهذا نفي قاطع لـ، في نفي: the noun of the same spelling, not the verb
        dated = dated_tokens(doc)
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
        if i + 1 < stop and doc[i].text in "،," and i > cue.end and (placed is not None or source is not None):
            i += 1  # أكد الرئيس اليمني عبدربه منصور هادي، رفضه …: a comma after the subject
        if i >= stop or not doc[i].is_alpha:
            return None
        norm = doc[i].norm_
        if norm in self.lexicon.classes["complement_preposition"]:
            i += 1  # أكد على ضرورة: the noun after the preposition tells the demand below
            if i >= stop or not doc[i].is_alpha:
                return None
            return None if self._demand(doc[i].norm_) else i - 1
        if self._demand(norm):
            return None  # أكد ضرورة انسحاب …: a demand without a clause, no quote
        if norm in self.that or norm in self.lexicon.prepositions or norm in self.lexicon.clause_openers \
                or norm in self.lexicon.function_words or any(v.startswith(self.article) for v in self.proclitic_variants(norm)) \
                or i in self.covered or i in self.cue_starts or any(h.start == i for h in self.speech_all):
            return None  # a source's own word (ونفى مسؤول أميركي …) is the subject, not the report
        return i

    def _demand(self, norm: str) -> bool:
        """Whether a word, its glued conjunction and article aside, is a noun of what must be done."""
        return any(v in self.lexicon.classes["demand_noun"] or v.startswith(self.article)
                   and v[len(self.article):] in self.lexicon.classes["demand_noun"]
                   for v in self.proclitic_variants(norm))

    def _claim_before(self, doc: Doc, cue: Hit, sentence: SpacySpan, speech: list[Hit],
                      pending: list[Pending]) -> Pending | None:
        """The claim an according phrase closes (كثفت القوات …، وفق ما أفادت مصادر عسكرية؛ ومنذ
        آذار قتل 118 بحسب أرقام الوزارة): the sentence up to the phrase, where the phrase opens with
        a word of class according_after, at least MIN_DIRECT_WORDS words in, and nothing before it
        in the sentence is quoted, a speech verb or a source (else the phrase relays that source).
        Kept only where a speaker is found after the phrase."""
        head = self.proclitic_variants(doc[cue.start].norm_)
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
    morphology = lexicon.morphology
    # ليعلن أردوغان أن: the particle ل before an imperfect verb (its first letter ي، ت، ن)
    particles = morphology.verb_particles if text_of(doc)[hit.char_start:hit.char_start + 1] \
        in morphology.imperfect_prefixes and hit.payload[1] == "verb" else ()
    if hit.payload[1] in ("verb", "participle") and any(letter not in conjunctions and letter not in particles
                                                        for letter in glued):
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


class QuoteComponent(LexiconStage):
    """`set_quotes` over the Lexicon given at `initialize`, as a pipeline component."""

    def process(self, doc: Doc) -> Doc:
        return set_quotes(doc, self.lexicon)


@Language.factory("marsad_quotes", default_config={},
                  assigns=["doc._.quotes", "doc._.attributions"],
                  requires=["doc._.entities", "token.norm", "token.is_sent_start"])
def make_quote_finder(nlp: Language, name: str) -> QuoteComponent:
    """The spaCy factory of `set_quotes`; the Lexicon is the one given at `initialize` (the
    shipped one unless a `data_dir` is named)."""
    return QuoteComponent()
