"""Word plumbing for the DOCX writer: footnotes, comments, fields, safe text, zip.

python-docx has no footnote API, so :class:`Footnotes` edits the
``word/footnotes.xml`` part directly: the reference document ships the
separator (id -1) and continuation separator (id 0) footnotes, and the writer
only appends numbered notes.  Everything here is plain lxml on the
WordprocessingML namespace; element order follows the CT_ sequences of the
ECMA-376 schema so Word opens the file without a repair prompt.  The package
is finally rewritten with fixed timestamps and member order (reproducible).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lxml import etree

from briefing.document.model import FactItem
from briefing.text.characters import CONTROL

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as WordDocument
    from docx.opc.part import Part
    from docx.section import Section
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
COMMENTS_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTE_TEXT = "FootnoteText"            # style ids (names: "footnote text", ...)
FOOTNOTE_REFERENCE = "FootnoteReference"
COMMENT_AUTHOR = "briefing"
COMMENT_INITIALS = "BR"



def w(tag: str) -> str:
    """The Clark name ``{w-namespace}tag`` of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


def clean_text(text: str | None) -> str:
    """Text safe for XML and python-docx: C0 controls (bar tab/newline) become spaces.

    ``\\r`` becomes a newline; every other control character (which python-docx
    refuses and XML 1.0 cannot hold) becomes a space.  All text goes through here.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub(" ", text)


def default_footnotes_xml() -> bytes:
    """A footnotes part holding only Word's separator and continuation separator."""
    root = etree.Element(w("footnotes"), nsmap={"w": W_NS})
    for note_id, kind, mark in (("-1", "separator", "separator"),
                                ("0", "continuationSeparator", "continuationSeparator")):
        note = etree.SubElement(root, w("footnote"), {w("type"): kind, w("id"): note_id})
        para = etree.SubElement(note, w("p"))
        ppr = etree.SubElement(para, w("pPr"))
        spacing = etree.SubElement(ppr, w("spacing"))
        spacing.set(w("after"), "0")
        spacing.set(w("line"), "240")
        spacing.set(w("lineRule"), "auto")
        etree.SubElement(etree.SubElement(para, w("r")), w(mark))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def comment_text(fact: FactItem) -> str:
    """A comment body: one paragraph per citation, plus any problems of a draft fact."""
    lines = [f"{c.short_title}, {c.where}: \u201c{c.quote}\u201d" for c in fact.citations]
    lines += [f"Not proven: {problem}" for problem in fact.problems]
    return clean_text("\n".join(lines) or "No citation.")


def prepare_reference(document: "WordDocument") -> "Part | None":
    """Drop the reference's body (keeping its sectPr) and comments; return its footnotes part."""
    body = document.element.body
    for child in list(body):
        if child.tag != w("sectPr"):
            body.remove(child)
    for rel in document.part.rels.values():
        if rel.reltype == COMMENTS_RT and not rel.is_external:
            for comment in list(rel.target_part.element):
                rel.target_part.element.remove(comment)
    return next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == FOOTNOTES_RT and not rel.is_external), None)


def store_footnotes(document: "WordDocument", part: "Part | None", notes: "Footnotes") -> dict[str, bytes]:
    """Put the finished footnotes in the package: a new part, or a zip member replacement.

    python-docx keeps an unknown part as an immutable blob, so an existing
    footnotes part is replaced when the package is rewritten (see :func:`normalise_zip`).
    """
    if part is not None:
        return {str(part.partname).lstrip("/"): notes.to_bytes()}
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    new = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, notes.to_bytes(), document.part.package)
    document.part.relate_to(new, FOOTNOTES_RT)
    return {}


class Footnotes:
    """The footnotes part being built: append notes, serialise once at the end."""

    def __init__(self, blob: bytes | None) -> None:
        parser = etree.XMLParser(remove_blank_text=False, resolve_entities=False)
        self.root = etree.fromstring(blob or default_footnotes_xml(), parser)
        for note in list(self.root.iter(w("footnote"))):  # a reference's own sample notes
            if note.get(w("type"), "normal") == "normal":
                self.root.remove(note)
        ids = [int(n.get(w("id"), "0")) for n in self.root.iter(w("footnote"))]
        self.next_id = max([0, *ids]) + 1
        self.count = 0

    def add(self, text: str) -> int:
        """Append a footnote holding ``text``; return its id."""
        note_id = self.next_id
        self.next_id += 1
        self.count += 1
        note = etree.SubElement(self.root, w("footnote"), {w("id"): str(note_id)})
        para = etree.SubElement(note, w("p"))
        etree.SubElement(etree.SubElement(para, w("pPr")), w("pStyle")).set(w("val"), FOOTNOTE_TEXT)
        ref = etree.SubElement(para, w("r"))
        etree.SubElement(etree.SubElement(ref, w("rPr")), w("rStyle")).set(w("val"), FOOTNOTE_REFERENCE)
        etree.SubElement(ref, w("footnoteRef"))
        run = etree.SubElement(para, w("r"))
        t = etree.SubElement(run, w("t"))
        t.text = " " + clean_text(text)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return note_id

    def to_bytes(self) -> bytes:
        """The serialised footnotes part."""
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_footnote_reference(paragraph: "Paragraph", note_id: int, after_another: bool = False) -> "Run":
    """Append a run ``<w:footnoteReference w:id=.../>`` in Footnote Reference style.

    ``after_another`` first adds a comma in the same style, so that notes 7 and 8
    read "7,8" rather than "78".
    """
    if after_another:
        comma = paragraph.add_run(",")
        etree.SubElement(comma._r.get_or_add_rPr(), w("rStyle")).set(w("val"), FOOTNOTE_REFERENCE)
    run = paragraph.add_run()
    etree.SubElement(run._r.get_or_add_rPr(), w("rStyle")).set(w("val"), FOOTNOTE_REFERENCE)
    etree.SubElement(run._r, w("footnoteReference")).set(w("id"), str(note_id))
    return run


