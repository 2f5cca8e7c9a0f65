"""The one way `briefing` writes a file: all or nothing, and durable.

:func:`write_atomic` writes the bytes to a temporary file beside the target
(``.NAME.tmp-PID``), fsyncs it, renames it over the target and fsyncs the
folder, so a reader sees the old file or the new one, never a part, and a
power cut after the call cannot undo it. A failure removes the temporary
file. A temporary file left by a killed process carries that process's id in
its name; :func:`sweep_stale` removes those whose process is gone.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

TEMP_RE = re.compile(r"^\..+\.tmp-(\d+)$")


def temp_path(target: Path, pid: int | None = None) -> Path:
    """The temporary name of ``target`` for this process: ``.NAME.tmp-PID`` in the same folder."""
    return target.with_name(f".{target.name}.tmp-{os.getpid() if pid is None else pid}")


def fsync_dir(folder: Path) -> None:
    """Make the entries of ``folder`` durable (a no-op where folders cannot be fsynced)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename itself is still atomic
    finally:
        os.close(fd)


def write_new(path: Path, data: bytes, mode: int = 0o666) -> None:
    """Create ``path`` (which must not exist) with ``data``, flushed and fsynced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all or nothing: temp file, fsync, rename, fsync the folder.

    An existing file keeps its permission bits. On any failure the temporary
    file is removed and the exception propagates; ``path`` is unchanged.
    """
    tmp = temp_path(path)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = 0o666
    try:
        tmp.unlink(missing_ok=True)   # a leftover of an earlier process with the same id
        write_new(tmp, data, mode)
        os.chmod(tmp, mode)           # the umask may have narrowed it
        os.replace(tmp, path)
    except BaseException:
        remove_quietly(tmp)
        raise
    fsync_dir(path.parent)


def remove_quietly(path: Path) -> None:
    """Remove a file, symlink or folder tree if it is there; never raise."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def pid_alive(pid: int) -> bool:
    """True if a process with this id exists (it may belong to someone else)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def sweep_stale(folder: Path, *, ours_too: bool = False) -> list[Path]:
    """Remove ``.NAME.tmp-PID`` entries of ``folder`` whose process is gone; return what was removed.

    ``ours_too`` also removes this process's own entries: right for a caller
    that holds the folder's lock and has not created any temporary file yet
    (a process id can be reused after a reboot or in a fresh container).
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = TEMP_RE.match(entry.name)
        if match is None:
            continue
        pid = int(match.group(1))
        if (pid == os.getpid() and ours_too) or (pid != os.getpid() and not pid_alive(pid)):
            remove_quietly(entry)
            removed.append(entry)
    return removed
