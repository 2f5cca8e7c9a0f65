"""HTML sources: the main text of a saved web page (trafilatura), and what the page says about itself.

trafilatura finds the article body and leaves out navigation, asides,
footers, cookie banners, scripts and styles. Its XML output keeps headings
(``<head>``) apart from paragraphs, list items, quotes and table rows, and
each of those becomes one paragraph of the derived text, cited by its
section heading and paragraph number.

Metadata is only what the page states: the title, the site name (else the
author) as publisher, and the publication date from the page's own markup
(htmldate without its extensive search and without guessing from the URL).
A value trafilatura would infer (a site name made up from a host name or
retyped in title case) is not taken: every value must occur verbatim in the
page.
"""
from __future__ import annotations

import html as html_lib
import re

from briefing.ingest.extracted import Extracted, IngestError, Metadata, clean, join_blocks

_BLOCKS = {"head", "p", "item", "quote", "row", "code"}
_HOSTNAME = re.compile(r"^[\w-]+(\.[\w-]+)+$")


def extract_html(raw: bytes, name: str) -> Extracted:
    """The main text of a web page, one paragraph per block, with its own title, publisher and date."""
    import trafilatura
    from lxml import etree

    page = _decode(raw)
    xml = trafilatura.extract(page, output_format="xml", include_comments=False, include_tables=True,
                              include_links=False, include_formatting=False, include_images=False,
                              with_metadata=False, deduplicate=False, favor_precision=False)
    if not xml:
        raise IngestError(f"{name} has no main text that could be found (an index page, a page built by "
                          "scripts, or a login wall?): save the article page itself, or its printable version")
    tree = etree.fromstring(xml.encode("utf-8"))
    for line_break in tree.iter("lb"):               # <br> inside a paragraph: the words stay apart
        line_break.tail = " " + (line_break.tail or "")
    blocks: list[tuple[str, bool]] = []
    for element in tree.iter(*_BLOCKS):
        if any(parent.tag in _BLOCKS for parent in element.iterancestors()):
            continue                       # a paragraph inside a list item or a quote is read with it
        if element.tag == "row":
            text = " | ".join(" ".join("".join(cell.itertext()).split()) for cell in element.iter("cell"))
        else:
            text = " ".join(clean("".join(element.itertext())).split())
        if text.strip(" |"):
            blocks.append((text, element.tag == "head"))
    if not any(not heading for _, heading in blocks):
        raise IngestError(f"{name} has no main text that could be found: save the article page itself")
    return join_blocks(blocks, "html", _metadata(page))


def _decode(raw: bytes) -> str:
    """The page as text: its declared or sniffed encoding (trafilatura's own detection)."""
    from trafilatura.utils import decode_file

    return decode_file(raw)


def _metadata(page: str) -> Metadata:
    """Title, publisher and published date, each only when the page itself states it."""
    import trafilatura
    from htmldate import find_date

    found = trafilatura.extract_metadata(page)
    stated = html_lib.unescape(page)

    def verbatim(value: str | None) -> str | None:
        value = " ".join(value.split()) if value else None
        if not value or value not in " ".join(stated.split()):
            return None
        return value

    title = verbatim(found.title) if found else None
    sitename = verbatim(found.sitename) if found else None
    if sitename and _HOSTNAME.match(sitename):
        sitename = None
    author = verbatim(found.author) if found else None
    try:
        published = find_date(page, extensive_search=False, original_date=True, url=None)
    except Exception:  # noqa: BLE001 - htmldate fails on odd markup; a missing date is the honest answer
        published = None
    return Metadata(title=title, publisher=sitename or author, published=published)
