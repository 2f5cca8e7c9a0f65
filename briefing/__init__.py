"""briefing: prove a curated fact base against its sources, then render it.

The public API is small and follows the pipeline::

    from briefing import load_project, verify
    project = load_project("facts.yaml")
    report = verify(project)
    report.errors            # findings of severity "error"

``load`` -> ``verify`` -> ``document`` -> writers (``html``, ``pdf``, ``docx``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["load_project", "verify", "Finding", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from briefing.findings import Finding
    from briefing.load.project import load_project
    from briefing.verify.facts import verify


def __getattr__(name: str) -> Any:
    # Lazy so that `briefing --help` does not import pydantic or YAML.
    if name == "load_project":
        from briefing.load.project import load_project
        return load_project
    if name == "verify":
        from briefing.verify.facts import verify
        return verify
    if name == "Finding":
        from briefing.findings import Finding
        return Finding
    raise AttributeError(name)
