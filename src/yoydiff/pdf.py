"""PDF text with positions: characters, words, text lines and ruling lines per page.

The only module that talks to pdfminer. Pages are independent, so they are read in parallel
(one process per core). Bad input raises InputError with one clear sentence.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import bad_input

# Characters closer than this fraction of the font size belong to one word.
WORD_GAP = 0.25
# Words on one text line are joined with a space when the gap exceeds this fraction of the font size.
SPACE_GAP = 0.15
# A rectangle covering this share of the page in both directions is the page's background or frame
# (WPS paints one on every page), never a cell border.
PAGE_FRAME = 0.9


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def ymid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class TextLine:
    words: tuple[Word, ...]
    top: float
    bottom: float

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @cached_property
    def text(self) -> str:
        out = []
        prev = None
        for w in self.words:
            if prev is not None and w.x0 - prev.x1 > SPACE_GAP * max(w.size, prev.size):
                out.append(" ")
            out.append(w.text)
            prev = w
        return "".join(out)


@dataclass(frozen=True)
class Rule:
    """A ruling line segment (horizontal when y0 == y1 within tolerance)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.bottom - self.top) <= 2 and (self.x1 - self.x0) > 2

    @property
    def vertical(self) -> bool:
        return (self.x1 - self.x0) <= 2 and (self.bottom - self.top) > 2


@dataclass(frozen=True)
class Page:
    number: int          # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...]
    images: int = 0

    @cached_property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for line in self.lines for w in line.words)

    @cached_property
    def lines(self) -> tuple[TextLine, ...]:
        return _lines(self.chars)

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def hrules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.horizontal)

    @cached_property
    def vrules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.vertical)


def _lines(chars: tuple[Char, ...]) -> tuple[TextLine, ...]:
    """Group characters into text lines (by vertical overlap) and words (by horizontal gaps)."""
    visible = sorted((c for c in chars if c.text.strip()), key=lambda c: (round(c.top, 1), c.x0))
    rows: list[list[Char]] = []
    for c in visible:
        mid = (c.top + c.bottom) / 2
        for row in reversed(rows[-3:]):
            r0 = row[0]
            if abs((r0.top + r0.bottom) / 2 - mid) <= 0.35 * max(r0.size, c.size):
                row.append(c)
                break
        else:
            rows.append([c])
    out = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        words: list[Word] = []
        cur: list[Char] = []
        for c in row:
            if cur and c.x0 - cur[-1].x1 > WORD_GAP * max(c.size, cur[-1].size):
                words.append(_word(cur))
                cur = []
            cur.append(c)
        if cur:
            words.append(_word(cur))
        out.append(TextLine(tuple(words), min(w.top for w in words), max(w.bottom for w in words)))
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return tuple(out)


def _word(cs: list[Char]) -> Word:
    return Word(
        "".join(c.text for c in cs),
        cs[0].x0, cs[-1].x1,
        min(c.top for c in cs), max(c.bottom for c in cs),
        max(c.size for c in cs),
    )


