"""Template files: where they are looked up, and how they are read safely.

A project may override every built-in template by name in its own
``templates/`` folder, and a project may come from someone else. So a
template file is only ever read from inside the template folders, after
resolving its real path: a symlink ``templates/leak.txt -> /etc/passwd`` is
refused, as the PDF's URL fetcher refuses any URL outside them. Files are
read as regular files only, at most :data:`MAX_TEMPLATE_BYTES`, as UTF-8.
Style sheets are data, never Jinja: :func:`stylesheet_text` inlines one.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable

import jinja2
from jinja2.loaders import split_template_path
from markupsafe import Markup

from briefing.errors import RenderError
from briefing.load.files import NotUtf8, decode_utf8, read_regular_file
from briefing.load.templates import MAX_TEMPLATE_BYTES
_END_STYLE = re.compile(r"</(style)", re.IGNORECASE)


def shown(path: Path, dirs: list[Path]) -> str:
    """``templates/briefing.css``: a template file as a message names it (its folder and name)."""
    for folder in dirs:
        try:
            return f"{folder.name}/{Path(os.path.realpath(path)).relative_to(os.path.realpath(folder)).as_posix()}"
        except ValueError:
            continue
    return str(path)


def find_template_file(dirs: list[Path], name: str) -> Path | None:
    """The real path of template ``name`` in the first folder that has it, or None.

    Raises :class:`RenderError` when the name leads outside every template
    folder (``..``, an absolute path, or a symlink that points out).
    """
    try:
        parts = split_template_path(name)
    except jinja2.TemplateNotFound:
        raise RenderError(f"template {name!r} is not a file name inside the template folders") from None
    roots = [Path(os.path.realpath(d)) for d in dirs]
    for folder in dirs:
        candidate = Path(folder).joinpath(*parts)
        if not os.path.lexists(candidate):
            continue
        real = Path(os.path.realpath(candidate))
        if not any(real == root or root in real.parents for root in roots):
            raise RenderError(f"{shown(candidate, dirs)} leads outside the template folders (to {real}): "
                              "templates may only use files inside templates/; replace the link with a file")
        return real
    return None


def read_template_text(path: Path, dirs: list[Path]) -> str:
    """A template file's text: a regular file, at most MAX_TEMPLATE_BYTES, UTF-8 (else RenderError)."""
    try:
        return decode_utf8(read_regular_file(path, MAX_TEMPLATE_BYTES))
    except NotUtf8 as error:
        raise RenderError(f"{shown(path, dirs)} is not UTF-8 ({error.reason})") from None
    except OSError as error:
        raise RenderError(f"cannot read the template {shown(path, dirs)} ({error.strerror})") from None


class TemplateLoader(jinja2.BaseLoader):
    """A Jinja loader over the template folders that never reads a file outside them."""

    def __init__(self, dirs: list[Path]) -> None:
        self.dirs = [Path(d) for d in dirs]

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        """The text, real file name and an up-to-date check of ``template``."""
        path = find_template_file(self.dirs, template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        text = read_template_text(path, self.dirs)
        mtime = path.stat().st_mtime
        return text, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime


def stylesheet_text(dirs: list[Path], name: str) -> Markup:
    """The style sheet ``name`` as data for a ``<style>`` element: never evaluated as a template.

    ``</style`` inside it is escaped (``<\\/style``, the same in CSS), so a
    style sheet cannot end its element and inject markup into the page.
    """
    path = find_template_file(dirs, name)
    if path is None:
        searched = ", ".join(str(d) for d in dirs)
        raise RenderError(f"style sheet {name!r} not found in {searched}")
    return Markup(_END_STYLE.sub(r"<\\/\1", read_template_text(path, dirs)))
