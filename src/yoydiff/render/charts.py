"""SVG charts for the memo, written by hand (no plotting stack): diverging bars and a mix bar.

Coordinates are computed in Decimal and printed with one decimal; amounts are 万元.
"""
from __future__ import annotations

from decimal import Decimal
from html import escape

from ..numbers import fmt_amount

INCREASE = "#1f4e79"
DECREASE = "#b03a2e"
PALETTE = ("#1f4e79", "#5b8db8", "#a9c4de", "#7f7f7f", "#c9a227", "#6b8e23", "#b03a2e", "#d9d9d9")
ROW = Decimal(20)
FONT_SIZE = Decimal("10.5")   # the charts' text size (the <svg> element's font-size)
CHAR = FONT_SIZE              # advance of one CJK character at that size


def _n(x: Decimal) -> str:
    return f"{x:.1f}"


def _clip(label: str, chars: int) -> str:
    return label if len(label) <= chars else label[: chars - 1] + "…"


def _text_width(s: str, size: Decimal) -> Decimal:
    """Rough advance: CJK characters are one em, others about half."""
    return sum((size if ord(c) > 0x2E80 else size * Decimal("0.55")) for c in s)


def _svg(width: Decimal, height: Decimal, body: list[str], family: str, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
            f'viewBox="0 0 {_n(width)} {_n(height)}" font-family="{escape(family)}" font-size="{FONT_SIZE}" '
            f'role="img" aria-label="{escape(title)}">' + "".join(body) + "</svg>")


def _legend(entries: list[tuple[str, str]], left: Decimal, top: Decimal, width: Decimal, *,
            size: Decimal, swatch: tuple[int, int], pad: int, line: int,
            text_at: tuple[int, int]) -> tuple[list[str], Decimal]:
    """Legend entries (label, colour) from left to right, starting a new line `line` lower whenever the
    next entry would pass `width`: a `swatch` (width, height) and the label `text_at` (dx, dy) from it,
    each entry taking its label's advance at `size` plus `pad`. The SVG elements and the last line's top."""
    body: list[str] = []
    font = "" if size == FONT_SIZE else f' font-size="{size}"'
    x, y = left, top
    for label, colour in entries:
        entry_w = _text_width(label, size) + pad
        if x + entry_w > width:
            x, y = left, y + line
        body.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{swatch[0]}" height="{swatch[1]}" fill="{colour}"/>')
        body.append(f'<text x="{_n(x + text_at[0])}" y="{_n(y + text_at[1])}"{font}>{escape(label)}</text>')
        x += entry_w
    return body, y


def change_bars(items: list[tuple[str, Decimal]], family: str, width: Decimal = Decimal(640),
                label_chars: int = 16) -> str:
    """Horizontal bars around a zero axis: increases to the right, decreases to the left, value printed."""
    if not items:
        return ""
    label_w = CHAR * label_chars + 8
    value_w = Decimal(78)                          # room for "−10,435.15" beside a bar
    plot_w = width - label_w - 2 * value_w
    neg = max((-v for _, v in items if v < 0), default=Decimal(0))
    pos = max((v for _, v in items if v > 0), default=Decimal(0))
    span = (neg + pos) or Decimal(1)
    zero = label_w + value_w + plot_w * neg / span
    height = ROW * len(items) + 10
    body = [f'<line x1="{_n(zero)}" y1="0" x2="{_n(zero)}" y2="{_n(height - 4)}" stroke="#404040" stroke-width="0.8"/>']
    for i, (label, v) in enumerate(items):
        y = ROW * i + 4
        w = plot_w * abs(v) / span
        x = zero if v >= 0 else zero - w
        colour = INCREASE if v >= 0 else DECREASE
        body.append(f'<text x="{_n(label_w - 6)}" y="{_n(y + 11)}" text-anchor="end">{escape(_clip(label, label_chars))}</text>')
        body.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, Decimal("0.8")))}" height="14" fill="{colour}"/>')
        text = ("+" if v > 0 else "−" if v < 0 else "") + fmt_amount(abs(v))
        if v >= 0:
            body.append(f'<text x="{_n(x + w + 4)}" y="{_n(y + 11)}" fill="{colour}">{text}</text>')
        else:
            body.append(f'<text x="{_n(x - 4)}" y="{_n(y + 11)}" text-anchor="end" fill="{colour}">{text}</text>')
    return _svg(width, height, body, family, "最大变动")


