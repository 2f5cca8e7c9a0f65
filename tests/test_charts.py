"""Tests of the SVG and PNG bar charts."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from PIL import Image
from sample_document import sample_document

from briefing.writers.charts import chart_png, chart_svg
from briefing.document.model import Bar, Chart

SVG = "{http://www.w3.org/2000/svg}"


def _chart() -> Chart:
    return sample_document().charts[0]


def test_svg_is_accessible_and_labelled() -> None:
    chart = _chart()
    svg = chart_svg(chart)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == chart.title
    assert root.find(f"{SVG}desc").text == chart.alt_text
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "$6.9 billion" in texts and "$7.3 billion" in texts
    assert "2023" in texts and "2024" in texts
    assert len(list(root.iter(f"{SVG}rect"))) == 2
    assert "href" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_svg_escapes_text_and_is_deterministic() -> None:
    chart = Chart(id="x<y", title="A & B <script>", caption="c", unit="USD",
                  bars=(Bar("f", "<b>", 1.0, "1 & 2"), Bar("g", "neg", -0.5, "-0.5")))
    svg = chart_svg(chart)
    ET.fromstring(svg)  # well-formed despite the markup in the text
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert chart_svg(chart) == svg


def test_taller_bar_is_taller() -> None:
    root = ET.fromstring(chart_svg(_chart()))
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert heights[1] > heights[0] > 0


def test_png_size_and_determinism() -> None:
    chart = _chart()
    png = chart_png(chart, width_px=800)
    assert png == chart_png(chart, width_px=800)
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size[0] == 800
    assert set(img.info) <= {"dpi", "gamma", "srgb", "aspect"}
    # the navy bars are drawn
    assert (31, 58, 95) in {c for _, c in img.getcolors(1 << 20)}


def test_empty_chart_does_not_crash() -> None:
    chart = Chart(id="e", title="Empty", caption="", unit="", bars=())
    assert "<svg" in chart_svg(chart)
    assert chart_png(chart, 300).startswith(b"\x89PNG")
