"""A narrative amount vs the table figure for the same item.

The candidates are the table figures the sentence can be about (the 表5 row of its code, else 表3/表2;
the grand totals of its own side for a total; the 基本/项目 column for 基本/项目支出; the column of an income
source; the 三公 table). The statement holds when it meets one of them (a different table is a different
base, not an error). Otherwise it is an error only when the candidates are one counterpart (no blank cell,
all agreeing with each other), reported against it or the one it is a digit transposition of; when they
are not, the finding is insufficient with the reason (precision first: never an error against some other
figure). Statements of another year or basis than the document's are not compared with its tables.
"""
from __future__ import annotations

import re

from ..core import Document, Statement, Table
from ..names import squash
from ..numbers import Amount
from ..parsers.phrases import fold
from ..parsers.scope import own_basis
from ..results import Finding
from .crosstable import Cell, code_cells, grand_total, side_total, three_public_cells, total_cell
from .rules import (HEDGED_NOTE, VERDICT, MISMATCH, cause_transposed, distance, fig_iv, fig_text, hedged, printed_like,
                    rule_text, statement_finding, transposed, unit_suffix)
from .counterparts import three_public_key

TOTAL_COLUMNS = {"basic": ("基本支出", "小计"), "project": ("项目支出", "项目支出合计")}


def _named_column(t: Table | None, subject: str) -> list[Cell]:
    """The grand total row's figure in the column named like the subject (exact name first)."""
    if t is None:
        return []
    r = grand_total(t)
    if r is None:
        return []
    s = squash(subject)
    exact = [j for j, c in enumerate(t.columns) if squash(c.leaf) == s]
    near = [j for j, c in enumerate(t.columns) if len(squash(c.leaf)) >= 4 and (squash(c.leaf) in s or s in squash(c.leaf))]
    return [Cell(t, r, j, f"{r.name} {t.columns[j].leaf}") for j in (exact or near)]


# A table whose title names another subject (机关运行经费, 三公, 政府采购…) holds no total of the whole budget,
# whatever kind the table reader gave it.
_OTHER_SUBJECT_RE = re.compile(r"机关运行|三公|政府采购|国有资产|绩效|委托业务")
_YEAR_RE = re.compile(r"(20\d\d)\s*年")


def _whole_budget(t: Table | None) -> Table | None:
    return None if t is None or _OTHER_SUBJECT_RE.search(squash(t.title)) else t


def _fiscal(s: Statement) -> bool:
    """The subject is the 财政拨款 / 一般公共预算 part, not all funds."""
    words = r"财政拨款|一般公共预算|当年拨款"
    return s.topic == "gpb_total" or bool(re.search(words, squash(s.subject)) or re.search(words, s.section or ""))


def _all_funds(s: Statement, fiscal: bool) -> bool:
    """The statement is printed under a heading about the whole budget (收支预算总体情况, 支出预算情况) and
    names no 财政拨款 / 一般公共预算 scope (`fiscal`, from _fiscal): its figures are of all funds."""
    return not fiscal and bool(re.search(r"收支|(?:支出|收入)(?:预算)?(?:总|情况)", s.section or ""))


def counterpart_groups(doc: Document, s: Statement) -> list[list[Cell]]:
    """The table figures the statement's amount may be, most specific group first: the 一般公共预算 table's rows
    of its code, then the other tables' (all funds); for a total, the grand total of its own side (the
    财政拨款 tables for a 财政拨款 total); for 基本/项目支出 the column total of the table of its funds; the
    income column of a source; the 三公 table's cell of its category. The first group is the counterpart."""
    gpb, exp, inc = (_whole_budget(doc.table(k)) for k in ("gpb_expense", "expense", "income"))
    fiscal = _fiscal(s)
    if s.code:
        funds = code_cells(exp, s.code) + code_cells(inc, s.code) + code_cells(_whole_budget(doc.table("overview")), s.code)
        general = code_cells(gpb, s.code)
        if not _all_funds(s, fiscal):     # a 项 paragraph: the 一般公共预算 当年拨款 by convention (README)
            return [g for g in (general, funds) if g]
        # all funds (a 收支总体 paragraph): the 一般公共预算 row may only agree, never be the counterpart
        return [funds, general] if funds or general else []
    if s.topic in ("income_total", "expense_total", "gpb_total"):
        side = "收入" if s.topic == "income_total" else "支出"
        if fiscal:
            tables, own = (doc.table("fiscal_overview"),), (gpb,) if side == "支出" else ()
        else:
            tables, own = (doc.table("overview"),), (inc,) if side == "收入" else (exp,)
        group = [c for t in tables if _whole_budget(t) is not None for c in (side_total(t, side),) if c]
        group += [c for t in own for c in (total_cell(t),) if c]
        return [group] if group else []
    if s.topic in ("basic", "project"):
        names = TOTAL_COLUMNS[s.topic]
        own = _whole_budget(doc.table("gpb_basic" if s.topic == "basic" else "gpb_project"))
        groups = [[total_cell(gpb, *names), total_cell(own)], [total_cell(exp, *names)]]
        groups = [[c for c in g if c] for g in (groups if fiscal else groups[::-1])]
        if fiscal:
            return [g for g in groups if g]
        # all funds: without the 支出总表's column the 一般公共预算 total may only agree, never be the counterpart
        return groups if any(groups) else []
    if s.topic == "income_source":
        return [g for g in (_named_column(inc, s.subject),) if g]
    if s.topic == "three_public":
        key = three_public_key(s.subject)
        return [g for g in (three_public_cells(doc.table("three_public"), key) if key else [],) if g]
    if squash(s.subject) in ("人员经费", "公用经费"):
        return [g for g in (_named_column(doc.table("gpb_basic"), s.subject),) if g]
    return []


