"""Shared fixtures: where ../shared lies, and the gold files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
SEED = "qaani-baghdad-2020-11-23"


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return shared / "corpus" / f"{SEED}.txt"


@pytest.fixture(scope="session")
def seed_gold(shared: Path) -> dict:
    return json.loads((shared / "gold" / f"{SEED}.json").read_text("utf-8"))
