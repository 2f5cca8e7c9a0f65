"""The PDF audit reads a page as a reader sees it: figures injected in every style are caught.

Each case injects HTML into a real briefing (the built-in template and its
CSS) and renders it with WeasyPrint; the audit reads the PDF back with PDFium.
"Caught" figures are not stated by any fact and must be reported; "clean"
ones are the facts' own figures in the same styles and must pass.
"""
from __future__ import annotations

import pytest
from sample_document import sample_document

from briefing.document.model import Document
from briefing.writers.audit import audit_text, pdf_part_text, pdf_text
from briefing.writers.html import builtin_template_dir, render_html
from briefing.writers.pdf import write_pdf
from briefing.writers.pdf_text import pdf_pages_text

DIRS = [builtin_template_dir()]

# (case, injected HTML, text the audit's problem must name)
CAUGHT = [
    ("plain", "<p>Exports reached $8.6 billion.</p>", "8.6"),
    ("letter-spacing-0.3em", '<p style="letter-spacing: 0.3em">Exports reached $5.4 billion.</p>', "5.4"),
    ("letter-spaced-digits-only", '<p>Ships: <span style="letter-spacing: 0.3em">2,718</span>.</p>', "2,718"),
    ("letter-spaced-small-number", '<p>Seats: <span style="letter-spacing: 0.3em">17</span> now.</p>', "17"),
    ("letter-spaced-capitals", '<h2 style="letter-spacing: 0.16em; text-transform: uppercase">'
     "Trade fell 17.5 percent</h2>", "17.5"),
    ("superscript", "<p>Trade grew<sup>41.7</sup> fast.</p>", "41.7"),
    ("footnote-call-style", '<p>Trade<a class="mark">4,812</a> rose.</p>', "4,812"),   # an endnote mark's style
    ("small-caps-figure", '<p style="font-variant: small-caps">A 12.5 percent rise.</p>', "12.5"),
    ("small-caps-date", '<p style="font-variant: small-caps">Signed on August 9, 2025.</p>', "August 9, 2025"),
    ("uppercase-date", '<p style="text-transform: uppercase">signed march 14, 2031</p>', "14, 2031"),
    ("svg-text", '<svg width="300" height="30"><text x="5" y="20" font-size="12">Exports $3.9 billion</text></svg>',
     "3.9"),
    ("svg-letter-spaced", '<svg width="300" height="30"><text x="5" y="20" font-size="12" letter-spacing="4">'
     "66.4%</text></svg>", "66.4"),
    ("range-broken-at-its-dash", '<p style="width: 6mm; hyphens: none">$6–9 trillion</p>', "6-9"),
]

# (case, injected HTML): the facts' own figures, printed in the same styles
CLEAN = [
    ("footnote-call-after-a-year", '<p>Trade was $7.3 billion in 2024.<a class="mark">3</a> More.</p>'),
    ("superscript-after-a-figure", "<p>The tariff is 29%<sup>2</sup> now.</p>"),
    ("letter-spacing-0.3em", '<p style="letter-spacing: 0.3em">$6.9 billion in 2023</p>'),
    ("hyphenated-scale-word", '<p style="width: 18mm; hyphens: manual; font-size: 9.5pt">Trade of $7.3 bil&shy;lion</p>'),
    ("small-caps-date", '<p style="font-variant: small-caps">They met on July 25, 2025.</p>'),
    ("uppercase-date", '<p style="text-transform: uppercase">met july 25, 2025</p>'),
    ("svg-text", '<svg width="300" height="30"><text x="5" y="20" font-size="12">Goods trade $7.3 billion</text></svg>'),
]


def _render(doc: Document, blocks: list[str]) -> bytes:
    html = render_html(doc, "briefing", DIRS)
    injected = "".join(f"<section class='injected'>{block}</section>" for block in blocks)
    return write_pdf(doc, html.replace("</body>", injected + "</body>", 1), DIRS)


@pytest.fixture(scope="module")
def doc() -> Document:
    return sample_document()


@pytest.fixture(scope="module")
def caught_problems(doc: Document) -> list[str]:
    return audit_text(pdf_text(_render(doc, [html for _, html, _ in CAUGHT])), doc, "briefing.pdf")


@pytest.fixture(scope="module")
def clean_pdf(doc: Document) -> bytes:
    return _render(doc, [html for _, html in CLEAN])


@pytest.mark.parametrize("case, html, named", CAUGHT, ids=[case for case, _, _ in CAUGHT])
def test_an_injected_figure_is_caught(caught_problems: list[str], case: str, html: str, named: str) -> None:
    printed = [problem.split('"')[1] for problem in caught_problems]     # 'prints "$8.6 billion" (...)'
    assert any(named in figure for figure in printed), caught_problems


def test_the_facts_own_figures_pass_in_every_style(clean_pdf: bytes, doc: Document) -> None:
    assert audit_text(pdf_text(clean_pdf), doc, "briefing.pdf") == []


@pytest.mark.parametrize("expected", [
    "$7.3 billion in 2024. 3",       # the call is apart from the year (raw text: "2024.3")
    "29% 2",
    "$6.9 billion in 2023",          # letter-spaced: one word per word (raw text: "$ 6 . 9")
    "Trade of $7.3 billion",         # the hyphenated scale word joined (raw text: "bil‐" / "lion")
    "July 25, 2025",
    "Goods trade $7.3 billion",      # SVG text keeps its word spaces
])
def test_the_clean_page_reads_as_printed(clean_pdf: bytes, expected: str) -> None:
    assert expected in " ".join(pdf_text(clean_pdf).split())


def test_the_raw_text_shows_what_the_reader_rules_undo(clean_pdf: bytes) -> None:
    """Without the rules PDFium's own text fuses the call and spaces the letters: the rules do work."""
    import pypdfium2

    document = pypdfium2.PdfDocument(clean_pdf)
    raw = " ".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    assert "2024.3" in raw
    assert "$ 6 . 9" in raw
    assert "bil\u2010" in raw


def test_parts_of_a_pdf_read_the_same_as_the_whole(clean_pdf: bytes) -> None:
    whole, count = pdf_part_text(clean_pdf)
    first, count_a = pdf_part_text(clean_pdf, 0, 2)
    second, count_b = pdf_part_text(clean_pdf, 1, 2)
    assert count == count_a == count_b >= 2
    assert "\n".join(part for part in (first, second) if part) == whole
    assert pdf_pages_text(clean_pdf)[1] == count


def test_a_tampered_bar_value_in_the_chart_svg_is_caught(doc: Document) -> None:
    """The chart writer's own SVG (bold, centred labels): a bar value no fact states is reported."""
    html = render_html(doc, "briefing", DIRS)
    assert html.count(">$6.9 billion</text>") == 1
    tampered = html.replace(">$6.9 billion</text>", ">$6.4 billion</text>").replace(
        ">2023</text>", ' letter-spacing="3">2031</text>')
    problems = audit_text(pdf_text(write_pdf(doc, tampered, DIRS)), doc, "briefing.pdf")
    printed = [problem.split('"')[1] for problem in problems]
    assert any("6.4" in figure for figure in printed), problems
    assert any("2031" in figure for figure in printed), problems
