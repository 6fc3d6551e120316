"""Rows and columns of one table region on one page, from ruling lines where drawn, from text positions where not.

Columns: vertical rules when the producer drew them; else the joints of horizontal rules cut at every
cell edge (border-bottom per cell); else the gaps between the words of the data lines (lines carrying
an amount), plus header words that stand over no data (blank columns, or the header of right-aligned
figures that stand clear of it).
Rows: horizontal rules when drawn (segments added up; a row cut by the page break closed by the region
edge); otherwise each data line anchors a row, a wrapped number ("29,098.7" over "8") is joined first,
lines set apart from every data line by row spacing (wider than the leading of wrapped lines) are rows
of their own, and other text lines join the nearest anchor of their block (a long name wrapped above
and below its amount line).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from statistics import median

from ..numbers import parse_decimal
from ..pdf import SPACE_GAP, Rule, Word
from .settings import SETTINGS

_FRAGMENT_RE = re.compile(r"^[-+]?[\d,]*\.?\d*$")


def is_numeric(text: str) -> bool:
    return parse_decimal(text.replace(" ", "")) is not None


@dataclass(frozen=True)
class Grid:
    columns: tuple[tuple[float, float], ...]          # x ranges, left to right
    bands: tuple[tuple[float, float], ...]            # body row bands, top to bottom
    cells: tuple[tuple[str, ...], ...]                # band x column texts ('' when blank)
    header: tuple[tuple[str, ...], ...]               # per column: header path, top-down
    stray: tuple[Word, ...]                           # words inside the region that fall in no cell
    row_gap: float = 0.0                              # white gap that parts rows without rules (0: unknown)


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def join_words(words: list[Word]) -> str:
    """Text of the words of one cell: lines top-down joined without a break, words spaced as printed."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.ymid, w.x0)):
        if lines and abs(lines[-1][0].ymid - w.ymid) <= 0.35 * w.size:
            lines[-1].append(w)
        else:
            lines.append([w])
    parts = []
    for ln in lines:
        ln.sort(key=lambda w: w.x0)
        s, prev = "", None
        for w in ln:
            if prev is not None and w.x0 - prev.x1 > SPACE_GAP * max(w.size, prev.size):
                s += " "
            s += w.text
            prev = w
        parts.append(s)
    return "".join(parts)


def rule_columns(vrules: list[Rule], top: float, bottom: float) -> list[tuple[float, float, float]]:
    """Vertical separators as (x, top, bottom), merged over segments."""
    segs = sorted((r for r in vrules if r.bottom > top and r.top < bottom), key=lambda r: r.x0)
    out: list[list[float]] = []
    for r in segs:
        x = (r.x0 + r.x1) / 2
        if out and abs(out[-1][0] - x) <= 1.5:
            out[-1][1] = min(out[-1][1], r.top)
            out[-1][2] = max(out[-1][2], r.bottom)
        else:
            out.append([x, r.top, r.bottom])
    return [(a, b, c) for a, b, c in out]


def _segment_columns(hrules: list[Rule], top: float, bottom: float) -> list[float]:
    """Column edges where no vertical rule is drawn but horizontal rules are cut at every cell edge
    (border-bottom per cell): the joints between abutting segments that recur in most ruled rows."""
    rows: list[list[Rule]] = []
    for r in sorted((r for r in hrules if top - 1 <= r.top <= bottom + 1), key=lambda r: (r.top, r.x0)):
        if rows and r.top - rows[-1][0].top <= 1.5:
            rows[-1].append(r)
        else:
            rows.append([r])
    joints: list[float] = []
    cut_rows = 0
    for row in rows:
        row.sort(key=lambda r: r.x0)
        js = [(a.x1 + b.x0) / 2 for a, b in zip(row, row[1:]) if abs(a.x1 - b.x0) <= 2]
        cut_rows += bool(js)
        joints += js
    groups: list[list[float]] = []
    for x in sorted(joints):
        if groups and x - groups[-1][-1] <= 1.5:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [sum(g) / len(g) for g in groups if len(g) >= max(2, cut_rows / 2)]


def _text_columns(data_lines: list[list[Word]], header_words: list[Word]) -> list[tuple[float, float]]:
    """Column x ranges from the projection of the data words, plus header words over no data.

    Figures of neighbouring columns can stand closer than a word gap (narrow cells, right-aligned):
    a span is cut where no word crosses and one line has a figure on one side, its neighbour on the other.
    Numbers right-aligned in a wide column can stand clear of their centred header: a data span
    that no header word overlaps takes the nearest header that stands over no data."""
    data_words = [w for ln in data_lines for w in ln]
    spans: list[list[float]] = []
    gap = min((w.size for w in data_words), default=8) * 0.8
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
                    and (_figure(left.text) or _figure(right.text)):
                cuts.append((a, b))
                break
    out, start = [], span[0]
    for a, b in cuts:
        out.append([start, a])
        start = b
    out.append([start, span[1]])
    return out


