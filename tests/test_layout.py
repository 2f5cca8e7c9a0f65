"""The default briefing as a reader sees it: read back from the PDF and HTML that `briefing render` writes.

Each test names a layout defect a reader saw and checks the fixed output:
six pages at most with the bottom line on page 1, marks in reading order,
no nearly empty page, no mark alone on a line, a footer whose title never
runs into the marking, bullets that copy out in reading order, a timeline
that keeps its rows together and repeats its header, chart bars labelled
with more than a year.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from render_helpers import MINIMAL, ROOT, briefing, copy_project
from sample_document import sample_document

from briefing.document.formatting import chart_label, file_stem
from briefing.document.model import TimelineEntry
from briefing.writers.html import builtin_template_dir, render_html
from briefing.writers.pdf import write_pdf

MARK_SIZE = 5.8   # pt: sup.marks in briefing.css


@pytest.fixture(scope="module")
def default_render(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default project rendered (PDF and HTML) into a fresh out/."""
    root = tmp_path_factory.mktemp("default")
    copy_project(ROOT, root)
    done = briefing("render", "--format", "pdf,html", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "out"


def _pages(pdf: Path | bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [page.extract_text() for page in reader.pages]


def _mark_numbers(pdf: Path) -> list[int]:
    """The endnote marks of a PDF in content order (the runs set in the marks' size)."""
    runs: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if abs(size * tm[0] * cm[0] - MARK_SIZE) < 0.05 and text.strip():
            runs.append(text.strip())

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return [int(n) for run in runs for n in re.findall(r"\d+", run)]


def test_six_pages_at_most_with_the_bottom_line_on_page_one(default_render: Path) -> None:
    pages = _pages(default_render / "briefing.pdf")
    assert len(pages) <= 6
    first = " ".join(pages[0].split())
    assert "BOTTOM LINE" in first and first.index("BOTTOM LINE") < first.index("KEY FIGURES")
    assert "The United States and Pakistan have reached a trade agreement" in first


def test_marks_increase_in_reading_order(default_render: Path) -> None:
    marks = _mark_numbers(default_render / "briefing.pdf")
    assert len(marks) > 61   # at least one per printed fact
    assert marks == list(range(1, len(marks) + 1))
    html = (default_render / "briefing.html").read_text(encoding="utf-8")
    assert [int(n) for n in re.findall(r'href="#note-(\d+)"', html)] == marks   # the HTML reads the same numbers


def _body_heights(pdf: Path) -> list[float]:
    """Per page, the share of the text area that body text spans (top of the first line to the last)."""
    shares = []
    margin = 17 / 25.4 * 72   # the @page margin
    for page in PdfReader(pdf).pages:
        height = float(page.mediabox.height)
        ys: list[float] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and margin < y < height - margin:   # not the header or footer
                ys.append(y)

        page.extract_text(visitor_text=visit)
        shares.append((max(ys) - min(ys)) / (height - 2 * margin) if ys else 0.0)
    return shares


def test_no_page_holds_less_than_a_third_of_a_page_except_the_last(default_render: Path) -> None:
    shares = _body_heights(default_render / "briefing.pdf")
    assert all(share >= 1 / 3 for share in shares[:-1]), shares


def test_no_mark_sits_alone_on_its_line(default_render: Path) -> None:
    for number, text in enumerate(_pages(default_render / "briefing.pdf"), 1):
        alone = [line for line in text.splitlines() if re.fullmatch(r"\s*\d+(\s*,\s*\d+)*\s*", line)]
        assert alone == [], f"page {number}: {alone}"


def test_each_quote_once_and_no_badges(default_render: Path) -> None:
    text = " ".join(" ".join(_pages(default_render / "briefing.pdf")).split())
    assert "QUALITATIVE CLAIM" not in text.upper()
    quote = "Pakistan leans heavily on U.S. markets, while its exports barely dent America’s trade ledger."
    assert text.count(quote) == 1


def test_a_copied_bullet_reads_in_order(default_render: Path) -> None:
    text = " ".join(" ".join(_pages(default_render / "briefing.pdf")).split())
    assert ("Pakistan depends heavily on the US market, while its exports barely register in America’s trade. "
            "— NewsVane, April 7, 2025") in text.replace("\xa0", " ")


def test_a_long_footer_title_never_runs_into_the_marking(tmp_path: Path) -> None:
    facts = copy_project(MINIMAL, tmp_path)
    long_title = "US-Pakistan test briefing on trade, minerals, security and the region (May 2024)"
    facts.write_text(facts.read_text().replace('"US-Pakistan test briefing"', f'"{long_title}"'))
    done = briefing("render", "--format", "pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    for text in _pages(tmp_path / "out" / "briefing.pdf"):
        assert not re.search(r"\S(UNCLASSIFIED)", text), text[-200:]
        assert "(May 2024)" in text


def test_the_timeline_keeps_rows_together_and_repeats_its_header() -> None:
    doc = sample_document()
    meeting = doc.timeline[0].fact
    long_text = "Dar and Rubio met in Washington on July 25, 2025 " + "and talked at length about trade " * 6
    fact = dataclasses.replace(meeting, text=long_text.strip() + ".")
    entries = tuple(TimelineEntry(dt.date(2025, 7, 25), "July 25, 2025", fact) for _ in range(40))
    doc = dataclasses.replace(doc, timeline=entries, facts=doc.facts + (fact,))
    dirs = [builtin_template_dir()]
    pages = _pages(write_pdf(doc, render_html(doc, "briefing", dirs), dirs))
    with_rows = [text for text in pages if "talked at length" in text]
    assert len(with_rows) >= 2
    for text in with_rows:
        assert "DATE EVENT" in " ".join(text.split())   # the header repeats on every page of the table
        flat = " ".join(text.split())
        assert flat.count("Dar and Rubio met in Washington") == flat.count("talked at length about trade.")
    start = next(text for text in pages if "Timeline" in text)
    assert " ".join(start.split()).count("Dar and Rubio met in Washington on July 25, 2025 and") >= 2


def test_a_chart_bar_without_label_is_labelled_from_its_text(tmp_path: Path) -> None:
    assert chart_label(None, "US goods trade with Pakistan was around $6.9 billion in 2023.", 2023) == \
        "US goods trade with Pakistan, 2023"
    assert chart_label("Goods trade, 2023", "anything", 2023) == "Goods trade, 2023"
    facts = copy_project(MINIMAL, tmp_path)
    facts.write_text(facts.read_text().replace('    label: "Goods trade, 2024"\n', "")
                     .replace('    label: "Goods trade, 2023"\n', ""))
    done = briefing("render", "--format", "html", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    svg = (tmp_path / "out" / "briefing.html").read_text().split("<svg", 1)[1].split("</svg>")[0]
    labels = re.findall(r">([^<>]+)</text>", svg)
    assert "US goods trade with Pakistan, 2023" in labels and "US goods trade with Pakistan, 2024" in labels
    assert not any(re.fullmatch(r"\d{4}", label.strip()) for label in labels)


def test_no_appendix_leaves_the_quotes_out_but_keeps_the_record(tmp_path: Path) -> None:
    copy_project(MINIMAL, tmp_path)
    done = briefing("render", "--format", "pdf", "--no-appendix", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    reader = PdfReader(tmp_path / "out" / "briefing.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Appendix" not in text and "US total goods trade with Pakistan" not in text
    assert "Second call" not in text or "NOTES" in text.upper()
    assert list(reader.attachments) == ["verification.json"]


def test_attachment_names_carry_the_title_and_the_as_of_date() -> None:
    day = dt.date(2025, 8, 4)
    assert file_stem("United States – Pakistan: Trade", "US–Pakistan", "briefing", day) == \
        "us-pakistan-briefing-2025-08-04"
    assert file_stem("Café talks: Pakistan, trade and more", None, "factsheet", day) == \
        "cafe-talks-pakistan-trade-factsheet-2025-08-04"
