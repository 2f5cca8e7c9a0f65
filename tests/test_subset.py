"""Font subsetting: the uharfbuzz route gives pages pixel-identical to the system HarfBuzz, and falls back cleanly.

Each route runs in its own process (the hook is process-wide), renders the
sample briefing, and pdftoppm turns every page into pixels to compare.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from system_tools import require_library, require_program

from briefing.writers import subset

ROOT = Path(__file__).resolve().parent.parent
RENDER = """
import sys
sys.path.insert(0, {tests!r})
mode, out = sys.argv[1], sys.argv[2]
import weasyprint.pdf.fonts as fonts
from briefing.writers import subset
if mode == "uharfbuzz":
    assert subset.use_fast_subsetting(force=True) == "uharfbuzz"
elif mode == "uharfbuzz-broken":
    import uharfbuzz
    def fails(*args):
        raise RuntimeError("injected failure")
    uharfbuzz.subset = fails
    assert subset.use_fast_subsetting(force=True) == "uharfbuzz"
elif mode == "fonttools":
    fonts.harfbuzz_subset = None
used = []
inner = fonts.Font.subset
def spy(self, *args):
    used.append(self.family)
    inner(self, *args)
fonts.Font.subset = spy
from sample_document import sample_document
from briefing.writers.html import builtin_template_dir, render_html
from briefing.writers.pdf import write_pdf
dirs = [builtin_template_dir()]
doc = sample_document()
data = write_pdf(doc, render_html(doc, "briefing", dirs), dirs)
assert used, "no font was subset"
print(subset.subsetter())
open(out, "wb").write(data)
"""


def _pages(tmp_path: Path, mode: str) -> tuple[str, list[bytes]]:
    require_program("pdftoppm", "poppler-utils")
    pdf = tmp_path / f"{mode}.pdf"
    done = subprocess.run([sys.executable, "-c", RENDER.format(tests=str(ROOT / "tests")), mode, str(pdf)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    subprocess.run(["pdftoppm", "-r", "72", "-gray", str(pdf), str(tmp_path / mode)], check=True, timeout=120)
    pages = sorted(tmp_path.glob(f"{mode}-*.pgm"))
    assert pages
    return done.stdout.strip().splitlines()[-1], [page.read_bytes() for page in pages]


@pytest.fixture(scope="module")
def system_pages(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    require_library("harfbuzz-subset", "libharfbuzz-subset0")
    used, pages = _pages(tmp_path_factory.mktemp("system"), "harfbuzz")
    assert used == "harfbuzz"       # the system library, which require_library made sure of
    return pages


@pytest.mark.parametrize("mode", ["uharfbuzz", "uharfbuzz-broken"])
def test_pages_are_pixel_identical_to_the_system_harfbuzz(tmp_path: Path, system_pages: list[bytes],
                                                          mode: str) -> None:
    used, pages = _pages(tmp_path, mode)
    assert used == "uharfbuzz"
    # uharfbuzz-broken: it failed on every font, and WeasyPrint's own subsetting took over each one.
    assert pages == system_pages


def test_the_uharfbuzz_subset_keeps_the_glyphs_at_their_ids() -> None:
    import io

    from fontTools.ttLib import TTFont

    path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    full = path.read_bytes()
    keep = {36, 37, 68, 1000}
    small = subset.harfbuzz_subset_bytes(full, 0, keep, hinting=False, missing=False)
    assert len(small) < len(full) / 10
    font = TTFont(io.BytesIO(small))
    assert font["maxp"].numGlyphs == max(keep) + 1       # ids kept; nothing after the last one used
    glyf = font["glyf"]
    order = font.getGlyphOrder()
    assert all(glyf[order[gid]].numberOfContours != 0 for gid in keep)
    assert glyf[order[40]].numberOfContours == 0          # an unused glyph is emptied
    assert not {"GSUB", "GPOS"} & set(font.keys())


def test_a_font_uharfbuzz_cannot_read_raises() -> None:
    with pytest.raises(Exception):
        subset.harfbuzz_subset_bytes(b"not a font", 0, {1, 2}, hinting=False, missing=False)


def test_an_untested_weasyprint_keeps_its_own_subsetting(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf.fonts import Font

    before = Font.subset
    monkeypatch.setattr(subset, "TESTED_WEASYPRINT", ())
    assert subset.use_fast_subsetting(force=True) == "harfbuzz"
    assert Font.subset is before


def test_without_uharfbuzz_weasyprint_keeps_its_own_subsetting(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf.fonts import Font

    before = Font.subset
    monkeypatch.setitem(sys.modules, "uharfbuzz", None)      # as if it were not installed
    assert subset.use_fast_subsetting(force=True) == "harfbuzz"
    assert Font.subset is before


def test_the_hook_can_be_undone() -> None:
    from weasyprint.pdf.fonts import Font

    before = Font.subset
    try:
        assert subset.use_fast_subsetting(force=True) == "uharfbuzz"
        assert Font.subset is not before
    finally:
        subset.restore_subsetting()
    assert Font.subset is before and subset.subsetter() == "harfbuzz"
