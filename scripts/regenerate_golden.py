"""Regenerate the golden files under tests/golden/ (the one script that does).

Each kind of golden output registers a generator: a function returning
``{relative file name: text}`` for its folder ``tests/golden/<name>/``.  The
folder is replaced wholesale, so parts that disappear are removed too.

Usage::

    python scripts/regenerate_golden.py            # every registered generator
    python scripts/regenerate_golden.py docx       # only these
    python scripts/regenerate_golden.py --list

To add a generator (e.g. for HTML), write a function and decorate it::

    @golden("html")
    def _html() -> dict[str, str]:
        return {"sample.html": render_html(sample_document())}

Review the diff (``git diff tests/golden``) before committing regenerated files.
"""
from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

Generator = Callable[[], dict[str, str]]
GENERATORS: dict[str, Generator] = {}


def golden(name: str) -> Callable[[Generator], Generator]:
    """Register ``function`` as the generator of ``tests/golden/<name>/``."""
    def register(function: Generator) -> Generator:
        if name in GENERATORS:
            raise ValueError(f"golden generator {name!r} registered twice")
        GENERATORS[name] = function
        return function
    return register


def write_folder(folder: Path, files: dict[str, str]) -> None:
    """Replace ``folder`` with exactly ``files`` (UTF-8 text, "\\n" line ends)."""
    if folder.exists():
        shutil.rmtree(folder)
    for relative, text in sorted(files.items()):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def read_folder(folder: Path) -> dict[str, str]:
    """The golden files of ``folder`` as ``{relative name: text}`` (for tests)."""
    return {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(folder.rglob("*")) if path.is_file()}


@golden("docx")
def _docx() -> dict[str, str]:
    """The sample document's DOCX, part by part (XML pretty-printed, binaries by sha256)."""
    from briefing.writers.docx import write_docx
    from briefing.writers.docx_notes import canonical_parts
    from sample_document import sample_document

    return canonical_parts(write_docx(sample_document(), ROOT / "templates" / "reference.docx"))


@golden("html")
def _html() -> dict[str, str]:
    """The sample document's HTML for both templates, as text (the stylesheet left out)."""
    from briefing.writers.html import builtin_template_dir, render_html
    from golden_parts import without_stylesheet
    from sample_document import sample_document

    dirs = [builtin_template_dir()]
    return {f"{name}.html": without_stylesheet(render_html(sample_document(template=name), name, dirs))
            for name in ("briefing", "factsheet")}


@golden("default")
def _default() -> dict[str, str]:
    """The default project through check and compose to each writer: HTML as text, DOCX part by part."""
    from golden_parts import default_project_parts

    return default_project_parts()


def main(argv: list[str]) -> int:
    """CLI entry point; returns the exit status."""
    if "--list" in argv:
        print("\n".join(sorted(GENERATORS)))
        return 0
    unknown = [name for name in argv if name not in GENERATORS]
    if unknown:
        print(f"unknown golden set(s): {', '.join(unknown)}; known: {', '.join(sorted(GENERATORS))}",
              file=sys.stderr)
        return 2
    for name in argv or sorted(GENERATORS):
        files = GENERATORS[name]()
        write_folder(GOLDEN / name, files)
        print(f"tests/golden/{name}: {len(files)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
