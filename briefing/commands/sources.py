"""`briefing sources`: list the sources, or pin their sha256 into facts.yaml.

Pinning edits facts.yaml surgically: the composed YAML nodes give the exact
character span of each ``sha256`` value (or the place after a source's last
field), and only those spans change, so comments, quoting, key order and
indentation stay exactly as the curator wrote them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.check import check
from briefing.load.files import read_regular_file
from briefing.load.project import MAX_FACTS_BYTES
from briefing.findings import Finding
from briefing.verify.facts import Report
from briefing.outputs.atomic import write_atomic

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class SourceRow:
    """One line of the sources table."""

    id: str
    title: str
    published: str          # ISO date, or "unknown"
    sha256: str | None      # None: the file could not be read
    pinned: str             # "-" not pinned, "yes", or "CHANGED"
    facts: int              # how many facts cite it


@dataclass
class SourcesListing:
    """`briefing sources`: a row per source and the findings about sources."""

    display: str
    rows: list[SourceRow]
    findings: list[Finding]

    @property
    def exit_code(self) -> int:
        """1 when a source has an error or there are no sources, else 0."""
        return 1 if any(f.severity == "error" for f in self.findings) or not self.rows else 0


@dataclass
class PinResult:
    """`briefing sources --pin`: how many pins changed, or why nothing was pinned."""

    report: Report
    pinned: int = 0
    refused: str | None = None                       # why nothing was pinned
    unreadable: list[Finding] = field(default_factory=list)   # sources left unpinned

    @property
    def exit_code(self) -> int:
        """1 when nothing could be pinned or a source stayed unpinned, else 0."""
        return 1 if self.refused or self.unreadable else 0


def list_sources(path: Path, display: str | None = None) -> SourcesListing:
    """The sources with title, published date, sha256, pin state and how many facts cite each."""
    report = check(path, display)
    project = report.project
    cites: dict[str, int] = {ident: 0 for ident in project.sources}
    for fact in project.facts.values():
        for source_id in {e.source for e in fact.evidences}:
            if source_id in cites:
                cites[source_id] += 1
    rows = []
    for ident, source in project.sources.items():
        text = report.sources.get(ident)
        pinned = "-" if not source.sha256 else ("yes" if text and source.sha256.lower() == text.sha256 else "CHANGED")
        rows.append(SourceRow(ident, source.title, source.published.isoformat() if source.published else "unknown",
                              text.sha256 if text else None, pinned, cites[ident]))
    problems = [f for f in report.findings if f.code.startswith("source") or f.code == "unused-source"]
    return SourcesListing(project.display, rows, problems)


def pin_sources(path: Path, display: str | None = None) -> PinResult:
    """Write every readable source's sha256 into facts.yaml, keeping its layout."""
    report = check(path, display, prove=False, honour_pins=False)
    loading = [f for f in report.project.findings if f.severity == "error"]
    unreadable = [f for f in report.findings if f.code.startswith("source")]
    digests = {ident: text.sha256 for ident, text in report.sources.items()}
    if loading or not digests:
        return PinResult(report, refused="fix the errors above first")
    try:
        raw = read_regular_file(path, MAX_FACTS_BYTES)   # bytes: line endings and a BOM stay exactly as they are
    except OSError as error:
        return PinResult(report, refused=f"cannot read {path.name} again ({error.strerror})")
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8").removeprefix("\ufeff")
    try:
        edited, count = pinned_text(text, digests)
    except ValueError as error:
        return PinResult(report, refused=str(error))
    if edited != text:
        # A linked facts.yaml stays a link: its target is rewritten.
        write_atomic(path.resolve(), ("\ufeff" if bom else "").encode("utf-8") + edited.encode("utf-8"))
    return PinResult(report, pinned=count, unreadable=unreadable)


def pinned_text(text: str, digests: dict[str, str]) -> tuple[str, int]:
    """``text`` with each source's ``sha256`` set to ``digests[id]``; and how many changed.

    Only the span of each ``sha256`` value changes (or one line is added after
    a source's last field), so comments, quoting and indentation are kept.
    """
    root = yaml.compose(text, Loader=_Loader)
    newline = "\r\n" if "\r\n" in text else "\n"
    sources = None
    if isinstance(root, yaml.MappingNode):
        sources = next((value for key, value in root.value if key.value == "sources"), None)
    edits: list[tuple[int, int, str]] = []
    for key_node, node in sources.value if isinstance(sources, yaml.MappingNode) else []:
        digest = digests.get(key_node.value)
        if digest is None or not isinstance(node, yaml.MappingNode) or not node.value:
            continue
        written = f'"{digest}"' if digest.isdigit() else digest   # all digits would read as a number
        existing = next((value for key, value in node.value if key.value == "sha256"), None)
        if existing is not None:
            if existing.value == digest:
                continue
            start, end = existing.start_mark.index, existing.end_mark.index
            prefix = " " if start == end else ""
            edits.append((start, end, prefix + written))
        elif node.flow_style:
            close = node.end_mark.index - 1                         # the closing brace
            edits.append((close, close, f", sha256: {written}"))
        else:
            edits.append(_append_field(text, node, written, newline))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, len(edits)


def _append_field(text: str, node: yaml.MappingNode, written: str, newline: str) -> tuple[int, int, str]:
    """The edit that adds ``sha256: ...`` as the last field of a block mapping."""
    indent = " " * node.value[0][0].start_mark.column
    last = node.value[-1][1].end_mark
    if last.column == 0:                                            # a block scalar ends at a line start
        return last.index, last.index, f"{indent}sha256: {written}{newline}"
    line_end = text.find("\n", last.index)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_end - 1:line_end] == "\r":
        line_end -= 1
    return line_end, line_end, f"{newline}{indent}sha256: {written}"


@dataclass
class ShownSource:
    """`briefing sources show ID`: the text quotes are proved against, or why it cannot be read."""

    text: str | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """1 when the source cannot be read, else 0."""
        return 0 if self.text is not None else 1


def show_source(path: Path, ident: str, display: str | None = None) -> ShownSource:
    """The text of source ``ident`` as quotes are proved against it (derived text for PDF, HTML, DOCX)."""
    from briefing.errors import UsageError
    from briefing.load.project import load_project
    from briefing.load.sources import read_source

    project = load_project(path, display=display or str(path))
    source = project.sources.get(ident)
    if source is None:
        known = ", ".join(sorted(project.sources)) or "none defined"
        raise UsageError(f"no source `{ident}` in {project.display} (sources: {known})")
    findings: list[Finding] = []
    text = read_source(project, ident, source, findings)
    return ShownSource(text.text if text is not None else None, findings)
