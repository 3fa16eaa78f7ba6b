"""Sparse linear models shipped as JSON: one logistic scorer per label over string features."""
from __future__ import annotations

import json
import math
from itertools import repeat
from dataclasses import dataclass
from pathlib import Path


def logistic(score: float) -> float:
    """The probability a logistic model gives a score (clipped: exp overflows past ±700)."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass
class SparseLogistic:
    """`weights[label][feature]`, `bias[label]`, and the decision `threshold` of each label
    that has one; trained by marsad.training (L2 logistic regression), read back here."""
    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    threshold: dict[str, float]

    def score(self, label: str, features) -> float:
        # map over the bound get: this runs for every candidate of every trigger
        return self.bias[label] + sum(map(self.weights[label].get, features, repeat(0.0)))

    def probability(self, label: str, features) -> float:
        return logistic(self.score(label, features))

    def to_json(self) -> dict:
        return {"weights": self.weights, "bias": self.bias, "threshold": self.threshold}

    @classmethod
    def from_json(cls, data: dict) -> "SparseLogistic":
        return cls(data["weights"], data["bias"], data["threshold"])

    @classmethod
    def load(cls, path: Path) -> "SparseLogistic | None":
        """The model at `path`, or None when it has not been trained."""
        if not path.exists():
            return None
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True), encoding="utf-8")
