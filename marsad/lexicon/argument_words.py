"""The function words the event-argument model reads between a trigger and a candidate,
by class (prep, locative, relative, that, agent, conj, support), from `data/events/argument_words.tsv`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.datafiles import DATA, read_rows
from marsad.text.normalize import normalize

WORDS_PATH = DATA / "events" / "argument_words.tsv"


@dataclass(frozen=True)
class ArgumentWords:
    """Function words by class (prep, locative, relative, that, agent, conj, support), normalised."""
    classes: dict[str, str]

    @classmethod
    def load(cls, path: Path = WORDS_PATH) -> "ArgumentWords":
        return cls({normalize(row["form"]): row["class"] for row in read_rows(path)})

    def of(self, word: str) -> str | None:
        return self.classes.get(word)
