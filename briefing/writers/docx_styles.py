"""Word styles by name, looked up once per document.

python-docx resolves a style name on every paragraph and run it styles by
scanning every style of the document (and again to find the default style),
so a Word draft of thousands of facts spent most of its time there. Here the
names are resolved once, and paragraphs and runs get the style id directly,
exactly as python-docx would write it (no id for a default style).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run


class StyleIds:
    """Style name -> the id a paragraph or run carries, read from ``word`` on first use."""

    def __init__(self, word: "WordDocument") -> None:
        self.word = word
        self._ids: dict[str, str | None] | None = None

    def ids(self) -> dict[str, str | None]:
        """Every style's name and id (None for the default paragraph and character styles)."""
        if self._ids is None:
            from docx.enum.style import WD_STYLE_TYPE

            kinds = (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER)
            defaults = {style.style_id for style in map(self.word.styles.default, kinds) if style is not None}
            self._ids = {style.name: (None if style.style_id in defaults else style.style_id)
                         for style in self.word.styles}
        return self._ids

    def has(self, name: str) -> bool:
        """True if the document defines a style of this name."""
        return name in self.ids()

    def id_of(self, name: str) -> str | None:
        """The id to write for style ``name``; KeyError (as python-docx raises) if there is none."""
        ids = self.ids()
        if name not in ids:
            raise KeyError(f"no style with name '{name}'")
        return ids[name]

    def paragraph(self, text: str, style: str | None) -> "Paragraph":
        """A new body paragraph with ``text`` in ``style``."""
        paragraph = self.word.add_paragraph(text)
        if style is not None and (style_id := self.id_of(style)) is not None:
            paragraph._p.style = style_id
        return paragraph

    def run(self, paragraph: "Paragraph", text: str, style: str | None) -> "Run":
        """A new run of ``paragraph`` with ``text`` in character style ``style``."""
        run = paragraph.add_run(text)
        if style is not None and (style_id := self.id_of(style)) is not None:
            run._r.style = style_id
        return run
