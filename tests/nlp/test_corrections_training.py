"""Analysts' corrections train the argument model (issues 18 and 12): the annotation records a
store exports are read back against the stored text and become training examples whose labels
follow the fix, not the machine's choice."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.nlp.pipeline import build_pipeline
from marsad.store import Store, ingest
from marsad.store.corrections import add_correction, annotation_records
from marsad.training.event_arguments_train import annotated_examples
from marsad.training.event_corpus import load_store_annotations

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """A store of the bundled examples where one event's source is fixed to another actor of
    its document, and the records the store exports for it."""
    folder = tmp_path_factory.mktemp("corrections")
    db_path = folder / "marsad.db"
    with Store(db_path) as store:
        report = ingest(store, [EXAMPLES / "amman-talks.txt", EXAMPLES / "beirut-visit-cp1256.txt"])
        assert report.failed == 0, report.errors
        db = store.db
        fixed = None
        for event_id, document_id, source in db.execute(
                'SELECT "id", "document_id", "source_id" FROM "events" ORDER BY "id"'):
            others = [row[0] for row in db.execute(
                'SELECT DISTINCT m."entity_id" FROM "mentions" m JOIN "entities" e ON e."id" = m."entity_id" '
                'WHERE m."document_id" = ? AND e."type" IN (\'PERSON\', \'ORG\') ORDER BY m."entity_id"',
                (document_id,)) if row[0] != source]
            if others:
                fixed = (event_id, others[0])
                break
        assert fixed is not None, "the examples hold an event and another actor"
        with store.transaction():
            add_correction(db, fixed[0], "fixed", source=fixed[1], by="test")
        records = list(annotation_records(db))
        name = db.execute('SELECT "name" FROM "entities" WHERE "id" = ?', (fixed[1],)).fetchone()[0]
    path = folder / "corrections.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path, db_path, name


def test_corrections_are_read_back_against_the_stored_text(corrected):
    path, db_path, _ = corrected
    sentences, documents = load_store_annotations(path, db_path)
    assert len(sentences) == 1 and sentences[0].corpus == "marsad-store"
    sentence = sentences[0]
    assert sentence.doc in documents and sentence.events
    assert sentence.end <= len(documents[sentence.doc].text)


def test_a_changed_stored_text_is_refused(corrected, tmp_path):
    path, db_path, _ = corrected
    row = json.loads(path.read_text(encoding="utf-8"))
    row["sha1"] = "0" * 12
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="has changed"):
        load_store_annotations(changed, db_path)


def test_the_fixed_source_is_the_label(corrected):
    path, db_path, name = corrected
    sentences, documents = load_store_annotations(path, db_path)
    nlp = build_pipeline()
    nlp.get_pipe("marsad_events").coder.model = None
    examples = annotated_examples(nlp, sentences, documents)
    assert examples, "the corrected event's trigger is found again and matched"
    labelled = {candidate
                for example in examples
                for candidate, label in zip(example["names"], example["labels"]["source"]) if label}
    assert name in labelled
