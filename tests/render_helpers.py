"""Shared helpers for tests that run the whole render pipeline on a project copy."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import copy_project

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"

__all__ = ["MINIMAL", "ROOT", "briefing", "copy_project"]


def briefing(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the briefing CLI in a fresh process."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("BRIEFING_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True, text=True,
                          env=full_env, timeout=300)
