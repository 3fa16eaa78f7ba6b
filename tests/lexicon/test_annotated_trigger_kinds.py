"""The word class of the learned trigger forms (scripts/build_annotated_triggers.py): a form's kind
decides whether the word after it is its doer (a verb's subject) or a noun's genitive, so a wrong
class turns who did it around (تحرير المدينة: the town does not liberate)."""
import sys
from pathlib import Path

from marsad.datafiles import DATA, read_rows

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from build_annotated_triggers import _kind  # noqa: E402


def test_the_corpus_spelling_decides_the_class():
    counts = {"تحرير": 1000, "التحرير": 200, "بتحرير": 50,   # a masdar: written with the article and ب
              "حذر": 190, "الحذر": 50, "حذرت": 125,        # a verb that is also a noun: its feminine past
              "مصرع": 120, "بمصرع": 7}
    assert _kind(("تحرير",), counts=counts) == "noun"
    assert _kind(("مصرع",), counts=counts) == "noun"
    assert _kind(("حذر",), counts=counts) == "verb"


def test_the_shape_decides_where_the_corpus_says_nothing():
    assert _kind(("استدعت",), counts={}) == "verb"    # a past verb's ending, not a masdar's alef
    assert _kind(("اعتبرتها",), counts={}) == "verb"  # the same under an object pronoun
    assert _kind(("انسحاب",), counts={}) == "noun"
    assert _kind(("اصيب",), frozenset({"اصيب"}), counts={}) == "passive"


def test_the_shipped_learned_forms():
    rows = {row["form"]: row for row in read_rows(DATA / "events" / "triggers_annotated.tsv")}
    expected = {"تحرير": "noun", "مصرع": "noun", "استدعت": "verb", "اوقفت": "verb"}
    present = [form for form in expected if form in rows]
    assert len(present) >= 3, present  # the forms the annotations mark most come back on a rebuild
    for form in present:
        assert rows[form]["kind"] == expected[form], form
