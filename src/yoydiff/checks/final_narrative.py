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
from ..names import squash
from .rules import HEDGED_NOTE, VERDICT, MISMATCH, distance, fig_iv, fig_text, rule_text, statement_finding
from .counterparts import three_public_key

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


# The 决算 totals a sentence can state, and where they are printed: (topic, what the subject says) → rows of the
# 收入支出决算总表 by label, and columns of the 合计 row of the 收入/支出决算表.
_TOTAL_ROWS = {"income_total": (r"^本年收入(?:合计|小计)$", r"^(?:收入)?总计$"),
               "expense_total": (r"^本年支出(?:合计|小计)$", r"^(?:支出)?总计$")}
_TOTAL_COLUMNS = {"basic": ("final_expense", "基本支出"), "project": ("final_expense", "项目支出"),
                  "income_total": ("final_income", "本年收入合计"), "expense_total": ("final_expense", "本年支出合计")}


def total_cells(doc: Document, s: Statement) -> list[tuple[str, Amount]]:
    """(where, figure) of the 决算 totals a total statement (本年收入合计, 本年支出合计, 基本支出, 项目支出) can be
    about; the statement holds when it meets one of them (收入总计 includes the carry-over, 本年收入合计 not)."""
    if doc.kind != "决算" or s.code or s.amount is None or is_budget_subject(squash(s.subject)):
        return []
    out: list[tuple[str, Amount]] = []
    ov = doc.table("final_overview")
    if ov is not None and s.topic in _TOTAL_ROWS:
        from .final_accounts import side_rows, side_value
        sides = side_rows(ov)
        if sides is not None:
            rows = sides[0] if s.topic == "income_total" else sides[1]
            for rx in _TOTAL_ROWS[s.topic]:
                hits = [r for r in rows if re.search(rx, squash(r.name))]
                v = side_value(hits[0], ov) if len(hits) == 1 else None
                if v is not None:
                    out.append((f"{ov.number or ov.title} {hits[0].name}", v))
    if s.topic in _TOTAL_COLUMNS:
        kind, leaf = _TOTAL_COLUMNS[s.topic]
        t = doc.table(kind)
        r = _total_row(t) if t else None
        j = next((j for j, c in enumerate(t.columns) if squash(c.leaf) == leaf), None) if r else None
        if j is not None and j < len(r.values) and r.values[j] is not None:
            out.append((f"{t.number or t.title} 合计 {t.columns[j].leaf}", r.values[j]))
    return out


def check_final_narrative(doc: Document, role: str) -> list[Finding]:
    out = []
    for s in doc.statements:
        cells = total_cells(doc, s)
        if cells and not any(v.interval.meets(s.amount.interval) for _w, v in cells):
            where, v = cells[0]
            others = "、".join(f"{w} {x.text}" for w, x in cells[1:])
            rule = rule_text(f"说明中 {fig_iv(s.amount)}", f"{where} {fig_iv(v)}", verdict=VERDICT[MISMATCH]) + \
                (f"（与{others} 亦不同）" if others else "")
            severity = "insufficient" if s.hedged else "error"
            out.append(statement_finding("narrative", severity, role, s, fig_text(s.amount), v.text,
                                         f"{rule}；{HEDGED_NOTE}" if s.hedged else rule,
                                         distance="" if s.hedged else distance(s.amount.value, v.value, s.amount)))
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
