"""Small PDFs drawn at exact positions with reportlab's canvas (STSong-Light), for the reader's
general rules on layouts real producers make: page frames, text outside the page box, cells drawn as
rectangles, rotated pages. `draw(path, pages)`: each page is a dict with `size` (w, h), `texts`
[(text, x, top, size)], `rects` [(x0, top, x1, bottom, fill)] and `rotate` (degrees, optional).
Coordinates are top-down like the parser's."""
from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))

A4 = (595.3, 841.9)


def draw(path: str | Path, pages: list[dict]) -> Path:
    c = canvas.Canvas(str(path), pagesize=pages[0].get("size", A4))
    for pg in pages:
        w, h = pg.get("size", A4)
        c.setPageSize((w, h))
        if pg.get("rotate"):
            c.setPageRotation(pg["rotate"])
        for x0, top, x1, bottom, fill in pg.get("rects", ()):
            c.rect(x0, h - bottom, x1 - x0, bottom - top, stroke=not fill, fill=fill)
        for text, x, top, size in pg.get("texts", ()):
            c.setFont(FONT, size)
            c.drawString(x, h - top - size * 0.88, text)
        c.showPage()
    c.save()
    return Path(path)


def grid_rects(xs: list[float], ys: list[float]) -> list[tuple]:
    """Every cell of a grid as its own stroked rectangle (the way WPS and Excel draw borders)."""
    return [(a, t, b, u, False) for t, u in zip(ys, ys[1:]) for a, b in zip(xs, xs[1:])]
