"""Which sentences are Persian or Urdu, and whether a text is in Latin script: Marsad reads
Arabic, and the words of those languages, folded to Arabic letters, would be read as Arabic
names and event triggers (دیدار as a person, باید as أيّد, issue 14)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from marsad.datafiles import read_rows

MARKERS_PATH = Path(__file__).resolve().parents[1] / "data" / "language" / "persian_urdu.tsv"

# A sentence is Persian or Urdu when at least this many of its words are markers (a function
# word of the list, or a word with a letter Arabic lacks), and they are at least this share of
# its Arabic-script words. Arabic pages typed on Persian keyboards carry ی and ک (in 37 and 14 of
# ant2018's 9,121 articles), so those two letters alone never count, and one marker is not enough.
MIN_MARKERS = 2
MIN_MARKER_SHARE = 0.1
# A text whose sentences read as Persian or Urdu hold at least this share of its words is that
# language throughout: its other sentences (a headline of names) are not Arabic either.
MIN_DOCUMENT_SHARE = 0.6
# A text whose letters are mostly Latin is not Arabic news (English, French, ...). A sentence
# alone may be: Arabic news lists foreign company names in Latin letters.
MAX_LATIN_SHARE = 0.5

LANGUAGE_NAMES = {"fa": "Persian", "ur": "Urdu", "latin": "Latin script"}
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


@dataclass(frozen=True)
class Markers:
    words: dict[str, str]      # form -> fa | ur | both
    letters: dict[str, str]

    @classmethod
    def load(cls, path: Path = MARKERS_PATH) -> "Markers":
        rows = read_rows(path)
        return cls({r["form"]: r["language"] for r in rows if r["kind"] == "word"},
                   {r["form"]: r["language"] for r in rows if r["kind"] == "letter"})

    def of(self, word: str) -> str | None:
        """fa, ur or both when `word` marks Persian or Urdu, else None."""
        found = self.words.get(word)
        if found:
            return found
        for ch in word:
            if ch in self.letters:
                return self.letters[ch]
        return None


def sentence_language(words: list[str], markers: Markers | None = None) -> str | None:
    """"fa" or "ur" when the words of one sentence read as Persian or Urdu, else None."""
    markers = Markers.load() if markers is None else markers
    arabic_script = [w for w in words if _ARABIC_SCRIPT.match(w)]
    found = [m for m in (markers.of(w) for w in arabic_script) if m]
    if len(found) < MIN_MARKERS or len(found) < MIN_MARKER_SHARE * len(arabic_script):
        return None
    persian = sum(m in ("fa", "both") for m in found)
    urdu = sum(m in ("ur", "both") for m in found)
    return "ur" if urdu > persian else "fa"


def latin_share(text: str) -> float:
    """The share of a text's letters (Arabic-script and Latin) that are Latin."""
    latin = len(_LATIN.findall(text))
    arabic = len(_ARABIC_SCRIPT.findall(text))
    return latin / (latin + arabic) if latin + arabic else 0.0
