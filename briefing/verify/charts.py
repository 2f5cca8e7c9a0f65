"""Check the ``charts:`` section: each chart plots proven facts of one unit."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.load.project import Project

_PLOTTABLE = ("amount", "percent", "count")


def check_charts(project: "Project", verdicts: dict[str, Any]) -> None:
    """Add findings for charts naming unknown, unproven, unplottable or mixed-unit facts."""
    for chart_id, chart in project.charts.items():
        units: set[str] = set()
        for index, fact_id in enumerate(chart.facts):
            path = ("charts", chart_id, "facts", index)
            fact = project.facts.get(fact_id)
            if fact is None:
                if fact_id in project.declared.get("facts", ()):
                    project.finding("unproven-fact", f"fact `{fact_id}` is not valid, so it cannot be plotted",
                                    path, chart_id)
                else:
                    project.finding("unknown-fact", f"fact `{fact_id}` is not defined in `facts`", path, chart_id)
                continue
            if fact.kind not in _PLOTTABLE:
                project.finding("chart-mixed-units", f"fact `{fact_id}` is a {fact.kind}; charts plot amount, "
                                "percent and count facts", path, chart_id)
                continue
            if not verdicts[fact_id].proven:
                project.finding("unproven-fact", f"fact `{fact_id}` is not proven, so it cannot be plotted: "
                                "fix its errors first", path, chart_id)
            units.add(f"{fact.kind}:{getattr(fact, 'unit', '')}")
        if len(units) > 1:
            project.finding("chart-mixed-units", f"the chart mixes units ({', '.join(sorted(units))}): plot facts "
                            "of one kind and unit", ("charts", chart_id, "facts"), chart_id)
