"""The README documents every command, every make target and every environment setting."""
import re
from pathlib import Path

from marsad.cli import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text("utf-8")


def test_every_command_is_documented():
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    assert {"analyze", "batch", "tag", "evaluate", "ingest", "query", "export"} <= set(names)
    for name in names:
        assert f"marsad {name}" in README, name


def test_quick_start_has_the_two_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make demo" in quick and "make test" in quick


def test_every_make_target_is_documented():
    targets = re.findall(r"^([a-z][a-z-]*):", (REPO / "Makefile").read_text(), re.M)
    for target in set(targets) - {"install", "clean"}:
        assert f"make {target}" in README, target


def test_every_environment_setting_is_documented():
    settings = (REPO / "marsad" / "settings.py").read_text("utf-8")
    for name in re.findall(r'size_from_env\("(MARSAD_[A-Z_]+)"', settings):
        assert name in README, name
