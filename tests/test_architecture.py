"""The package's shape: what the runtime may import, and the order its layers depend in."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_loading_the_pipeline_imports_no_training_code():
    script = ("import marsad, sys; marsad.load(); "
              "print([m for m in sys.modules if m.startswith('marsad.training')])")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
