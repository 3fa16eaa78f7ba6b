"""Date vocabulary: the TSV files under marsad/data/dates, and the folded text they match."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from marsad.datafiles import DATA, numbered_rows
from marsad.errors import DataFileError as DateVocabularyError
from marsad.lexicon.morphology import Morphology
from marsad.text.normalize import Normalized, fold_char, normalize, normalize_with_offsets

DATA_DIR = DATA / "dates"

# File name -> number of tab-separated columns in each row.
TABLES = {
    "months.tsv": 3,
    "hijri_months.tsv": 2,
    "weekdays.tsv": 3,
    "relative.tsv": 4,
    "numbers.tsv": 3,
    "function_words.tsv": 3,
}
MONTH_FAMILIES = {"syriac", "western", "maghreb"}
RELATIVE_KINDS = {"day", "daypart", "unit", "period", "direction", "this", "ago", "approx",
                  "part", "cue", "year_cue", "era", "block_before", "block_after"}
FUNCTION_ROLES = ("day_noun", "month_noun", "of", "and", "teen", "one", "tomorrow", "today",
                  "not_proclitic")


# eq=False: a vocabulary is hashed by identity, so that the patterns compiled from it are cached
# per vocabulary (marsad.text.dates).
@dataclass(frozen=True, eq=False)
class DateVocabulary:
    """Every date word, keyed by its normalised form, and the Morphology of the same data."""
    months: dict[str, int]
    hijri_months: dict[str, int]
    weekdays: dict[str, tuple[int, bool]]        # form -> (ISO weekday, needs يوم before it)
    relative: dict[str, dict[str, tuple[str, str]]]  # kind -> form -> (unit, value)
    cardinals: dict[str, int]
    ordinals: dict[str, int]
    # (neighbouring word, date word) pairs that are not dates, from block_before/block_after rows
    blocked_before: frozenset[tuple[str, str]]
    blocked_after: frozenset[tuple[str, str]]
    words: dict[str, tuple[str, ...]]            # role of function_words.tsv -> forms
    morphology: Morphology

    @cached_property
    def free_weekdays(self) -> frozenset[str]:
        """The weekdays written without يوم before them (الثلاثاء, not ثلاثاء), which name the day alone."""
        return frozenset(form for form, (_, needs_yawm) in self.weekdays.items() if not needs_yawm)

    @classmethod
    def load(cls, folder: Path, morphology: Morphology | None = None) -> DateVocabulary:
        """The date files of `folder` (laid out as marsad/data/dates), with `morphology` or else
        the Morphology of the data directory above it. The shipped vocabulary is read once, by
        the Lexicon (`load_lexicon().dates`)."""
        if morphology is None:
            morphology = Morphology.from_file(folder.parent / "morphology" / "clitics.tsv")
        return read_date_vocabulary(folder, morphology)


def read_table(name: str, folder: Path | None = None) -> list[list[str]]:
    """The rows of one data file, comments and blank lines skipped, column count checked."""
    path = (DATA_DIR if folder is None else folder) / name
    width = TABLES[name]
    rows = []
    for number, cells in numbered_rows(path):
        if len(cells) != width or not all(c.strip() for c in cells):
            raise DateVocabularyError(f"{path}:{number}", f"expected {width} non-empty columns, got {cells!r}")
        rows.append([c.strip() for c in cells])
    return rows


def _month_number(cell: str, where: str) -> int:
    if not cell.isdigit() or not 1 <= int(cell) <= 12:
        raise DateVocabularyError(where, f"month must be 1-12, got {cell!r}")
    return int(cell)


def read_date_vocabulary(folder: Path, morphology: Morphology) -> DateVocabulary:
    """Read and check every date data file of `folder`."""
    months = {}
    for form, month, family in read_table("months.tsv", folder):
        if family not in MONTH_FAMILIES:
            raise DateVocabularyError("months.tsv", f"unknown family {family!r} for {form}")
        months[normalize(form)] = _month_number(month, f"months.tsv {form}")
    hijri = {normalize(form): _month_number(month, f"hijri_months.tsv {form}")
             for form, month in read_table("hijri_months.tsv", folder)}
    weekdays = {}
    for form, iso, needs_yawm in read_table("weekdays.tsv", folder):
        if iso not in "1234567" or len(iso) != 1 or needs_yawm not in ("0", "1"):
            raise DateVocabularyError("weekdays.tsv", f"bad row for {form}")
        weekdays[normalize(form)] = (int(iso), needs_yawm == "1")
    relative: dict[str, dict[str, tuple[str, str]]] = {kind: {} for kind in RELATIVE_KINDS}
    blocks: dict[str, set[tuple[str, str]]] = {"block_before": set(), "block_after": set()}
    for kind, form, unit, value in read_table("relative.tsv", folder):
        if kind not in RELATIVE_KINDS:
            raise DateVocabularyError("relative.tsv", f"unknown kind {kind!r} for {form}")
        if kind in blocks:
            blocks[kind].add((normalize(form), normalize(unit)))
        else:
            relative[kind][normalize(form)] = (normalize(unit), value)
    cardinals, ordinals = {}, {}
    for form, value, kind in read_table("numbers.tsv", folder):
        if not value.isdigit() or kind not in ("cardinal", "ordinal"):
            raise DateVocabularyError("numbers.tsv", f"bad row for {form}")
        (cardinals if kind == "cardinal" else ordinals)[normalize(form)] = int(value)
    words: dict[str, list[str]] = {role: [] for role in FUNCTION_ROLES}
    for form, role, _ in read_table("function_words.tsv", folder):
        if role not in words:
            raise DateVocabularyError("function_words.tsv", f"unknown role {role!r} for {form}")
        words[role].append(normalize(form))
    if any(not forms for forms in words.values()):
        raise DateVocabularyError("function_words.tsv", f"expected a form of every role in {FUNCTION_ROLES}")
    return DateVocabulary(months, hijri, weekdays, relative, cardinals, ordinals,
                          frozenset(blocks["block_before"]), frozenset(blocks["block_after"]),
                          {role: tuple(forms) for role, forms in words.items()}, morphology)


def alternation(forms) -> str:
    """A regex alternation of normalised forms, longest first, any run of spaces between words."""
    ordered = sorted(set(forms), key=len, reverse=True)
    return "|".join(r"[^\S\n]+".join(re.escape(w) for w in form.split()) for form in ordered)


def lookup_key(matched: str) -> str:
    """The dictionary key of a matched form: its words joined by single spaces."""
    return " ".join(matched.split())


@dataclass(frozen=True)
class FoldedText:
    """The matching form of a text and where its dropped characters were, for mapping back."""
    text: str
    dropped: tuple[int, ...]   # original indices of removed characters, ascending

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        return self._original(start), self._original(end - 1) + 1

    def _original(self, index: int) -> int:
        for position in self.dropped:
            if position > index:
                break
            index += 1
        return index


# A pure function of fold_char (no data file), worked out once: it scans the whole BMP.
@lru_cache(maxsize=1)
def _folding() -> tuple[re.Pattern[str], tuple[tuple[str, str], ...]] | None:
    """fold_char as one regex of dropped characters and (from, to) letter pairs, or None."""
    dropped, table = [], []
    for code in range(0x10000):
        ch = chr(code)
        folded = fold_char(ch)
        if folded == "":
            dropped.append(re.escape(ch))
        elif folded != ch:
            if len(folded) != 1:
                return None  # a fold that changes length needs the general path
            table.append((ch, folded))
    return re.compile("[" + "".join(dropped) + "]"), tuple(table)


def fold_text(text: str) -> FoldedText | Normalized:
    """The same result as normalize_with_offsets, without a Python loop over every character.

    normalize_with_offsets is the reference (a test holds the two equal); it cost half of
    this layer's time, and dates are one of several stages sharing the throughput budget.
    """
    folding = _folding()
    if folding is None:
        return normalize_with_offsets(text)
    dropped_re, table = folding
    dropped = tuple(m.start() for m in dropped_re.finditer(text))
    folded = dropped_re.sub("", text) if dropped else text
    # One C-speed replace per letter present beats str.translate's per-character dict lookup.
    for letter, replacement in table:
        if letter in folded:
            folded = folded.replace(letter, replacement)
    return FoldedText(folded, dropped)
