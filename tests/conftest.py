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
    """Copy facts.yaml and sources/ of ``source`` into ``target``; return the new facts.yaml."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "facts.yaml", target / "facts.yaml")
    shutil.copytree(source / "sources", target / "sources", dirs_exist_ok=True)
    return target / "facts.yaml"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m briefing ARGS`` in a subprocess and capture its output."""
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"})


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A fresh copy of the minimal fixture project; returns its facts.yaml."""
    return copy_project(MINIMAL, tmp_path / "project")
