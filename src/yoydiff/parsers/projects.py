"""Projects: the rows of the project table (表7 一般公共预算项目支出情况表) and the project
descriptions of the narrative (七: 项目名称 / 预算安排规模 / 承担单位 / …, or a ruled list with
序号 / 项目名称 / 项目单位 / 功能科目 / 预算金额 inside the narrative), joined into one record each.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from ..core import Project, Table
from ..numbers import Amount
from ..pdf import Page, SPACE_GAP
from . import phrases as ph
from .narrative import PROJECT_START_RE, paragraphs, rule_bands

SECRET_RE = re.compile(r"特定目标\s*(?P<code>[0-9A-Z]{8})")
NOT_DISCLOSED = "完全不予公开"
_LABELS = (("basis", r"(?:设立的)?政策依据"), ("scale", r"预算安排规模|预算金额|项目金额"),
           ("unit", r"(?:项目)?(?:承担|实施)单位|项目单位"), ("allocation", r"资金分配情况"),
           ("period", r"(?:资金)?执行时间|实施期限"))
_LABEL_RE = re.compile(r"^\s*(?P<label>" + "|".join(f"(?:{p})" for _, p in _LABELS) + r")\s*[:：]\s*(?P<value>.*)$", re.S)
_OTHER_LABEL_RE = re.compile(r"^\s*(?P<label>[^\s：:，。；、]{2,10})\s*[:：]\s*(?P<value>.+)$", re.S)
_HEADERS = {"name": r"项目名称", "unit": r"项目单位|单位名称|实施单位|承担单位",
            "code": r"(?:支出)?(?:功能(?:分类)?)?科目(?:编码|代码)?",
            "amount": r"(?:预算)?金额|预算数|预算安排(?:数|金额)?", "seq": r"序号"}
_HEADER_UNIT_RE = re.compile(r"[（(]\s*(?P<unit>亿元|万元|元)\s*[)）]$")   # 金额（万元）
JOIN_FUZZY = 85


def norm_project_name(name: str) -> str:
    t = ph.fold(name).translate(str.maketrans("()[]【】〔〕", "（）（）（）（）"))
    return re.sub(r"\s", "", t)


def _secret(name: str, *texts: str) -> tuple[bool, str]:
    m = SECRET_RE.search(ph.fold(name))
    return bool(m) or any(NOT_DISCLOSED in t for t in texts), m.group("code") if m else ""


# ---------------------------------------------------------------- from the project table

def table_projects(tables: tuple[Table, ...]) -> list[Project]:
    out = []
    for t in tables:
        if t.kind != "gpb_project":
            continue
        i = t.column_index("项目支出合计")
        for r in t.rows:
            if not r.project or all(v is None for v in r.values):
                continue                      # no figures: not a project row (e.g. a wrapped name's tail)
            amount = r.values[i] if i is not None else next((v for v in r.values if v is not None), None)
            secret, target = _secret(r.project)
            out.append(Project(r.project, r.group, r.code, amount, r.page, secret, target, "table"))
    return out


# ---------------------------------------------------------------- from the narrative blocks (七)

@dataclass
class _Block:
    name: str
    page: int
    fields: dict


def narrative_blocks(pages: list[Page], regions: dict) -> list[Project]:
    blocks: list[_Block] = []
    for par in paragraphs(pages, regions):
        text = par.text
        start = PROJECT_START_RE.match(text)
        if start:
            blocks.append(_Block(text[start.end():].strip(), par.page_at(0), {}))
            continue
        if not blocks:
            continue
        m = _LABEL_RE.match(text)
        if m:
            key = next(k for k, p in _LABELS if re.fullmatch(p, m.group("label")))
            blocks[-1].fields.setdefault(key, m.group("value").strip())
        elif ph.HEADING_RE.match(text):
            blocks.append(_Block("", 0, {}))    # the block list ended; later labels are not projects
        elif blocks[-1].name and (o := _OTHER_LABEL_RE.match(text)):
            blocks[-1].fields.setdefault("details", []).append((o.group("label"), o.group("value").strip()))
    out = []
    for b in blocks:
        if not b.name:
            continue
        f = b.fields
        scale = f.get("scale", "")
        m = ph.MONEY_RE.search(ph.fold(scale))
        amount = Amount.parse(ph.clean_number(m.group("num")), ph.money_unit(m.group("unit"))) if m else None
        secret, target = _secret(b.name, f.get("basis", ""), f.get("allocation", ""))
        out.append(Project(b.name, f.get("unit", ""), "", amount, b.page, secret, target, "narrative",
                           scale=scale, allocation=f.get("allocation", ""), period=f.get("period", ""),
                           basis=f.get("basis", ""), narrative_page=b.page,
                           details=tuple(f.get("details", ()))))
    return out


# ---------------------------------------------------------------- a ruled project list inside the narrative

def _cell_text(words) -> str:
    words = sorted(words, key=lambda w: (round(w.top), w.x0))
    out, prev = "", None
    for w in words:
        if prev is not None and abs(w.top - prev.top) < 2 and w.x0 - prev.x1 > SPACE_GAP * w.size:
            out += " "
        out += w.text
        prev = w
    return out


def _spans(words) -> list[list[float]]:
    """Horizontal extents of the words, overlapping ones merged, left to right."""
    spans: list[list[float]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if spans and w.x0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], w.x1)
        else:
            spans.append([w.x0, w.x1])
    return spans


def _header_columns(page: Page, ys: list[int]) -> list[float]:
    """Column edges of a grid without vertical rules, in the gaps no word crosses.

    The header row tells how many columns there are (a header cell wrapped over two lines is one);
    when the words of all rows leave as many gaps, the edges are in those gaps (centred headers sit
    off their left-aligned cells), otherwise in the gaps between the header's words."""
    head = _spans(w for w in page.words if ys[0] <= w.ymid < ys[1])
    body = _spans(w for w in page.words if ys[0] <= w.ymid < ys[-1])
    spans = body if len(body) == len(head) else head
    inner = [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:])]
    return [0.0] + inner + [page.width] if inner else []


