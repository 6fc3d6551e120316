"""The one place that decides what a narrative statement's figure must be compared with.

A share (占 p%) is of one whole: the total the text names (占收入总计的, 占“三公”经费的), else the total of the part's
own family (an income source of the income total, 基本/项目支出 of the spending total, a 三公 item of the 三公
total), stated before it, never smaller than the part and on the same basis (parsers/scope.py: a 决算 part is
not divided by the 预算 total). Parts that must add up to a stated whole (基本 + 项目 = the spending total; the
三公 items = the 三公 total; shares of one list that add to 100 %) are found here too, on the whole's basis.
When no counterpart can be identified with confidence the checks report `insufficient`, never an error
against another figure.

Across years (check `prior`), the previous-year figure a new statement implies is compared with what the old
document published for the same item (`published`): the old 一般公共预算支出表 合计 of a coded line (its old code
when the matching says it was re-coded), else the old document's statement on the same subject — one statement,
or several that agree; when they disagree the old figure is unknown and nothing is compared.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..core import Document, Statement, figure_column
from ..names import normalise
from ..numbers import Amount, Interval
from ..parsers.phrases import fold
from ..parsers.scope import compatible
from ..names import squash
from ..threepublic import COMPANION_RE, three_public_key  # noqa: F401 (re-exported for the checks)

TOTAL_TOPICS = ("income_total", "expense_total", "gpb_total")
# The totals a part's share may be of, by the part's topic (nearest preceding one wins).
WHOLE_TOPICS = {
    "income_source": ("income_total",),
    "basic": ("expense_total", "gpb_total"),
    "project": ("expense_total", "gpb_total"),
    "item": ("gpb_total", "expense_total"),
}


def whole_topic(share_of: str) -> str | None:
    """The total topic a printed 占…的 names (占收入总计的 → income_total)."""
    t = squash(share_of)
    if "三公" in t:
        return "three_public"
    if "政府采购" in t:
        return "procurement"      # 占政府采购支出总额的: the procurement total, not the department's spending
    if "项目支出" in t:
        return "project"
    if "基本支出" in t:
        return "basic"
    if "当年拨款" in t or "一般公共预算" in t or "财政拨款" in t:
        return "gpb_total"
    if "收入" in t:
        return "income_total"
    if "支出" in t:
        return "expense_total"
    return None


# The funds a total may be of, narrowest last: 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营预算.
FUNDS = ("财政拨款", "一般公共预算", "政府性基金", "国有资本经营")


def names_same_funds(share_of: str, subject: str) -> bool:
    """A whole named by its funds (占财政拨款支出的, 占一般公共预算的) is a total of those funds, not of others."""
    named = [f for f in FUNDS if f in squash(share_of)]
    return not named or any(f in squash(subject) for f in named)


# The procurement total a share of 政府采购支出总额 is of (政府采购支出总额, 政府采购预算总额, 政府采购合同总金额 …).
PROCUREMENT_TOTAL_RE = re.compile(r"^政府采购.*(?:总额|总计|合计|总金额)$")


def is_three_public_whole(s: Statement) -> bool:
    return s.topic == "three_public" and three_public_key(s.subject) == "whole"


def find_whole(statements: tuple[Statement, ...], i: int, kind: str | None = None) -> Statement | None:
    """The statement whose amount statement i's share is of: the nearest preceding total of the
    topic the text names (share_of), else of the part's topic family; for a part of no family, the whole of
    the list it ends (「基本支出…占59.07%；项目支出…占27.45%；单位预留机动经费5011.4万元，占13.48%」: the
    share before it, in an unbroken run of shares of its section, and its whole); None when it cannot be
    identified."""
    s = statements[i]
    if s.share_of:
        topic = whole_topic(s.share_of)
        topics = (topic,) if topic else ()
    elif s.topic == "three_public":
        topics = ("three_public",)
    else:
        topics = WHOLE_TOPICS.get(s.topic, ())
    if not topics:
        if not _part_of_a_total(s):
            return None
        j = _list_neighbour(statements, i)
        return None if j is None else find_whole(statements, j, kind) if _fits_whole(statements, i, j, kind) else None
    return _preceding_whole(statements, i, topics, kind)


def _part_of_a_total(s: Statement) -> bool:
    """A part of the spending or income total that has no family of its own (单位预留机动经费, 结转下年资金, 上年结转,
    政府性基金预算收入): a share of 机关运行经费 or of a 项 next to such a list is of something else."""
    return bool(OTHER_SPENDING_RE.search(fold(s.subject))) or s.topic in ("carryover", "fund", "income_source")


def _list_neighbour(statements: tuple[Statement, ...], i: int) -> int | None:
    """The share statement right before statement i, of its section and page (or the page before): the part
    before it in a list of parts."""
    s = statements[i]
    j = i - 1
    if j < 0 or statements[j].share is None or statements[j].section != s.section or statements[j].page not in (s.page, s.page - 1):
        return None
    return j


def _fits_whole(statements: tuple[Statement, ...], i: int, j: int, kind: str | None) -> bool:
    """The neighbour's whole is no smaller than the part and on its basis."""
    w, s = find_whole(statements, j, kind), statements[i]
    return w is not None and w.topic in TOTAL_TOPICS and compatible(w.subject, s.subject, kind) and (
        s.amount is None or w.amount.interval.hi >= s.amount.interval.lo)


