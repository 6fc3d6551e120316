"""Changes between the two published documents: old, new, absolute and relative change per item.

Relative change is None when the old figure is 0 or missing (growth from nothing is undefined;
never "100 %"). Amounts are exact decimals in 万元.
"""
from __future__ import annotations

from decimal import Decimal

import re

from .core import Document, Statement, Table, figure_column, is_budget_figure_column, is_final_kind
from .matching import Matching, level
from .names import normalise
from .parsers.scope import stem
from .results import Change, Match
from .threepublic import category_label, whole_cell
from .totals import TOTAL_LABELS

_PCT = Decimal("0.01")
STATEMENT_SECTIONS = ("three_public", "operating", "procurement", "assets")
_STATUS = {"matched": "matched", "renamed": "renamed", "re-coded": "re-coded", "merged": "merged",
           "split": "split", "new": "new", "discontinued": "discontinued", "review": "matched"}


def change_of(old: Decimal | None, new: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """(new − old, relative change in %), None where undefined; a missing side counts as 0."""
    if old is None and new is None:
        return None, None
    o, n = old or Decimal(0), new or Decimal(0)
    pct = ((n - o) / o * 100).quantize(_PCT) if o != 0 else None
    return n - o, pct


def _change(section, item, code, old, new, status="matched", lvl=0) -> Change:
    d, pct = change_of(old, new)
    return Change(section, item, code, old, new, d, pct, status, lvl)


def match_changes(matches: tuple[Match, ...], section: str) -> list[Change]:
    """One Change per line or project match (new and discontinued items with their amounts)."""
    out = []
    for m in matches:
        names = " + ".join(m.new or m.old) if m.kind != "merged" else " + ".join(m.old) + " → " + " / ".join(m.new)
        if m.kind == "split":
            names = " / ".join(m.old) + " → " + " + ".join(m.new)
        code = m.new_code or m.old_code
        lvl = level(code) if section in ("functional", "economic") else 0
        out.append(_change(section, names, code, m.old_amount, m.new_amount, _STATUS[m.kind], lvl))
    return out


_QUALIFIER_RE = re.compile(r"^(?:本部门|本单位|部门|单位)|(?:一般公共预算|财政)?(?:财政)?拨款安排的|^一般公共预算")
_BASIS_TAIL_RE = re.compile(r"(?:预算|决算|支出|执行)+$")
_CHANGE_WORDS_RE = re.compile(r"^[增加减少长下降相抵后()（）、/]+$")


def _subject(s: Statement) -> str:
    """The item a narrative figure is about, the same in both years: 「部门2018年度一般公共预算拨款安排的会议费
    预算支出」 and 「一般公共预算拨款安排的会议费预算支出」 are 会议费; 「因公出国（境）费支出」 and 「因公出国（境）费预算
    支出」 are one item. '' for a subject that is only change words (增加（减少）)."""
    k = _BASIS_TAIL_RE.sub("", _QUALIFIER_RE.sub("", _QUALIFIER_RE.sub("", stem(s.subject))))
    k = normalise(k).replace("购买", "采购")    # 拟购买服务 (2018) and 拟采购服务支出 (2019) are one item
    return "" if _CHANGE_WORDS_RE.match(k) else k


def statement_changes(old: Document, new: Document, topics=STATEMENT_SECTIONS) -> list[Change]:
    """三公, 机关运行经费, 政府采购, 国有资产: figures stated in the narrative, matched by topic and subject."""
    out = []
    for topic in topics:
        olds: dict[str, Statement] = {}
        for s in old.statements:
            if s.topic == topic and s.amount is not None and _subject(s):
                olds.setdefault(_subject(s), s)
        seen = set()
        for s in new.statements:
            k = _subject(s)
            if s.topic != topic or s.amount is None or not k or k in seen:
                continue
            seen.add(k)
            o = olds.get(k)
            out.append(_change(topic, s.subject, s.code or "", o.amount.value if o else None, s.amount.value,
                               "matched" if o else "new"))
        out += [_change(topic, s.subject, s.code or "", s.amount.value, None, "discontinued")
                for k, s in olds.items() if k not in seen]
    return out




def three_public_figures(t: Table | None) -> dict[str, tuple[str, Decimal | None, int]]:
    """The 三公 table's figures (key -> (label, 万元 figure or None for a blank cell, depth: 1 a total, 2 its part, 3 a
    part's part, as the memo indents 类/款/项)): categories as the
    columns of one row (合计, “三公”经费小计, 因公出国（境）费, 公务用车购置及运行维护费小计 … 会议费, 培训费: the
    Jiangsu and 青岚 layout), or as rows under a 合计 column (因公出国（境）费用 … 总计: the Urumqi layout)."""
    if t is None or not t.columns or not t.rows:
        return {}
    out: dict[str, tuple[str, Decimal | None, int]] = {}
    if len(t.rows) == 1 and len(t.columns) >= 2:
        row = t.rows[0]
        for c, v in zip(t.columns, row.values):
            group = category_label(c)
            sub = group != c.leaf            # a group's subtotal (「“三公”经费 › 小计」): at the group's depth
            label = f"{group}{c.leaf}" if sub else c.leaf
            out.setdefault(normalise(label), (label, None if v is None else v.value, len(c.path) - (1 if sub else 0)))
    elif (total := total_row(t)) is not None:
        j = figure_column(t, "合计")
        for r in t.rows:
            v = r.values[j] if j is not None and j < len(r.values) else None
            if r.name.strip():
                depth = 1 if r is total else 3 if re.match(r"^\s*其中", r.name) else 2
                out.setdefault(normalise(r.name), (r.name.strip(), None if v is None else v.value, depth))
    return out if any(v[1] is not None for v in out.values()) else {}


def three_public_total(t: Table | None) -> Decimal | None:
    """The 三公 total of a 三公 table (threepublic.whole_cell), None when it cannot tell or the cell is blank."""
    if t is None:
        return None
    at = whole_cell(t, total_row(t))
    if at is None:
        return None
    row, j = at
    v = row.values[j] if j < len(row.values) else None
    return None if v is None else v.value


def three_public_table_changes(old: Document, new: Document) -> list[Change]:
    """The 三公 table of both 预算 documents, column by column (the narrative names only some of its figures)."""
    o, n = three_public_figures(old.table("three_public")), three_public_figures(new.table("three_public"))
    if not o or not n:
        return []
    out = []
    for k in dict.fromkeys([*n, *o]):
        label, _, depth = n.get(k) or o[k]
        status = "matched" if k in o and k in n else "new" if k in n else "discontinued"
        out.append(_change("three_public_table", label, "", o[k][1] if k in o else None, n[k][1] if k in n else None,
                           status, depth))
    return out


def total_row(table: Table | None):
    """The 总计/合计 row of a table (first or last), None if it has none; the label may be the row's name or
    a text cell beside it."""
    if table is None:
        return None
    for r in table.rows:
        if not r.code and any(normalise(x).replace(":", "") in TOTAL_LABELS for x in (r.name, *(t for _, t in r.extra))):
            return r
    return None


def total_columns(table: Table | None) -> dict[str, tuple[str, Decimal]]:
    """The figures of a table's total row by column (key -> (printed label, 万元 figure)); a table of one
    figure column (its items listed as rows, like the Jiangsu 收入预算总表 with 金额 only) gives its total
    under the total row's own label."""
    row = total_row(table)
    if row is None:
        return {}
    out: dict[str, tuple[str, Decimal]] = {}
    figures = [(c, v) for c, v in zip(table.columns, row.values) if v is not None]
    if len(table.columns) == 1 and figures:
        label = next((x for x in (row.name, *(t for _, t in row.extra)) if normalise(x).replace(":", "") in TOTAL_LABELS),
                     figures[0][0].leaf)
        return {normalise(label): (normalise(label), figures[0][1].value)}
    for c, v in zip(table.columns, row.values):
        if is_final_kind(table.kind) and is_budget_figure_column(c):
            continue                    # a 决算 table's 年初预算数 is not its own figure
        if v is not None:
            # 本年收入合计 / 本年支出合计 of a 决算 table is the 合计 of a 预算 table
            out.setdefault(re.sub(r"^本年(?:收入|支出)(?=合计)", "", normalise(c.leaf)), (c.leaf, v.value))
    return out


def _column_changes(section: str, old: Table | None, new: Table | None) -> list[Change]:
    o, n = total_columns(old), total_columns(new)
    out = []
    for k in list(dict.fromkeys([*n, *o])):
        label = (n.get(k) or o.get(k))[0]
        ov, nv = o.get(k, (None, None))[1], n.get(k, (None, None))[1]
        out.append(_change(section, label, "", ov, nv, "matched" if ov is not None and nv is not None
                           else "new" if ov is None else "discontinued"))
    return out


def structure_changes(old: Document, new: Document) -> list[Change]:
    """Income by source (收入表 total row), 合计/基本/项目 (支出表 total row) and spending by 类, both years."""
    out = _column_changes("income", old.table_like("income"), new.table_like("income"))
    out += _column_changes("structure", old.table_like("expense"), new.table_like("expense"))
    cls = {}
    for doc, side in ((old, 0), (new, 1)):
        t = doc.table_like("expense") or doc.table_like("gpb_expense")
        if t is None:
            continue
        col = figure_column(t, "合计")
        if col is None:
            continue
        for r in t.rows:
            if len(r.code) == 3 and r.code.isdigit() and col < len(r.values) and r.values[col] is not None:
                cls.setdefault(r.code, [r.name, None, None])[1 + side] = r.values[col].value
    for code in sorted(cls):
        name, ov, nv = cls[code]
        out.append(_change("structure", name, code, ov, nv,
                           "matched" if ov is not None and nv is not None else "new" if ov is None else "discontinued",
                           1))
    return out


def all_changes(old: Document, new: Document, matching: Matching) -> list[Change]:
    out = structure_changes(old, new)
    out += match_changes(matching.functional, "functional")
    out += match_changes(matching.economic, "economic")
    out += match_changes(matching.projects, "project")
    out += [Change("unit", " + ".join(m.old) if m.kind == "merged" else (m.new or m.old)[0], "", None, None, None,
                   None, _STATUS[m.kind]) for m in matching.units if m.kind != "matched"]
    out += three_public_table_changes(old, new)
    out += statement_changes(old, new)
    return out
