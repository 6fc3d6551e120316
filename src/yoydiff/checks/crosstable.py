"""The same quantity printed in two tables: totals (表1 = 表2 = 表3; 表4 = 表5; 表5 基本 = 表6; 表5 项目 = 表7)
and the same code row where the columns mean the same thing. Also the table look-ups other checks use."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..core import Document, Row, Table
from ..numbers import Amount, Interval
from ..results import Finding
from ..names import squash
from .rules import BLANK, BLANK_AS_ZERO, SUM_VERDICT, ZERO, amount_iv, distance, fig_iv, page_ref, printed_like, rule_text
from ..threepublic import category_label, three_public_key, whole_cell
from .sums import code_parts, table_finding


@dataclass(frozen=True)
class Cell:
    """One printed figure of a table, with where it is."""

    table: Table
    row: Row
    col: int
    what: str

    @property
    def amount(self) -> Amount | None:
        return self.row.values[self.col] if self.col < len(self.row.values) else None

    @property
    def interval(self) -> Interval:
        return ZERO if self.amount is None else self.amount.interval

    @property
    def value(self) -> Decimal:
        return Decimal(0) if self.amount is None else self.amount.value

    @property
    def text(self) -> str:
        return self.amount.text if self.amount is not None else BLANK

    @property
    def where(self) -> str:
        return f"{self.table.number or self.table.title} {self.what}（{page_ref(self.row.page)}）"

    @property
    def shown(self) -> str:
        """Where the figure is, what it is and the interval it stands for."""
        return f"{self.where}{fig_iv(self.amount) if self.amount else BLANK_AS_ZERO}"


def grand_total(t: Table) -> Row | None:
    """The table's 总计 row (the last one), else its 合计 row. A row named 总计 / 合计 alone comes first: 人员经费合计
    or 公用经费合计 is the total of a part, not of the table."""
    rows = [r for r in t.rows if not code_parts(r) and not squash(r.name).startswith("其中")]
    for word in ("总计", "合计"):
        alone = [r for r in rows if re.fullmatch(rf"{word}|(?:本年)?(?:支出)?{word}", squash(r.name)) and not r.group]
        if alone:
            return alone[-1] if word == "总计" else alone[0]
    for word in ("总计", "合计"):
        hits = [r for r in rows if word in squash(r.name) and not r.group]
        if hits:
            return hits[-1] if word == "总计" else hits[0]
    return None


def total_row(t: Table) -> Row | None:
    """The grand total row, or the one row of a table of one row (a 三公 table's figures under their headers)."""
    return grand_total(t) or (t.rows[0] if len(t.rows) == 1 else None)


def column(t: Table, *names: str, side: str = "") -> int | None:
    """The column whose leaf is one of names (exactly, spaces ignored); side restricts to a top header
    containing that word (支出 in a two-sided table)."""
    for name in names:
        for j, c in enumerate(t.columns):
            if squash(c.leaf) == squash(name) and (not side or any(side in squash(p) for p in c.path[:-1])):
                return j
    return None


def three_public_cells(t: Table | None, key: str) -> list[Cell]:
    """The 三公 table's figure of one category (three_public_key: whole, abroad, reception, vehicles, purchase,
    running), categories as rows or as the columns of one row. The whole is the 三公 subtotal (「“三公”经费 ›
    小计」, a 三公 row); the table's own 合计 only when the table lists nothing besides the 三公 items: in a
    「“三公”经费、会议费、培训费」 table 合计 holds 会议费 and 培训费 too (js-fy-2019: 合计 2,382.02, 三公 小计 513.75)."""
    if t is None:
        return []
    if key == "whole":
        return _three_public_whole(t)
    out = []
    for r in t.rows:   # categories as rows (first column)
        if r.values and three_public_key(r.name) == key:
            out.append(Cell(t, r, 0, r.name))
    if not out and len(t.rows) == 1:   # categories as columns of one row
        for j, c in enumerate(t.columns):
            if three_public_key(category_label(c)) == key:
                out.append(Cell(t, t.rows[0], j, c.label))
    return out


def _three_public_whole(t: Table) -> list[Cell]:
    at = whole_cell(t, total_row(t))
    if at is None:
        return []
    row, j = at
    return [Cell(t, row, j, row.name if j == 0 and three_public_key(row.name) == "whole" else t.columns[j].label)]


def side_total(t: Table, word: str) -> Cell | None:
    """收入总计 / 支出总计 of a two-sided table (income left, spending right)."""
    j = next((j for j, c in enumerate(t.columns) if word in squash(c.path[0] if c.path else "")), None)
    if j is None:
        j = 0 if word == "收入" else (1 if len(t.columns) > 1 else None)
    if j is None:
        return None
    for r in t.rows:
        if f"{word}总计" in squash(r.name) or any(f"{word}总计" in squash(x) for _, x in r.extra):
            c = Cell(t, r, j, f"{word}总计")
            if c.amount is not None:
                return c
    return None


def total_cell(t: Table | None, *names: str, one_row: bool = False) -> Cell | None:
    """The grand total row's figure in the named column (the first column when no name is given); with
    `one_row`, the one row of a one-row table stands for it."""
    if t is None:
        return None
    r = total_row(t) if one_row else grand_total(t)
    if r is None:
        return None
    j = column(t, *names) if names else 0
    if j is None or j >= len(t.columns):
        return None
    return Cell(t, r, j, f"{r.name} {t.columns[j].leaf}".strip())


def code_cells(t: Table | None, code: str, *names: str) -> list[Cell]:
    """The figures of the rows with this code (no project rows) in the named or first column."""
    if t is None:
        return []
    j = column(t, *names) if names else 0
    if j is None or j >= len(t.columns):      # a table read without columns has no figure to compare
        return []
    leaf = t.columns[j].leaf if j < len(t.columns) else ""    # a table read without its header
    # a row with fewer cells than the table has columns (a misread row) has no figure there
    return [Cell(t, r, j, f"{' '.join(code_parts(r))} {r.name} {leaf}".strip())
            for r in t.rows if r.code == code and code_parts(r) and not r.project
            and j < len(r.values)]


def compare(a: Cell, b: Cell, role: str, item: str) -> list[Finding]:
    """The figure of cell b against the same quantity printed in cell a."""
    if a.value == b.value or (a.amount is None and b.amount is None):
        return []
    severity = "rounding" if a.interval.meets(b.interval) else "error"
    return [table_finding("cross-table", severity, role, b.table, b.row, item, b.text, a.text,
                          rule_text(a.shown, b.shown, verdict=SUM_VERDICT[severity]),
                          distance=distance(b.value, a.value, b.amount or a.amount))]


def _chain(cells: list[Cell | None], role: str, item: str) -> list[Finding]:
    """Every figure against the first one present."""
    present = [c for c in cells if c is not None]
    out = []
    for c in present[1:]:
        out += compare(present[0], c, role, item)
    return out


def check_crosstable(doc: Document, role: str) -> list[Finding]:
    ov, inc, exp = doc.table("overview"), doc.table("income"), doc.table("expense")
    fo, gpb = doc.table("fiscal_overview"), doc.table("gpb_expense")
    basic, proj = doc.table("gpb_basic"), doc.table("gpb_project")
    out = _chain([side_total(ov, "收入") if ov else None, side_total(ov, "支出") if ov else None,
                  total_cell(inc), total_cell(exp)], role, "收入总计 / 支出总计")
    out += _chain([side_total(fo, "收入") if fo else None, side_total(fo, "支出") if fo else None],
                  role, "财政拨款收入总计 / 支出总计")
    if fo is not None and gpb is not None:
        j = column(fo, "一般公共预算", side="支出")
        r = grand_total(fo) if j is None else next((x for x in fo.rows if "支出总计" in squash(x.name)), None)
        if j is not None and r is not None:
            out += _chain([Cell(fo, r, j, "支出总计 一般公共预算"), total_cell(gpb)], role, "一般公共预算支出总计")
    out += _chain([total_cell(gpb, "基本支出", "小计") if gpb else None, total_cell(basic)], role, "一般公共预算基本支出")
    out += _chain([total_cell(gpb, "项目支出") if gpb else None, total_cell(proj)], role, "一般公共预算项目支出")
    out += _same_codes(inc, exp, role, "全部资金")
    out += _class_rows(fo, gpb, role)
    out += _projects_by_code(gpb, proj, role)
    return out


def _same_codes(a: Table | None, b: Table | None, role: str, what: str) -> list[Finding]:
    """Code rows of two tables whose first columns are both the all-funds total (表2 总计 = 表3 合计)."""
    if a is None or b is None or _grouped(a) or _grouped(b):
        return []
    out = []
    for r in a.rows:
        if not code_parts(r) or r.project:
            continue
        for c in code_cells(b, r.code):
            out += compare(Cell(a, r, 0, f"{' '.join(code_parts(r))} {r.name}"), c, role,
                           f"{' '.join(code_parts(r))} {r.name}（{what}）")
    return out


def _class_rows(fo: Table | None, gpb: Table | None, role: str) -> list[Finding]:
    """表4 一般公共预算 spending per 类 vs the 类 rows of 表5."""
    if fo is None or gpb is None:
        return []
    j = column(fo, "一般公共预算", side="支出")
    if j is None:
        return []
    out = []
    for r in fo.rows:
        if len(code_parts(r)) != 1 or r.values[j] is None:
            continue
        for c in code_cells(gpb, r.code):
            out += compare(Cell(fo, r, j, f"{r.code} {r.name} 一般公共预算"), c, role, f"{r.code} {r.name}")
    return out


def _projects_by_code(gpb: Table | None, proj: Table | None, role: str) -> list[Finding]:
    """表5 项目支出 of a 项 vs the sum of 表7's project rows with that code (all units)."""
    if gpb is None or proj is None:
        return []
    j = column(gpb, "项目支出")
    if j is None:
        return []
    sums: dict[str, list[Row]] = {}
    for r in proj.rows:
        if r.project and code_parts(r):
            sums.setdefault(r.code, []).append(r)
    out = []
    for code, rows in sums.items():
        for c in code_cells(gpb, code, "项目支出"):
            total = Interval.total(x.values[0].interval if x.values and x.values[0] else ZERO for x in rows)
            exact = sum((x.values[0].value for x in rows if x.values and x.values[0]), Decimal(0))
            if exact == c.value:
                continue
            severity = "rounding" if total.meets(c.interval) else "error"
            rule = rule_text(c.shown, f"{proj.number or proj.title} 中该科目 {len(rows)} 个项目行之和 = "
                                      f"{printed_like(exact, c.amount)} ∈ {amount_iv(total, c.amount)}",
                             verdict=SUM_VERDICT[severity])
            out.append(table_finding("cross-table", severity, role, gpb, c.row,
                                     f"{' '.join(code_parts(c.row))} {c.row.name} 项目支出", c.text,
                                     printed_like(exact, c.amount), rule,
                                     distance=distance(c.value, exact, c.amount)))
    return out


def _grouped(t: Table) -> bool:
    return any(r.group for r in t.rows)
