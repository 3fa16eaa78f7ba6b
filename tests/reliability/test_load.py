"""A short load test of the real server (benchmarks/load.py): concurrent reads and writes on
loopback, no error, and every write answered 201 found in the store by id and by marker word."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

LOAD = Path(__file__).resolve().parents[2] / "benchmarks" / "load.py"


@pytest.fixture(scope="module")
def load():
    spec = importlib.util.spec_from_file_location("marsad_benchmark_load", LOAD)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_markers_are_distinct_single_search_words(load):
    from marsad.store.search import word_forms, words

    markers = {load.marker(n, "ثجح") for n in range(2000)}
    assert len(markers) == 2000
    for word in list(markers)[:200]:
        assert list(words(word)) == [word] and word_forms(word) == [word]


def test_concurrent_reads_and_writes_lose_nothing(load, tmp_path):
    # 10 clients for 5 s, a quarter of requests writes: some dozens of writes against hundreds of reads.
    result = load.run(clients=10, seconds=5, write_share=0.25, seed=11, folder=tmp_path)
    summary = load.report(result)
    assert result.errors == [], summary
    assert result.lost == [], summary
    assert result.not_searchable == [], summary
    assert result.server_errors == [], summary
    assert len(result.stored_writes) >= 5, summary
    assert all(w.status == 201 for w in result.stored_writes), summary
    assert len(result.read_latencies) >= 50, summary
    assert result.consistent, summary
