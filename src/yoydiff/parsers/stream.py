"""The stream strategy: columns and rows of a table from text positions alone (camelot's "stream").

Columns: the gaps between the words of the data lines (lines carrying an amount), plus header words
that stand over no data; a continuation page takes the first page's columns, moved out of its words.
Rows: each data line anchors a row, a wrapped number ("29,098.7" over "8") is joined first, lines
set apart from every data line by row spacing (wider than the leading of wrapped lines) are rows of
their own, other text lines join the nearest anchor of their block. Thresholds: settings.SETTINGS.
"""
from __future__ import annotations

import re
from statistics import median

from ..pdf import Word
from .settings import SETTINGS
from .words import is_figure, is_numeric

_FRAGMENT_RE = re.compile(r"^[-+]?[\d,]*\.?\d*$")


def text_columns(data_lines: list[list[Word]], header_words: list[Word]) -> list[tuple[float, float]]:
    """Column x ranges from the projection of the data words, plus header words over no data.

    Figures of neighbouring columns can stand closer than a word gap (narrow cells, right-aligned):
    a span is cut where no word crosses and one line has a figure on one side, its neighbour on the other.
    Numbers right-aligned in a wide column can stand clear of their centred header: a data span
    that no header word overlaps takes the nearest header that stands over no data."""
    data_words = [w for ln in data_lines for w in ln]
    spans: list[list[float]] = []
    gap = min((w.size for w in data_words), default=8) * SETTINGS.figure_gap
    for w in sorted(data_words, key=lambda w: w.x0):
        if spans and w.x0 <= spans[-1][1] + gap:
            spans[-1][1] = max(spans[-1][1], w.x1)
        else:
            spans.append([w.x0, w.x1])
    spans = [part for s in spans for part in _split_span(s, data_words, data_lines)]
    data = [list(s) for s in spans]
    heads: list[list[float]] = []
    for w in sorted(header_words, key=lambda w: -w.bottom):
        if not any(w.x0 < s[1] + gap / 2 and w.x1 > s[0] - gap / 2 for s in spans):
            spans.append([w.x0, w.x1])
            heads.append(spans[-1])
    bare = [s for s in data if heads and not any(w.x0 < s[1] and w.x1 > s[0] for w in header_words)]
    for s in bare:
        h = min(heads, key=lambda h: max(h[0] - s[1], s[0] - h[1]))
        heads.remove(h)
        spans.remove(h)
        span = next(t for t in spans if t[0] == s[0] and t[1] == s[1])
        span[0], span[1] = min(span[0], h[0]), max(span[1], h[1])
        if not heads:
            break
    spans.sort()
    return [(a, b) for a, b in spans]


def _split_span(span: list[float], words: list[Word], lines: list[list[Word]]) -> list[list[float]]:
    """`span` cut at the gaps no word crosses that separate two adjacent words of one line, one of
    them a figure (a figure never shares a cell with another word of its line)."""
    inside = sorted((w for w in words if span[0] <= w.xmid <= span[1]), key=lambda w: w.x0)
    gaps, reach = [], span[0]
    for w in inside:
        if w.x0 > reach:
            gaps.append((reach, w.x0))
        reach = max(reach, w.x1)
    cuts = []
    for a, b in gaps:
        for ln in lines:
            left = max((w for w in ln if w.x1 <= a + 0.01), key=lambda w: w.x1, default=None)
            right = min((w for w in ln if w.x0 >= b - 0.01), key=lambda w: w.x0, default=None)
            if left and right and span[0] <= left.x0 and right.x1 <= span[1] \
                    and (is_figure(left.text) or is_figure(right.text)):
                cuts.append((a, b))
                break
    out, start = [], span[0]
    for a, b in cuts:
        out.append([start, a])
        start = b
    out.append([start, span[1]])
    return out


def snapped(bounds: list[tuple[float, float]], words: list[Word]) -> list[tuple[float, float]]:
    """Columns of an earlier page on this page: a boundary that cuts through words here (placed
    midway to a header there, with no figure under it) moves to the middle of the nearest gap."""
    edges = [bounds[0][0]] + [b for _a, b in bounds]
    for i in range(1, len(edges) - 1):
        x = edges[i]
        if not any(w.x0 < x < w.x1 for w in words):
            continue
        lo, hi = edges[i - 1], edges[i + 1]
        gaps, reach = [], lo
        for w in sorted((w for w in words if w.x1 > lo and w.x0 < hi), key=lambda w: w.x0):
            if w.x0 > reach:
                gaps.append((reach, w.x0))
            reach = max(reach, w.x1)
        inner = [g for g in gaps if g[0] > lo and g[1] < hi]
        if inner:
            a, b = min(inner, key=lambda g: min(abs(g[0] - x), abs(g[1] - x)))
            edges[i] = (a + b) / 2
    return list(zip(edges, edges[1:]))


def bounds_between(cols: list[tuple[float, float]], x0: float, x1: float) -> list[tuple[float, float]]:
    """Cell boundaries between text columns: midway between neighbours."""
    out = []
    for i, (a, b) in enumerate(cols):
        left = x0 if i == 0 else (cols[i - 1][1] + a) / 2
        right = x1 if i == len(cols) - 1 else (b + cols[i + 1][0]) / 2
        out.append((left, right))
    return out


