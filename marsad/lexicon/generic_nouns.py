"""The generic actor nouns (civilians, protesters, gunmen, soldiers, aircraft ...) with every
written form of each, from `data/actors/generic_nouns.tsv`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.datafiles import DATA, read_rows
from marsad.lexicon.morphology import Morphology
from marsad.text.normalize import words

NOUNS_PATH = DATA / "actors" / "generic_nouns.tsv"
# Codes the noun list uses beyond the record's sectors, and the record sector they stand for.
SECTOR_OF = {"COP": "GOV", "SPY": "GOV"}


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
    def from_rows(cls, rows: list[dict[str, str]], function_words: frozenset[str] = frozenset(),
                  morphology: Morphology | None = None) -> "GenericNouns":
        """Forms spelled like a function word once normalised (إمام and أمام) are left out. The
        forms with a possessive pronoun (قواته) and with the accusative tanwin alef (شخصا) are
        spelled by the Morphology (the shipped one unless given)."""
        morphology = Morphology.from_file() if morphology is None else morphology
        owner_suffixes, ta_marbuta, open_ta = morphology.owner_suffixes, morphology.ta_marbuta, morphology.open_ta
        # A final letter or ending that takes no accusative tanwin alef (شخصا، جنديا, but not
        # after ا or ء, nor after a sound plural ending).
        no_tanwin = morphology.no_tanwin_after + morphology.plural_endings
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
                        base = key[0][:-1] + open_ta if ta_marbuta and key[0].endswith(ta_marbuta) else key[0]
                        for suffix in owner_suffixes:
                            forms.setdefault((base + suffix,), noun)
                    last = key[-1]
                    if not last.endswith(no_tanwin):
                        forms.setdefault(key[:-1] + (last + morphology.tanwin,), noun)
        return cls(forms)

    @classmethod
    def load(cls, path: Path = NOUNS_PATH, function_words: frozenset[str] = frozenset(),
             morphology: Morphology | None = None) -> "GenericNouns":
        """The nouns of `path`, spelled by the Morphology of the data directory above it unless
        given one."""
        if morphology is None:
            clitics = path.parent.parent / "morphology" / "clitics.tsv"
            morphology = Morphology.from_file(clitics) if clitics.exists() else None
        return cls.from_rows(read_rows(path) if path.exists() else [], function_words, morphology)
