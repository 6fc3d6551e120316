"""PDF text with positions -> the standard tables (core.Table) and titled text tables.

A table starts at its title (titles.py; a bare "表 1" line before the title line is its number) and
only counts when a caption (编制部门 / 单位：万元) or a ruled grid follows: the table of contents and
sentences that mention a title are not tables. It runs until the next title; a following page
that opens with a caption or a grid, without a title of its own, continues it (repeated captions and
header rows are dropped, a cell split over the page break is joined to the row above).

A title of a budget table of no standard kind (政府采购预算表, 机关运行经费支出表) starts an "other"
table: it ends the table before it, whose rows never take its rows. A title wrapped over two lines
in a display type is joined; a number printed under the title (公开表一) is its number. A table
whose first page holds only its title and header (no figure) takes its columns from the body on the
next page, the header cells over them. Tables of one file never run on into the next file (the
reader calls extract_tables per file).

Rows and columns come from grid.py (strategies lattice.py / stream.py; `explain` prints them for a
page). A total letter-spaced over two cells (合 | 计) is one label; 合计 in the code column leaves
that column the code column. Column roles are read from the body: leading all-digit columns
are code parts (类/款/项), the first text column is the name, further text columns are the project
name (project table) or extras, columns of figures (or blank) are the table's value columns.

Two-sided tables (收支总表, 财政拨款收支总表: income left, expense right): a text column that
follows value columns starts a second side. Each side's rows are separate Rows: first every left row
(label like "1. 一般公共预算拨款"), then every right row ("201 一般公共服务支出" -> code "201", name
"一般公共服务支出"; "九、卫生健康支出" and "支出总计" stay labels). Table.columns holds the left
value columns then the right ones (e.g. 收入 › 预算数, 支出 › 预算数); a row's values are None in the
other side's columns, so every figure lands in the column printed above it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial
from statistics import median

from ..core import Column, Row, Table, Unparsed
from ..numbers import UNIT_CAPTION_RE, Amount, normalise_digits
from ..pdf import Page, TextLine
from ..totals import TOTAL_CELL_RE
from . import grid
from .phrases import FOOTER_RE
from .settings import SETTINGS
from .titles import Title, parse_title


@dataclass(frozen=True)
class TextTable:
    """A table whose cells are text (e.g. 绩效目标表), not a standard amount table."""

    title: str
    pages: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]   # cells as printed, joined over wraps; '' for blank
    row_pages: tuple[int, ...]


@dataclass(frozen=True)
class TableResult:
    tables: tuple[Table, ...]
    text_tables: tuple[TextTable, ...]
    unparsed: tuple[Unparsed, ...]
    regions: dict[int, tuple[tuple[float, float], ...]]
    unit: str


# a caption line between a title and its grid: 编制部门：… / 部门名称：… / 预算单位：… / 单位：万元 / （2019年度）
_CAPTION_RE = re.compile(r"^(编制(部门|单位)|(部门|单位)名称\s*[:：]|(预算)?单位\s*[:：]|部门\s*[:：]|[（(]\s*\d{4}\s*年度?\s*[）)]$)")
_HEADER_WORDS = {"类", "款", "项", "科目代码", "科目编码", "科目名称", "功能分类科目", "经济分类科目",
                 "项目", "项目名称", "单位名称", "单位编码", "序号", "预算数"}
_EMPTY_NOTE_RE = re.compile(r"空表|无数据|没有|未安排|无此|不涉及|无相关")
_CODE_CELL_RE = re.compile(r"^\d{1,9}$")
# a code printed in the name cell ("201 一般公共服务支出"); a year ("2026年…") is no code
_CODE_NAME_RE = re.compile(r"^(\d{3}|\d{5,9})(?!\d)\s*(?![年月日号])(\D.*)$")
# the start of a row of its own, never the rest of a cut cell: 其中：, 一、, 1., （一）
_ROW_START_RE = re.compile(r"^(其中|[一二三四五六七八九十]+、|\d+[.．、]\D|[（(][一二三四五六七八九十\d]+[）)])")
_DASH = {"-", "—", "--", "——", "－"}
_HEADING_RE = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", normalise_digits(text))


@dataclass
class _Start:
    page: int          # index into pages
    top: float
    title: Title
    number: str
    bottom: float = 0.0   # bottom of the title's last line (a wrapped title ends below its top line)


@dataclass
class _Segment:
    page: int          # index into pages
    top: float         # region start (title or page top)
    grid_top: float    # first line below title and captions
    bottom: float      # last line of the grid
    limit: float       # where the next title starts (or page bottom)


def _is_footer(line: TextLine) -> bool:
    return bool(FOOTER_RE.match(normalise_digits(line.text)))


def _titles(pages: list[Page]) -> list[_Start]:
    """Accepted table titles in reading order."""
    out: list[_Start] = []
    for pi, page in enumerate(pages):
        lines = page.lines
        i = 0
        while i < len(lines):
            t, lines = _title_at(lines, i)
            if t is None:
                i += 1
                continue
            top, number, j = lines[i].top, t.number, i
            if t.bare_number:
                nxt, lines = _title_at(lines, i + 1) if i + 1 < len(lines) else (None, lines)
                if nxt is None or nxt.bare_number:
                    i += 1
                    continue
                t, j = nxt, i + 1
                number = t.number or number
            elif j + 1 < len(lines) and not number:
                # the number printed under the title (收支预算总表 / 公开表一)
                after = parse_title(lines[j + 1].text)
                if after is not None and after.bare_number:
                    number, j = after.number, j + 1
            if _followed_by_table(page, lines, j, pages[pi + 1] if pi + 1 < len(pages) else None):
                out.append(_Start(pi, top, t, number, lines[j].bottom))
            i = j + 1
    return out


def _title_at(lines: tuple[TextLine, ...], i: int) -> tuple[Title | None, tuple[TextLine, ...]]:
    """The title on line i (joined with the next line when it wraps there), and the lines with the
    two halves of a wrapped title joined into one."""
    t = parse_title(lines[i].text)
    if t is None:
        t = _wrapped_title(lines, i)
        if t is not None:
            lines = lines[:i] + (_joined(lines[i], lines[i + 1]),) + lines[i + 2:]
    return t, lines


def _wrapped_title(lines: tuple[TextLine, ...], i: int) -> Title | None:
    """A title wrapped over two lines (「…支出预算」 over 「表」): the next line in the same type size
    right under it completes it."""
    if i + 1 >= len(lines) or parse_title(lines[i + 1].text) is not None:
        return None
    a, b = lines[i], lines[i + 1]
    size = median(w.size for w in a.words)
    if abs(median(w.size for w in b.words) - size) > SETTINGS.same_size * size \
            or b.top - a.bottom > SETTINGS.title_wrap_gap * size:
        return None
    # the wrapped rest is shorter than the line it ends, and neither line is a heading of its own
    if len(_norm(b.text)) >= len(_norm(a.text)) or _HEADING_RE.match(_norm(b.text)) \
            or re.match(r"^\d+[.．、]", _norm(a.text)):
        return None
    # only a display line wraps as a title: in a larger type than the page's text
    body = median(w.size for ln in lines for w in ln.words)
    if size < (1 + SETTINGS.same_size) * body:
        return None
    t = parse_title(a.text + b.text)
    return t if t is not None and not t.bare_number else None


def _joined(a: TextLine, b: TextLine) -> TextLine:
    return TextLine(a.words + b.words, a.top, b.bottom)


def _followed_by_table(page: Page, lines: tuple[TextLine, ...], j: int, next_page: Page | None = None) -> bool:
    """A caption or a ruled grid follows the title before any other title or prose; for a title at
    the foot of a page, at the top of the next page."""
    size = lines[j].words[0].size
    if next_page is not None and all(_is_footer(ln) for ln in lines[j + 1:]):
        page, lines = next_page, tuple(ln for ln in next_page.lines if not _is_footer(ln))
        bottom, following = 0.0, lines[:3]
    else:
        bottom, following = lines[j].bottom, lines[j + 1:j + 4]
    for ln in following:
        if _CAPTION_RE.match(_norm(ln.text)) or UNIT_CAPTION_RE.search(ln.text):
            return True
        if parse_title(ln.text) is not None:
            return False
    nxt = following[0].top if following else page.height
    return any(bottom < r.top < max(nxt, bottom) + 6 * size for r in page.hrules)




def _grid_bottom(page: Page, top: float, limit: float, text: bool = False) -> float:
    """Bottom of the table grid: its lowest rule (and the lines of a row cut by the page break right
    under it), else the last line before prose. A text table's cells hold sentences: without rules
    it ends at a heading or at a line in another type size than its first line."""
    # a vertical rule drawn from above the region (a cell border begun in the header) counts for
    # its part inside the region
    vr = [r for r in page.vrules if r.bottom > top + 2 and r.top < limit + 2 and r.bottom <= limit + 2]
    hr = [r for r in page.hrules if top - 2 <= r.top and r.bottom <= limit + 2]
    lines = [ln for ln in page.lines if top <= ln.top < limit and not _is_footer(ln)]
    if vr or len(hr) >= 3:
        last = max(r.bottom for r in vr) if vr else max(r.top for r in hr)
        below = [ln for ln in lines if ln.top > last]
        return _cut_row_bottom(below, last) if limit >= page.height else last
    last, size = top, None
    if text and lines:
        size = median(w.size for w in lines[0].words)
    for ln in lines:
        if ("。" in ln.text and not text) or (text and _HEADING_RE.match(_norm(ln.text))):
            break
        # below the first row with a figure, a line in another type size is the prose after the table
        if size and abs(median(w.size for w in ln.words) - size) > 0.15 * size:
            break
        if size is None and any(grid.is_numeric(w.text) for w in ln.words):
            size = median(w.size for w in ln.words)
        last = ln.bottom
    return last


def _cut_row_bottom(below: list[TextLine], last: float, figure: bool = True) -> float:
    """A row cut by the page break hangs under the last rule (the producer drew no rule under it):
    closely packed lines (at least one with a figure unless the next page is known to continue the
    table), and nothing else down to the page foot."""
    bottom = last
    for ln in below:
        if ln.top - bottom > 1.2 * ln.words[0].size or "。" in ln.text or _norm(ln.text).startswith("注"):
            return last
        bottom = ln.bottom
    return bottom if not figure or any(grid.is_numeric(w.text) for ln in below for w in ln.words) else last


def _segments(pages: list[Page], starts: list[_Start], k: int) -> list[_Segment]:
    st = starts[k]
    nxt = starts[k + 1] if k + 1 < len(starts) else None
    segs: list[_Segment] = []
    head: set[str] = set()
    pi, top = st.page, st.top
    while pi < len(pages):
        page = pages[pi]
        limit = nxt.top if nxt and nxt.page == pi else page.height
        body = [ln for ln in page.lines if top <= ln.top < limit and not _is_footer(ln)
                and not (pi == st.page and ln.top < st.bottom)]
        skip = 0
        for ln in body:
            if parse_title(ln.text) is not None or _CAPTION_RE.match(_norm(ln.text)) or UNIT_CAPTION_RE.search(ln.text):
                skip += 1
            else:
                break
        if skip >= len(body):
            # a title and its captions at the foot of a page: the grid starts on the next page
            if segs or limit < page.height or pi + 1 >= len(pages) or _title_first(pages[pi + 1], nxt, pi + 1):
                break
            pi, top = pi + 1, 0.0
            continue
        gtop = body[skip].top - 0.5
        bottom = _grid_bottom(page, gtop, limit, st.title.kind == "performance")
        if not head:
            head = _header_lines(page, gtop, bottom)
        after = [ln for ln in body if ln.top > bottom + 1]
        opens = not (nxt and nxt.page == pi) and pi + 1 < len(pages) and _continues(pages[pi + 1], nxt, pi + 1, head)
        if not opens and st.title.kind == "performance" and not (nxt and nxt.page == pi) and pi + 1 < len(pages):
            opens = not after and _same_size_text(page, gtop, pages[pi + 1], nxt, pi + 1)
        if after and opens:
            # the rest of a row cut by the page break, without a figure and without a rule under it
            bottom = _cut_row_bottom(after, bottom, figure=False)
            after = [ln for ln in after if ln.top > bottom + 1]
        segs.append(_Segment(pi, top, gtop, bottom, limit))
        if after or not opens:
            break
        pi, top = pi + 1, 0.0
    return segs


def _continues(page: Page, nxt: _Start | None, pi: int, head: set[str]) -> bool:
    """The page continues the table: it opens with a caption, inside a grid or with the repeated
    header, with no title first."""
    first = next((ln for ln in page.lines if not _is_footer(ln)), None)
    if first is None or _title_first(page, nxt, pi):
        return False
    return bool(_CAPTION_RE.match(_norm(first.text)) or UNIT_CAPTION_RE.search(first.text) or any(
        r.top <= first.top <= r.bottom for r in page.vrules) or _norm(first.text) in head)


def _same_size_text(page: Page, top: float, npage: Page, nxt: _Start | None, pi: int) -> bool:
    """A text table without rules runs on: the next page opens, with no title, in the table's type size."""
    first = next((ln for ln in page.lines if ln.top >= top and not _is_footer(ln)), None)
    nfirst = next((ln for ln in npage.lines if not _is_footer(ln)), None)
    if first is None or nfirst is None or _title_first(npage, nxt, pi) or _HEADING_RE.match(_norm(nfirst.text)):
        return False
    a, b = median(w.size for w in first.words), median(w.size for w in nfirst.words)
    return abs(a - b) <= 0.15 * a


