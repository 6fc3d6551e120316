"""The charts' legends: one wrapping rule for the income-mix bars and the trend lines (built cases).

An entry never runs past the chart's right edge, wraps to a new line instead, keeps its order and
colour, and the SVG is tall enough for the last legend line.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from yoydiff.render import charts

SVG = "{http://www.w3.org/2000/svg}"
D = Decimal
SOURCES = ["一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入", "上年结转",
           "国有资本经营预算拨款收入", "用事业基金弥补收支差额", "财政专户管理资金"]


def _legend(svg: str, below: float) -> list[tuple[str, float, float, str]]:
    """(label, x, y, colour) of the legend's entries: swatch then label, below the plot."""
    root = ET.fromstring(svg)
    elems = [e for e in root if float(e.get("y", "-1")) >= below]
    out = []
    for rect, text in zip(elems[::2], elems[1::2]):
        assert rect.tag == SVG + "rect" and text.tag == SVG + "text"
        out.append((text.text, float(rect.get("x")), float(rect.get("y")), rect.get("fill")))
    return out


def _mix(n: int, width: int) -> str:
    rows = [("2024", [(s, D(100 + 7 * i)) for i, s in enumerate(SOURCES[:n])]),
            ("2025", [(s, D(120 - 5 * i)) for i, s in enumerate(SOURCES[:n])])]
    return charts.mix_bars(rows, "Noto Sans CJK SC", width=D(width))


def _lines(n: int, width: int) -> str:
    series = [(s, [D(10 + i), None, D(30 + i)]) for i, s in enumerate(SOURCES[:n])]
    return charts.year_lines(["2023", "2024", "2025"], series, "Noto Sans CJK SC", width=D(width))


@pytest.mark.parametrize("chart,below,size,pad", [
    (_mix, 2 * 32 + 4, D("10.5"), 24),        # two bars of 22 + gap 10, the legend 4 below
    (_lines, 8 + 200 + 24, D(9), 22),          # plot top 8, plot height 240 − 40, legend 24 below
])
@pytest.mark.parametrize("width", [260, 400, 640])
def test_legend_wraps_within_the_width(chart, below, size, pad, width):
    svg = chart(len(SOURCES), width)
    legend = _legend(svg, below)
    assert [label for label, *_ in legend] == SOURCES
    assert [colour for *_, colour in legend] == [charts.PALETTE[i] for i in range(len(SOURCES))]
    for label, x, _y, _c in legend:
        assert x + float(charts._text_width(label, size) + pad) <= width
    lines = sorted({y for _l, _x, y, _c in legend})
    assert len(lines) >= 2                     # eight long names never fit on one line
    for a, b in zip(lines, lines[1:]):
        assert b > a
    # entries on one line follow each other left to right; a new line starts at the left margin
    for (_l, x0, y0, _c), (_l2, x1, y1, _c2) in zip(legend, legend[1:]):
        assert (y1 == y0 and x1 > x0) or (y1 > y0 and x1 == legend[0][1])
    assert float(ET.fromstring(svg).get("height")) >= lines[-1] + 11


def test_one_short_entry_is_one_line():
    legend = _legend(_mix(1, 640), 2 * 32 + 4)
    assert [(label, y) for label, _x, y, _c in legend] == [(SOURCES[0], 68.0)]
