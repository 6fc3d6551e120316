"""Year-over-year sentences: the stated rate vs change / prior, the direction words, zero bases."""
from __future__ import annotations

import re
from decimal import Decimal

from ..core import Statement
from ..numbers import UNIT_SCALE, Amount, Interval, Percent, normalise_digits
from ..results import Finding
from .rules import (HEDGED_NOTE, HUNDRED, MEETS, MISMATCH, OPPOSITE, PRINTED_OPPOSITE, RATE_WORD, ROUNDING, VERDICT,
                    amount_direction, amount_iv, cause_word, change_phrase, contradictory, distance, fig_iv, fig_text,
                    finest, fmt_iv, hedged, printed, printed_like, prior_of, rate_phrase, rule_text, statement_finding,
                    statement_phrase, transposition_cause, verdict)

CHANGE_NAME = {"增加": "增加额", "减少": "减少额"}
RATE_NAME = {"增加": "增长率", "减少": "下降率"}


def _abs(p: Percent) -> Percent:
    return p if p.value >= 0 else Percent(-p.value, p.text.replace("-", "", 1))


def _no_change(s: Statement) -> bool:
    """增加0.00万元，增长0.00%: nothing to divide, nothing wrong."""
    zero = Decimal(0)
    return (s.change is not None and s.change.interval.lo <= zero <= s.change.interval.hi
            and s.rate is not None and s.rate.interval.lo <= zero <= s.rate.interval.hi)


def _prior_text(s: Statement, direction: str, prior: Interval) -> str:
    """上年数 = 本年数 − 增加额 = 2,663.37 − 317.47 = [2,345.89, 2,345.91]."""
    op = "−" if direction == "增加" else "+"
    return (f"上年数 = 本年数 {op} {CHANGE_NAME[direction]} = {fig_text(s.amount)} {op} {fig_text(s.change)} = "
            f"{amount_iv(prior, finest(s.amount, s.change), keep=True)}")


def _rate(change: Interval, prior: Interval) -> Interval | None:
    q = change.divide(prior)
    return None if q is None else q.scale(HUNDRED)


def _words(s: Statement) -> str:
    """The sentence's change and rate as it states them: 减少 24.76 万元，增长 5.47%."""
    rate = _abs(s.rate) if s.rate else None
    return statement_phrase(change_phrase(s.direction_word or s.direction, s.change),
                            rate_phrase(s.rate_word or s.rate_direction, rate))


def check_rate(s: Statement, role: str) -> list[Finding]:
    """Stated rate vs change / prior over intervals (prior = amount ∓ change)."""
    if s.rate is not None and s.change is None and s.amount is not None and s.prior_stated is not None \
            and not s.no_base:
        return _rate_of_both_years(s, role)
    if s.rate is None or s.change is None or s.no_base or _no_change(s) or contradictory(s):
        return []
    direction = amount_direction(s)
    if direction not in ("增加", "减少"):
        return []
    stated = _abs(s.rate)
    what = _words(s)
    if s.amount is None and s.prior_stated is None:
        return [statement_finding("rate", "insufficient", role, s, what, "",
                                  "未列示本年数，无法推算上年数，增减率无从复核")]
    if s.amount is None:
        prior = s.prior_stated.interval           # the base stated outright: 增减率 = 增减额 ÷ 上年数
        prior_text = f"所述上年数 {fig_iv(s.prior_stated)}"
    else:
        prior = prior_of(s.amount.interval, s.change.interval, direction)
        prior_text = _prior_text(s, direction, prior)
        if s.prior_stated is not None and prior.meets(s.prior_stated.interval):
            # both years stated: the base is what both allow (check_prior_stated reports when they do not meet)
            given = s.prior_stated.interval
            prior = Interval(max(prior.lo, given.lo), min(prior.hi, given.hi))
            prior_text += f"，所述上年数 {fig_iv(s.prior_stated)}，上年数 ∈ {amount_iv(prior, s.prior_stated)}"
    if prior.lo <= 0:
        if prior.hi >= 0:
            return []   # zero base: check_zero_base reports it
        return [statement_finding("rate", "insufficient", role, s, what, "",
                                  prior_text + "，为负数：各数不能同时正确，无法判断何者有误")]
    rate = _rate(s.change.interval, prior)
    v = verdict(rate, stated)
    if v == MEETS:
        return []
    rule = rule_text(prior_text,
                     f"{RATE_NAME[direction]} = {CHANGE_NAME[direction]} ÷ 上年数 ∈ {fmt_iv(rate, 4, '%')}",
                     f"所述 {fig_iv(stated)}", verdict=VERDICT[v])
    expected = printed(rate.mid, stated.text) + "%"
    if hedged(s):
        return [statement_finding("rate", "insufficient", role, s, str(stated), expected, f"{rule}；{HEDGED_NOTE}")]
    if v == ROUNDING:
        return [statement_finding("rate", "rounding", role, s, str(stated), expected, rule,
                                  distance=distance(stated.value, rate.mid, stated))]
    return [statement_finding("rate", "error", role, s, str(stated), expected, rule,
                              distance=distance(stated.value, rate.mid, stated),
                              cause=_rate_cause(s, stated, direction, rate))]


