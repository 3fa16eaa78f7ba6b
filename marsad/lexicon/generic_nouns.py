"""The generic actor nouns (civilians, protesters, gunmen, soldiers, aircraft ...) with every
written form of each, from `data/actors/generic_nouns.tsv`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.datafiles import DATA, read_rows
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
