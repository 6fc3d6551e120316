"""One table region on one page -> its grid: columns, row bands, cells, header paths.

Two strategies, one module each (the way camelot keeps lattice and stream apart):
- lattice.py reads columns from vertical rules (or from horizontal rules cut at every cell edge)
  and rows from horizontal rules;
- stream.py reads them from text positions alone.
A region takes columns from rules when at least `min_rule_columns` separators are drawn, else the
columns of the table's first page (a continuation page), else text positions; rows from rules when
at least `min_rule_rows` horizontal rules cover the table, else from text. Grid.strategy and
Grid.why record which was used and why (`yoydiff parse --explain PAGE` prints them). Thresholds
are in settings.SETTINGS. Header cells without rules are rebuilt here from wrapped lines and the
columns under them.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ..pdf import Rule, Word
from .lattice import band_cells, rule_bands, rule_columns, segment_columns
from .settings import SETTINGS
from .stream import bounds_between, snapped, text_bands, text_columns
from .words import by_band, is_figure, is_numeric, join_words, lines as _lines

__all__ = ["Grid", "build", "header_paths", "by_band", "is_figure", "is_numeric", "join_words", "rule_columns"]


@dataclass(frozen=True)
class Grid:
    columns: tuple[tuple[float, float], ...]          # x ranges, left to right
    bands: tuple[tuple[float, float], ...]            # body row bands, top to bottom
    cells: tuple[tuple[str, ...], ...]                # band x column texts ('' when blank)
    header: tuple[tuple[str, ...], ...]               # per column: header path, top-down
    stray: tuple[Word, ...]                           # words inside the region that fall in no cell
    row_gap: float = 0.0                              # white gap that parts rows without rules (0: unknown)
    strategy: str = ""                                # "lattice", "stream", "lattice columns, stream rows", …
    why: str = ""                                     # the evidence the strategy was chosen on


def header_paths(words: list[Word], bounds: list[tuple[float, float]],
                 seps: list[tuple[float, float, float]], leading: float = 0.0,
                 hrules: list[Rule] = ()) -> list[tuple[str, ...]]:
    """Header path of each column: the header cells over it, top-down (a spanning cell over several).
    `leading`: the white gap between wrapped lines of one cell, where no rules part the cells.
    Where the header has horizontal rules, lines over the same columns with no rule between them
    are one cell however widely they are spaced (小 / 计 in a tall cell)."""
    if not seps:
        return _paths(_free_cells(words, bounds, leading), len(bounds))
    n = len(bounds)
    top = min((w.top for w in words), default=0.0)
    bottom = max((w.bottom for w in words), default=0.0)
    ruled = [r for r in hrules if top - 1 <= r.top <= bottom + 1]

    def parted(c: dict, w: Word) -> bool:
        a, b = bounds[c["cover"][0]][0], bounds[c["cover"][-1]][1]
        mid = (a + b) / 2
        return any(c["bottom"] - 1 <= r.top <= w.top + 1 and r.x0 <= mid <= r.x1 for r in ruled)
    cells: list[dict] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        present = [x for x, t, b in seps if t - 1 <= w.ymid <= b + 1]
        left = max((x for x in present if x <= w.x0 + 1), default=bounds[0][0])
        right = min((x for x in present if x >= w.x1 - 1), default=bounds[-1][1])
        cover = tuple(i for i, (a, b) in enumerate(bounds) if a >= left - 2 and b <= right + 2)
        if not cover:
            cover = (min(range(n), key=lambda i: abs((bounds[i][0] + bounds[i][1]) / 2 - w.xmid)),)
        for c in cells:
            if c["cover"] == cover and (w.top - c["bottom"] < 0.8 * w.size or (ruled and not parted(c, w))):
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
    cuts = segment_columns(hrules, top, bottom) if len(seps) < SETTINGS.min_rule_columns else []
    if len(seps) >= SETTINGS.min_rule_columns or len(cuts) >= SETTINGS.min_rule_columns:
        col_how = "lattice"
        col_why = (f"{len(seps)} vertical rules" if len(seps) >= SETTINGS.min_rule_columns
                   else f"no vertical rules; horizontal rules cut at {len(cuts)} cell edges")
        if len(seps) >= SETTINGS.min_rule_columns:
            # separators that reach the lowest part of the region delimit the body columns
            # (clipped to the region: a rule running on below it says nothing about this table)
            # or that run past most of its lines of figures (a separator stopped above rows whose
            # cells span columns: 当年支出小计 across the functional and economic sides; a rule of
            # the header alone passes none)
            low = min(max(s[2] for s in seps), bottom)
            figure_ys = sorted({round(w.ymid) for w in region if is_figure(w.text)})
            need = max(2, SETTINGS.body_rule_share * len(figure_ys))
            body_xs = [s[0] for s in seps if min(s[2], bottom) >= low - 2
                       or sum(s[1] <= y <= s[2] for y in figure_ys) >= need]
        else:
            body_xs, seps = cuts, []
        x0, x1 = min(x0, body_xs[0]), max(x1, body_xs[-1])
        edges = sorted(set([x0] + body_xs + [x1]))
        bounds = [(a, b) for a, b in zip(edges, edges[1:]) if b - a > 2]
        bounds = [b for b in bounds if any(b[0] <= w.xmid < b[1] for w in region)] or bounds
        # a sliver narrower than a character between two close rules (a double rule, a spanning
        # header's edge) is no column: its neighbour on the right takes it
        size = median(w.size for w in region)
        merged: list[tuple[float, float]] = []
        for a, b in bounds:
            if merged and merged[-1][1] - merged[-1][0] < SETTINGS.min_column * size and merged[-1][1] == a:
                a = merged.pop()[0]
            merged.append((a, b))
        if len(merged) > 1 and merged[-1][1] - merged[-1][0] < SETTINGS.min_column * size and merged[-2][1] == merged[-1][0]:
            last = merged.pop()
            merged[-1] = (merged[-1][0], last[1])
        bounds = merged
    elif columns:
        col_how, col_why = "first page", f"{len(seps)} vertical rules: the columns of the table's first page"
        seps, bounds = [], snapped(list(columns), region)
    else:
        col_how, col_why = "stream", f"{len(seps)} vertical rules: columns from the gaps between words"
        seps = []
        lines = _lines(region)
        data_lines = [ln for ln in lines if any(is_numeric(w.text) for w in ln)]
        head = [w for w in region if data_lines and w.bottom < min(w.top for ln in data_lines for w in ln)]
        bounds = bounds_between(text_columns(data_lines or lines, head), x0, x1)
    width = x1 - x0
    # the top rule of the table lies above its first line of text
    ys = rule_bands(hrules, top - 1.2 * median(w.size for w in region), bottom, width)
    if len(ys) >= SETTINGS.min_rule_rows:
        row_how, row_why = "lattice", f"{len(ys)} horizontal rules"
        # a row cut by the page break has no rule on its open side
        if any(w.ymid > ys[-1] for w in region):
            ys.append(max(w.bottom for w in region) + 1)
        if any(w.ymid < ys[0] for w in region):
            ys.insert(0, min(w.top for w in region) - 1)
        bands = list(zip(ys, ys[1:]))
    else:
        row_how, row_why = "stream", f"{len(ys)} horizontal rules: rows from line spacing"
        bands, row_gap = text_bands(lines or _lines(region), bounds, row_gap)
    inband = by_band(region, bands)
    bands = [b for b, ws in zip(bands, inband) if ws]
    inband = [ws for ws in inband if ws]
    cells = [band_cells(ws, bounds, seps, band) for ws, band in zip(inband, bands)]
    start = body_top_of(bands, cells)
    limit = bands[start][0] if start < len(bands) else bottom
    head_words = [w for w in region if bands and w.ymid < limit]
    taken = {id(w) for ws in inband[start:] for w in ws} | {id(w) for w in head_words}
    stray = tuple(w for w in region if id(w) not in taken)
    return Grid(tuple(bounds), tuple(bands[start:]), tuple(tuple(c) for c in cells[start:]),
                tuple(header_paths(head_words, bounds, seps, _leading(region), hrules)), stray, row_gap,
                col_how if col_how == row_how else f"{col_how} columns, {row_how} rows",
                f"columns: {col_why}; rows: {row_why}")


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


