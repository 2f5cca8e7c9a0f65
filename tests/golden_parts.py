"""The parts golden tests compare, shared by the tests and scripts/regenerate_golden.py.

The HTML goldens leave the stylesheet out (a CSS edit must not rewrite them);
the default-project goldens run the real pipeline: check -> compose -> each writer.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_STYLE = re.compile(r"(<style[^>]*>).*?(</style>)", re.S)


def without_stylesheet(html: str) -> str:
    """``html`` with the body of every ``<style>`` element replaced by a marker."""
    return _STYLE.sub(r"\1/* stylesheet: not part of the golden file */\2", html)


def default_project_parts() -> dict[str, str]:
    """The default project's briefing and factsheet as HTML text, and the briefing's DOCX part by part."""
    from briefing.check import check
    from briefing.document.compose import build_document
    from briefing.document.variants import for_template
    from briefing.load.templates import builtin_template_dir
    from briefing.writers.docx import write_docx
    from briefing.writers.docx_notes import canonical_parts
    from briefing.writers.html import render_html

    report = check(ROOT / "facts.yaml", "facts.yaml")
    assert report.ok, report.summary()
    doc = build_document(report, draft=False, paper=None)
    dirs = [builtin_template_dir()]
    briefing, factsheet = for_template(doc, "briefing"), for_template(doc, "factsheet")
    parts = {"briefing.html": without_stylesheet(render_html(briefing, "briefing", dirs)),
             "factsheet.html": without_stylesheet(render_html(factsheet, "factsheet", dirs))}
    docx = canonical_parts(write_docx(briefing, builtin_template_dir() / "reference.docx"))
    parts.update({f"briefing.docx/{name}": text for name, text in docx.items()})
    return parts
