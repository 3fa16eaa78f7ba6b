"""Source phrases for the quotes component: the source cue tables, unnamed sources as whole noun
phrases (مصادر في وزارة الخارجية، مصدر مطلع على …), sources named again (المصدر), and names the
entity stage left out (a surname's fuller form, a one-word name's neighbour)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from marsad.lexicon.quotes import QuoteLexicon
from marsad.nlp.basics import text_of, token_table
from marsad.nlp.phrases import Hit, QUOTE_MARKS
from marsad.record import Attribution, Quote
from marsad.text.words import words

@dataclass
class Source:
    attribution: Attribution
    tok_start: int
    tok_end: int
    # a later mention of an earlier source (المصدر after مصدر في التحالف): not listed again,
    # and what it says is the earlier source's
    same_as: Source | None = None

    @property
    def referent(self) -> Source:
        source = self
        while source.same_as is not None:
            source = source.same_as
        return source

@dataclass
class Pending:
    """A quote found, whose speaker is decided once every quote before it has one."""
    quote: Quote
    cue: Hit
    sentence: SpacySpan
    stop: int  # where the words begin (the speaker stands between the cue and here)
    noun: bool = False  # a noun phrase reported (أعلن مقتل …), kept only where someone says it
    named: bool = False  # kept only where the one who says it is known (an entity or a cited source)

@dataclass
class Found:
    sources: list[Source] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

def _prepositional(doc: Doc, placed, lexicon: QuoteLexicon) -> bool:
    """Whether a mention is the object of a preposition, written apart or glued (بالاتحاد)."""
    glued_prepositions = lexicon.glued_prepositions
    glued = any(letter in glued_prepositions for letter in placed.clitic)
    return glued or (placed.start > 0 and doc[placed.start - 1].norm_ in lexicon.prepositions)

def key_of(source: Source, lexicon: QuoteLexicon) -> str:
    """A source's words compared without article, clitics, quotation marks or spacing."""
    variants = lexicon.morphology.proclitic_variants
    return " ".join(variants(w)[-1] for w in words(source.attribution.text))

def _name_with_neighbour(doc: Doc, start: int, end: int, name: str, lexicon: QuoteLexicon,
                         common: frozenset[str]) -> str:
    """A one-word person name with the name word right before or after it that the entity stage
    left out (كارولين سيجوين، كريس وودز): a word that is neither `common`, nor has the article."""
    article, conjunctions, variants = lexicon.article, lexicon.conjunctions, lexicon.morphology.proclitic_variants

    def name_word(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_alpha and len(doc[i].norm_) > 2 and doc[i].norm_ not in common \
            and not any(v.startswith(article) for v in variants(doc[i].norm_)) \
            and not doc[i].norm_.startswith(conjunctions) and not doc[i].is_sent_start
    if name_word(start - 1):
        return f"{doc[start - 1].text} {name}"
    if name_word(end) and not doc[end - 1].is_sent_end:
        return f"{name} {doc[end].text}"
    return name

def _hit_prepositional(doc: Doc, hit: Hit, lexicon: QuoteLexicon) -> bool:
    """Whether a cue is the object of a preposition (في بيان، لبيان): a channel, not a speaker."""
    glued_prepositions = lexicon.glued_prepositions
    glued = any(letter in glued_prepositions for letter in text_of(doc)[doc[hit.start].idx:hit.char_start])
    return glued or (hit.start > 0 and doc[hit.start - 1].norm_ in lexicon.prepositions)

def _mention_kinds(doc: Doc, entities) -> dict[tuple[str, int], str]:
    """(entity id, first token) -> the mention's kind (name, demonym, metonym, role ...)."""
    kinds = {}
    table = token_table(doc)
    for entity in entities:
        for mention in entity.mentions:
            start, end = table.tokens_over(mention.start, mention.end)
            if start < end:
                kinds.setdefault((entity.id, start), mention.kind)
    return kinds

def _describes_earlier(doc: Doc, start: int, found: Found, lexicon: QuoteLexicon) -> bool:
    """A cue inside a relative clause about the source just named (المصدر الذي فضل عدم ذكر اسمه)."""
    if start < 1 or doc[start - 1].norm_ not in lexicon.clause_openers - lexicon.that:
        return False
    return any(source.tok_end == start - 1 for source in found.sources)

def _antecedent(doc: Doc, hit: Hit, found: Found, kind: str, lexicon: QuoteLexicon) -> Source | None:
    """The earlier source that a bare definite mention names again: المصدر after مصدر …،
    المصادر after مصادر …، المسؤول after مسؤول … (same word, same number)."""
    if hit.end - hit.start != 1:
        return None
    word, article, proclitic_variants = doc[hit.start].norm_, lexicon.article, lexicon.morphology.proclitic_variants
    variants = [v for v in proclitic_variants(word) if v.startswith(article)]
    if not variants:
        return None
    bare = variants[-1][len(article):]
    for source in reversed(found.sources):
        if source.tok_start >= hit.start or source.same_as is not None or source.attribution.kind != kind:
            continue
        first = proclitic_variants(doc[source.tok_start].norm_)
        if bare in first or article + bare in first:
            return source
    return None

def _bare(word: str, lexicon: QuoteLexicon) -> str:
    """A normalised word without its clitics and article (والمخلافي -> مخلافي)."""
    article, last = lexicon.article, lexicon.morphology.proclitic_variants(word)[-1]
    return last[len(article):] if last.startswith(article) and len(last) > 4 else last

def _fuller_name(doc: Doc, start: int, common: frozenset[str], lexicon: QuoteLexicon) -> str | None:
    """The name a bare word stood in before (إيري فليشر for فليشر): the word's first earlier
    occurrence with a name word before it."""
    word = doc[start].norm_
    before = (lexicon.article, *sorted(lexicon.classes["and"]))
    for i in range(1, start):
        if doc[i].norm_ == word and doc[i - 1].is_alpha and doc[i - 1].norm_ not in common \
                and not doc[i - 1].norm_.startswith(before):
            return f"{doc[i - 1].text} {doc[i].text}"
    return None

def _construct_end(doc: Doc, start: int, lexicon: QuoteLexicon) -> int | None:
    """The end of a body named by a construct phrase after a preposition (وزارة الخارجية،
    القوات المسلحة): a word without the article and one or two with it, or one with it."""
    if start >= len(doc) or not doc[start].is_alpha or doc[start].norm_ in lexicon.that:
        return None
    article = lexicon.article
    if doc[start].norm_.startswith(article):
        return start + 1
    end = start + 1
    while end < len(doc) and end - start < 3 and doc[end].is_alpha and doc[end].norm_.startswith(article):
        end += 1
    return end if end - start >= 2 else None

def _complement_end(doc: Doc, start: int, lexicon: QuoteLexicon) -> int:
    """The end of the phrase a linking word takes (مطلع على لقاءات المبعوث في بيروت): up to
    punctuation, a quotation mark, أن/إن, a clause opener or six words."""
    end = start
    openers, that = lexicon.clause_openers, lexicon.that
    while end < len(doc) and end - start < 6:
        token = doc[end]
        if not token.is_alpha or token.text in QUOTE_MARKS or token.norm_ in that or token.norm_ in openers:
            break
        end += 1
    return end

def _written_name(entity) -> str:
    """A person's fullest name as the text writes it (عبدربه منصور هادي), else the canonical one."""
    names = [m.text for m in entity.mentions if m.kind == "name"]
    return _unquote(max(names, key=lambda n: len(n.split()))) if names else entity.name

def _unquote(text: str) -> str:
    return " ".join(text.translate({ord(c): " " for c in QUOTE_MARKS}).split())
