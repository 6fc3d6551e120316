"""Evidence crops: a finding shown on its source page, the stated figure and its counterpart boxed.

The page is rendered at print resolution with pypdfium2, which also gives the page's characters with
their boxes. A finding carries its page and quote (and, across years, the other document's page and
quote); the quote is found among the page's characters — a sentence as a run of characters, a table
row (tab-separated cells) as the one text line holding all its cells in order — and the figures the
finding states are boxed inside it. When the quote cannot be found, or is found more than once on
the page, no box is drawn and the panel says why: a box is only drawn where it is unambiguous.

An in-document finding whose counterpart is printed elsewhere (a sentence against a table) gets the
counterpart panel when a table row with the finding's code prints the recomputed figure.
"""
from __future__ import annotations

import base64
import io
import re
import threading
import unicodedata
from dataclasses import dataclass

from ..core import Document
from ..results import Finding, Report

DPI = 200                 # print resolution of the crops
MARGIN = 16.0             # points of page kept above and below the located text (lines cut by it are taken whole)
SIDE = 14.0               # points kept left and right of the page's text block
MAX_WIDTH = 520.0         # a wider text block (a landscape page) is cut to this much around the figures
MAX_HEIGHT = 260.0        # a crop taller than this (a long quote) is cut to the figures' surroundings
STATED = (200, 30, 30)    # the stated figure
OTHER = (30, 90, 200)     # its counterpart
QUOTE = (255, 243, 200)   # the quoted sentence or row: a light yellow shading
SHOWN = ("error", "warning")
JPEG_QUALITY = 82

# a figure as printed: 1,590.46 / 13.35% / 2800; a direction word the finding states
_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?%?(?!\s*年)|增加|减少|增长|下降|持平")
_WS_RE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def tokens(text: str, first: bool = False) -> list[str]:
    """The figures (and direction words) a stated text names. Bare integers (a count, a target value)
    only when the text names no figure with a decimal point, separator or per cent (表5 and years are
    not figures then); `first`: only the first figure (the published one in a recomputed text)."""
    found = [m.group(0) for m in _TOKEN_RE.finditer(_norm(text))]
    figures = [t for t in found if t[0].isdigit() and any(ch in t for ch in ".,%")]
    if not figures:
        figures = [t for t in found if t[0].isdigit() and not (len(t) == 4 and t.startswith("20"))]
    if first:
        return figures[:1]
    out = []
    for t in found:
        if (t in figures or not t[0].isdigit()) and t not in out:
            out.append(t)
    return out

# ---------------------------------------------------------------- page characters

@dataclass
class _PageText:
    """The page's visible characters (whitespace removed, NFKC), each with its box in top-down points."""

    text: str
    boxes: list[tuple[float, float, float, float]]       # x0, top, x1, bottom
    width: float
    height: float
    _lines: list | None = None

    def lines(self) -> list[tuple[int, int]]:
        """[start, end) character ranges of the page's visual lines (in the page's character order)."""
        if self._lines is None:
            self._lines = list(_runs(self.boxes, 0, len(self.boxes)))
        return self._lines

    def joined(self, i: int) -> bool:
        """Character i continues the word of character i - 1 (same line, no gap): 534.75534.75 printed
        in two cells is two figures."""
        if i <= 0 or i >= len(self.boxes):
            return False
        a, b = self.boxes[i - 1], self.boxes[i]
        h = max(a[3] - a[1], b[3] - b[1], 4.0)
        return _overlaps(a[1], a[3], b) and -0.5 * h <= b[0] - a[2] <= 0.25 * h


def _overlaps(top: float, bottom: float, b) -> bool:
    """The character box b sits on the line spanning top..bottom (a comma sits low, a quote mark high)."""
    mid = (b[1] + b[3]) / 2
    h = max(bottom - top, b[3] - b[1], 1.0)
    return top - 0.25 * h <= mid <= bottom + 0.25 * h


def _runs(boxes, lo: int, hi: int):
    """[start, end) ranges of consecutive characters on one visual line."""
    start = lo
    top = bottom = x = None
    for k in range(lo, hi):
        b = boxes[k]
        if top is not None and _overlaps(top, bottom, b) and b[0] >= x - 3 * (bottom - top + 1):
            top, bottom, x = min(top, b[1]) if b[3] - b[1] > 3 else top, max(bottom, b[3]) if b[3] - b[1] > 3 else bottom, b[2]
            continue
        if top is not None:
            yield start, k
        start, top, bottom, x = k, b[1], b[3], b[2]
    if top is not None:
        yield start, hi


