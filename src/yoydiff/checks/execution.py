"""决算 documents: 完成预算的 p% vs 决算数 / 预算数, and 决算数小于/大于预算数 vs the figures."""
from __future__ import annotations

import re

from ..core import Document, Statement
from ..numbers import Amount, Percent, normalise_digits
from ..results import Finding
from .rules import HUNDRED, MEETS, ROUNDING, fig_iv, fmt_iv, gap, printed, statement_finding, verdict

_NUM = r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元|亿元)"
_BUDGET = re.compile(r"(?:年初)?预算(?:数)?(?:为)?\s*" + _NUM)
_FINAL = re.compile(r"决算(?:数)?(?:为)?\s*" + _NUM)
_DONE = re.compile(r"完成(?:年初)?预算的\s*(\d[\d,]*(?:\.\d+)?)\s*[%％]")
_SIDE = re.compile(r"决算数(大于|小于|等于)(?:年初)?预算数")


def _amount(m: re.Match | None) -> Amount | None:
    return None if m is None else Amount.parse(m.group(1), m.group(2))


def check_execution(doc: Document, role: str) -> list[Finding]:
    if doc.kind != "决算":
        return []
    out = []
    for s in doc.statements:
        q = normalise_digits("".join(s.quote.split()))
        budget = s.prior_stated or _amount(_BUDGET.search(q))
        final = _amount(_FINAL.search(q)) or s.amount
        if budget is None or final is None:
            continue
        done = _DONE.search(q)
        if done:
            out += _rate(s, role, final, budget, Percent.parse(done.group(1) + "%"))
        side = _SIDE.search(q)
        if side:
            out += _side(s, role, final, budget, side.group(1))
    return out


def _rate(s: Statement, role: str, final: Amount, budget: Amount, stated: Percent) -> list[Finding]:
    ratio = final.interval.divide(budget.interval)
    if ratio is None:
        return [statement_finding("execution", "insufficient", role, s, str(stated), "", "the budget figure is zero")]
    ratio = ratio.scale(HUNDRED)
    v = verdict(ratio, stated)
    if v == MEETS:
        return []
    rule = (f"执行率 = 决算 {fig_iv(final)} / 预算 {fig_iv(budget)} ∈ {fmt_iv(ratio, 4, '%')}; stated {fig_iv(stated)}: "
            f"{'meets only if the figure was truncated' if v == ROUNDING else 'mismatch'}")
    return [statement_finding("execution", "rounding" if v == ROUNDING else "error", role, s, str(stated),
                              printed(ratio.mid, stated.text) + "%", rule,
                              distance="" if v == ROUNDING else gap(ratio, stated.interval, "pp"))]


def _side(s: Statement, role: str, final: Amount, budget: Amount, word: str) -> list[Finding]:
    f, b = final.interval, budget.interval
    actual = "大于" if f.lo > b.hi else "小于" if f.hi < b.lo else "等于"
    if actual == word:
        return []
    return [statement_finding("execution", "error", role, s, f"决算数{word}预算数", f"决算数{actual}预算数",
                              f"决算 {fig_iv(final)} vs 预算 {fig_iv(budget)}: the text says {word}")]