def _title_first(page: Page, nxt: _Start | None, pi: int) -> bool:
    """The next table's title is the first line of the page."""
    first = next((ln for ln in page.lines if not _is_footer(ln)), None)
    return first is None or bool(nxt and nxt.page == pi and nxt.top <= first.top + 1)


def _header_lines(page: Page, top: float, bottom: float) -> set[str]:
    """Texts of the lines above the first line with a figure: the header a continuation page repeats."""
    out = set()
    for ln in page.lines:
        if top <= ln.top <= bottom:
            if any(grid.is_numeric(w.text) for w in ln.words):
                break
            out.add(_norm(ln.text))
    return out


def _body_start(bands, cells, first_page: bool = True, continued: bool = False) -> int:
    """Index of the first body band: header bands hold header words or text in value columns; on a
    table's first page also bands with text only in columns where the body has none (the rest of a
    header cell wrapped in a narrow column; a continuation page's repeated header is already cut)."""
    def numeric(c: str) -> bool:
        return bool(c) and (grid.is_numeric(c) or c in _DASH)

    first = next((i for i, row in enumerate(cells) if any(numeric(c) for c in row)), len(cells))
    if continued and first == len(cells):
        return first      # no figure on a page the table runs on from: its title and header only
    valued = {j for row in cells[first:] for j, c in enumerate(row) if numeric(c) and not _CODE_CELL_RE.match(c)}
    # a band with text only where the body has none is no row (the rest of a wrapped header cell)
    texty = {j for row in cells[first:] for j, c in enumerate(row) if c and not numeric(c)}
    i = first
    while i > 0:
        row = cells[i - 1]
        if any(_norm(c) in _HEADER_WORDS for c in row) or any(c and j in valued for j, c in enumerate(row)) \
                or (first_page and texty and not any(c and j in texty for j, c in enumerate(row))):
            break
        i -= 1
    return i