def _preceding_whole(statements: tuple[Statement, ...], i: int, topics: tuple[str, ...], kind: str | None) -> Statement | None:
    s = statements[i]
    for w in reversed(statements[:i]):
        if w.amount is None or w.share is not None or w.topic not in topics:
            continue
        if w.topic == "three_public" and not is_three_public_whole(w):
            continue
        if w.topic == "procurement" and not PROCUREMENT_TOTAL_RE.search(squash(w.subject)):
            continue   # 政府采购货物支出 is a part of the procurement total, not the whole
        if s.share_of and not names_same_funds(s.share_of, w.subject):
            continue   # 占财政拨款支出的 is not a share of the 一般公共预算 alone
        if not compatible(w.subject, s.subject, kind) or not compatible(w.subject, s.section, kind):
            continue   # the 预算 total is not the whole of a 决算 part
        if s.amount is not None and w.amount.interval.hi < s.amount.interval.lo:
            continue   # a whole is never smaller than its part
        return w
    return None



def _three_public_parts(parts: list[Statement]) -> list[Statement] | None:
    cat: dict[str, Statement] = {}
    for s in parts:
        key = three_public_key(s.subject)
        if key and key not in cat:
            cat[key] = s
    vehicles = [cat["vehicles"]] if "vehicles" in cat else \
        [cat[k] for k in ("purchase", "running") if k in cat] if {"purchase", "running"} <= cat.keys() else None
    if vehicles is None or "abroad" not in cat or "reception" not in cat:
        return None
    return [cat["abroad"], cat["reception"]] + vehicles


MISSING_NAME = {"purchase": "公务用车购置费", "running": "公务用车运行维护费"}


def partial_three_public(sts: tuple[Statement, ...], kind: str | None = None) -> list[tuple[Statement, list[Statement], str]]:
    """三公 totals followed by 因公出国, 公务接待 and only one of the two vehicle parts (购置 / 运行维护): the whole,
    the listed parts and the name of the part not listed (which can only make up a shortfall)."""
    out = []
    for i, w in enumerate(sts):
        if not is_three_public_whole(w):
            continue
        cat: dict[str, Statement] = {}
        for s in sts[i + 1:]:
            if s.topic != "three_public" or is_three_public_whole(s):
                break
            key = three_public_key(s.subject)
            if key and key not in cat and compatible(w.subject, s.subject, kind):
                cat[key] = s
        vehicle = [k for k in ("purchase", "running") if k in cat]
        if "vehicles" in cat or len(vehicle) != 1 or "abroad" not in cat or "reception" not in cat:
            continue
        missing = "running" if vehicle == ["purchase"] else "purchase"
        out.append((w, [cat["abroad"], cat["reception"], cat[vehicle[0]]], MISSING_NAME[missing]))
    return out


