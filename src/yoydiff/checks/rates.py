"""Year-over-year sentences: the stated rate vs change / prior, the direction words, zero bases."""
from __future__ import annotations

from decimal import Decimal

from ..core import Statement
from ..numbers import UNIT_SCALE, Interval, Percent
from ..results import Finding
from .rules import (HUNDRED, MEETS, MISMATCH, OPPOSITE, RATE_WORD, ROUNDING, amount_direction, contradictory,
                    decimals, fig_iv, fig_text, fmt_iv, gap, printed, printed_like, prior_of, statement_finding, transposition_cause,
                    verdict)


def _abs(p: Percent) -> Percent:
    return p if p.value >= 0 else Percent(-p.value, p.text.replace("-", "", 1))


def _no_change(s: Statement) -> bool:
    """增加0.00万元，增长0.00%: nothing to divide, nothing wrong."""
    zero = Decimal(0)
    return (s.change is not None and s.change.interval.lo <= zero <= s.change.interval.hi
            and s.rate is not None and s.rate.interval.lo <= zero <= s.rate.interval.hi)


def _prior_text(s: Statement, direction: str, prior: Interval) -> str:
    op = "−" if direction == "增加" else "+"
    return f"prior = amount {op} change = {fig_text(s.amount)} {op} {fig_text(s.change)} = {_iv(prior, s.amount.text, s.change.text)}"


def _iv(i: Interval, *texts: str) -> str:
    places = max(decimals(t) for t in texts)
    return fmt_iv(i, places + 1, keep=places)


def _rate(change: Interval, prior: Interval) -> Interval | None:
    q = change.divide(prior)
    return None if q is None else q.scale(HUNDRED)


def check_rate(s: Statement, role: str) -> list[Finding]:
    """Stated rate vs change / prior over intervals (prior = amount ∓ change)."""
    if s.rate is None or s.change is None or s.no_base or _no_change(s) or contradictory(s):
        return []
    direction = amount_direction(s)
    if direction not in ("增加", "减少"):
        return []
    stated = _abs(s.rate)
    what = f"{s.direction_word or direction} {fig_text(s.change)}, {s.rate_word or RATE_WORD[direction]} {stated}"
    if s.amount is None:
        return [statement_finding("rate", "insufficient", role, s, what, "",
                                  "the current amount is not stated with the change, so the prior cannot be recomputed")]
    prior = prior_of(s.amount.interval, s.change.interval, direction)
    if prior.lo <= 0:
        if prior.hi >= 0:
            return []   # zero base: check_zero_base reports it
        return [statement_finding("rate", "insufficient", role, s, what, "",
                                  _prior_text(s, direction, prior) + " is negative: the figures cannot all be right, "
                                  "and which one is wrong cannot be told")]
    rate = _rate(s.change.interval, prior)
    v = verdict(rate, stated)
    rule = (f"{_prior_text(s, direction, prior)}; rate = change/prior ∈ {fmt_iv(rate, 4, '%')}; "
            f"stated {fig_iv(stated)}: {v if v != ROUNDING else 'meets only if the figure was truncated'}")
    if v == MEETS:
        return []
    expected = printed(rate.mid, stated.text) + "%"
    if v == ROUNDING:
        return [statement_finding("rate", "rounding", role, s, str(stated), expected, rule)]
    return [statement_finding("rate", "error", role, s, str(stated), expected, rule,
                              distance=gap(rate, stated.interval, "pp"), cause=_rate_cause(s, stated, direction, rate))]


def _rate_cause(s: Statement, stated: Percent, direction: str, rate: Interval) -> str:
    on_current = _rate(s.change.interval, s.amount.interval)
    if on_current is not None and verdict(on_current, stated) != MISMATCH:
        return "rate divided by the current year's amount instead of the previous year's"
    other = prior_of(s.amount.interval, s.change.interval, OPPOSITE[direction])
    flipped = _rate(s.change.interval, other) if other.lo > 0 else None
    if flipped is not None and verdict(flipped, stated) != MISMATCH:
        return (f"the rate fits a {OPPOSITE[direction]} of {fig_text(s.change)} "
                f"(prior {fmt_iv(other, 3)}): direction word flipped")
    return transposition_cause(stated.text, rate)


