"""The package's shape: what the runtime may import, and the order its layers depend in."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from marsad import errors

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "marsad"


def test_loading_the_pipeline_imports_no_training_code():
    script = ("import marsad, sys; marsad.load(); "
              "print([m for m in sys.modules if m.startswith('marsad.training')])")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout


def test_every_error_class_is_in_the_catalogue():
    catalogue = {name for name, value in vars(errors).items()
                 if isinstance(value, type) and issubclass(value, BaseException)}
    outside = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    ast.unparse(base).split(".")[-1] in catalogue
                    or ast.unparse(base).endswith(("Error", "Exception", "Warning"))
                    for base in node.bases):
                outside.append(f"{path.relative_to(REPO)}: {node.name}")
    assert outside == []


def test_error_codes_are_unique():
    codes = [cls.code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.MarsadError)]
    assert len(codes) == len(set(codes))
