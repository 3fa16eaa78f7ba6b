"""The shipped ASSAULT/PROTEST sentence detectors: model, cue lexicon, hand-written cases."""
from __future__ import annotations

import json

import pytest

from marsad.errors import DataFileError
from marsad.nlp.event_detect import (
    CUE_CATEGORIES, CUES_PATH, EVENT_TYPES, MODEL_DIR, MODEL_FILE, cue_hits,
    is_reported, load_detector, read_cues, words_of,
)
from marsad.nlp.pipeline import load
from marsad.training.event_detect_train import read_gsr, stratified_folds

# Written for these tests (not from any gold set): clear reports and clear non-reports.
ASSAULT_REPORTS = [
    "قتل عشرة أشخاص وأصيب عشرون آخرون بجروح أمس في انفجار سيارة مفخخة قرب سوق شعبي شمال بغداد.",
    "أعلنت مصادر أمنية مقتل خمسة جنود في هجوم انتحاري استهدف دورية للجيش صباح اليوم.",
    "وقال مصدر في الشرطة إن مسلحين مجهولين اغتالوا ضابطا في الموصل مساء أمس.",
    "انفجرت عبوة ناسفة أمس على جانب الطريق مما أدى إلى مقتل ثلاثة مدنيين وإصابة سبعة.",
]
PROTEST_REPORTS = [
    "تظاهر آلاف الأشخاص أمس في ساحة التحرير احتجاجا على ارتفاع الأسعار ورفعوا لافتات تطالب برحيل الحكومة.",
    "تجمع مئات المتظاهرين أمام مقر البرلمان اليوم وهتفوا بشعارات مناهضة للحكومة.",
    "خرج آلاف الطلاب في مسيرة احتجاجية أمس وسط العاصمة للمطالبة بالإصلاح.",
]
NEITHER = [
    "هل تستخدم أجهزتكم الأمنية أساليب التعذيب لانتزاع الاعترافات؟",
    "ندين الإرهاب بكل أشكاله ونرفض العنف وسيلة لتحقيق الأهداف السياسية.",
    "نظرت المحكمة في قضية اغتيال الرئيس التي وقعت قبل عشر سنوات.",
    "يرى الكاتب أن ثقافة العنف لا تخدم أحدا في المنطقة.",
]


@pytest.fixture(scope="module")
def detector():
    return load_detector()


def _share_above(sentences: list[str], event_type: str, detector) -> float:
    cut = detector.threshold(event_type)
    return sum(row[event_type] >= cut for row in detector.scores(sentences)) / len(sentences)


def test_model_loads_with_types_and_thresholds(detector):
    assert set(detector.types) == set(EVENT_TYPES)
    for model in detector.types.values():
        assert 0.0 < model.threshold < 1.0
        assert model.weights
    assert (MODEL_DIR / "PROVENANCE.md").is_file()
    assert json.loads((MODEL_DIR / MODEL_FILE).read_text("utf-8"))["cues_sha256"] == \
        detector.cues.digest


def test_the_events_stage_holds_the_shipped_detector(detector):
    held = load().get_pipe("marsad_events").coder.detector
    assert held is not None and held.cues.digest == detector.cues.digest
    assert held.scores(ASSAULT_REPORTS[:1]) == detector.scores(ASSAULT_REPORTS[:1])


def test_detect_returns_a_probability_per_type(detector):
    rows = detector.scores(ASSAULT_REPORTS[:1] + NEITHER[:1])
    assert len(rows) == 2
    for row in rows:
        assert set(row) == set(EVENT_TYPES)
        assert all(0.0 <= p <= 1.0 for p in row.values())
    assert detector.scores([]) == []


def test_assault_reports_score_high(detector):
    assert _share_above(ASSAULT_REPORTS, "ASSAULT", detector) >= 0.75


def test_protest_reports_score_high(detector):
    assert _share_above(PROTEST_REPORTS, "PROTEST", detector) >= 0.66


def test_talk_about_violence_scores_low(detector):
    assert _share_above(NEITHER, "ASSAULT", detector) <= 0.25
    assert _share_above(NEITHER, "PROTEST", detector) <= 0.25


def test_reports_outscore_talk(detector):
    rows = detector.scores(ASSAULT_REPORTS + NEITHER)
    reports = sorted(r["ASSAULT"] for r in rows[:len(ASSAULT_REPORTS)])
    talk = sorted(r["ASSAULT"] for r in rows[len(ASSAULT_REPORTS):])
    assert reports[len(reports) // 2] > talk[-1]


def test_is_reported_uses_the_threshold(detector):
    assert isinstance(is_reported(ASSAULT_REPORTS[0], "ASSAULT", detector), bool)
    with pytest.raises(KeyError):
        is_reported(ASSAULT_REPORTS[0], "CONSULT", detector)


@pytest.mark.parametrize("text, category", [
    ("وبالمتظاهرين", "protest_act"),   # clitics before the cue
    ("أُصيب", "casualty"),              # hamza and diacritics folded
    ("عام 2007", "year"),
    ("١٥ قتيلا", "count"),              # Arabic-Indic digits
    ("إطلاق النار", "assault_act"),     # a two-word cue
])
def test_cue_hits_fold_and_strip(text, category, detector):
    assert category in {c for _, c in cue_hits(words_of(text), detector.cues)}


def test_cue_file_format():
    cues = read_cues(CUES_PATH)
    seen = set()
    for line in CUES_PATH.read_text("utf-8").splitlines():
        if line.startswith("#") or line == "form\tcategory" or not line.strip():
            continue
        form, category = line.split("\t")
        assert category in CUE_CATEGORIES
        assert (form, category) not in seen, f"duplicate row {form} {category}"
        seen.add((form, category))
    assert cues.words and cues.phrases
    header = CUES_PATH.read_text("utf-8").split("\n", 8)[:8]
    assert any("written by the Marsad team" in line for line in header)


def test_bad_cue_file_is_named(tmp_path):
    bad = tmp_path / "cues.tsv"
    bad.write_text("form\tcategory\nقتل\tnot_a_class\n", "utf-8")
    with pytest.raises(DataFileError, match="cues.tsv:2"):
        read_cues(bad)


def test_csv_reader_skips_ambiguous(tmp_path):
    path = tmp_path / "assault.csv"
    path.write_text(
        "id,event_type,label,accept,reject,total,text\n"
        "a,ASSAULT,yes,3,0,3,قتل\n"
        "b,ASSAULT,easy no,0,3,3,ندين\n"
        "c,ASSAULT,difficult no,1,2,3,هجوم\n"
        "d,ASSAULT,ambiguous,1,1,2,غموض\n", "utf-8")
    texts, labels = read_gsr(path)
    assert texts == ["قتل", "ندين", "هجوم"]
    assert list(labels) == [1, 0, 0]


def test_folds_are_stratified_and_fixed():
    import numpy as np

    labels = np.array([1] * 10 + [0] * 40)
    folds = stratified_folds(labels, 5, 13)
    assert list(folds) == list(stratified_folds(labels, 5, 13))
    for k in range(5):
        assert labels[folds == k].sum() == 2