def sha256_of(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _open(path: str, password: str):
    """Open with pdfminer; translate every failure into one clear InputError."""
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect, PDFEncryptionError
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException
    from pdfminer.pdfpage import PDFPage

    p = Path(path)
    if not p.exists():
        raise bad_input("not_found", path)
    if p.is_dir():
        raise bad_input("directory_pdf", path)
    with open(p, "rb") as f:
        head = f.read(1024)
    if not head:
        raise bad_input("empty", path)
    if b"%PDF-" not in head:
        raise bad_input("not_pdf", path)
    fp = open(p, "rb")
    try:
        doc = PDFDocument(PDFParser(fp), password=password)
        pages = list(PDFPage.create_pages(doc))
    except PDFPasswordIncorrect:
        fp.close()
        if password:
            raise bad_input("wrong_password", path)
        raise bad_input("needs_password", path)
    except PDFEncryptionError as e:
        fp.close()
        raise bad_input("encryption", path, e)
    except (PSException, Exception) as e:  # truncated, damaged: pdfminer raises many types
        fp.close()
        raise bad_input("damaged", path, type(e).__name__)
    if not pages:
        fp.close()
        raise bad_input("no_pages", path)
    return fp, doc, pages


def _extract_pages(path: str, password: str, indices: list[int], first: int = 1) -> list[Page]:
    """The pages at `indices` (0-based), read with one document and one font cache, numbered from
    `first` (a document read from several files numbers its pages on across the files)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage, LTLine, LTRect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

    fp, _doc, pages = _open(path, password)
    rsrc = PDFResourceManager(caching=True)
    device = PDFPageAggregator(rsrc, laparams=None)
    interp = PDFPageInterpreter(rsrc, device)
    out = []
    try:
        for i in indices:
            pg = pages[i]
            try:
                interp.process_page(pg)
            except Exception as e:  # a damaged content stream
                raise bad_input("page_unreadable", path, type(e).__name__, page=i + 1)
            layout = device.get_result()
            h = layout.height
            chars: list[Char] = []
            rules: list[Rule] = []
            images = 0

            def walk(objs):
                nonlocal images
                for o in objs:
                    if isinstance(o, LTChar):
                        # text drawn outside the page box is clipped away: not printed, not read
                        if 0 <= (o.x0 + o.x1) / 2 <= layout.width and 0 <= (o.y0 + o.y1) / 2 <= h:
                            chars.append(Char(o.get_text(), o.x0, o.x1, h - o.y1, h - o.y0, o.size))
                    elif isinstance(o, (LTLine, LTRect)) or (isinstance(o, LTCurve) and len(getattr(o, "pts", [])) <= 5):
                        x0, y0, x1, y1 = o.bbox
                        w, hh = x1 - x0, y1 - y0
                        if w >= PAGE_FRAME * layout.width and hh >= PAGE_FRAME * layout.height:
                            continue    # a page background or frame, not a table's rule
                        if y0 > h or y1 < 0 or x0 > layout.width or x1 < 0:
                            continue    # outside the page box: clipped away
                        if hh <= 2 or w <= 2:
                            rules.append(Rule(x0, h - y1, x1, h - y0))
                        elif isinstance(o, LTRect) and w > 2 and hh > 2:
                            # a cell border drawn as a rectangle: its four edges
                            rules.extend([Rule(x0, h - y1, x1, h - y1), Rule(x0, h - y0, x1, h - y0),
                                          Rule(x0, h - y1, x0, h - y0), Rule(x1, h - y1, x1, h - y0)])
                    elif isinstance(o, LTImage):
                        images += 1
                    elif isinstance(o, LTFigure):
                        walk(o)

            walk(layout)
            page = Page(i + first, layout.width, h, tuple(chars), tuple(rules), images)
            page.lines     # grouped here, in the worker, and cached with the page
            out.append(page)
    finally:
        fp.close()
    return out


def page_count(path: str, password: str = "") -> int:
    fp, _doc, pages = _open(path, password)
    fp.close()
    return len(pages)


def read_pages(path: str | os.PathLike, password: str = "", workers: int | None = None,
               first: int = 1) -> list[Page]:
    """All pages of the PDF with their characters and rules, read on all cores, numbered from `first`."""
    path = str(path)
    n = page_count(path, password)
    workers = min(workers or os.cpu_count() or 1, 4)
    if workers <= 1 or n < 8:
        pages = _extract_pages(path, password, list(range(n)), first)
    else:
        # each worker opens the document once (fonts are parsed once per worker) and takes every
        # workers-th page, which balances table-heavy and text-only parts of the document
        shares = [list(range(k, n, workers)) for k in range(workers)]
        with ProcessPoolExecutor(max_workers=workers) as ex:
            parts = ex.map(_extract_pages, [path] * workers, [password] * workers, shares, [first] * workers)
            pages = sorted((p for part in parts for p in part), key=lambda p: p.number)
    check_text_layer(path, pages)
    return pages


def check_text_layer(path: str, pages: list[Page]) -> None:
    """Refuse scanned PDFs and PDFs whose fonts have no Unicode mapping."""
    total = sum(len(p.chars) for p in pages)
    if total == 0:
        if any(p.images for p in pages):
            raise bad_input("scanned", path)
        raise bad_input("no_text", path)
    cid = sum(1 for p in pages for c in p.chars if c.text.startswith("(cid:"))
    if cid > 0.05 * total:
        raise bad_input("cid_fonts", path)
    cjk = sum(1 for p in pages for c in p.chars if "\u4e00" <= c.text <= "\u9fff")
    if cjk < 0.05 * total:
        raise bad_input("not_chinese", path)
