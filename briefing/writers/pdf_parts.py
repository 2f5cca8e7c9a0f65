"""Lay a long briefing out a part at a time, into one PDF: bounded memory, the same pages.

WeasyPrint holds a whole document's layout until its PDF is written; for a
long briefing that is most of the render's memory. Here the body is cut into
parts (:mod:`briefing.writers.pdf_chunks`) and each part is laid out alone,
then painted, tagged and linked into one PDF (WeasyPrint's own drawing,
tagging and font code, driven page by page), and freed before the next part.

* **The same page breaks.** A part is laid out a little beyond what it keeps:
  its last page (whose layout depends on where the part ends) is dropped, and
  the next part begins with the unit that began the first dropped page, on a
  new page, as the whole document would have.
* **Page X of Y and running headers.** The page margins are laid out last, in
  one small document of as many pages as the body had, whose pages set the same
  named strings (``string-set``) in the same order as the body's pages did, so
  that ``counter(page)``, ``counter(pages)`` and ``string()`` print what one
  whole layout prints. Their content is added to each page's content stream.
* **Links, notes, outline, tags.** Internal links name their anchors (PDF named
  destinations), so a note mark links to its note parts later; each page's
  structure elements (PDF/UA) join one structure tree; fonts are subset once.
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from typing import Any, Callable

from briefing.writers.pdf_assembly import PdfAssembly, release_memory
from briefing.writers.pdf_chunks import Parts, escape, start_tag, write_element

#: Metadata setter: given WeasyPrint's DocumentMetadata, fills it in (title, authors...).
MetadataSetter = Callable[[Any], None]


#: How many pages back from a part's end a cut is looked for in plain block flow first.
PLAIN_CUT_PAGES = 2


def _in_flow(box: Any, plain: bool = True) -> Any:
    """``(box, plain)`` for ``box`` and its descendants, without fixed boxes (repeated on every page).

    ``plain`` is False inside a grid, flex or multi-column box, where a part
    that begins mid-way may lay its first page out a point differently. A
    table's header and footer rows, repeated on every page, are left out too.
    """
    style = box.style
    if style["position"] == "fixed" or getattr(box, "is_header", False) or getattr(box, "is_footer", False):
        return
    yield box, plain
    display = style["display"]
    plain = plain and not any("grid" in part or "flex" in part for part in display) \
        and style["column_count"] == "auto" and style["column_width"] == "auto"
    for child in getattr(box, "children", ()):
        yield from _in_flow(child, plain)


def _units_on(page_box: Any, start: int) -> dict[int, bool]:
    """The units (numbered ``start`` or later) with a box on this page, margins aside; True if in plain flow."""
    from weasyprint.formatting_structure.boxes import MarginBox

    found: dict[int, bool] = {}
    for child in page_box.children:
        if isinstance(child, MarginBox):
            continue
        for box, plain in _in_flow(child):
            element = box.element
            if element is not None and box.element_tag == element.tag:
                unit = element.get("data-briefing-unit")
                if unit is not None and int(unit) >= start:
                    found.setdefault(int(unit), plain)
    return found


PAGE_BREAKS = ("page", "left", "right", "recto", "verso")


def _forced(page_box: Any, unit: int) -> bool:
    """True if unit ``unit`` begins this page with a forced page break (``break-before: page``)."""
    for child in page_box.children:
        for box, _ in _in_flow(child):
            element = box.element
            if element is not None and box.element_tag == element.tag and element.get("data-briefing-unit") == str(unit):
                return box.style["break_before"] in PAGE_BREAKS
    return False


def _cut(pages: list[Any], start: int, stop: int, last: bool) -> tuple[int, int]:
    """How many pages of a part to keep, and the unit the next part begins with.

    A cut is a page that begins with a unit no earlier page holds (nothing
    straddles it); one whose first unit lies in plain block flow is preferred
    among the last PLAIN_CUT_PAGES pages.
    """
    if last:
        return len(pages), stop
    units = [_units_on(page._page_box, start) for page in pages]
    clean = [cut for cut in range(len(pages) - 1, 0, -1)
             if units[cut] and units[cut - 1] and min(units[cut]) > max(units[cut - 1])]
    for cut in clean:
        if cut < len(pages) - PLAIN_CUT_PAGES:
            break
        if units[cut][min(units[cut])]:
            return cut, max(units[cut - 1]) + 1
    if clean:
        return clean[0], max(units[clean[0] - 1]) + 1
    return len(pages), stop          # no clean page break: the next part begins on a new page


def _strings(page_box: Any) -> list[tuple[str, str]]:
    """The named strings this page sets, in order (``string-set``)."""
    from weasyprint.formatting_structure.boxes import MarginBox

    found: list[tuple[str, str]] = []
    for child in page_box.children:
        if isinstance(child, MarginBox):
            continue
        for box in [child, *child.descendants()]:
            sets = box.string_set
            if sets and sets != "none":
                found += [(name, text) for name, text in sets]
    return found


def _fixed(pages: list[Any]) -> list[ET.Element]:
    """The elements laid out as ``position: fixed`` boxes (repeated on every page of a part)."""
    seen: dict[int, ET.Element] = {}
    for page in pages:
        for box in page._page_box.descendants():
            if box.element is not None and box.style["position"] == "fixed" and box.element_tag == box.element.tag:
                seen.setdefault(id(box.element), box.element)
    return list(seen.values())


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def _margins_html(parts: Parts, strings: list[list[tuple[str, str]]]) -> str:
    """A document of one page per body page, each setting that page's strings (see the module docstring)."""
    out = ["<!DOCTYPE html>\n", start_tag(parts.root), start_tag(parts.head)]
    for child in parts.head:
        write_element(child, out)
    out += ["</head>", start_tag(parts.body)]
    page = ("height: 0 !important; overflow: hidden !important; margin: 0 !important; padding: 0 !important; "
            "border: 0 !important")
    for number, sets in enumerate(strings):
        out.append(f'<div style="{"break-before: page !important; " if number else ""}{page}">')
        out += [f'<div style="{escape(f"string-set: {name} {_css_string(text)}", True)}">.</div>'
                for name, text in sets]
        out.append("</div>")
    out.append("</body></html>")
    return "".join(out)


