"""Source documents: read safely, hash, normalise, and locate text in them.

A source path is relative to facts.yaml and must stay inside the project
folder (no absolute paths, no ``..`` or symlink that leads out). Files are
read byte-exact as UTF-8; a ``sha256`` pin that does not match is an error.
A PDF, HTML or DOCX source (by its suffix) is read through its derived text
(:mod:`briefing.ingest`), cached by sha256; its quotes are cited by page or
section as well as by line and column of that text.
"""
from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Callable

from briefing.findings import Finding
from briefing.ingest.extracted import IngestError, kind_of, location_of
from briefing.load.files import FileTooLarge, NotRegularFile, NotUtf8, decode_utf8, read_regular_file
from briefing.text.characters import line_starts, split_lines
from briefing.text.normalize import Normalized, normalize, normalize_with_map

if TYPE_CHECKING:
    from briefing.load.project import Project
    from briefing.load.model import Source

MAX_SOURCE_BYTES = 16 * 1024 * 1024
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024      # a PDF, HTML or Word source (its text is much smaller)
_CLOSES = re.compile(r"""[.!?:;"')\]\u201d\u2019]\s*$""")


@dataclass
class SourceText:
    """One source file: its original text, its normalised text and offsets between them."""

    id: str
    path: Path
    text: str
    sha256: str
    _norm: Normalized | None = field(default=None, repr=False)
    #: ``text`` (plain text or Markdown) or the format the text was derived from: ``pdf``, ``html``, ``docx``.
    kind: str = "text"
    #: (offset in ``text``, label) where each page, section or paragraph starts; empty for plain text.
    locations: list[tuple[int, str]] = field(default_factory=list, repr=False)

    @property
    def normalized(self) -> str:
        """The normalised text that quotes are looked up in."""
        return self._normalized.text

    @property
    def _normalized(self) -> Normalized:
        if self._norm is None:
            self._norm = normalize_with_map(self.text)
        return self._norm

    def location(self, start: int, end: int) -> str | None:
        """The page ("page 2"), or section and paragraph, holding normalised ``start:end``; None for text."""
        if not self.locations:
            return None
        return location_of(self.locations, self.original_offset(start), self.original_offset(max(end - 1, start)) + 1)

    @cached_property
    def _line_starts(self) -> list[int]:
        return line_starts(self.text)   # LF, CRLF, CR, U+2028 and U+2029 all end a line

    def original_offset(self, index: int) -> int:
        """The offset in the original text of ``index`` in the normalised text."""
        return self._normalized.to_original(index)

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) in the original file of normalised offset ``index``."""
        offset = self.original_offset(index)
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @cached_property
    def _paragraphs(self) -> list[tuple[int, int]]:
        """Paragraph spans in the original text: one line, continued while it ends mid-sentence.

        Every line end counts (LF, CRLF, CR, U+2028, U+2029): an old-Mac file is
        not one paragraph.
        """
        spans: list[tuple[int, int]] = []
        start: int | None = None
        for offset, end in split_lines(self.text):
            line = self.text[offset:end]
            if line.strip():
                if start is None:
                    start = offset
                if _CLOSES.search(line):
                    spans.append((start, end))
                    start = None
            elif start is not None:
                spans.append((start, offset))
                start = None
        if start is not None:
            spans.append((start, len(self.text)))
        return spans

    def paragraph_spans(self) -> list[tuple[int, int]]:
        """Every paragraph as (start, end) offsets in the original text, by the format's paragraph rule."""
        return list(self._paragraphs)

    def paragraph_at(self, index: int) -> str:
        """The normalised paragraph that holds normalised offset ``index``."""
        offset = self.original_offset(index)
        for start, end in self._paragraphs:
            if start <= offset <= end:
                return normalize(self.text[start:end])
        return ""


def resolve_source_path(root: Path, raw: str, real_dirs: dict[str, str] | None = None) -> tuple[Path | None, str | None]:
    """The file a source ``path`` names, or None and why it is refused.

    ``real_dirs`` caches the real path of each folder for one reading of
    many sources (``realpath`` costs a system call per path component).
    """
    if PurePosixPath(raw).is_absolute() or PureWindowsPath(raw).is_absolute() or PureWindowsPath(raw).drive:
        return None, "is absolute: give a path relative to facts.yaml, inside the project"
    real_dirs = {} if real_dirs is None else real_dirs
    real_root = _real_dir(str(root), real_dirs)
    real = _real_path(os.path.join(root, raw), real_dirs)
    if os.path.commonpath([real_root, real]) != real_root:
        return None, "leads outside the project folder: keep sources under sources/"
    return Path(real), None