def _rate_of_both_years(s: Statement, role: str) -> list[Finding]:
    """「支出总计630.00万元，较上年增长5.0%，上年为600.00万元」: no change printed; the rate is (本年数 − 上年数) ÷ 上年数.
    Checked only when the two years' difference has the sign the rate word says (otherwise it is the direction
    check's matter, or the figures are not the two years of one item: insufficient)."""
    prior = s.prior_stated.interval
    diff = s.amount.interval - prior
    up = s.rate_direction == "增长"
    if prior.lo <= 0 or s.rate_direction not in ("增长", "下降"):
        return []
    if (up and diff.lo < 0) or (not up and diff.hi > 0):
        return [statement_finding("rate", "insufficient", role, s, str(s.rate), "",
                                  f"本年数 {fig_iv(s.amount)} 与所述上年数 {fig_iv(s.prior_stated)} 之差与“{s.rate_word}”方向不一，未作复核")]
    change = diff if up else Interval(-diff.hi, -diff.lo)
    rate = _rate(change, prior)
    stated = _abs(s.rate)
    v = verdict(rate, stated)
    if v == MEETS:
        return []
    rule = rule_text(f"本年数 {fig_iv(s.amount)}，所述上年数 {fig_iv(s.prior_stated)}",
                     f"{RATE_NAME['增加' if up else '减少']} = (本年数 − 上年数) ÷ 上年数 ∈ {fmt_iv(rate, 4, '%')}",
                     f"所述 {fig_iv(stated)}", verdict=VERDICT[v])
    expected = printed(rate.mid, stated.text) + "%"
    if hedged(s):
        return [statement_finding("rate", "insufficient", role, s, str(stated), expected, f"{rule}；{HEDGED_NOTE}")]
    severity = "rounding" if v == ROUNDING else "error"
    return [statement_finding("rate", severity, role, s, str(stated), expected, rule,
                              distance=distance(stated.value, rate.mid, stated))]


def _rate_cause(s: Statement, stated: Percent, direction: str, rate: Interval) -> str:
    if s.amount is None:
        return transposition_cause(str(stated), rate)
    on_current = _rate(s.change.interval, s.amount.interval)
    if on_current is not None and verdict(on_current, stated) != MISMATCH:
        return f"{RATE_NAME[direction]}以本年数为分母计算"
    other = prior_of(s.amount.interval, s.change.interval, OPPOSITE[direction])
    flipped = _rate(s.change.interval, other) if other.lo > 0 else None
    if flipped is not None and verdict(flipped, stated) != MISMATCH:
        word = s.direction_word or direction
        return (f"{cause_word(PRINTED_OPPOSITE.get(word, OPPOSITE[direction]))}（按{OPPOSITE[direction]} "
                f"{fig_text(s.change)} 计算，上年数 ∈ {amount_iv(other, finest(s.amount, s.change), keep=True)}，"
                f"增减率相符）")
    return transposition_cause(str(stated), rate) or _one_digit_change(s, stated, direction)


