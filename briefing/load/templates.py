"""Where a project's templates are: its own ``templates/`` folder first, then the built-in ones.

Check reads (and hashes) the template files once so that render's skip
decision and send's freshness check can compare digests instead of reading
the files again.
"""
from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

from briefing.errors import RenderError

#: The files of a template folder that shape an output.
TEMPLATE_SUFFIXES = (".j2", ".css", ".docx", ".svg", ".png", ".ttf", ".otf", ".woff")
#: The most of one template file that is ever read.
MAX_TEMPLATE_BYTES = 4 * 1024 * 1024


def builtin_template_dir() -> Path:
    """The folder of the built-in templates (the repository's ``templates/``)."""
    return Path(str(importlib.resources.files("briefing.templates")))


def template_dirs(project_root: Path) -> list[Path]:
    """Template search path: the project's ``templates/`` (if any), then the built-ins."""
    dirs: list[Path] = []
    own = Path(project_root) / "templates"
    if own.is_dir():
        real, root = os.path.realpath(own), os.path.realpath(project_root)
        if os.path.commonpath([real, root]) != root:   # templates -> / would let a template read any file
            raise RenderError(f"{own} leads outside the project (to {real}): a project's "
                              "templates must be inside it; copy the folder in instead of linking to it")
        dirs.append(own)
    builtin = builtin_template_dir()
    if not any(_same(builtin, d) for d in dirs):
        dirs.append(builtin)
    return dirs


def template_files(dirs: list[Path]) -> list[Path]:
    """The template files of ``dirs`` whose bytes shape an output.

    Only regular files inside the template folders (after resolving links) and
    within :data:`MAX_TEMPLATE_BYTES` are listed, so hashing them reads
    nothing outside and nothing without end (a link to a huge file, or to
    ``/proc``); the writer that needs one of the others refuses it, naming it.
    """
    roots = [os.path.realpath(d) for d in dirs]
    files: list[Path] = []
    for folder in dirs:
        if folder.is_dir():
            files.extend(p for p in sorted(folder.iterdir()) if p.suffix in TEMPLATE_SUFFIXES and _inside(p, roots))
    return files


def _inside(path: Path, roots: list[str]) -> bool:
    """A regular file of at most MAX_TEMPLATE_BYTES whose real path is in one of ``roots``."""
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except OSError:
        return False
    return (any(os.path.commonpath([real, root]) == root for root in roots)
            and os.path.isfile(real) and info.st_size <= MAX_TEMPLATE_BYTES)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:  # pragma: no cover - unreadable path
        return False
