"""Hostile inputs cost time and memory in proportion to their size, like news does (issue 14).

No absolute deadline: each test measures the CPU time of this process (not wall-clock, so other
processes on a busy machine do not count) for a hostile input and for normal news of the same
size, at a size and at GROWTH times it. Linear code keeps the hostile/normal ratio; quadratic
code multiplies it by about GROWTH. The bounds are loose (the ratio may grow 2.5 times, and a
hostile input may cost 20 times news, the issue's bar) so that noise cannot fail them, while
each of the quadratic paths the issue found fails them by far.
"""
from __future__ import annotations

import datetime as dt
import gc
import time
import unicodedata
from functools import lru_cache

import pytest

import marsad
from marsad.nlp.clauses import clause_start
from marsad.text.dates import find_dates
from marsad.text.normalize import clean_display, nfc

from .hostile_inputs import HOSTILE, dates, diacritics, guillemets, normal_article, trigger_sentence
from .test_adversarial import PEAK_RSS_MB, assert_valid_record, run_cli

GROWTH = 4
MAX_GROWTH = 2.5     # of the hostile/normal ratio from a size to GROWTH times it
MAX_RATIO = 20       # hostile cost / news cost at the same size (issue 14's bar)
PUBLISHED = "2020-11-23"


def cpu_seconds(work, *args, repeat: int = 1) -> float:
    """The least CPU time of this process that `work(*args)` took over `repeat` runs."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        work(*args)
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


def analyse(text: str) -> None:
    marsad.analyze(text, PUBLISHED)


@lru_cache(maxsize=None)
def news_seconds(size: int) -> float:
    # The least of three: news at the smaller size takes a fraction of a second, where one
    # garbage collection or cache miss more would move the ratio.
    return cpu_seconds(analyse, normal_article(size), repeat=3)


def assert_grows_like_news(name: str, small: float, large: float, news_small: float,
                           news_large: float, max_ratio: float | None = MAX_RATIO) -> None:
    ratio_small, ratio_large = small / news_small, large / news_large
    detail = (f"{name}: hostile/news {ratio_small:.2f} at the size, {ratio_large:.2f} at "
              f"{GROWTH}x (hostile {small:.2f} s -> {large:.2f} s, news {news_small:.2f} s -> "
              f"{news_large:.2f} s)")
    assert ratio_large <= MAX_GROWTH * ratio_small + 0.05, detail
    if max_ratio is not None:
        assert ratio_large <= max_ratio, detail


# --- the whole pipeline ---------------------------------------------------------------------

# Bytes of the smaller input: enough for a quadratic path to show at GROWTH times it.
PIPELINE_SIZES = {
    "guillemets": 16_000,
    "trigger_sentence": 6_000,
    "diacritics": 16_000,
    "dates": 16_000,
    "dates_joined": 16_000,
    "numbers": 16_000,
}


def test_every_hostile_input_is_measured():
    assert set(PIPELINE_SIZES) == set(HOSTILE)


# Linear, but above the 20x: the event-argument features (nlp/event_arguments.py) cost
@pytest.mark.parametrize("name", sorted(PIPELINE_SIZES))
def test_the_pipeline_on_a_hostile_input_grows_like_news(name):
    analyse(normal_article(3000))   # the pipeline is loaded before anything is timed
    size = PIPELINE_SIZES[name]
    make = HOSTILE[name]
    small = cpu_seconds(analyse, make(size))
    large = cpu_seconds(analyse, make(size * GROWTH))
    try:
        assert_grows_like_news(name, small, large, news_seconds(size), news_seconds(size * GROWTH), MAX_RATIO)
    except AssertionError:
        # CPU time counts the pipeline's native threads, which the other test worker's load slows
        # (CI, session 51: news at 6 KB timed at twice its cost, the ratio tripled with the hostile
        # input's own time exactly linear): all four are measured again, and a quadratic path,
        # which misses the bounds by far, fails this second measure as well
        news_seconds.cache_clear()
        small = cpu_seconds(analyse, make(size), repeat=2)
        large = cpu_seconds(analyse, make(size * GROWTH), repeat=2)
        assert_grows_like_news(name, small, large, news_seconds(size), news_seconds(size * GROWTH), MAX_RATIO)


# --- each path that was quadratic, on its own, at sizes the whole pipeline would take long on

def _news_text(size: int) -> str:
    return normal_article(size)


def test_tokenizer_on_a_run_of_guillemets():
    nlp = marsad.load()
    size = 40_000      # 20,000 «, the input: 44 s before
    small = cpu_seconds(nlp.make_doc, guillemets(size), repeat=2)
    large = cpu_seconds(nlp.make_doc, guillemets(size * GROWTH), repeat=2)
    assert_grows_like_news("tokenizer «", small, large,
                           cpu_seconds(nlp.make_doc, _news_text(size), repeat=2),
                           cpu_seconds(nlp.make_doc, _news_text(size * GROWTH), repeat=2))


@pytest.mark.parametrize("text", ["«" * 30_000, "»" * 30_000, "." * 30_000, "ب" + "." * 30_000,
                                  "؟" * 30_000, "…" * 30_000, "«»" * 15_000, "\"'" * 15_000])
def test_the_tokenizer_keeps_every_character_of_a_punctuation_run(text):
    doc = marsad.load().make_doc(text)
    assert doc.text == text


def test_display_cleaning_on_a_run_of_diacritics():
    size = 200_000     # 100,000 marks on one letter: 12.8 s before; a million never ended
    small = cpu_seconds(clean_display, diacritics(size))
    large = cpu_seconds(clean_display, diacritics(size * GROWTH))
    assert_grows_like_news("NFC of marks", small, large,
                           cpu_seconds(clean_display, _news_text(size)),
                           cpu_seconds(clean_display, _news_text(size * GROWTH)))


@pytest.mark.parametrize("text", [
    "ب" + "\u0651\u064e" * 40 + "ت",                        # shadda before fatha: reordered
    "a" + "\u0301\u0316\u0300\u0327" * 30 + "\u0344" * 5 + "b",  # Latin marks, one that splits
    "ا" + "\u0653" * 50,                                    # madda composes with alef once
    "\u1100\u1161" + "\u0300" * 20 + "\u11a8",              # Hangul jamo with marks between
    "ق\u064e\u0627\u0644\u064e",                             # ordinary text: untouched
])
def test_linear_nfc_gives_what_unicodedata_gives(text):
    assert nfc(text) == unicodedata.normalize("NFC", text)


def test_date_finding_on_many_dates():
    published = dt.date(2020, 11, 23)
    size = 300_000     # about 10,000 dates; 50,000 never finished before
    # the least of three runs each: once, on a machine busy with the rest of the suite, the larger
    # input took 1.5 s of CPU where it takes 0.6 s alone (memory contention counts as CPU time)
    small = cpu_seconds(find_dates, dates(size), published, repeat=3)
    large = cpu_seconds(find_dates, dates(size * GROWTH), published, repeat=3)
    assert_grows_like_news("dates", small, large, cpu_seconds(find_dates, _news_text(size), published, repeat=3),
                           cpu_seconds(find_dates, _news_text(size * GROWTH), published, repeat=3))


def test_overlapping_dates_keep_the_longest():
    found = find_dates("في 5 كانون الثاني 2020 و6 كانون الثاني 2020", dt.date(2020, 11, 23))
    assert [m.text for m in found] == ["5 كانون الثاني 2020", "6 كانون الثاني 2020"]


def test_clause_starts_in_one_long_sentence():
    # The whole Doc as one sentence (no sentence stage): clause_start from every token.
    nlp = marsad.load()

    def every_clause_start(text: str) -> None:
        doc = nlp.get_pipe("marsad_normalize")(nlp.make_doc(text))
        for i in range(len(doc)):
            clause_start(doc, i, 0)

    size = 40_000
    small = cpu_seconds(every_clause_start, trigger_sentence(size))
    large = cpu_seconds(every_clause_start, trigger_sentence(size * GROWTH))
    assert_grows_like_news("clause_start", small, large,
                           cpu_seconds(every_clause_start, _news_text(size)),
                           cpu_seconds(every_clause_start, _news_text(size * GROWTH)))


def test_a_sentence_without_an_end_is_cut():
    from marsad.settings import MAX_SENTENCE_TOKENS

    doc = marsad.load()(marsad.load().make_doc(trigger_sentence(20_000)))
    lengths = [len(sentence) for sentence in doc.sents]
    assert len(lengths) > 1 and max(lengths) <= MAX_SENTENCE_TOKENS


# --- memory: the inputs at the sizes, through the command line --------------

@pytest.mark.parametrize("name, size", [("numbers", 588_000), ("dates_joined", 400_000)])
def test_memory_stays_under_a_gigabyte(name, size, tmp_path):
    path = tmp_path / f"{name}.txt"
    path.write_text(HOSTILE[name](size), "utf-8")
    run = run_cli("analyze", str(path), "--json", "--published", PUBLISHED, timeout=900)
    assert_valid_record(run)
    assert run.peak_mb < PEAK_RSS_MB, f"{name}: {run.peak_mb:.0f} MB"
