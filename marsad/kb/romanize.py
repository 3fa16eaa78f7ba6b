"""English forms of Arabic personal names outside the knowledge base (arabic-name-romanizer, MIT)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# The package runs its ONNX models on two intra-op threads by default; each of its two sessions
# then keeps a thread spinning between calls, a third of a core each that a one-core worker
# (or the other batch worker) loses. One thread gives the same names.
ONNX_THREADS = 1
# How many (name, country) spellings a Romanizer remembers.
REMEMBERED_NAMES = 4096


def _model(folder: Path):
    """The package's model in `folder` on ONNX_THREADS, or None where its files are missing (as
    the package's own load_model does, which takes no thread count)."""
    from arabic_name_romanizer.inference import OnnxModel

    files = ("encoder.onnx", "decoder.onnx", "vocab.json", "meta.json")
    return OnnxModel(folder, intra_op_threads=ONNX_THREADS) if all((folder / f).exists() for f in files) else None


class Romanizer:
    """arabic-name-romanizer's transliterator, its models loaded on first use. The shipped one is
    the Lexicon's (`load_lexicon().romanizer`): the models come with that package, not with a
    data folder."""

    def __init__(self) -> None:
        self._transliterator = None
        # A pure function of the name and country, remembered: an article names its people
        # again and again, and each spelling runs two ONNX models.
        self.english_name = lru_cache(maxsize=REMEMBERED_NAMES)(self._english_name)

    def _english_name(self, name: str, country: str | None = None) -> str | None:
        """The usual Latin spelling of a person's Arabic name; the country (ISO alpha-3) picks
        the regional spelling (Ghadanfar in Iraq). None when the romanizer has no answer."""
        try:
            result = self._loaded().transliterate(name, country=country)
        except (ValueError, KeyError, RuntimeError):
            return None
        return result if isinstance(result, str) and result.strip() else None

    def _loaded(self):
        if self._transliterator is None:
            from arabic_name_romanizer.api import Transliterator, default_resources_dir

            folder = default_resources_dir()
            self._transliterator = Transliterator(model=_model(folder), persian_model=_model(folder / "persian"),
                                                  auto_load_model=False)
        return self._transliterator

    # The models and the remembered names stay behind when a pipeline is sent to a worker.
    def __getstate__(self) -> dict:
        return {}

    def __setstate__(self, state: dict) -> None:
        self.__init__()
