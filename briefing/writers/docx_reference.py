"""The Word reference document (``reference.docx``): found inside the template folders, opened safely.

A project's templates may come from someone else, so the reference
document is looked up like every template file (its real path inside the
template folders), must be a regular file, and may not expand past
:data:`MAX_REFERENCE_EXPANDED` (a zip bomb would otherwise be inflated in
memory). Any failure to open it is a :class:`RenderError` carrying only a
message: an lxml error holds its parser's log, which cannot be sent from
the render's helper process back to the render.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from briefing.errors import RenderError

MAX_REFERENCE_EXPANDED = 64 * 1024 * 1024   # a reference.docx is styles and a few pictures


def reference_docx(dirs: list[Path]) -> Path:
    """The first ``dirs[i]/reference.docx`` that exists (project templates, then built-in).

    Its real path must stay inside the template folders (a symlink that leads
    out is a :class:`RenderError`), and it must be a regular file.
    """
    from briefing.writers.template_files import find_template_file

    found = find_template_file(dirs, "reference.docx")
    if found is not None and found.is_file():
        return found
    searched = ", ".join(str(d) for d in dirs) or "(no folders)"
    raise RenderError(f"No reference.docx found in {searched}; "
                      "run scripts/make_reference_docx.py or copy templates/reference.docx there.")


def open_reference(reference: Path) -> Any:
    """``reference`` opened with python-docx (a ``docx.Document``); RenderError if it is not a usable .docx."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        _check_expanded_size(reference)
        return docx.Document(str(reference))
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile, etree.LxmlError) as exc:
        raise RenderError(f"Cannot open the Word reference document {reference}: {type(exc).__name__}: "
                          f"{str(exc)[:300]}. Use a .docx saved by Word or made by "
                          "scripts/make_reference_docx.py.") from None


def _check_expanded_size(reference: Path) -> None:
    """Refuse a reference.docx whose parts would expand past MAX_REFERENCE_EXPANDED (a zip bomb)."""
    with zipfile.ZipFile(reference) as archive:
        expanded = sum(info.file_size for info in archive.infolist())
    if expanded > MAX_REFERENCE_EXPANDED:
        raise ValueError(f"its parts expand to {expanded:,} bytes, more than the {MAX_REFERENCE_EXPANDED:,} a "
                         "reference document may have")
