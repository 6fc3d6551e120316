"""决算 narrative vs its 决算 tables: a stated 决算 figure against the table's 决算数, a stated budget
(年初预算为…, 完成全年预算84.82万元的…) against the table's 年初预算数 / 预算数 — never one against the other.

The counterpart is one cell: the row of the statement's code in the 一般公共预算财政拨款支出决算表 (or its 合计
row for the 一般公共预算财政拨款支出 as a whole), the 合计 row of the “三公” 决算表; the column is chosen by
what the sentence says the figure is (决算 → a 决算 column, never 年初预算数; 预算 → the 年初预算数 / 预算数
column). No such row or column: nothing is checked. A hedged figure is `insufficient`.
"""
from __future__ import annotations

import re

from ..core import Document, Row, Statement, Table, figure_column, is_budget_figure_column
from ..numbers import Amount
from ..parsers.final_phrases import BUDGET_SUBJECT_RE, FINAL_SUBJECT_RE, is_budget_subject
from ..results import Finding
from .rules import HEDGED_NOTE, VERDICT, MISMATCH, distance, fig_iv, fig_text, rule_text, squash, statement_finding
from .shares import three_public_key

_WHOLE_GPB = re.compile(r"^(?:\d{4}年度?)?一般公共预算财政拨款(?:支出)?$")


def _budget_column(t: Table) -> int | None:
    """The 年初预算数 column (else the one budget-figure column); for categories as columns its 合计."""
    cols = [j for j, c in enumerate(t.columns) if is_budget_figure_column(c)]
    first = [j for j in cols if any("年初" in p for p in t.columns[j].path)] or cols
    if not first:
        return None
    totals = [j for j in first if squash(t.columns[j].leaf) in ("合计", "小计")]
    if totals:
        return totals[0]
    return first[0] if len(first) == 1 else None


def _total_row(t: Table) -> Row | None:
    rows = [r for r in t.rows if not r.code and squash(r.name) in ("合计", "总计")]
    if len(rows) == 1:
        return rows[0]
    return t.rows[0] if len(t.rows) == 1 else None


def _row(doc: Document, s: Statement) -> tuple[Table, Row] | None:
    stem = BUDGET_SUBJECT_RE.sub("", FINAL_SUBJECT_RE.sub("", squash(s.subject)))
    if s.code:
        t = doc.table("final_gpb_expense")
        rows = [r for r in t.rows if r.code == s.code] if t else []
        return (t, rows[0]) if len(rows) == 1 else None
    if _WHOLE_GPB.match(stem):
        t = doc.table("final_gpb_expense")
        r = _total_row(t) if t else None
        return (t, r) if r else None
    if s.topic == "three_public" and three_public_key(s.subject) == "whole":
        t = doc.table("final_three_public")
        r = _total_row(t) if t else None
        return (t, r) if r else None
    return None


def _cell(t: Table, r: Row, j: int | None) -> Amount | None:
    if j is None or j >= len(r.values):
        return None
    return r.values[j] or Amount.zero()


def counterparts(doc: Document, s: Statement) -> tuple[Table, Row, Amount | None, Amount | None] | None:
    """The table row of a 决算 statement and its (决算 figure, budget figure) cells; None when there is none."""
    if doc.kind != "决算":
        return None
    found = _row(doc, s)
    if found is None:
        return None
    t, r = found
    return t, r, _cell(t, r, figure_column(t, "合计")), _cell(t, r, _budget_column(t))


def table_final_amount(doc: Document, s: Statement) -> Amount | None:
    """The table's 决算 figure for a 决算 statement whose amount contradicts it (None when they agree)."""
    c = counterparts(doc, s)
    if c is None or s.amount is None or is_budget_subject(squash(s.subject)) or c[2] is None:
        return None
    return None if c[2].interval.meets(s.amount.interval) else c[2]


def check_final_narrative(doc: Document, role: str) -> list[Finding]:
    out = []
    seen: set[int] = set()       # a budget read from the statement before it (年初预算为A，支出决算为B) is checked once
    for s in doc.statements:
        c = counterparts(doc, s)
        if c is None:
            continue
        t, r, final, budget = c
        said_budget = is_budget_subject(squash(s.subject))
        pairs = [(s.amount, budget if said_budget else final, "年初预算数" if said_budget else "决算数")]
        if s.budget is not None:
            pairs.append((s.budget, budget, "年初预算数"))
        for stated, cell, what in pairs:
            if stated is None or cell is None or id(stated) in seen or cell.interval.meets(stated.interval):
                continue
            seen.add(id(stated))
            where = f"{t.number or t.title} {r.code or r.name} {what}"
            rule = rule_text(f"说明中 {fig_iv(stated)}", f"{where} {fig_iv(cell)}", verdict=VERDICT[MISMATCH])
            if s.hedged:
                out.append(statement_finding("narrative", "insufficient", role, s, fig_text(stated), cell.text,
                                             f"{rule}；{HEDGED_NOTE}"))
                continue
            out.append(statement_finding("narrative", "error", role, s, fig_text(stated), cell.text, rule,
                                         distance=distance(stated.value, cell.value, stated)))
    return out
