"""The HTML writer: a :class:`~briefing.document.Document` through Jinja2 templates.

The same HTML is written as the ``.html`` output and fed to WeasyPrint for the
PDF (see :mod:`briefing.pdf`). Templates are looked up first in the project's
``templates/`` folder, then in the built-in ones (the ``briefing.templates``
package), never outside them (:mod:`briefing.writers.template_files`).
A project's templates may come from someone else, so they run in Jinja's
immutable sandbox: a template can print the document, not reach Python's
internals, files or the shell. Style sheets are inlined as data
(``style_sheet("briefing.css")``), never evaluated as Jinja. Everything is
autoescaped; an undefined name in a template is an error (``StrictUndefined``)
reported with the template file and line.
"""
from __future__ import annotations

import functools
import traceback
from pathlib import Path

import jinja2
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from briefing.writers.charts import chart_svg
from briefing.document.formatting import format_date, format_location
from briefing.document.model import Document
from briefing.errors import BriefingError, RenderError
from briefing.load.templates import builtin_template_dir, template_dirs  # noqa: F401 - imported from here too
from briefing.writers.sandbox import BoundedSandbox, memory_ceiling
from briefing.writers.template_files import TemplateLoader, stylesheet_text

TEMPLATES = ("briefing", "factsheet")


def make_environment(dirs: list[Path]) -> jinja2.Environment:
    """A sandboxed Jinja2 environment over ``dirs``: autoescape on, ``StrictUndefined``, our filters."""
    env = BoundedSandbox(
        loader=TemplateLoader(dirs),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date"] = format_date            # one date style (briefing.document.formatting)
    env.filters["location"] = format_location
    env.globals["style_sheet"] = functools.partial(stylesheet_text, dirs)
    return env


def _where(filename: str | None, lineno: int | None, dirs: list[Path]) -> str:
    """``templates/briefing.html.j2:42`` for a template file inside one of ``dirs``."""
    name = filename or "<template>"
    path = Path(name)
    for d in dirs:
        try:
            name = f"{d.name}/{path.resolve().relative_to(d.resolve()).as_posix()}"
            break
        except (ValueError, OSError):
            continue
    return f"{name}:{lineno}" if lineno else name


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost traceback frame that runs template code (Jinja maps it to the file)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".j2", ".html", ".css", ".jinja")):
            found = (frame.filename, frame.lineno)
    return found


def render_html(doc: Document, template: str, dirs: list[Path]) -> str:
    """Render ``doc`` with ``{template}.html.j2`` (``briefing`` or ``factsheet``) found in ``dirs``.

    Raises :class:`RenderError` naming the template file and line when the
    template has a syntax error or uses an undefined name.
    """
    if template not in TEMPLATES:
        raise RenderError(f"unknown template {template!r}: use one of {', '.join(TEMPLATES)}")
    env = make_environment(dirs)
    filename = f"{template}.html.j2"
    context: dict[str, object] = {
        "doc": doc,
        "meta": doc.meta,
        "charts": [(chart, Markup(chart_svg(chart))) for chart in doc.charts],
        "unproven": [fact for fact in doc.facts if not fact.proven],
    }
    try:
        with memory_ceiling():
            return env.get_template(filename).render(**context)
    except MemoryError as exc:
        where = _where(*_template_frame(exc), dirs)
        raise RenderError(f"{where}: the template asked for more memory than a briefing needs (over 2 GB); "
                          "fix the template (nothing was written)") from None
    except jinja2.TemplateSyntaxError as exc:
        where = _where(exc.filename, exc.lineno, dirs)
        raise RenderError(f"{where}: {exc.message} (template syntax error)") from None
    except UnicodeDecodeError as exc:
        searched = ", ".join(str(d) for d in dirs)
        raise RenderError(f"{filename} (or a template it includes) in {searched} is not UTF-8 (byte {exc.start} "
                          "cannot be read): save it as UTF-8") from None
    except jinja2.TemplateNotFound as exc:
        searched = ", ".join(str(d) for d in dirs)
        raise RenderError(f"template {exc.name!r} not found in {searched}") from None
    except jinja2.UndefinedError as exc:
        where = _where(*_template_frame(exc), dirs)
        raise RenderError(f"{where}: {exc.message}; check the name in the template") from None
    except SecurityError as exc:
        where = _where(*_template_frame(exc), dirs)
        raise RenderError(f"{where}: the template tried something a template may not do ({exc}); templates "
                          "print the document only (the sandbox refused it, nothing was written)") from None
    except jinja2.TemplateError as exc:
        where = _where(*_template_frame(exc), dirs)
        raise RenderError(f"{where}: {exc}") from None
    except BriefingError:
        raise
    except Exception as exc:  # noqa: BLE001 - a project's template may fail in any way: name it, no traceback
        where = _where(*_template_frame(exc), dirs)
        raise RenderError(f"{where}: the template failed ({type(exc).__name__}: {exc}); fix the template") from None