def _figure(text: str) -> bool:
    """An amount as printed (with a decimal point or thousands separator), not a code."""
    return is_numeric(text) and bool(re.search(r"[.,]", text))


def _snapped(bounds: list[tuple[float, float]], words: list[Word]) -> list[tuple[float, float]]:
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


def _bounds(cols: list[tuple[float, float]], x0: float, x1: float) -> list[tuple[float, float]]:
    """Cell boundaries between text columns: midway between neighbours."""
    out = []
    for i, (a, b) in enumerate(cols):
        left = x0 if i == 0 else (cols[i - 1][1] + a) / 2
        right = x1 if i == len(cols) - 1 else (b + cols[i + 1][0]) / 2
        out.append((left, right))
    return out


def _text_bands(body: list[list[Word]], bounds: list[tuple[float, float]],
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
        cols = {col(w) for w in r[2] if _figure(w.text)} - {-1}
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
    if steps and max(steps)[0] >= 0.2 * size:
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


def _rule_bands(hrules: list[Rule], top: float, bottom: float, width: float) -> list[float]:
    """Row separators: heights where horizontal rules cover half the table width, added up over
    segments (weasyprint and Word draw one segment per cell edge)."""
    near = sorted((r for r in hrules if top - 1 <= r.top <= bottom + 1), key=lambda r: r.top)
    groups: list[list[Rule]] = []
    for r in near:
        if groups and r.top - groups[-1][-1].top <= 1.5:
            groups[-1].append(r)
        else:
            groups.append([r])
    out = []
    for g in groups:
        covered, reach = 0.0, float("-inf")
        for r in sorted(g, key=lambda r: r.x0):
            if r.x1 > reach:
                covered += r.x1 - max(r.x0, reach)
                reach = r.x1
        if covered >= 0.5 * width:
            out.append(sum(r.top for r in g) / len(g))
    return out


def header_paths(words: list[Word], bounds: list[tuple[float, float]],
                 seps: list[tuple[float, float, float]], leading: float = 0.0) -> list[tuple[str, ...]]:
    """Header path of each column: the header cells over it, top-down (a spanning cell over several).
    `leading`: the white gap between wrapped lines of one cell, where no rules part the cells."""
    if not seps:
        return _paths(_free_cells(words, bounds, leading), len(bounds))
    n = len(bounds)
    cells: list[dict] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        present = [x for x, t, b in seps if t - 1 <= w.ymid <= b + 1]
        left = max((x for x in present if x <= w.x0 + 1), default=bounds[0][0])
        right = min((x for x in present if x >= w.x1 - 1), default=bounds[-1][1])
        cover = tuple(i for i, (a, b) in enumerate(bounds) if a >= left - 2 and b <= right + 2)
        if not cover:
            cover = (min(range(n), key=lambda i: abs((bounds[i][0] + bounds[i][1]) / 2 - w.xmid)),)
        for c in cells:
            if c["cover"] == cover and w.top - c["bottom"] < 0.8 * w.size:
                c["words"].append(w)
                c["bottom"] = max(c["bottom"], w.bottom)
                break
        else:
            cells.append({"cover": cover, "words": [w], "top": w.top, "bottom": w.bottom})
    return _paths(cells, n)


def _paths(cells: list[dict], n: int) -> list[tuple[str, ...]]:
    """Per column: the texts of the cells covering it, top-down."""
    paths = []
    for i in range(n):
        mine = sorted((c for c in cells if i in c["cover"]), key=lambda c: c["top"])
        paths.append(tuple(join_words(c["words"]) for c in mine))
    return paths


def _free_cells(words: list[Word], bounds: list[tuple[float, float]], leading: float) -> list[dict]:
    """Header cells without rules. A piece under a cell, within its x-range and no farther below
    than the leading of wrapped lines (where some cell shows one; else a piece over the same
    columns), is the rest of that cell; a word on the line of a cell, less than a word gap away,
    is part of it. A cell covers the column under its centre and the columns it
    overlaps for more than half their width; a cell with cells under it (a spanning parent) then
    widens over the neighbouring columns whose header starts below it: over all of them, but columns
    that another parent could take too go to the one that stays centred over its range."""
    n = len(bounds)

    def touched(w: Word) -> tuple[int, ...]:
        return tuple(i for i, (a, b) in enumerate(bounds) if min(b, w.x1) - max(a, w.x0) > 1)
    cells: list[dict] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for c in cells:
            gap = w.top - c["bottom"]
            same_line = abs(w.ymid - c["last"]) <= 0.35 * w.size and w.x0 - c["x1"] < 0.5 * w.size
            if leading:
                below = 0 <= gap < min(0.8 * w.size, leading + 0.15 * w.size) \
                    and c["x0"] - w.size / 2 <= w.x0 and w.x1 <= c["x1"] + w.size / 2
            else:  # no wrap seen: only a piece over the same columns
                below = gap < 0.8 * w.size and touched(w) == touched(c["words"][0])
            if same_line or below:
                c["words"].append(w)
                c["bottom"] = max(c["bottom"], w.bottom)
                c["last"] = w.ymid
                c["x0"], c["x1"] = min(c["x0"], w.x0), max(c["x1"], w.x1)
                break
        else:
            cells.append({"words": [w], "top": w.top, "bottom": w.bottom, "last": w.ymid,
                          "x0": w.x0, "x1": w.x1})
    for c in cells:
        mid = (c["x0"] + c["x1"]) / 2
        cover = {i for i, (a, b) in enumerate(bounds)
                 if a <= mid < b or min(b, c["x1"]) - max(a, c["x0"]) > (b - a) / 2}
        if not cover:
            cover = {min(range(n), key=lambda i: abs((bounds[i][0] + bounds[i][1]) / 2 - mid))}
        c["cover"] = tuple(sorted(cover))
    runs = {}
    for c in cells:
        lo, hi = min(c["cover"]), max(c["cover"])
        if not any(d is not c and d["top"] > c["bottom"] and set(d["cover"]) & set(c["cover"]) for d in cells):
            continue                                  # a leaf: no cell under it

        def free(j: int) -> bool:
            mine = [d for d in cells if j in d["cover"]]
            return bool(mine) and all(d["top"] > c["bottom"] for d in mine)
        left, right = lo, hi
        while left > 0 and free(left - 1):
            left -= 1
        while right < n - 1 and free(right + 1):
            right += 1
        runs[id(c)] = (left, right)
    for c in cells:
        if id(c) not in runs:
            continue
        (left, right), lo, hi = runs[id(c)], min(c["cover"]), max(c["cover"])
        # columns no other parent of its level can reach are its own; shared ones go as keeps it centred
        rivals = [d for d in cells if d is not c and id(d) in runs and d["top"] < c["bottom"] and d["bottom"] > c["top"]]
        shared = {j for d in rivals for j in range(runs[id(d)][0], runs[id(d)][1] + 1)}
        own = [j for j in range(left, right + 1) if j not in shared] + [lo, hi]
        mid = (c["x0"] + c["x1"]) / 2
        ranges = [(a, b) for a in range(left, min(own) + 1) for b in range(max(own), right + 1)]
        a, b = min(ranges, key=lambda r: (abs((bounds[r[0]][0] + bounds[r[1]][1]) / 2 - mid), r[0] - r[1]))
        c["cover"] = tuple(range(a, b + 1))
    return cells


def build(words: list[Word], hrules: list[Rule], vrules: list[Rule],
          top: float, bottom: float, body_top_of, columns: tuple[tuple[float, float], ...] = (),
          row_gap: float = 0.0) -> Grid:
    """The grid of the region [top, bottom]. `body_top_of(bands, cells)` returns the index of the
    first body band (the table parser knows which rows are header rows). `columns` and `row_gap`:
    those of the table's first page, for a continuation page without vertical rules."""
    region = [w for w in words if top <= w.ymid <= bottom]
    if not region:
        return Grid((), (), (), (), ())
    x0 = min(w.x0 for w in region) - 1
    x1 = max(w.x1 for w in region) + 1
    seps = rule_columns(vrules, top, bottom)
    lines: list[list[Word]] = []
    cuts = _segment_columns(hrules, top, bottom) if len(seps) < 2 else []
    if len(seps) >= 2 or len(cuts) >= 2:
        if len(seps) >= 2:
            # separators that reach the lowest part of the region delimit the body columns
            # (clipped to the region: a rule running on below it says nothing about this table)
            # or that run over most of it (a separator stopped above rows whose cells span
            # columns: 当年支出小计 across the functional and economic sides)
            low = min(max(s[2] for s in seps), bottom)
            body_xs = [s[0] for s in seps if min(s[2], bottom) >= low - 2
                       or min(s[2], bottom) - max(s[1], top) >= SETTINGS.body_rule_share * (bottom - top)]
        else:
            body_xs, seps = cuts, []
        x0, x1 = min(x0, body_xs[0]), max(x1, body_xs[-1])
        edges = sorted(set([x0] + body_xs + [x1]))
        bounds = [(a, b) for a, b in zip(edges, edges[1:]) if b - a > 2]
        bounds = [b for b in bounds if any(b[0] <= w.xmid < b[1] for w in region)] or bounds
    elif columns:
        seps, bounds = [], _snapped(list(columns), region)
    else:
        seps = []
        lines = _lines(region)
        data_lines = [ln for ln in lines if any(is_numeric(w.text) for w in ln)]
        head = [w for w in region if data_lines and w.bottom < min(w.top for ln in data_lines for w in ln)]
        bounds = _bounds(_text_columns(data_lines or lines, head), x0, x1)
    width = x1 - x0
    # the top rule of the table lies above its first line of text
    ys = _rule_bands(hrules, top - 1.2 * median(w.size for w in region), bottom, width)
    if len(ys) >= 3:
        # a row cut by the page break has no rule on its open side
        if any(w.ymid > ys[-1] for w in region):
            ys.append(max(w.bottom for w in region) + 1)
        if any(w.ymid < ys[0] for w in region):
            ys.insert(0, min(w.top for w in region) - 1)
        bands = list(zip(ys, ys[1:]))
    else:
        bands, row_gap = _text_bands(lines or _lines(region), bounds, row_gap)
    inband = by_band(region, bands)
    bands = [b for b, ws in zip(bands, inband) if ws]
    inband = [ws for ws in inband if ws]
    cells = [_band_cells(ws, bounds, seps, band) for ws, band in zip(inband, bands)]
    start = body_top_of(bands, cells)
    limit = bands[start][0] if start < len(bands) else bottom
    head_words = [w for w in region if bands and w.ymid < limit]
    taken = {id(w) for ws in inband[start:] for w in ws} | {id(w) for w in head_words}
    stray = tuple(w for w in region if id(w) not in taken)
    return Grid(tuple(bounds), tuple(bands[start:]), tuple(tuple(c) for c in cells[start:]),
                tuple(header_paths(head_words, bounds, seps, _leading(region))), stray, row_gap)


def _band_cells(words: list[Word], bounds: list[tuple[float, float]], seps, band: tuple[float, float]) -> list[str]:
    """The cells of one band. Where the vertical rule between two columns is not drawn at this band's
    height (a merged cell: 当年支出小计 across two columns), the merged cell's text goes to the first
    column it spans, never to the column its centre happens to fall in."""
    starts = [0]
    if seps:
        mid = (band[0] + band[1]) / 2
        for i in range(1, len(bounds)):
            lo, hi = bounds[i - 1][1] - SETTINGS.rule_merge_tol, bounds[i][0] + SETTINGS.rule_merge_tol
            near = [sp for sp in seps if lo <= sp[0] <= hi]
            if not near or any(t - 1 <= mid <= b + 1 for _x, t, b in near):
                starts.append(i)
    else:
        starts = list(range(len(bounds)))
    out = [""] * len(bounds)
    for k, i in enumerate(starts):
        j = starts[k + 1] if k + 1 < len(starts) else len(bounds)
        a, b = bounds[i][0], bounds[j - 1][1]
        out[i] = join_words([w for w in words if a <= w.xmid < b])
    return out


def _leading(words: list[Word]) -> float:
    """The white gap between wrapped lines of one cell: the narrowest gap between consecutive
    stretches of lines when a wider gap (row spacing) stands clearly apart from it; 0 when all gaps
    are alike (no cell shows a wrap)."""
    stretches: list[list[float]] = []
    for ln in sorted(_lines(words), key=lambda ln: min(w.top for w in ln)):
        top, bot = min(w.top for w in ln), max(w.bottom for w in ln)
        if stretches and top <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], bot)
        else:
            stretches.append([top, bot])
    gaps = [b[0] - a[1] for a, b in zip(stretches, stretches[1:])]
    size = median(w.size for w in words)
    return min(gaps) if gaps and max(gaps) - min(gaps) >= 0.2 * size else 0.0


def by_band(words: list[Word], bands: list[tuple[float, float]]) -> list[list[Word]]:
    """The words of each band (bands are ordered and do not overlap)."""
    starts = [a for a, _b in bands]
    out: list[list[Word]] = [[] for _ in bands]
    for w in words:
        i = bisect_right(starts, w.ymid) - 1
        if i >= 0 and w.ymid < bands[i][1]:
            out[i].append(w)
    return out


def _lines(words: list[Word]) -> list[list[Word]]:
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.ymid, w.x0)):
        if out and abs(out[-1][0].ymid - w.ymid) <= 0.35 * w.size:
            out[-1].append(w)
        else:
            out.append([w])
    return out
