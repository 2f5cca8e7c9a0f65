"""The PDF writer: the briefing HTML through WeasyPrint, tagged (PDF/UA-1) and reproducible.

WeasyPrint may only read files inside the template folders: any other URL
(``http:``, ``file:///etc/passwd``, ``data:``...) is refused and the render
fails with :class:`~briefing.errors.UnsafeResource`. The same Document gives
byte-identical PDFs: dates come from ``doc.meta.as_of`` (or ``SOURCE_DATE_EPOCH``)
and the file identifier is a hash of the content. The verification record is
attached as ``verification.json``. WeasyPrint is imported lazily.
"""
from __future__ import annotations

import gc
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import unquote, urlsplit

from briefing.document.model import Document, build_time
from briefing.errors import RenderError, UnsafeResource
from briefing.gcpause import paused_gc

if TYPE_CHECKING:
    from briefing.writers.pdf_chunks import Parts

PDF_VARIANT = "pdf/ua-1"
#: From this many pages on, the layout's discarded boxes are collected before the
#: PDF is written (peak memory at 2,000 facts 1016 -> 852 MB); below it the
#: collection would cost more time (about 0.13 s at 15 pages) than the memory is worth.
COLLECT_PAGES = 40
ATTACHMENT_NAME = "verification.json"
#: A briefing with more than this many parts' worth of text (pdf_chunks.part_text) is laid out in parts.
PARTS_FROM = 1.5
#: A template with this tag is always laid out whole (its CSS depends on the whole document at once).
WHOLE_TAG = '<meta name="briefing-layout" content="whole">'

#: A template with this tag must print on one page: write_pdf tightens the
#: layout step by step (FIT_LEVELS) and fails if it still does not fit.
ONE_PAGE_TAG = '<meta name="briefing-fit" content="one-page">'
FIT_LEVELS = (
    "html { font-size: 8.3pt; line-height: 1.3; } h1 { font-size: 15pt; } h2 { margin-top: 9pt; }"
    " .notes ol { font-size: 6pt; } .kf .big { font-size: 12.5pt; } .bottom-line li { font-size: 8.5pt; }",
    "@page { margin: 13mm 13mm 14mm 13mm; } html { font-size: 7.8pt; line-height: 1.25; }"
    " .notes ol { font-size: 5.6pt; columns: 4; } .masthead .subtitle { display: none; }",
)


def make_url_fetcher(allowed_dirs: list[Path]) -> Callable[..., Any]:
    """A WeasyPrint URL fetcher that serves only ``file:`` URLs inside ``allowed_dirs``.

    Every other URL raises :class:`UnsafeResource`; refusals (and failed
    fetches of allowed files) are also kept in the fetcher's ``refusals`` and
    ``failures`` lists, because WeasyPrint logs fetch errors and goes on.
    """
    from weasyprint.urls import URLFetcher

    roots = [Path(os.path.realpath(d)) for d in allowed_dirs]

    class _TemplateOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(fail_on_errors=True, allow_redirects=False)
            self.refusals: list[UnsafeResource] = []
            self.failures: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            path = _allowed_path(url, roots)
            if path is None:
                error = UnsafeResource(
                    f"refused to fetch {url!r}: templates may only use files inside "
                    f"{', '.join(str(r) for r in roots)}")
                self.refusals.append(error)
                raise error
            try:
                return super().fetch(path.as_uri(), headers)
            except Exception as exc:
                self.failures.append(f"{url}: {exc}")
                raise

    return _TemplateOnlyFetcher()


