"""决算 documents: 完成预算的 p% vs 决算数 / 预算数, and 决算数小于/大于预算数 vs the figures."""
from __future__ import annotations

import re
from dataclasses import replace

from ..core import Document, Statement
from ..numbers import Amount, Interval, Percent, normalise_digits
from ..parsers.final_phrases import EXECUTION_RE, SIDE_GAP_RE, SIDE_RE, SIDE_WORD, execution_pct
from ..results import Finding
from .final_narrative import table_final_amount
from .rules import (HUNDRED, MEETS, ROUNDING, VERDICT, amount_iv, distance, fig_iv, fig_text, fmt_iv, printed,
                    prior_of, rule_text, statement_finding, verdict)

_NUM = r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元|亿元)"
_NOT_LAST_YEAR = r"(?<!上年)(?<!上年度)"   # this year's figures, not last year's
_BUDGET = re.compile(_NOT_LAST_YEAR + r"(?:年初)?预算(?:数)?(?:为)?\s*" + _NUM)
_FINAL = re.compile(_NOT_LAST_YEAR + r"决算(?:数)?(?:为)?\s*" + _NUM)
# A stated previous figure is the year's budget only when the text compares with it (比年初预算…).
_BUDGET_BASES = ("年初预算", "调整预算", "调整后预算")


def _gap(q: str) -> tuple[str, Amount] | None:
    m = SIDE_GAP_RE.search(q)
    if m is None:
        return None
    gap = Amount.parse(m.group("num").replace(" ", ""), m.group("unit"))
    return (SIDE_WORD.get(m.group(1), m.group(1)), gap) if gap is not None else None


def _amount(m: re.Match | None) -> Amount | None:
    return None if m is None else Amount.parse(m.group(1), m.group(2))


def check_execution(doc: Document, role: str) -> list[Finding]:
    """The statement's own 完成率 and budget base (parsers/narrative.py) first; else what its quote says."""
    if doc.kind != "决算":
        return []
    out = []
    for s in doc.statements:
        q = normalise_digits("".join(s.quote.split()))
        # 「决算数大于（年初）预算数55.93万元」 states a difference, not the budget
        budget = (s.budget or _amount(_BUDGET.search(SIDE_GAP_RE.sub("", q)))
                  or (s.prior_stated if s.comparison.startswith(_BUDGET_BASES) else None))
        final = s.amount if s.budget is not None else (_amount(_FINAL.search(q)) or s.amount)
        if final is None:
            continue
        if budget is not None:
            base = (budget.interval, fig_text(budget))
        elif (s.comparison.startswith(_BUDGET_BASES) and s.change is not None and s.amount is final
              and s.direction in ("增加", "减少")):
            # 「本年收入1205.11万元，完成年初预算的70%，比年初预算减少537.35万元」: the budget is 决算数 ± the change
            base = (prior_of(final.interval, s.change.interval, s.direction),
                    f"({final.text} {'−' if s.direction == '增加' else '+'} {s.change.text})")
        elif _gap(q) is not None and s.amount is final:
            # 「…1741.75万元；完成年初预算100%，决算数大于预算数55.93万元」: the budget is 决算数 ∓ the difference
            word, gap = _gap(q)
            base = (prior_of(final.interval, gap.interval, "增加" if word == "大于" else "减少"),
                    f"({final.text} {'−' if word == '大于' else '+'} {gap.text})")
        else:
            continue
        done = s.execution
        if done is None:
            m = EXECUTION_RE.search(q)
            done = Percent.parse(execution_pct(m) + "%") if m else None
        side = SIDE_RE.search(q)
        word = SIDE_WORD.get(side.group(1), side.group(1)) if side else None

        def findings(amount: Amount) -> list[Finding]:
            return ((_rate(s, role, amount, base, done) if done is not None else [])
                    + (_side(s, role, amount, base, word) if word else []))
        found = findings(final)
        fixed = table_final_amount(doc, s) if s.amount is final else None
        if fixed is not None and any(f.severity == "error" for f in found):
            # what holds on the table's 决算数 follows from the misprinted amount (reported by the 决算 narrative
            # check), not a second error
            still = {f.stated for f in findings(fixed) if f.severity == "error"}
            found = [replace(f, severity="notice", cause=f"由说明中决算数 {final.text} 的差错引起（表中为 {fixed.text}，"
                                                          f"按表中数计算则相符）")
                     if f.severity == "error" and f.stated not in still else f for f in found]
        out += found
    return out


def _rate(s: Statement, role: str, final: Amount, base: tuple[Interval, str], stated: Percent) -> list[Finding]:
    budget, budget_text = base
    ratio = final.interval.divide(budget)
    if ratio is None:
        return [statement_finding("execution", "insufficient", role, s, str(stated), "", "预算数为零，执行率无意义")]
    ratio = ratio.scale(HUNDRED)
    v = verdict(ratio, stated)
    if v == MEETS:
        return []
    rule = rule_text(f"执行率 = 决算数 {fig_text(final)} ÷ 预算数 {budget_text} ∈ {fmt_iv(ratio, 4, '%')}",
                     f"所述 {fig_iv(stated)}", verdict=VERDICT[v])
    return [statement_finding("execution", "rounding" if v == ROUNDING else "error", role, s, str(stated),
                              printed(ratio.mid, stated.text) + "%", rule,
                              distance=distance(stated.value, ratio.mid, stated))]


def _side(s: Statement, role: str, final: Amount, base: tuple[Interval, str], word: str) -> list[Finding]:
    f, b = final.interval, base[0]
    actual = "大于" if f.lo > b.hi else "小于" if f.hi < b.lo else "等于"
    if actual == word:
        return []
    return [statement_finding("execution", "error", role, s, f"决算数{word}预算数", f"决算数{actual}预算数",
                              f"决算数 {fig_iv(final)}，预算数 {base[1]} ∈ {amount_iv(b, final)}：决算数{actual}预算数，"
                              f"而文中称“{word}”")]