def candidates(doc: Document, s: Statement) -> list[Cell]:
    return [c for g in counterpart_groups(doc, s) for c in g]


def _about_this_budget(doc: Document, s: Statement) -> bool:
    """The statement's amount is a figure of the document's own year and basis (not 「2016年度…为8,648.07万元」
    in a 2017 document, not a 决算 figure in a 预算 document)."""
    years = {int(y) for y in _YEAR_RE.findall(fold(s.quote))}
    if doc.year is not None and years and doc.year not in years:
        return False
    return own_basis(s.subject, doc.kind) in ("", doc.kind)


def _mismatch(doc: Document, s: Statement) -> tuple[Cell, list[Cell], bool] | None:
    """The table figure a statement's amount contradicts (the one it is a transposition of, else the one
    candidate), all candidates, and whether it is a transposition; None when it agrees with one of them or
    when there is no single counterpart (no candidate, a blank cell, candidates that disagree among
    themselves: see ambiguous)."""
    if s.amount is None or not _about_this_budget(doc, s):
        return None
    groups = counterpart_groups(doc, s)
    cells = [c for g in groups for c in g]
    if not cells or any(c.interval.meets(s.amount.interval) for c in cells):
        return None
    if ambiguous(groups[0]):
        return None
    swapped = [c for c in groups[0] if c.amount is not None and transposed(s.amount.text, printed_like(c.value, s.amount))]
    return (swapped[0] if swapped else groups[0][0]), cells, bool(swapped)


def ambiguous(cells: list[Cell]) -> str:
    """Why the candidate figures are not one counterpart ("" when they are): a blank cell (a total is never
    blank: the table was not read with confidence), or figures that do not agree with each other."""
    if not cells:
        return "所述为全部资金口径，其对应表（支出总表）的数未能读取；一般公共预算表的数口径不同，不作对应数"
    if any(c.amount is None for c in cells):
        return "表中对应数为空白，表格未能可靠读取"
    first = cells[0].interval
    if not all(c.interval.meets(first) for c in cells[1:]):
        return "表中对应数不一（" + "、".join(f"{c.where}{c.text}" for c in cells) + "）"
    return ""


def _unchecked(doc: Document, s: Statement) -> str:
    """Why a statement that differs from every table candidate was not reported as an error."""
    if s.amount is None or not _about_this_budget(doc, s):
        return ""
    groups = counterpart_groups(doc, s)
    if not groups or any(c.interval.meets(s.amount.interval) for g in groups for c in g):
        return ""
    return ambiguous(groups[0])


def table_amounts(doc: Document) -> dict[int, Amount]:
    """id(statement) → the table figure its amount contradicts."""
    out = {}
    for s in doc.statements:
        m = _mismatch(doc, s)
        if m is not None and m[0].amount is not None:
            out[id(s)] = m[0].amount
    return out


def check_narrative(doc: Document, role: str) -> list[Finding]:
    out = []
    for s in doc.statements:
        m = _mismatch(doc, s)
        if m is None:
            why = _unchecked(doc, s)
            if why:
                out.append(statement_finding("narrative", "insufficient", role, s, fig_text(s.amount), "",
                                             f"{why}：说明中 {fig_iv(s.amount)} 无唯一可比的表中数，未作复核"))
            continue
        best, cells, swapped = m
        others = "、".join(f"{c.where}{c.text}" for c in cells if c is not best)
        # a table in 元 under a narrative in 万元: the table figure is also given in the sentence's unit
        other_unit = best.amount is not None and best.amount.unit != s.amount.unit
        expected = printed_like(best.value, s.amount) if other_unit else best.text
        said = f"说明中 {fig_iv(s.amount)}{f' {s.amount.unit}' if other_unit and not unit_suffix(s.amount) else ''}"
        table = f"{best.shown}（即 {expected} {s.amount.unit}）" if other_unit else best.shown
        rule = rule_text(said, table, verdict=VERDICT[MISMATCH]) + (f"（与{others} 亦不同）" if others else "")
        if hedged(s):
            out.append(statement_finding("narrative", "insufficient", role, s, fig_text(s.amount), expected,
                                         f"{rule}；{HEDGED_NOTE}"))
            continue
        out.append(statement_finding("narrative", "error", role, s, fig_text(s.amount), expected, rule,
                                     distance=distance(s.amount.value, best.value, s.amount),
                                     cause=cause_transposed(expected, s.amount.text) if swapped else ""))
    return out
