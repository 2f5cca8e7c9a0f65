"""Command-line misuse and signals, second round (issue 14): one row per attack, through the real CLI.

Exit 0/1/2 only (never 3), no traceback, a message that says what to do;
Ctrl-C and SIGTERM during a render stop it with one line and leave the
previous out/ whole, with nothing temporary behind. Rows marked "was:"
failed before this round's fixes.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from attack_helpers import ENV, assert_clean, briefing, leftovers, project, replace_in

# (id, arguments, exit status, what the output says)
MISUSE = [
    ("out-too-long", ["render", "--format", "html", "--out", "x" * 300], 2,
     "cannot be used as a folder (File name too long)"),                                     # was: exit 3
    ("diff-out-too-long", ["diff", "--out", "y" * 300], 2, "cannot be used as a folder"),      # was: exit 3
    ("init-in-proc", ["init", "/proc/briefing-test"], 1, "cannot be written"),                 # was: exit 3
    ("init-through-a-file", ["init", "facts.yaml/sub"], 1, "cannot be written: Not a directory"),  # was: exit 3
    ("init-into-a-project", ["init", "."], 1, "already exist: nothing written"),
    ("init-dev-null", ["init", "/dev/null"], 1, "is a file, not a folder"),
    ("check-extra-argument", ["check", "facts.yaml", "extra"], 2, "unexpected extra argument"),
    ("check-bad-format", ["check", "--format", "xml"], 2, "'xml' is not one of"),
    ("check-a-folder-without-facts", ["check", "sources"], 2, "is a folder without facts.yaml"),
    ("check-dev-null", ["check", "/dev/null"], 1, "it is a device, not a regular file"),
    ("render-empty-format", ["render", "--format", ",,"], 2, "unknown output (none)"),
    ("render-out-a-file", ["render", "--out", "facts.yaml"], 2, "is a file, not a folder"),
    ("render-out-dev-null", ["render", "--out", "/dev/null"], 2, "is a character device"),
    ("render-out-proc", ["render", "--out", "/proc/self"], 2, "inside /proc"),
    ("render-paper-lower-case", ["render", "--paper", "a4"], 2, "'a4' is not one of"),
    ("send-deadline-zero", ["send", "--deadline", "0"], 2, "not in the range x>=1"),
    ("diff-since-unknown", ["diff", "--since", "../../etc"], 2, "no kept version matches"),
    ("sources-show-unknown", ["sources", "show", "nope"], 2, "no source `nope`"),
    ("sources-add-fifo", ["sources", "add", "pipe"], 1, "it is a FIFO (named pipe)"),
    ("sources-add-dev-zero", ["sources", "add", "/dev/zero"], 1, "it is a device"),
    ("sources-add-file-url", ["sources", "add", "file:///etc/passwd"], 1, "only http:// and https://"),
    ("sources-add-bad-id", ["sources", "add", "facts.yaml", "--id", "Bad ID\n"], 2, "an id is lowercase"),
    ("suggest-unknown-kind", ["suggest", "pact", "--kinds", "bogus"], 2, "unknown kind bogus"),
]


@pytest.mark.parametrize("args, code, expected", [row[1:] for row in MISUSE], ids=[row[0] for row in MISUSE])
def test_misuse_is_a_message_and_exit_status(tmp_path: Path, args: list[str], code: int, expected: str) -> None:
    root = project(tmp_path)
    os.mkfifo(root / "pipe")
    assert_clean(briefing(root, *args, timeout=60), code, expected)


@pytest.mark.parametrize("value", ["nan", "-5", "soon"])   # inf and 1e300: tests/test_attacks_outputs.py
def test_a_layout_timeout_that_is_no_number_of_seconds_still_renders(tmp_path: Path, value: str) -> None:
    root = project(tmp_path)
    assert_clean(briefing(root, "render", "--format", "pdf", env={"BRIEFING_LAYOUT_TIMEOUT": value}), 0, "wrote")


def _start(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**ENV, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-m", "briefing", *args], cwd=root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)


def _wait_for_helper(process: subprocess.Popen[str], seconds: float = 30) -> None:
    """Until the render has forked its helper process (it then is mid-render)."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    end = time.monotonic() + seconds
    while time.monotonic() < end and process.poll() is None:
        if children.exists() and children.read_text().split():
            return
        time.sleep(0.02)
    raise AssertionError("the render never started its helper process")


@pytest.mark.parametrize("how, code, message", [
    ("SIGTERM to the render", 143, "Terminated (SIGTERM)"),   # was: killed by the signal, exit -15 and no word
    ("Ctrl-C to the group", 130, ""),                          # was: the helper printed a KeyboardInterrupt traceback
    ("SIGTERM to the group", 143, "Terminated (SIGTERM)"),
])
def test_a_signal_mid_render_stops_it_cleanly_and_keeps_the_last_render(tmp_path: Path, how: str, code: int,
                                                                       message: str) -> None:
    root = project(tmp_path)
    assert_clean(briefing(root, "render", "--format", "pdf,html"), 0, "wrote")
    before = {name: (root / "out" / name).read_bytes() for name in ("briefing.pdf", "briefing.html", "manifest.json")}
    replace_in(root / "facts.yaml", 'title: "US-Pakistan test briefing"', 'title: "US-Pakistan test briefing, v2"')
    process = _start(root, "render", "--format", "pdf,html")
    _wait_for_helper(process)
    signum = signal.SIGINT if "Ctrl-C" in how else signal.SIGTERM
    if "group" in how:
        os.killpg(process.pid, signum)
    else:
        os.kill(process.pid, signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode in (code, 0), out + err          # 0: the render had just finished
    assert "Traceback" not in out + err and "internal error" not in out + err, err
    if process.returncode == code:
        assert message in err, err
        assert {name: (root / "out" / name).read_bytes() for name in before} == before
    time.sleep(0.5)                                          # the helper's own exit
    assert leftovers(root / "out") == []
    assert not Path(f"/proc/{process.pid}").exists()
