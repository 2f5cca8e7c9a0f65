"""Print a verification report: compiler-style lines (coloured on a terminal) or JSON."""
from __future__ import annotations

import json
import sys

from briefing.verify.facts import Report


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
