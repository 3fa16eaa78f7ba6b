"""How sure Marsad is of an event: the probability that its type, source and target are all right.

An event's `confidence` is what analysts filter and sort on (`min_confidence`), so it should mean
what it says: of the events given 0.6, about six in ten are right. It is read from what the coder
knew when it made the event: how sure the argument model was of the actor it chose (or of there
being none) and of the best other candidate, what kind of actor it is, how sure the trigger model
and the sentence detector were, the trigger word, the event's type, word class and status, and
whether other sentences tell it again. A logistic model over those facts, trained by
`python -m marsad.training.event_confidence_train` on annotated documents none of the other
models was trained on, turns them into a probability (`marsad/models/event_confidence/`).
Without the model (a test's tiny lexicon), a fixed rule of thumb stands in.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.nlp.linear import SparseLogistic

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "event_confidence" / "model.json"
LABEL = "right"
# Where probabilities are cut into the features' bins: the model reads a bin, not a slope.
BINS = (0.2, 0.4, 0.6, 0.8, 0.9)


def _bin(p: float | None) -> str:
    if p is None:
        return "na"
    return str(next((b for b in BINS if p < b), 1.0))


@dataclass
class EventSupport:
    """What the coder knew of one event when it made it. `source_p` and `target_p` are the argument
    model's probabilities for the actor chosen, or, where none was, for the likeliest candidate;
    None where the model did not read the trigger."""
    type: str
    kind: str
    word: str = ""                      # the trigger's first word, bare
    source_kind: str | None = None      # the chosen source mention's kind (name, generic, ...) or None
    target_kind: str | None = None
    source_entity: str | None = None    # the chosen source's entity type (PERSON, ORG, GPE, ...)
    target_entity: str | None = None
    source_rival: float | None = None   # the argument model's probability for the best other candidate
    target_rival: float | None = None
    source_p: float | None = None
    target_p: float | None = None
    trigger_p: float | None = None      # the trigger model's reading of the trigger's words
    added: bool = False                 # a word the trigger model added, not the lexicon's
    detector: float | None = None       # the sentence detector's score over its threshold (attacks, protests)
    dated: bool = False


def confidence_features(support: EventSupport, status: str, restated: int) -> list[str]:
    """The sparse features of one finished event: its support, its status and how many other
    sentences tell it again."""
    features = [f"type={support.type}", f"kind={support.kind}", f"status={status}", f"word={support.word}",
                f"trigger_p={_bin(support.trigger_p)}", f"added={support.added}",
                f"restated={min(restated, 2)}", f"dated={support.dated}"]
    if support.detector is not None:
        features.append(f"detector={_bin(min(support.detector / 2, 1.0))}")
    for role, kind, entity, p, rival in (
            ("source", support.source_kind, support.source_entity, support.source_p, support.source_rival),
            ("target", support.target_kind, support.target_entity, support.target_p, support.target_rival)):
        chosen = kind is not None
        features += [f"{role}={kind or 'none'}", f"{role}_p={chosen}:{_bin(p)}", f"{role}_entity={entity}",
                     f"{role}_rival={chosen}:{_bin(rival)}"]
    return features


def rule_of_thumb(support: EventSupport) -> float:
    """The confidence given without a trained model: more for each actor and a date."""
    value = 0.4 + 0.2 * (support.source_kind is not None) + 0.2 * (support.target_kind is not None) + 0.1 * support.dated
    return round(min(value, 0.95), 2)


class ConfidenceModel(SparseLogistic):
    """One logistic scorer (`right`) over `confidence_features`."""

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "ConfidenceModel | None":
        return super().load(path)

    def confidence(self, features: list[str]) -> float:
        return round(self.probability(LABEL, features), 3)
