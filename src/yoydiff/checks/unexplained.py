"""Large changes without a stated reason, and reasons copied from another item."""
from __future__ import annotations

import re
from decimal import Decimal

from rapidfuzz import fuzz

from ..core import Document, Statement
from ..results import Finding
from .rules import HUNDRED, amount_direction, fig_text, prior_of, statement_finding

LARGE_RATE = Decimal(30)        # percent: a change this large deserves a reason
COPY_SIMILARITY = 85            # reasons this similar (0..100) are the same sentence
_ITEM_RE = re.compile(r"([^（）()]+)[（(]\s*项\s*[)）]")


def item_name(s: Statement) -> str:
    """The 项 name of a functional-item subject (…（款）行政单位离退休（项） → 行政单位离退休)."""
    m = _ITEM_RE.findall(s.subject)
    name = m[-1] if m else s.subject
    return re.sub(r"^.*[）)]", "", name).strip()


def _rate(s: Statement) -> Decimal | None:
    """The relative change, stated or recomputed from amount and change."""
    if s.rate is not None:
        return abs(s.rate.value)
    d = amount_direction(s)
    if s.amount is None or s.change is None or d not in ("增加", "减少"):
        return None
    prior = prior_of(s.amount.interval, s.change.interval, d)
    return None if prior.lo <= 0 else s.change.value / prior.mid * HUNDRED


def check_unexplained(doc: Document, role: str) -> list[Finding]:
    out = []
    for s in doc.statements:
        r = _rate(s)
        if r is not None and r >= LARGE_RATE and not (s.reason or "").strip() and not s.no_base:
            out.append(statement_finding(
                "unexplained", "notice", role, s, f"{s.direction_word or s.direction or ''} {fig_text(s.change)}".strip()
                if s.change else str(s.rate), "a reason for the change",
                f"a change of {r.quantize(Decimal('0.01'))}% (≥ {LARGE_RATE}%) is stated without a reason"))
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
                    "unexplained", "notice", role, s, s.reason, f"a reason about {own}",
                    f"the reason names {other} (item {o.code}, p.{o.page}) and not {own}, and reads like that "
                    f"item's reason ({fuzz.ratio(s.reason, o.reason):.0f}% similar)",
                    cause=f"reason copied from {other}"))
                break
    return out
