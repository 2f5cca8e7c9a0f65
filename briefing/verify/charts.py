"""Check the ``charts:`` section: each chart plots proven facts of one unit."""
from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.findings import Finding

if TYPE_CHECKING:
    from briefing.load.model import Fact
    from briefing.load.project import Project
    from briefing.verify.facts import Verdict

_PLOTTABLE = ("amount", "percent", "count", "change")


def _unit_key(fact: Fact) -> str:
    """What a fact plots in: a change plots like a percent or an amount of its unit."""
    if fact.kind == "change":
        return "percent:percent" if fact.unit in ("percent", "%") else f"amount:{fact.unit}"
    return f"{fact.kind}:{getattr(fact, 'unit', '') or ''}"


def check_charts(project: "Project", verdicts: dict[str, "Verdict"]) -> list[Finding]:
    """Findings for charts naming unknown, unproven, unplottable or mixed-unit facts."""
    found: list[Finding] = []
    for chart_id, chart in project.charts.items():

        def refuse(code: str, message: str, path: tuple[str | int, ...], chart_id: str = chart_id) -> None:
            found.append(project.locate(code, message, path, chart_id))

        units: set[str] = set()
        for index, fact_id in enumerate(chart.facts):
            path = ("charts", chart_id, "facts", index)
            fact = project.facts.get(fact_id)
            if fact is None:
                if fact_id in project.declared.get("facts", ()):
                    refuse("unproven-fact", f"fact `{fact_id}` is not valid, so it cannot be plotted", path)
                else:
                    refuse("unknown-fact", f"fact `{fact_id}` is not defined in `facts`", path)
                continue
            if fact.kind not in _PLOTTABLE:
                refuse("chart-mixed-units", f"fact `{fact_id}` is a {fact.kind}; charts plot amount, percent, "
                       "count and change facts", path)
                continue
            if not verdicts[fact_id].proven:
                refuse("unproven-fact", f"fact `{fact_id}` is not proven, so it cannot be plotted: fix its errors "
                       "first", path)
            units.add(_unit_key(fact))
        if len(units) > 1:
            refuse("chart-mixed-units", f"the chart mixes units ({', '.join(sorted(units))}): plot facts of one kind "
                   "and unit", ("charts", chart_id, "facts"))
    return found
