"""Shared helpers for the check-pipeline tests: project copies and CLI runs."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal"


def copy_project(source: Path, target: Path) -> Path:
    """Copy a project's facts.yaml, sources/ and, if present, templates/ and stakeholders.yaml into ``target``.

    Returns the copy's facts.yaml. Every test that needs a project of its own uses this one copy.
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "facts.yaml", target / "facts.yaml")
    shutil.copytree(source / "sources", target / "sources", dirs_exist_ok=True)
    if (source / "templates").is_dir() and source.resolve() != REPO:   # the repo's templates are the built-ins
        shutil.copytree(source / "templates", target / "templates", dirs_exist_ok=True)
    if (source / "stakeholders.yaml").exists():
        shutil.copy2(source / "stakeholders.yaml", target / "stakeholders.yaml")
    return target / "facts.yaml"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m briefing ARGS`` in a subprocess and capture its output."""
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"})


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A fresh copy of the minimal fixture project; returns its facts.yaml."""
    return copy_project(MINIMAL, tmp_path / "project")
