"""Attacks on out/ and the layout limit, second round (issue 14); the fixes are in outputs/ and pdf_worker.py.

Each failed before those fixes: a manifest.json that is a FIFO hung send,
diff and render, one linked to /dev/zero was read until memory ran out, a
deeply nested one was exit 3; BRIEFING_LAYOUT_TIMEOUT=inf or 1e300 was exit
3; a plain file under an output's name was reported as written while it
kept its old bytes; and --out could put the outputs among the project's
inputs (sources/, templates/, the project folder).
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


@pytest.mark.parametrize("damage", ["recipients: [unclosed\n", "recipients:\n  bad id:\n    email: x\n", "fifo"])
def test_a_broken_stakeholders_file_is_named_at_render_and_the_briefing_still_renders(tmp_path: Path,
                                                                                       damage: str) -> None:
    root = project(tmp_path)
    if damage == "fifo":
        os.mkfifo(root / "stakeholders.yaml")
    else:
        (root / "stakeholders.yaml").write_text(damage, encoding="utf-8")
    done = briefing(root, "render", "--format", "html", timeout=60)
    assert_clean(done, 0, "wrote out/briefing.html", "stakeholders.yaml", "warning:")
