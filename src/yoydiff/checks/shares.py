"""占 p%: a stated share vs amount / the whole it is a share of."""
from __future__ import annotations

from ..core import Document, Statement
from ..results import Finding
from .rules import (HUNDRED, MEETS, MISMATCH, ROUNDING, fig_iv, fig_text, fmt_iv, gap, printed, statement_finding,
                    transposition_cause, verdict)

TOTAL_TOPICS = ("income_total", "expense_total", "gpb_total")
# The totals a part's share may be of, by the part's topic (nearest preceding one wins).
WHOLE_TOPICS = {
    "income_source": ("income_total",),
    "basic": ("expense_total", "gpb_total"),
    "project": ("expense_total", "gpb_total"),
    "item": ("gpb_total", "expense_total"),
}


def _norm(text: str) -> str:
    return "".join(text.split()).replace("“", "").replace("”", "").replace('"', "")


def whole_topic(share_of: str) -> str | None:
    """The total topic a printed 占…的 names (占收入总计的 → income_total)."""
    t = _norm(share_of)
    if "三公" in t:
        return "three_public"
    if "当年拨款" in t or "一般公共预算" in t or "财政拨款" in t:
        return "gpb_total"
    if "收入" in t:
        return "income_total"
    if "支出" in t:
        return "expense_total"
    return None


def is_three_public_whole(s: Statement) -> bool:
    return s.topic == "three_public" and "三公" in _norm(s.subject)


def find_whole(statements: tuple[Statement, ...], i: int) -> Statement | None:
    """The statement whose amount statement i's share is of: the nearest preceding total of the
    topic the text names (share_of), else of the part's topic family; None when it cannot be identified."""
    s = statements[i]
    if s.share_of:
        topic = whole_topic(s.share_of)
        topics = (topic,) if topic else ()
    elif s.topic == "three_public":
        topics = ("three_public",)
    else:
        topics = WHOLE_TOPICS.get(s.topic, ())
    for w in reversed(statements[:i]):
        if w.amount is None or w.share is not None or w.topic not in topics:
            continue
        if w.topic == "three_public" and not is_three_public_whole(w):
            continue
        if s.amount is not None and w.amount.interval.hi < s.amount.interval.lo:
            continue   # a whole is never smaller than its part
        return w
    return None


def check_shares(doc: Document, role: str) -> list[Finding]:
    out: list[Finding] = []
    sts = doc.statements
    for i, s in enumerate(sts):
        if s.share is None:
            continue
        stated = s.share
        if s.amount is None:
            out.append(statement_finding("share", "insufficient", role, s, str(stated), "",
                                         "the share's amount is not stated in the sentence"))
            continue
        whole = find_whole(sts, i)
        if whole is None:
            what = f"占{s.share_of}" if s.share_of else f"a {s.topic or 'statement'} share"
            out.append(statement_finding("share", "insufficient", role, s, str(stated), "",
                                         f"the whole that {what} refers to cannot be identified"))
            continue
        out += _compare(s, whole, sts, role)
    return out


def _compare(s: Statement, whole: Statement, sts: tuple[Statement, ...], role: str) -> list[Finding]:
    ratio = s.amount.interval.divide(whole.amount.interval)
    if ratio is None:
        return [statement_finding("share", "insufficient", role, s, str(s.share), "",
                                  f"the whole {whole.subject} {fig_text(whole.amount)} is zero")]
    share = ratio.scale(HUNDRED)
    v = verdict(share, s.share)
    if v == MEETS:
        return []
    rule = (f"share = {fig_text(s.amount)} / {fig_text(whole.amount)} ({whole.subject}, p.{whole.page}) "
            f"∈ {fmt_iv(share, 4, '%')}; stated {fig_iv(s.share)}: "
            f"{'meets only if the figure was truncated' if v == ROUNDING else 'mismatch'}")
    expected = printed(share.mid, s.share.text) + "%"
    if v == ROUNDING:
        return [statement_finding("share", "rounding", role, s, str(s.share), expected, rule)]
    severity, cause = "error", transposition_cause(s.share.text, share)
    other = _other_whole(s, whole, sts)
    if other is not None:
        severity = "warning"
        cause = (f"share of the wrong total: it is {fig_text(s.amount)} / {fig_text(other.amount)} "
                 f"({other.subject}) rather than of {whole.subject}")
    return [statement_finding("share", severity, role, s, str(s.share), expected, rule,
                              distance=gap(share, s.share.interval, "pp"), cause=cause)]


def _other_whole(s: Statement, whole: Statement, sts: tuple[Statement, ...]) -> Statement | None:
    """Another stated total that the share does fit (a different base may explain it)."""
    for w in sts:
        if w is whole or w.amount is None or w.share is not None:
            continue
        if w.topic not in TOTAL_TOPICS and not is_three_public_whole(w):
            continue
        r = s.amount.interval.divide(w.amount.interval)
        if r is not None and verdict(r.scale(HUNDRED), s.share) != MISMATCH:
            return w
    return None
