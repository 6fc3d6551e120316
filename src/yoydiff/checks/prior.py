"""Cross-year check `prior`: the previous-year figure the new document implies vs what the old one published.

The new text says "2026年预算数为450.00万元，比上年预算减少74.75万元": the 2025 figure it implies is
450.00 + 74.75 = 524.75, an interval because both figures are rounded. The old document published
534.75 for the same line. A 项 statement describes 一般公共预算 当年拨款, so the old figure for a coded
statement is the 一般公共预算支出表 (表5) 合计 of that line (never the old narrative, which may carry
its own misprint); other statements are compared with the old document's statement on the same
subject (基本支出, 机关运行经费, “三公”经费 …). Which old figure that is, is decided in checks/counterparts.py
(`published`), the one place for what a figure is compared with.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ..core import Document, Statement
from ..matching import Matching
from ..numbers import Amount, Interval, normalise_digits
from ..results import Finding
from .counterparts import Published, published

_NOT_YOY = ("年初", "调整预算", "调整后")         # comparisons that are not with last year's budget
_EXECUTION = ("执行", "决算", "实际")             # a base that is last year's outturn, not its budget


def implied_prior(s: Statement) -> Interval | None:
    """The previous-year interval a statement implies: prior_stated, or amount ∓ change."""
    if s.prior_stated is not None:
        return s.prior_stated.interval
    if s.amount is None:
        return None
    if s.direction == "持平" and s.change is None:
        return s.amount.interval
    if s.change is None or s.direction not in ("增加", "减少", "持平"):
        return None
    ch = s.change.interval
    if ch.lo < 0:                    # a signed change printed with its minus
        ch = Interval(-ch.hi, -ch.lo)
    return s.amount.interval - ch if s.direction == "增加" else s.amount.interval + ch


def _decimals(text: str) -> int:
    t = normalise_digits(text).replace(" ", "").replace(",", "")
    return len(t.split(".", 1)[1]) if "." in t else 0


def _fmt(v: Decimal, places: int = 2) -> str:
    return f"{v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,}"


def _swapped(a: str, b: str) -> bool:
    """Two printed figures that differ by two adjacent digits swapped."""
    x, y = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    if len(x) != len(y) or x == y:
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]


def _cause(s: Statement, prior: Published) -> str:
    """A recognisable cause of the mismatch, '' when none is recognised."""
    causes = []
    if s.amount is not None and s.change is not None and s.direction in ("增加", "减少"):
        other = s.amount.interval + s.change.interval if s.direction == "增加" else s.amount.interval - s.change.interval
        if other.meets(prior.amount.interval):
            word = "减少" if s.direction == "增加" else "增加"
            causes.append(f"方向词应为“{word}”：按“{word}”计算，两年文件的数字相符")
        true = s.amount.value - prior.amount.value
        places = _decimals(s.change.text)
        if _swapped(s.change.text, _fmt(abs(true), places)):
            causes.append(f"增减额两位数字颠倒（{_fmt(abs(true), places)} → {s.change.text}）")
    if s.amount is not None and s.prior_stated is None and s.change is not None:
        implied = implied_prior(s)
        if implied is not None and _swapped(_fmt(implied.mid, 2), _fmt(prior.amount.value, 2)):
            causes.append(f"上年数两位数字颠倒（{_fmt(prior.amount.value, 2)} → {_fmt(implied.mid, 2)}）")
    if s.rate is not None and s.amount is not None and s.change is not None and s.amount.value:
        on_current = s.change.interval.divide(s.amount.interval)
        if on_current is not None and on_current.scale(Decimal(100)).meets(s.rate.interval):
            causes.append("增减率以本年数而非上年数为分母")
    if any(w in s.comparison for w in _EXECUTION):
        causes.append(f"上年数采用了{s.comparison}而非上年预算数")
    return "；".join(causes)


def _correct_change(new_amount: Amount, old_amount: Amount) -> str:
    """The change the two published figures give: 减少 84.75 万元，下降 15.85%."""
    d = new_amount.value - old_amount.value
    if d == 0:
        return "与上年持平"
    word = "增加" if d > 0 else "减少"
    rate = f"，{'增长' if d > 0 else '下降'} {_fmt(abs(d) / old_amount.value * 100)}%" if old_amount.value else ""
    return f"{word} {_fmt(abs(d))} 万元{rate}"


def _with_unit(a: Amount) -> str:
    return f"{a.text} {a.unit}"


def _year_file(doc: Document, fallback: str) -> str:
    return f"{doc.year} 年文件" if doc.year else fallback


def _how(s: Statement) -> str:
    """How the statement gives the previous-year figure: 450.00 + 74.75 / 直接列示 / 与上年持平."""
    if s.prior_stated is not None:
        return ""
    if s.direction == "持平":
        return f"{s.amount.text}（与上年持平）"
    return f"{s.amount.text} {'−' if s.direction == '增加' else '+'} {s.change.text}"


def check_prior(old: Document, new: Document, matching: Matching | None = None) -> list[Finding]:
    """One finding per new-document statement whose implied previous-year figure the old document contradicts."""
    recoded = {}
    if matching is not None:
        recoded = {m.new_code: m.old_code for m in matching.functional if m.kind == "re-coded"}
    out = []
    for s in new.statements:
        if s.no_base or any(w in (s.comparison or "") for w in _NOT_YOY):
            continue
        prior = implied_prior(s)
        if prior is None:
            continue
        code = s.code or ""
        pubs = published(old, s, recoded, new)
        if not pubs or any(prior.meets(p.amount.interval) for p in pubs):
            continue
        pub = pubs[0]
        rounding = prior.meets(pub.amount.truncation_interval)
        cause = "" if rounding else _cause(s, pub)
        # a base that is last year's outturn checked against a 预算 is only a warning; against a 决算 it is the figure
        outturn = any(w in s.comparison for w in _EXECUTION) or new.kind == "决算"
        severity = "rounding" if rounding else "warning" if outturn and old.kind != "决算" else "error"
        places = max(_decimals(pub.amount.text), 2)
        implied, said = _fmt(prior.mid, places), _year_file(new, "本年文件")
        how, published_in = _how(s), _year_file(old, "上年文件")
        gap = f"相差 {_fmt(abs(prior.mid - pub.amount.value), places)} 万元"
        derivation = f"{said}所述上年数 = {how} = {implied}" if how else f"{said}直接列示上年数 {implied}"
        intervals = (f"区间 [{_fmt(prior.lo, places + 1)}, {_fmt(prior.hi, places + 1)}] 与 "
                     f"[{_fmt(pub.amount.interval.lo, places + 1)}, {_fmt(pub.amount.interval.hi, places + 1)}] "
                     + ("仅在截尾（而非四舍五入）时相交，属舍入差异" if rounding else "不相交"))
        change = f"；按两年文件计算应为{_correct_change(s.amount, pub.amount)}" if s.amount is not None else ""
        also = "".join(f"；{published_in} {p.where} 另列 {p.amount.text}，亦不符" for p in pubs[1:])
        out.append(Finding(
            check="prior", severity=severity, doc="new", page=s.page, item=s.subject, code=code,
            stated=f"上年数 {implied} 万元（{said}" + (f"：{how}）" if how else "直接列示）"),
            expected=f"{_with_unit(pub.amount)}（{published_in} {pub.where}）{change}",
            rule=f"{derivation}；{published_in}公布 {pub.amount.text}；{gap}（{intervals}）{also}",
            quote=s.quote, location=s.section, distance=gap,
            cause=cause, other_page=pub.page, other_quote=pub.quote,
        ))
    return out
