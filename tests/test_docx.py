"""Tests of the Word writer: footnotes, comments, fields, styles, reproducibility, golden parts."""
from __future__ import annotations

import datetime as dt
import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree
from sample_document import sample_document

from briefing.writers.docx import reference_docx, write_docx
from briefing.writers.docx_notes import W_NS, canonical_parts, clean_text
from briefing.errors import RenderError

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "templates" / "reference.docx"
GOLDEN = Path(__file__).resolve().parent / "golden" / "docx"
NS = {"w": W_NS, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _load_script(name: str) -> ModuleType:
    """Import scripts/<name>.py (the scripts folder is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample_bytes() -> bytes:
    return write_docx(sample_document(), REFERENCE)


@pytest.fixture(scope="module")
def word(sample_bytes: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(sample_bytes))


def _footnotes(word: docx.document.Document) -> etree._Element:
    part = word.part.part_related_by(RT.FOOTNOTES)
    assert part.content_type == FOOTNOTES_CT
    return etree.fromstring(part.blob)


def _xp(element: etree._Element, path: str) -> list:
    """XPath with our prefixes (python-docx elements override ``xpath``'s signature)."""
    return etree._Element.xpath(element, path, namespaces=NS)


def _text(element: etree._Element) -> str:
    return "".join(_xp(element, ".//w:t/text()"))


def _notes() -> list[str]:
    """The notes of the sample's endnote marks, in reading order (one Word footnote each)."""
    return [mark.note for mark in sample_document().notes]


def test_reference_docx_picks_first_existing(tmp_path: Path) -> None:
    assert reference_docx([tmp_path, REFERENCE.parent]) == REFERENCE
    (tmp_path / "reference.docx").write_bytes(REFERENCE.read_bytes())
    assert reference_docx([tmp_path, REFERENCE.parent]) == tmp_path / "reference.docx"
    with pytest.raises(RenderError, match="No reference.docx"):
        reference_docx([tmp_path / "missing"])


def test_content_order_and_styles(word: docx.document.Document) -> None:
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert styles[0] == ("Title", "United States – Pakistan: Trade, Minerals and Security")
    assert styles[1] == ("Subtitle", "Background for principals")
    assert ("Subtitle", "As of August 4, 2025") in styles
    headings = [text for name, text in styles if name == "Heading 1"]
    assert headings == ["Bottom line", "Key figures", "Trade and tariffs", "Diplomacy", "Timeline", "Who’s who",
                        "Sources", "Appendix: provenance"]
    bottom = styles.index(("Heading 1", "Bottom line"))
    assert [text for _, text in styles[bottom + 1:bottom + 4]] == [b.text for b in sample_document().summary]
    used = {name for name, _ in styles}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet", "Quote", "Caption",
            "Marking"} <= used
    assert all(t.style.name == "Table Grid" for t in word.tables)
    ids = {s.style_id: s.name for s in word.styles}
    assert ids["FootnoteText"] == "footnote text" and ids["FootnoteReference"] == "footnote reference"
    assert "Briefing title (Title)" not in "\n".join(text for _, text in styles)  # reference body dropped


def test_facts_claims_and_statements(word: docx.document.Document) -> None:
    paragraphs = {p.text: p.style.name for p in word.paragraphs}
    assert paragraphs["The US applied a 29% tariff to Pakistani exports."] == "List Bullet"
    claim = "Both sides discussed collaboration on critical minerals. — Second call"   # attributed reporting
    assert paragraphs[claim] == "List Bullet"
    quote = "Dar said Pakistan wants deeper and more stable ties with the US. “Pakistan seeks deeper and more " \
            "stable ties with the US.”\n— Ishaq Dar, Deputy Prime Minister and Foreign Minister"
    assert paragraphs[quote] == "Quote"
    body = "\n".join(paragraphs)
    assert "qualitative claim" not in body.lower() and "UNPROVEN" not in body
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "line 19:30" in cells and sample_document().sources[0].sha256 in body


def test_footnotes_part_one_note_per_mark(word: docx.document.Document) -> None:
    root = _footnotes(word)
    notes = _xp(root, "w:footnote")
    assert [n.get(f"{{{W_NS}}}type") for n in notes[:2]] == ["separator", "continuationSeparator"]
    real = notes[2:]
    assert [_text(note).strip() for note in real] == _notes()   # the PDF's notes, in its order
    for note in real:
        assert _xp(note, "w:p/w:pPr/w:pStyle/@w:val") == ["FootnoteText"]
        ref = _xp(note, "w:p/w:r[w:footnoteRef]/w:rPr/w:rStyle/@w:val")
        assert ref == ["FootnoteReference"]


def test_footnote_references_in_body(word: docx.document.Document) -> None:
    body = word.element.body
    refs = _xp(body, ".//w:r[w:footnoteReference]")
    ids = [_xp(r, "w:footnoteReference/@w:id")[0] for r in refs]
    noted = [n.get(f"{{{W_NS}}}id") for n in _xp(_footnotes(word), "w:footnote")[2:]]
    assert ids == noted == [str(i) for i in range(1, len(noted) + 1)]
    assert all(_xp(r, "w:rPr/w:rStyle/@w:val") == ["FootnoteReference"] for r in refs)
    assert not _xp(body, ".//w:vertAlign")  # no hand-made superscripts


def test_notes_read_short_title_and_line() -> None:
    assert _notes()[0] == "Second call, line 12:1"
    assert "Second call, line 27:54" in _notes()


def test_comments_are_opt_in_and_quote_the_source(word: docx.document.Document) -> None:
    assert list(word.comments) == []   # the default draft is easy to edit: no balloons
    commented = docx.Document(io.BytesIO(write_docx(sample_document(), REFERENCE, comments=True)))
    doc = sample_document()
    facts = [f for s in doc.sections for f in s.facts]
    comments = list(commented.comments)
    assert len(comments) == len(facts)
    for comment, fact in zip(comments, facts):
        cite = fact.citations[0]
        assert comment.author == "briefing" and comment.initials == "BR"
        assert comment.text == f"Second call, line {cite.line}:{cite.column}: “{cite.quote}”"
        assert comment.timestamp == dt.datetime(2025, 8, 4, tzinfo=dt.timezone.utc)
    first = _xp(commented.element.body, ".//w:commentRangeStart")[0]
    assert _text(first.getnext()) == facts[0].text  # anchored on the fact's own text


def test_header_footer_marking_and_page_fields(word: docx.document.Document) -> None:
    section = word.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["UNCLASSIFIED"]
    footer = section.footer.paragraphs
    assert footer[0].text == "UNCLASSIFIED" and footer[1].text == "Page 1 of 1"
    instr = [t.strip() for t in _xp(footer[1]._p, ".//w:instrText/text()")]
    assert instr == ["PAGE", "NUMPAGES"]
    kinds = _xp(footer[1]._p, ".//w:fldChar/@w:fldCharType")
    assert kinds == ["begin", "separate", "end"] * 2
    assert round(section.page_width.mm) == 210


def test_core_properties(word: docx.document.Document) -> None:
    props = word.core_properties
    midnight = dt.datetime(2025, 8, 4, tzinfo=dt.timezone.utc)
    assert props.title == "United States – Pakistan: Trade, Minerals and Security"
    assert props.author == "Policy Planning Desk" and props.subject == "Background for principals"
    assert props.keywords == "Pakistan, trade" and props.language == "en"
    assert props.created == props.modified == midnight
    assert props.last_modified_by == "briefing" and props.revision == 1


def test_tables_repeat_header_rows_and_never_split(word: docx.document.Document) -> None:
    headers = [[c.text for c in t.rows[0].cells] for t in word.tables]
    assert headers == [["Figure", "What it measures"], ["Date", "Event"], ["Name", "Role", "Country"],
                       ["Notes", "Verbatim quote", "Where"]]
    for table in word.tables:
        rows = _xp(table._tbl, "w:tr")
        assert _xp(rows[0], "w:trPr/w:tblHeader")
        assert not any(_xp(r, "w:trPr/w:tblHeader") for r in rows[1:])
        assert all(_xp(r, "w:trPr/w:cantSplit") for r in rows)
        for row in rows:  # CT_TrPr order: cantSplit before tblHeader
            assert [etree.QName(e).localname for e in row.find(f"{{{W_NS}}}trPr")] in (
                ["cantSplit"], ["cantSplit", "tblHeader"])
    assert word.tables[0].rows[1].cells[0].text == "$7.3 billion"


def test_chart_picture_alt_text_and_caption(word: docx.document.Document) -> None:
    chart = sample_document().charts[0]
    assert len(word.inline_shapes) == 1
    doc_pr = _xp(word.element.body, ".//wp:inline/wp:docPr")[0]
    assert doc_pr.get("descr") == doc_pr.get("title") == chart.alt_text
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions == [f"Figure 1. {chart.title}. {chart.caption}"]
    image = word.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert word.part.related_parts[image].content_type == "image/png"


def test_draft_marks_header_and_unproven_facts() -> None:
    word = docx.Document(io.BytesIO(write_docx(sample_document(draft=True), REFERENCE)))
    assert [p.text for p in word.sections[0].header.paragraphs] == ["UNCLASSIFIED", "DRAFT - NOT VERIFIED"]
    text = "\n".join(p.text for p in word.paragraphs)
    assert "DRAFT - NOT VERIFIED" in text
    assert "critical minerals. — Second call [UNPROVEN: quote-not-found: the quote is not in " \
           "the source]" in text
    assert text.count("[UNPROVEN") == 1
    commented = docx.Document(io.BytesIO(write_docx(sample_document(draft=True), REFERENCE, comments=True)))
    minerals = [c.text for c in commented.comments if "critical minerals" in c.text][0]
    assert "Not proven: quote-not-found" in minerals


def test_control_characters_are_stripped() -> None:
    assert clean_text("a\x00b\x07c\td\ne\x1bf\r\ng\x7f") == "a b c\td\ne f\ng "
    data = write_docx(sample_document(text_override="Trade\x00 was\x0b $7.3\x1f billion."), REFERENCE)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    assert "Trade  was  $7.3  billion." in xml
    assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in xml)