def whole_and_parts(sts: tuple[Statement, ...], kind: str | None = None) -> list[tuple[Statement, list[Statement]]]:
    """Narrative wholes and their complete lists of parts (基本 + 项目, income sources whose shares
    add up to 100%, the 三公 categories)."""
    out = []
    for i, w in enumerate(sts):
        if w.topic in TOTAL_TOPICS:
            nxt = []
            for s in sts[i + 1:]:
                if s.topic in TOTAL_TOPICS or is_three_public_whole(s):
                    break
                nxt.append(s)
            nxt = [s for s in nxt if compatible(w.subject, s.subject, kind)]
            # 基本 + 项目 are the parts of a total stated in the same section, not of one stated sections before
            bp = [s for s in nxt if s.topic in ("basic", "project") and s.section == w.section]
            if sorted(s.topic for s in bp) == ["basic", "project"]:
                # the spending besides 基本/项目 the list states too (「单位预留机动经费2938.21万元，占10.62%」)
                others = [s for s in nxt if s.section == w.section and s.amount is not None and s.change is None
                          and s.topic not in ("basic", "project") and OTHER_SPENDING_RE.search(fold(s.subject))]
                out.append((w, bp + others))
            for topic in ("income_source", "item"):
                ps = [s for s in nxt if s.topic == topic and s.share is not None]
                if len(ps) >= 2 and Interval.total(s.share.interval for s in ps).meets(Interval.exact(Decimal(100))):
                    out.append((w, ps))
        elif is_three_public_whole(w):
            nxt = []
            for s in sts[i + 1:]:
                if s.topic != "three_public" or is_three_public_whole(s):
                    break
                nxt.append(s)
            ps = _three_public_parts([s for s in nxt if compatible(w.subject, s.subject, kind)])
            # a list that runs on past the 三公 items (「…公务接待费43.77万元、会议费34.10万元、培训费51.37万元」):
            # the total printed before it is the total of the whole list
            extra = []
            for s in sts[i + 1 + len(nxt):]:
                if s.topic == "three_public" or s.amount is None or s.change is not None or s.rate is not None \
                        or s.share is not None or s.page != w.page or not COMPANION_RE.search(squash(s.subject)):
                    break
                extra.append(s)
            if ps:
                out.append((w, ps + extra))
        elif w.topic == "three_public" and three_public_key(w.subject) == "vehicles" and w.amount is not None:
            # 公务用车购置及运行维护费 = 购置费 + 运行维护费, when both are stated right after it
            cat: dict[str, Statement] = {}
            for s in sts[i + 1:]:
                key = three_public_key(s.subject) if s.topic == "three_public" else None
                if key not in ("purchase", "running") or key in cat or not compatible(w.subject, s.subject, kind):
                    break
                cat[key] = s
            if len(cat) == 2:
                out.append((w, [cat["purchase"], cat["running"]]))
    return out




# Spending that is neither 基本 nor 项目支出: a spending total may hold it, so 基本 + 项目 ≠ 总计 proves nothing.
OTHER_SPENDING_RE = re.compile(r"预留|机动经费|机动支出|结转下年|年末结转|上缴上级|经营支出|对附属单位补助|事业单位经营")


def other_spending(doc: Document) -> str:
    """The name of a spending part besides 基本/项目支出 that the document prints (a statement or a table
    row or column), or ""."""
    for s in doc.statements:
        m = OTHER_SPENDING_RE.search(fold(s.subject + s.quote))
        if m:
            return m.group()
    for t in doc.tables:
        for text in [r.name for r in t.rows] + [c.label for c in t.columns]:
            m = OTHER_SPENDING_RE.search(fold(text))
            if m:
                return m.group()
    return ""


# ---- the previous year: what the old document published for a new statement's item (check `prior`) -----------

@dataclass(frozen=True)
class Published:
    amount: Amount
    page: int | None
    quote: str
    where: str


def _row_quote(row, table) -> str:
    codes = "\t".join(row.code_parts) if row.code_parts else row.code
    vals = "\t".join("" if v is None else v.text for v in row.values)
    return f"{codes}\t{row.name}\t{vals}".strip()


