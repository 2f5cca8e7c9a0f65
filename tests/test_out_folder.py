"""Where outputs may go: --out that is not a folder says what it is; system folders need asking for as root."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from render_helpers import MINIMAL, briefing, copy_project

from briefing.errors import UsageError
from briefing.outputs.place import check_out_folder, system_folder


@pytest.mark.parametrize("path, folder", [
    ("/etc", "/etc"),
    ("/etc/briefing/out", "/etc"),
    ("/usr/share/doc/out", "/usr"),
    ("/var/lib/out", "/var"),
    ("/var/tmp/out", None),
    ("/dev/shm/out", "/dev"),
    ("/proc/self", "/proc"),
    ("/", "/"),
    ("/a-new-top-level-folder-of-briefing", "/"),
    ("/tmp/project/out", None),
    ("/etcetera/out", None),
])
def test_system_folders(path: str, folder: str | None) -> None:
    assert system_folder(Path(path)) == folder


@pytest.mark.parametrize("path, explicit, euid, outcome", [
    ("/etc/briefing-out", False, 0, "refused"),          # a project under /etc, default out/, as root
    ("/etc/briefing-out", True, 0, "warned"),            # named with --out: done, with a warning
    ("/etc/briefing-out", False, 1000, "quiet"),         # not root: the system's permissions decide
    ("/proc/briefing-out", True, 0, "refused"),          # never, even named
    ("/tmp/briefing-out", False, 0, "quiet"),
])
def test_system_folders_as_root(path: str, explicit: bool, euid: int, outcome: str) -> None:
    if outcome == "refused":
        with pytest.raises(UsageError, match="nothing was written|never go there"):
            check_out_folder(Path(path), explicit, euid)
        return
    warnings = check_out_folder(Path(path), explicit, euid)
    assert bool(warnings) is (outcome == "warned")
    assert all("WARNING" in w and "/etc" in w for w in warnings)


def test_a_render_whose_default_out_leads_into_etc_is_refused_as_root(tmp_path: Path) -> None:
    copy_project(MINIMAL, tmp_path)
    target = Path("/etc") / f"briefing-test-{os.getpid()}-never-created"
    (tmp_path / "out").symlink_to(target)
    done = briefing("render", "--format", "html", cwd=tmp_path)
    assert not target.exists()
    if os.geteuid() == 0:
        assert done.returncode == 2 and "system folder /etc" in done.stderr and "--out" in done.stderr
    else:
        assert done.returncode == 1 and "could not write" in done.stderr


@pytest.mark.parametrize("make, kind", [
    (lambda p: p.write_text("x"), "is a file, not a folder"),
    (lambda p: os.mkfifo(p), "is a FIFO (named pipe), not a folder"),
    (None, "is a character device, not a folder"),
])
@pytest.mark.parametrize("command", ["render", "send"])
def test_out_that_is_a_file_or_a_device_says_so(tmp_path: Path, make: object, kind: str, command: str) -> None:
    copy_project(MINIMAL, tmp_path)
    target = Path("/dev/null")
    if make is not None:
        target = tmp_path / "target"
        make(target)  # type: ignore[operator]
    done = briefing(command, "--out", str(target), cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"--out {target} {kind}" in done.stderr and "Traceback" not in done.stderr
