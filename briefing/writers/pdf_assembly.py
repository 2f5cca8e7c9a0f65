"""One PDF assembled from pages laid out by several WeasyPrint documents, page by page.

WeasyPrint's ``Document.write_pdf`` needs every page of a document laid out at
once. :class:`PdfAssembly` does what it does (``weasyprint.pdf.generate_pdf``:
paint, links, anchors, PDF/UA structure, outline, metadata, attachments,
fonts subset once) one page at a time, so that a page's boxes can be freed as
soon as it is painted (:mod:`briefing.writers.pdf_parts`). It uses WeasyPrint's
own drawing, tagging and font code; what a page leaves behind is kept compact:
its content stream compressed at once, its structure elements as bytes.
It calls WeasyPrint's internals (``weasyprint.pdf``, ``.tags``, ``.anchors``), so it
is used only with the WeasyPrint release it was written for (:data:`WEASYPRINT_MAJOR`).
"""
from __future__ import annotations

import gc
import io
from types import SimpleNamespace
from typing import Any

#: The WeasyPrint major version whose internals this module drives; with another, briefings are laid out whole.
WEASYPRINT_MAJOR = 70


class _Written:
    """A PDF object already turned into its bytes: a page's structure elements take 1/8 the memory so."""

    __slots__ = ("number", "offset", "generation", "free", "data")
    compressible = True

    def __init__(self, item: Any) -> None:
        self.number, self.offset, self.generation, self.free = item.number, 0, item.generation, item.free
        self.data: bytes = item.data

    @property
    def indirect(self) -> bytes:
        """The object as written in the file body."""
        return f"{self.number} {self.generation} obj\n".encode() + self.data + b"\nendobj"

    @property
    def reference(self) -> bytes:
        """The object's reference."""
        return f"{self.number} {self.generation} R".encode()


def _compress(stream: Any) -> None:
    """Compress a painted page's content now, as pydyf would when writing (one bytes object, not thousands)."""
    import zlib

    import pydyf

    data = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    if stream.compress:
        packer = zlib.compressobj(level=9)
        data = packer.compress(data) + packer.flush()
        stream.extra["Filter"] = "/FlateDecode"
        stream.compress = False
    stream.stream = [data]


def release_memory() -> None:
    """Collect the part's layout (cyclic garbage) and give the freed heap back to the system (glibc)."""
    gc.collect(0)        # the collector is paused: everything since the last part is in the youngest generation
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


