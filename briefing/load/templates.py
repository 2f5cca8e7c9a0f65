"""Where a project's templates are: its own ``templates/`` folder first, then the built-in ones.

Check reads (and hashes) the template files once so that render's skip
decision and send's freshness check can compare digests instead of reading
the files again.
"""
from __future__ import annotations

import importlib.resources
from pathlib import Path

#: The files of a template folder that shape an output.
TEMPLATE_SUFFIXES = (".j2", ".css", ".docx", ".svg", ".png", ".ttf", ".otf", ".woff")


def builtin_template_dir() -> Path:
    """The folder of the built-in templates (the repository's ``templates/``)."""
    return Path(str(importlib.resources.files("briefing.templates")))


def template_dirs(project_root: Path) -> list[Path]:
    """Template search path: the project's ``templates/`` (if any), then the built-ins."""
    dirs: list[Path] = []
    own = Path(project_root) / "templates"
    if own.is_dir():
        dirs.append(own)
    builtin = builtin_template_dir()
    if not any(_same(builtin, d) for d in dirs):
        dirs.append(builtin)
    return dirs


def template_files(dirs: list[Path]) -> list[Path]:
    """The template files of ``dirs`` whose bytes shape an output."""
    files: list[Path] = []
    for folder in dirs:
        if folder.is_dir():
            files.extend(p for p in sorted(folder.iterdir()) if p.suffix in TEMPLATE_SUFFIXES and p.is_file())
    return files


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:  # pragma: no cover - unreadable path
        return False
