"""`briefing init [DIR]`: write a small working project that passes `briefing check` and renders.

The files come from the package (``briefing/skeleton``): a commented
facts.yaml with the four sections and one fact of each kind, one example
source under sources/, an example stakeholders.yaml, and a .gitignore for
out/. Nothing that exists is overwritten: an existing facts.yaml,
stakeholders.yaml or source file stops the command before anything is
written; an existing .gitignore only gains the ``out/`` line it lacks.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

_FILES = ("facts.yaml", "stakeholders.yaml", "sources/example-trade-framework.txt")


def init_project(directory: Path) -> int:
    """Write the example project into ``directory``; 0 when written, 1 when it would overwrite a file."""
    skeleton = resources.files("briefing.skeleton")
    existing = [name for name in _FILES if (directory / name).exists()]
    if existing:
        print(f"briefing: {', '.join(str(directory / name) for name in existing)} already exist"
              f"{'s' * (len(existing) == 1)}: nothing written. Choose an empty folder: briefing init new-folder")
        return 1
    if directory.exists() and not directory.is_dir():
        print(f"briefing: {directory} is a file, not a folder: nothing written")
        return 1
    (directory / "sources").mkdir(parents=True, exist_ok=True)
    for name in _FILES:
        (directory / name).write_bytes(skeleton.joinpath(name).read_bytes())
    ignore = directory / ".gitignore"
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.exists() else []
    if not any(line.strip() in ("out/", "out", "/out", "/out/") for line in lines):
        with ignore.open("a", encoding="utf-8") as handle:
            if lines and not ignore.read_text(encoding="utf-8").endswith("\n"):
                handle.write("\n")
            handle.write(skeleton.joinpath("gitignore").read_text(encoding="utf-8"))
    where = "here" if directory.resolve() == Path.cwd().resolve() else str(directory)
    print(f"Started a briefing project {'in ' + where if where != 'here' else where}: facts.yaml (7 facts, "
          "2 people), sources/, stakeholders.yaml, .gitignore.")
    step = "" if where == "here" else f"cd {directory} && "
    print(f"Next: {step}briefing check && briefing render   (then replace the example with your own sources "
          "and facts; add a document with `briefing sources add FILE|URL`)")
    return 0
