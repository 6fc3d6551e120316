"""Large changes without a stated reason, and reasons copied from another item."""
from __future__ import annotations

import re
from decimal import Decimal

from rapidfuzz import fuzz

from ..core import Document, Statement
from ..results import Finding
from .rules import HUNDRED, amount_direction, change_phrase, page_ref, prior_of, statement_finding

LARGE_RATE = Decimal(30)        # percent: a change this large deserves a reason
COPY_SIMILARITY = 85            # reasons this similar (0..100) are the same sentence
_ITEM_RE = re.compile(r"([^（）()]+)[（(]\s*项\s*[)）]")


def item_name(s: Statement) -> str:
    """The 项 name of a functional-item subject (…（款）行政单位离退休（项） → 行政单位离退休)."""
    m = _ITEM_RE.findall(s.subject)
    name = m[-1] if m else s.subject
    return re.sub(r"^.*[）)]", "", name).strip()


def _rate(s: Statement) -> Decimal | None:
    """The relative change, stated or recomputed from amount and change; None over a zero base (a new
    item: the zero-base check speaks for it, and a rate there means nothing)."""
    d = amount_direction(s)
    prior = None
    if s.amount is not None and s.change is not None and d in ("增加", "减少"):
        prior = prior_of(s.amount.interval, s.change.interval, d)
        if prior.lo <= 0:
            return None
    if s.rate is not None:
        return abs(s.rate.value)
    return None if prior is None else s.change.value / prior.mid * HUNDRED


def check_unexplained(doc: Document, role: str) -> list[Finding]:
    out = []
    for s in doc.statements:
        r = _rate(s)
        if r is not None and r >= LARGE_RATE and not (s.reason or "").strip() and not s.no_base:
            out.append(statement_finding(
                "unexplained", "notice", role, s,
                change_phrase(s.direction_word or s.direction, s.change) if s.change else str(s.rate), "说明变动原因",
                f"增减幅度 {r.quantize(Decimal('0.01'))}%，达到 {LARGE_RATE}% 以上，未说明变动原因"))
    return out + _copied(doc, role)


def _copied(doc: Document, role: str) -> list[Finding]:
    """A reason that names another item and not its own, and reads like that item's reason."""
    items = [s for s in doc.statements if s.code and len(s.code) == 7 and (s.reason or "").strip()]
    out = []
    for s in items:
        own = item_name(s)
        if own and own in s.reason:
            continue
        for o in items:
            other = item_name(o)
            if o is s or len(other) < 4 or other == own or other not in s.reason:
                continue
            if fuzz.ratio(s.reason, o.reason) >= COPY_SIMILARITY:
                out.append(statement_finding(
                    "unexplained", "notice", role, s, s.reason, f"关于“{own}”本身的变动原因",
                    f"原因说明提及“{other}”（{o.code}，{page_ref(o.page)}）而未提及本项“{own}”，"
                    f"与该项的原因说明相似度为 {fuzz.ratio(s.reason, o.reason):.0f}%",
                    cause=f"原因说明照搬自“{other}”项"))
                break
    return out