def _allowed_path(url: str, roots: list[Path]) -> Path | None:
    """The real path of a ``file:`` URL if it lies inside one of ``roots``, else ``None``."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    real = Path(os.path.realpath(unquote(parts.path)))
    for root in roots:
        if real == root or root in real.parents:
            return real
    return None


def write_pdf(doc: Document, html: str, dirs: list[Path], template: str = "briefing") -> bytes:
    """Render ``html`` (from :func:`briefing.html.render_html`) to PDF bytes.

    PDF/UA-1 (tagged), metadata from ``doc`` (title, author, subject, keywords,
    language, created/modified), ``doc.record_json`` attached as
    ``verification.json``, page size from the template's ``@page`` (``doc.meta.paper``).
    Raises :class:`UnsafeResource` if the HTML asked for a URL outside ``dirs``,
    and :class:`RenderError` naming ``template``'s files when the layout engine
    fails on them (a pathological style sheet such as ``* { columns: 2; }``).
    """
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    from briefing.writers.subset import use_fast_subsetting

    use_fast_subsetting()   # HarfBuzz subsetting, from the system or the uharfbuzz wheel
    if not dirs:
        raise RenderError("no template folder to render from")
    fetcher = make_url_fetcher(dirs)
    when = build_time(doc.meta.as_of)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    naive = when.replace(tzinfo=None)  # WeasyPrint formats attachment dates as UTC "Z"
    attachment = weasyprint.Attachment(
        string=doc.record_json or "{}", name=ATTACHMENT_NAME,
        description="Verification record: every fact, its source quote and check result",
        created=naive, modified=naive, relationship="Data")
    options: dict[str, Any] = {
        "pdf_variant": PDF_VARIANT, "pdf_identifier": True, "attachments": [attachment],
        "uncompressed_pdf": False, "optimize_images": False,
    }
    base_url = Path(dirs[0]).resolve().as_uri() + "/"
    # fontTools (WeasyPrint's fallback font subsetter) stamps embedded fonts
    # with the current time unless SOURCE_DATE_EPOCH is set: pin it while rendering.
    saved_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    out = io.BytesIO()
    # Layout and writing build objects that live until the end: no cyclic GC scans (briefing.gcpause).
    try:
        def set_metadata(meta: Any) -> None:
            meta.title = doc.meta.title
            meta.authors = [doc.meta.author] if doc.meta.author else []
            meta.description = doc.subject
            meta.keywords = list(doc.meta.keywords)
            meta.lang = doc.meta.language
            meta.generator = "briefing"
            meta.created = meta.modified = stamp

        with paused_gc():
            parts = long_parts(html)
            if parts is not None:   # a long briefing: laid out a part at a time (briefing.writers.pdf_parts)
                from briefing.writers.pdf_parts import write_in_parts

                write_in_parts(parts, base_url, fetcher, options, set_metadata, out)
            else:
                rendered = _render(html, base_url, fetcher, options)
                set_metadata(rendered.metadata)
                if len(rendered.pages) >= COLLECT_PAGES:
                    gc.collect()   # a long briefing's discarded layout (hundreds of MB) goes before the PDF
                rendered.write_pdf(out, **options)
    except FatalURLFetchingError as exc:
        if fetcher.refusals:
            raise fetcher.refusals[0] from None
        raise RenderError(f"a template resource could not be read: {exc}") from None
    except RenderError:
        raise
    except Exception as exc:  # noqa: BLE001 - WeasyPrint may fail in any way on a project's own styles
        if fetcher.refusals:
            raise fetcher.refusals[0] from None
        raise RenderError(f"{_template_files(template, dirs)}: the PDF engine (WeasyPrint) could not lay out the "
                          f"page ({type(exc).__name__}: {exc}); undo the last change to these styles (a rule "
                          "such as `* { columns: 2; }` breaks the layout). Nothing was written.") from None
    finally:
        if saved_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved_epoch
    if fetcher.refusals:
        raise fetcher.refusals[0]
    if fetcher.failures:
        raise RenderError(f"a template resource could not be read: {fetcher.failures[0]}")
    return out.getvalue()


def long_parts(html: str) -> "Parts | None":
    """The parts to lay ``html`` out in, if it is long enough to need them (see pdf_chunks); else None.

    A one-page template, or one that asks for a whole layout with ``WHOLE_TAG``,
    is laid out in one piece whatever its length.
    """
    import weasyprint

    from briefing.writers.pdf_assembly import WEASYPRINT_MAJOR
    from briefing.writers.pdf_chunks import Parts, part_text

    budget = part_text()
    if len(html) <= PARTS_FROM * budget or ONE_PAGE_TAG in html or WHOLE_TAG in html \
            or weasyprint.__version__.split(".")[0] != str(WEASYPRINT_MAJOR):
        return None
    parts = Parts(html)
    return parts if parts.weight > PARTS_FROM * budget else None


def _template_files(template: str, dirs: list[Path]) -> str:
    """The template's HTML and style sheet files as a message names them (``templates/briefing.css``)."""
    from briefing.writers.template_files import find_template_file, shown

    names = [f"{template}.css", f"{template}.html.j2"]
    if template != "briefing":
        names.insert(1, "briefing.css")
    found = []
    for name in names:
        try:
            path = find_template_file(dirs, name)
        except RenderError:
            path = None
        if path is not None:
            found.append(shown(path, dirs))
    return " or ".join(found) or f"the {template} template"


def _render(html: str, base_url: str, fetcher: Any, options: dict[str, Any]) -> Any:
    """Lay ``html`` out; a one-page template is tightened step by step until it fits."""
    import weasyprint

    html_doc = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    rendered = html_doc.render(**options)
    if ONE_PAGE_TAG in html:
        for level in range(1, len(FIT_LEVELS) + 1):
            if len(rendered.pages) <= 1:
                break
            # Injected as the last author style sheet so it wins the cascade.
            tighter = html.replace("</head>", f"<style>{' '.join(FIT_LEVELS[:level])}</style></head>", 1)
            rendered = weasyprint.HTML(string=tighter, base_url=base_url, url_fetcher=fetcher).render(**options)
        if len(rendered.pages) > 1:
            raise RenderError(
                f"the one-page template needs {len(rendered.pages)} pages even at its most "
                "compact: shorten the top facts or the timeline, or use fewer key figures")
    return rendered


def page_count(pdf_bytes: bytes) -> int:
    """The number of pages of a PDF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        return len(document)
    finally:
        document.close()
