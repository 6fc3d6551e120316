"""Words of a table region: figures, lines, the text of a cell, the words of each row band.

Shared by both table strategies (lattice.py, stream.py) and by grid.py.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..numbers import parse_decimal
from ..pdf import SPACE_GAP, Word
from .settings import SETTINGS

def is_numeric(text: str) -> bool:
    return parse_decimal(text.replace(" ", "")) is not None


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
        if lines and abs(lines[-1][0].ymid - w.ymid) <= SETTINGS.same_line * w.size:
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


def by_band(words: list[Word], bands: list[tuple[float, float]]) -> list[list[Word]]:
    """The words of each band (bands are ordered and do not overlap)."""
    starts = [a for a, _b in bands]
    out: list[list[Word]] = [[] for _ in bands]
    for w in words:
        i = bisect_right(starts, w.ymid) - 1
        if i >= 0 and w.ymid < bands[i][1]:
            out[i].append(w)
    return out


def lines(words: list[Word]) -> list[list[Word]]:
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.ymid, w.x0)):
        if out and abs(out[-1][0].ymid - w.ymid) <= SETTINGS.same_line * w.size:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def is_figure(text: str) -> bool:
    """An amount as printed (with a decimal point or thousands separator), not a code."""
    return is_numeric(text) and bool(re.search(r"[.,]", text))
