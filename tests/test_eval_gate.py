"""An F1 regression gate over the gold articles: floors in eval_baseline.json can only go up."""
import json
from pathlib import Path

import pytest

from marsad.evaluate import evaluate_gold

REPO = Path(__file__).resolve().parents[1]
BASELINE = json.loads((REPO / "tests" / "eval_baseline.json").read_text("utf-8"))
GATES = {name: floors for name, floors in BASELINE.items() if not name.startswith("_")}


@pytest.mark.parametrize("name", sorted(GATES))
def test_gold_scores_stay_above_their_floors(name, shared):
    place, relative = name.split(":", 1)
    path = (shared if place == "shared" else REPO) / relative
    scores = evaluate_gold(path)
    below = {layer: scores[layer]["f1"] for layer, floor in GATES[name].items()
             if scores[layer]["f1"] < floor}
    assert below == {}, f"{relative}: below the floor: {below}"
