"""占 p%: a stated share vs amount / the whole it is a share of."""
from __future__ import annotations

from ..core import Document, Statement
from ..results import Finding
from .rules import (HEDGED_NOTE, HUNDRED, MEETS, MISMATCH, ROUNDING, VERDICT, distance, fig_iv, fig_text, fmt_iv,
                    hedged, page_ref, printed, rule_text, squash, statement_finding, transposition_cause, verdict)

TOTAL_TOPICS = ("income_total", "expense_total", "gpb_total")
# The totals a part's share may be of, by the part's topic (nearest preceding one wins).
WHOLE_TOPICS = {
    "income_source": ("income_total",),
    "basic": ("expense_total", "gpb_total"),
    "project": ("expense_total", "gpb_total"),
    "item": ("gpb_total", "expense_total"),
}


# 三公 categories by the words of their names, most specific first ("whole" for the 三公 total).
THREE_PUBLIC_WORDS = (("whole", ("三公",)), ("abroad", ("出国",)), ("reception", ("接待",)),
                      ("vehicles", ("购置及运行", "购置和运行")), ("purchase", ("购置",)), ("running", ("运行",)))


def three_public_key(name: str) -> str | None:
    """Which 三公 category a row, column or subject names: whole, abroad, reception, vehicles, purchase, running."""
    t = squash(name)
    return next((key for key, words in THREE_PUBLIC_WORDS if any(w in t for w in words)), None)


def whole_topic(share_of: str) -> str | None:
    """The total topic a printed 占…的 names (占收入总计的 → income_total)."""
    t = squash(share_of)
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
    return s.topic == "three_public" and three_public_key(s.subject) == "whole"


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
                                         "句中未列示该占比对应的金额，无法复核"))
            continue
        whole = find_whole(sts, i)
        if whole is None:
            what = f"“占{s.share_of}”" if s.share_of else "该占比"
            out.append(statement_finding("share", "insufficient", role, s, str(stated), "",
                                         f"无法确定{what}所指的总额，未作复核"))
            continue
        out += _compare(s, whole, sts, role)
    return out


def _compare(s: Statement, whole: Statement, sts: tuple[Statement, ...], role: str) -> list[Finding]:
    ratio = s.amount.interval.divide(whole.amount.interval)
    if ratio is None:
        return [statement_finding("share", "insufficient", role, s, str(s.share), "",
                                  f"总额“{whole.subject}”{fig_text(whole.amount)} 为零，占比无意义")]
    share = ratio.scale(HUNDRED)
    v = verdict(share, s.share)
    if v == MEETS:
        return []
    rule = rule_text(f"占比 = {fig_text(s.amount)} ÷ {fig_text(whole.amount)}（{whole.subject}，{page_ref(whole.page)}）"
                     f"∈ {fmt_iv(share, 4, '%')}", f"所述 {fig_iv(s.share)}", verdict=VERDICT[v])
    expected = printed(share.mid, s.share.text) + "%"
    gap = distance(s.share.value, share.mid, s.share)
    if hedged(s):
        return [statement_finding("share", "insufficient", role, s, str(s.share), expected, f"{rule}；{HEDGED_NOTE}")]
    if v == ROUNDING:
        return [statement_finding("share", "rounding", role, s, str(s.share), expected, rule, distance=gap)]
    severity, cause = "error", transposition_cause(str(s.share), share)
    other = _other_whole(s, whole, sts)
    if other is not None:
        severity = "warning"
        cause = (f"分母用错总额：{fig_text(s.amount)} ÷ {fig_text(other.amount)}（{other.subject}）与所述占比相符，"
                 f"而非以“{whole.subject}”为分母")
    return [statement_finding("share", severity, role, s, str(s.share), expected, rule, distance=gap, cause=cause)]


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