def _unit(pages: list[Page], segs: list[_Segment]) -> str:
    for s in segs:
        for ln in pages[s.page].lines:
            if s.top <= ln.top < s.grid_top + 1:
                m = UNIT_CAPTION_RE.search(normalise_digits(ln.text))
                if m:
                    return m.group(1)
    return ""


def _empty_note(pages: list[Page], seg: _Segment) -> str:
    page = pages[seg.page]
    text = ""
    for ln in page.lines:
        if seg.bottom + 1 < ln.top < seg.limit and not _is_footer(ln):
            text += ln.text
            if text.rstrip().endswith("。"):
                break
    return text.strip() if _EMPTY_NOTE_RE.search(text) else ""


_NUMBERING_LABEL_RE = re.compile(r"^(?:栏次|行次|栏号)$")


def _column_numbers(cells: list[str]) -> bool:
    """A band numbering the columns under the header (「栏次 | 1 | 2 | 3 …」 of the 决算 templates): no row."""
    filled = [_norm(c) for c in cells if c.strip()]
    if len(filled) < 3:
        return False
    label = [c for c in filled if not c.isdigit()]
    numbers = [int(c) for c in filled if c.isdigit()]
    return (len(label) <= 1 and all(_NUMBERING_LABEL_RE.match(c) for c in label) and bool(label)
            and numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] <= 1 + len(label))


