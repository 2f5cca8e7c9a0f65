"""The PDF process: forked before the check, it imports WeasyPrint, writes the same PDF, and reports errors."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sample_document import sample_document

from briefing.errors import UnsafeResource
from briefing.writers.html import builtin_template_dir, render_html
from briefing.writers.pdf import write_pdf

ROOT = Path(__file__).resolve().parent.parent
DIRS = [builtin_template_dir()]
IN_A_FRESH_PROCESS = """
import sys, time
sys.path.insert(0, {tests!r})
from briefing.commands.pdf_worker import start_pdf_worker
worker = start_pdf_worker()
assert "weasyprint" not in sys.modules
from sample_document import sample_document
from briefing.errors import UnsafeResource
from briefing.writers.html import builtin_template_dir, render_html
dirs = [builtin_template_dir()]
doc = sample_document()
html = render_html(doc, "briefing", dirs)
with worker:
    print("forked:", worker.forked)
    data = worker.write_pdf(doc, html, dirs)
    try:
        worker.write_pdf(doc, html.replace("</body>", '<img src="file:///etc/passwd"></body>'), dirs)
    except UnsafeResource as error:
        print("refused:", error)
    again = worker.write_pdf(doc, html, dirs)     # the worker goes on after an error
assert "weasyprint" not in sys.modules           # this process never imported it
assert again == data
open(sys.argv[1], "wb").write(data)
start = time.perf_counter()
unused = start_pdf_worker()
unused.close()                                   # a skipped render: the worker is killed, not awaited
print("closed in", round(time.perf_counter() - start, 3))
"""


def test_the_forked_worker_writes_the_same_pdf_and_reports_errors(tmp_path: Path) -> None:
    out = tmp_path / "worker.pdf"
    done = subprocess.run([sys.executable, "-c", IN_A_FRESH_PROCESS.format(tests=str(ROOT / "tests")), str(out)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "forked: True" in done.stdout
    assert "refused: refused to fetch 'file:///etc/passwd'" in done.stdout
    closed = float(done.stdout.split("closed in ")[1])
    assert closed < 1.0, done.stdout
    doc = sample_document()
    assert out.read_bytes() == write_pdf(doc, render_html(doc, "briefing", DIRS), DIRS)


def test_with_weasyprint_imported_the_pdf_is_written_here() -> None:
    import weasyprint  # noqa: F401 - a warm process, as in briefing watch

    from briefing.commands.pdf_worker import start_pdf_worker

    doc = sample_document()
    html = render_html(doc, "briefing", DIRS)
    with start_pdf_worker() as worker:
        assert not worker.forked
        with pytest.raises(UnsafeResource):
            worker.write_pdf(doc, html.replace("</body>", '<img src="file:///etc/passwd"></body>'), DIRS)
        started = time.perf_counter()
        assert worker.write_pdf(doc, html, DIRS)[:5] == b"%PDF-"
        assert time.perf_counter() - started < 60
