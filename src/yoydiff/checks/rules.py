"""The interval rule shared by the checks, and the one vocabulary their findings are written in.

A check recomputes a figure over intervals and compares it with the interval the printed figure stands
for. The functions below print both, the distance between the two figures and the recognised causes in
the Chinese a 审计 / 人大预算审查 reviewer reads, so that every finding of the memo reads alike. Amounts
keep their printed unit (万元 unless the document prints 元); percentages are compared in 个百分点.
"""
from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ..core import Statement
from ..numbers import UNIT_SCALE, Amount, Interval, Percent, normalise_digits
from ..results import SEVERITY_RANK, Finding

MEETS, ROUNDING, MISMATCH = "meets", "rounding", "mismatch"
HUNDRED = Decimal(100)
ZERO = Interval(Decimal(0), Decimal(0))

# Normalised direction words: amount direction -> the rate direction that goes with it.
RATE_WORD = {"增加": "增长", "减少": "下降", "持平": "持平"}
AMOUNT_WORD = {v: k for k, v in RATE_WORD.items()}
OPPOSITE = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}
# A printed direction word and its opposite in the same style (增幅 ↔ 减幅), to name the right word.
_PAIRS = (("增加", "减少"), ("增", "减"), ("增支", "减支"), ("多", "少"), ("上升", "降低"), ("增幅", "减幅"),
          ("增长", "下降"))
PRINTED_OPPOSITE = {**{a: b for a, b in _PAIRS}, **{b: a for a, b in _PAIRS}, "降幅": "增幅"}

# The words of a verdict: a recomputed ratio against a stated one, and a stated total against its parts.
VERDICT = {MEETS: "相符", ROUNDING: "仅在截尾（而非四舍五入）时相符", MISMATCH: "不符"}
SUM_VERDICT = {"rounding": "区间相交，属舍入差异", "error": "不符", "notice": "不符"}
BLANK = "空白"
BLANK_AS_ZERO = "空白（按 0 计）"
HEDGED_NOTE = "所述为约数（约、近、超过），不按四舍五入区间认定差错"


def verdict(computed: Interval, stated: Amount | Percent) -> str:
    """meets (interval rule), rounding (holds only if the figure was truncated), or mismatch."""
    if computed.meets(magnitude(stated.interval)):
        return MEETS
    if computed.meets(magnitude(stated.truncation_interval)):
        return ROUNDING
    return MISMATCH


def magnitude(i: Interval) -> Interval:
    """|i| for an interval on one side of zero (rates are stated as magnitudes with a word)."""
    return i if i.lo >= 0 else Interval(-i.hi, -i.lo) if i.hi <= 0 else Interval(Decimal(0), max(-i.lo, i.hi))


def hedged(s: Statement) -> bool:
    """The sentence gives its figures as approximations (约, 近, 超过)."""
    return s.hedged


# ---- figures ------------------------------------------------------------------------------------

def decimals(text: str) -> int:
    t = normalise_digits(text).replace(" ", "").rstrip("%％")
    return len(t.split(".", 1)[1]) if "." in t else 0


def num(v: Decimal) -> str:
    """A decimal with thousands separators and a true minus sign (−1,234.50)."""
    return f"{v:,}" if v >= 0 else f"−{-v:,}"


def printed(v: Decimal, like: str) -> str:
    """v rounded to the decimals of the printed figure `like`, with thousands separators."""
    return num(v.quantize(Decimal(1).scaleb(-decimals(like)), rounding=ROUND_HALF_UP))


def printed_like(v: Decimal, fig: Amount | None) -> str:
    """A value in 万元 printed in the unit and decimals of a printed amount (2 decimals in 万元 without one)."""
    if fig is None:
        return printed(v, "0.00")
    return printed(v / UNIT_SCALE[fig.unit], fig.text)


def fmt_iv(i: Interval, places: int = 2, suffix: str = "", keep: int | None = None) -> str:
    """An interval rounded outwards, so the printed bounds still contain the true one;
    trailing zeros beyond `keep` decimals are dropped."""
    q = Decimal(1).scaleb(-places)
    bounds = [i.lo.quantize(q, rounding=ROUND_FLOOR), i.hi.quantize(q, rounding=ROUND_CEILING)]
    if keep is not None:
        bounds = [_trim(b, keep) for b in bounds]
    return f"[{num(bounds[0])}{suffix}, {num(bounds[1])}{suffix}]"


def _trim(v: Decimal, keep: int) -> Decimal:
    while v.as_tuple().exponent < -keep and v == v.quantize(Decimal(1).scaleb(v.as_tuple().exponent + 1)):
        v = v.quantize(Decimal(1).scaleb(v.as_tuple().exponent + 1))
    return v


def unit_suffix(fig: Amount | None) -> str:
    """The unit to print after an amount in a rule: none for 万元 (the documents' unit), else ' 元'."""
    return "" if fig is None or fig.unit == "万元" else f" {fig.unit}"


def amount_iv(i: Interval, like: Amount | None, keep: bool = False) -> str:
    """An interval in 万元 printed in the unit of `like`, one decimal finer than it is printed
    (trailing zeros dropped down to its decimals when keep)."""
    if like is None:
        return fmt_iv(i, 3)
    places = decimals(like.text)
    return fmt_iv(i.scale(1 / UNIT_SCALE[like.unit]), places + 1, keep=places if keep else None) + unit_suffix(like)


