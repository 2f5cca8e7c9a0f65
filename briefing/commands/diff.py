"""`briefing diff`: what changed in the fact base since the last version sent or rendered.

The same comparison as the briefing's "What changed" box
(:mod:`briefing.document.changes`): new facts, changed figures (old -> new)
and removed facts, against the snapshot of the last version the ledger says
was sent, else the last one rendered (``out/manifest.json``), or the version
named with ``--since``. The command returns a :class:`DiffResult`; the CLI
prints it as text or JSON (:func:`briefing.cli.printing.print_diff`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.document.changes import changes_since
from briefing.document.model import Changes


@dataclass(frozen=True)
class DiffResult:
    """The changes (None when no version is kept to compare with) and how many facts were left out unproven."""

    changes: Changes | None
    unproven: int = 0


def diff(facts_path: Path, since: str | None = None, out_dir: Path | None = None) -> DiffResult:
    """Compare the proven facts of ``facts_path`` with the kept version (``since`` or the default baseline)."""
    from briefing.document.compose import build_document
    from briefing.outputs.history import baseline
    from briefing.check import check

    report = check(facts_path, str(facts_path))
    then = baseline(out_dir or facts_path.parent / "out", since)
    unproven = sum(not verdict.proven for verdict in report.facts.values())
    if then is None or report.project.briefing is None:
        return DiffResult(None, unproven)
    doc = build_document(report)
    return DiffResult(changes_since(doc, then.facts, then.since, then.version), unproven)
