"""占 p%: a stated share vs amount / the whole it is a share of."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..core import Document, Statement
from ..numbers import Amount
from ..results import Finding
from .counterparts import TOTAL_TOPICS, find_whole, is_three_public_whole, three_public_key, whole_topic
from .crosstable import three_public_cells, total_cell
from ..parsers.scope import compatible
from .rules import (HEDGED_NOTE, HUNDRED, MEETS, MISMATCH, ROUNDING, VERDICT, decimals, distance, fig_iv, fig_text, fmt_iv,
                    hedged, page_ref, printed, rule_text, statement_finding, transposition_cause, verdict)

def check_shares(doc: Document, role: str) -> list[Finding]:
    out: list[Finding] = []
    sts = doc.statements
    wholes = {i: _whole_of(doc, i) for i, s in enumerate(sts) if s.share is not None and s.amount is not None}
    for i, s in enumerate(sts):
        if s.share is None:
            continue
        stated = s.share
        if s.amount is None:
            out.append(statement_finding("share", "insufficient", role, s, str(stated), "",
                                         "句中未列示该占比对应的金额，无法复核"))
            continue
        whole = wholes[i]
        if whole is None:
            what = f"“占{s.share_of}”" if s.share_of else "该占比"
            out.append(statement_finding("share", "insufficient", role, s, str(stated), "",
                                         f"无法确定{what}所指的总额，未作复核"))
            continue
        peers = [sts[j] for j, w in wholes.items() if w is not None and sts[j].section == s.section and w.same(whole)]
        out += _compare(s, whole, sts, role, doc.kind, peers)
    return out


def _whole_of(doc: Document, i: int) -> "_Whole | None":
    found = find_whole(doc.statements, i, doc.kind)
    if found is not None:
        return _Whole(found.amount, found.subject, found.page, found)
    return _three_public_table_whole(doc, doc.statements[i])


def _plugged_to_100(s: Statement, peers: list[Statement], whole: "_Whole") -> str:
    """A share printed one unit of its last digit off in a list of shares of the same whole (`peers`, s among
    them) that add to exactly 100 % as printed, where it is the only one off: the producer adjusted it so that
    the list adds to 100 % (js-fy-2017 p.20: 基本支出 59.35 %、项目支出 40.01 %、单位预留机动经费 0.64 %;
    182.92 ÷ 28,849.38 = 0.634 %; js-swb-2019 p.12: 三公 13.77 %、80.92 %、5.31 %, 411.20 ÷ 508.20 = 80.913 %).
    A rounding practice, not a wrong figure: the note that says so, or ""."""
    if len(peers) < 2 or sum(o.share.value for o in peers) != HUNDRED:
        return ""
    places = max(decimals(o.share.text) for o in peers)
    unit = Decimal(1).scaleb(-places)
    off = []
    for o in peers:
        r = o.amount.interval.divide(whole.amount.interval)
        if r is None:
            return ""
        share = r.scale(HUNDRED)
        if verdict(share, o.share) == MISMATCH:
            off.append((o, share))
    if len(off) != 1 or off[0][0] is not s:
        return ""
    share = off[0][1]
    if not (share.lo - unit <= s.share.value <= share.hi + unit):
        return ""
    listed = "、".join(f"{o.subject} {o.share.text}" for o in peers)
    return f"所列各项占比（{listed}）合计恰为 100%，仅此项差末位一个单位：系为凑足 100% 所作的尾差调整，按舍入差异处理"


@dataclass(frozen=True)
class _Whole:
    """What a share is of: a stated total, or a table's figure."""
    amount: Amount
    subject: str
    page: int | None
    statement: Statement | None = None
    others: tuple["_Whole", ...] = ()      # other totals of the same table a share might wrongly be of

    def same(self, other: "_Whole") -> bool:
        if self.statement is not None or other.statement is not None:
            return self.statement is other.statement
        return (self.subject, self.amount.value, self.page) == (other.subject, other.amount.value, other.page)


def _three_public_table_whole(doc: Document, s: Statement) -> _Whole | None:
    """A 三公 item's share of the 三公 total that the text does not state (「因公出国（境）费支出 160 万元，占“三公”经费
    的 31.14%」, js-fy-2019 p.23): the 三公 table's subtotal, when the table is read with confidence — the item's
    own amount is its cell there (same unit, same funds) and the subtotal is one figure."""
    if s.share_of and whole_topic(s.share_of) != "three_public":
        return None
    if not s.share_of and s.topic != "three_public":
        return None
    key = three_public_key(s.subject)
    t = doc.table("three_public")
    if key in (None, "whole") or t is None:
        return None
    own, wholes = three_public_cells(t, key), three_public_cells(t, "whole")
    if len(own) != 1 or own[0].amount is None or not own[0].amount.interval.meets(s.amount.interval):
        return None
    if len(wholes) != 1 or wholes[0].amount is None:
        return None
    name = t.number or t.title
    total = total_cell(t, "合计", "总计", one_row=True)
    others = tuple(_Whole(c.amount, f"{name} {c.what}（“三公”经费与会议费、培训费等之和）", c.row.page)
                   for c in (total,) if c is not None and c.amount is not None and c.col != wholes[0].col)
    return _Whole(wholes[0].amount, f"{name} {wholes[0].what}", wholes[0].row.page, others=others)


def _compare(s: Statement, whole: _Whole, sts: tuple[Statement, ...], role: str, kind: str | None = None,
             peers: list[Statement] | None = None) -> list[Finding]:
    """`peers`: the shares of the same whole in s's section (s among them), for the tail adjustment to 100 %."""
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
    plugged = _plugged_to_100(s, peers or [], whole)
    if plugged:
        return [statement_finding("share", "rounding", role, s, str(s.share), expected, f"{rule}；{plugged}", distance=gap)]
    severity, cause = "error", transposition_cause(str(s.share), share)
    other = _other_whole(s, whole, sts, kind) or next((o for o in whole.others if _fits(s, o.amount)), None)
    if other is not None:
        severity = "warning"
        cause = (f"分母用错总额：{fig_text(s.amount)} ÷ {fig_text(other.amount)}（{other.subject}）与所述占比相符，"
                 f"而非以“{whole.subject}”为分母")
    return [statement_finding("share", severity, role, s, str(s.share), expected, rule, distance=gap, cause=cause)]


def _other_whole(s: Statement, whole: _Whole, sts: tuple[Statement, ...], kind: str | None = None) -> Statement | None:
    """Another stated total that the share does fit (a different base may explain it)."""
    for w in sts:
        if w is whole.statement or w.amount is None or w.share is not None:
            continue
        if w.topic not in TOTAL_TOPICS and not is_three_public_whole(w):
            continue
        if not compatible(w.subject, s.subject, kind):
            continue
        if _fits(s, w.amount):
            return w
    return None


def _fits(s: Statement, whole: Amount) -> bool:
    r = s.amount.interval.divide(whole.interval)
    return r is not None and verdict(r.scale(HUNDRED), s.share) != MISMATCH
