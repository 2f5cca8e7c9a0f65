"""Fast font subsetting for the PDF writer: HarfBuzz wherever it can be had.

WeasyPrint subsets every embedded font. With the system's
``libharfbuzz-subset`` it uses HarfBuzz (about 0.7 s for the briefing);
without it, fontTools (about 1.55 s) and a deprecation warning. On a machine
where pip installed everything and the system library is missing, the same
HarfBuzz subsetter comes from the ``uharfbuzz`` wheel: :func:`use_fast_subsetting`
then routes WeasyPrint's subsetting through it, with exactly the calls and
flags WeasyPrint's own HarfBuzz path makes, so the pages are the same.

That hook replaces a private WeasyPrint method, so it is only installed for
the WeasyPrint versions it was tested with (:data:`TESTED_WEASYPRINT`), and
falls back to WeasyPrint's own code for any font uharfbuzz cannot subset.
"""
from __future__ import annotations

from typing import Any, Callable

#: WeasyPrint major versions whose ``Font.subset`` / ``_harfbuzz_subset`` the hook mirrors.
TESTED_WEASYPRINT = (70,)
#: The tables WeasyPrint's HarfBuzz path drops from every embedded font.
DROP_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")

_installed: dict[str, Callable[..., Any]] = {}


def subsetter() -> str:
    """Which subsetter WeasyPrint uses in this process: "harfbuzz", "uharfbuzz" or "fonttools"."""
    if "subset" in _installed:
        return "uharfbuzz"
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return "harfbuzz" if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0) else "fonttools"


def _weasyprint_major() -> int:
    import weasyprint

    try:
        return int(str(weasyprint.__version__).split(".")[0])
    except ValueError:
        return -1


def use_fast_subsetting(force: bool = False) -> str:
    """Make WeasyPrint subset with HarfBuzz if it can; return the subsetter now in use.

    Nothing changes when the system HarfBuzz-Subset is there (unless ``force``,
    which the tests use to run the uharfbuzz route beside it), when uharfbuzz
    is not installed, or when WeasyPrint is not a version the hook was tested
    with: WeasyPrint's own choice stands.
    """
    if "subset" in _installed or (subsetter() == "harfbuzz" and not force):
        return subsetter()
    if _weasyprint_major() not in TESTED_WEASYPRINT:
        return subsetter()
    try:
        import uharfbuzz
        from weasyprint.pdf.fonts import Font
    except ImportError:
        return subsetter()
    if not callable(getattr(Font, "subset", None)) or not hasattr(uharfbuzz, "subset"):
        return subsetter()
    original = Font.subset

    def subset(self: Any, to_unicode: Any, hinting: bool) -> None:
        if not to_unicode:
            return
        try:
            self.file_content = harfbuzz_subset_bytes(self.file_content, self.index, to_unicode, hinting,
                                                      bool(self.missing))
        except Exception:  # noqa: BLE001 - any font uharfbuzz cannot take goes WeasyPrint's own way
            original(self, to_unicode, hinting)

    _installed["subset"] = original
    Font.subset = subset
    return subsetter()


def restore_subsetting() -> None:
    """Undo :func:`use_fast_subsetting` (WeasyPrint's own method again)."""
    original = _installed.pop("subset", None)
    if original is not None:
        from weasyprint.pdf.fonts import Font

        Font.subset = original


def harfbuzz_subset_bytes(font: bytes, index: int, glyphs: Any, hinting: bool, missing: bool) -> bytes:
    """The subset of ``font`` (face ``index``) keeping glyph ids ``glyphs``, as WeasyPrint 70 makes it.

    Two passes, as in ``weasyprint.pdf.fonts.Font._harfbuzz_subset``: keep the
    used glyphs at their ids, then drop the empty glyphs after the last one used.
    """
    import uharfbuzz as hb

    face = hb.Face(hb.Blob(font), index)
    plan = hb.SubsetInput()
    plan.glyph_set.update(sorted(glyphs))
    flags = hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    if missing:
        flags |= hb.SubsetFlags.NOTDEF_OUTLINE
    plan.flags = flags
    plan.drop_table_tag_set.update(int.from_bytes(tag, "big") for tag in DROP_TABLES)
    first = hb.subset(face, plan)
    plan.glyph_set.update(range(max(glyphs) + 1))
    flags = hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    if not hinting:
        flags |= hb.SubsetFlags.NO_HINTING
    if missing:
        flags |= hb.SubsetFlags.NOTDEF_OUTLINE
    plan.flags = flags
    data = hb.subset(first, plan).blob.data
    if not data:
        raise ValueError("HarfBuzz returned an empty font")
    return bytes(data)
