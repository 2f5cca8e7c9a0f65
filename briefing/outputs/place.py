"""Where outputs may go: an out folder must be a folder, and a system folder needs asking for.

* ``--out`` (or the default out/) that exists but is a file, a device, a FIFO
  or a socket is refused with a message that says which it is.
* Folders of the kernel and devices (``/dev``, ``/proc``, ``/sys``) are never
  written, nor the project folder itself or anything inside its ``sources/``
  or ``templates/`` (outputs would mix with the inputs).
* As root, a render into another system folder (``/etc``, ``/usr``, ``/var``
  and the like, or a new folder at the top of the file system) happens only
  when ``--out`` names it explicitly, and then with a warning: a project
  under /etc must not write there just because its out/ is the default.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from briefing.errors import UsageError

NEVER = ("/dev", "/proc", "/sys")
SYSTEM = ("/bin", "/boot", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/run", "/sbin", "/usr", "/var")
NOT_SYSTEM = ("/var/tmp",)
KINDS = ((stat.S_ISREG, "a file"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
         (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"))


def _under(path: str, folders: tuple[str, ...]) -> str | None:
    for folder in folders:
        if path == folder or path.startswith(folder + "/"):
            return folder
    return None


def system_folder(path: Path) -> str | None:
    """The system folder ``path`` is in (after resolving links), or None."""
    real = os.path.realpath(path)
    if _under(real, NOT_SYSTEM):
        return None
    if real == "/" or os.path.dirname(real) == "/" and not os.path.isdir(real):
        return "/"
    return _under(real, NEVER + SYSTEM)


def check_out_folder(path: Path, explicit: bool, euid: int | None = None, project: Path | None = None) -> list[str]:
    """Refuse an out folder that cannot or must not be one (UsageError); return the warnings to print.

    ``explicit`` is True when the user named it with ``--out``; ``euid`` is
    the effective user id (this process's by default); ``project`` is the
    project folder, whose inputs outputs must never land among.
    """
    name = f"--out {path}" if explicit else f"the output folder {path}"
    if project is not None:
        _refuse_among_inputs(path, project, name)
    try:
        info = os.stat(path)
    except OSError:
        info = None           # missing (it is created), or unreachable: writing it says why
    if info is not None and not stat.S_ISDIR(info.st_mode):
        kind = next((text for test, text in KINDS if test(info.st_mode)), "not a folder")
        raise UsageError(f"{name} is {kind}, not a folder: give a folder (it is created if it does not exist)")
    folder = system_folder(path)
    if folder is None:
        return []
    if folder in NEVER:
        raise UsageError(f"{name} is inside {folder}, the kernel's and devices' folder; outputs never go there")
    if (os.geteuid() if euid is None and hasattr(os, "geteuid") else euid) != 0:
        return []
    if not explicit:
        raise UsageError(f"{name} is inside the system folder {folder}, and briefing runs as root: nothing was "
                         "written. Render elsewhere, or name the folder with --out if you really mean it")
    return [f"WARNING: writing into the system folder {folder} as root ({path}), because --out names it"]


def _refuse_among_inputs(path: Path, project: Path, name: str) -> None:
    """The project folder itself, or its sources/ or templates/, is no output folder: outputs would mix with
    the inputs (and a source or template named like an output would be replaced)."""
    real, root = os.path.realpath(path), os.path.realpath(project)
    if real == root:
        raise UsageError(f"{name} is the project folder itself: outputs go in a folder of their own, such as out/")
    for inputs in ("sources", "templates"):
        folder = os.path.join(root, inputs)
        if os.path.commonpath([real, folder]) == folder:
            raise UsageError(f"{name} is inside the project's {inputs}/: outputs go in a folder of their own, "
                             "such as out/")
