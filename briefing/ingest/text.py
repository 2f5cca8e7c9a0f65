"""Plain text and Markdown sources: read as they are (UTF-8), with a Markdown title when there is one."""
from __future__ import annotations

import re

from briefing.ingest.extracted import Extracted, IngestError, Metadata

_MD_TITLE = re.compile(r"\A\s*#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def extract_text(raw: bytes, name: str) -> Extracted:
    """The text of a UTF-8 file, unchanged; a Markdown file's leading ``# Title`` is its title."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise IngestError(f"{name} is not UTF-8 (byte {error.start}, line {line}): convert it to UTF-8, "
                          "or save it as .pdf, .html or .docx if it is one") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise IngestError(f"{name} is empty: a source needs the text the quotes come from")
    title = None
    if name.lower().endswith((".md", ".markdown")):
        match = _MD_TITLE.match(text)
        title = match.group(1) if match else None
    return Extracted("text", text, [], Metadata(title=title))
