"""The GSR argument measure out of sample: the argument model trains on the GSR coders' spans,
so scoring it on the same sentences flatters it. Here each spans file is cut in two contiguous
halves; the model is trained on the team's annotations and one half, and scored on the other.

    python -m marsad.training.gsr_folds [--gsr ../shared/data/event_gsr_dev]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from marsad.analysis import analyze_document
from marsad.gsr import score_gsr_arguments
from marsad.nlp.event_arguments import ArgumentModel
from marsad.nlp.pipeline import build_pipeline
from marsad.record import Document
from marsad.training import event_arguments_train
from marsad.training.event_corpus import SHARED

FILES = ("assault_spans.json", "protest_spans.json")
SHARES = ("type_found", "source", "target", "both")


def write_halves(folder: Path, out: Path) -> tuple[Path, Path]:
    """out/0 and out/1: the first and the second half of every spans file."""
    halves = (out / "0", out / "1")
    for half in halves:
        half.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        rows = json.loads((folder / name).read_text(encoding="utf-8"))
        middle = len(rows) // 2
        for half, part in zip(halves, (rows[:middle], rows[middle:])):
            (half / name).write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
    return halves


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gsr", type=Path, default=SHARED / "data" / "event_gsr_dev")
    parser.add_argument("--objective", choices=event_arguments_train.OBJECTIVES,
                        help="one objective for both roles of the argument model (default: the shipped ones)")
    args = parser.parse_args(argv)
    nlp = build_pipeline()
    coder = nlp.get_pipe("marsad_events").coder

    def analyze(text: str) -> dict:
        return analyze_document(Document(title="", text=text), nlp=nlp).to_dict()

    totals = {key: 0.0 for key in SHARES + ("country", "sentences", "with_country")}
    folds = []
    with tempfile.TemporaryDirectory() as tmp:
        halves = write_halves(args.gsr, Path(tmp))
        for trained, tested in (halves, halves[::-1]):
            model_path = Path(tmp) / f"model-{trained.name}" / "model.json"
            event_arguments_train.main(["--gsr", str(trained), "--out", str(model_path)]
                                       + (["--objective", args.objective] if args.objective else []))
            coder.model = ArgumentModel.load(model_path)
            result = score_gsr_arguments([tested / name for name in FILES], analyze)
            folds.append({k: v for k, v in result.items() if k != "missed"})
            n, with_country = result["sentences"], result["sentences_with_country"]
            for key in SHARES:
                totals[key] += result[key] * n
            totals["country"] += (result["source_country"] or 0) * with_country
            totals["sentences"] += n
            totals["with_country"] += with_country
    n = totals["sentences"] or 1
    report = {"kind": "GSR arguments, out of fold (2 contiguous halves)", "sentences": int(totals["sentences"]),
              **{key: round(totals[key] / n, 3) for key in SHARES},
              "source_country": round(totals["country"] / totals["with_country"], 3) if totals["with_country"] else None,
              "folds": folds}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
