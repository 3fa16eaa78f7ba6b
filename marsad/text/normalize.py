"""Arabic normalisation for matching, keeping a map back to the original offsets."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Harakat, tanwin, shadda, sukun, superscript alef and Quranic marks carry no identity for matching.
_DIACRITICS = set(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670"} | set(
    chr(c) for c in range(0x06D6, 0x06EE)
)
TATWEEL = "\u0640"
# Direction marks and zero-width characters: invisible, and they break token matching.
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
             "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\ufeff"}
_DROP = _DIACRITICS | INVISIBLE | {TATWEEL}

TA_MARBUTA = "ة"
ALEF_MAQSURA = "ى"
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    ALEF_MAQSURA: "ي", "ی": "ي", "ئ": "ي",
    "ؤ": "و",
    TA_MARBUTA: "ه",
    "ک": "ك", "ڪ": "ك",
    "ہ": "ه", "ە": "ه",
}
# Arabic-Indic (U+0660..) and Persian (U+06F0..) digits become ASCII digits.
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)
    _FOLD[chr(0x06F0 + _i)] = str(_i)


@dataclass(frozen=True)
class Normalized:
    """A normalised string and, for each of its characters, the index it came from."""
    text: str
    origin: tuple[int, ...]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original text."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self._end
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    @property
    def _end(self) -> int:
        return self.origin[-1] + 1 if self.origin else 0


def last_letter(written: str) -> str:
    """A word's last letter as written, marks and tatweel after it aside ('' for none)."""
    letters = [ch for ch in written if ch not in _DROP]
    return letters[-1] if letters else ""


def ends_with_ta_marbuta(written: str) -> bool:
    """Whether a word as written ends in ة: normalised, ة and ه are one letter, but a glued
    pronoun ه is never written ة."""
    return last_letter(written) == TA_MARBUTA


def fold_char(ch: str) -> str:
    """The matching form of one character ('' when it is dropped)."""
    if ch in _DROP:
        return ""
    return _FOLD.get(ch, ch)


# A run of combining marks longer than this is put in canonical order before NFC (below).
_LONG_MARK_RUN = 16


# Built from the Unicode database alone (no data file, nothing a Lexicon could hand over), once.
@lru_cache(maxsize=1)
def _long_mark_run() -> re.Pattern[str]:
    """A letter and more than _LONG_MARK_RUN combining marks (characters of non-zero combining
    class, every script), built from the Unicode database on first need."""
    ranges, start = [], None
    for code in range(0x300, 0x110000):
        mark = unicodedata.combining(chr(code)) != 0
        if mark and start is None:
            start = code
        elif not mark and start is not None:
            ranges.append(f"\\U{start:08x}-\\U{code - 1:08x}")
            start = None
    return re.compile(rf"[^\W\d_]?[{''.join(ranges)}]{{{_LONG_MARK_RUN + 1},}}")


def nfc(text: str) -> str:
    """`unicodedata.normalize("NFC", text)` in time linear in the text's length.

    NFC puts each run of combining marks in canonical order with an insertion sort, quadratic in
    the run's length: 100,000 marks on one letter took 13 s, a million never ended (issue 14).
    No script stacks more than a few marks on a letter, so a long run is hostile input; its
    marks are decomposed and stably sorted by combining class first (what canonical ordering
    does), which leaves NFC a canonically equivalent string in order, so the result is the same.
    """
    if unicodedata.is_normalized("NFC", text):
        return text
    if len(text) > _LONG_MARK_RUN:
        text = _long_mark_run().sub(_ordered_run, text)
    return unicodedata.normalize("NFC", text)


def _ordered_run(match: re.Match[str]) -> str:
    # Character by character: NFD of the whole run would sort it the slow way.
    decomposed = "".join(unicodedata.normalize("NFD", ch) for ch in match.group())
    start = 1 if unicodedata.combining(decomposed[0]) == 0 else 0
    marks = decomposed[start:]
    if any(unicodedata.combining(ch) == 0 for ch in marks):
        return match.group()    # a mark that decomposes into a base letter: left as it was
    return decomposed[:start] + "".join(sorted(marks, key=unicodedata.combining))


# fold_char as one str.translate table: normalising is on every token's path.
_FOLD_TABLE = str.maketrans({**_FOLD, **{ch: None for ch in _DROP}})


def normalize(text: str) -> str:
    """The matching form of a string: no diacritics or tatweel, folded letters, ASCII digits."""
    return nfc(text).translate(_FOLD_TABLE)


# A pure function of one word, remembered: it holds no language data of its own.
@lru_cache(maxsize=200_000)
def normalize_word(word: str) -> str:
    """`normalize` for one token, remembered: news repeats its words."""
    return normalize(word)


def normalize_with_offsets(text: str) -> Normalized:
    """Normalise without NFC so that every output character maps to one input index."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        for c in folded:
            out.append(c)
            origin.append(i)
    return Normalized("".join(out), tuple(origin))


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII digits, the same length as the input."""
    return text.translate(_DIGITS)


_DIGITS = str.maketrans({chr(0x0660 + i): str(i) for i in range(10)}
                        | {chr(0x06F0 + i): str(i) for i in range(10)})

_SPACE_RUN = re.compile(r"[ \t\u00a0]+")


# One str.translate table: every line of every page passes here (a character loop cost 8 ms an article).
_DISPLAY_DROP = str.maketrans({ch: None for ch in INVISIBLE | {TATWEEL}})


def clean_display(text: str) -> str:
    """Text as shown to a reader: NFC, no tatweel or invisible marks, single spaces."""
    return _SPACE_RUN.sub(" ", nfc(text).translate(_DISPLAY_DROP)).strip()


_WORD = re.compile(r"[\w\u0600-\u06FF]+")


def words(text: str) -> list[str]:
    """The normalised words of a text."""
    return _WORD.findall(normalize(text))