def _collect(pages, segs):
    """Body bands (cells, page, first band of a continuation page, y range) over all segments, header paths
    of the first segment, stray words."""
    bands: list[tuple[list[str], int, bool, tuple[float, float]]] = []
    header: tuple[tuple[str, ...], ...] = ()
    stray = []
    first = None
    head: set[str] = set()
    how: list[str] = []
    for si, s in enumerate(segs):
        page = pages[s.page]
        top = _below_repeated_header(page, s, head) if first else s.grid_top
        g = grid.build(list(page.words), list(page.hrules), list(page.vrules), top, s.bottom + 0.5,
                       partial(_body_start, first_page=first is None, continued=first is None and si + 1 < len(segs)),
                       first.columns if first else (),
                       first.row_gap if first else 0.0)
        if not g.columns:
            continue
        if first is not None and not first.bands and not bands:
            # the first page held the header only (title and header at a page foot): this page's
            # body has its own columns; the header cells stand over them by their x ranges
            g = grid.build(list(page.words), list(page.hrules), list(page.vrules), top, s.bottom + 0.5,
                           partial(_body_start, first_page=False))
            header = _header_over(header, first.columns, g.columns)
            first = replace(g, header=header)
        how.append(f"p.{page.number}: {g.strategy} ({g.why})")
        if first is None:
            first, header = g, g.header
            body_top = g.bands[0][0] if g.bands else s.bottom
            head = {_norm(ln.text) for ln in page.lines if s.grid_top <= ln.top and (ln.top + ln.bottom) / 2 < body_top}
        stray += [(page.number, w) for w in g.stray]
        opens = si > 0
        for cells, band in zip(g.cells, g.bands):
            cells = _aligned(list(cells), g.columns, first.columns)
            if any(cells) and not _column_numbers(cells):
                bands.append((cells, page.number, opens, band))
                opens = False
    return bands, header, stray, "; ".join(how)


