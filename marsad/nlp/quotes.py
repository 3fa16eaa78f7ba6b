"""The quotes component: who is cited (attributions, relays) and what they said (quotes)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan

from marsad.nlp.basics import sentence_of, text_of
from marsad.nlp.clauses import clause_openers, clause_start
from marsad.nlp.lexicons import longest, phrase_table
from marsad.nlp.mention_index import MentionIndex
from marsad.nlp.phrases import Hit, QUOTE_MARKS, find_phrases, word_positions
from marsad.record import Attribution, Quote, Span
from marsad.text.normalize import normalize
from marsad.text.words import proclitic_variants, words

# A direct quote is at least this many words; shorter quoted strings are names or scare quotes.
MIN_DIRECT_WORDS = 4
# How far (tokens) a speech verb may stand from its speaker or from the أن that opens its clause.
MAX_CUE_GAP = 14
_THAT = frozenset({"ان", "بان", "انه", "انها", "انهم", "بانه", "بانها"})
# A reported clause ends at the sentence end or where the writer hands over to another clause.
_CLAUSE_BREAK = re.compile(r"،\s*(?:و?وفق|حيث|فيما|في حين|بينما|مضيفا|مشيرا|مؤكدا|لافتا|نقلا)")
_PAIRS = {"«": "»", "“": "”", '"': '"'}
_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass
class Source:
    attribution: Attribution
    tok_start: int
    tok_end: int


@dataclass
class Found:
    sources: list[Source] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def speech_cues() -> dict:
    return phrase_table("quotes/speech_verbs.tsv", "kind")


def source_cues() -> dict:
    return phrase_table("quotes/source_cues.tsv", "kind")


def source_modifiers() -> set[str]:
    return {key[0] for key in phrase_table("quotes/source_modifiers.tsv")}


class QuoteFinder:
    def __call__(self, doc: Doc) -> Found:
        found = Found()
        index = MentionIndex(doc, doc._.entities or [])
        positions = word_positions(doc)
        cues = find_phrases(doc, source_cues(), longest(source_cues()), positions, article=True)
        speech = find_phrases(doc, speech_cues(), longest(speech_cues()), positions)
        self._cue_sources(doc, cues, index, found)
        self._according_sources(doc, speech, index, found)
        officials = [h for h in cues if h.payload[0] == "official"]
        direct = self._direct_quotes(doc, speech, index, found, officials)
        self._reported_quotes(doc, speech, index, found, direct, officials)
        self._relays(doc, cues, found)
        found.sources.sort(key=lambda s: s.tok_start)
        for number, source in enumerate(found.sources, 1):
            source.attribution.id = f"a{number}"
        found.quotes.sort(key=lambda q: q.span.start)
        for number, quote in enumerate(found.quotes, 1):
            quote.id = f"q{number}"
        return found

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
        modifiers = source_modifiers()
        for hit in cues:
            kind = hit.payload[0]
            if kind in ("anonymous", "media"):
                end = self._extend_source(doc, hit.end, index, modifiers)
                self._add_source(doc, found, hit.start, end, kind, None, hit.char_start)
            elif kind == "outlet_head":
                outlet = index.after(hit.start, hit.end + 2, frozenset({"ORG"}))
                if outlet is not None:
                    start = min(hit.start, outlet.start)
                    self._add_source(doc, found, start, outlet.end, "outlet", outlet.entity.id,
                                     hit.char_start if start == hit.start else None)

    def _official(self, doc: Doc, hit: Hit, index: MentionIndex, found: Found) -> Source:
        """An official cited by function (المتحدث باسم الخارجية), with the body it speaks for."""
        body = index.after(hit.end, hit.end + 3, frozenset({"ORG", "GPE"}))
        end = body.end if body is not None else hit.end
        return self._add_source(doc, found, hit.start, end, "official",
                                body.entity.id if body is not None else None, hit.char_start)

    @staticmethod
    def _extend_source(doc: Doc, end: int, index: MentionIndex, modifiers: set[str]) -> int:
        """Take the modifiers, nationality and place that qualify a source (مصادر أمنية في بغداد)."""
        while end < len(doc):
            token = doc[end]
            placed = index.at(end)
            if placed is not None and placed.start == end and placed.entity.type in ("GPE", "NORP") \
                    and not token.norm_.startswith("و"):
                end = placed.end
            elif any(v in modifiers or v[2:] in modifiers for v in proclitic_variants(token.norm_)[:1]):
                end += 1
            elif token.norm_ in ("في", "من") and end + 1 < len(doc):
                placed = index.at(end + 1)
                if placed is None or placed.start != end + 1 or placed.entity.type not in ("GPE", "LOC"):
                    break
                end = placed.end
            else:
                break
        return end

    def _entity_source(self, doc: Doc, found: Found, placed) -> Source:
        entity = placed.entity
        for source in found.sources:  # one attribution per cited actor, however often cited
            if source.attribution.entity == entity.id and source.attribution.kind != "outlet":
                return source
        kind = "person" if entity.type == "PERSON" else (
            "outlet" if entity.sector == "MED" else "official")
        source = self._add_source(doc, found, placed.start, placed.end, kind, entity.id)
        if entity.type == "PERSON" and source.attribution.entity == entity.id:
            source.attribution.text = entity.name  # a title before the name is not the source's name
        return source

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
            carrier, relayed = before[-1], after[0]
            if words(doc[hit.start:hit.end].text)[-1:] == ["عن"]:
                carrier, relayed = relayed, carrier
            if carrier.attribution.via is None and carrier is not relayed:
                carrier.attribution.via = relayed.attribution  # an id once ids are given

    # -- quotes ------------------------------------------------------------------------------

    def _speaker(self, doc: Doc, cue: Hit, sentence: SpacySpan, index: MentionIndex, found: Found,
                 officials: list[Hit], stop: int | None = None) -> Attribution | None:
        """Who speaks: the source or actor after the verb (VSO), else one before it in its clause."""
        stop = min(stop or sentence.end, cue.end + MAX_CUE_GAP)
        following = [s for s in found.sources if cue.end <= s.tok_start < stop]
        placed = index.after(cue.end, stop, _SPEAKER_TYPES)
        if placed is not None and _prepositional(doc, placed):
            placed = None  # مع زعماء الدول الأعضاء بالاتحاد الأوروبي: not who speaks
        official = next((h for h in officials if cue.end <= h.start < stop), None)
        firsts = [(s.tok_start, 0, s) for s in following[:1]]
        firsts += [(placed.start, 1, placed)] if placed is not None else []
        firsts += [(official.start, 2, official)] if official is not None else []
        if firsts:
            _, which, first = min(firsts, key=lambda f: (f[0], f[1]))
            if which == 0:
                return first.attribution
            if which == 1:
                return self._entity_source(doc, found, first).attribution
            return self._official(doc, first, index, found).attribution
        clause = clause_start(doc, cue.start, sentence.start)
        for source in reversed(found.sources):
            if clause <= source.tok_start < cue.start:
                return source.attribution
        placed = index.before(cue.start, clause, _SPEAKER_TYPES)
        if placed is None:
            # رئيس الوزراء، حيدر العبادي، أكد …: the subject may stand before commas
            placed = index.before(cue.start, max(sentence.start, cue.start - MAX_CUE_GAP), _SPEAKER_TYPES)
            if placed is not None and _prepositional(doc, placed):
                placed = None
        if placed is not None:
            return self._entity_source(doc, found, placed).attribution
        if cue.start > 0 and doc[cue.start - 1].norm_ in _PRONOUN_SUBJECTS and found.quotes:
            return found.quotes[-1].speaker  # إلا أنه أكد: the one who spoke last
        return None

    def _direct_quotes(self, doc: Doc, speech: list[Hit], index: MentionIndex, found: Found,
                       officials: list[Hit]) -> set[int]:
        """Quoted words with a speech verb before them in the sentence; returns the cues used."""
        used: set[int] = set()
        previous = None
        for start, end in quoted_spans(text_of(doc)):
            inner = text_of(doc)[start:end]
            if len(inner.split()) < MIN_DIRECT_WORDS:
                continue
            opening = doc.char_span(start - 1, start, alignment_mode="expand")
            if opening is None:
                continue
            sentence = sentence_of(doc, opening.start)
            cues = [c for c in speech if sentence.start <= c.start < opening.start
                    and c.payload[0] not in ("according", "noun")]
            if not cues:
                continue
            cue = cues[-1]
            speaker = self._speaker(doc, cue, sentence, index, found, officials, stop=opening.start)
            if speaker is None and cue.payload[0] == "add" and previous is not None:
                speaker = previous
            used.add(cue.start)
            previous = speaker
            found.quotes.append(Quote(id="", speaker=speaker, text=inner, direct=True,
                                      cue=text_of(doc)[cue.char_start:cue.char_end],
                                      span=Span(start, end)))
        return used

    def _reported_quotes(self, doc: Doc, speech: list[Hit], index: MentionIndex, found: Found,
                         direct_cues: set[int], officials: list[Hit]) -> None:
        previous = None
        for cue in speech:
            kind = cue.payload[0]
            if cue.start in direct_cues or kind == "noun":
                continue
            sentence = sentence_of(doc, cue.start)
            if kind == "according":
                # بحسب X، ...: only at the head of its sentence does the cue open the quote;
                # further in (وفق ما أوردت) it relays a source.
                if cue.start - sentence.start > 1:
                    continue
                start = self._after_comma(doc, cue.end, sentence.end)
            else:
                start = self._that_clause(doc, cue.end, sentence.end)
            if start is None:
                continue
            char_start = doc[start].idx
            end_char = self._clause_end(text_of(doc), char_start, sentence.end_char)
            text = text_of(doc)[char_start:end_char].strip()
            if len(text.split()) < MIN_DIRECT_WORDS:
                continue
            speaker = self._speaker(doc, cue, sentence, index, found, officials, stop=start)
            if speaker is None and kind == "add":
                speaker = previous
            previous = speaker
            found.quotes.append(Quote(id="", speaker=speaker, text=text, direct=False,
                                      cue=text_of(doc)[cue.char_start:cue.char_end],
                                      span=Span(char_start, char_start + len(text))))

    @staticmethod
    def _that_clause(doc: Doc, start: int, stop: int) -> int | None:
        """The أنّ that opens what a speech verb reports, unless another clause (قبل أن،
        حيث …) begins first; a relayed source (، وفق ما أوردت X،) may stand between."""
        stoppers = clause_openers() - _THAT - {"ما"}
        for i in range(start, min(stop, start + MAX_CUE_GAP)):
            if doc[i].norm_ in _THAT:
                return i
            if doc[i].norm_ in stoppers:
                return None
        return None

    @staticmethod
    def _after_comma(doc: Doc, start: int, stop: int) -> int | None:
        for i in range(start, min(stop, start + MAX_CUE_GAP)):
            if doc[i].text in ("،", ","):
                return i + 1 if i + 1 < stop else None
        return None

    @staticmethod
    def _clause_end(text: str, start: int, stop: int) -> int:
        match = _CLAUSE_BREAK.search(text, start, stop)
        end = match.start() if match else stop
        while end > start and text[end - 1] in ".،,؛:!?؟\"»” ":
            end -= 1
        return end


_PRONOUN_SUBJECTS = frozenset(normalize(w) for w in ("أنه", "إنه", "أنها", "إنها", "وهو", "وهي", "هو", "هي"))
_PREPOSITIONS = frozenset(normalize(w) for w in ("مع", "في", "من", "عن", "إلى", "على", "بين", "لدى", "حول"))


def _prepositional(doc: Doc, placed) -> bool:
    """Whether a mention is the object of a preposition, written apart or glued (بالاتحاد)."""
    glued = any(letter in "بلك" for letter in placed.clitic)
    return glued or (placed.start > 0 and doc[placed.start - 1].norm_ in _PREPOSITIONS)


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
            spans.append((i + 1, close))
            i = close + 1
            continue
        i += 1
    return spans


def _opens(text: str, i: int) -> bool:
    """A straight quote opens where a word follows it."""
    return i + 1 < len(text) and not text[i + 1].isspace()


def _unquote(text: str) -> str:
    return " ".join(text.translate({ord(c): " " for c in QUOTE_MARKS}).split())


def set_quotes(doc: Doc) -> Doc:
    """Fill `doc._.attributions` and `doc._.quotes`."""
    found = QuoteFinder()(doc)
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


@Language.factory("marsad_quotes", default_config={},
                  assigns=["doc._.quotes", "doc._.attributions"],
                  requires=["doc._.entities", "token.norm", "token.is_sent_start"])
def make_quote_finder(nlp: Language, name: str):
    """The spaCy factory of `set_quotes`."""
    return set_quotes
