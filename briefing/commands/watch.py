"""`briefing watch`: one warm process that re-checks and re-renders the briefing on every save.

WeasyPrint, the fonts and every module are loaded once; each save then costs
the check and the render alone (no process start, no imports), which puts a
re-render below WeasyPrint alone in a fresh process. The watcher
(``watchfiles``) looks at the folders the project reads: the facts file's
folder, each source's folder and the template folders, never ``out/``.

* A save that leaves a file's bytes as they were does nothing: every changed
  file's sha256 is compared with the digest the last check recorded.
* A change that breaks a fact refuses the render exactly as ``briefing render``
  does: the findings are printed and the last good outputs stay in ``out/``.
* Between runs, while waiting, the garbage collector frees what the run left
  (:func:`briefing.gcpause.collect_now`), so memory stays that of one run.

The command returns one :class:`WatchRun` per pass to ``on_run``; the CLI prints them.
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from briefing.commands.render import RenderResult, render_project
from briefing.errors import BriefingError
from briefing.gcpause import collect_now
from briefing.load.templates import template_dirs


@dataclass
class WatchRun:
    """One pass: what changed (nothing for the first), and the render's result or the error that stopped it."""

    number: int
    changed: list[str]
    result: RenderResult | None
    error: BriefingError | None
    seconds: float
    memory_mb: float | None = None
    folders: list[Path] = field(default_factory=list)


@dataclass
class WatchOptions:
    """The render options a watch applies on every pass (as `briefing render` takes them)."""

    formats: list[str]
    templates: list[str]
    out_dir: Path | None = None
    draft: bool = False
    paper: str | None = None
    display: str | None = None


def _memory_mb() -> float | None:
    """This process's resident memory in MiB (Linux), or None."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _key(root: Path, path: Path) -> str:
    """The digest key of ``path`` as the check records it: project-relative, else absolute."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class _Watcher:
    """The state between passes: the digests last seen and the folders to watch."""

    def __init__(self, facts_path: Path, options: WatchOptions) -> None:
        self.facts_path = facts_path
        self.root = facts_path.parent
        self.options = options
        self.known: dict[str, str] = {}
        self.sources: list[Path] = []
        self.number = 0

    def folders(self) -> list[Path]:
        """The facts file's folder, every source's folder and the template folders (existing ones)."""
        wanted = {self.root.resolve(), *(path.parent.resolve() for path in self.sources),
                  *(Path(d).resolve() for d in template_dirs(self.root))}
        out = (self.options.out_dir or self.root / "out").resolve()
        return sorted(f for f in wanted if f.is_dir() and f != out and out not in f.parents)

    def changed(self, paths: set[str]) -> list[str]:
        """The project-relative names of the files in ``paths`` whose bytes differ from the last check's."""
        templates = [Path(d).resolve() for d in template_dirs(self.root)]
        changed = []
        for name in sorted(paths):
            path = Path(name)
            key = _key(self.root, path)
            digest = _sha256(path)
            if key in self.known:
                if digest != self.known[key]:
                    changed.append(key)
            elif digest is not None and (path.resolve() == self.facts_path.resolve()
                                         or path.resolve().parent in templates):
                changed.append(key)   # a new facts file or template override
        return changed

    def run(self, changed: list[str]) -> WatchRun:
        """Check and render once; remember the digests this check read."""
        self.number += 1
        started = time.perf_counter()
        result: RenderResult | None = None
        error: BriefingError | None = None
        options = self.options
        try:
            result = render_project(self.facts_path, formats=options.formats, templates=options.templates,
                                    out_dir=options.out_dir, draft=options.draft, paper=options.paper,
                                    force=False, display=options.display)
        except BriefingError as failure:   # an audit or writer failure: out/ is unchanged, keep watching
            error = failure
        for key in changed:   # what this pass saw, even if it stopped before the check recorded it
            digest = _sha256(self.root / key if not Path(key).is_absolute() else Path(key))
            if digest is not None:
                self.known[key] = digest
        if result is not None:
            self.known.update(result.report.digests)
            self.sources = [source.path for source in result.report.sources.values()]
        seconds = time.perf_counter() - started
        collect_now()   # idle time: free what the run left behind
        return WatchRun(self.number, changed, result, error, seconds, _memory_mb(), self.folders())


def _filter(out: Path) -> Callable[[Any, str], bool]:
    import watchfiles

    default = watchfiles.DefaultFilter()
    out = out.resolve()

    def wanted(change: Any, path: str) -> bool:
        resolved = Path(path).resolve()
        if resolved == out or out in resolved.parents or Path(path).name.startswith("."):
            return False
        return bool(default(change, path))

    return wanted


def watch_project(facts_path: Path, options: WatchOptions, on_run: Callable[[WatchRun], None],
                  stop_event: Any = None, debounce_ms: int = 300) -> int:
    """Render now, then again after every save that changes an input, until stopped; return the passes run.

    ``stop_event`` (a ``threading.Event``) ends the watch; so does Ctrl-C, at any moment.
    """
    import weasyprint  # noqa: F401 - warm: every pass renders in this process

    watcher = _Watcher(facts_path, options)
    try:
        _watch(watcher, on_run, stop_event, debounce_ms)
    except KeyboardInterrupt:   # Ctrl-C is how a watch ends, mid-render too (a render is all or nothing)
        pass
    return watcher.number


def _watch(watcher: _Watcher, on_run: Callable[[WatchRun], None], stop_event: Any, debounce_ms: int) -> None:
    import watchfiles

    options = watcher.options
    on_run(watcher.run([]))
    out = options.out_dir or watcher.root / ("out/draft" if options.draft else "out")
    while True:
        folders = watcher.folders()
        for changes in watchfiles.watch(*folders, watch_filter=_filter(out), debounce=debounce_ms,
                                        stop_event=stop_event, raise_interrupt=False, recursive=False):
            changed = watcher.changed({path for _, path in changes})
            if not changed:
                continue   # saved without a change: nothing to do
            on_run(watcher.run(changed))
            if watcher.folders() != folders:
                break      # a source in a new folder: watch the new set
        else:
            return
