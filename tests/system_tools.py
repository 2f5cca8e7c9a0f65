"""Debian packages some tests need (pdftoppm, the HarfBuzz subsetter, Chromium), installed on first use.

The README's test command is all a fresh machine runs, so a test that needs
a program from Debian's packages asks for it here: when it is missing and
the tests run as root with apt-get (as on this project's machines and CI),
it is installed once; otherwise the test fails and says what to install.
Nothing is skipped.
"""
from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
from typing import Callable

import pytest

_updated = False


def _apt_install(packages: list[str]) -> str:
    """Install ``packages`` with apt-get; the error text, or "" when it worked."""
    global _updated
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return "not root with apt-get"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if not _updated:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=600, env=env)
        _updated = True
    done = subprocess.run(["apt-get", "install", "-y", "-qq", *packages], capture_output=True, text=True,
                          timeout=1200, env=env)
    return "" if done.returncode == 0 else done.stderr[-500:]


def require(present: Callable[[], bool], packages: list[str], what: str) -> None:
    """Make sure ``what`` is on this machine, installing Debian's ``packages`` if need be; fail if it cannot be."""
    if present():
        return
    problem = _apt_install(packages)
    if not present():
        pytest.fail(f"{what} is needed: install {' '.join(packages)} from Debian's packages ({problem})")


def require_program(name: str, package: str) -> str:
    """The path of program ``name``, installing ``package`` if it is missing."""
    require(lambda: shutil.which(name) is not None, [package], name)
    path = shutil.which(name)
    assert path is not None
    return path


def require_library(name: str, package: str) -> None:
    """Make sure shared library ``name`` (e.g. "harfbuzz-subset") loads, installing ``package`` if need be."""
    require(lambda: ctypes.util.find_library(name) is not None, [package], f"lib{name}")
