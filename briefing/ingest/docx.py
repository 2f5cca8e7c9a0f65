"""Word sources: the paragraphs of a .docx in document order (python-docx), tables included.

A paragraph styled as a heading (``Title``, ``Heading 1`` ...) starts a
section; the others are numbered through the document, so a citation reads
'section "Tariffs", paragraph 3'. The title comes from the document's core
properties when it has one; nothing else is inferred.
"""
from __future__ import annotations

import io
import zipfile

from briefing.ingest.extracted import Extracted, IngestError, Metadata, clean, join_blocks


def extract_docx(raw: bytes, name: str) -> Extracted:
    """The text of a Word document, one paragraph per paragraph (a table row is one paragraph)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise IngestError(f"{name} is encrypted or an old Word (.doc) file: save it as an unprotected .docx "
                          "and add that")
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise IngestError(f"{name} is not a readable Word document ({error}): open it in Word and save it "
                          "again as .docx") from None
    blocks: list[tuple[str, bool]] = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(clean(cell.text).split())
                    if text and (not cells or cells[-1] != text):      # a merged cell repeats itself
                        cells.append(text)
                if cells:
                    blocks.append((" | ".join(cells), False))
            continue
        text = " ".join(clean(item.text).split())
        if text:
            style = (item.style.name if item.style is not None else "") or ""
            blocks.append((text, style == "Title" or style.startswith("Heading")))
    if not any(not heading for _, heading in blocks):
        raise IngestError(f"{name} has no text: a source needs the paragraphs the quotes come from")
    title = (document.core_properties.title or "").strip() or None
    return join_blocks(blocks, "docx", Metadata(title=title))