def _one_digit_change(s: Statement, stated: Percent, direction: str) -> str:
    """The change misprinted by one digit: the one variant of the printed change, one digit replaced, with which
    amount and rate agree (减少 392.92 where 6,049.97 and 5.95% need 382.92)."""
    text = s.change.text
    fits = []
    for i, ch in enumerate(text):
        if not ch.isdigit():
            continue
        for d in "0123456789":
            if d == ch:
                continue
            variant = Amount.parse(text[:i] + d + text[i + 1:], s.change.unit)
            if variant is None:
                continue
            prior = prior_of(s.amount.interval, variant.interval, direction)
            rate = _rate(variant.interval, prior) if prior.lo > 0 else None
            if rate is not None and verdict(rate, stated) == MEETS:
                fits.append(variant.text)
    return f"增减额或有一位数字之误：按 {fits[0]} 计算则本年数与增减率相符" if len(fits) == 1 else ""


def check_prior_stated(s: Statement, role: str) -> list[Finding]:
    """A previous-year figure given outright vs amount ∓ change."""
    direction = amount_direction(s)
    if s.prior_stated is None or s.amount is None or s.change is None or direction not in ("增加", "减少"):
        return []
    prior = prior_of(s.amount.interval, s.change.interval, direction)
    v = verdict(prior, s.prior_stated)
    if v == MEETS:
        return []
    if not printed_in(s.amount, s.quote) and not printed_in(s.prior_stated, s.quote):
        return _change_against_both_years(s, direction, role)
    rule = rule_text(_prior_text(s, direction, prior), f"所述上年数 {fig_iv(s.prior_stated)}", verdict=VERDICT[v])
    expected = printed_like(prior.mid, s.prior_stated)
    gap = distance(s.prior_stated.value, prior.mid, s.prior_stated)
    if hedged(s):
        return [statement_finding("rate", "insufficient", role, s, fig_text(s.prior_stated), expected,
                                  f"{rule}；{HEDGED_NOTE}")]
    if v == ROUNDING:
        return [statement_finding("rate", "rounding", role, s, fig_text(s.prior_stated), expected, rule, distance=gap)]
    return [statement_finding("rate", "error", role, s, fig_text(s.prior_stated), expected, rule, distance=gap,
                              cause=transposition_cause(s.prior_stated.text, prior.scale(1 / UNIT_SCALE[s.prior_stated.unit])))]


def printed_in(fig: Amount, quote: str) -> bool:
    """The figure is printed in the quote (not lent from another sentence by the reader)."""
    digits = lambda x: re.sub(r"[^\d.]", "", normalise_digits(x))  # noqa: E731
    return digits(fig.text) in {digits(m) for m in re.findall(r"\d[\d,，\s]*(?:\.\s?\d+)?", normalise_digits(quote))}


def _change_against_both_years(s: Statement, direction: str, role: str) -> list[Finding]:
    """The sentence prints only the change; both years' figures are printed in other sentences of its section
    (parsers/narrative.py lends them): the printed change is checked against their difference."""
    diff = s.amount.interval - s.prior_stated.interval
    change = s.change.interval if direction == "增加" else Interval(-s.change.interval.hi, -s.change.interval.lo)
    if diff.meets(change):
        return []
    word = "增加" if diff.mid >= 0 else "减少"
    expected = f"{word} {printed_like(abs(diff.mid), s.change)}"
    rule = rule_text(f"本年数 {fig_iv(s.amount)} − 上年数 {fig_iv(s.prior_stated)}（均见同节其他句）∈ "
                     f"{amount_iv(diff, s.change)}", f"所述{s.direction_word or direction} {fig_iv(s.change)}",
                     verdict=VERDICT[MISMATCH])
    severity = "insufficient" if hedged(s) else "error"
    return [statement_finding("rate", severity, role, s, f"{s.direction_word or direction} {fig_text(s.change)}",
                              expected, f"{rule}；{HEDGED_NOTE}" if hedged(s) else rule,
                              distance="" if hedged(s) else distance(s.change.value, abs(diff.mid), s.change))]


