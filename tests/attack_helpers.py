"""Shared helpers of the attack tests (issue 14, second round): run the real CLI, assert a clean outcome."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL, REPO, copy_project

BUILTIN_TEMPLATE = (REPO / "templates" / "briefing.html.j2").read_text(encoding="utf-8")
ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"}


def briefing(cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120,
             memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m briefing ARGS`` in ``cwd``; ``memory`` caps its address space (a bomb fails there, not here)."""
    def limit() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**ENV, **(env or {})}, preexec_fn=limit)


def assert_clean(done: subprocess.CompletedProcess[str], code: int, *expected: str) -> None:
    """Exit ``code`` (never 3), no traceback, no internal error, and every ``expected`` text in the output."""
    text = done.stdout + done.stderr
    assert done.returncode == code, text[-2000:]
    assert "Traceback" not in text and "internal error" not in text, text[-2000:]
    for part in expected:
        assert part in text, text[-2000:]


def project(tmp_path: Path) -> Path:
    """A copy of the minimal fixture project (facts.yaml, sources/); returns its folder."""
    copy_project(MINIMAL, tmp_path)
    return tmp_path


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file (which must hold it) by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def template_with(root: Path, body: str) -> None:
    """The project's own briefing.html.j2: the built-in one with ``body`` just before ``</body>``."""
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "briefing.html.j2").write_text(BUILTIN_TEMPLATE.replace("</body>", body + "</body>", 1),
                                                         encoding="utf-8")


def leftovers(out: Path) -> list[str]:
    """Temporary files, and version folders beyond the one shown, that a command left in ``out``."""
    if not out.exists():
        return []
    names = [str(p.relative_to(out)) for p in out.rglob("*") if ".tmp-" in p.name]
    versions = out / ".versions"
    if versions.is_dir() and len(os.listdir(versions)) > 1:
        names.append(f".versions has {len(os.listdir(versions))} folders")
    return names
