"""The interval rule shared by the checks: compare a recomputed interval with a printed figure,
describe both in words a reviewer can follow, and recognise common causes of a mismatch."""
from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ..core import Statement
from ..numbers import UNIT_SCALE, Amount, Interval, Percent, normalise_digits
from ..results import SEVERITY_RANK, Finding

MEETS, ROUNDING, MISMATCH = "meets", "rounding", "mismatch"
HUNDRED = Decimal(100)

# Normalised direction words: amount direction -> the rate direction that goes with it.
RATE_WORD = {"增加": "增长", "减少": "下降", "持平": "持平"}
AMOUNT_WORD = {v: k for k, v in RATE_WORD.items()}
OPPOSITE = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}


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


def decimals(text: str) -> int:
    t = normalise_digits(text).replace(" ", "").rstrip("%％")
    return len(t.split(".", 1)[1]) if "." in t else 0


def printed(v: Decimal, like: str) -> str:
    """v printed like `like` (same decimals, thousands separators if `like` has them)."""
    q = Decimal(1).scaleb(-decimals(like))
    r = v.quantize(q, rounding=ROUND_HALF_UP)
    return f"{r:,}" if "," in normalise_digits(like) else f"{r}"


def fmt_iv(i: Interval, places: int = 2, suffix: str = "", keep: int | None = None) -> str:
    """An interval rounded outwards, so the printed bounds still contain the true one;
    trailing zeros beyond `keep` decimals are dropped."""
    q = Decimal(1).scaleb(-places)
    bounds = [i.lo.quantize(q, rounding=ROUND_FLOOR), i.hi.quantize(q, rounding=ROUND_CEILING)]
    if keep is not None:
        bounds = [_trim(b, keep) for b in bounds]
    return f"[{bounds[0]}{suffix}, {bounds[1]}{suffix}]"


def _trim(v: Decimal, keep: int) -> Decimal:
    while v.as_tuple().exponent < -keep and v == v.quantize(Decimal(1).scaleb(v.as_tuple().exponent + 1)):
        v = v.quantize(Decimal(1).scaleb(v.as_tuple().exponent + 1))
    return v


def fig_iv(fig: Amount | Percent) -> str:
    """The interval a printed figure stands for, e.g. 17.20% = [17.195%, 17.205%] (amounts in 万元)."""
    if isinstance(fig, Percent):
        return f"{fig} = {fmt_iv(fig.interval, decimals(fig.text) + 1, '%')}"
    extra = max(0, -UNIT_SCALE[fig.unit].as_tuple().exponent)
    return f"{fig_text(fig)} = {fmt_iv(fig.interval, decimals(fig.text) + 1 + extra)}"


def printed_like(v: Decimal, fig: Amount | None) -> str:
    """A value in 万元 printed in the unit and style of a printed amount (2 decimals in 万元 without one)."""
    if fig is None:
        return printed(v, "0.00")
    return printed(v / UNIT_SCALE[fig.unit], fig.text)


def fig_text(fig: Amount | Percent) -> str:
    if isinstance(fig, Percent):
        return str(fig)
    return fig.text if fig.unit == "万元" else f"{fig.text}{fig.unit}"


def gap(computed: Interval, stated: Interval, unit: str) -> str:
    d = computed.distance(magnitude(stated)) if unit == "pp" else computed.distance(stated)
    places = 4 if unit == "pp" else 3
    return f"{abs(d).quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)} {'percentage points' if unit == 'pp' else '万元'}"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", normalise_digits(text))


def transposed(a: str, b: str) -> bool:
    """The digits of a and b differ by one swap of two adjacent digits (1,012.40 / 1,021.40)."""
    da, db = _digits(a), _digits(b)
    if len(da) != len(db) or da == db:
        return False
    diff = [i for i, (x, y) in enumerate(zip(da, db)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]


def transposition_cause(stated_text: str, computed: Interval, like: str | None = None) -> str:
    """A cause when a value of the computed interval, printed like the stated figure, is the
    stated figure with two adjacent digits swapped."""
    like = like or stated_text
    for v in (computed.lo, computed.mid, computed.hi):
        p = printed(v, like)
        if transposed(stated_text, p):
            return f"two digits transposed: {p} printed as {stated_text.strip().rstrip('%')}"
    return ""


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
    return Finding(check=check, severity=severity, doc=role, page=s.page, item=s.subject, stated=stated,
                   expected=expected, rule=rule, quote=s.quote, location=s.section, code=s.code or "",
                   distance=distance, cause=cause)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY_RANK.get(f.severity, 99), f.page or 0, f.check, f.item))