def write_in_parts(parts: Parts, base_url: str, fetcher: Any, options: dict[str, Any],
                   set_metadata: MetadataSetter, out: io.BytesIO) -> int:
    """Lay ``parts`` out part by part into one PDF written to ``out``; return its page count."""
    import weasyprint
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.pdf import VARIANTS
    from weasyprint.text.fonts import FontConfiguration

    options = {**DEFAULT_OPTIONS, **options}
    if options["pdf_variant"]:
        for key, value in VARIANTS[options["pdf_variant"]][1].items():
            if options.get(key) is None:
                options[key] = value
    font_config = FontConfiguration()
    writer: PdfAssembly | None = None
    metadata: Any = None
    strings: list[list[tuple[str, str]]] = []
    fixed: list[ET.Element] = []
    start, count, forced = 0, len(parts.units), False
    while start < count:
        stop = parts.stop_after(start)
        html = parts.html(start, stop, fixed if start else None, forced)
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            font_config=font_config, **options)
        del html
        keep, following = _cut(document.pages, start, stop, stop >= count)
        forced = following < count and keep < len(document.pages) and _forced(document.pages[keep]._page_box,
                                                                               following)
        if writer is None:
            writer, metadata = PdfAssembly(document, options), document.metadata
            fixed = _fixed(document.pages[:keep])
        for page in document.pages[:keep]:
            strings.append(_strings(page._page_box))
            writer.add_page(page, document)
        del document
        release_memory()                # the part's layout is cyclic garbage: free it before the next part
        start = following
    if writer is None:
        raise ValueError("the document has no content")
    margins = weasyprint.HTML(string=_margins_html(parts, strings), base_url=base_url,
                              url_fetcher=fetcher).render(font_config=font_config, **options)
    if len(margins.pages) != len(writer.pages):
        raise ValueError(f"the margins took {len(margins.pages)} pages for {len(writer.pages)}")
    for number, page in enumerate(margins.pages):
        writer.add_margins(number, page._page_box)
    del margins
    set_metadata(metadata)
    writer.finish(metadata, out)
    return len(writer.pages)
