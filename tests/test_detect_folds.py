"""The out-of-fold detection measure trains each fold's detector without that fold's sentences."""
import numpy as np

from marsad.nlp.event_detect import CUES_PATH, read_cues
from marsad.training import event_detect_train as detect
from marsad.training.detect_folds import fold_detector


def test_a_fold_detector_never_sees_its_fold():
    cues = read_cues(CUES_PATH)
    # two tiny types: fold 0 holds the only sentences that name a protest act
    texts = {name: ["تظاهر آلاف أمام البرلمان"] * 5 + ["عقد المجلس اجتماعه الدوري"] * 20
             for name in detect.SETTINGS}
    labels = {name: np.array([1] * 5 + [0] * 20, dtype=np.int8) for name in detect.SETTINGS}
    folds = {name: np.array([0] * 5 + [1, 2, 3, 4] * 5) for name in detect.SETTINGS}
    seen = fold_detector(texts, labels, folds, 1, cues).scores(["تظاهر آلاف أمام البرلمان"])[0]
    unseen = fold_detector(texts, labels, folds, 0, cues).scores(["تظاهر آلاف أمام البرلمان"])[0]
    for name in detect.SETTINGS:
        assert seen[name] > unseen[name]
