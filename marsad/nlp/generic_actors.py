"""Generic actors: nouns for kinds of people and bodies (المتظاهرون، جنود إثيوبيين، 18 شخصا) as actor mentions.

They are no names, so the entity stage leaves them out; an event may still take one as its
source or target. A nationality adjective right after the noun gives its country
(الطائرات الإسرائيلية → Israel), a number or count word right before it its count.
"""
from __future__ import annotations

from spacy.tokens import Doc

from marsad.lexicon.generic_nouns import SECTOR_OF, GenericNoun, GenericNouns
from marsad.lexicon.morphology import Morphology
from marsad.nlp.basics import text_of
from marsad.nlp.mention_index import MentionIndex
from marsad.nlp.phrases import find_phrases, word_positions
from marsad.record import Entity, Mention


def generic_entities(doc: Doc, nouns: GenericNouns, entities: list[Entity], morphology: Morphology,
                     cardinals: frozenset[str] = frozenset()) -> list[Entity]:
    """One provisional entity per kind of actor and country named generically in the Doc
    (ids `g1`, `g2`, ...), with all its mentions; names the entity stage found win a word.
    The nouns' glued clitics are `morphology`'s (the stage's Lexicon's)."""
    index = MentionIndex(doc, entities)
    found: dict[tuple[str, str | None], Entity] = {}
    for hit in find_phrases(doc, nouns.forms, nouns.longest, word_positions(doc), article=True,
                            morphology=morphology):
        named = index.at(hit.start)
        if named is not None and named.entity.type != "GPE":
            continue  # part of a name (قوات سوريا الديمقراطية) or a collective already linked
        noun: GenericNoun = hit.payload
        end_token, end_char, country = hit.end, hit.char_end, None
        adjective = index.at(hit.end)
        if adjective is not None and adjective.start == hit.end and adjective.entity.type == "GPE" \
                and _is_demonym(adjective, doc):
            country = adjective.entity.country
            end_token, end_char = adjective.end, doc[adjective.end - 1].idx + len(doc[adjective.end - 1].text)
        start_char = hit.char_start
        if hit.start > 0 and _is_count(doc[hit.start - 1], cardinals):
            start_char = doc[hit.start - 1].idx  # 18 شخصا: the count belongs to the mention
        key = (noun.singular, country)
        entity = found.get(key)
        if entity is None:
            entity = found[key] = Entity(id=f"g{len(found) + 1}", type="ORG", name=noun.singular,
                                         name_en=noun.name_en, country=country,
                                         sector=SECTOR_OF.get(noun.sector, noun.sector))
        entity.mentions.append(Mention(start_char, end_char, text_of(doc)[start_char:end_char], "generic"))
    return list(found.values())


def _is_demonym(placed, doc: Doc) -> bool:
    for mention in placed.entity.mentions:
        if mention.kind == "demonym" and mention.start <= doc[placed.start].idx + len(doc[placed.start].text) \
                and mention.end >= doc[placed.start].idx:
            return True
    return False


def _is_count(token, cardinals: frozenset[str]) -> bool:
    return token.norm_.isdigit() or token.norm_ in cardinals
