"""Attacks that still fail, in files other helpers own right now (issue 14, second round). NOT collected by pytest.

Run them by hand: ``.venv/bin/python -m pytest -q -p no:cacheprovider tests/pending_attacks.py``.
Each test fails today and states the fix it needs; when the lead applies a
fix, move its test into tests/test_attacks_*.py.

* outputs/manifest.py, ``read_manifest``: reads ``out/manifest.json`` with
  ``Path.read_text`` (a FIFO hangs send, diff and render for ever; a link to
  ``/dev/zero`` reads until memory runs out) and ``json.loads`` without
  catching RecursionError (``[[[[...`` is exit 3). Fix: read it with
  ``briefing.load.files.read_regular_file(out_dir / name, 16 * 2**20)`` and
  catch ``RecursionError`` with the others (``except (OSError, ValueError,
  TypeError, RecursionError): return None``).
* commands/pdf_worker.py, ``layout_limit``: ``BRIEFING_LAYOUT_TIMEOUT=inf``
  or ``1e300`` passes ``float(configured) > 0`` and then overflows the
  timeout (exit 3, ``OverflowError``). Fix: accept only
  ``math.isfinite(value) and 0 < value <= 86400`` (else the default), and
  say so in docs ("Untrusted projects and safety", the layout limit).
* outputs/versions.py, ``commit``: a plain file ``out/briefing.html`` (no
  manifest beside it: copied there, or left by another tool) is not
  replaced by the link when the out/ is not a legacy one (``legacy`` is
  false, and the loop only relinks missing names or wrong links), so the
  render prints "wrote out/briefing.html" while the file shows the old
  bytes. Fix: in the loop, also ``_link`` a name whose path exists and is
  not a symlink (``or not path.is_symlink()``); this is safe only together
  with the next fix, since it replaces the file.
* outputs/place.py, ``check_out_folder``: ``--out sources`` (or a folder
  inside it), ``--out templates`` and ``--out .`` (the project folder) are
  accepted, so outputs, ``.versions/`` and ``manifest.json`` land among the
  inputs (with the fix above, a source named ``briefing.html`` would be
  replaced). Fix: refuse, exit 2, an --out whose real path is the project
  folder or an ancestor of it, or lies inside its ``sources/`` or
  ``templates/`` ("--out sources is inside the project's sources/: outputs
  go in a folder of their own, such as out/"); ``check_out_folder`` needs
  the project folder as an argument for that.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from attack_helpers import assert_clean, briefing, project
from test_send import project as rendered  # noqa: F401 - the shared rendered project fixture (fake render)

GIB = 1024 ** 3


@pytest.mark.parametrize("command", [["send", "--dry-run"], ["diff"], ["render", "--format", "html"]])
@pytest.mark.parametrize("damage", ["fifo", "dev-zero", "nested-too-deep"])
def test_a_damaged_manifest_is_no_manifest(rendered: Path, command: list[str], damage: str) -> None:  # noqa: F811
    manifest = rendered.parent / "out" / "manifest.json"
    manifest.unlink()
    if damage == "fifo":
        os.mkfifo(manifest)
    elif damage == "dev-zero":
        manifest.symlink_to("/dev/zero")
    else:
        manifest.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    done = briefing(rendered.parent, *command, timeout=30, memory=2 * GIB)   # today: hangs, or MemoryError
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr


@pytest.mark.parametrize("value", ["inf", "1e300"])
def test_a_layout_timeout_of_infinity_is_ignored(tmp_path: Path, value: str) -> None:
    root = project(tmp_path)
    assert_clean(briefing(root, "render", "--format", "pdf", env={"BRIEFING_LAYOUT_TIMEOUT": value}), 0, "wrote")


def test_a_stale_plain_output_is_replaced_not_reported_as_written(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "out").mkdir()
    (root / "out" / "briefing.html").write_text("STALE", encoding="utf-8")
    assert_clean(briefing(root, "render", "--format", "html"), 0, "wrote out/briefing.html")
    assert "STALE" not in (root / "out" / "briefing.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("out", ["sources", "sources/out", "templates", "."])
def test_outputs_never_go_among_the_inputs(tmp_path: Path, out: str) -> None:
    root = project(tmp_path)
    (root / "templates").mkdir()
    (root / "sources" / "briefing.html").write_text("A SOURCE NAMED LIKE AN OUTPUT", encoding="utf-8")
    before = sorted(p.name for p in root.iterdir())
    assert_clean(briefing(root, "render", "--format", "html", "--out", out), 2, "--out")
    assert sorted(p.name for p in root.iterdir()) == before
    assert (root / "sources" / "briefing.html").read_text(encoding="utf-8") == "A SOURCE NAMED LIKE AN OUTPUT"
