"""How good are the suggestions? Recall and precision against a curated fact base.

The curated base's project is copied with its facts and people removed (an
empty base over the same sources); `suggest` runs on every source of it, and
its suggestions are compared with the curated facts:

* **recall** - the share of curated amount, percent, count, range, date and
  statement facts for which a suggestion from the same source states the same
  value (amounts and counts in the same unit, ranges with both bounds) or the
  same date, or, for a statement, credits the same speaker (by name) with
  words that contain or are contained in the curated ``said``;
* **precision** - the share of suggestions a careful curator keeps. The rule:
  a suggestion is kept when it matches a curated fact as above, or when what
  it states (its figure, date or quotation) lies inside a passage a curated
  fact of the same source quotes: the curator kept that information, in
  another form (a claim, a statement). Everything else counts against it.
  Also reported: the strict share (matches only), and a broad share that
  keeps statements of four words or more with a named speaker too.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.check import check
from briefing.commands.suggest import SuggestResult, suggest
from briefing.suggest.known import value_key
from briefing.text.normalize import normalize
from briefing.load.model import Fact, field_of
from briefing.suggest.model import Suggestion
from briefing.verify.facts import Report
from briefing.verify.quotes import find_quote

MEASURED = ("amount", "percent", "count", "range", "date", "statement")


@dataclass
class Quality:
    """Recall and precision of `suggest` against one curated base."""

    curated: list[str] = field(default_factory=list)          # ids of the curated facts measured
    found: list[str] = field(default_factory=list)            # of those, the ids a suggestion matches
    suggested: int = 0
    matching: int = 0                                         # suggestions that match a curated fact
    quoted: int = 0                                           # others inside a passage a curated fact quotes
    broad: int = 0                                            # others: statements of four words or more
    unmatched: list[str] = field(default_factory=list)        # suggestions (id: found) matching no curated fact

    @property
    def recall(self) -> float:
        """Share of curated facts that a suggestion restates."""
        return len(self.found) / len(self.curated) if self.curated else 1.0

    @property
    def precision(self) -> float:
        """Share of suggestions kept by the rule: matching a curated fact, or inside a passage one quotes."""
        return (self.matching + self.quoted) / self.suggested if self.suggested else 1.0

    @property
    def strict_precision(self) -> float:
        """Share of suggestions that match a curated fact."""
        return self.matching / self.suggested if self.suggested else 1.0

    @property
    def broad_precision(self) -> float:
        """Share kept by the rule or being a statement of four words or more."""
        return (self.matching + self.quoted + self.broad) / self.suggested if self.suggested else 1.0

    @property
    def missed(self) -> list[str]:
        """Curated facts no suggestion restates."""
        return [ident for ident in self.curated if ident not in self.found]


def empty_copy(facts_path: Path, target: Path) -> Path:
    """A copy of the project at ``target`` keeping only `briefing` (less its fact-naming summary) and `sources`."""
    root = facts_path.parent
    data = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    target.mkdir(parents=True, exist_ok=True)
    for ident, source in data["sources"].items():
        dest = target / source["path"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / source["path"], dest)
    briefing = {k: v for k, v in data["briefing"].items() if k != "summary"}   # its bullets name facts
    kept = {"briefing": briefing, "sources": data["sources"]}
    (target / "facts.yaml").write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False) + "facts:\n",
                                       encoding="utf-8")
    return target / "facts.yaml"


def _matches(suggestion: Suggestion, names: dict[str, str], fact: Fact, curated_names: dict[str, str]) -> bool:
    entry = suggestion.entry
    sources = {e.source for e in fact.evidences}
    evidence = entry.get("evidence") or [{"source": entry.get("source")}]
    if not sources & {e["source"] for e in evidence} or fact.kind != suggestion.kind:
        return False
    if fact.kind == "statement":
        said, other = normalize(entry["said"]).strip(" ."), normalize(fact.said).strip(" .")
        return names.get(entry["speaker"]) == curated_names.get(fact.speaker) and (said in other or other in said)
    mine = value_key(suggestion.kind, entry, lambda e, name: e.get(name))
    return mine == value_key(fact.kind, fact, field_of)


def _quoted(report: Report) -> dict[str, list[tuple[int, int]]]:
    """The spans of the curated quotes in each source's normalised text."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for fact in report.project.facts.values():
        for evidence in fact.evidences:
            source = report.sources.get(evidence.source)
            match = find_quote(source, evidence.quote) if source is not None else None
            if match is not None:
                spans.setdefault(evidence.source, []).append((match.start, match.end))
    return spans


def measure(facts_path: Path) -> Quality:
    """Run `suggest` over every source of an empty copy of ``facts_path``'s project; compare with its facts."""
    report = check(facts_path)
    curated = report.project
    quoted = _quoted(report)
    quality = Quality(curated=[i for i, f in curated.facts.items() if f.kind in MEASURED])
    curated_names = {ident: p.name for ident, p in curated.people.items()}
    with tempfile.TemporaryDirectory() as tmp:
        empty = empty_copy(facts_path, Path(tmp))
        result: SuggestResult = suggest(empty, list(curated.sources))
    names = {p.id: p.entry["name"] for p in result.people}
    for suggestion in result.facts:
        quality.suggested += 1
        hits = [i for i in quality.curated if _matches(suggestion, names, curated.facts[i], curated_names)]
        for ident in hits:
            if ident not in quality.found:
                quality.found.append(ident)
        if hits:
            quality.matching += 1
        elif any(s <= suggestion.start < e for s, e in quoted.get(suggestion.source_id, ())):
            quality.quoted += 1
        else:
            quality.unmatched.append(f"{suggestion.id}: {suggestion.kind} {suggestion.found[:60]}")
            quality.broad += suggestion.kind == "statement" and len(suggestion.entry["said"].split()) >= 4
    return quality