def _header_over(header, cols, new_cols) -> tuple[tuple[str, ...], ...]:
    """Header paths of `cols` given to the columns `new_cols` whose centres they cover."""
    out = []
    for a, b in new_cols:
        mid = (a + b) / 2
        j = min(range(len(cols)), key=lambda i: 0 if cols[i][0] <= mid < cols[i][1]
                else min(abs(cols[i][0] - mid), abs(cols[i][1] - mid)))
        out.append(header[j] if j < len(header) else ())
    return tuple(out)


def _below_repeated_header(page: Page, seg: _Segment, head: set[str]) -> float:
    """Top of a continuation page's rows: under the lines that repeat the first page's header."""
    top = seg.grid_top
    for ln in page.lines:
        if ln.top < seg.grid_top or _is_footer(ln):
            continue
        if _norm(ln.text) not in head:
            break
        top = ln.bottom + 0.1
    return top


def _aligned(cells: list[str], cols, first_cols) -> list[str]:
    """Cells of a continuation page placed in the columns of the table's first page."""
    if len(cols) == len(first_cols):
        return cells
    out = [""] * len(first_cols)
    for c, (a, b) in zip(cells, cols):
        mid = (a + b) / 2
        j = min(range(len(first_cols)), key=lambda i: abs((first_cols[i][0] + first_cols[i][1]) / 2 - mid))
        out[j] += c
    return out


def _join_tails(bands, roles: list[str], sides: list[int]) -> list[tuple[list[str], int, tuple]]:
    """Bands with the first band of each continuation page joined to the row above when it is the
    rest of a row cut by the page break."""
    side_of = [max((k for k, s in enumerate(sides) if s <= j), default=0) for j in range(len(roles))]
    out: list[tuple[list[str], int]] = []
    for cells, pno, opens, span in bands:
        if opens and out and _is_split_tail(cells, out[-1][0], sides, side_of):
            out[-1] = ([p + c for p, c in zip(out[-1][0], cells)], out[-1][1], out[-1][2])
        else:
            out.append((cells, pno, span))
    return out


def _is_split_tail(cells: list[str], prev: list[str], sides: list[int], side_of: list[int]) -> bool:
    """A band finishes the row above: it has no figure, and each of its cells either lies on a side
    whose name is empty above although other cells of that side are filled (the producer moved the
    whole name cell to the next page) or continues a filled cell above without opening a row of
    its own (a code, 其中, 一、)."""
    filled = [j for j, c in enumerate(cells) if c]
    if not filled or any(grid.is_numeric(cells[j]) or cells[j] in _DASH for j in filled):
        return False

    def nameless(k: int) -> bool:
        return not prev[sides[k]] and any(p for i, p in enumerate(prev) if side_of[i] == k)

    def rest_of(j: int) -> bool:
        if nameless(side_of[j]):
            return True
        text = _norm(cells[j])
        return bool(prev[j]) and not _CODE_NAME_RE.match(text) and not _ROW_START_RE.match(text)

    return all(rest_of(j) for j in filled)


def _spaced_total(cells: list[str]) -> list[str]:
    """合 | 计: a total's label letter-spaced over two cells (a merged cell whose characters fall
    either side of a column boundary) is one label, in the cell its first character is in."""
    filled = [j for j, c in enumerate(cells) if c and not grid.is_numeric(c) and c not in _DASH]
    if len(filled) < 2 or filled[-1] - filled[0] != len(filled) - 1:
        return cells
    joined = _norm("".join(cells[j] for j in filled))
    if not TOTAL_CELL_RE.match(joined):
        return cells
    out = list(cells)
    for j in filled:
        out[j] = ""
    out[filled[0]] = joined
    return out


