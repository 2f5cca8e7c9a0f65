"""Generate templates/reference.docx, the Word reference document of every briefing.

Like Pandoc's reference documents: the DOCX writer takes all styles, page
margins and the footnotes part from this file and drops its body.  Restyle
Title, Heading 1-3, List Bullet, Quote, Table Grid, footnote text, Caption...
in Word and save as ``templates/reference.docx`` in a project to restyle every
briefing.  Run ``python scripts/make_reference_docx.py [OUT]``; output is
byte-for-byte reproducible.
"""
from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402  (python-docx)
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_COLOR_INDEX  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402
from docx.shared import Cm, Pt, RGBColor  # noqa: E402

from briefing.writers.docx_notes import (  # noqa: E402
    FOOTNOTES_CT, FOOTNOTES_RT, default_footnotes_xml, normalise_zip, w,
)

NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x5B, 0x65, 0x73)
RED = RGBColor(0xC0, 0x00, 0x00)
STAMP = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)

# Word's built-in note and comment styles, by their internal names and ids.
EXTRA_STYLES = (
    ("paragraph", "FootnoteText", "footnote text", 99,
     '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
     '<w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>'),
    ("character", "FootnoteReference", "footnote reference", 99,
     '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
    ("paragraph", "CommentText", "annotation text", 99,
     '<w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr>'
     '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'),
    ("character", "CommentReference", "annotation reference", 99,
     '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'),
)
FIRST_ROW = ('<w:tblStylePr {ns} w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
             '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE3EC"/></w:tcPr></w:tblStylePr>')


def _add_builtin_styles(document: docx.document.Document) -> None:
    """Add the footnote and comment styles python-docx's template lacks."""
    styles = document.styles.element
    for kind, style_id, name, priority, props in EXTRA_STYLES:
        base = '<w:basedOn w:val="Normal"/>' if kind == "paragraph" else \
            '<w:basedOn w:val="DefaultParagraphFont"/>'
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'{base}<w:uiPriority w:val="{priority}"/><w:unhideWhenUsed/>{props}</w:style>'))


def _tune_styles(document: docx.document.Document) -> None:
    """Give the briefing styles a restrained government-memo look."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, color in (("Title", 24, NAVY), ("Subtitle", 14, GREY), ("Heading 1", 15, NAVY),
                              ("Heading 2", 12.5, NAVY), ("Heading 3", 11, GREY)):
        styles[name].font.size, styles[name].font.color.rgb = Pt(size), color
    styles["Heading 1"].paragraph_format.space_before = Pt(18)
    styles["Heading 1"].paragraph_format.space_after = Pt(6)
    styles["Heading 2"].paragraph_format.space_before = Pt(12)
    styles["List Bullet"].paragraph_format.space_after = Pt(3)
    quote = styles["Quote"]
    quote.paragraph_format.left_indent = quote.paragraph_format.right_indent = Cm(1)
    quote.font.color.rgb = GREY
    caption = styles["Caption"]
    caption.font.size, caption.font.color.rgb, caption.font.bold = Pt(9), GREY, False
    caption.font.italic = True
    caption.paragraph_format.space_after = Pt(12)
    styles["Table Grid"].element.append(parse_xml(FIRST_ROW.format(ns=nsdecls("w"))))
    marking = styles.add_style("Marking", WD_STYLE_TYPE.PARAGRAPH)
    marking.base_style, marking.font.bold, marking.font.color.rgb = normal, True, RED
    marking.font.all_caps = True
    unproven = styles.add_style("Unproven", WD_STYLE_TYPE.CHARACTER)
    unproven.font.bold, unproven.font.color.rgb = True, RED
    unproven.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _add_footnotes_part(document: docx.document.Document) -> None:
    """A footnotes part with the separators, and settings naming them (Word's convention)."""
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, default_footnotes_xml(),
                document.part.package)
    document.part.relate_to(part, FOOTNOTES_RT)
    settings = document.settings.element
    props = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
                      '</w:footnotePr>')
    settings.find(w("compat")).addprevious(props)  # CT_Settings: footnotePr precedes compat


def _sample_body(document: docx.document.Document) -> None:
    """One paragraph per style, so the styles are easy to find and restyle in Word."""
    body = document.element.body
    for child in list(body):
        if child.tag != w("sectPr"):
            body.remove(child)
    document.add_paragraph("Briefing title (Title)", style="Title")
    document.add_paragraph("Subtitle (Subtitle)", style="Subtitle")
    document.add_paragraph("UNCLASSIFIED (Marking)", style="Marking")
    document.add_paragraph("This is the reference document of briefing's Word drafts. Only its "
                           "styles, page margins and footnote separators are used; "
                           "this text is ignored. Restyle, save, and place it in templates/.")
    for level in (1, 2, 3):
        document.add_heading(f"Heading {level}", level=level)
    document.add_paragraph("A fact (List Bullet) ", style="List Bullet").add_run(
        "[UNPROVEN: example] (Unproven)", style="Unproven")
    document.add_paragraph("\u201cA statement.\u201d (Quote)", style="Quote")
    document.add_paragraph("Figure 1. A chart caption (Caption)", style="Caption")
    table = document.add_table(rows=2, cols=2, style="Table Grid")
    for cell, text in zip(table._cells, ("Header", "Row (Table Grid)", "Cell", "Cell")):
        cell.text = text


def build(out: Path) -> None:
    """Write the reference document to ``out``."""
    document = docx.Document()
    _add_builtin_styles(document)
    _tune_styles(document)
    _add_footnotes_part(document)
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # python-docx's sample thumbnail would mislead
            package.rels.pop(rid)
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):  # Word 2010 copy that would shadow styles.xml
            document.part.rels.pop(rid)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1)
    _sample_body(document)
    props = document.core_properties
    props.title, props.author, props.subject = "Briefing reference document", "briefing", ""
    props.comments, props.keywords, props.last_modified_by = "", "", "briefing"
    props.created = props.modified = STAMP
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    out.write_bytes(normalise_zip(buffer.getvalue(), STAMP))


def main(argv: list[str]) -> int:
    """CLI entry: ``make_reference_docx.py [OUT]`` (default templates/reference.docx)."""
    out = Path(argv[0]) if argv else ROOT / "templates" / "reference.docx"
    build(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
