"""`briefing init [DIR]`: write a small working project that passes `briefing check` and renders.

The files come from the package (``briefing/skeleton``): a commented
facts.yaml with the four sections and one fact of each kind, one example
source under sources/, an example stakeholders.yaml, and a .gitignore for
out/. Nothing that exists is overwritten: an existing facts.yaml,
stakeholders.yaml or source file stops the command before anything is
written; an existing .gitignore only gains the ``out/`` line it lacks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

_FILES = ("facts.yaml", "stakeholders.yaml", "sources/example-trade-framework.txt")


@dataclass
class InitResult:
    """`briefing init`: the files written, or the existing ones that stopped it."""

    directory: Path
    written: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    refused: str | None = None

    @property
    def exit_code(self) -> int:
        """1 when nothing was written, else 0."""
        return 1 if self.refused else 0


def init_project(directory: Path) -> InitResult:
    """Write the example project into ``directory``, unless that would overwrite a file."""
    skeleton = resources.files("briefing.skeleton")
    try:
        existing = [name for name in _FILES if (directory / name).exists()]
    except OSError as error:   # a name too long for the file system
        return InitResult(directory, refused=f"cannot be used: {error.strerror or error}")
    if existing:
        return InitResult(directory, existing=existing, refused="already exist")
    if directory.exists() and not directory.is_dir():
        return InitResult(directory, refused="is a file, not a folder")
    written: list[str] = []
    try:
        (directory / "sources").mkdir(parents=True, exist_ok=True)
        for name in _FILES:
            (directory / name).write_bytes(skeleton.joinpath(name).read_bytes())
            written.append(name)
        if _ignore_out(directory, skeleton.joinpath("gitignore").read_text(encoding="utf-8")):
            written.append(".gitignore")
    except (OSError, UnicodeDecodeError) as error:   # /proc/x, a path through a file, a full disk: undo, say why
        for name in written:
            if name != ".gitignore":
                (directory / name).unlink(missing_ok=True)
        if isinstance(error, UnicodeDecodeError):
            return InitResult(directory, refused="has a .gitignore that is not UTF-8 text")
        where = f" ({error.filename})" if error.filename else ""
        return InitResult(directory, refused=f"cannot be written: {error.strerror or error}{where}")
    return InitResult(directory, written=written)


def _ignore_out(directory: Path, lines: str) -> bool:
    """Add the ``out/`` lines to DIR/.gitignore unless it has them; True if it was changed."""
    ignore = directory / ".gitignore"
    current = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
    if any(line.strip() in ("out/", "out", "/out", "/out/") for line in current.splitlines()):
        return False
    with ignore.open("a", encoding="utf-8") as handle:
        if current and not current.endswith("\n"):
            handle.write("\n")
        handle.write(lines)
    return True
