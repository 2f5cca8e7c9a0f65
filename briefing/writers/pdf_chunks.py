"""Cut a long briefing's HTML into parts that WeasyPrint lays out one at a time.

WeasyPrint keeps every box, style and Pango line of a document until its PDF
is written: about 270 KB per page, so a 2,000-fact briefing (89 pages) needs
700 MB. :mod:`briefing.writers.pdf_parts` lays a long briefing out a part at
a time instead; this module makes the parts.

The body is seen as a sequence of *units* in document order: the children of
block containers (``body``, ``main``, ``section``, ``div``, lists, tables...)
that hold only elements, down to elements that are not such containers (a
fact, a note, a table row, a quote of the appendix). A part is a run of units
that together hold about :data:`PART_TEXT` characters, written as a complete
HTML document: the same ``<head>`` (so the same style sheets), the same
``<html>`` and ``<body>`` attributes, and each unit inside copies of its
ancestors. An ancestor that began in an earlier part is *continued*: it is
marked :data:`CONTINUED` (the part's style sheet then drops its top margin,
border and padding, as a box broken across pages has them only on its first
page), a table keeps its ``thead``/``tfoot`` (repeated on every page) and an
ordered list starts at the number it had reached.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass

#: Characters of text in one part: about 15 pages of the built-in briefing
#: (BRIEFING_PART_TEXT sets another size, e.g. to try the parts on a short briefing).
PART_TEXT = 100_000
#: The attribute that numbers a unit (its index) in a part's HTML.
UNIT = "data-briefing-unit"
#: The attribute of a copy of an ancestor that began in an earlier part.
CONTINUED = "data-briefing-continued"
#: The attribute of the elements whose top margin meets the top of a part's first page.
FIRST = "data-briefing-first"
CONTINUED_CSS = (f"[{CONTINUED}] {{ margin-top: 0 !important; padding-top: 0 !important; "
                 f"border-top-width: 0 !important; }} [{FIRST}] {{ margin-top: 0 !important; }}")
CONTAINERS = frozenset({"body", "main", "section", "div", "ul", "ol", "dl", "table", "tbody", "aside", "article",
                        "header", "footer", "nav"})
REPEATED = frozenset({"thead", "tfoot"})    # kept in every part a table continues into
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})
RAW = frozenset({"style", "script"})


def part_text() -> int:
    """The characters of text in one part: BRIEFING_PART_TEXT if set to a positive number, else PART_TEXT."""
    configured = os.environ.get("BRIEFING_PART_TEXT", "").strip()
    return int(configured) if configured.isdigit() and int(configured) > 0 else PART_TEXT


@dataclass(frozen=True)
class Unit:
    """One unit of the body: the element and its ancestors below ``<html>``, outermost first."""

    element: ET.Element
    ancestors: tuple[ET.Element, ...]
    weight: int


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _splittable(element: ET.Element) -> bool:
    """True for a block container whose content is elements only (white space between them aside)."""
    if _local(element.tag) not in CONTAINERS or len(element) < 1:
        return False
    if (element.text or "").strip():
        return False
    return not any((child.tail or "").strip() or not isinstance(child.tag, str) for child in element)


class Parts:
    """The units of one HTML document, and the HTML of any run of them."""

    def __init__(self, html: str) -> None:
        import lxml.html

        # libxml2's parser, 40 times faster than the HTML5 one: this tree is only cut and written
        # back out; WeasyPrint parses each part with its own HTML5 parser.
        self.root = lxml.html.document_fromstring(html)
        head, body = self.root.find("head"), self.root.find("body")
        if head is None or body is None:
            raise ValueError("the HTML has no head or body")
        self.head, self.body = head, body
        self.units: list[Unit] = []
        self._first: dict[ET.Element, int] = {}      # a container -> the index of its first unit
        self._collect(body, ())
        for index, unit in enumerate(self.units):
            unit.element.set(UNIT, str(index))

    def _collect(self, element: ET.Element, ancestors: tuple[ET.Element, ...]) -> None:
        if _splittable(element):
            self._first[element] = len(self.units)
            for child in element:
                if isinstance(child.tag, str):
                    self._collect(child, ancestors + (element,))
            return
        weight = sum(len(text) for text in element.itertext()) + 1
        self.units.append(Unit(element, ancestors, weight))

    @property
    def weight(self) -> int:
        """The characters of text of the whole body."""
        return sum(unit.weight for unit in self.units)

    def stop_after(self, start: int, budget: int | None = None) -> int:
        """The end (exclusive) of the run from ``start`` that holds about ``budget`` characters."""
        budget = budget or part_text()
        total, stop = 0, start
        while stop < len(self.units) and (total < budget or stop == start):
            total += self.units[stop].weight
            stop += 1
        return stop

    def html(self, start: int, stop: int, extra: list[ET.Element] | None = None, forced: bool = False) -> str:
        """A complete HTML document of units ``start`` to ``stop``; ``extra`` elements open its body.

        A part after the first begins where the whole document broke a page:
        the margins that meet that break are truncated, as after an unforced
        break, unless ``forced`` (the break was a ``break-before: page``).
        """
        first: set[ET.Element] = set()
        if 0 < start < len(self.units) and not forced:
            element: ET.Element | None = self.units[start].element
            while element is not None and isinstance(element.tag, str):
                first.add(element)
                element = element[0] if len(element) and not (element.text or "").strip() else None
        out = ["<!DOCTYPE html>\n", start_tag(self.root), start_tag(self.head)]
        for child in self.head:
            write_element(child, out)
        out += [f"<style>{CONTINUED_CSS}</style></head>", start_tag(self.body)]
        for element in extra or []:
            write_element(element, out)
        open_: list[ET.Element] = []
        for unit in self.units[start:stop]:
            chain = unit.ancestors[1:]
            shared = 0
            while shared < min(len(open_), len(chain)) and open_[shared] is chain[shared]:
                shared += 1
            out += [f"</{_local(e.tag)}>" for e in reversed(open_[shared:])]
            del open_[shared:]
            for ancestor in chain[shared:]:
                self._open(ancestor, start, bool(first), out)
                open_.append(ancestor)
            write_element(unit.element, out, first)
        out += [f"</{_local(e.tag)}>" for e in reversed(open_)]
        out.append("</body></html>")
        return "".join(out)

    def _open(self, ancestor: ET.Element, start: int, first: bool, out: list[str]) -> None:
        """The start tag of ``ancestor`` in a part that begins at unit ``start`` (see the module docstring)."""
        extra: dict[str, str] = {}
        begins = self._first.get(ancestor, start)
        if begins < start:
            extra[CONTINUED] = ""
            if _local(ancestor.tag) == "ol":
                before = sum(1 for child in ancestor if isinstance(child.tag, str) and _local(child.tag) == "li"
                             and int(child.get(UNIT) or self._first.get(child, start)) < start)
                extra["start"] = str(int(ancestor.get("start", "1") or 1) + before)
        elif begins == start and first:
            extra[FIRST] = ""
        out.append(start_tag(ancestor, extra))
        out.append(escape(ancestor.text or ""))
        if begins < start:
            for child in ancestor:
                if isinstance(child.tag, str) and _local(child.tag) in REPEATED:
                    write_element(child, out)


def escape(text: str, attribute: bool = False) -> str:
    """``text`` escaped for HTML text (``&``, ``<``, ``>``), and ``"`` too in an attribute value."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if attribute else text


