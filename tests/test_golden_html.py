"""Golden tests: HTML as text (the stylesheet left out) of the sample document and of the default project.

The default project's goldens run the real pipeline (check -> compose -> each
writer), part by part. After an intended change, run
``python scripts/regenerate_golden.py html default`` and review ``git diff tests/golden``.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from golden_parts import default_project_parts, without_stylesheet
from sample_document import sample_document

from briefing.writers.html import builtin_template_dir, render_html

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("template", ["briefing", "factsheet"])
def test_html_matches_golden(template: str) -> None:
    expected = (GOLDEN / "html" / f"{template}.html").read_text(encoding="utf-8")
    actual = without_stylesheet(render_html(sample_document(template=template), template, [builtin_template_dir()]))
    assert actual == expected, f"run scripts/regenerate_golden.py html after an intended change to {template}"


def test_html_goldens_do_not_carry_the_stylesheet() -> None:
    css = (builtin_template_dir() / "briefing.css").read_text(encoding="utf-8")
    rule = next(line for line in css.splitlines() if "{" in line)
    assert rule not in (GOLDEN / "html" / "briefing.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def default_parts() -> dict[str, str]:
    return default_project_parts()


def test_default_project_has_every_golden_part(default_parts: dict[str, str]) -> None:
    folder = GOLDEN / "default"
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert written == sorted(default_parts), "run scripts/regenerate_golden.py default"


@pytest.mark.parametrize("part", sorted(p.relative_to(GOLDEN / "default").as_posix()
                                        for p in (GOLDEN / "default").rglob("*") if p.is_file()))
def test_default_project_part_matches_golden(default_parts: dict[str, str], part: str) -> None:
    expected = (GOLDEN / "default" / part).read_text(encoding="utf-8")
    assert default_parts.get(part) == expected, f"{part} differs: run scripts/regenerate_golden.py default"
