"""What changed between a kept version's snapshot and the Document about to be printed.

New facts, figures that changed (old -> new) and removed facts: the
briefing's "What changed" box and ``briefing diff`` both come from here.
A fact whose id is the same counts as the same fact; a changed text with the
same figure is not a change a principal needs to see.
"""
from __future__ import annotations

from briefing.document.model import Changes, Document, FigureChange


def changes_since(doc: Document, facts_then: dict[str, dict[str, str]], since: str,
                  version: str) -> Changes:
    """The Changes from ``facts_then`` (a snapshot's facts) to ``doc``'s facts."""
    now = {fact.id: fact for fact in doc.facts if fact.proven}
    new = tuple(fact for ident, fact in now.items() if ident not in facts_then)
    changed = []
    for ident, fact in now.items():
        then = facts_then.get(ident)
        if then is not None and (then.get("figure") or "") != (fact.figure or ""):
            changed.append(FigureChange(ident, fact.label or then.get("label") or fact.text,
                                        then.get("figure") or "none", fact.figure or "none"))
    removed = tuple((ident, then.get("text", "")) for ident, then in facts_then.items() if ident not in now)
    return Changes(since=since, since_version=version, new=new, changed=tuple(changed), removed=removed)


def as_dict(changes: Changes) -> dict[str, object]:
    """The JSON form `briefing diff --format json` prints."""
    return {"since": changes.since, "since_version": changes.since_version,
            "new": [{"id": f.id, "text": f.text, "figure": f.figure} for f in changes.new],
            "changed": [{"id": c.fact_id, "label": c.label, "old": c.old, "new": c.new} for c in changes.changed],
            "removed": [{"id": ident, "text": text} for ident, text in changes.removed]}