def page_text(page) -> _PageText:
    import pypdfium2.raw as raw

    tp = page.get_textpage()
    try:
        w, h = page.get_size()
        x_off, y_off = page.get_mediabox()[:2]
        chars, boxes = [], []
        for i in range(tp.count_chars()):
            ch = chr(raw.FPDFText_GetUnicode(tp.raw, i))
            if not ch.strip() or raw.FPDFText_IsGenerated(tp.raw, i) == 1:
                continue
            left, bottom, right, top = tp.get_charbox(i)
            box = (left - x_off, h - (top - y_off), right - x_off, h - (bottom - y_off))
            for c in _norm(ch):
                if c.strip():
                    chars.append(c)
                    boxes.append(box)
        return _PageText("".join(chars), boxes, w, h)
    finally:
        tp.close()


# ---------------------------------------------------------------- locating

@dataclass
class Located:
    spans: list[tuple[int, int]]          # character ranges of the quote on the page
    figures: list[tuple[int, int]]        # character ranges of the boxed figures
    note: str = ""


def _occurrences(hay: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    hi = len(hay) if hi is None else hi
    out, i = [], hay.find(needle, lo, hi)
    while i >= 0 and i + len(needle) <= hi:
        out.append(i)
        i = hay.find(needle, i + 1, hi)
    return out


def _whole(pt: "_PageText", i: int, n: int) -> bool:
    """The figure at text[i:i+n] is not part of a longer number printed in the same word."""
    text = pt.text
    if not text[i].isdigit():
        return True
    digit = lambda c: c.isdigit() or c in ".,"   # noqa: E731
    if i > 0 and digit(text[i - 1]) and pt.joined(i):
        return False
    j = i + n
    if j < len(text) and pt.joined(j) and (text[j].isdigit() or (text[j] in ".," and j + 1 < len(text)
                                                                 and text[j + 1].isdigit())):
        return False
    return True


def _figures_in(pt: _PageText, spans: list[tuple[int, int]], wanted: list[str]) -> list[tuple[int, int]]:
    out = []
    for lo, hi in spans:
        for t in wanted:
            hits = [(i, i + len(t)) for i in _occurrences(pt.text, t, lo, hi) if _whole(pt, i, len(t))]
            out += hits if t[0].isdigit() else hits[:1]     # a direction word: where the sentence says it
    return sorted(set(out))


def locate_sentence(pt: _PageText, quote: str) -> Located | None:
    """A sentence: the run of page characters equal to the quote (it may run on to the next page,
    so the longest matching run from a unique start is taken)."""
    q = _WS_RE.sub("", _norm(quote))
    if not q:
        return None
    head = q[: min(len(q), 12)]
    runs = []
    for i in _occurrences(pt.text, head):
        n = len(head)
        while n < len(q) and i + n < len(pt.text) and pt.text[i + n] == q[n]:
            n += 1
        runs.append((n, i))
    if not runs:
        return None
    best = max(runs)
    if sum(1 for r in runs if r[0] == best[0]) > 1:
        return Located([], [], "原文在该页出现多处，未标注")
    n, i = best
    if n < len(q):      # a quote running on to the next page stops at the page's last lines (its foot)
        lines = pt.lines()
        last = next(k for k, (lo, hi) in enumerate(lines) if lo <= i + n - 1 < hi)
        if last < len(lines) - 3:
            return Located([], [], "页面文字与所引原文不一致，未标注")
    return Located([(i, i + n)], [])


def locate_row(pt: _PageText, quote: str) -> Located | None:
    """A table row: the one visual line holding every cell of the quote in order."""
    cells = [_WS_RE.sub("", _norm(c)) for c in quote.split("\t")]
    cells = [c for c in cells if c]
    if not cells:
        return None
    name_len = 6
    hits = []
    for lo, hi in pt.lines():
        pos, ok = lo, True
        for c in cells:
            need = c if any(ch.isdigit() for ch in c) else c[:name_len]   # a long name may wrap
            j = pt.text.find(need, pos, hi)
            if j < 0:
                ok = False
                break
            pos = j + len(need)
        if ok:
            hits.append((lo, hi))
    if len(hits) != 1:
        return Located([], [], "该行在页面上出现多处，未标注") if hits else None
    return Located(hits, [])


def locate(pt: _PageText, quote: str, wanted: list[str]) -> Located | None:
    loc = locate_row(pt, quote) if "\t" in quote else locate_sentence(pt, quote)
    if loc is None and "\t" not in quote:
        loc = locate_row(pt, quote)
    if loc is None or not loc.spans:
        return loc
    loc.figures = _figures_in(pt, loc.spans, wanted)
    return loc


# ---------------------------------------------------------------- rendering

@dataclass(frozen=True)
class Panel:
    key: str                  # "<finding index>-<panel index>": names the crop in a URL
    label: str                # 2025年预算 第 13 页
    image: bytes | None      # JPEG
    note: str = ""            # why nothing is boxed, when so
    boxed: int = 0            # how many figures are boxed

    @property
    def data_uri(self) -> str:
        return "data:image/jpeg;base64," + base64.b64encode(self.image).decode("ascii") if self.image else ""


@dataclass(frozen=True)
class Evidence:
    panels: tuple[Panel, ...]


def panels(memo) -> dict[str, Panel]:
    """Every crop of a memo (render.memo.Memo) by its key."""
    return {p.key: p for v in memo.all_findings if v.evidence for p in v.evidence.panels if p.image}


SCHEME = "evidence:"


def fetcher(memo):
    """A weasyprint url fetcher serving the memo's crops from `evidence:<key>` URLs (a crop given as a
    data URI would be tokenised character by character by the HTML parser: seconds for a memo)."""
    import weasyprint

    crops = panels(memo)

    def crop(url: str):
        p = crops.get(url[len(SCHEME):]) if url.startswith(SCHEME) else None
        return p.image if p is not None else None

    if hasattr(weasyprint, "URLFetcher"):          # weasyprint >= 68: a URLFetcher subclass
        from weasyprint.urls import URLFetcherResponse

        class Fetcher(weasyprint.URLFetcher):
            def fetch(self, url, headers=None):
                data = crop(url)
                if data is None:
                    return super().fetch(url, headers)
                return URLFetcherResponse(url, data, {"Content-Type": "image/jpeg"})
        return Fetcher()

    def fetch(url: str, *args, **kwargs):            # older weasyprint: a function returning a dict
        data = crop(url)
        if data is None:
            return weasyprint.default_url_fetcher(url, *args, **kwargs)
        return {"string": data, "mime_type": "image/jpeg"}
    return fetch


def _union(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _crop(page, pt: _PageText, loc: Located, colour) -> bytes:
    from PIL import Image, ImageChops, ImageDraw

    quote_boxes = [pt.boxes[k] for lo, hi in loc.spans for k in range(lo, hi)]
    fig_boxes = [_union(pt.boxes[lo:hi]) for lo, hi in loc.figures]
    focus = _union(fig_boxes) if fig_boxes else _union(quote_boxes)
    _qx0, qtop, _qx1, qbottom = _union(quote_boxes)
    top, bottom = qtop - MARGIN, qbottom + MARGIN
    if bottom - top > MAX_HEIGHT:          # keep the figures' surroundings of a long quote
        mid = (focus[1] + focus[3]) / 2
        top, bottom = mid - MAX_HEIGHT / 2, mid + MAX_HEIGHT / 2
    for lo, hi in pt.lines():          # never cut through a line of text: take it whole
        ltop, lbottom = min(b[1] for b in pt.boxes[lo:hi]), max(b[3] for b in pt.boxes[lo:hi])
        if ltop < top < lbottom:
            top = ltop - 2
        if ltop < bottom < lbottom:
            bottom = lbottom + 2
    top, bottom = max(0.0, top), min(pt.height, bottom)
    xs = [b[0] for b in pt.boxes] + [b[2] for b in pt.boxes]
    left, right = max(0.0, min(xs) - SIDE), min(pt.width, max(xs) + SIDE)
    if right - left > MAX_WIDTH:           # a wide page (landscape tables): a window around the figures
        mid = (focus[0] + focus[2]) / 2
        left = min(max(left, mid - MAX_WIDTH / 2), right - MAX_WIDTH)
        right = left + MAX_WIDTH
    scale = DPI / 72
    bitmap = page.render(scale=scale, crop=(left, pt.height - bottom, pt.width - right, top))
    img = bitmap.to_pil().convert("RGB")
    bitmap.close()

    def px(b, pad=1.5):
        return ((b[0] - left - pad) * scale, (b[1] - top - pad) * scale,
                (b[2] - left + pad) * scale, (b[3] - top + pad) * scale)

    for lo, hi in loc.spans:          # the quote, shaded line by line (multiplied: the print stays black)
        for a, b in _runs(pt.boxes, lo, hi):
            x0, y0, x1, y1 = (round(v) for v in px(_union(pt.boxes[a:b]), 0.5))
            x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, img.width), min(y1, img.height)
            if x1 > x0 and y1 > y0:
                region = img.crop((x0, y0, x1, y1))
                img.paste(ImageChops.multiply(region, Image.new("RGB", region.size, QUOTE)), (x0, y0))
    draw = ImageDraw.Draw(img)
    for b in fig_boxes:
        draw.rectangle(px(b, 2.0), outline=colour, width=max(2, round(scale)))
    buf = io.BytesIO()
    # JPEG: weasyprint embeds it as it is (a PNG is decoded and compressed again)
    img.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0)
    return buf.getvalue()


