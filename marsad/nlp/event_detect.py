"""Sentence-level detectors: does an Arabic sentence report a new ASSAULT or PROTEST event?

A small logistic model per PLOVER type over normalised words, light stems, stem bigrams,
character n-grams and cue classes from `marsad/data/events/detect_cues.tsv` (their presence,
position and co-occurrence: an attack word near a number and a fresh time cue reads as a
report; a condemnation, a question or a trial word reads as talk about violence). Trained by
`python -m marsad.training.event_detect_train`; the weights and the per-type decision threshold
(chosen by cross-validation to maximise F1) live in `marsad/models/event_detect/model.json`.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad.errors import DataFileError
from marsad.lexicon.morphology import Morphology
from marsad.text.normalize import normalize

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MODEL_DIR = PACKAGE_DIR / "models" / "event_detect"
MODEL_FILE = "model.json"
CUES_PATH = PACKAGE_DIR / "data" / "events" / "detect_cues.tsv"
EVENT_TYPES = ("ASSAULT", "PROTEST")

CUE_CATEGORIES = frozenset({
    "assault_act", "casualty", "protest_act", "recent", "source", "count", "place", "person",
    "condemn", "question", "legal", "history", "future", "opinion", "negation",
})
# The classes that name an event; the others are context around one.
EVENT_CATEGORIES = ("assault_act", "casualty", "protest_act")
CONTEXT_NEAR_EVENT = ("recent", "count", "source", "place", "person")
# A clitic comes off a word only when this many letters stay (light stems and bare forms).
MIN_STEM = 3
_WORD = re.compile(r"[\u0621-\u064a]+|\d+|[؟?]")
_EARLY = 4       # a cue among the first words leads the sentence
_NEAR = 4        # words between an event cue and its context


@dataclass(frozen=True)
class DetectionCues:
    """The cue lexicon: one-word forms to their classes, and multi-word phrases, with the
    Morphology that takes clitics off a sentence's words before they are looked up and stemmed."""
    words: dict[str, frozenset[str]]
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    digest: str = ""
    # The shipped clitics file's unless given: the model's features were computed with it, so
    # another stage's Lexicon must not change them.
    morphology: Morphology = field(default_factory=Morphology.from_file, compare=False)

    def __post_init__(self) -> None:
        # Phrases by their first word: cue_hits runs for every sentence an attack or protest
        # trigger stands in, and most words start no phrase.
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for parts, category in self.phrases:
            by_first.setdefault(parts[0], []).append((parts, category))
        object.__setattr__(self, "phrases_by_first", by_first)

    def forms(self, categories: Iterable[str]) -> set[str]:
        """Every one-word form in any of `categories` (the keyword baseline uses these)."""
        wanted = set(categories)
        return {w for w, cats in self.words.items() if cats & wanted}


def read_cues(path: str | Path = CUES_PATH, morphology: Morphology | None = None) -> DetectionCues:
    """Load and check detect_cues.tsv (see its header for the format); its words are read with
    `morphology`'s clitics (the shipped clitics file's unless given)."""
    path = Path(path)
    raw = path.read_bytes()
    words: dict[str, set[str]] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    header_seen = False
    for lineno, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if cols != ["form", "category"]:
                raise DataFileError(f"{path}:{lineno}", "expected the header 'form<TAB>category'")
            header_seen = True
            continue
        if len(cols) != 2 or not cols[0].strip():
            raise DataFileError(f"{path}:{lineno}", f"expected two columns, got {line!r}")
        form, category = cols[0].strip(), cols[1].strip()
        if category not in CUE_CATEGORIES:
            raise DataFileError(f"{path}:{lineno}", f"unknown category {category!r}")
        parts = tuple(normalize(form).split())
        if len(parts) == 1:
            words.setdefault(parts[0], set()).add(category)
        else:
            phrases.append((parts, category))
    if not header_seen:
        raise DataFileError(str(path), "no header line")
    return DetectionCues({w: frozenset(c) for w, c in words.items()}, tuple(phrases),
                         hashlib.sha256(raw).hexdigest()[:16],
                         Morphology.from_file() if morphology is None else morphology)


def words_of(sentence: str) -> list[str]:
    """The normalised Arabic words, digit runs and question marks of a sentence."""
    return _WORD.findall(normalize(sentence))


def bare_forms(word: str, morphology: Morphology) -> tuple[str, ...]:
    """The word and what is left after stripping و/ف, then ب/ك/ل (or لل), then ال (each optional)."""
    return morphology.bare_forms(word, MIN_STEM, MIN_STEM)


def light_stem(word: str, morphology: Morphology) -> str:
    """Light stemming for the bag-of-stems features: one run of proclitics, then one suffix."""
    if word.isdigit():
        return "<num>"
    return morphology.light_stem(word, min_stem=MIN_STEM)


def cue_hits(words: Sequence[str], cues: DetectionCues) -> list[tuple[int, str]]:
    """(word index, cue class) for every cue in a sentence's words, in order."""
    bare = [bare_forms(w, cues.morphology) for w in words]
    hits: list[tuple[int, str]] = []
    for i, (word, forms) in enumerate(zip(words, bare)):
        cats = frozenset().union(*(cues.words.get(f, frozenset()) for f in forms))
        if word.isdigit():
            # A four-digit 19xx/20xx is a year (history), any other number a count.
            is_year = len(word) == 4 and word[:2] in ("19", "20")
            cats = cats | {"year" if is_year else "count"}
        hits.extend((i, c) for c in cats)
    by_first = cues.phrases_by_first
    for i, forms in enumerate(bare):
        for form in forms:
            for parts, category in by_first.get(form, ()):
                if i + len(parts) <= len(words) and all(p in bare[i + k] for k, p in enumerate(parts[1:], 1)):
                    hits.append((i, category))
    hits.sort()
    return hits