def check_direction(s: Statement, role: str) -> list[Finding]:
    """增加 goes with 增长, 减少 with 下降, 持平 with zero; crosswise words are style, opposite ones an error."""
    out = []
    words = _words(s)
    if contradictory(s):
        amount_word, rate_word = s.direction_word or s.direction, s.rate_word or s.rate_direction
        expected, cause, arithmetic = _which_word(s)
        out.append(statement_finding(
            "direction", "error", role, s, words, expected,
            "；".join(x for x in (f"“{amount_word}”（增减额）与“{rate_word}”（增减率）方向相反", arithmetic) if x),
            cause=cause))
    zero = Decimal(0)
    if "持平" in (s.direction, s.rate_direction):
        nonzero = [f for f in (s.change, s.rate) if f is not None and not (f.interval.lo <= zero <= f.interval.hi)]
        if nonzero:
            f = nonzero[0]
            what = "增减率" if isinstance(f, Percent) else "增减额"
            expected = printed(zero, f.text) + ("%" if isinstance(f, Percent) else "")
            out.append(statement_finding("direction", "error", role, s, words, expected,
                                         f"文中称“持平”，而所述{what} {fig_text(f)} 不为零"))
    return out


def _which_word(s: Statement) -> tuple[str, str, str]:
    """Which of the two words the arithmetic supports, when the amount, change and rate are stated:
    the corrected wording, the cause, and the arithmetic that decides it."""
    if s.amount is None or s.change is None or s.rate is None:
        return "", "", ""
    stated = _abs(s.rate)
    for direction, wrong in ((s.direction, "rate"), (OPPOSITE[s.direction], "amount")):
        prior = prior_of(s.amount.interval, s.change.interval, direction)
        rate = _rate(s.change.interval, prior) if prior.lo > 0 else None
        if rate is None or verdict(rate, stated) == MISMATCH:
            continue
        bad = (s.rate_word or s.rate_direction) if wrong == "rate" else (s.direction_word or s.direction)
        good = PRINTED_OPPOSITE.get(bad, RATE_WORD[direction] if wrong == "rate" else direction)
        amount_word = s.direction_word or s.direction if wrong == "rate" else good
        rate_word = good if wrong == "rate" else s.rate_word or s.rate_direction
        expected = (statement_phrase(change_phrase(amount_word, s.change), rate_phrase(rate_word, stated))
                    + f"（上年数 {printed_like(prior.mid, finest(s.amount, s.change))}）")
        arithmetic = (f"按{direction}计算，{_prior_text(s, direction, prior)}，{RATE_NAME[direction]} ∈ "
                      f"{fmt_iv(rate, 4, '%')}，与所述 {stated} 相符")
        return expected, cause_word(good), arithmetic
    return "", "", ""


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
        statement_phrase(change_phrase(s.direction_word or "增加", s.change), rate_phrase(s.rate_word or "增长", _abs(s.rate))),
        "上年数为 0，增长率无意义，应写“新增”",
        f"{_prior_text(s, '增加', prior)}，含 0：以零为基数的增长率无意义，应写“新增”或“上年无此项”")]


def check_statement(s: Statement, role: str) -> list[Finding]:
    return check_rate(s, role) + check_prior_stated(s, role) + check_direction(s, role) + check_zero_base(s, role)
