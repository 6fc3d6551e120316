"""决算 identities: carry-over balances that a 预算 rule (收入总计 = 支出总计 without carry-over) does not know.

收入支出决算总表 / 财政拨款收入支出决算总表 (income left, spending right):
  收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余        (the income side)
  支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余                  (the spending side)
  本年收入合计 = Σ 一、二、… income rows;  本年支出合计 = Σ 一、二、… spending rows
  收入 + 年初结转和结余 = 支出 + 结余分配 + 年末结转和结余              (收入总计 = 支出总计)
A 决算 table with the columns 年初结转和结余 | 本年收入 | 本年支出 | 年末结转和结余 (政府性基金预算财政拨款收入支出
决算表), per row: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余.

Only 决算 figures are added (never a 年初预算数 column). A term that is not printed is blank (0); a side
whose total or 本年合计 row cannot be found is not checked. A side total that fails is reported at that
row; the balance of the two sides is checked only when both sides hold (else it would repeat the slip).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..core import Document, Row, Table, is_index_column
from ..numbers import Amount, Interval
from ..results import Finding
from ..names import squash
from .rules import BLANK, BLANK_AS_ZERO, SUM_VERDICT, ZERO, amount_iv, distance, fig_iv, printed_like, rule_text
from .sums import table_finding

TWO_SIDED_FINAL = ("final_overview", "final_fiscal_overview")

_ENUM = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_OPENING = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:年初.*结转.*结余|上年结转(?:和结余|结余)?)$")
_CLOSING = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:年末.*结转.*结余|结转下年)$")
_USED_SURPLUS = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:使用非财政拨款结余|用事业基金弥补收支差额|使用.*结余)")
_ALLOCATION = re.compile(r"^(?:[一二三四五六七八九十]+、)?结余分配$")
_INCOME_SUM = re.compile(r"^本年收入(?:合计|小计)$")
_SPENDING_SUM = re.compile(r"^本年支出(?:合计|小计)$")
_TOTAL = re.compile(r"^(?:收入|支出)?总计$")


@dataclass(frozen=True)
class _Term:
    name: str          # as the rule names it
    row: Row | None    # None: not printed (0)
    value: Amount | None


def _label(r: Row) -> str:
    return squash(r.name)


def _sides(t: Table) -> list[list[int]]:
    """Figure column indexes per side, in order (收入 › …, then 支出 › …); 行次 columns left out."""
    heads: list[str] = []
    for c in t.columns:
        h = c.path[0] if c.path else ""
        if h not in heads:
            heads.append(h)
    return [[j for j, c in enumerate(t.columns) if (c.path[0] if c.path else "") == h and not is_index_column(c)]
            for h in heads]


def side_rows(t: Table) -> tuple[list[Row], list[Row]] | None:
    """The rows of the income side and of the spending side: a row belongs to the side whose columns
    carry its figures; a row without figures to the side of the rows around it (left rows come first)."""
    sides = _sides(t)
    if len(sides) != 2:
        return None
    left: list[Row] = []
    right: list[Row] = []
    on_right = False
    figures = set(sides[0]) | set(sides[1])
    for r in t.rows:
        filled = [j for j, v in enumerate(r.values) if v is not None and j in figures]
        if filled:
            on_right = all(j in sides[1] for j in filled)
            if not on_right and not all(j in sides[0] for j in filled):
                return None            # figures on both sides of one row: not a layout this check knows
        (right if on_right else left).append(r)
    return left, right


def side_value(r: Row | None, t: Table) -> Amount | None:
    """The side's amount of a row: its first filled figure (the side's 金额 / 合计 column), never its 行次."""
    if r is None:
        return None
    return next((v for j, v in enumerate(r.values) if v is not None and not is_index_column(t.columns[j])), None)


def _find(rows: list[Row], rx: re.Pattern) -> Row | None:
    found = [r for r in rows if rx.search(_label(r))]
    return found[0] if len(found) == 1 else None


def _iv(v: Amount | None) -> Interval:
    return ZERO if v is None else v.interval


def _exact(v: Amount | None) -> Decimal:
    return Decimal(0) if v is None else v.value


def _sum_finding(t: Table, role: str, at: Row, whole: Amount | None, terms: list[_Term], what: str,
                 signs: list[int] | None = None) -> list[Finding]:
    signs = signs or [1] * len(terms)
    computed = Interval.total(_iv(x.value).scale(Decimal(k)) for x, k in zip(terms, signs))
    exact = sum((_exact(x.value) * k for x, k in zip(terms, signs)), Decimal(0))
    if exact == _exact(whole):
        return []
    severity = "rounding" if computed.meets(_iv(whole)) else "error"
    formula = " ".join((("" if i == 0 else "+ ") if k > 0 else "− ") + x.name for i, (x, k) in enumerate(zip(terms, signs)))
    shown = "，".join(f"{x.name} {x.value.text if x.value else BLANK_AS_ZERO}" for x in terms)
    like = whole or next((x.value for x in terms if x.value), None)
    rule = rule_text(f"{what} = {formula}", shown,
                     f"= {printed_like(exact, like)} ∈ {amount_iv(computed, like)}",
                     f"列示 {fig_iv(whole) if whole else BLANK_AS_ZERO}", verdict=SUM_VERDICT[severity])
    return [table_finding("final-identity", severity, role, t, at, at.name, whole.text if whole else BLANK,
                          printed_like(exact, like), rule, distance=distance(_exact(whole), exact, like))]


def _enumerated(rows: list[Row], upto: Row) -> list[Row]:
    out = []
    for r in rows:
        if r is upto:
            break
        if _ENUM.match(_label(r)):
            out.append(r)
    return out


def check_two_sided(t: Table, role: str) -> list[Finding]:
    sides = side_rows(t)
    if sides is None:
        return []
    left, right = sides
    inc_sum, spend_sum = _find(left, _INCOME_SUM), _find(right, _SPENDING_SUM)
    inc_total, spend_total = _find(left, _TOTAL), _find(right, _TOTAL)
    out: list[Finding] = []
    ok = {"left": False, "right": False}
    for side, rows, sum_row, total_row, extra in (
            ("left", left, inc_sum, inc_total, ((_USED_SURPLUS, None), (_OPENING, None))),
            ("right", right, spend_sum, spend_total, ((_ALLOCATION, None), (_CLOSING, None)))):
        if sum_row is None:
            continue
        listed = _enumerated(rows, sum_row)
        if listed:
            out += _sum_finding(t, role, sum_row, side_value(sum_row, t),
                                [_Term(_label(r), r, side_value(r, t)) for r in listed], _label(sum_row))
        if total_row is None:
            continue
        terms = [_Term(_label(sum_row), sum_row, side_value(sum_row, t))]
        for rx, _ in extra:
            r = _find([x for x in rows if x is not sum_row and x is not total_row], rx)
            if r is not None:
                terms.append(_Term(re.sub(_ENUM, "", _label(r)), r, side_value(r, t)))
        found = _sum_finding(t, role, total_row, side_value(total_row, t), terms,
                             ("收入" if side == "left" else "支出") + "总计")
        out += found
        ok[side] = not any(f.severity == "error" for f in found)
    if ok["left"] and ok["right"] and inc_total is not None and spend_total is not None:
        a, b = side_value(inc_total, t), side_value(spend_total, t)
        if _exact(a) != _exact(b):
            severity = "rounding" if _iv(a).meets(_iv(b)) else "error"
            rule = rule_text("收入 + 年初结转和结余 = 支出 + 结余分配 + 年末结转和结余，即收入总计 = 支出总计",
                             f"收入总计 {fig_iv(a) if a else BLANK_AS_ZERO}",
                             f"支出总计 {fig_iv(b) if b else BLANK_AS_ZERO}", verdict=SUM_VERDICT[severity])
            out.append(table_finding("final-identity", severity, role, t, spend_total, "收入总计与支出总计",
                                     b.text if b else BLANK, a.text if a else BLANK, rule,
                                     distance=distance(_exact(b), _exact(a), b or a)))
    return out


# ---- per-row carry-over columns -----------------------------------------------------------------

def _column(t: Table, rx: re.Pattern) -> int | None:
    """The one column whose header path matches (the 合计/小计 leaf of a group, or the group itself)."""
    hits = []
    for j, c in enumerate(t.columns):
        p = [squash(x) for x in c.path]
        if not p or any(("预算" in x and "决算" not in x) for x in p):   # never a 年初预算数 column
            continue
        if rx.search(p[0]) and (len(p) == 1 or re.search(r"合计|小计", p[-1])):
            hits.append(j)
    return hits[0] if len(hits) == 1 else None


def check_carryover_columns(t: Table, role: str) -> list[Finding]:
    cols = [_column(t, rx) for rx in (re.compile(r"^年初.*结转.*结余$|^上年结转"), re.compile(r"^本年收入"),
                                      re.compile(r"^本年支出"), re.compile(r"^年末.*结转.*结余$"))]
    if any(c is None for c in cols):
        return []
    opening, income, spending, closing = cols
    names = ["年初结转和结余", "本年收入", "本年支出"]
    out = []
    for r in t.rows:
        vals = [r.values[j] if j < len(r.values) else None for j in cols]
        if all(v is None for v in vals):
            continue
        terms = [_Term(n, r, v) for n, v in zip(names, vals[:3])]
        out += _sum_finding(t, role, r, vals[3], terms, "年末结转和结余", signs=[1, 1, -1])
    return out


def check_final_accounts(doc: Document, role: str) -> list[Finding]:
    out: list[Finding] = []
    for t in doc.tables:
        if t.kind in TWO_SIDED_FINAL:
            out += check_two_sided(t, role)
        elif t.kind.startswith("final_"):
            out += check_carryover_columns(t, role)
    return out


__all__ = ["check_final_accounts"]