def _spanning_labels(bands, roles: list[str], sides: list[int]) -> list[tuple[list[str], int, tuple]]:
    """A label whose cell spans into the next side (当年支出小计 over the functional and economic
    sides, its figure under the economic side's 金额): the next side has figures but no label, this
    side a label but no figure. The label moves to the side its figures are on."""
    if len(sides) < 2:
        return bands
    ends = sides[1:] + [len(roles)]
    out = []
    for cells, pno, span in bands:
        cells = list(cells)
        for k in range(len(sides) - 1):
            mine = [j for j in range(sides[k], ends[k]) if roles[j] == "value"]
            theirs = [j for j in range(sides[k + 1], ends[k + 1]) if roles[j] == "value"]
            if cells[sides[k]] and not cells[sides[k + 1]] and not any(cells[j] for j in mine) \
                    and any(cells[j] for j in theirs) \
                    and not any(cells[j] for j in range(sides[k + 1], ends[k + 1]) if roles[j] == "code"):
                cells[sides[k + 1]], cells[sides[k]] = cells[sides[k]], ""
        out.append((cells, pno, span))
    return out


def _roles(bands) -> tuple[list[str], list[int]]:
    """Role of each column (code / text / value) and the start column of each side."""
    n = len(bands[0][0]) if bands else 0
    roles = []
    for j in range(n):
        vals = [b[0][j] for b in bands if b[0][j]]
        # a total's label (合计) spread over the code cells of its row leaves a code column a code column
        codes = [v for v in vals if not TOTAL_CELL_RE.match(_norm(v))]
        if codes and all(_CODE_CELL_RE.match(_norm(v)) for v in codes):
            roles.append("digits")
        elif all(grid.is_numeric(v) or v in _DASH for v in vals):
            roles.append("value")
        else:
            roles.append("text")
    sides = []
    for j, r in enumerate(roles):
        if r == "text" and (not sides or "value" in roles[sides[-1]:j]):
            sides.append(j)
    if not sides:
        sides = [0]
    # leading digit or blank columns of a side are its code parts
    out = list(roles)
    for k, s in enumerate(sides):
        j = s - 1
        lo = sides[k - 1] if k else 0
        while j >= lo and roles[j] in ("digits", "value") and (roles[j] == "digits" or not any(b[0][j] for b in bands)):
            out[j] = "code"
            j -= 1
        if k == 0:
            for jj in range(0, s):
                if out[jj] != "code" and roles[jj] in ("digits",):
                    out[jj] = "code"
    for j, r in enumerate(out):
        if r == "digits":
            out[j] = "value"
    return out, sides


def _build_table(pages, start: _Start, segs: list[_Segment], unparsed: list[Unparsed]) -> Table:
    unit = _unit(pages, segs) or "万元"
    bands, header, stray, how = _collect(pages, segs)
    for pno, w in stray:
        if any(ch.isdigit() for ch in w.text):
            unparsed.append(Unparsed(pno, w.text, "表格行列之外的数字"))
    if not bands:
        bands, header = _total_in_header(header, segs, pages)
    bands = [(_spaced_total(cells), *rest) for cells, *rest in bands]
    roles, sides = _roles(bands) if bands else ([], [0])
    bands = _join_tails(bands, roles, sides)
    bands = _spanning_labels(bands, roles, sides)
    value_cols = [j for j, r in enumerate(roles) if r == "value"]
    columns = tuple(Column(tuple(header[j]) if j < len(header) else ()) for j in value_cols)
    side_of = []
    for j in range(len(roles)):
        side_of.append(max((k for k, s in enumerate(sides) if s <= j), default=0))
    # columns before the first side's name belong to side 0
    rows: list[Row] = []
    for k, s in enumerate(sides):
        cols = [j for j in range(len(roles)) if side_of[j] == k or (k == 0 and j < s)]
        for cells, pno, span in bands:
            if not any(cells[j] for j in cols):
                continue
            code_parts = tuple(_norm(cells[j]) for j in cols if roles[j] == "code" and _CODE_CELL_RE.match(_norm(cells[j])))
            texts = [j for j in cols if roles[j] == "text"]
            name = cells[texts[0]].strip() if texts else ""
            if not name:   # 合计 printed in the code cells
                name = next((_norm(cells[j]) for j in cols if roles[j] == "code" and TOTAL_CELL_RE.match(_norm(cells[j]))), "")
            if not code_parts:
                m = _CODE_NAME_RE.match(name)
                if m:
                    code_parts, name = (m.group(1),), m.group(2).strip()
            values = []
            for j in value_cols:
                text = cells[j].strip() if j in cols else ""
                a = Amount.parse(text, unit) if text and text not in _DASH else None
                if text and a is None and text not in _DASH:
                    unparsed.append(Unparsed(pno, text, f"{start.title.title} 的单元格不是数字"))
                values.append(a)
            extras = [j for j in texts[1:]]
            project = ""
            extra: tuple[tuple[str, str], ...] = ()
            if extras and start.title.kind == "gpb_project":
                project = cells[extras[0]].strip()
                extras = extras[1:]
            extra = tuple((header[j][-1] if j < len(header) and header[j] else "", cells[j].strip())
                          for j in extras if cells[j].strip())
            rows.append(Row("".join(code_parts), code_parts, name, tuple(values), pno, project=project, extra=extra,
                            span=span))
    if start.title.kind == "gpb_project":
        rows = _grouped(rows)
    table = Table(start.title.kind, start.number, start.title.title, unit, columns, tuple(rows),
                  tuple(sorted({pages[s.page].number for s in segs})), strategy=how)
    if table.is_empty and segs:
        table = replace(table, empty_note=_empty_note(pages, segs[-1]))
    return table