def _table_figure(doc: Document, code: str) -> Published | None | bool:
    """The 表5 合计 of a line; False when 表5 exists but has no such line; None when there is no 表5, or
    when it was read without columns or without a single figure (a blank cell or a missing line of a table
    that could not be read says nothing: it is not a 0)."""
    t = doc.table_like("gpb_expense")
    if t is None or not t.rows or not t.columns or not any(v is not None for r in t.rows for v in r.values):
        return None
    col = figure_column(t, "合计")
    if col is None:
        return None
    for r in t.rows:
        if r.code == code:
            v = r.values[col] if col < len(r.values) else None
            if v is None:
                return Published(Amount.zero(), r.page, _row_quote(r, t), f"{t.number or '一般公共预算支出表'} {code} 合计（空白）")
            return Published(v, r.page, _row_quote(r, t), f"{t.number or '一般公共预算支出表'} {code} 合计")
    return False


def _statement_key(s: Statement) -> tuple[str, str]:
    return s.topic, normalise(s.subject)


def _old_statement(old: Document, s: Statement) -> Statement | None:
    """The old document's statement on the same subject (same topic; same section where it can tell); None
    when the statements that qualify state different figures (which one is last year's is unknown)."""
    cands = [o for o in old.statements if o.amount is not None and _statement_key(o) == _statement_key(s)
             and (o.code or "") == (s.code or "") and _of_year(o, old.year)]
    if not cands:
        return None
    same_section = [o for o in cands if _section_kind(o.section) == _section_kind(s.section)]
    chosen = same_section or cands
    if len({o.amount.value for o in chosen}) > 1:
        return None
    return chosen[0]


_YEAR_RE = re.compile(r"(20\d\d)\s*年")


def _of_year(o: Statement, year: int | None) -> bool:
    """The old statement is a figure of the old document's own year: its quote names no other year (「2023年的…合计为
    807.95万元」 in the 2024 document is the year before, not what 2024 published)."""
    years = {int(y) for y in _YEAR_RE.findall(fold(o.quote))}
    return year is None or not years or year in years


def _section_kind(section: str) -> str:
    """Sections differ in years and numbering; what matters is whether they speak of 一般公共预算 or 财政拨款."""
    t = normalise(section)
    return "gpb" if "一般公共预算" in t else "fiscal" if "财政拨款" in t else "all"


def old_code(s: Statement, recoded: dict[str, str] | None = None) -> str:
    """The code of a coded (功能分类, 2xx) statement's line in the old document: its old code when re-coded."""
    code = s.code or ""
    return (recoded or {}).get(code, code) if code.isdigit() and code.startswith("2") else ""


def _of_gpb_table(new: Document, s: Statement) -> bool:
    """The coded statement states the figure of the new document's own 一般公共预算支出表 (表5), or that
    table cannot tell. A statement of all funds (「一般公共服务（类）支出 7,827.46 万元」 of the 支出总表,
    when 表5 prints 7,747.46: js-zx-2018) is not: its prior is not the old 表5's figure."""
    fig = _table_figure(new, s.code or "")
    if fig is None or s.amount is None:
        return True
    if fig is False:
        return False
    return s.amount.interval.meets(fig.amount.interval)


def published(old: Document, s: Statement, recoded: dict[str, str] | None = None,
              new: Document | None = None) -> list[Published]:
    """What the old document published for the item a new statement is about, first the counterpart a
    finding cites; empty: cannot tell. `recoded`: new code → old code of the lines the matching found
    re-coded. With `new` (the statement's document), the old 表5 is a counterpart only when the statement
    states the new 表5's own figure. The old document's statement on the same subject, in a section of the
    same scope, is one too: when it prints another figure than the old 表5 (js-swb-2017: 收支总表 and
    说明 16,992.37, 表5 16,845.17), the old document is at odds with itself and a prior that meets either
    contradicts nothing that year published unambiguously."""
    out: list[Published] = []
    code = old_code(s, recoded)
    if code and (new is None or _of_gpb_table(new, s)):
        fig = _table_figure(old, code)
        if isinstance(fig, Published):
            out.append(fig)
        elif fig is False:
            out.append(Published(Amount.zero(), None, "", f"一般公共预算支出表无 {code} 行，按 0 计"))
    o = _old_statement(old, s)
    if o is not None and (not out or _section_kind(o.section) == _section_kind(s.section)):
        if not out or o.amount.value != out[0].amount.value:
            out.append(Published(o.amount, o.page, o.quote, o.section or "说明文字"))
    return out