def cue_features(words: Sequence[str], cues: DetectionCues) -> set[str]:
    """Cue classes present (1, 2, 3+ times), leading, paired, and near an event word."""
    hits = cue_hits(words, cues)
    where: dict[str, list[int]] = {}
    for i, c in hits:
        where.setdefault(c, []).append(i)
    out = {f"len:{min(len(words) // 15, 4)}"}
    for c, positions in where.items():
        out.add("cat:" + c)
        if len(positions) >= 2:
            out.add("cat2:" + c)
        if len(positions) >= 3:
            out.add("cat3:" + c)
        if positions[0] < _EARLY:
            out.add("early:" + c)
    present = sorted(where)
    out.update(f"pair:{a}+{b}" for k, a in enumerate(present) for b in present[k + 1:])
    events = [(i, c) for i, c in hits if c in EVENT_CATEGORIES]
    if events:
        first_i, first_c = events[0]
        out.add("first_event:" + first_c)
        if first_i < 3:
            out.add("first_event_early:" + first_c)
        for i, c in hits:
            if c in CONTEXT_NEAR_EVENT:
                out.update(f"near:{e}+{c}" for j, e in events if abs(i - j) <= _NEAR)
    return out


def sentence_features(sentence: str, kinds: str, cues: DetectionCues) -> set[str]:
    """The sparse binary features of one sentence.

    `kinds` picks the families: s (light stems), b (stem bigrams), c (character 3- and
    4-grams of words), m (cue classes).
    """
    words = words_of(sentence)
    out: set[str] = set()
    if "s" in kinds or "b" in kinds:
        stems = [light_stem(w, cues.morphology) for w in words]
        if "s" in kinds:
            out.update("s:" + s for s in stems)
        if "b" in kinds:
            out.update(f"b:{a}_{b}" for a, b in zip(stems, stems[1:]))
    if "c" in kinds:
        for w in words:
            padded = f"<{w}>"
            for n in (3, 4):
                out.update("c:" + padded[i:i + n] for i in range(len(padded) - n + 1))
    if "m" in kinds:
        out |= cue_features(words, cues)
    return out


@dataclass
class TypeModel:
    """A logistic model for one event type: feature weights, bias and decision threshold."""
    kinds: str
    bias: float
    weights: dict[str, float]
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


@dataclass
class EventDetector:
    """One TypeModel per event type, with the cue lexicon they were trained with."""
    types: dict[str, TypeModel]
    cues: DetectionCues
    meta: dict = field(default_factory=dict)

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        out = []
        for sentence in sentences:
            cache: dict[str, set[str]] = {}
            row = {}
            for name, model in self.types.items():
                if model.kinds not in cache:
                    cache[model.kinds] = sentence_features(sentence, model.kinds, self.cues)
                row[name] = model.probability(cache[model.kinds])
            out.append(row)
        return out

    def threshold(self, event_type: str) -> float:
        """The decision threshold of `event_type`."""
        return self.types[event_type].threshold

    def to_json(self) -> dict:
        return {
            "format": "marsad-event-detect/1",
            "cues_sha256": self.cues.digest,
            "meta": self.meta,
            "types": {
                name: {"kinds": m.kinds, "bias": m.bias, "threshold": m.threshold,
                       "meta": m.meta, "weights": m.weights}
                for name, m in self.types.items()
            },
        }


def detector_from_json(data: dict, cues: DetectionCues, source: str = "model") -> EventDetector:
    if data.get("format") != "marsad-event-detect/1":
        raise DataFileError(source, f"unknown model format {data.get('format')!r}")
    if data.get("cues_sha256") != cues.digest:
        warnings.warn(f"{source}: detect_cues.tsv changed since the model was trained; "
                      "retrain with python -m marsad.training.event_detect_train", stacklevel=3)
    types = {
        name: TypeModel(t["kinds"], float(t["bias"]), {k: float(v) for k, v in t["weights"].items()},
                        float(t["threshold"]), t.get("meta", {}))
        for name, t in data["types"].items()
    }
    return EventDetector(types, cues, data.get("meta", {}))


def load_detector(path: str | Path | None = None) -> EventDetector:
    """The packaged event detector (or the one in directory `path`), with the packaged cue
    lexicon; the caller holds it (the events stage builds its own)."""
    model_path = Path(path or MODEL_DIR) / MODEL_FILE
    if not model_path.is_file():
        raise DataFileError(str(model_path), "no event detection model; run "
                            "python -m marsad.training.event_detect_train")
    data = json.loads(model_path.read_text("utf-8"))
    return detector_from_json(data, read_cues(), str(model_path))


def is_reported(sentence: str, event_type: str, detector: EventDetector) -> bool:
    """Whether `sentence` reports a new event of `event_type` (ASSAULT or PROTEST)."""
    if event_type not in detector.types:
        raise KeyError(f"{event_type!r}: the detector knows {sorted(detector.types)}")
    return detector.scores([sentence])[0][event_type] >= detector.threshold(event_type)
