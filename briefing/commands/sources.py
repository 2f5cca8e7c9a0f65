"""`briefing sources`: list the sources, or pin their sha256 into facts.yaml.

Pinning edits facts.yaml surgically: the composed YAML nodes give the exact
character span of each ``sha256`` value (or the place after a source's last
field), and only those spans change, so comments, quoting, key order and
indentation stay exactly as the curator wrote them.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from briefing.load.project import Project, load_project
from briefing.commands.report import print_report
from briefing.load.sources import read_sources
from briefing.verify.facts import verify

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def list_sources(path: Path, display: str) -> int:
    """Print a table of sources with title, published date, sha256 and citing facts."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    report = verify(load_project(path, display=display))
    project = report.project
    cites: dict[str, int] = {ident: 0 for ident in project.sources}
    for fact in project.facts.values():
        for source_id in {e.source for e in fact.evidences}:
            if source_id in cites:
                cites[source_id] += 1
    table = Table(title=f"Sources of {display}", show_lines=False)
    for column in ("id", "title", "published", "sha256", "pinned", "facts"):
        table.add_column(column, justify="right" if column == "facts" else "left", overflow="fold",
                         no_wrap=column != "title", ratio=1 if column == "title" else None)
    for ident, source in project.sources.items():
        text = report.sources.get(ident)
        digest = text.sha256[:12] + "…" if text else "unreadable"
        pinned = "-" if not source.sha256 else ("yes" if text and source.sha256.lower() == text.sha256 else "CHANGED")
        table.add_row(ident, escape(source.title), source.published.isoformat() if source.published else "unknown",
                      digest, pinned, str(cites[ident]))
    console = Console(highlight=False)
    if not console.is_terminal:  # piped or captured: do not squeeze the table into 80 columns
        console.width = 140
    console.print(table)
    problems = [f for f in report.findings if f.code.startswith("source") or f.code in ("unused-source",)]
    for finding in problems:
        print(finding)
    return 1 if any(f.severity == "error" for f in problems) or not project.sources else 0


def pin_sources(path: Path, display: str) -> int:
    """Write every readable source's sha256 into facts.yaml, keeping its layout."""
    project = load_project(path, display=display)
    loading = [f for f in project.findings if f.severity == "error"]
    unpinned = _unpinned(project)
    digests = {ident: text.sha256 for ident, text in read_sources(unpinned).items()}
    if loading or not digests:
        report = verify(project)
        print_report(report)
        print("Nothing pinned: fix the errors above first.")
        return 1
    raw = path.read_bytes()            # bytes: line endings and a BOM stay exactly as they are
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8").removeprefix("\ufeff")
    try:
        edited, count = pinned_text(text, digests)
    except ValueError as error:
        print(f"{display}: {error}. Nothing pinned.")
        return 1
    if edited != text:
        tmp = path.with_name(f".{path.name}.pin-{os.getpid()}")
        tmp.write_bytes(("\ufeff" if bom else "").encode("utf-8") + edited.encode("utf-8"))
        os.replace(tmp, path)
    for finding in unpinned.findings:  # sources that could not be read stay unpinned
        print(finding)
    if count:
        print(f"Pinned {count} source{'s' * (count != 1)} in {display}.")
    else:
        print(f"Every source in {display} was already pinned to its current sha256.")
    return 1 if unpinned.findings else 0


def _unpinned(project: Project) -> Project:
    """The project with pins removed, so changed sources are read rather than refused."""
    clone = Project(facts_path=project.facts_path, display=project.display, root=project.root,
                    marks=project.marks)
    clone.sources = {ident: source.model_copy(update={"sha256": None}) for ident, source in project.sources.items()}
    return clone


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
