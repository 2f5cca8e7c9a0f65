"""Bar charts of proven facts, drawn as SVG (HTML/PDF) and PNG (DOCX).

Both drawings share one layout (:func:`_layout`) so they show the same bars,
labels and values. Output is deterministic: the same :class:`Chart` always
gives the same SVG text and the same PNG bytes (no timestamps, no metadata).
"""
from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from briefing.document.model import Chart

if TYPE_CHECKING:  # pragma: no cover
    from PIL import ImageFont

# Logical canvas (SVG user units); the PNG scales it to the requested width.
WIDTH = 640
HEIGHT = 340
NAVY = "#1f3a5f"
GREY = "#5b6573"
LIGHT = "#d5dae1"
INK = "#1a1a1a"
FONT_FAMILY = "DejaVu Sans, Helvetica, Arial, sans-serif"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class _Bar:
    x: float
    y: float
    w: float
    h: float
    value_text: str
    value_y: float
    label_lines: tuple[str, ...]
    label_x: float
    label_y: float


@dataclass(frozen=True)
class _Layout:
    title: str
    baseline_y: float
    plot_left: float
    plot_right: float
    bars: tuple[_Bar, ...]


def _layout(chart: Chart) -> _Layout:
    """Place the bars, value labels and category labels on the canvas."""
    left, right, top, bottom = 8.0, WIDTH - 8.0, 64.0, HEIGHT - 48.0
    values = [bar.value if math.isfinite(bar.value) else 0.0 for bar in chart.bars]
    vmax = max([0.0, *values])
    vmin = min([0.0, *values])
    span = (vmax - vmin) or 1.0
    baseline = top + (bottom - top) * (vmax / span)
    label_y = baseline + 20 if vmin >= 0 else HEIGHT - 26
    n = max(len(chart.bars), 1)
    slot = (right - left) / n
    width = min(slot * 0.6, 120.0)
    chars = max(int(slot / 7.5), 6)
    bars: list[_Bar] = []
    for i, (bar, value) in enumerate(zip(chart.bars, values)):
        height = (bottom - top) * abs(value) / span
        cx = left + slot * (i + 0.5)
        y = baseline - height if value >= 0 else baseline
        value_y = y - 8 if value >= 0 else y + height + 18
        lines = tuple(textwrap.wrap(bar.label, chars)[:2]) or ("",)
        bars.append(_Bar(cx - width / 2, y, width, height, bar.display, value_y, lines, cx, label_y))
    return _Layout(chart.title, baseline, left, right, tuple(bars))


def chart_svg(chart: Chart) -> str:
    """Return a self-contained, accessible SVG bar chart of ``chart``.

    The SVG has ``role="img"`` with ``<title>``/``<desc>`` from the chart's alt
    text, each bar labelled with its formatted value and its category below.
    It references nothing external and all text is XML-escaped.
    """
    lay = _layout(chart)
    uid = "".join(c if c.isalnum() else "-" for c in chart.id) or "chart"
    title_id, desc_id = f"chart-{uid}-title", f"chart-{uid}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{title_id} {desc_id}" class="chart">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.alt_text)}</desc>',
        f'<g font-family="{FONT_FAMILY}" aria-hidden="true">',
        f'<text x="{lay.plot_left:.1f}" y="30" font-size="17" font-weight="bold" '
        f'fill="{NAVY}">{escape(lay.title)}</text>',
    ]
    for bar in lay.bars:
        out.append(f'<rect x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.w:.1f}" '
                   f'height="{bar.h:.1f}" fill="{NAVY}"/>')
        out.append(f'<text x="{bar.label_x:.1f}" y="{bar.value_y:.1f}" font-size="15" '
                   f'font-weight="bold" text-anchor="middle" fill="{INK}">'
                   f'{escape(bar.value_text)}</text>')
        for k, line in enumerate(bar.label_lines):
            y = bar.label_y + 16 * k
            out.append(f'<text x="{bar.label_x:.1f}" y="{y:.1f}" font-size="13" '
                       f'text-anchor="middle" fill="{GREY}">{escape(line)}</text>')
    out.append(f'<line x1="{lay.plot_left:.1f}" y1="{lay.baseline_y:.1f}" '
               f'x2="{lay.plot_right:.1f}" y2="{lay.baseline_y:.1f}" '
               f'stroke="{GREY}" stroke-width="1.5"/>')
    out.append("</g></svg>")
    return "\n".join(out)


def _font(size: int, bold: bool = False) -> "ImageFont.FreeTypeFont | ImageFont.ImageFont":
    """DejaVu Sans (bold) at ``size`` pixels, or Pillow's default font."""
    from PIL import ImageFont

    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def chart_png(chart: Chart, width_px: int = 1200) -> bytes:
    """Return the same chart as :func:`chart_svg`, drawn with Pillow as PNG bytes.

    The image is ``width_px`` wide (height in proportion), white background,
    DejaVu Sans when installed; the bytes are deterministic (no metadata).
    """
    from PIL import Image, ImageDraw

    scale = width_px / WIDTH
    height_px = round(HEIGHT * scale)
    img = Image.new("RGB", (width_px, height_px), "white")
    draw = ImageDraw.Draw(img)
    lay = _layout(chart)

    def s(v: float) -> int:
        return round(v * scale)

    title_font, value_font, label_font = _font(s(17), True), _font(s(15), True), _font(s(13))
    draw.text((s(lay.plot_left), s(30)), lay.title, font=title_font, fill=NAVY, anchor="ls")
    for bar in lay.bars:
        if bar.h > 0:
            draw.rectangle([s(bar.x), s(bar.y), s(bar.x + bar.w) - 1, s(bar.y + bar.h) - 1], fill=NAVY)
        draw.text((s(bar.label_x), s(bar.value_y)), bar.value_text, font=value_font,
                  fill=INK, anchor="ms")
        for k, line in enumerate(bar.label_lines):
            y = bar.label_y + 16 * k
            draw.text((s(bar.label_x), s(y)), line, font=label_font, fill=GREY, anchor="ms")
    draw.line([s(lay.plot_left), s(lay.baseline_y), s(lay.plot_right), s(lay.baseline_y)],
              fill=GREY, width=max(1, s(1.5)))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