def _grid(page: Page, top: float, bottom: float, edges: tuple[float, ...] = ()) -> list[list[str]]:
    """Cell texts of the ruled grid between top and bottom (rows by horizontal rules, columns by vertical
    rules, or by the header's words where the grid has horizontal rules only); `edges` are row edges
    no rule draws (where a page break cut the grid)."""
    ys = sorted({round(r.top) for r in page.hrules if top <= r.top <= bottom} | {round(e) for e in edges})
    xs = sorted({round(r.x0) for r in page.vrules if r.bottom > top and r.top < bottom})
    xs = [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] > 3]
    if len(ys) >= 2 and len(xs) < 3:
        xs = _header_columns(page, ys)
    if len(ys) < 2 or len(xs) < 3:
        return []
    cells: dict[tuple[int, int], list] = {}
    for w in page.words:
        if not top <= w.ymid <= bottom:
            continue
        r = next((i for i in range(len(ys) - 1) if ys[i] <= w.ymid < ys[i + 1]), None)
        c = next((i for i in range(len(xs) - 1) if xs[i] <= w.xmid < xs[i + 1]), None)
        if r is not None and c is not None:
            cells.setdefault((r, c), []).append(w)
    return [[_cell_text(cells.get((r, c), ())) for c in range(len(xs) - 1)] for r in range(len(ys) - 1)]


def _header(cells: list[str]) -> tuple[dict, str]:
    """Column of each known header and the unit a header names (金额（元）); 万元 when none."""
    head = [re.sub(r"\s", "", c) for c in cells]
    unit = next((m.group("unit") for h in head if (m := _HEADER_UNIT_RE.search(h))), "万元")
    head = [_HEADER_UNIT_RE.sub("", h) for h in head]
    cols = {k: next((i for i, h in enumerate(head) if re.fullmatch(f"(?:{p})", h)), None) for k, p in _HEADERS.items()}
    return cols, unit


@dataclass(frozen=True)
class _List:
    page: Page
    top: float
    bottom: float
    rows: list
    cols: dict
    unit: str
    header: bool                # the first row is the header row
    continues: bool             # the list of the previous page runs on here
    last: bool                  # the last ruled band of its page


def _inside(band: tuple[float, float], regions) -> bool:
    """Whether a ruled band lies in a region the table reader took as a titled table."""
    top, bottom = band
    return any(min(bottom, b) - max(top, a) > 0.5 * (bottom - top) for a, b in regions)


def _lists(pages: list[Page], regions: dict | None = None) -> list[_List]:
    """The ruled project lists. A list runs on when the first band of the next page has as many columns,
    with its header row repeated or without it. A band inside a titled table (收入预算总表 has 项目名称 and
    金额 columns too) is that table's, never a project list."""
    out: list[_List] = []
    regions = regions or {}
    for page in pages:
        bands = rule_bands(page)
        for b, (top, bottom) in enumerate(bands):
            if _inside((top, bottom), regions.get(page.number, ())):
                continue
            rows = _grid(page, top, bottom)
            if not rows:
                continue
            cols, unit = _header(rows[0])
            prev = out[-1] if out else None
            header = cols["name"] is not None and cols["amount"] is not None
            continues = (b == 0 and prev is not None and prev.last and prev.page.number == page.number - 1
                         and len(prev.rows[0]) == len(rows[0]))
            if header or continues:
                if not header:
                    cols, unit = prev.cols, prev.unit
                out.append(_List(page, top, bottom, rows, cols, unit, header, continues, b == len(bands) - 1))
    return out


