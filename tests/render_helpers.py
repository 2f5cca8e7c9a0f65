"""Shared helpers for tests that run the whole render pipeline on a project copy."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def copy_project(source: Path, target: Path) -> Path:
    """Copy a project's facts.yaml, sources/ (and templates/ if any) into ``target``; return facts.yaml."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "facts.yaml", target / "facts.yaml")
    shutil.copytree(source / "sources", target / "sources")
    if (source / "stakeholders.yaml").exists():
        shutil.copy2(source / "stakeholders.yaml", target / "stakeholders.yaml")
    return target / "facts.yaml"


def briefing(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the briefing CLI in a fresh process."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("BRIEFING_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True, text=True,
                          env=full_env, timeout=300)