class _Pages:
    """Documents opened once, pages' characters read once, while the evidence of a report is made."""

    def __init__(self):
        self.docs: dict[str, object] = {}
        self.texts: dict[tuple[str, int], tuple[object, _PageText]] = {}

    def get(self, path: str, number: int):
        import pypdfium2 as pdfium

        key = (path, number)
        if key not in self.texts:
            if path not in self.docs:
                self.docs[path] = pdfium.PdfDocument(path)
            doc = self.docs[path]
            if not 1 <= number <= len(doc):
                return None
            page = doc[number - 1]
            self.texts[key] = (page, page_text(page))
        return self.texts[key]

    def close(self):
        for page, _pt in self.texts.values():
            page.close()
        for d in self.docs.values():
            d.close()


def _panel(key: str, pages: _Pages, doc: Document | None, label: str, number: int | None, quote: str,
           wanted: list[str], colour) -> Panel | None:
    if doc is None or number is None or not quote:
        return None
    where = f"{label} 第 {number} 页"
    path, in_file = doc.locate(number)       # a document of several files: the file holding the page
    try:
        got = pages.get(path, in_file)
    except Exception as e:       # the file is gone or pdfium cannot open it: say so, never fail the memo
        return Panel(key, where, None, f"原页面无法显示（{type(e).__name__}）")
    if got is None:
        return Panel(key, where, None, "原页面不存在")
    page, pt = got
    loc = locate(pt, quote, wanted)
    if loc is None:
        return Panel(key, where, None, "未能在原页面上找到所引原文")
    if not loc.spans:
        return Panel(key, where, None, loc.note)
    note = "" if loc.figures else "原文已标出，所列数字未能单独定位"
    return Panel(key, where, _crop(page, pt, loc, colour), note, len(loc.figures))


