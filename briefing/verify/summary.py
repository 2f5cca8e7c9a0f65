"""Check the bottom line (``briefing.summary``): each bullet rests on proven facts and prints only their figures.

A bullet is a curator's sentence plus the ids of the facts it rests on. The
figures and dates it prints are checked by the same rule as a fact's
``text`` (:func:`briefing.verify.consistency.figure_problems`), against the
values of all the facts it names; a fact that is undefined or not proven is
an error on the bullet, so nothing unproven reaches the first lines of a
briefing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.findings import Finding
from briefing.verify.consistency import figure_problems

if TYPE_CHECKING:
    from briefing.load.project import Project
    from briefing.verify.facts import Verdict


def check_summary(project: "Project", verdicts: dict[str, "Verdict"]) -> list[Finding]:
    """Findings for bullets naming unknown or unproven facts, or printing figures none of them states."""
    found: list[Finding] = []
    if project.briefing is None:
        return found
    for index, bullet in enumerate(project.briefing.summary):
        path = ("briefing", "summary", index)
        subject = f"summary-{index + 1}"
        resting, names = [], []
        for position, fact_id in enumerate(bullet.facts):
            where = path + ("facts", position)
            fact = project.facts.get(fact_id)
            if fact is None:
                if fact_id in project.declared.get("facts", ()):
                    found.append(project.locate("unproven-fact", f"fact `{fact_id}` is not valid, so the bullet "
                                                "cannot rest on it: fix the fact's errors first", where, subject))
                else:
                    found.append(project.locate("unknown-fact", f"fact `{fact_id}` is not defined in `facts`: "
                                                "name a fact the bullet rests on", where, subject))
                continue
            if not verdicts[fact_id].proven:
                found.append(project.locate("unproven-fact", f"fact `{fact_id}` is not proven, so the bullet cannot "
                                            "rest on it: fix the fact's errors first, or rest the bullet on proven "
                                            "facts", where, subject))
            resting.append(fact)
            names.append(fact_id)
        if resting:
            found += [project.locate(problem.code, problem.message, path + ("text",), subject)
                      for problem in figure_problems(bullet.text, resting, names)]
    return found
