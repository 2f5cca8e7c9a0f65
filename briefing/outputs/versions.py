"""Publish a render as one version of out/: the whole set or nothing, at every instant.

Layout of an out folder::

    out/.versions/<version>.<pid>.<token>/   one complete render: every output and manifest.json
    out/.current -> .versions/<...>          the one version out/ shows
    out/briefing.pdf -> .current/briefing.pdf
    out/manifest.json -> .current/manifest.json   (and so on for each output)
    out/.lock                                held while a render commits or a send reads

A commit writes every file into a fresh version folder (each fsynced), then
switches ``.current`` with one rename of a symlink. Before that rename out/
shows the previous version whole; after it, the new one whole. The previous
version is removed only after the switch, and leftovers of killed runs (a
half-written version folder, a ``.NAME.tmp-PID`` file) are removed by the
next commit. Users and `briefing send` read ``out/briefing.pdf`` as before.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import time
from pathlib import Path
from typing import Iterator

from briefing.outputs.manifest import MANIFEST_NAME, Manifest, OutputRecord, manifest_bytes, read_manifest
from briefing.outputs.atomic import fsync_dir, remove_quietly, sweep_stale, temp_path, write_atomic, write_new

try:  # POSIX; elsewhere commits are not locked against a second run
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

VERSIONS = ".versions"
CURRENT = ".current"
LOCK = ".lock"
LEGACY = ".legacy-manifest.json"   # the manifest of a plain out/ while it becomes versioned
LOCK_WAIT = 30.0   # seconds a commit waits for a send that is reading out/


class OutBusy(OSError):
    """Another process holds out/ longer than we wait."""


@contextlib.contextmanager
def locked(out: Path, shared: bool = False, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold out/.lock: exclusive for a commit, shared for a reader; OutBusy after ``wait`` seconds."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK, "a+b") as handle:
        if fcntl is not None:
            mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
            give_up = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(handle.fileno(), mode)
                    break
                except BlockingIOError:
                    if time.monotonic() > give_up:
                        raise OutBusy(f"another `briefing` process is using {out}") from None
                    time.sleep(0.05)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def current_version(out: Path) -> Path | None:
    """The version folder out/ shows, or None (nothing rendered, or an out/ written before versions)."""
    link = out / CURRENT
    if not link.is_symlink():
        return None
    target = out / os.readlink(link)
    return target if target.is_dir() else None


def commit(out: Path, files: dict[str, bytes], label: str) -> Path | None:
    """Publish ``files`` (name -> bytes, manifest.json included) as the version out/ shows; return its folder.

    Raises OSError (disk full, read-only, ...) with out/ still showing the
    previous version and nothing of this attempt left behind. Where the file
    system has no symlinks, :func:`commit_plain` does the job (and None is
    returned).
    """
    with locked(out):
        if not _symlinks_work(out):
            commit_plain(out, files)
            return None
        versions = out / VERSIONS
        _sweep(out, keep=current_version(out))
        build = versions / f"{label}.{os.getpid()}.{secrets.token_hex(4)}"
        switched = False
        try:
            versions.mkdir(exist_ok=True)
            build.mkdir()
            for name, data in files.items():
                write_new(build / name, data)
            fsync_dir(build)
            fsync_dir(versions)
            legacy = (out / LEGACY).exists() or ((out / MANIFEST_NAME).exists()
                                                 and not (out / MANIFEST_NAME).is_symlink())
            for name in [] if legacy else files:   # a new name's link shows nothing until the switch
                path = out / name
                # A plain file of that name (copied in, or left by another tool) is replaced too: else the
                # render would say it wrote out/NAME while out/NAME still shows the old bytes.
                if not path.is_symlink() or os.readlink(path) != f"{CURRENT}/{name}":
                    _link(out, name)
            fsync_dir(out)
            _switch(out, build)
            switched = True
        finally:
            if not switched:
                remove_quietly(build)
                remove_quietly(temp_path(out / CURRENT))
                _unlink_dangling(out)
        _replace_plain_files(out, list(files))
        _sweep(out, keep=build)
        _unlink_dangling(out)
        return build


def _symlinks_work(out: Path) -> bool:
    """False on a file system that refuses symlinks (some USB sticks and network shares)."""
    probe = temp_path(out / ".symlink-probe")
    remove_quietly(probe)
    try:
        os.symlink(".", probe)
    except OSError as error:
        if error.errno in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            return False
        raise
    probe.unlink()
    return True


def commit_plain(out: Path, files: dict[str, bytes]) -> None:
    """Publish ``files`` as plain files, for a file system without symlinks (the caller holds the lock).

    Every file is first written in full beside its target, so a full disk
    changes nothing; then the old manifest goes, the outputs are renamed into
    place and the new manifest comes last. A kill among the renames leaves an
    out/ without a manifest (send refuses it, render renders again), never a
    mix that claims to be whole.
    """
    sweep_stale(out, ours_too=True)
    temps: dict[str, Path] = {}
    try:
        for name, data in files.items():
            temps[name] = temp_path(out / name)
            remove_quietly(temps[name])
            write_new(temps[name], data)
    except BaseException:
        for tmp in temps.values():
            remove_quietly(tmp)
        raise
    # Set aside, first, the list of every file a kill could leave unlisted: the old outputs and the new.
    old = read_manifest(out) or read_manifest(out, LEGACY)
    written = [OutputRecord("", "", name, "") for name in files if name != MANIFEST_NAME]
    write_atomic(out / LEGACY, manifest_bytes(Manifest("", False, "", "", "", {}, outputs=[
        *(old.outputs if old else []), *written])))
    (out / MANIFEST_NAME).unlink(missing_ok=True)
    fsync_dir(out)
    for name, tmp in temps.items():
        if name != MANIFEST_NAME:
            os.replace(tmp, out / name)
    _remove_unlisted(out, read_manifest(out, LEGACY), list(files))
    os.replace(temps[MANIFEST_NAME], out / MANIFEST_NAME)
    (out / LEGACY).unlink(missing_ok=True)
    fsync_dir(out)


def tidy(out: Path) -> None:
    """Remove what killed runs left in ``out`` (old versions, stale temp files), if no one holds it.

    For a run that commits nothing (an up-to-date render): the leftovers of a
    killed render go even when nothing needs rendering.
    """
    if not (out / VERSIONS).is_dir() and not any(out.glob(".*.tmp-*")):
        return
    try:
        with locked(out, wait=0):
            _sweep(out, keep=current_version(out))
            _unlink_dangling(out)
    except OSError:
        pass   # another process holds out/ (or it is read-only): the next commit sweeps


def _switch(out: Path, build: Path) -> None:
    """Point out/.current at ``build``: one rename of a symlink, then fsync out/."""
    tmp = temp_path(out / CURRENT)
    remove_quietly(tmp)
    os.symlink(f"{VERSIONS}/{build.name}", tmp)
    os.replace(tmp, out / CURRENT)
    fsync_dir(out)


def _link(out: Path, name: str) -> None:
    """Make out/NAME a link to .current/NAME (a rename of a fresh symlink over whatever was there)."""
    tmp = temp_path(out / name)
    remove_quietly(tmp)
    os.symlink(f"{CURRENT}/{name}", tmp)
    os.replace(tmp, out / name)


def _replace_plain_files(out: Path, names: list[str]) -> None:
    """Turn the plain files of a render from before versions into links (after the switch).

    Its manifest.json is first renamed to ``.legacy-manifest.json``, so a kill
    midway leaves an out/ without a manifest (which send refuses and render
    renders again), never a mix that claims to be whole; the next commit
    finishes the job. The outputs it listed that this render did not write
    are removed with it.
    """
    if (out / MANIFEST_NAME).exists() and not (out / MANIFEST_NAME).is_symlink():
        os.replace(out / MANIFEST_NAME, out / LEGACY)
        fsync_dir(out)
    if not (out / LEGACY).exists():
        return
    before = read_manifest(out, LEGACY)
    for name in names:
        if name != MANIFEST_NAME and not (out / name).is_symlink():
            _link(out, name)
    _remove_unlisted(out, before, names)
    _link(out, MANIFEST_NAME)
    (out / LEGACY).unlink()
    fsync_dir(out)


def _remove_unlisted(out: Path, before: Manifest | None, names: list[str]) -> None:
    """Remove the plain files ``before`` listed that the new set does not have."""
    for record in before.outputs if before else []:
        old = out / record.path
        if record.path not in names and old.parent == out and old.is_file() and not old.is_symlink():
            old.unlink()


def _sweep(out: Path, keep: Path | None) -> None:
    """Remove every version but ``keep`` and stale temporary entries (the lock is held)."""
    sweep_stale(out, ours_too=True)
    versions = out / VERSIONS
    if versions.is_dir():
        for entry in versions.iterdir():
            if keep is None or entry.name != keep.name:
                remove_quietly(entry)


def _unlink_dangling(out: Path) -> None:
    """Remove out/NAME links into .current whose file the current version does not have."""
    for entry in out.iterdir():
        if entry.is_symlink() and entry.name != CURRENT and os.readlink(entry).startswith(f"{CURRENT}/") \
                and not entry.exists():
            entry.unlink(missing_ok=True)
