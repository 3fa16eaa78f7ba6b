"""A short coverage-guided run of fuzz/fuzz_ingest_analyze.py (the long one is `make fuzz`)."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TARGET = REPO / "fuzz" / "fuzz_ingest_analyze.py"
SEEDS = REPO / "fuzz" / "corpus"
RUNS = int(os.environ.get("MARSAD_FUZZ_RUNS", "300"))

pytestmark = pytest.mark.skipif(importlib.util.find_spec("atheris") is None,
                                reason="atheris is not installed (pip install atheris)")


def test_seed_corpus_is_small_and_present():
    seeds = list(SEEDS.iterdir())
    assert len(seeds) >= 5 and all(p.stat().st_size < 4096 for p in seeds)


def test_short_fuzz_run_finds_no_crash(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)   # libFuzzer adds what it finds to the first folder
    result = subprocess.run(
        [sys.executable, str(TARGET), f"-atheris_runs={RUNS}", "-max_total_time=45",
         "-max_len=8192", "-timeout=30", "-rss_limit_mb=2048",
         f"-artifact_prefix={tmp_path}/", str(corpus)],
        capture_output=True, text=True, timeout=240, cwd=tmp_path)
    log = result.stdout + result.stderr
    crashes = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-")))
    assert result.returncode == 0 and not crashes, f"{crashes}\n{log[-4000:]}"
    assert "Done" in log
