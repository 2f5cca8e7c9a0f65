"""Extraction on real documents the tests build: PDF pages, web page main text, Word paragraphs, the cache."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from source_documents import (ARTICLE, HEADER, PAGE_TWO_QUOTE, build_docx, build_html, build_pdf,
                              source_paragraphs)

from briefing.ingest.cache import cache_path, derived_text
from briefing.ingest.extracted import IngestError, extract, kind_of
from briefing.load.sources import SourceText
from briefing.text.normalize import normalize
from briefing.verify.quotes import closest_passage, find_quote


@pytest.fixture(scope="module")
def pdf_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf").read_bytes()


def _source(raw: bytes, kind: str, name: str) -> SourceText:
    extracted = extract(raw, kind, name)  # type: ignore[arg-type]
    return SourceText(id="s", path=Path(name), text=extracted.text, sha256="", kind=kind,
                      locations=extracted.locations)


def test_every_sentence_of_the_pdf_is_found(pdf_bytes: bytes) -> None:
    """Lines, hyphenated words, page breaks, header and footer: every sentence reads as in the source."""
    source = _source(pdf_bytes, "pdf", "report.pdf")
    sentences = [s for para in source_paragraphs() for s in re.split(r"(?<=[.!?])\s+", para) if s.strip()]
    missing = [s for s in sentences if find_quote(source, s) is None]
    assert missing == []
    assert HEADER not in source.text and not re.search(r"Page \d+ of \d+", source.text)
    assert "\u2010" not in source.text                         # no hyphenation mark is left


def test_pdf_pages_hold_what_pypdf_reads_there(pdf_bytes: bytes, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pages = [normalize(page.extract_text()) for page in PdfReader(build_pdf(tmp_path / "r.pdf")).pages]
    assert len(pages) == 5 and "April 7, 2025, U.S. Secretary of State" in pages[1]   # the fixture's premise
    source = _source(pdf_bytes, "pdf", "report.pdf")
    match = find_quote(source, PAGE_TWO_QUOTE)
    assert match is not None and source.location(match.start, match.end) == "page 2"
    checked = 0
    for number, page in enumerate(pages, start=1):
        words = page.split()
        at = next(i for i in range(len(words) // 2, len(words))          # five words from mid-page, none
                  if not any(w.endswith(("-", "\u2010")) for w in words[i:i + 5]))   # hyphenated by the layout
        probe = " ".join(words[at:at + 5])
        hit = find_quote(source, probe)
        assert hit is not None, probe
        assert source.location(hit.start, hit.end) == f"page {number}", probe
        checked += 1
    assert checked == 5


def test_a_quote_across_a_page_break_names_both_pages(pdf_bytes: bytes) -> None:
    source = _source(pdf_bytes, "pdf", "report.pdf")
    (offset, _), = [(o, label) for o, label in source.locations if label == "page 3"]
    start = source.text.rfind(" ", 0, offset - 30)
    quote = source.text[start:offset + 40].strip()
    match = find_quote(source, quote)
    assert match is not None and source.location(match.start, match.end) == "pages 2-3"


def test_closest_passage_works_on_pdf_text(pdf_bytes: bytes) -> None:
    source = _source(pdf_bytes, "pdf", "report.pdf")
    wrong = PAGE_TWO_QUOTE.replace("dialed up", "phoned")
    assert find_quote(source, wrong) is None
    closest = closest_passage(source, wrong)
    assert closest is not None and closest.score > 85
    assert 'the quote has "phoned" where the source has "dialed up"' in closest.differences


def test_hyphenation_joined_real_hyphens_kept(pdf_bytes: bytes) -> None:
    """Every word of the source reads whole: hyphenated ones joined, compounds keep their hyphen."""
    text = normalize(extract(pdf_bytes, "pdf", "report.pdf").text)
    words = set(re.findall(r"[\w'-]+", text))
    expected = {w for para in source_paragraphs() for w in re.findall(r"[\w'-]+", normalize(para))}
    assert expected - words == set()
    assert {"supply-chain", "Taliban-controlled", "collaboration"} <= words


def test_pdf_title_from_its_metadata_only(pdf_bytes: bytes, tmp_path: Path) -> None:
    assert extract(pdf_bytes, "pdf", "r.pdf").metadata.title == "US and Pakistan Discuss Security, Trade, and UN Role"
    untitled = build_pdf(tmp_path / "untitled.pdf", title=None).read_bytes()
    assert extract(untitled, "pdf", "u.pdf").metadata.title is None


def test_ligatures_resolve() -> None:
    source = SourceText(id="s", path=Path("s.txt"), text="The of\ufb01cial \ufb02ow of \ufb01nance.", sha256="")
    assert find_quote(source, "official flow of finance") is not None


def test_html_main_text_only(tmp_path: Path) -> None:
    extracted = extract(build_html(tmp_path / "a.html").read_bytes(), "html", "a.html")
    for absent in ("cookie", "Home", "Press releases", "dataLayer", "$99 billion", "Late script", "Related",
                   "budget", "All rights reserved"):
        assert absent not in extracted.text
    assert extracted.text.split("\n\n") == [
        "Joint Statement on US-Pakistan Trade",
        "The United States and Pakistan concluded a reciprocal trade agreement on July 30, 2025, after four "
        "rounds of talks in Washington.",
        "Tariffs",
        "The agreement sets a reciprocal tariff of 19 percent on Pakistani goods entering the United States, "
        "down from the 29 percent announced in April.",
        "US total goods trade with Pakistan was an estimated $7.3 billion in 2024, according to the Office of "
        "the United States Trade Representative.",
        "Minerals and energy",
        "Both sides will explore cooperation in critical minerals, energy and information technology, "
        "officials said in the statement."]
    meta = extracted.metadata
    assert (meta.title, meta.publisher, meta.published) == (
        "Joint Statement on US-Pakistan Trade", "Office of the United States Trade Representative", "2025-07-31")


def test_html_line_breaks_keep_words_apart() -> None:
    page = ("<html><body><article><h1>Readout</h1><p>The ministers met in Lisbon.<br>They agreed to meet "
            "again in the autumn, officials said after the talks.</p>" + "<p>Both sides welcomed the progress "
            "made on tariffs and on market access for farm goods.</p>" * 2 + "</article></body></html>")
    text = extract(page.encode(), "html", "r.html").text
    assert "Lisbon. They agreed" in text


def test_html_metadata_is_never_guessed() -> None:
    page = ("<html><head><title>Statement</title><link rel='canonical' href='https://www.state.gov/x'>"
            "<meta name='twitter:site' content='@statedept'></head><body><article><h1>Statement</h1>"
            + "<p>The Secretary met the Foreign Minister of Pakistan in Washington to discuss trade.</p>" * 3
            + "</article></body></html>")
    meta = extract(page.encode(), "html", "s.html").metadata
    assert meta.publisher is None and meta.published is None and meta.title == "Statement"


def test_html_section_locations(tmp_path: Path) -> None:
    source = _source(build_html(tmp_path / "a.html").read_bytes(), "html", "a.html")
    match = find_quote(source, "an estimated $7.3 billion in 2024")
    assert match and source.location(match.start, match.end) == 'section "Tariffs", paragraph 3'
    match = find_quote(source, "concluded a reciprocal trade agreement")
    assert match and source.location(match.start, match.end) == \
        'section "Joint Statement on US-Pakistan Trade", paragraph 1'


def test_docx_paragraphs_tables_and_sections(tmp_path: Path) -> None:
    extracted = extract(build_docx(tmp_path / "r.docx").read_bytes(), "docx", "r.docx")
    assert extracted.text.split("\n\n") == [
        "Readout of the Trade Minister's Call", "The Minister spoke with her Pakistani counterpart on Tuesday.",
        "Tariffs", "Both sides welcomed the reciprocal tariff of 19 percent agreed in July.", "Next steps",
        "Officials will meet again in Islamabad in September.", "Goods trade, 2024 | $7.3 billion"]
    assert extracted.metadata.title == "Readout of the Trade Minister's Call"
    source = _source(build_docx(tmp_path / "r.docx").read_bytes(), "docx", "r.docx")
    match = find_quote(source, "$7.3 billion")
    assert match and source.location(match.start, match.end) == 'section "Next steps", paragraph 4'


def test_markdown_and_text_as_they_are() -> None:
    raw = "# Readout\n\nThe *two* sides met.\n".encode()
    extracted = extract(raw, "text", "readout.md")
    assert extracted.text == raw.decode() and extracted.metadata.title == "Readout" and extracted.locations == []
    assert [kind_of(n) for n in ("a.PDF", "b.htm", "c.docx", "d.md", "e.txt")] == \
        ["pdf", "html", "docx", "text", "text"]


def test_same_bytes_same_text(pdf_bytes: bytes, tmp_path: Path) -> None:
    first, second = extract(pdf_bytes, "pdf", "a.pdf"), extract(pdf_bytes, "pdf", "b.pdf")
    assert (first.text, first.locations) == (second.text, second.locations)


def test_cache_is_used_and_rederived_when_missing_or_torn(pdf_bytes: bytes, tmp_path: Path) -> None:
    import hashlib

    digest = hashlib.sha256(pdf_bytes).hexdigest()
    fresh = derived_text(tmp_path, pdf_bytes, digest, "pdf", "r.pdf")
    entry = cache_path(tmp_path, digest, "pdf")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["text"] = data["text"].replace("Rubio", "Robio")      # a torn or edited entry: its digest disagrees
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert derived_text(tmp_path, pdf_bytes, digest, "pdf", "r.pdf").text == fresh.text
    entry.unlink()
    assert derived_text(tmp_path, pdf_bytes, digest, "pdf", "r.pdf").text == fresh.text and entry.exists()
    assert derived_text(tmp_path, b"not read: the cache answers", digest, "pdf", "r.pdf").text == fresh.text


@pytest.mark.parametrize("raw, kind, message", [
    (b"%PDF-1.7\n garbage", "pdf", "not a readable PDF"),
    (b"", "text", "empty"),
    (b"<html><body><nav>Home</nav></body></html>", "html", "no main text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "docx", "encrypted or an old Word"),
])
def test_bad_documents_are_clear_errors(raw: bytes, kind: str, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        extract(raw, kind, "doc")  # type: ignore[arg-type]


def test_article_fixture_has_the_clutter_it_claims() -> None:
    for clutter in ("<nav>", "cookie-banner", "<aside>", "<script>", "<footer>"):
        assert clutter in ARTICLE
