"""The versions kept to compare with, and the one "what changed" is measured against.

A proven render's manifest keeps what it printed: each fact's label, figure
and text. `briefing send` keeps the same record of every version it sends,
in ``out/mail/versions/<version>.json``. "What changed since the last
version" compares the current fact base with the last version *sent* (the
ledger's latest ``sent`` line), or, when nothing was sent yet, the last one
*rendered* (``out/manifest.json``); ``briefing diff --since`` names any kept
version.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from briefing.deliver.ledger import LEDGER_NAME, Ledger
from briefing.document.changes import changes_since
from briefing.document.formatting import format_date
from briefing.document.model import Document
from briefing.errors import DeliveryError, UsageError
from briefing.outputs.manifest import Manifest, read_manifest

VERSIONS_DIR = Path("mail") / "versions"


@dataclass(frozen=True)
class Snapshot:
    """What one version printed: ``facts`` maps a fact id to its label, figure and text."""

    version: str
    facts: dict[str, dict[str, str]]
    how: str = "rendered"            # "sent", "rendered" or "kept" (named with --since)
    when: str = ""                   # "August 4, 2025": the day it was sent, else its as-of date

    @property
    def since(self) -> str:
        """``"version 3f2a9c01, sent on August 4, 2025"`` or ``"version 3f2a9c01 (rendered, as of …)"``."""
        name = f"version {self.version[:8]}"
        if self.how == "sent" and self.when:
            return f"{name}, sent on {self.when}"
        if self.when:
            return f"{name} ({self.how}, as of {self.when})" if self.how == "rendered" else f"{name} (as of {self.when})"
        return name


def facts_printed(doc: Document) -> dict[str, dict[str, str]]:
    """What the manifest keeps of a rendered Document: each fact's label, figure and text."""
    return {f.id: {"label": f.label or "", "figure": f.figure or "", "text": f.text} for f in doc.facts}


def _day(iso: str) -> str:
    try:
        return format_date(dt.date.fromisoformat(iso[:10]))
    except ValueError:
        return ""


def keep_sent(out_dir: Path, manifest: Manifest) -> None:
    """Keep the record of a version being sent (once; atomic and fsynced)."""
    folder = out_dir / VERSIONS_DIR
    target = folder / f"{manifest.version}.json"
    if target.exists() or not manifest.facts:   # a manifest of an older briefing keeps no facts
        return
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{manifest.version}.json.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump({"version": manifest.version, "as_of": manifest.as_of, "facts": manifest.facts}, handle,
                  indent=1, ensure_ascii=False, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)


def _kept(out_dir: Path) -> dict[str, tuple[dict[str, dict[str, str]], str]]:
    """Every kept version: version -> (facts, as-of date), the sent ones and the last render."""
    kept: dict[str, tuple[dict[str, dict[str, str]], str]] = {}
    folder = out_dir / VERSIONS_DIR
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            kept[str(data["version"])] = (dict(data["facts"]), str(data.get("as_of", "")))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    manifest = read_manifest(out_dir)
    if manifest is not None and not manifest.draft and manifest.facts:
        kept.setdefault(manifest.version, (manifest.facts, manifest.as_of))
    return kept


def baseline(out_dir: Path, since: str | None = None) -> Snapshot | None:
    """The version to compare with: ``since``, else the last sent, else the last rendered one.

    A ``since`` that names no kept version (or more than one) is a UsageError listing those kept.
    """
    kept = _kept(out_dir)
    if since:
        matches = [v for v in kept if v.startswith(since)]
        if len(matches) != 1:
            listed = ", ".join(v[:8] for v in kept) or "none; render first"
            raise UsageError(f"--since {since}: {'no' if not matches else 'more than one'} kept version "
                             f"matches (kept: {listed})")
        facts, as_of = kept[matches[0]]
        return Snapshot(matches[0], facts, "kept", _day(as_of))
    sent = [e for e in Ledger(out_dir / "mail" / LEDGER_NAME).entries() if e.status == "sent" and e.version in kept]
    if sent:
        return Snapshot(sent[-1].version, kept[sent[-1].version][0], "sent", _day(sent[-1].time))
    manifest = read_manifest(out_dir)
    if manifest is not None and manifest.version in kept:
        return Snapshot(manifest.version, manifest.facts, "rendered", _day(manifest.as_of))
    return None


def with_changes(doc: Document, out_dir: Path, version: str) -> Document:
    """``doc`` with its "What changed" box against the baseline kept in ``out_dir``, if anything changed.

    Nothing to compare with (or an unreadable ``out_dir``), the same version, or
    no change: ``doc`` as it is; the box is never a reason for a render to fail.
    """
    try:
        then = baseline(out_dir)
    except (DeliveryError, OSError):
        return doc
    if then is None or then.version == version:
        return doc
    changes = changes_since(doc, then.facts, then.since, then.version)
    return doc if changes.empty else dataclasses.replace(doc, changes=changes)