def check_prior_stated(s: Statement, role: str) -> list[Finding]:
    """A previous-year figure given outright vs amount ∓ change."""
    direction = amount_direction(s)
    if s.prior_stated is None or s.amount is None or s.change is None or direction not in ("增加", "减少"):
        return []
    prior = prior_of(s.amount.interval, s.change.interval, direction)
    v = verdict(prior, s.prior_stated)
    if v == MEETS:
        return []
    rule = f"{_prior_text(s, direction, prior)}; stated previous-year figure {fig_iv(s.prior_stated)}: {v}"
    expected = printed_like(prior.mid, s.prior_stated)
    if v == ROUNDING:
        return [statement_finding("rate", "rounding", role, s, fig_text(s.prior_stated), expected, rule)]
    return [statement_finding("rate", "error", role, s, fig_text(s.prior_stated), expected, rule,
                              distance=gap(prior, s.prior_stated.interval, "amount"),
                              cause=transposition_cause(s.prior_stated.text, prior.scale(1 / UNIT_SCALE[s.prior_stated.unit])))]


def check_direction(s: Statement, role: str) -> list[Finding]:
    """增加 goes with 增长, 减少 with 下降, 持平 with zero; crosswise words are style, opposite ones an error."""
    out = []
    words = f"{s.direction_word or s.direction or ''} {fig_text(s.change) if s.change else ''}, " \
            f"{s.rate_word or s.rate_direction or ''} {_abs(s.rate) if s.rate else ''}".strip(", ")
    if contradictory(s):
        expected, cause = _which_word(s)
        out.append(statement_finding(
            "direction", "error", role, s, words, expected,
            f"{s.direction} (amount) and {s.rate_direction} (rate) mean opposite directions", cause=cause))
    zero = Decimal(0)
    if "持平" in (s.direction, s.rate_direction):
        nonzero = [f for f in (s.change, s.rate) if f is not None and not (f.interval.lo <= zero <= f.interval.hi)]
        if nonzero:
            out.append(statement_finding("direction", "error", role, s, words, "0",
                                         f"持平 (flat) yet the stated change {nonzero[0]} is not zero"))
    return out


def _which_word(s: Statement) -> tuple[str, str]:
    """Which of the two words the arithmetic supports, when the amount, change and rate are stated."""
    if s.amount is None or s.change is None or s.rate is None:
        return "", ""
    stated = _abs(s.rate)
    for direction, wrong in ((s.direction, "rate"), (OPPOSITE[s.direction], "amount")):
        prior = prior_of(s.amount.interval, s.change.interval, direction)
        rate = _rate(s.change.interval, prior) if prior.lo > 0 else None
        if rate is not None and verdict(rate, stated) != MISMATCH:
            right_rate = RATE_WORD[direction]
            expected = f"{direction} {fig_text(s.change)}, {right_rate} {stated} (prior {printed_like(prior.mid, s.amount)})"
            bad = s.rate_word or s.rate_direction if wrong == "rate" else s.direction_word or s.direction
            good = right_rate if wrong == "rate" else direction
            return expected, f"direction word flipped: {bad} should read {good}"
    return "", ""


def check_zero_base(s: Statement, role: str) -> list[Finding]:
    """An increase equal to the amount (prior 0) with a stated rate: growth from nothing is undefined."""
    if s.rate is None or s.no_base or s.amount is None or s.change is None or amount_direction(s) != "增加":
        return []
    if s.change.interval.lo <= 0:
        return []
    prior = prior_of(s.amount.interval, s.change.interval, "增加")
    if not prior.lo <= 0 <= prior.hi:
        return []
    return [statement_finding(
        "zero-base", "notice", role, s,
        f"{s.direction_word or '增加'} {fig_text(s.change)}, {s.rate_word or '增长'} {_abs(s.rate)}",
        "prior 0: growth rate undefined; the item is new (新增)",
        f"{_prior_text(s, '增加', prior)} contains 0: a rate over a zero base is undefined, "
        "growth from nothing should read 新增 or 上年无此项")]


def check_statement(s: Statement, role: str) -> list[Finding]:
    return check_rate(s, role) + check_prior_stated(s, role) + check_direction(s, role) + check_zero_base(s, role)
