"""占 p%: a stated share vs amount / the whole it is a share of."""
from __future__ import annotations

from ..core import Document, Statement
from ..results import Finding
from .counterparts import TOTAL_TOPICS, find_whole, is_three_public_whole
from ..parsers.scope import compatible
from .rules import (HEDGED_NOTE, HUNDRED, MEETS, MISMATCH, ROUNDING, VERDICT, distance, fig_iv, fig_text, fmt_iv,
                    hedged, page_ref, printed, rule_text, statement_finding, transposition_cause, verdict)

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
        whole = find_whole(sts, i, doc.kind)
        if whole is None:
            what = f"“占{s.share_of}”" if s.share_of else "该占比"
            out.append(statement_finding("share", "insufficient", role, s, str(stated), "",
                                         f"无法确定{what}所指的总额，未作复核"))
            continue
        out += _compare(s, whole, sts, role, doc.kind)
    return out


def _compare(s: Statement, whole: Statement, sts: tuple[Statement, ...], role: str, kind: str | None = None) -> list[Finding]:
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
    other = _other_whole(s, whole, sts, kind)
    if other is not None:
        severity = "warning"
        cause = (f"分母用错总额：{fig_text(s.amount)} ÷ {fig_text(other.amount)}（{other.subject}）与所述占比相符，"
                 f"而非以“{whole.subject}”为分母")
    return [statement_finding("share", severity, role, s, str(s.share), expected, rule, distance=gap, cause=cause)]


def _other_whole(s: Statement, whole: Statement, sts: tuple[Statement, ...], kind: str | None = None) -> Statement | None:
    """Another stated total that the share does fit (a different base may explain it)."""
    for w in sts:
        if w is whole or w.amount is None or w.share is not None:
            continue
        if w.topic not in TOTAL_TOPICS and not is_three_public_whole(w):
            continue
        if not compatible(w.subject, s.subject, kind):
            continue
        r = s.amount.interval.divide(w.amount.interval)
        if r is not None and verdict(r.scale(HUNDRED), s.share) != MISMATCH:
            return w
    return None
