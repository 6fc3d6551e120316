"""A narrative amount vs the table figure for the same item.

The candidates are the table figures the sentence can be about (the 表5 row of its code, else 表3/表2;
the table totals for a total; the column of an income source; the 三公 table). The statement holds when
it meets one of them (a different table is a different base, not an error); otherwise it is an error,
reported against the first candidate, or against the one it is a digit transposition of.
"""
from __future__ import annotations

from ..core import Document, Statement, Table
from ..numbers import Amount
from ..results import Finding
from .crosstable import Cell, clean, code_cells, column, grand_total, side_total, total_cell
from .rules import (HEDGED_NOTE, VERDICT, MISMATCH, cause_transposed, distance, fig_iv, fig_text, hedged, printed_like,
                    rule_text, statement_finding, transposed, unit_suffix)
from .shares import three_public_key

TOTAL_COLUMNS = {"basic": ("基本支出", "小计"), "project": ("项目支出", "项目支出合计")}


def _three_public_cells(t: Table | None, key: str) -> list[Cell]:
    if t is None:
        return []
    if key == "whole":
        c = total_cell(t)
        if c is None and len(t.rows) == 1:
            c = Cell(t, t.rows[0], column(t, "合计", "总计") or 0, "合计")
        return [c] if c else []
    out = []
    for r in t.rows:   # categories as rows (first column)
        if r.values and three_public_key(r.name) == key:
            out.append(Cell(t, r, 0, r.name))
    if not out and len(t.rows) == 1:   # categories as columns of one row
        for j, c in enumerate(t.columns):
            label = c.path[-2] if clean(c.leaf) in ("小计", "合计") and len(c.path) > 1 else c.leaf
            if three_public_key(label) == key:
                out.append(Cell(t, t.rows[0], j, c.label))
    return out


def _named_column(t: Table | None, subject: str) -> list[Cell]:
    """The grand total row's figure in the column named like the subject (exact name first)."""
    if t is None:
        return []
    r = grand_total(t)
    if r is None:
        return []
    s = clean(subject)
    exact = [j for j, c in enumerate(t.columns) if clean(c.leaf) == s]
    near = [j for j, c in enumerate(t.columns) if len(clean(c.leaf)) >= 4 and (clean(c.leaf) in s or s in clean(c.leaf))]
    return [Cell(t, r, j, f"{r.name} {t.columns[j].leaf}") for j in (exact or near)]


def candidates(doc: Document, s: Statement) -> list[Cell]:
    gpb, exp, inc = doc.table("gpb_expense"), doc.table("expense"), doc.table("income")
    if s.code:
        return code_cells(gpb, s.code) + code_cells(exp, s.code) + code_cells(inc, s.code)
    if s.topic in ("income_total", "expense_total", "gpb_total", "basic", "project"):
        cells = []
        for t in (doc.table("overview"), doc.table("fiscal_overview")):
            if t is not None:
                cells += [c for c in (side_total(t, "收入"), side_total(t, "支出")) if c]
        for t in (inc, exp, gpb, doc.table("gpb_basic"), doc.table("gpb_project")):
            cells += [c for c in (total_cell(t),) if c]
        for t in (exp, gpb):
            for names in TOTAL_COLUMNS.values():
                cells += [c for c in (total_cell(t, *names),) if c]
        return cells
    if s.topic == "income_source":
        return _named_column(inc, s.subject)
    if s.topic == "three_public":
        key = three_public_key(s.subject)
        return _three_public_cells(doc.table("three_public"), key) if key else []
    return _named_column(doc.table("gpb_basic"), s.subject) if clean(s.subject) in ("人员经费", "公用经费") else []


def _mismatch(doc: Document, s: Statement) -> tuple[Cell, list[Cell], bool] | None:
    """The table figure a statement's amount contradicts (the one it is a transposition of, else the first
    candidate), all candidates, and whether it is a transposition; None when it agrees with one."""
    if s.amount is None:
        return None
    cells = candidates(doc, s)
    if not cells or any(c.interval.meets(s.amount.interval) for c in cells):
        return None
    swapped = [c for c in cells if c.amount is not None and transposed(s.amount.text, printed_like(c.value, s.amount))]
    return (swapped[0] if swapped else cells[0]), cells, bool(swapped)


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