def serialize(element: ET.Element) -> str:
    """``element`` as HTML that the HTML5 parser reads back as the same tree (SVG included)."""
    out: list[str] = []
    write_element(element, out)
    return "".join(out)


def start_tag(element: ET.Element, extra: dict[str, str] | None = None) -> str:
    """The start tag of ``element``, with ``extra`` attributes added."""
    attributes = {**{_attribute_name(name): value for name, value in element.attrib.items()}, **(extra or {})}
    return f"<{_local(element.tag)}" + "".join(f' {name}="{escape(value, True)}"'
                                              for name, value in attributes.items()) + ">"


def write_element(element: ET.Element, out: list[str], first: set[ET.Element] | None = None) -> None:
    """Append ``element`` (and its tail) as HTML to ``out``; those in ``first`` get the FIRST attribute."""
    if not isinstance(element.tag, str):          # a comment or processing instruction
        out.append(escape(element.tail or ""))
        return
    tag = _local(element.tag)
    out.append(start_tag(element, {FIRST: ""} if first and element in first else None))
    if tag not in VOID:
        text = element.text or ""
        out.append(text if tag in RAW else escape(text))
        for child in element:
            write_element(child, out, first)
        out.append(f"</{tag}>")
    out.append(escape(element.tail or ""))


def _attribute_name(name: str) -> str:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        prefix = {"http://www.w3.org/1999/xlink": "xlink:", "http://www.w3.org/XML/1998/namespace": "xml:"}
        return prefix.get(namespace, "") + local
    return name
