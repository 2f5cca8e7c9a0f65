"""The command line's shared arguments: the facts file, ``--out``, render's ``--format`` and ``--template``.

A path the system cannot even look up (a name too long for the file
system, a NUL byte, a link loop) is misuse, exit 2, with a message naming
it, never an internal error.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

import click

from briefing.errors import UsageError


def _command() -> str:
    context = click.get_current_context(silent=True)
    if not context or not context.info_name:
        return "check"
    if context.parent is not None and context.parent.info_name == "sources":   # `briefing sources add ...`
        return {"list": "sources", "add": "sources add FILE|URL --facts", "show": "sources show ID --facts"}.get(
            context.info_name, "sources")
    return context.info_name


def facts_path(facts_file: str | None) -> Path:
    """The facts file a command was given (default ./facts.yaml; a folder means its facts.yaml)."""
    path = Path(facts_file or "facts.yaml")
    try:
        os.stat(path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as error:   # a name too long, a NUL byte, a link loop: say so, not exit 3
        reason = getattr(error, "strerror", None) or str(error)
        raise UsageError(f"{str(path)[:200]}: cannot be used as the facts file ({reason}): give the path of a "
                         "facts.yaml") from None
    if not path.exists():
        raise UsageError(f"{path}: no such file. Run the command in a briefing project (a folder with facts.yaml) "
                         f"or give the path: briefing {_command()} path/to/facts.yaml")
    if path.is_dir():
        candidate = path / "facts.yaml"
        if not candidate.exists():
            raise UsageError(f"{path} is a folder without facts.yaml: give the path of the facts file")
        path = candidate
    return path


def out_option(out_dir: str | None) -> Path | None:
    """The ``--out`` folder as given, or None; a path the system cannot even look up is misuse (exit 2)."""
    if out_dir is None:
        return None
    try:
        os.lstat(out_dir)
    except ValueError as error:              # a NUL byte
        raise UsageError(f"--out {out_dir[:200]!r}: cannot be used as a folder ({error})") from None
    except OSError as error:                 # a name too long for the file system; the rest is the writer's
        if error.errno == errno.ENAMETOOLONG:
            raise UsageError(f"--out {out_dir[:200]}: cannot be used as a folder ({error.strerror})") from None
    return Path(out_dir)


def render_choices(formats: str, template: str | None, path: Path) -> tuple[list[str], list[str]]:
    """The --format and --template options of render and watch, checked.

    No --template: the briefing and every other template a recipient of the
    project's stakeholders.yaml asks for (so `render` then `send` works).
    """
    wanted = [part.strip().lower() for part in formats.split(",") if part.strip()]
    unknown = sorted(set(wanted) - {"pdf", "docx", "html"})
    if unknown or not wanted:
        raise UsageError(f"--format: unknown output {', '.join(unknown) or '(none)'}; use pdf, docx, html")
    if template is None:
        from briefing.deliver.stakeholders import templates_asked_for

        asked, warning = templates_asked_for(path.parent)
        if warning:
            click.echo(warning, err=True)
        return wanted, list(dict.fromkeys(["briefing", *asked]))
    return wanted, ["briefing", "factsheet"] if template == "all" else [template]
