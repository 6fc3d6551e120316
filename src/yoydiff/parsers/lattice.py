"""The lattice strategy: columns and rows of a table from its ruling lines (camelot's "lattice").

Columns: vertical rules when the producer drew them (those that reach the foot of the region or
run over most of it; a rule stopped above a merged cell does not part that cell); else the joints
of horizontal rules cut at every cell edge (border-bottom per cell). Rows: horizontal rules that
cover half the table width, segments added up. A merged cell's text goes to the first column it
spans. Thresholds: settings.SETTINGS.
"""
from __future__ import annotations

from ..pdf import Rule, Word
from .settings import SETTINGS
from .words import join_words

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


def segment_columns(hrules: list[Rule], top: float, bottom: float) -> list[float]:
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


def rule_bands(hrules: list[Rule], top: float, bottom: float, width: float) -> list[float]:
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


def band_cells(words: list[Word], bounds: list[tuple[float, float]], seps, band: tuple[float, float]) -> list[str]:
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