def add_field(paragraph: "Paragraph", instruction: str, shown: str) -> None:
    """Append a complex field (begin, instrText, separate, cached result, end)."""
    def char_run(kind: str) -> None:
        etree.SubElement(paragraph.add_run()._r, w("fldChar")).set(w("fldCharType"), kind)

    char_run("begin")
    instr = etree.SubElement(paragraph.add_run()._r, w("instrText"))
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    char_run("separate")
    paragraph.add_run(shown)
    char_run("end")


def header_footer(section: "Section", marking: str, banner: str | None, banner_style: str | None) -> None:
    """Header: the marking (and a draft banner); footer: the marking and "Page N of M".

    The page numbers are real PAGE and NUMPAGES fields; any header or footer
    content of the reference document is replaced.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for story, style in ((section.header, "Header"), (section.footer, "Footer")):
        story.is_linked_to_previous = False
        for child in list(story._element):
            story._element.remove(child)
        lines = [story.add_paragraph(style=style) for _ in range(2 if style == "Footer" or banner else 1)]
        for para in lines:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        lines[0].add_run(marking).bold = True
        if style == "Header" and banner:
            lines[1].add_run(banner, style=banner_style).bold = True
        elif style == "Footer":
            lines[1].add_run("Page ")
            add_field(lines[1], "PAGE", "1")
            lines[1].add_run(" of ")
            add_field(lines[1], "NUMPAGES", "1")


@dataclass
class CommentShelf:
    """Comments taken out of the comments part while more are added (see :func:`add_comment`)."""

    parent: Any = None                                  # the w:comments element
    elements: list[Any] = field(default_factory=list)   # the w:comment elements set aside, in order


def add_comment(document: "WordDocument", runs: list["Run"], fact: FactItem, shelf: CommentShelf) -> None:
    """Anchor a comment quoting the fact's sources (line and column) on ``runs``.

    python-docx reads every comment to find the next id (n comments: n squared time), so
    earlier comments wait on ``shelf``; the ids stay the same."""
    comment = document.add_comment(runs, text=comment_text(fact), author=COMMENT_AUTHOR,
                                   initials=COMMENT_INITIALS)
    element = comment._comment_elm
    shelf.parent = element.getparent()
    for previous in shelf.parent.findall(w("comment")):
        if previous is not element:
            shelf.parent.remove(previous)
            shelf.elements.append(previous)


def finish_comments(document: "WordDocument", when: dt.datetime, first_id: int, shelf: CommentShelf) -> None:
    """Put shelved comments back; give comments fixed dates and ids from ``first_id`` on (after the footnotes').
    python-docx stamps comments with the wall clock (not reproducible) and numbers
    them from 0; LibreOffice 7.4 then mixes up footnotes whose ids equal comment
    ids, showing the wrong footnote text.  Ids stay sequential and unique.
    """
    for index, element in enumerate(shelf.elements):
        shelf.parent.insert(index, element)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    mapping: dict[str, str] = {}
    for index, comment in enumerate(document.comments):
        element = comment._comment_elm
        mapping[element.get(w("id"))] = str(first_id + index)
        element.set(w("id"), mapping[element.get(w("id"))])
        element.set(w("date"), stamp)
    anchors = (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))
    for anchor in document.element.body.iter(*anchors):
        anchor.set(w("id"), mapping.get(anchor.get(w("id")), anchor.get(w("id"))))


def normalise_zip(data: bytes, when: dt.datetime, replacements: dict[str, bytes] | None = None) -> bytes:
    """Rewrite a package with fixed timestamps, attributes and member order."""
    stamp = min(max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0)), (2107, 12, 31, 23, 59, 58))  # ZIP's range
    replacements = replacements or {}
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                target.writestr(info, replacements.get(name, source.read(name)), compresslevel=6)
    return out.getvalue()


def canonical_parts(data: bytes) -> dict[str, str]:
    """Each package part as comparable text: XML pretty-printed, binaries as sha256 lines.

    Keys are golden-file names: the part name, plus ``.sha256`` for binary parts.
    """
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    parts: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            blob = package.read(name)
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(blob, parser)
                parts[name] = etree.tostring(root, pretty_print=True, encoding="unicode")
            else:
                parts[name + ".sha256"] = hashlib.sha256(blob).hexdigest() + "\n"
    return parts