def fig_text(fig: Amount | Percent) -> str:
    """A printed figure as a rule cites it: 1,590.46 / 164,700 元 / 17.20%."""
    if isinstance(fig, Percent):
        return str(fig)
    return fig.text + unit_suffix(fig)


def with_unit(fig: Amount) -> str:
    """A printed amount with its unit, as a sentence states it: 24.76 万元."""
    return f"{fig.text} {fig.unit}"


def fig_iv(fig: Amount | Percent) -> str:
    """A printed figure and the interval it stands for: 17.20% 即 [17.195%, 17.205%]."""
    if isinstance(fig, Percent):
        return f"{fig} 即 {fmt_iv(fig.interval, decimals(fig.text) + 1, '%')}"
    return f"{fig.text} 即 {amount_iv(fig.interval, fig)}"


def finest(*figs: Amount) -> Amount:
    """The figure printed to the finest resolution: the one to print a result computed from them like."""
    return min(figs, key=lambda f: f.interval.hi - f.interval.lo)


def distance(stated: Decimal, expected: Decimal, like: Amount | Percent | None) -> str:
    """相差 10.00 万元 / 相差 0.18 个百分点: the stated figure against the recomputed one rounded like it
    (values in 万元 or percent; printed in the unit and decimals of `like`, finer when that shows 0)."""
    if isinstance(like, Percent):
        scale, places, unit = Decimal(1), decimals(like.text), "个百分点"
    else:
        scale = UNIT_SCALE[like.unit] if like else Decimal(1)
        places, unit = (decimals(like.text), like.unit) if like else (2, "万元")
    s, e = stated / scale, expected / scale
    d = abs(s - e.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    while d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == 0 and places < 6:
        places += 1
        d = abs(s - e)
    return f"相差 {num(d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))} {unit}"


def rule_text(*parts: str, verdict: str) -> str:
    """Steps of a recomputation joined by ；, then ：and the verdict."""
    return "；".join(p for p in parts if p) + "：" + verdict


def page_ref(page: int | None) -> str:
    return f"第 {page} 页" if page else ""


# ---- sentences ----------------------------------------------------------------------------------

def change_phrase(word: str | None, fig: Amount | None) -> str:
    """增加 2,084.09 万元."""
    return f"{word or ''} {with_unit(fig) if fig else ''}".strip()


def rate_phrase(word: str | None, fig: Percent | None) -> str:
    """增长 17.20%."""
    return f"{word or ''} {fig if fig else ''}".strip()


def statement_phrase(*parts: str) -> str:
    """Clauses of a sentence joined the way the documents write them: 减少 24.76 万元，增长 5.47%."""
    return "，".join(p for p in parts if p)


# ---- causes -------------------------------------------------------------------------------------

def _digits(text: str) -> str:
    return re.sub(r"\D", "", normalise_digits(text))


def transposed(a: str, b: str) -> bool:
    """The digits of a and b differ by one swap of two adjacent digits (1,012.40 / 1,021.40)."""
    da, db = _digits(a), _digits(b)
    if len(da) != len(db) or da == db:
        return False
    diff = [i for i, (x, y) in enumerate(zip(da, db)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]


def cause_transposed(right: str, wrong: str) -> str:
    return f"两位数字颠倒（{right} → {wrong}）"


def transposition_cause(stated_text: str, computed: Interval, like: str | None = None) -> str:
    """A cause when a value of the computed interval, printed like the stated figure, is the
    stated figure with two adjacent digits swapped."""
    like = like or stated_text
    pct = "%" if stated_text.strip().endswith(("%", "％")) else ""
    for v in (computed.lo, computed.mid, computed.hi):
        p = printed(v, like)
        if transposed(stated_text, p):
            return cause_transposed(p + pct, stated_text.strip())
    return ""


def cause_word(word: str) -> str:
    return f"方向词应为“{word}”"


def cause_from_row(code: str, name: str) -> str:
    """A total that is wrong only because one of its parts is."""
    return f"由 {code} 行的差错引起" if code else f"由“{name}”行的差错引起"


# ---- statements ---------------------------------------------------------------------------------

def amount_direction(s: Statement) -> str | None:
    """增加/减少/持平 of the amount change; from the rate word when the amount has none."""
    return s.direction or AMOUNT_WORD.get(s.rate_direction or "")


def contradictory(s: Statement) -> bool:
    """增加 with 下降 or 减少 with 增长: the two words mean opposite directions."""
    return bool(s.direction and s.rate_direction and OPPOSITE.get(s.direction) == AMOUNT_WORD.get(s.rate_direction))


def prior_of(amount: Interval, change: Interval, direction: str) -> Interval | None:
    """The previous-year figure a statement implies: amount − change (增加) or amount + change (减少)."""
    if direction == "增加":
        return amount - change
    if direction == "减少":
        return amount + change
    return None


def statement_finding(check: str, severity: str, role: str, s: Statement, stated: str, expected: str,
                      rule: str, distance: str = "", cause: str = "") -> Finding:
    if s.carried:
        rule = f"{rule}（{CARRIED_NOTE}）" if rule else CARRIED_NOTE
    return Finding(check=check, severity=severity, doc=role, page=s.page, item=s.subject, stated=stated,
                   expected=expected, rule=rule, quote=s.quote, location=s.section, code=s.code or "",
                   distance=distance, cause=cause)


# A statement whose change stands in a sentence that names no subject: the quote runs over both sentences.
CARRIED_NOTE = "主体取自前句"


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY_RANK.get(f.severity, 99), f.page or 0, f.check, f.item))
