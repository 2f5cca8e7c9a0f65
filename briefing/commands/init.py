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
    existing = [name for name in _FILES if (directory / name).exists()]
    if existing:
        return InitResult(directory, existing=existing, refused="already exist")
    if directory.exists() and not directory.is_dir():
        return InitResult(directory, refused="is a file, not a folder")
    (directory / "sources").mkdir(parents=True, exist_ok=True)
    for name in _FILES:
        (directory / name).write_bytes(skeleton.joinpath(name).read_bytes())
    written = list(_FILES)
    ignore = directory / ".gitignore"
    current = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
    if not any(line.strip() in ("out/", "out", "/out", "/out/") for line in current.splitlines()):
        with ignore.open("a", encoding="utf-8") as handle:
            if current and not current.endswith("\n"):
                handle.write("\n")
            handle.write(skeleton.joinpath("gitignore").read_text(encoding="utf-8"))
        written.append(".gitignore")
    return InitResult(directory, written=written)
