"""The same 决算 quantity printed in two 决算 tables (the table checks of the 决算 templates):
收入支出决算总表 本年收入合计 = 收入决算表 合计; 本年支出合计 = 支出决算表 合计; 财政拨款收入支出决算总表 本年支出合计
(一般公共预算财政拨款) = 一般公共预算财政拨款支出决算表 合计 决算数; its 基本支出 = 一般公共预算财政拨款基本支出决算表 合计;
财政拨款收入支出决算总表 本年支出合计 (政府性基金预算财政拨款) = 政府性基金预算财政拨款收入支出决算表 合计 本年支出.
Only 决算 columns are read (never 年初预算数, never 行次); a quantity one table does not print is not compared."""
from __future__ import annotations

import re

from ..core import Document, Table, figure_column, is_budget_figure_column, is_index_column
from ..results import Finding
from ..names import squash
from .crosstable import Cell, compare
from .final_accounts import side_rows

_INCOME_SUM = r"^本年收入(?:合计|小计)$"
_SPENDING_SUM = r"^本年支出(?:合计|小计)$"


def _side_cell(t: Table | None, side: int, label: str, leaf: str = "") -> Cell | None:
    """The figure of the row labelled so on one side of a two-sided 总表, in its first figure column or the
    column of that side whose leaf is `leaf`."""
    if t is None:
        return None
    sides = side_rows(t)
    if sides is None:
        return None
    rows = [r for r in sides[side] if re.search(label, squash(r.name))]
    heads = list(dict.fromkeys(c.path[0] if c.path else "" for c in t.columns))
    if len(rows) != 1 or len(heads) != 2:
        return None
    cols = [j for j, c in enumerate(t.columns) if (c.path[0] if c.path else "") == heads[side] and not is_index_column(c)]
    if leaf:
        cols = [j for j in cols if squash(t.columns[j].leaf) == leaf]
    if not cols:
        return None
    return Cell(t, rows[0], cols[0], f"{rows[0].name} {t.columns[cols[0]].leaf}")


def _total_cell(t: Table | None, leaf: str = "", under: str = "") -> Cell | None:
    """The 合计 row's 决算 figure (its first 决算 column, or the one with this leaf under this group)."""
    if t is None:
        return None
    rows = [r for r in t.rows if not r.code and squash(r.name) in ("合计", "总计")]
    if len(rows) != 1:
        return None
    if leaf:
        cols = [j for j, c in enumerate(t.columns) if squash(c.leaf) == leaf and not is_budget_figure_column(c)
                and not is_index_column(c) and (not under or any(under in p for p in c.path[:-1]))]
        j = cols[0] if len(cols) == 1 else None
    else:
        j = figure_column(t, "合计")
    if j is None:
        return None
    return Cell(t, rows[0], j, f"合计 {t.columns[j].label}")


def check_final_crosstable(doc: Document, role: str) -> list[Finding]:
    if doc.kind != "决算":
        return []
    ov, fo = doc.table("final_overview"), doc.table("final_fiscal_overview")
    gpb, fund = doc.table("final_gpb_expense"), doc.table("final_fund")
    pairs = [
        (_side_cell(ov, 0, _INCOME_SUM), _total_cell(doc.table("final_income")), "本年收入合计"),
        (_side_cell(ov, 1, _SPENDING_SUM), _total_cell(doc.table("final_expense")), "本年支出合计"),
        (_side_cell(fo, 1, _SPENDING_SUM, "一般公共预算财政拨款"), _total_cell(gpb), "一般公共预算财政拨款支出合计"),
        (_total_cell(gpb, "基本支出"), _total_cell(doc.table("final_gpb_basic")), "一般公共预算财政拨款基本支出合计"),
        (_side_cell(fo, 1, _SPENDING_SUM, "政府性基金预算财政拨款"), _total_cell(fund, "小计", "本年支出"),
         "政府性基金预算财政拨款支出合计"),
    ]
    out: list[Finding] = []
    for a, b, item in pairs:
        if a is not None and b is not None:
            out += compare(a, b, role, item)
    return out