def test_byte_identical_rerun(sample_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert write_docx(sample_document(), REFERENCE) == sample_bytes
    with zipfile.ZipFile(io.BytesIO(sample_bytes)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2025, 8, 4, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = write_docx(sample_document(), REFERENCE)
    with zipfile.ZipFile(io.BytesIO(again)) as package:
        assert {i.date_time for i in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert canonical_parts(again) == canonical_parts(sample_bytes)


def test_reference_without_footnotes_part(tmp_path: Path) -> None:
    plain = tmp_path / "reference.docx"
    docx.Document().save(str(plain))  # python-docx's own template: no footnotes, no custom styles
    word = docx.Document(io.BytesIO(write_docx(sample_document(draft=True), plain)))
    notes = _xp(_footnotes(word), "w:footnote[not(@w:type)]")
    assert len(notes) == len(_notes())


def test_bad_reference_is_a_render_error(tmp_path: Path) -> None:
    bad = tmp_path / "reference.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(RenderError, match="Cannot open the Word reference"):
        write_docx(sample_document(), bad)


def test_reference_docx_is_reproducible(tmp_path: Path) -> None:
    out = tmp_path / "reference.docx"
    _load_script("make_reference_docx").build(out)
    assert out.read_bytes() == REFERENCE.read_bytes(), "run scripts/make_reference_docx.py"
    word = docx.Document(str(out))
    assert word.part.part_related_by(RT.FOOTNOTES).content_type == FOOTNOTES_CT


def test_golden_parts(sample_bytes: bytes) -> None:
    """Part-by-part comparison; run scripts/regenerate_golden.py docx after intended changes."""
    golden = _load_script("regenerate_golden")
    expected = golden.read_folder(GOLDEN)
    actual = canonical_parts(sample_bytes)
    assert sorted(actual) == sorted(expected)
    for name in sorted(expected):
        assert actual[name] == expected[name], f"{name} differs from tests/golden/docx"
