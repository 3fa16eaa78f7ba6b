"""Generic actors: nouns for kinds of people and bodies (المتظاهرون، جنود إثيوبيين، 18 شخصا) as actor mentions.

They are no names, so the entity stage leaves them out; an event may still take one as its
source or target. A nationality adjective right after the noun gives its country
(الطائرات الإسرائيلية → Israel), a number or count word right before it its count.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from marsad.datafiles import DATA, read_rows
from marsad.nlp.basics import text_of
from marsad.nlp.mention_index import MentionIndex
from marsad.nlp.phrases import find_phrases, word_positions
from marsad.record import Entity, Mention
from marsad.text.words import words

NOUNS_PATH = DATA / "actors" / "generic_nouns.tsv"
# Codes the noun list uses beyond the record's sectors, and the record sector they stand for.
SECTOR_OF = {"COP": "GOV", "SPY": "GOV"}
# Attached possessive pronouns (normalised): قواته، عناصرها، مقاتليهم.
_OWNER_SUFFIXES = ("ه", "ها", "هم")
# A final letter that takes the accusative tanwin alef (شخصا، جنديا): not ة ى ا ء.
_NO_TANWIN_ALEF = tuple("ةىاءئ")


@dataclass(frozen=True)
class GenericNoun:
    singular: str
    sector: str
    kind: str      # person | body | weapon
    name_en: str


class GenericNouns:
    """Every written form of the generic actor nouns, as normalised word tuples."""

    def __init__(self, forms: dict[tuple[str, ...], GenericNoun]):
        self.forms = forms
        self.longest = max((len(k) for k in forms), default=1)

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]], function_words: frozenset[str] = frozenset()) -> "GenericNouns":
        """Forms spelled like a function word once normalised (إمام and أمام) are left out."""
        forms: dict[tuple[str, ...], GenericNoun] = {}
        for row in rows:
            noun = GenericNoun(row["singular"], row["sector"], row["kind"], row["name_en"])
            for cell in (row["singular"], row["dual"], row["plural"]):
                for form in cell.split("|"):
                    key = tuple(words(form))
                    if not key or form == "-" or len(key) == 1 and key[0] in function_words:
                        continue
                    forms.setdefault(key, noun)
                    if len(key) == 1:  # قواته، عناصرها: a body named by its owner's pronoun
                        base = key[0][:-1] + "ت" if key[0].endswith("ه") else key[0]
                        for suffix in _OWNER_SUFFIXES:
                            forms.setdefault((base + suffix,), noun)
                    last = key[-1]
                    if not last.endswith(_NO_TANWIN_ALEF) and not last.endswith(("ون", "ين", "ات")):
                        forms.setdefault(key[:-1] + (last + "ا",), noun)
        return cls(forms)

    @classmethod
    def load(cls, path: Path = NOUNS_PATH, function_words: frozenset[str] = frozenset()) -> "GenericNouns":
        return cls.from_rows(read_rows(path) if path.exists() else [], function_words)


def generic_entities(doc: Doc, nouns: GenericNouns, entities: list[Entity],
                     cardinals: frozenset[str] = frozenset()) -> list[Entity]:
    """One provisional entity per kind of actor and country named generically in the Doc
    (ids `g1`, `g2`, ...), with all its mentions; names the entity stage found win a word."""
    index = MentionIndex(doc, entities)
    found: dict[tuple[str, str | None], Entity] = {}
    for hit in find_phrases(doc, nouns.forms, nouns.longest, word_positions(doc), article=True):
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
