"""Generic actors: nouns for kinds of people and bodies (المتظاهرون، جنود إثيوبيين، 18 شخصا) as actor mentions.

They are no names, so the entity stage leaves them out; an event may still take one as its
source or target. A nationality adjective right after the noun gives its country
(الطائرات الإسرائيلية → Israel), a number or count word right before it its count.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from spacy.tokens import Doc

from marsad.lexicon.generic_nouns import SECTOR_OF, GenericNoun, GenericNouns
from marsad.lexicon.morphology import Morphology
from marsad.nlp.basics import next_word, sentence_of, text_of, token_table
from marsad.nlp.mention_index import MentionIndex
from marsad.nlp.phrases import Hit, find_phrases, word_positions
from marsad.record import Entity, Mention
from marsad.text.normalize import ends_with_ta_marbuta, normalize


def generic_entities(doc: Doc, nouns: GenericNouns, entities: list[Entity], morphology: Morphology,
                     cardinals: frozenset[str] = frozenset(), counts: Mapping[str, int] | None = None,
                     title_links: frozenset[str] = frozenset(),
                     names_an_act: Callable[[str, str], bool] | None = None,
                     demonstratives: frozenset[str] = frozenset()) -> list[Entity]:
    """One provisional entity per kind of actor and country named generically in the Doc
    (ids `g1`, `g2`, ...), with all its mentions; names the entity stage found win a word.
    The nouns' glued clitics are `morphology`'s (the stage's Lexicon's); `counts` (the Lexicon's
    word counts) tell an adjective's form from a noun's; after one of `title_links` (باسم، لدى)
    a body's or country's name is where a person serves, part of the mention; `names_an_act` (the
    Lexicon's) tells a body's noun that names an act where it stands (القضاء على: eliminating);
    after one of `demonstratives` (هذه القوات) a noun is the latest actor told under it before."""
    index = MentionIndex(doc, entities)
    found: dict[tuple[str, str | None], Entity] = {}
    # a noun -> (token, actor) where it was told of an actor (قوات التحالف، القوات الإسرائيلية)
    told: dict[str, list[tuple[int, str]]] = {}

    def owned(singular: str, start: int, actor: str) -> None:
        told.setdefault(singular, []).append((start, actor))

    for hit in _noun_hits(doc, nouns, morphology):
        named = index.at(hit.start)
        if named is not None and named.entity.type != "GPE":
            head = nouns.forms.get(_bare_words(doc[hit.start].text, morphology))
            if head is not None and named.end > hit.start + 1:
                owned(head.singular, hit.start, named.entity.id)
            continue  # part of a name (قوات سوريا الديمقراطية) or a collective already linked
        if counts and _adjective_of_noun(doc, hit, morphology, counts):
            continue
        if _head_of_body(doc, hit, index, morphology):
            owned(hit.payload.singular, hit.start, index.at(hit.end).entity.id)
            continue  # زعماء الفصائل، عناصر حزب الله: the body named after them is the actor
        if names_an_act is not None and hit.end - hit.start == 1 and _act_named(doc, hit.start, names_an_act):
            continue  # القضاء على الإرهاب: putting an end to terrorism, no judiciary
        noun: GenericNoun = hit.payload
        end_token, end_char, country = hit.end, hit.char_end, None
        adjective = index.at(hit.end)
        if adjective is None or adjective.start != hit.end:
            adjective = _adjective_past_nouns(doc, hit, index, morphology, counts or {})
        if adjective is not None and adjective.start >= hit.end and adjective.entity.type == "GPE" \
                and _is_demonym(adjective, doc):
            country = adjective.entity.country
            end_token, end_char = adjective.end, doc[adjective.end - 1].idx + len(doc[adjective.end - 1].text)
        host = _host_of_person(doc, end_token, index, title_links) if noun.kind == "person" else None
        if host is not None:  # متحدث باسم سفارة الإمارات: the body is where the person serves
            end_token, end_char = host.end, doc[host.end - 1].idx + len(doc[host.end - 1].text)
        definite = any(form.startswith(morphology.article) for form in morphology.proclitic_variants(doc[hit.start].norm_))
        while host is None and _relative_adjective(doc, end_token, definite, index, morphology):
            end_token += 1  # دول غربية، القوات الأمنية: the noun with its adjective, as the guidelines mark it
            end_char = doc[end_token - 1].idx + len(doc[end_token - 1].text)
        start_char = hit.char_start
        if hit.start > 0 and _count_word(doc[hit.start - 1].norm_, cardinals):
            start_char = doc[hit.start - 1].idx  # 18 شخصا: the count belongs to the mention
        generic = _entity_of(found, noun, country)
        generic.mentions.append(Mention(start_char, end_char, text_of(doc)[start_char:end_char], "generic"))
        if country is not None:
            owned(noun.singular, hit.start, generic.id)
    taken = {m.start for e in found.values() for m in e.mentions}
    for start, end, noun, country in _counted_groups(doc, nouns, cardinals, morphology):
        if start not in taken:
            mention = Mention(start, end, text_of(doc)[start:end], "generic")
            group = _group_of_others(doc, found, nouns, start, cardinals) if noun.singular in nouns.others else None
            (group or _entity_of(found, noun, country)).mentions.append(mention)
    # the bare definite noun (القوات) of a text that told of one actor's forces (قوات التحالف) is
    # theirs: definite reference back (events_ant2018 held out +1 event with both actors right);
    # with two actors' forces told (قوات التحالف وقوات الحكومة) it stays unresolved
    for (singular, country), generic in found.items():
        owners = {actor for _, actor in told.get(singular, ())}
        if country is None and len(owners) == 1 and generic.id not in owners \
                and all(_bare_definite(m.text, morphology) for m in generic.mentions):
            generic.id = next(iter(owners))
    pointed = _pointed_back(doc, found, told, demonstratives, morphology)
    return [generic for generic in found.values() if generic.mentions] + pointed


def _pointed_back(doc: Doc, found: dict[tuple[str, str | None], Entity], told: dict[str, list[tuple[int, str]]],
                  demonstratives: frozenset[str], morphology: Morphology) -> list[Entity]:
    """The mentions of a generic noun without its country right after a demonstrative (هذه القوات،
    هذه الميليشيات), each taken from its entity into one of the id of the latest actor told under
    that noun before it (قوات سوريا الديمقراطية … هذه القوات): a demonstrative points back, even
    where several actors' forces were told."""
    table = token_table(doc)
    pointed = []
    for (singular, country), generic in found.items():
        if country is not None or not told.get(singular):
            continue
        kept = []
        for mention in generic.mentions:
            start = table.tokens_over(mention.start, mention.end)[0]
            before = next((actor for at, actor in reversed(told[singular]) if at < start and actor != generic.id), None)
            if before is not None and start > 0 \
                    and not demonstratives.isdisjoint(morphology.proclitic_variants(doc[start - 1].norm_)):
                pointed.append(replace(generic, id=before, mentions=[mention]))
            else:
                kept.append(mention)
        generic.mentions = kept
    return pointed


# The fewest letters of a relative adjective less its article (غربي، عربية; not الذي، التي).
ADJECTIVE_MIN_LETTERS = 4


def _relative_adjective(doc: Doc, i: int, definite: bool, index: MentionIndex, morphology: Morphology) -> bool:
    """Whether token i is a relative adjective (غربية، الأمنية، عسكريين) as definite as the noun before
    it, no mention of its own and with no conjunction glued (وعربية opens another item)."""
    if i >= len(doc) or not doc[i].is_alpha or index.at(i) is not None or not morphology.nisba:
        return False
    word = doc[i].norm_
    if word.startswith(morphology.article) != definite or morphology.starts_with_conjunction(word):
        return False
    bare = word[len(morphology.article):] if definite else word
    return len(bare) >= ADJECTIVE_MIN_LETTERS and bare.endswith(
        morphology.nisba_endings + ((morphology.nisba + morphology.tanwin,) if morphology.tanwin else ()))


def _bare_definite(text: str, morphology: Morphology) -> bool:
    """Whether a mention is one word with the article (القوات، وللقوات)."""
    words = normalize(text).split()
    return len(words) == 1 and morphology.strip(words[0])[0].endswith(morphology.article)


# How far (in characters) "others" (وإصابة 14 آخرين) may stand from the group they are others of.
OTHERS_REACH = 60


def _group_of_others(doc: Doc, found: dict[tuple[str, str | None], Entity], nouns: GenericNouns,
                     start: int, cardinals: frozenset[str]) -> Entity | None:
    """The counted generic group that counted "others" belong to: the nearest one before them in
    their sentence (مقتل ثلاثة جنود وإصابة أربعة آخرين: four more soldiers), or None. Not a group
    without its count (فجر انتحاري نفسه وأصيب 14 آخرون: the others are no more bombers)."""
    sentence_start = sentence_of(doc, token_table(doc).tokens_over(start, start + 1)[0]).start_char
    nearest = max(((m.end, e) for e in found.values() if e.name not in nouns.others for m in e.mentions
                   if sentence_start <= m.start and m.end <= start and start - m.end <= OTHERS_REACH
                   and _counted_text(m.text, cardinals)),
                  key=lambda pair: pair[0], default=None)
    return nearest[1] if nearest is not None else None


# A relative adjective is written in the feminine at least this share of the times it is written
# in the masculine (المدنية 258 against المدني 409); a noun of persons far less (الصحفية 37 against
# الصحفي 564: "journalist"; الجندي 47, الجندية never).
ADJECTIVE_FEMININE_SHARE = 0.25


def _adjective_of_noun(doc: Doc, hit: Hit, morphology: Morphology, counts: Mapping[str, int]) -> bool:
    """Whether a one-word noun in the singular relative-adjective form with the article, one the
    corpus writes in the feminine often enough (المدني: المدنية; العسكري: العسكرية; not الجندي, الصحفي),
    comes right after a definite word: it describes that word (الدفاع المدني، المجتمع المدني، المتحدث
    العسكري). A noun's form (الجندي) may be the object after a definite subject (استهدف القصف الجندي)."""
    if hit.end - hit.start != 1 or hit.start == 0 or not morphology.nisba or not morphology.ta_marbuta:
        return False
    article, before = morphology.article, doc[hit.start - 1]
    # a glued conjunction and preposition aside (بالدعم السياسي والعسكري)
    word = next((v for v in morphology.proclitic_variants(doc[hit.start].norm_)[:2] if v.startswith(article)), "")
    return word.endswith(morphology.nisba) \
        and counts.get(word + morphology.ta_marbuta, 0) >= max(1, ADJECTIVE_FEMININE_SHARE * counts.get(word, 0)) \
        and before.is_alpha and any(v.startswith(article) for v in morphology.proclitic_variants(before.norm_)) \
        and before.idx + len(before.text) < doc[hit.start].idx


def _head_of_body(doc: Doc, hit: Hit, index: MentionIndex, morphology: Morphology) -> bool:
    """Whether a one-word noun without the article is annexed to the body named right after it
    (قادة حماس، مقاتلو المعارضة): its people act as that body."""
    if hit.end - hit.start != 1 or any(form.startswith(morphology.article)
                                       for form in morphology.proclitic_variants(doc[hit.start].norm_)):
        return False
    body = index.at(hit.end)
    return body is not None and body.start == hit.end and body.entity.type == "ORG"


# The most nouns between a generic noun without the article and the nationality adjective that
# closes its phrase (شركة استيراد وتصدير يمنية).
PHRASE_NOUNS = 2
# A word is a noun where the corpus writes it with the article at least this often, and this share
# of the times it writes it bare: a verb never takes it (قتلوا), a preposition hardly (في 89,212, ألفي
# "two thousand" normalised alike, 59), a noun of the phrase does (تصدير 88, التصدير 7).
NOUN_WITH_ARTICLE_COUNT = 5
NOUN_WITH_ARTICLE_SHARE = 0.05


def _adjective_past_nouns(doc: Doc, hit: Hit, index: MentionIndex, morphology: Morphology,
                          counts: Mapping[str, int]):
    """The nationality adjective without the article that ends an indefinite generic noun's
    phrase after a few nouns (شركة استيراد وتصدير يمنية: a Yemeni company, not Yemen beside it)."""
    article = morphology.article
    if any(form.startswith(article) for form in morphology.proclitic_variants(doc[hit.start].norm_)):
        return None
    for i in range(hit.end, min(len(doc), hit.end + PHRASE_NOUNS + 1)):
        placed = index.at(i)
        if placed is not None:
            return placed if placed.start == i and i > hit.end and not doc[i].norm_.startswith(article) else None
        token = doc[i]
        # a conjunction may join the phrase's nouns (استيراد وتصدير); a glued preposition opens
        # another phrase (ثلاثة أطفال بقصف إسرائيلي: the shelling is Israeli, not the children)
        forms = [form for form in morphology.proclitic_variants(token.norm_)
                 if form == token.norm_ or morphology.starts_with_conjunction(token.norm_) and form == token.norm_[1:]]
        if not token.is_alpha or not any(
                counts.get(article + form, 0) >= max(NOUN_WITH_ARTICLE_COUNT, NOUN_WITH_ARTICLE_SHARE * counts.get(form, 0))
                for form in forms):
            return None
    return None


def _host_of_person(doc: Doc, end: int, index: MentionIndex, links: frozenset[str]):
    """The body or country named right after a linking word that follows a noun of a person
    (متحدث باسم سفارة الإمارات، مندوب لدى الأمم المتحدة), or None."""
    if end >= len(doc) or doc[end].norm_ not in links:
        return None
    host = index.at(end + 1)
    if host is None or host.start != end + 1 or host.clitic or host.entity.type not in ("ORG", "GPE", "FAC"):
        return None
    return host


def _noun_hits(doc: Doc, nouns: GenericNouns, morphology: Morphology) -> list[Hit]:
    """The generic nouns of the Doc in text order: the listed forms (the article allowed) whose
    last word is written with ة where the list writes it so (قتلة، not قتله), and a noun with a
    possessive pronoun where no listed form covers the word and it does not end in ة (بلدة is
    a town, not بلد + ه)."""
    positions = word_positions(doc)
    text = text_of(doc)
    article = morphology.article
    hits = []
    for hit in find_phrases(doc, nouns.forms, nouns.longest, positions, article=True, morphology=morphology):
        last = text[hit.char_start:hit.char_end].split()[-1]
        bare = normalize(last)
        bare = bare[len(article):] if bare.startswith(article) and bare[len(article):] in nouns.with_ta else bare
        if bare not in nouns.with_ta or ends_with_ta_marbuta(last):
            hits.append(hit)
    covered = {i for hit in hits for i in range(hit.start, hit.end)}
    # read as the listed forms are (the Doc's first-word forms are built once for both), then
    # the article taken away again: a possessive never follows it
    for hit in find_phrases(doc, nouns.owned, 1, positions, article=True, morphology=morphology):
        written = text[hit.char_start:hit.char_end]
        if hit.start not in covered and not ends_with_ta_marbuta(written) and not normalize(written).startswith(article):
            hits.append(hit)
    return sorted(hits, key=lambda hit: hit.start)


def _entity_of(found: dict[tuple[str, str | None], Entity], noun: GenericNoun, country: str | None) -> Entity:
    """The provisional entity of a kind of actor and country, made on its first mention."""
    key = (noun.singular, country)
    if key not in found:
        found[key] = Entity(id=f"g{len(found) + 1}", type="ORG", name=noun.singular, name_en=noun.name_en,
                            country=country, sector=SECTOR_OF.get(noun.sector, noun.sector) or None)
    return found[key]


def _counted_groups(doc: Doc, nouns: GenericNouns, cardinals: frozenset[str], morphology: Morphology):
    """(start, end, noun, country) of each count followed by a word that names people only after
    one (60 فلسطينيا، ثلاثة فلسطينيين): the victims and crowds news counts. A count inside a date
    (في أكتوبر 2017 روسيا) counts nothing."""
    if not nouns.after_count:
        return
    dated = [(d.start, d.end) for d in doc._.dates or []]
    norms = token_table(doc).norm
    for i in range(len(doc) - 1):
        found = nouns.after_count.get(norms[i + 1])
        if found is None:
            continue
        token, following = doc[i], doc[i + 1]
        if any(a <= token.idx < b for a, b in dated):
            continue
        # the count without a glued conjunction (وثلاثة فلسطينيين): its own letters start the mention
        count = next((form for form in reversed(morphology.proclitic_variants(token.norm_)[:2])
                      if _count_word(form, cardinals)), None)
        if count is not None:
            yield token.idx + len(token.norm_) - len(count), following.idx + len(following.text), found[0], found[1]


def _act_named(doc: Doc, i: int, names_an_act: Callable[[str, str], bool]) -> bool:
    """Whether the one-word noun at token i names an act here, by the word after it."""
    following = next_word(doc, i + 1, 1)
    return following < len(doc) and names_an_act(doc[i].norm_, doc[following].norm_)


def _is_demonym(placed, doc: Doc) -> bool:
    for mention in placed.entity.mentions:
        if mention.kind == "demonym" and mention.start <= doc[placed.start].idx + len(doc[placed.start].text) \
                and mention.end >= doc[placed.start].idx:
            return True
    return False


def _counted_text(text: str, cardinals: frozenset[str]) -> bool:
    """Whether a mention's text begins with its count (18 شخصا، ثلاثة جنود)."""
    first = text.split(maxsplit=1)[:1]
    return bool(first) and _count_word(normalize(first[0]), cardinals)


def _count_word(word: str, cardinals: frozenset[str]) -> bool:
    """Whether a normalised word is a number, in digits or in words."""
    return word.isdigit() or word in cardinals


def join_known_actors(generics: list[Entity], entities: list[Entity], nouns: GenericNouns,
                      morphology: Morphology) -> None:
    """Gives a generic actor that stands for an entity already found that entity's id, so that an
    event of it is that entity's (one group, one entity, as an analyst counts them):
    - a collective the entity stage found under a noun of the same kind (مقتل متظاهر beside
      المحتجون: protesters; التحالف): the one entity of that kind, of the generic's country or any;
    - a body's people or forces named by the body (قوات التحالف: the coalition);
    - a kind without its country (أربعة جنود) told beside the one group of that kind with a
      country (جنود إماراتيين): the same soldiers;
    - a vehicle or weapon with its country (طائرات إسرائيلية، مقاتلة سورية), which names no group of
      people of its own: its operator, that country's one military body the entity stage found
      (الجيش الإسرائيلي), else the country itself.
    The generic keeps its own mentions (their kind says how events read them); only its id
    changes, and `_adopt_generics` adds the mentions to the entity."""
    kinds: dict[str, set[str]] = {}  # a kind of actor (its English gloss) -> the entities found under it
    texts: dict[tuple[str, ...], set[str]] = {}  # a mention's words -> the entities named by them
    # a country's forces, soldiers or envoy (قواتها، جنود إماراتيين، الممثل البريطاني) are not the country
    for entity in (e for e in entities if e.type != "GPE"):
        for mention in entity.mentions:
            words = _bare_words(mention.text, morphology)
            texts.setdefault(words, set()).add(entity.id)
            noun = nouns.forms.get(words) if mention.kind == "collective" else None
            if noun is not None:
                kinds.setdefault(_kind_of(noun.name_en), set()).add(entity.id)
    countries = {e.id: e.country for e in entities}
    for generic in generics:
        if generic.name in nouns.others:
            continue
        found = {e for e in kinds.get(_kind_of(generic.name_en or ""), ())
                 if generic.country is None or countries[e] in (None, generic.country)}
        for mention in generic.mentions:
            _, _, annexed = mention.text.partition(" ")
            if annexed:
                found |= texts.get(_bare_words(annexed, morphology), set())
        if len(found) == 1:
            generic.id = next(iter(found))
    for generic in generics:
        noun = nouns.forms.get(tuple(normalize(generic.name).split()))
        if noun is not None and noun.kind == "weapon" and generic.country is not None and generic.id not in countries:
            owner = _forces_of(entities, generic.country)
            if owner is not None:
                generic.id = owner.id
    joined = {g.id for g in generics} & set(countries)
    for generic in generics:
        if generic.country is None and generic.id not in joined:
            same = {g.id for g in generics if g.name == generic.name and g.country is not None}
            if len(same) == 1:
                generic.id = next(iter(same))


def _forces_of(entities: list[Entity], country: str) -> Entity | None:
    """The one military body of a country among the entities (الجيش الإسرائيلي), else (none or
    several) the country itself; None where neither is one."""
    forces = [e for e in entities if e.country == country and e.type == "ORG" and e.sector == "MIL"]
    states = [e for e in entities if e.country == country and e.type == "GPE" and e.kb]
    return forces[0] if len(forces) == 1 else states[0] if len(states) == 1 else None


def _kind_of(gloss: str) -> str:
    """A kind of actor by its first English gloss (متظاهر "protester, demonstrator" and محتج
    "protester" are one kind)."""
    return gloss.split(",")[0].strip()


def _bare_words(text: str, morphology: Morphology) -> tuple[str, ...]:
    """A mention's normalised words, the first without its glued clitics and article."""
    words = normalize(text).split()
    if words:
        words[0] = morphology.strip(words[0])[1]
    return tuple(words)