class PdfAssembly:
    """One PDF being written from laid-out pages (WeasyPrint's generate_pdf, page by page)."""

    def __init__(self, first: Any, options: dict[str, Any]) -> None:
        import pydyf
        from weasyprint.pdf import VARIANTS
        from weasyprint.pdf.stream import Stream  # noqa: F401 - checked here, used in paint

        self.options = options
        variant = options["pdf_variant"]
        self.variant = VARIANTS[variant] if variant else None
        self.tagged = bool(options.get("pdf_tags") or (self.variant and self.variant[1].get("pdf_tags")))
        self.compress = not options["uncompressed_pdf"]
        self.scale = 0.75
        self.pdf = pdf = pydyf.PDF()
        self.color_profiles = first.color_profiles
        self.output_intent = first.output_intent
        self.url_fetcher = first.url_fetcher
        self.font_map = first.font_config.font_map
        self.fonts: dict[Any, Any] = {}
        self.images: dict[Any, Any] = {}
        self.resources = pydyf.Dictionary({"ExtGState": pydyf.Dictionary(), "XObject": pydyf.Dictionary(),
                                           "Pattern": pydyf.Dictionary(), "Shading": pydyf.Dictionary()})
        self._color_spaces()
        pdf.add_object(self.resources)
        self.names: list[Any] = []
        self.annot_files: dict[Any, Any] = {}
        self.annotations: list[Any] = []
        self.pages: list[Any] = []          # (Page without its boxes, pdf page, body stream, mcid -> element)
        self.anchors: set[str] = set()
        if self.tagged:
            self.nums = pydyf.Dictionary({"Nums": pydyf.Array()})
            pdf.add_object(self.nums)
            self.root = pydyf.Dictionary({"Type": "/StructTreeRoot", "ParentTree": self.nums.reference})
            pdf.add_object(self.root)
            self.structure = pydyf.Dictionary({"Type": "/StructElem", "S": "/Document", "K": pydyf.Array(),
                                               "P": self.root.reference})
            pdf.add_object(self.structure)
            self.root["K"] = pydyf.Array([self.structure.reference])
            pdf.catalog["StructTreeRoot"] = self.root.reference

    def _color_spaces(self) -> None:
        from importlib.resources import files

        import pydyf
        from tinycss2.color5 import D50, D65
        from weasyprint.css import ColorProfile

        space = pydyf.Dictionary({
            "lab-d50": pydyf.Array(("/Lab", pydyf.Dictionary({"WhitePoint": pydyf.Array(D50),
                                                              "Range": pydyf.Array((-125, 125, -125, 125))}))),
            "lab-d65": pydyf.Array(("/Lab", pydyf.Dictionary({"WhitePoint": pydyf.Array(D65),
                                                              "Range": pydyf.Array((-125, 125, -125, 125))}))),
        })
        if self.options["output_intent"] == "srgb":
            self.color_profiles["srgb"] = ColorProfile(
                (files("weasyprint.pdf") / "sRGB2014.icc").open("rb"), "sRGB2014.icc", "relative-colorimetric",
                (["r"], ["g"], ["b"]))
        for key, profile in self.color_profiles.items():
            stream = pydyf.Stream([profile.content], pydyf.Dictionary({"N": len(profile.components)}),
                                  compress=self.compress)
            self.pdf.add_object(stream)
            profile.pdf_reference = stream.reference
            space[key] = pydyf.Array(("/ICCBased", stream.reference))
        self.pdf.add_object(space)
        self.resources["ColorSpace"] = space.reference

    def add_page(self, page: Any, document: Any) -> None:
        """Paint, link and tag one body page (its margins come later, :meth:`add_margins`)."""
        import pydyf
        from weasyprint.formatting_structure.boxes import MarginBox
        from weasyprint.matrix import Matrix
        from weasyprint.pdf.anchors import add_annotations, add_forms, add_links
        from weasyprint.pdf.stream import Stream
        from weasyprint.pdf.tags import _build_box_tree

        number, scale, pdf = len(self.pages), self.scale, self.pdf
        first_object = len(pdf.objects)
        page_box = page._page_box
        page_box.children = tuple(child for child in page_box.children if not isinstance(child, MarginBox))
        tags: dict[Any, Any] | None = {} if self.tagged else None
        matrix = Matrix(scale, 0, 0, -scale, 0, page.height * scale)
        bleed = page.bleed
        left, top = -scale * bleed["left"], -scale * bleed["top"]
        right = left + scale * (page.width + bleed["left"] + bleed["right"])
        bottom = top + scale * (page.height + bleed["top"] + bleed["bottom"])
        rectangle = (left / scale, top / scale, (right - left) / scale, (bottom - top) / scale)
        stream = Stream(self.fonts, rectangle, self.resources, self.images, tags, self.color_profiles,
                        self.output_intent, compress=self.compress)
        stream.transform(d=-1, f=(page.height * scale))
        pdf.add_object(stream)
        pdf_page = pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference,
                                     "MediaBox": pydyf.Array([left, top, right, bottom]),
                                     "Contents": pydyf.Array([stream.reference]),
                                     "Resources": self.resources.reference})
        if self.tagged:
            pdf_page["Tabs"] = "/S"
            pdf_page["StructParents"] = number
        pdf.add_page(pdf_page)
        anchors = []
        for name, (x, y, _, _) in page.anchors.items():
            if name not in self.anchors:
                self.anchors.add(name)
                anchors.append((name, x, y))
        links = [link for link in page.links]
        add_links((links, anchors), matrix, pdf, pdf_page, self.names, tags)
        add_annotations(links, matrix, document, pdf, pdf_page, self.annot_files, self.compress)
        add_forms(page.forms, matrix, pdf, pdf_page, self.resources, stream, self.font_map)
        page.paint(stream, scale)
        trim = (left + 0.75 * bleed["left"], top + 0.75 * bleed["top"], right - 0.75 * bleed["right"],
                bottom - 0.75 * bleed["bottom"])
        pdf_page["TrimBox"] = pydyf.Array(trim)
        pdf_page["BleedBox"] = pydyf.Array([
            trim[0] - min(10, 0.75 * bleed["left"]), trim[1] - min(10, 0.75 * bleed["top"]),
            trim[2] + min(10, 0.75 * bleed["right"]), trim[3] + min(10, 0.75 * bleed["bottom"])])
        nums: dict[int, Any] = {}
        if self.tagged:
            for element in _build_box_tree(page_box, self.structure, pdf, number, nums, self.annotations, tags):
                self.structure["K"].append(element.reference)
        _compress(stream)
        for index in range(first_object, len(pdf.objects)):   # this page's structure: final from now on
            item = pdf.objects[index]
            if isinstance(item, pydyf.Dictionary) and item.get("Type") in ("/StructElem", "/OBJR") \
                    and item is not self.structure:
                pdf.objects[index] = _Written(item)
        page._page_box, page.links, page.forms = None, [], {}
        self.pages.append((page, pdf_page, nums))

    def add_margins(self, number: int, page_box: Any) -> None:
        """Paint the margin boxes of a page laid out by the margins document onto body page ``number``."""
        from weasyprint.draw import draw_stacking_context
        from weasyprint.formatting_structure.boxes import MarginBox
        from weasyprint.pdf.stream import Stream
        from weasyprint.pdf.tags import _build_box_tree
        from weasyprint.stacking import StackingContext

        page, pdf_page, nums = self.pages[number]
        page_box.children = tuple(child for child in page_box.children if isinstance(child, MarginBox))
        placeholders = {object(): None for _ in range(len(nums))} if self.tagged else None
        tags = dict(placeholders) if placeholders is not None else None   # its MCIDs follow the body's
        stream = Stream(self.fonts, (0, 0, page.width, page.height), self.resources, self.images, tags,
                        self.color_profiles, self.output_intent, compress=self.compress)
        with stream.stacked():
            stream.transform(a=self.scale, d=self.scale)
            draw_stacking_context(stream, StackingContext.from_page(page_box))
        self.pdf.add_object(stream)
        pdf_page["Contents"].append(stream.reference)
        if tags is not None and placeholders is not None:
            for key in placeholders:
                del tags[key]
            for _ in _build_box_tree(page_box, self.structure, self.pdf, number, nums, self.annotations, tags):
                pass

    def finish(self, metadata: Any, out: io.BytesIO) -> None:
        """Outline, metadata, attachments, fonts, names, tags, variant; write the PDF to ``out``."""
        import pydyf
        from weasyprint import VERSION, Attachment
        from weasyprint.document import Document
        from weasyprint.pdf import _use_references, _w3c_date_to_pdf
        from weasyprint.pdf.anchors import add_outlines, write_pdf_attachment
        from weasyprint.pdf.fonts import build_fonts_dictionary

        pdf, options = self.pdf, self.options
        pages = [page for page, _, _ in self.pages]
        add_outlines(pdf, Document.make_bookmark_tree(SimpleNamespace(pages=pages), self.scale, True))
        pdf.info["Producer"] = pydyf.String(f"WeasyPrint {VERSION}")
        for key, value in (("Title", metadata.title), ("Author", ", ".join(metadata.authors)),
                           ("Subject", metadata.description), ("Keywords", ", ".join(metadata.keywords)),
                           ("Creator", metadata.generator)):
            if value:
                pdf.info[key] = pydyf.String(value)
        for key, value, name in (("CreationDate", metadata.created, "created"),
                                 ("ModDate", metadata.modified, "modified")):
            if value:
                pdf.info[key] = pydyf.String(_w3c_date_to_pdf(value, name))
        if metadata.lang:
            pdf.catalog["Lang"] = pydyf.String(metadata.lang)
        attachments = metadata.attachments.copy() + [a for a in options["attachments"] or []
                                                     if isinstance(a, Attachment)]
        written = [a for a in (write_pdf_attachment(pdf, a, self.compress) for a in attachments) if a is not None]
        if written:
            content = pydyf.Dictionary({"Names": pydyf.Array()})
            for attachment in written:
                content["Names"].extend([attachment["F"], attachment.reference])
            pdf.add_object(content)
            pdf.catalog.setdefault("Names", pydyf.Dictionary())["EmbeddedFiles"] = content.reference
        fonts = build_fonts_dictionary(pdf, self.fonts, self.compress, not options["full_fonts"], options)
        pdf.add_object(fonts)
        self.resources["Font"] = fonts.reference
        _use_references(pdf, self.resources, self.images, self.color_profiles)
        if self.names:
            names = pydyf.Array()
            for name, destination in sorted(self.names, key=lambda item: item[0]):
                names.extend([pydyf.String(name), destination])
            dests = pydyf.Dictionary({"Names": names})
            pdf.catalog.setdefault("Names", pydyf.Dictionary())["Dests"] = dests
        if self.tagged:
            self._finish_tags()
        if self.variant:
            self.variant[0](pdf, SimpleNamespace(metadata=metadata), [], attachments, self.compress)
        pdf.write(out, options["pdf_version"], options["pdf_identifier"], self.compress)

    def _finish_tags(self) -> None:
        import pydyf

        for number, (_, _, nums) in enumerate(self.pages):
            self.nums["Nums"].extend([number, pydyf.Array([ref for _, ref in sorted(nums.items())])])
        for index, (reference, annotation) in enumerate(self.annotations, start=len(self.pages)):
            self.nums["Nums"].extend([index, reference])
            annotation["StructParent"] = index
        self.pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
        self.pdf.catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
        if "Lang" not in self.pdf.catalog:
            self.pdf.catalog["Lang"] = pydyf.String()