def _total_in_header(header, segs, pages):
    """An empty table whose only row (合计) was drawn inside the header band: take it back out."""
    for j, path in enumerate(header):
        if len(path) >= 2 and TOTAL_CELL_RE.match(_norm(path[-1])):
            cells = ["" for _ in header]
            cells[j] = path[-1]
            header = tuple(p[:-1] if i == j else p for i, p in enumerate(header))
            return [(cells, pages[segs[0].page].number, False, ())], header
    return [], header


def _grouped(rows: list[Row], is_unit=lambda name: True) -> list[Row]:
    """A codeless row that is no total and names a budget unit opens that unit's group (the unit's
    subtotal row and the rows under it carry its name); a total closes it. In the project table
    every such row is a unit (the rows under it have codes); in the item tables (委托业务费,
    上年结转结余) items are codeless too, so `is_unit` tells units from items."""
    out, group = [], ""
    for r in rows:
        if not r.code and TOTAL_CELL_RE.match(_norm(r.name)):
            group = ""
        elif not r.code and is_unit(r.name):
            group = r.name
        out.append(replace(r, group=group))
    return out


# the name of an organisation (budget unit), optionally with its other name in brackets
_UNIT_NAME_RE = re.compile(r"(局|委员会|委|中心|院|所|站|队|办公室|办|处|馆|学校|校|厅|会|社|台|场|园|团)"
                           r"([（(][^（()）]*[）)])?$")


def _unit_names(tables: list[Table]) -> set[str]:
    """Budget units known from the project table's groups."""
    return {_norm(r.group) for t in tables if t.kind == "gpb_project" for r in t.rows if r.group}


def _item_groups(table: Table, units: set[str]) -> Table:
    """委托业务费 / 上年结转结余: rows grouped under the unit rows (units of the project table, or
    names that read as an organisation's)."""
    def is_unit(name: str) -> bool:
        n = _norm(name)
        return n in units or (bool(_UNIT_NAME_RE.search(n)) and not n.startswith(("其中", "特定目标")))

    return replace(table, rows=tuple(_grouped(list(table.rows), is_unit)))


_INDICATOR_HEAD = ("一级指标", "二级指标", "三级指标")


def _build_text_table(pages, start: _Start, segs: list[_Segment]) -> TextTable:
    """Cells of a text table, row by row. Where vertical rules are drawn, a row's cells are the
    spaces between the rules present at its height; where none are, the indicator rows take their
    columns from the header row (一级指标 二级指标 三级指标 指标值 …), kept for continuation pages.
    The first row of a continuation page that only continues cells of the row above is joined to it."""
    rows: list[tuple[str, ...]] = []
    row_pages: list[int] = []
    cols: tuple[tuple[float, float], ...] = ()
    for si, s in enumerate(segs):
        page = pages[s.page]
        words, hr, vr = list(page.words), list(page.hrules), list(page.vrules)
        parts = [(s.grid_top, s.bottom + 0.5, ())]
        if not any(s.grid_top <= (r.top + r.bottom) / 2 <= s.bottom for r in vr):
            head = next((ln for ln in page.lines if s.grid_top <= ln.top <= s.bottom
                         and all(k in _norm(ln.text) for k in _INDICATOR_HEAD)), None)
            if head:
                cols = _header_columns(head, page.width)
                parts = [(s.grid_top, head.top - 0.5, ()), (head.top - 0.5, s.bottom + 0.5, cols)]
            elif cols:
                parts = [(s.grid_top, s.bottom + 0.5, cols)]
        mine = []
        for top, bottom, columns in parts:
            if bottom > top:
                mine += _text_rows(page, words, hr, vr, top, bottom, columns)
        if si > 0 and rows and mine and _continues_cells(mine[0], rows[-1]):
            rows[-1] = tuple(p + c for p, c in zip(rows[-1], mine[0] + ("",) * len(rows[-1])))
            mine = mine[1:]
        rows += mine
        row_pages += [page.number] * len(mine)
    return TextTable(start.title.title, tuple(sorted({pages[s.page].number for s in segs})), tuple(rows),
                     tuple(row_pages))


