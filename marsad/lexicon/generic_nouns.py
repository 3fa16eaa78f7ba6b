"""The generic actor nouns (civilians, protesters, gunmen, soldiers, aircraft ...) with every
written form of each, from `data/actors/generic_nouns.tsv`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.datafiles import DATA, read_rows
from marsad.lexicon.morphology import Morphology
from marsad.lexicon.tables import final_spellings
from marsad.text.normalize import words

NOUNS_PATH = DATA / "actors" / "generic_nouns.tsv"
# Codes the noun list uses beyond the record's sectors, and the record sector they stand for.
SECTOR_OF = {"COP": "GOV", "SPY": "GOV"}
# The kind of a word that names people only right after a count (مقتل ثلاثة وإصابة 14 آخرين): alone it
# is no actor (آخر "other" qualifies anything), so it is read only where a count stands before it.
COUNTED = "counted"


@dataclass(frozen=True)
class GenericNoun:
    singular: str
    sector: str
    kind: str      # person | victim | body | weapon
    name_en: str


class GenericNouns:
    """Every written form of the generic actor nouns, as normalised word tuples; and the words
    that name a group of people only after a count (`after_count`: the demonyms, 60 فلسطينيا),
    each with its noun and its country; and apart (`owned`), the single nouns with a possessive
    pronoun (قواته، عناصرها), which a word with the article or written with ة never is: read
    as noun + ه, العسكرية would be "his serviceman" and بلدة "his country". `with_ta` holds the
    normalised last words the list writes with ة only: written with ه, قتله is "killed him", not
    قتلة "killers"."""

    def __init__(self, forms: dict[tuple[str, ...], GenericNoun],
                 after_count: dict[str, tuple[GenericNoun, str | None]] | None = None,
                 owned: dict[tuple[str, ...], GenericNoun] | None = None,
                 with_ta: frozenset[str] = frozenset(), others: frozenset[str] = frozenset()):
        self.forms = forms
        self.longest = max((len(k) for k in forms), default=1)
        self.after_count = after_count or {}
        self.owned = owned or {}
        self.with_ta = with_ta
        # the nouns of people named by what was done to them (قتيل، جريح): never an act's doer
        self.victims = frozenset(noun.singular for noun in forms.values() if noun.kind == "victim")
        # the nouns of one person (جندي، القيادي): a nationality after one says whose the person is
        self.people = frozenset(noun.singular for noun in forms.values() if noun.kind in ("person", "victim"))
        # the words of the counted kind (14 آخرين): "others" of the group told just before them
        self.others = others

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]], function_words: frozenset[str] = frozenset(),
                  morphology: Morphology | None = None, countries: list[dict[str, str]] = ()) -> "GenericNouns":
        """Forms spelled like a function word once normalised (إمام and أمام) are left out. The
        forms with a possessive pronoun (قواته) and with the accusative tanwin alef (شخصا) are
        spelled by the Morphology (the shipped one unless given). The demonyms of `countries`
        (rows of countries.tsv) name a group of that country's people after a count."""
        morphology = Morphology.from_file() if morphology is None else morphology
        owner_suffixes, ta_marbuta, open_ta = morphology.owner_suffixes, morphology.ta_marbuta, morphology.open_ta
        # A final letter or ending that takes no accusative tanwin alef (شخصا، جنديا, but not
        # after ا or ء, nor after a sound plural ending).
        no_tanwin = morphology.no_tanwin_after + morphology.plural_endings
        forms: dict[tuple[str, ...], GenericNoun] = {}
        owned: dict[tuple[str, ...], GenericNoun] = {}
        last_words: list[str] = []  # the last word of each form, as written
        after_count: dict[str, tuple[GenericNoun, str | None]] = {}
        others = set()
        for row in rows:
            if row["kind"] == COUNTED:  # 14 آخرين: people only after a count, as the demonyms are
                noun = GenericNoun(row["singular"], "" if row["sector"] == "-" else row["sector"], "person", row["name_en"])
                after_count.update({form: (noun, None) for cell in (row["dual"], row["plural"])
                                    for form in (words(f)[0] for f in cell.split("|") if f != "-" and len(words(f)) == 1)})
                others.add(noun.singular)
                continue
            noun = GenericNoun(row["singular"], "" if row["sector"] == "-" else row["sector"], row["kind"], row["name_en"])
            for cell in (row["singular"], row["dual"], row["plural"]):
                for form in cell.split("|"):
                    key = tuple(words(form))
                    if not key or form == "-" or len(key) == 1 and key[0] in function_words:
                        continue
                    forms.setdefault(key, noun)
                    last_words.append(form.split()[-1])
                    if len(key) >= 2 and not any(word.startswith(morphology.article) for word in key):
                        # رجال الأمن، رجل الدين: the construct is made definite by its last word's article
                        forms.setdefault(key[:-1] + (morphology.article + key[-1],), noun)
                    if len(key) == 1:  # قواته، عناصرها: a body named by its owner's pronoun
                        base = key[0][:-1] + open_ta if ta_marbuta and key[0].endswith(ta_marbuta) else key[0]
                        for suffix in owner_suffixes:
                            owned.setdefault((base + suffix,), noun)
                    last = key[-1]
                    if not last.endswith(no_tanwin):
                        forms.setdefault(key[:-1] + (last + morphology.tanwin,), noun)
        for row in countries:
            after_count.update(_counted_demonyms(row, morphology))
        with_ta = frozenset(word for word, ta in final_spellings(last_words).items() if ta)
        # نائبه is نائب + ه where the list writes نائبة with ة: both readings stay, by spelling
        return cls(forms, after_count, {k: n for k, n in owned.items() if k not in forms or k[0] in with_ta},
                   with_ta, frozenset(others))

    @classmethod
    def load(cls, path: Path = NOUNS_PATH, function_words: frozenset[str] = frozenset(),
             morphology: Morphology | None = None) -> "GenericNouns":
        """The nouns of `path`, spelled by the Morphology of the data directory above it unless
        given one."""
        if morphology is None:
            clitics = path.parent.parent / "morphology" / "clitics.tsv"
            morphology = Morphology.from_file(clitics) if clitics.exists() else None
        countries = path.parent / "countries.tsv"
        return cls.from_rows(read_rows(path) if path.exists() else [], function_words, morphology,
                             read_rows(countries) if countries.exists() else [])


def _counted_demonyms(row: dict[str, str], morphology: Morphology) -> dict[str, tuple[GenericNoun, str]]:
    """The forms of a country's demonym that follow a count (100 فلسطيني، 60 فلسطينيا، ثلاثة
    فلسطينيين): those without the article, but the feminine singular; the first, masculine
    singular, also with the accusative tanwin alef."""
    forms = [key[0] for key in (words(cell) for cell in row.get("demonyms", "").split("|"))
             if len(key) == 1 and not key[0].startswith(morphology.article)
             and not (morphology.ta_marbuta and key[0].endswith(morphology.ta_marbuta))]
    if not forms:
        return {}
    noun = GenericNoun(forms[0], "", "person", f"{row.get('name_en') or row['country']} nationals")
    counted = {form: (noun, row["country"]) for form in forms}
    counted[forms[0] + morphology.tanwin] = (noun, row["country"])
    return counted