def text_bands(body: list[list[Word]], bounds: list[tuple[float, float]],
                row_gap: float = 0.0) -> tuple[list[tuple[float, float]], float]:
    """Row bands from text alone (see module docstring), and the row spacing they were told by."""
    def col(w: Word) -> int:
        return next((i for i, (a, b) in enumerate(bounds) if a <= w.xmid < b), -1)

    items = [(min(w.top for w in ln), max(w.bottom for w in ln), ln) for ln in body]
    items.sort(key=lambda t: t[0])
    # a number wrapped inside its cell: a numeric fragment under a numeric fragment in the same column
    rows: list[list] = []
    for top, bot, ln in items:
        data = any(is_numeric(w.text) for w in ln)
        nums = [w for w in ln if is_numeric(w.text)]
        if rows and nums and rows[-1][3]:
            prev = rows[-1]
            pcols = {col(w): w for w in prev[2] if is_numeric(w.text)}
            # the upper part is a cut figure ("29,098.7"), not a whole number of its own ("20")
            if all(col(w) in pcols and _FRAGMENT_RE.match(pcols[col(w)].text + w.text)
                   and ("." in pcols[col(w)].text or "," in pcols[col(w)].text)
                   and top - prev[1] < 1.2 * w.size and "." not in w.text and "," not in w.text
                   for w in nums):
                prev[1] = max(prev[1], bot)
                prev[2] = prev[2] + ln
                continue
        rows.append([top, bot, list(ln), data])
    anchors = [r for r in rows if r[3]]
    if not anchors:
        return [(r[0], r[1]) for r in rows], row_gap
    # rows whose vertical extents overlap are one row (a two-line number centred around a name line)
    merged: list[list] = []                          # [top, bottom, columns holding a figure]
    for r in sorted(anchors, key=lambda r: r[0]):
        cols = {col(w) for w in r[2] if is_figure(w.text)} - {-1}
        if merged and r[0] < merged[-1][1] - 0.5:
            merged[-1][1] = max(merged[-1][1], r[1])
            merged[-1][2] |= cols
        else:
            merged.append([r[0], r[1], cols])
    centers = [(m[0] + m[1]) / 2 for m in merged]
    pitch = median([b - a for a, b in zip(centers, centers[1:])]) if len(centers) > 1 else 3 * (merged[0][1] - merged[0][0])
    # lines set apart by row spacing from every line with a figure are rows of their own
    lone, span = set(), {}
    blocks, row_gap = _blocks(rows, row_gap)
    for block in blocks:
        lo, hi = min(rows[k][0] for k in block), max(rows[k][1] for k in block)
        if any(rows[k][3] for k in block):
            span.update({k: (lo, hi) for k in block})
        else:
            lone.update(block)
            merged.append([lo, hi, set()])
    for k, r in enumerate(rows):
        if r[3] or k in lone:
            continue
        mid = (r[0] + r[1]) / 2
        inside = [m for m in merged if m[0] - 0.5 <= mid <= m[1] + 0.5]
        if inside:
            continue
        # within a block, a line belongs to the nearest row with a figure of that block
        lo, hi = span.get(k, (float("-inf"), float("inf")))
        cands = [m for m in merged if lo - 0.5 <= m[0] and m[1] <= hi + 0.5] or merged
        near = min(cands, key=lambda m: min(abs(mid - m[0]), abs(mid - m[1])))
        # a word over a figure of that row is another row's cell (or the header's), never its own
        over = any(col(w) in near[2] for w in r[2])
        if not over and (k in span or min(abs(mid - near[0]), abs(mid - near[1])) < pitch / 2):
            near[0], near[1] = min(near[0], r[0]), max(near[1], r[1])
        else:
            merged.append([r[0], r[1], set()])
    merged = sorted((m[0], m[1]) for m in merged)
    # bands are the gaps' midpoints between consecutive rows
    out = []
    for i, (a, b) in enumerate(merged):
        lo = a - 1 if i == 0 else (merged[i - 1][1] + a) / 2
        hi = b + 1 if i == len(merged) - 1 else (b + merged[i + 1][0]) / 2
        out.append((lo, hi))
    return out, row_gap


def _blocks(rows: list[list], row_gap: float = 0.0) -> tuple[list[list[int]], float]:
    """Lines (top, bottom, ...) sorted by top, grouped into blocks that no row spacing separates.

    Lines that overlap vertically are one stretch of ink; the white gaps between stretches are
    either leading (wrapped lines inside a cell) or row spacing (cell padding added). The threshold
    is the middle of the widest step in the sorted gaps of the body (from the first line with a
    figure down); without a clear step (a page with a few rows of a long table) `row_gap`, the
    threshold of an earlier page, or no blocks. Returns the blocks and the threshold."""
    stretches: list[list] = []                       # [top, bottom, line indices]
    for k, r in enumerate(rows):
        if stretches and r[0] <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], r[1])
            stretches[-1][2].append(k)
        else:
            stretches.append([r[0], r[1], [k]])
    # measured from the first line with a figure down: the header has a spacing of its own
    first = next(i for i, st in enumerate(stretches) if any(rows[k][3] for k in st[2]))
    gaps = sorted(b[0] - a[1] for a, b in zip(stretches[first:], stretches[first + 1:]))
    size = median([w.size for r in rows for w in r[2]]) if rows else 0
    steps = [(b - a, (a + b) / 2) for a, b in zip(gaps, gaps[1:])]
    if steps and max(steps)[0] >= SETTINGS.row_step * size:
        apart = max(steps)[1]
    elif row_gap:
        apart = row_gap
    else:
        return [], 0.0
    out = [list(stretches[0][2])]
    for a, b in zip(stretches, stretches[1:]):
        if b[0] - a[1] > apart:
            out.append([])
        out[-1] += b[2]
    return out, apart