def _real_dir(folder: str, real_dirs: dict[str, str]) -> str:
    if folder not in real_dirs:
        real_dirs[folder] = os.path.realpath(folder)
    return real_dirs[folder]


def _real_path(path: str, real_dirs: dict[str, str]) -> str:
    """``os.path.realpath(path)``: its folder's real path (cached) and its name, unless the name is a link."""
    folder, name = os.path.split(path)
    if not folder or name in ("", ".", ".."):
        return os.path.realpath(path)
    joined = os.path.join(_real_dir(folder, real_dirs), name)
    return os.path.realpath(joined) if os.path.islink(joined) else joined


def read_sources(project: "Project", only: set[str] | None = None) -> tuple[dict[str, SourceText], list["Finding"]]:
    """Read every declared source once: the texts that could be read, and a finding for each that could not.

    ``only`` limits the reading to those source ids (the second process of a
    large check reads only what its facts cite).
    """
    texts: dict[str, SourceText] = {}
    findings: list[Finding] = []
    real_dirs: dict[str, str] = {}
    for ident, source in project.sources.items():
        if only is not None and ident not in only:
            continue
        text = read_source(project, ident, source, findings, real_dirs)
        if text is not None:
            texts[ident] = text
    return texts, findings


def read_source(project: "Project", ident: str, source: "Source", findings: list[Finding],
                real_dirs: dict[str, str] | None = None) -> SourceText | None:
    """Read one source file, checking place, size, encoding and pin; a problem is added to ``findings``."""
    where = ("sources", ident, "path")

    def refuse(code: str, message: str, path: tuple[str, ...]) -> None:
        findings.append(project.locate(code, message, path, ident))

    path, refusal = resolve_source_path(project.root, source.path, real_dirs)
    if path is None:
        refuse("source-outside-project", f"the path {source.path!r} {refusal}", where)
        return None
    kind = kind_of(path.name)
    limit = MAX_SOURCE_BYTES if kind == "text" else MAX_DOCUMENT_BYTES
    try:
        raw = read_regular_file(path, limit, resolved=True)
    except NotRegularFile as error:  # a folder, a FIFO or a device is never a source
        refuse("source-missing", f"{source.path} is {error.kind}, not a regular file: give the path of "
               "a text file under sources/", where)
        return None
    except FileTooLarge:
        refuse("source-too-large", f"{source.path} is larger than {limit:,} bytes: "
               "keep only the article text", where)
        return None
    except FileNotFoundError:
        refuse("source-missing", f"the file {source.path} does not exist: add it under sources/ "
                        "or fix the path", where)
        return None
    except OSError as error:
        refuse("source-missing", f"cannot read {source.path} ({error.strerror}): check the file", where)
        return None
    digest = hashlib.sha256(raw).hexdigest()
    if kind != "text":
        if _changed(source, digest):
            refuse("source-changed", _changed(source, digest), ("sources", ident, "sha256"))
            return None
        return _read_document(project, ident, source, path, raw, digest, kind, refuse)
    try:
        text = decode_utf8(raw, keep_bom=True)   # byte-exact: offsets count every character
    except NotUtf8 as error:
        refuse("source-not-utf8", f"{source.path}: {error.reason}", where)
        return None
    if _changed(source, digest):
        refuse("source-changed", _changed(source, digest), ("sources", ident, "sha256"))
        return None
    return SourceText(id=ident, path=path, text=text, sha256=digest)


def _changed(source: "Source", digest: str) -> str:
    """Why the file no longer matches its ``sha256`` pin, or "" when it matches (or is not pinned)."""
    if not source.sha256 or source.sha256.lower() == digest:
        return ""
    return (f"{source.path} has changed since it was pinned (sha256 {digest[:12]}..., pinned "
            f"{source.sha256[:12]}...): re-check its quotes, then run `briefing sources --pin`")


def _read_document(project: "Project", ident: str, source: "Source", path: Path, raw: bytes, digest: str,
                   kind: str, refuse: Callable[[str, str, tuple[str, ...]], None]) -> SourceText | None:
    """A PDF, HTML or Word source: its derived text (cached by sha256), or a ``source-unreadable`` finding."""
    from briefing.ingest.cache import derived_text

    try:
        extracted = derived_text(project.root, raw, digest, kind, source.path)  # type: ignore[arg-type]
    except IngestError as error:
        refuse("source-unreadable", str(error), ("sources", ident, "path"))
        return None
    return SourceText(id=ident, path=path, text=extracted.text, sha256=digest, kind=kind,
                      locations=extracted.locations)
