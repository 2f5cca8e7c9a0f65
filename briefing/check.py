"""``check(facts_path) -> Report``: the one way into loading and proving a fact base.

Every command starts here. It reads each input file once: facts.yaml (its
bytes give its sha256 and its text), every source (bytes -> sha256 and text)
and the template files (their sha256), and records all of those digests in
the :class:`~briefing.verify.facts.Report`. Render's skip decision and send's
freshness check compare these digests with the manifest and never read the
files again. A large fact base is proven in two processes
(:mod:`briefing.verify.parallel`), whichever command asked.

``prove=False`` stops after loading and reading: the report then carries the
load and source findings and the digests, but no verdicts (``briefing send``
uses it, since the manifest of a proven render already records the proof).

The cyclic garbage collector is paused while loading and proving and the
report is frozen after (:mod:`briefing.gcpause`): the objects built live on
until the command ends, and scanning them was most of the YAML compose time.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePath

from briefing.gcpause import paused_gc
from briefing.load.project import Project, load_project, read_facts_text
from briefing.load.sources import read_sources
from briefing.load.templates import template_dirs, template_files
from briefing.verify.facts import Report, verify


def check(facts_path: Path | str, display: str | None = None, *, prove: bool = True,
          honour_pins: bool = True) -> Report:
    """Load ``facts_path``, read its sources and templates once, and prove every fact and person.

    ``display`` is how findings name the facts file (default: the path as given).
    ``honour_pins=False`` reads every source whatever its ``sha256`` pin says
    (``briefing sources --pin`` records the current digests).
    """
    with paused_gc(freeze=True):
        return _check(facts_path, display, prove, honour_pins)


def _check(facts_path: Path | str, display: str | None, prove: bool, honour_pins: bool) -> Report:
    path = Path(facts_path)
    display = display or str(path)
    probe = Project(facts_path=path, display=display, root=path.parent)
    text = read_facts_text(probe)
    if text is None:   # unreadable: the report holds the one finding that says why
        return Report(probe, {}, list(probe.findings), {}, {}, digests=_templates(probe.root))
    if prove and honour_pins:
        from briefing.verify.parallel import check_in_two, splittable

        split = splittable(text)
        if split is not None:
            report = check_in_two(path, display, text, split, probe.digest)
            report.digests = _digests(report.project, report, _templates(report.project.root))
            return report
    project = load_project(path, display, text=text)
    project.digest = probe.digest
    if not honour_pins:
        project.sources = {ident: source.model_copy(update={"sha256": None})
                           for ident, source in project.sources.items()}
    sources, source_findings = read_sources(project)
    if prove:
        report = verify(project, sources=sources, source_findings=source_findings)
    else:
        from briefing.findings import sort_findings

        report = Report(project, sources, sort_findings([*project.findings, *source_findings]), {}, {})
    report.digests = _digests(project, report, _templates(project.root))
    return report


def _key(real_root: str, real: str) -> str:
    """The manifest key of the resolved path ``real``: project-relative, else absolute (the built-in templates)."""
    inside = os.path.join(real_root, "")
    return PurePath(real[len(inside):] if real.startswith(inside) else real).as_posix()


def _templates(root: Path) -> dict[str, str]:
    digests: dict[str, str] = {}
    real_root = os.path.realpath(root)
    for path in template_files(template_dirs(root)):
        try:
            digests[_key(real_root, os.path.realpath(path))] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:   # unreadable: the writer that needs it reports it, naming the file
            continue
    return digests


def _digests(project: Project, report: Report, templates: dict[str, str]) -> dict[str, str]:
    digests = dict(templates)
    real_root = os.path.realpath(project.root)
    if project.digest is not None:
        digests[_key(real_root, os.path.realpath(project.facts_path))] = project.digest
    for source in report.sources.values():   # a source's path is already resolved: no system call per source
        digests[_key(real_root, str(source.path))] = source.sha256
    return dict(sorted(digests.items()))
