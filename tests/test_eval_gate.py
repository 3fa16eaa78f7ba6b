"""A regression gate over the gold sets: floors in eval_baseline.json can only go up."""
import json
from pathlib import Path

import pytest

from marsad.evaluate import evaluate_gold, evaluate_gsr, evaluate_paths, micro_average
from marsad.gsr import score_gsr_arguments
from marsad.training.event_corpus import (
    DEV, DEV2, TEST, analyze_annotated, held_out_documents, load_annotations, score_documents)

REPO = Path(__file__).resolve().parents[1]
BASELINE = json.loads((REPO / "tests" / "eval_baseline.json").read_text("utf-8"))
GATES = {name: floors for name, floors in BASELINE.items() if not name.startswith("_")}


def _scores(name: str, shared: Path) -> dict[str, float]:
    place, relative = name.split(":", 1)
    if place == "corpus":
        if relative in ("dev", "dev2", "test"):
            result = score_documents(load_annotations({"dev": DEV, "dev2": DEV2, "test": TEST}[relative]),
                                     analyze_annotated)
        else:
            sentences = load_annotations()
            held = held_out_documents(sentences)
            result = score_documents([s for s in sentences if s.doc in held], analyze_annotated)
        return {"events": result["loose"]["f1"], "events_strict": result["strict"]["f1"],
                "events_strict_status": result["strict_status"]["f1"],
                # how well the events' confidences rank the strictly right ones above the others
                "events_confidence_auc": result["confidence"]["auc"]}
    if place == "gsr" and relative == "detection":  # a sentence reports an attack / a protest
        folder = shared / "data" / "event_gsr_dev"
        return {kind: evaluate_gsr(folder / f"{kind}.csv")[kind.upper()]["f1"] for kind in ("assault", "protest")}
    if place == "gsr":
        folder = shared / "data" / "event_gsr_dev"
        result = score_gsr_arguments([folder / "assault_spans.json", folder / "protest_spans.json"])
        return {"both": result["both"], "source_country": result["source_country"]}
    if place == "entities":  # micro-averages over a folder of entity gold, tuning and held out (issue 17)
        averages = micro_average(evaluate_paths([REPO / relative]))
        return {f"{split}_{name}": averages[split][layer][measure]
                for split in ("held_out_batch1", "held_out_batch3", "held_out_batch4", "held_out_batch8",
                              "held_out_batch10", "held_out_batch11", "held_out_batch12",
                              "tuning_batch1", "tuning_batch2", "tuning_batch5", "tuning_batch6", "tuning_batch7",
                              "tuning_batch9")
                for name, layer, measure in (("entities", "entities", "f1"),
                                             ("places_precision", "places", "precision"))}
    if place == "articles":  # micro-averages over a folder of whole-article entity and event gold (issue 12)
        averages = micro_average(evaluate_paths([REPO / relative]))
        # per split and per batch (held_out_batch2): a floor set on a batch keeps its meaning when
        # a later batch joins the split
        return {f"{split}_{name}": value for split in averages if split != "all"
                for name, value in (("events", averages[split]["events"]["f1"]),
                                    ("events_strict", averages[split]["events"]["strict"]["f1"]),
                                    ("entities", averages[split]["entities"]["f1"]),
                                    ("places_precision", averages[split]["places"]["precision"]))}
    if place == "folder":  # micro-averages over a folder of quote gold, tuning and held out (issue 16)
        averages = micro_average(evaluate_paths([REPO / relative]))
        return {f"{split}_{name}": value for split in ("tuning", "held_out")
                for name, value in (("quotes", averages[split]["quotes"]["f1"]),
                                    ("speakers", averages[split]["speaker_accuracy"] or 0.0),
                                    ("attributions", averages[split]["attributions"]["f1"]))}
    result = evaluate_gold((shared if place == "shared" else REPO) / relative)
    layers = [layer for layer in ("entities", "events", "quotes", "attributions", "dates") if layer in result]
    scores = {layer: result[layer]["f1"] for layer in layers}
    if "events" in result:
        scores["events_strict"] = result["events"]["strict"]["f1"]
    scores["speakers"] = result["quotes"]["speaker_accuracy"] or 0.0
    return scores


@pytest.mark.parametrize("name", sorted(GATES))
def test_scores_stay_above_their_floors(name, shared):
    scores = _scores(name, shared)
    below = {layer: scores[layer] for layer, floor in GATES[name].items() if scores[layer] < floor}
    assert below == {}, f"{name}: below the floor: {below}"
