"""What `briefing suggest` and `briefing coverage` print. Commands return; this prints.

Suggestions go to stdout as YAML (so they can be redirected to a file) and a
summary to stderr; coverage prints a share per source and one compiler-style
line per figure or date no fact cites, or JSON.
"""
from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.commands.coverage import CoverageResult
    from briefing.commands.suggest import SuggestResult


def print_suggestions(result: "SuggestResult") -> None:
    """The suggestions as YAML on stdout (or what --append wrote); a summary line on stderr."""
    report = result.report
    if result.refused:
        for finding in report.errors:          # the base was loaded, not proven: no summary of verdicts
            print(finding)
        print(f"Nothing suggested: {result.refused}.", file=sys.stderr)
        return
    counts: dict[str, int] = {}
    for suggestion in result.facts:
        counts[suggestion.status] = counts.get(suggestion.status, 0) + 1
    parts = [f"{counts.get('new', 0)} new", f"{counts.get('corroborates', 0)} corroborating",
             f"{counts.get('conflicts', 0)} conflicting", f"{counts.get('cited', 0)} already in the fact base"]
    people = len(result.new_people)
    summary = (f"{len(result.facts)} suggested fact{'s' * (len(result.facts) != 1)} from "
               f"{', '.join(result.source_ids)} ({', '.join(parts)}); {people} new "
               f"{'person' if people == 1 else 'people'}")
    if result.appended == (0, 0):
        print(f"Nothing new to append to {report.project.display}: run without --append to see what the fact "
              "base already has and what corroborates it.")
        print(summary + ".", file=sys.stderr)
        return
    if result.appended is not None:
        facts, people = result.appended
        print(f"Appended {facts} fact{'s' * (facts != 1)} and {people} {'person' if people == 1 else 'people'} to "
              f"{report.project.display} under a \"suggested\" comment; review them, then run `briefing check`.")
        print(summary + ".", file=sys.stderr)
        return
    sys.stdout.write(result.yaml_text())
    print(summary + ". Every entry passes `briefing check` as written.", file=sys.stderr)


def print_coverage(result: "CoverageResult", fmt: str = "text") -> None:
    """Per source: the share covered, then each figure or date no fact cites, compiler-style."""
    if fmt == "json":
        sys.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    for finding in result.report.findings:
        if finding.code.startswith("source") or finding.code in ("file-not-found", "yaml-syntax"):
            print(finding)
    project = result.report.project
    total = sum(len(s.items) for s in result.sources)
    covered = sum(s.covered for s in result.sources)
    for source in result.sources:
        path = project.sources[source.id].path
        print(f"{source.id}: {source.covered} of {len(source.items)} figures and dates cited "
              f"({source.share:.0%})")
        for item in source.uncited:
            quoted = f"; in the quote of {item.quoted_by}, which does not state it" if item.quoted_by else ""
            where = f"{path} ({item.location})" if item.location else f"{path}:{item.line}:{item.column}"
            print(f"  {where}: {item.kind} \"{item.text}\" ({item.reads}){quoted}")
    share = covered / total if total else 1.0
    print(f"{covered} of {total} figures and dates cited ({share:.0%}) across {len(result.sources)} sources")