def _text_rows(page: Page, words, hr, vr, top: float, bottom: float, columns) -> list[tuple[str, ...]]:
    g = grid.build(words, hr, vr, top, bottom, lambda bands, cells: 0, columns)
    seps = grid.rule_columns(vr, top, bottom)
    out = []
    for band, band_cells, inside in zip(g.bands, g.cells, grid.by_band(words, list(g.bands))):
        mid = (band[0] + band[1]) / 2
        present = sorted(x for x, t, b in seps if t <= mid <= b)
        if len(present) >= 2:
            cells = [grid.join_words([w for w in inside if a <= w.xmid < b]) for a, b in zip(present, present[1:])]
        else:
            cells = list(band_cells)
        if any(cells):
            out.append(tuple(c.strip() for c in cells))
    return out


def _header_columns(head: TextLine, width: float) -> tuple[tuple[float, float], ...]:
    """Columns under a header row without rules: the boundaries lie midway between its labels."""
    ws = sorted(head.words, key=lambda w: w.x0)
    edges = [0.0] + [(a.x1 + b.x0) / 2 for a, b in zip(ws, ws[1:])] + [width]
    return tuple(zip(edges, edges[1:]))


def _continues_cells(first: tuple[str, ...], prev: tuple[str, ...]) -> bool:
    """A continuation page's first row that only finishes cells of the row above (a few of them)."""
    filled = [j for j, c in enumerate(first) if c]
    above = [j for j, c in enumerate(prev) if c]
    return bool(filled) and all(j < len(prev) and prev[j] for j in filled) and 2 * len(filled) < len(above)


def extract_tables(pages: list[Page]) -> TableResult:
    starts = _titles(pages)
    tables, text_tables, unparsed = [], [], []
    regions: dict[int, list[tuple[float, float]]] = {}
    unit = ""
    for k, st in enumerate(starts):
        segs = _segments(pages, starts, k)
        if not segs:
            continue
        for s in segs:
            regions.setdefault(pages[s.page].number, []).append((s.top, s.bottom))
        if st.title.kind == "performance":
            text_tables.append(_build_text_table(pages, st, segs))
            continue
        t = _build_table(pages, st, segs, unparsed)
        if t.kind in ("entrusted", "carryover"):
            t = _item_groups(t, _unit_names(tables))
        unit = unit or t.unit
        tables.append(t)
    return TableResult(tuple(tables), tuple(text_tables), tuple(unparsed),
                       {p: tuple(v) for p, v in regions.items()}, unit)


def explain(pages: list[Page], number: int) -> list[str]:
    """What the table reader saw and did on page `number`: its rules, every table region on it,
    the strategy that read the region and why, the columns (x ranges and header paths) and the rows
    (bands and cells). Printed by `yoydiff parse --explain PAGE`."""
    page = next((p for p in pages if p.number == number), None)
    if page is None:
        return [f"page {number}: not in the document"]
    out = [f"page {number}: {page.width:.0f} × {page.height:.0f} pt, {len(page.lines)} text lines, "
           f"{len(page.hrules)} horizontal and {len(page.vrules)} vertical rule segments"]
    starts = _titles(pages)
    found = False
    for k, st in enumerate(starts):
        segs = _segments(pages, starts, k)
        for si, s in enumerate(segs):
            if pages[s.page].number != number:
                continue
            found = True
            out.append(f"table {st.number or '-'} {st.title.title} [{st.title.kind}]"
                       + (" (continued)" if si else "") + f": region y {s.grid_top:.1f}–{s.bottom:.1f}")
            if st.title.kind == "performance":
                out.append("  text table (cells are sentences): rows from rules or the 指标 header")
                continue
            g = grid.build(list(page.words), list(page.hrules), list(page.vrules), s.grid_top, s.bottom + 0.5,
                           partial(_body_start, first_page=si == 0))
            out.append(f"  strategy: {g.strategy} — {g.why}")
            for (a, b), path in zip(g.columns, g.header or [()] * len(g.columns)):
                out.append(f"  column x {a:6.1f}–{b:6.1f}  {' › '.join(path) or '(no header)'}")
            for (a, b), cells in zip(g.bands, g.cells):
                out.append(f"  row y {a:6.1f}–{b:6.1f}  " + " | ".join(cells))
            for w in g.stray:
                out.append(f"  outside every cell: {w.text!r} at x {w.x0:.1f} y {w.top:.1f}")
    if not found:
        out.append("no table region on this page (narrative, or a page no title leads to)")
    return out