def _text_edge(page: Page, above: float | None = None, below: float | None = None) -> float | None:
    """The bottom of the last text line above `above` / the top of the first below `below` (footers aside)."""
    lines = [ln for ln in page.lines if not ph.FOOTER_RE.match(ln.text)]
    if above is not None:
        ys = [ln.top for ln in lines if ln.top < above]
        return min(ys) - 1 if ys else None
    ys = [ln.bottom for ln in lines if ln.top > below]
    return max(ys) + 1 if ys else None


def list_projects(pages: list[Page], regions: dict | None = None) -> list[Project]:
    """Projects of ruled lists with a 项目名称 and an amount column. A list may run on over a page,
    with or without its header row; the page break may cut its last row, whose rules are then not drawn: the
    words between the last rule and the foot of the page, and above the first rule of the next page,
    are that row. The row's part on the next page (no amount there: the rest of its name, code or unit)
    is joined to it cell by cell."""
    lists = _lists(pages, regions)
    out: list[Project] = []
    carried = None             # the last row of the previous page: (cells, page)
    for i, lst in enumerate(lists):
        nxt = lists[i + 1] if i + 1 < len(lists) else None
        runs_on = nxt is not None and nxt.continues
        edges = []
        if runs_on and (e := _text_edge(lst.page, below=lst.bottom)) is not None:
            edges.append(e)
        if not lst.header and (e := _text_edge(lst.page, above=lst.top)) is not None:
            edges.append(e)
        rows = _grid(lst.page, min(edges + [lst.top]), max(edges + [lst.bottom]), tuple(edges)) if edges else lst.rows
        cols, unit = lst.cols, lst.unit
        body = [(cells, lst.page.number) for cells in (rows[1:] if lst.header else rows)]
        if carried is not None and lst.continues:
            head = body[0][0] if body else None
            if head is not None and (cols["amount"] >= len(head) or not head[cols["amount"]].strip()):
                first = body.pop(0)[0]
                carried = ([a.rstrip() + b.strip() for a, b in zip(carried[0], first)], carried[1])
            body.insert(0, carried)
        carried = body.pop() if runs_on and body else None
        for cells, page in body:
            name = cells[cols["name"]].strip() if cols["name"] < len(cells) else ""
            if name and not re.fullmatch(r"合\s*计|总\s*计", name):
                out.append(_listed(name, (cells, page), cols, unit))
    return out


def _listed(name: str, row: tuple[list[str], int], cols: dict, unit: str) -> Project:
    cells, page = row
    width = 1 + max(i for i in cols.values() if isinstance(i, int))
    cells = list(cells) + [""] * (width - len(cells))       # a row cut short has blank cells at its end
    code_cell = cells[cols["code"]] if cols["code"] is not None else ""
    code = re.match(r"\s*(\d{7}|\d{5}|\d{3})(?!\d)", code_cell)
    amount = Amount.parse(cells[cols["amount"]].replace(" ", ""), unit)
    secret, target = _secret(name)
    return Project(name, cells[cols["unit"]].strip() if cols["unit"] is not None else "",
                   code.group(1) if code else "", amount, page, secret, target, "narrative",
                   scale=cells[cols["amount"]].strip(), narrative_page=page)


# ---------------------------------------------------------------- joining

def _same_amount(a: Project, b: Project) -> bool:
    return a.amount is not None and b.amount is not None and a.amount.value == b.amount.value


def _score(t: Project, n: Project) -> float:
    if t.target_code or n.target_code:
        return 100.0 if t.target_code == n.target_code else 0.0
    return fuzz.ratio(norm_project_name(t.name), norm_project_name(n.name))


def join(table: list[Project], narrative: list[Project]) -> tuple[Project, ...]:
    """One record per project: exact or close names with equal amounts, the unit breaking ties."""
    used: set[int] = set()
    out = []
    for t in table:
        best, best_key = None, None
        for j, n in enumerate(narrative):
            if j in used:
                continue
            score = _score(t, n)
            same = _same_amount(t, n)
            ok = score == 100 or (score >= JOIN_FUZZY and same)
            if not ok:
                continue
            key = (same, norm_project_name(n.unit) == norm_project_name(t.unit), score)
            if best_key is None or key > best_key:
                best, best_key = j, key
        if best is None:
            out.append(t)
            continue
        used.add(best)
        n = narrative[best]
        out.append(replace(t, unit=t.unit or n.unit, code=t.code or n.code, secret=t.secret or n.secret,
                           target_code=t.target_code or n.target_code, source="both", scale=n.scale,
                           allocation=n.allocation, period=n.period, basis=n.basis, narrative_page=n.narrative_page,
                           details=n.details))
    out += [n for j, n in enumerate(narrative) if j not in used]
    return tuple(out)


def extract_projects(pages: list[Page], regions: dict, tables: tuple[Table, ...]) -> tuple[Project, ...]:
    return join(table_projects(tables), narrative_blocks(pages, regions) + list_projects(pages, regions))