def counterpart(doc: Document, f: Finding) -> tuple[int, str, list[str]] | None:
    """A table row of `doc` with the finding's code that prints the recomputed figure (every such row
    prints the same figure; the 一般公共预算支出表's is shown when it is one of them)."""
    want = tokens(f.expected, first=True)
    if not f.code or not want:
        return None
    from ..checks.sums import row_quote

    for t in sorted(doc.tables, key=lambda t: t.kind != "gpb_expense"):    # the 一般公共预算支出表 first
        for r in t.rows:
            if r.code == f.code and any(v is not None and v.text == want[0] for v in r.values):
                return r.page, row_quote(t, r), [want[0]]
    return None


def evidence_for(report: Report, f: Finding, pages: _Pages, labels: dict[str, str], key: str = "0") -> Evidence:
    doc = report.old if f.doc == "old" else report.new
    panels = [_panel(f"{key}-0", pages, doc, labels.get(f.doc, ""), f.page, f.quote, tokens(f.stated), STATED)]
    if f.other_quote and report.old is not None:
        panels.append(_panel(f"{key}-1", pages, report.old, labels.get("old", ""), f.other_page, f.other_quote,
                             tokens(f.expected, first=True), OTHER))
    elif doc is not None and f.page is not None and "\t" not in f.quote:
        other = counterpart(doc, f)
        if other is not None:
            panels.append(_panel(f"{key}-1", pages, doc, labels.get(f.doc, ""), other[0], other[1], other[2], OTHER))
    return Evidence(tuple(p for p in panels if p is not None))


# PDFium is not thread-safe: one report's evidence at a time in a process (the web page's jobs are threads)
_PDFIUM = threading.Lock()


def report_evidence(report: Report, labels: dict[str, str], severities=SHOWN) -> dict[int, Evidence]:
    """Evidence of every finding of the given severities, keyed by the finding's index in report.findings."""
    with _PDFIUM:
        return _report_evidence(report, labels, severities)


def _report_evidence(report: Report, labels: dict[str, str], severities) -> dict[int, Evidence]:
    pages = _Pages()
    try:
        return {i: evidence_for(report, f, pages, labels, str(i)) for i, f in enumerate(report.findings)
                if f.severity in severities and f.page is not None}
    finally:
        pages.close()


__all__ = ["Evidence", "Panel", "panels", "fetcher", "report_evidence", "evidence_for", "tokens", "locate", "page_text", "counterpart"]