def mix_bars(rows: list[tuple[str, list[tuple[str, Decimal]]]], family: str,
             width: Decimal = Decimal(640)) -> str:
    """One 100 % bar per year (label, [(source, amount)]), segments in a shared colour per source, legend below."""
    sources: list[str] = []
    for _, parts in rows:
        for name, _ in parts:
            if name not in sources:
                sources.append(name)
    if not sources:
        return ""
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}
    label_w, bar_h, gap = Decimal(64), Decimal(22), Decimal(10)
    plot_w = width - label_w - 4
    body: list[str] = []
    for r, (year, parts) in enumerate(rows):
        y = (bar_h + gap) * r
        total = sum((a for _, a in parts if a > 0), Decimal(0))
        body.append(f'<text x="{_n(label_w - 8)}" y="{_n(y + 15)}" text-anchor="end">{escape(year)}</text>')
        x = label_w
        for name, a in parts:
            if a <= 0 or total == 0:
                continue
            w = plot_w * a / total
            body.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(bar_h)}" fill="{colour[name]}" stroke="#ffffff" stroke-width="0.6"/>')
            share = f"{a * 100 / total:.1f}%"
            if _text_width(share, Decimal(9)) + 6 < w:
                ink = "#ffffff" if colour[name] in PALETTE[:2] + PALETTE[6:7] + PALETTE[3:4] else "#000000"
                body.append(f'<text x="{_n(x + w / 2)}" y="{_n(y + 15)}" text-anchor="middle" font-size="9" fill="{ink}">{share}</text>')
            x += w
    legend, y = _legend([(name, colour[name]) for name in sources], label_w, (bar_h + gap) * len(rows) + 4,
                        width, size=FONT_SIZE, swatch=(11, 11), pad=24, line=18, text_at=(15, 10))
    body += legend
    return _svg(width, y + 16, body, family, "收入结构")


def year_lines(years: list[str], series: list[tuple[str, list[Decimal | None]]], family: str,
               width: Decimal = Decimal(640), height: Decimal = Decimal(240)) -> str:
    """A multi-line chart: one line per series over the years (a gap where a year does not list it),
    the y axis from 0 to the largest value with four gridlines, a legend below. Years are placed by their
    distance (2024, 2025, 2027: the last step twice as long), other labels evenly."""
    values = [v for _, vs in series for v in vs if v is not None]
    if not series or not values or len(years) < 2:
        return ""
    top = max(max(values), Decimal(0)) or Decimal(1)
    left, right, plot_top, plot_h = Decimal(78), Decimal(16), Decimal(8), height - 40
    plot_w = width - left - right
    at = [int(y) for y in years] if all(y.isdigit() for y in years) else list(range(len(years)))
    span = Decimal(at[-1] - at[0]) or Decimal(1)

    def x(i: int) -> Decimal:
        return left + plot_w * (at[i] - at[0]) / span

    def y(v: Decimal) -> Decimal:
        return plot_top + plot_h - plot_h * max(v, Decimal(0)) / top

    body = []
    for k in range(5):
        v = top * k / 4
        body.append(f'<line x1="{_n(left)}" y1="{_n(y(v))}" x2="{_n(width - right)}" y2="{_n(y(v))}" stroke="#d9d9d9" stroke-width="0.6"/>')
        body.append(f'<text x="{_n(left - 4)}" y="{_n(y(v) + 3)}" text-anchor="end" font-size="8">{fmt_amount(v.quantize(Decimal("0.01")))}</text>')
    for i, label in enumerate(years):
        body.append(f'<text x="{_n(x(i))}" y="{_n(plot_top + plot_h + 14)}" text-anchor="middle" font-size="9">{escape(label)}</text>')
    for s, (name, vs) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        run: list[str] = []
        for i, v in enumerate(list(vs) + [None]):
            if v is not None:
                run.append(f"{_n(x(i))},{_n(y(v))}")
                body.append(f'<circle cx="{_n(x(i))}" cy="{_n(y(v))}" r="2.2" fill="{colour}"/>')
            elif run:
                if len(run) > 1:
                    body.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="1.6"/>')
                run = []
    legend, ly = _legend([(_clip(name, 14), PALETTE[s % len(PALETTE)]) for s, (name, _) in enumerate(series)],
                         left, plot_top + plot_h + 24, width,
                         size=Decimal(9), swatch=(10, 3), pad=22, line=14, text_at=(14, 5))
    body += legend
    return _svg(width, ly + 12, body, family, "逐年变化")
