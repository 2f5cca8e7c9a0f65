"""Everything the CLI prints: reports, render, diff and sources results. Commands return; this prints.

A report prints as compiler-style lines (coloured on a terminal) or JSON.
"""
from __future__ import annotations

import json
import sys

from typing import TYPE_CHECKING

from briefing.verify.facts import Report

if TYPE_CHECKING:
    from briefing.commands.diff import DiffResult
    from briefing.commands.render import RenderResult
    from briefing.commands.sources import PinResult, SourcesListing
    from briefing.commands.watch import WatchRun


def print_report(report: Report, fmt: str = "text") -> None:
    """Print findings and a summary line (text) or the verification record (json)."""
    if fmt == "json":
        sys.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    if sys.stdout.isatty() and not _no_color():
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False, soft_wrap=True)
        for finding in report.findings:
            colour = "red" if finding.severity == "error" else "yellow"
            line = Text(f"{finding.file}:{finding.line}:{finding.column}: ", style="bold")
            line.append(f"{finding.severity}[{finding.code}]", style=f"bold {colour}")
            if finding.subject:
                line.append(f" {finding.subject}:", style="cyan")
            line.append(f" {finding.message}")
            console.print(line)
        console.print(Text(report.summary(), style="bold green" if report.ok else "bold red"))
        return
    out = [str(finding) for finding in report.findings]
    out.append(report.summary())
    sys.stdout.write("\n".join(out) + "\n")


def _no_color() -> bool:
    import os

    return bool(os.environ.get("NO_COLOR"))


def _pages(count: int | None) -> str:
    return f"  ({count} page{'s' * (count != 1)})" if count else ""


def print_render(result: "RenderResult") -> None:
    """What a render did: the errors that refused it, the files it wrote, or that nothing changed."""
    report = result.report
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if result.refused:
        print_report(report)
        print("Nothing rendered: fix the errors above, or render with --draft to review a marked draft.")
        return
    if result.skipped:
        print(f"Up to date: {report.project.display} has not changed since the last render "
              f"(version {result.version}).")
        for record in result.records:
            print(f"  {result.out_dir / record.path}{_pages(record.pages)}")
        return
    if report.findings:  # warnings, or in a draft the errors that make it one
        print_report(report)
    for record in result.records:
        print(f"wrote {result.out_dir / record.path}{_pages(record.pages)}")
    for problem in result.audit_problems:   # a draft's output audit reports and does not refuse
        print(f"draft audit: {problem}", file=sys.stderr)
    if result.draft:
        print("DRAFT: every page is marked DRAFT - NOT VERIFIED; `briefing send` refuses drafts.", file=sys.stderr)


def print_diff(result: "DiffResult", fmt: str = "text") -> None:
    """`briefing diff`: one line per change under the version compared with, or the same as JSON."""
    from briefing.document.changes import as_dict

    changes = result.changes
    if fmt == "json":
        data: dict[str, object] = as_dict(changes) if changes else {"since": None}
        data["unproven"] = result.unproven
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if changes is None:
        print("Nothing to compare with: no version has been sent or rendered into out/ yet (run `briefing render`).")
    elif changes.empty:
        print(f"No changes since {changes.since}.")
    else:
        print(f"Changes since {changes.since}:")
        for fact in changes.new:
            print(f"  new      {fact.id}: {fact.text}")
        for change in changes.changed:
            print(f"  changed  {change.fact_id} ({change.label}): {change.old} \u2192 {change.new}")
        for ident, text in changes.removed:
            print(f"  removed  {ident}: {text}")
    if result.unproven:
        print(f"{result.unproven} fact{'s' * (result.unproven != 1)} not proven and left out (see `briefing check`).")


def print_sources(listing: "SourcesListing") -> None:
    """The sources table (a wide table when piped), then the findings about sources."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Sources of {escape(listing.display)}", show_lines=False)
    for column in ("id", "title", "published", "sha256", "pinned", "facts"):
        table.add_column(column, justify="right" if column == "facts" else "left", overflow="fold",
                         no_wrap=column != "title", ratio=1 if column == "title" else None)
    for row in listing.rows:
        digest = row.sha256[:12] + "…" if row.sha256 else "unreadable"
        table.add_row(row.id, escape(row.title), row.published, digest, row.pinned, str(row.facts))
    console = Console(highlight=False)
    if not console.is_terminal:  # piped or captured: do not squeeze the table into 80 columns
        console.width = 140
    console.print(table)
    for finding in listing.findings:
        print(finding)


def print_pin(result: "PinResult") -> None:
    """What `briefing sources --pin` changed, or why it pinned nothing."""
    display = result.report.project.display
    if result.refused:
        if result.report.findings:
            print_report(result.report)
            print(f"Nothing pinned: {result.refused}.")
        else:
            print(f"{display}: {result.refused}. Nothing pinned.")
        return
    for finding in result.unreadable:  # sources that could not be read stay unpinned
        print(finding)
    if result.pinned:
        print(f"Pinned {result.pinned} source{'s' * (result.pinned != 1)} in {display}.")
    else:
        print(f"Every source in {display} was already pinned to its current sha256.")


class RenderProgressBar:
    """A transient progress bar on a terminal while a render writes two or more outputs."""

    def __init__(self) -> None:
        self._bar: object | None = None

    def __call__(self, label: str, done: int, total: int) -> None:
        """Advance the bar: ``label`` was rendered, ``done`` of ``total``."""
        if total < 2 or not sys.stdout.isatty():
            return
        from rich.progress import Progress

        if self._bar is None:
            bar = Progress(transient=True)
            bar.start()
            bar.add_task("rendering", total=total)
            self._bar = bar
        bar = self._bar
        assert isinstance(bar, Progress)
        bar.update(bar.task_ids[0], completed=done, description=f"rendered {label}")

    def stop(self) -> None:
        """Take the bar off the screen."""
        if self._bar is not None:
            self._bar.stop()  # type: ignore[attr-defined]
            self._bar = None


def print_watch_run(run: "WatchRun") -> None:
    """One pass of `briefing watch`: what changed, what the render did, and that it goes on watching."""
    import datetime as dt

    stamp = dt.datetime.now().strftime("%H:%M:%S")
    what = ", ".join(run.changed) if run.changed else "first run"
    memory = f", {run.memory_mb:.0f} MiB" if run.memory_mb is not None else ""
    print(f"[{stamp}] pass {run.number} ({what}): {run.seconds:.2f} s{memory}")
    if run.error is not None:
        print(f"briefing: {run.error}")
    elif run.result is not None:
        print_render(run.result)
    print(f"watching {len(run.folders)} folder{'s' * (len(run.folders) != 1)} for changes (Ctrl-C to stop)",
          flush=True)
