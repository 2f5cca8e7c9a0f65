"""Tests of the PDF writer: content, metadata, attachment, paper, safety, reproducibility."""
from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sample_document import sample_document

from briefing.document.model import Document
from briefing.errors import UnsafeResource
from briefing.writers.html import builtin_template_dir, render_html
from briefing.writers.pdf import make_url_fetcher, page_count, write_pdf

DIRS = [builtin_template_dir()]


def _pdf(doc: Document, template: str = "briefing") -> bytes:
    return write_pdf(doc, render_html(doc, template, DIRS), DIRS)


@pytest.fixture(scope="module")
def briefing_pdf() -> bytes:
    return _pdf(sample_document())


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_briefing_text(briefing_pdf: bytes) -> None:
    text = " ".join(_text(briefing_pdf).split())
    assert page_count(briefing_pdf) >= 2
    for needle in ("$7.3 billion", "29%", "$6.9 billion", "UNCLASSIFIED", "Page 1 of",
                   "US total goods trade with Pakistan was an estimated $7.3 billion in 2024",
                   "Ishaq Dar", "Appendix: provenance", "August 4, 2025", "BOTTOM LINE"):
        assert needle in text, needle
    assert "QUALITATIVE CLAIM" not in text
    first = PdfReader(io.BytesIO(briefing_pdf)).pages[0].extract_text()
    assert first.count("UNCLASSIFIED") >= 2  # header and footer margin boxes


def test_metadata_and_tagging(briefing_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(briefing_pdf))
    doc = sample_document()
    info = reader.metadata
    assert info.title == doc.meta.title
    assert info.author == doc.meta.author
    assert info.subject == doc.subject
    assert "Pakistan" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:20250804")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    assert reader.outline, "bookmarks from headings"


def test_verification_json_attached(briefing_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(briefing_pdf))
    attachments = reader.attachments
    assert list(attachments) == ["verification.json"]
    assert attachments["verification.json"][0].decode() == sample_document().record_json


def test_byte_identical_rerun(briefing_pdf: bytes) -> None:
    assert _pdf(sample_document()) == briefing_pdf


def test_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pdf = _pdf(sample_document(), "factsheet")
    assert PdfReader(io.BytesIO(pdf)).metadata["/CreationDate"].startswith("D:20231114")


def test_factsheet_is_one_page() -> None:
    pdf = _pdf(sample_document(), "factsheet")
    assert page_count(pdf) == 1
    text = _text(pdf)
    assert "$7.3 billion" in text and "Page 1 of 1" in text and "July 25, 2025" in text


def test_draft_marking_on_every_page() -> None:
    pdf = _pdf(sample_document(draft=True))
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 2
    for page in pages:
        assert "DRAFT - NOT VERIFIED" in page.extract_text()
    assert "quote-not-found" in _text(pdf)


def test_paper_size() -> None:
    a4 = sample_document()
    letter = dataclasses.replace(a4, meta=dataclasses.replace(a4.meta, paper="Letter"))
    for doc, size in ((a4, (595, 842)), (letter, (612, 792))):
        box = PdfReader(io.BytesIO(_pdf(doc, "factsheet"))).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == size


def test_autoescaped_text_prints_literally() -> None:
    doc = sample_document(text_override="Trade <script>x</script> and {{ 7*7 }} here.")
    text = _text(_pdf(doc))
    assert "<script>x</script>" in text and "{{ 7*7 }}" in text


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://example.com/x.png",
                                 "https://example.com/a.css", "data:image/png;base64,iVBORw0KGgo="])
def test_unsafe_resources_refused(tmp_path: Path, url: str) -> None:
    (tmp_path / "briefing.html.j2").write_text(
        f'<html><body><h1>{{{{ doc.meta.title }}}}</h1><img src="{url}" alt="x"></body></html>',
        encoding="utf-8")
    dirs = [tmp_path, *DIRS]
    doc = sample_document()
    with pytest.raises(UnsafeResource, match="refused"):
        write_pdf(doc, render_html(doc, "briefing", dirs), dirs)


def test_escape_by_relative_path_refused(tmp_path: Path) -> None:
    (tmp_path / "briefing.html.j2").write_text(
        '<html><head><link rel="stylesheet" href="../../../../../../etc/passwd"></head>'
        "<body><p>x</p></body></html>", encoding="utf-8")
    dirs = [tmp_path, *DIRS]
    doc = sample_document()
    with pytest.raises(UnsafeResource):
        write_pdf(doc, render_html(doc, "briefing", dirs), dirs)


def test_files_inside_template_dir_allowed(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    fetcher = make_url_fetcher([tmp_path])
    assert fetcher((tmp_path / "logo.svg").as_uri()).read().startswith(b"<svg")
    with pytest.raises(UnsafeResource):
        fetcher("file:///etc/passwd")
    (tmp_path / "briefing.html.j2").write_text(
        '<html><body><p>Logo</p><img src="logo.svg" alt="logo"></body></html>', encoding="utf-8")
    dirs = [tmp_path, *DIRS]
    doc = sample_document()
    assert page_count(write_pdf(doc, render_html(doc, "briefing", dirs), dirs)) == 1


def test_factsheet_long_timeline_stays_one_page() -> None:
    import datetime as dt

    from briefing.document.model import TimelineEntry
    doc = sample_document(template="factsheet")
    meeting = doc.timeline[0].fact
    entries = tuple(TimelineEntry(dt.date(2025, 1, i + 1), f"January {i + 1}, 2025", meeting)
                    for i in range(20))
    pdf = _pdf(dataclasses.replace(doc, timeline=entries), "factsheet")
    assert page_count(pdf) == 1
    assert "6 latest of 20 events" in _text(pdf)


@pytest.mark.parametrize("template", ["briefing", "factsheet"])
@pytest.mark.parametrize("text", [
    # Printed as the key-figure label (no label): "$1.6 bil-" / "lion" broke the output audit.
    "Bilateral trade reached $1.6 billion in 2024.",
    "Officials estimated the shipments at $450 million in total.",
    "Transit times across the corridor fell by 40 percent in total.",
    "US goods trade with Pakistan was an estimated $7.3 billion in 2024.",
])
def test_scale_words_are_never_hyphenated(template: str, text: str) -> None:
    from briefing.writers.audit import audit_text, pdf_text
    doc = sample_document(text_override=text)
    doc = dataclasses.replace(doc, key_figures=tuple(dataclasses.replace(f, label=None) for f in doc.key_figures))
    pdf = _pdf(doc, template)
    assert audit_text(pdf_text(pdf), doc, template) == []
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    raw = "".join(page.get_textpage().get_text_range() for page in document)   # line ends as printed
    document.close()
    for word in ("billion", "million", "percent"):
        assert not any(f"{word[:k]}\u2010\r\n{word[k:]}" in raw for k in range(2, len(word) - 1)), word


def test_a_style_sheet_that_breaks_the_layout_engine_is_a_template_error(tmp_path: Path) -> None:
    """`* { columns: 2; }` makes WeasyPrint's footnote layout throw: a RenderError naming the CSS file."""
    from briefing.errors import RenderError

    own = tmp_path / "templates"
    own.mkdir()
    css = (builtin_template_dir() / "briefing.css").read_text(encoding="utf-8")
    (own / "briefing.css").write_text(css + "\n* { columns: 2; }\n", encoding="utf-8")
    dirs = [own, *DIRS]
    doc = sample_document()
    with pytest.raises(RenderError, match=r"templates/briefing\.css.*could not lay out"):
        write_pdf(doc, render_html(doc, "briefing", dirs), dirs)
