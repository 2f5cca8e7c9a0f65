"""Golden test: the sample document's HTML, as text, for both templates.

After an intended change to a template, run ``python scripts/regenerate_golden.py html``
and review ``git diff tests/golden/html``.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from sample_document import sample_document

from briefing.writers.html import builtin_template_dir, render_html

GOLDEN = Path(__file__).resolve().parent / "golden" / "html"


@pytest.mark.parametrize("template", ["briefing", "factsheet"])
def test_html_matches_golden(template: str) -> None:
    expected = (GOLDEN / f"{template}.html").read_text(encoding="utf-8")
    actual = render_html(sample_document(), template, [builtin_template_dir()])
    assert actual == expected, f"run scripts/regenerate_golden.py html after an intended change to {template}"
