"""Pipeline stages that read a Lexicon: it is handed to them at `initialize`, not built by their factory."""
# No `from __future__ import annotations` here: spaCy validates `initialize`'s settings against its
# annotations, which must then be types, not strings.
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from marsad.lexicon.lexicon import Lexicon, load_lexicon

SETTINGS_FILE = "lexicon.json"


class LexiconStage:
    """A pipeline component whose language knowledge comes from one Lexicon.

    spaCy's `nlp.initialize()` (or the stage's own `initialize`) hands it the Lexicon: the
    shipped one, or with `data_dir` one read from a folder laid out as marsad/data
    (`[initialize.components.NAME] data_dir = "..."` in a config). A stage run before it was
    initialised reads the shipped Lexicon, so that it can be dropped into any pipeline.
    `nlp.to_disk` writes which Lexicon the stage reads (the shipped one, or the folder's path)
    and `spacy.load` reads that one again. Subclasses read what they need in `use` and do
    their work in `process`.
    """

    def __init__(self) -> None:
        self.lexicon: Lexicon | None = None
        self.data_dir: str | None = None

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *,
                   nlp: Language | None = None, data_dir: str | Path | None = None) -> None:
        """Read the shipped Lexicon, or the one under `data_dir`."""
        self.data_dir = None if data_dir is None else str(data_dir)
        self.use(load_lexicon() if data_dir is None else Lexicon.load(Path(data_dir)))

    def use(self, lexicon: Lexicon) -> None:
        """Take what this stage reads from `lexicon`."""
        self.lexicon = lexicon

    def process(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            self.initialize()
        return self.process(doc)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / SETTINGS_FILE).write_text(json.dumps({"data_dir": self.data_dir}), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LexiconStage":
        settings = json.loads((Path(path) / SETTINGS_FILE).read_text(encoding="utf-8"))
        self.initialize(data_dir=settings.get("data_dir"))
        return self
