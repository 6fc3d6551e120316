"""Parents vs the sum of their children: code trees (类 = Σ款, 款 = Σ项), totals and unit subtotals,
合计 = 基本 + 项目 column relations, and the stated parts of a whole in the narrative.

Interval rule (XBRL Calculations 1.1): Σ children intervals must meet the parent's interval. A mismatch
is reported once, at the row where it is; a parent that fails only because one of its children is
wrong is linked to that child ("follows from …") instead of being a second error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..core import TABLE_KINDS, Document, Row, Statement, Table, not_summed
from ..numbers import Amount, Interval
from ..results import Finding
from ..names import squash
from ..totals import SUBTOTAL, TOTALS
from .rules import (BLANK, BLANK_AS_ZERO, HEDGED_NOTE, SUM_VERDICT, ZERO, amount_iv, cause_from_row, distance, fig_iv,
                    hedged, printed_like, rule_text, statement_finding)
from .counterparts import other_spending, partial_three_public, whole_and_parts

TWO_SIDED = ("overview", "fiscal_overview", "final_overview", "final_fiscal_overview")   # income left, spending
# right: no column sums (the 决算 ones: checks/final_accounts.py)
TOTAL_WORDS = TOTALS
SUBTOTAL_WORDS = (SUBTOTAL, *TOTALS)


@dataclass(frozen=True)
class Relation:
    parent: int                  # row index (rows) or column index (columns)
    children: tuple[int, ...]
    children_name: str           # what the children are, as a rule names them: 项级行, 单位小计行, 基本支出 + 项目支出
    alternatives: tuple[tuple[int, ...], ...] = ()   # other readings of an unlabelled structure


@dataclass(frozen=True)
class Gap:
    row: int
    col: int
    relation: Relation
    kind: str                    # rows / columns
    computed: Interval
    exact: Decimal               # Σ children as printed
    severity: str = "error"      # error / rounding / notice
    cause: str = ""


def _cell(row: Row, j: int) -> Amount | None:
    return row.values[j] if j < len(row.values) else None


def _iv(v: Amount | None) -> Interval:
    return ZERO if v is None else v.interval


def _val(v: Amount | None) -> Decimal:
    return Decimal(0) if v is None else v.value


def code_parts(row: Row) -> tuple[str, ...]:
    """The classification code of a row split into levels; () when the row has no such code
    (a year or a number that merely starts the name is not a code)."""
    c = row.code
    if not c or not c.isdigit():
        return ()
    if row.code_parts and (len(row.code_parts) > 1 or len(c) in (3, 6)):
        return row.code_parts
    if len(c) in (3, 5, 7) and c[0] in "235":          # functional 类/款/项, economic 类/款
        return tuple(x for x in (c[:3], c[3:5], c[5:7]) if x)
    if len(c) == 6:                                     # budget unit code
        return (c,)
    return ()


def _is_total(row: Row) -> bool:
    t = squash(row.name)
    return not code_parts(row) and any(w in t for w in TOTAL_WORDS) and not t.startswith("其中")


# ---- row relations -------------------------------------------------------------------------------

def row_relations(t: Table) -> list[Relation]:
    rows = t.rows
    groups = {squash(r.group) for r in rows if r.group}
    subtotal = [i for i, r in enumerate(rows) if not code_parts(r) and squash(r.name) in groups and not _is_total(r)]
    totals = [i for i, r in enumerate(rows) if _is_total(r)]
    out: list[Relation] = []
    by_group: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if i not in subtotal and i not in totals:
            by_group.setdefault(squash(r.group), []).append(i)
    for idx in by_group.values():
        out += _code_tree(rows, idx)
    for s in subtotal:
        top = _top_level(rows, [i for i in by_group.get(squash(rows[s].name), []) if i != s])
        if top:
            out.append(Relation(s, tuple(top), "本单位所属行"))
    for k, tot in enumerate(totals):
        if subtotal:
            out.append(Relation(tot, tuple(subtotal), "单位小计行"))
            continue
        segment = _segment(rows, totals, k)
        if any(code_parts(rows[i]) for i in segment):
            top = _top_level(rows, segment)
            if top:
                out.append(Relation(tot, tuple(top), "一级行"))
            continue
        flat, of_which = _split_of_which(rows, segment)
        blocks, inferred = _blocks(rows, segment)
        out += of_which + inferred
        readings = tuple(r for r in (flat, blocks) if r)
        if readings:
            out.append(Relation(tot, readings[0], "明细行", readings[1:]))
    return out


def _segment(rows, totals: list[int], k: int) -> list[int]:
    """The rows a total adds up: those after it when it comes first, else those since the previous total."""
    tot = totals[k]
    if tot == 0 or (k == 0 and all(not any(v is not None for v in rows[i].values) for i in range(tot))):
        end = totals[k + 1] if k + 1 < len(totals) else len(rows)
        return list(range(tot + 1, end))
    start = totals[k - 1] + 1 if k > 0 else 0
    return list(range(start, tot))


def _code_tree(rows: tuple[Row, ...], idx: list[int]) -> list[Relation]:
    """Parent code rows and their children within one group; project rows that repeat the code of a
    row without project are that row's children."""
    bare = {rows[i].code for i in idx if code_parts(rows[i]) and not rows[i].project}
    out = []
    for i in idx:
        p = code_parts(rows[i])
        if not p or rows[i].project:
            continue
        under = [j for j in idx if rows[j].code == rows[i].code and rows[j].project]
        if under:
            out.append(Relation(i, tuple(under), "项目行"))
        kids = [j for j in idx if len(code_parts(rows[j])) == len(p) + 1 and code_parts(rows[j])[:len(p)] == p
                and not (rows[j].project and rows[j].code in bare)]
        if kids:
            out.append(Relation(i, tuple(kids), _level_name(len(p) + 1)))
    return out


def _level_name(depth: int) -> str:
    return {2: "款级行", 3: "项级行"}.get(depth, "下级行")


def _top_level(rows, idx: list[int]) -> list[int] | None:
    coded = [i for i in idx if code_parts(rows[i])]
    if coded:
        depth = min(len(code_parts(rows[i])) for i in coded)
        return [i for i in coded if len(code_parts(rows[i])) == depth]
    return list(idx) if idx else None


def _split_of_which(rows, idx: list[int]) -> tuple[tuple[int, ...] | None, list[Relation]]:
    """Flat reading of uncoded rows: a 其中 row and the rows after it that add up to the row before
    it are that row's parts, not top-level rows. None when a 其中 block cannot be delimited."""
    top, extra, k = [], [], 0
    while k < len(idx):
        if squash(rows[idx[k]].name).startswith("其中") and k > 0:
            end = _block_end(rows, idx[k - 1], idx, k)
            if end is None:
                return None, []
            extra.append(Relation(idx[k - 1], tuple(idx[k:end + 1]), "“其中”行"))
            k = end + 1
            continue
        top.append(idx[k])
        k += 1
    return tuple(top), extra


def _blocks(rows, idx: list[int]) -> tuple[tuple[int, ...] | None, list[Relation]]:
    """Nested reading of uncoded rows without groups (a unit row, then its items): a row followed by
    rows that add up to it is their parent. None when no row is such a parent."""
    top, extra, k = [], [], 0
    while k < len(idx):
        end = _block_end(rows, idx[k], idx, k + 1) if _cell(rows[idx[k]], 0) is not None else None
        top.append(idx[k])
        if end is not None:
            extra.append(Relation(idx[k], tuple(idx[k + 1:end + 1]), "下属行"))
            k = end + 1
        else:
            k += 1
    return (tuple(top), extra) if extra else (None, [])


def _block_end(rows, parent: int, idx: list[int], k: int) -> int | None:
    """The last of the rows idx[k:] whose running sum first meets the parent (column 1)."""
    target = _iv(_cell(rows[parent], 0))
    acc = ZERO
    for m in range(k, len(idx)):
        acc = acc + _iv(_cell(rows[idx[m]], 0))
        if acc.meets(target):
            return m
        if acc.lo > target.hi:
            return None
    return None


# ---- column relations ----------------------------------------------------------------------------

def _is_sub(leaf: str) -> bool:
    t = squash(leaf)
    return any(t.endswith(w) or t == w for w in SUBTOTAL_WORDS)


def column_relations(t: Table) -> list[Relation]:
    if t.kind in TWO_SIDED:
        return []
    # a rate, share or 行次 column is nobody's part (an empty path is never under a prefix)
    paths = [() if not_summed(c) else tuple(squash(p) for p in c.path) for c in t.columns]
    out = []
    for j, p in enumerate(paths):
        if not p or not _is_sub(p[-1]):
            continue
        prefix = p[:-1]
        kids = _representatives(paths, prefix, exclude=j)
        if kids and len(kids) >= 2 or (kids and prefix):
            out.append(Relation(j, tuple(kids), " + ".join(t.columns[k].leaf for k in kids)))
    return out


def _representatives(paths, prefix, exclude: int) -> list[int] | None:
    """One column (or the leaves) per header directly under prefix; None when ambiguous."""
    heads: list[str] = []
    for k, p in enumerate(paths):
        if k != exclude and len(p) > len(prefix) and p[:len(prefix)] == prefix and p[len(prefix)] not in heads:
            heads.append(p[len(prefix)])
    kids: list[int] = []
    for h in heads:
        if h.startswith("其中"):
            continue
        under = [k for k, p in enumerate(paths) if k != exclude and p[:len(prefix) + 1] == prefix + (h,)]
        exact = [k for k in under if len(paths[k]) == len(prefix) + 1]
        if exact:
            if _is_sub(h):
                return None    # a second total beside this one: the header was not understood
            kids += exact
            continue
        subs = [k for k in under if len(paths[k]) == len(prefix) + 2 and _is_sub(paths[k][-1])]
        if subs:
            kids.append(subs[0])
        else:
            leaves = _representatives(paths, prefix + (h,), exclude)
            if leaves is None:
                return None
            kids += leaves
    return kids


# ---- checking ------------------------------------------------------------------------------------

def _gaps(t: Table) -> list[Gap]:
    gaps = []
    ncols = len(t.columns)
    for rel in row_relations(t):
        for j in range(ncols):
            if not_summed(t.columns[j]):
                continue
            readings = [Relation(rel.parent, kids, rel.children_name) for kids in (rel.children,) + rel.alternatives]
            found = [_compare(_cell(t.rows[rel.parent], j), [_cell(t.rows[c], j) for c in r.children],
                              rel.parent, j, r, "rows") for r in readings]
            if all(found):   # no reading of the structure makes the parent hold exactly
                gaps.append(min(found, key=lambda g: g.severity != "rounding"))
    for rel in column_relations(t):
        for i, r in enumerate(t.rows):
            g = _compare(_cell(r, rel.parent), [_cell(r, c) for c in rel.children], i, rel.parent, rel, "columns")
            if g:
                gaps.append(g)
    return _link(t, gaps)


def _compare(parent: Amount | None, kids: list[Amount | None], row: int, col: int, rel: Relation, kind: str):
    if parent is None and all(k is None for k in kids):
        return None
    computed = Interval.total(_iv(k) for k in kids)
    exact = sum((_val(k) for k in kids), Decimal(0))
    if exact == _val(parent):
        return None
    severity = "rounding" if computed.meets(_iv(parent)) else "error"
    return Gap(row, col, rel, kind, computed, exact, severity)


def _corrected(gaps: list[Gap], row: int, col: int) -> Interval | None:
    """What a cell should hold according to its own children (rows or columns), when it is wrong."""
    for g in gaps:
        if g.severity == "error" and g.row == row and g.kind == "rows" and g.col == col:
            return g.computed
    for g in gaps:
        if g.severity == "error" and g.row == row and g.kind == "columns" and g.relation.parent == col:
            return g.computed
    return None


def _link(t: Table, gaps: list[Gap]) -> list[Gap]:
    out = []
    for g in gaps:
        if g.severity != "error":
            out.append(g)
            continue
        culprit = None
        if g.kind == "rows":
            parent = _iv(_cell(t.rows[g.row], g.col))
            for c in g.relation.children:
                fix = _corrected(gaps, c, g.col)
                if fix is None:
                    continue
                total = Interval.total(fix if k == c else _iv(_cell(t.rows[k], g.col)) for k in g.relation.children)
                if total.meets(parent):
                    r = t.rows[c]
                    culprit = cause_from_row(" ".join(code_parts(r)), r.project or r.name) + "（该行不等于其下各行之和）"
                    break
        elif any(x.kind == "rows" and x.row == g.row and x.col == g.relation.parent and x.severity == "error"
                 for x in gaps):
            culprit = "与本行的行间合计差错为同一差错"
        out.append(g if culprit is None else Gap(g.row, g.col, g.relation, g.kind, g.computed, g.exact,
                                                 "notice", culprit))
    return out


def _row_name(r: Row) -> str:
    return " ".join((" ".join(code_parts(r)), r.project or r.name)).strip()


def row_quote(t: Table, r: Row) -> str:
    """A table row as the corpus text prints it: code levels, name, project, figures, tab-separated."""
    depth = max((len(code_parts(x)) for x in t.rows), default=0)
    parts = list(code_parts(r)) + [""] * (depth - len(code_parts(r)))
    cells = parts + [r.name] + ([r.project] if r.project else []) + [v.text if v else "" for v in r.values]
    return "\t".join(cells).rstrip("\t")


def table_finding(check: str, severity: str, role: str, t: Table, r: Row, item: str, stated: str, expected: str,
                  rule: str, distance: str = "", cause: str = "") -> Finding:
    """A finding on a table row, quoted and located in its table."""
    return Finding(check=check, severity=severity, doc=role, page=r.page, item=item, stated=stated,
                   expected=expected, rule=rule, quote=row_quote(t, r), location=f"{t.number} {t.title}".strip(),
                   code=r.code, distance=distance, cause=cause)


def column_name(t: Table, j: int) -> str:
    return f"{t.columns[j].leaf}列" if j < len(t.columns) else f"第 {j + 1} 列"


def check_table_sums(t: Table, role: str) -> list[Finding]:
    by_row: dict[int, list[Gap]] = {}
    for g in _gaps(t):
        by_row.setdefault(g.row, []).append(g)
    out = []
    for i, gs in sorted(by_row.items()):
        r = t.rows[i]
        severity = min((g.severity for g in gs), key=("error", "notice", "rounding").index)
        shown = [g for g in gs if g.severity == severity]
        parts = []
        for g in shown:
            v = _cell(r, g.col)
            kids = (g.relation.children_name if g.kind == "columns" else
                    f"{len(g.relation.children)} 个{g.relation.children_name}之和")
            parts.append(f"{column_name(t, g.col)}：列示 {fig_iv(v) if v else BLANK_AS_ZERO}，"
                         f"{kids} = {printed_like(g.exact, v)} ∈ {amount_iv(g.computed, v)}")
        first = shown[0]
        v = _cell(r, first.col)
        doubt = table_doubt(t, shown) if severity == "error" else ""
        rule = rule_text(*parts, verdict=SUM_VERDICT[severity])
        if doubt:
            out.append(table_finding("sum", "insufficient", role, t, r, _row_name(r) or r.name, v.text if v else BLANK,
                                     printed_like(first.exact, v), f"{rule}；{doubt}，不认定为差错"))
            continue
        out.append(table_finding(
            "sum", severity, role, t, r, _row_name(r) or r.name, v.text if v else BLANK, printed_like(first.exact, v),
            rule, distance=distance(_val(v), first.exact, v), cause=first.cause))
    return out


# A header cell that is a caption printed above the table (编制部门, 单位：万元, 公开表九, 元): the header was
# read together with its caption, so which columns add up is not known with confidence.
_CAPTION_RE = re.compile(r"^(?:(?:编制)?(?:部门|单位)(?:名称)?\s*[:：]|公开表|附?表\s*[一二三四五六七八九十\d]+$|(?:万元|元)$)")
# Titles of tables whose rows are levels of one another (政府采购: 一、货物 › A 类 › items), whatever kind the
# reader gave them.
_LEVELLED_TITLE_RE = re.compile(r"政府采购|资产")


def table_doubt(t: Table, gaps: list[Gap]) -> str:
    """Why a table's sum gap is not an error with confidence ("" when it is): the table's title names
    levelled rows, a blank total cell (a total is printed), or a header read together with its caption."""
    if _LEVELLED_TITLE_RE.search(squash(t.title)):
        return f"“{t.title}”各行为逐级细分，合计不是各行之和"
    if any(_cell(t.rows[g.row], g.col) is None for g in gaps):
        return "合计单元格为空白，表格未能可靠读取"
    if any(g.kind == "columns" for g in gaps):
        captions = sorted({p for c in t.columns for p in c.path if _CAPTION_RE.match(squash(p))})
        if captions:
            return f"表头与表题说明（{'、'.join(captions)}）混在一起，列间关系未能可靠读取"
    return ""


# ---- stated parts of a whole in the narrative ------------------------------------------------------

def _signed(s: Statement) -> tuple[Interval, Decimal] | None:
    if s.direction == "持平":
        return ZERO, Decimal(0)
    if s.change is None or s.direction not in ("增加", "减少"):
        return None
    k = Decimal(1) if s.direction == "增加" else Decimal(-1)
    return s.change.interval.scale(k), s.change.value * k


def check_statement_sums(doc: Document, role: str) -> list[Finding]:
    out = []
    other = other_spending(doc)
    for w, parts in whole_and_parts(doc.statements, doc.kind):
        caveat = ""
        if other and "basic" in {p.topic for p in parts}:   # 基本 + 项目 (+ the other parts the list states)
            caveat = f"文件另列有“{other}”等基本支出、项目支出以外的支出，总额可含此部分，不能认定为差错"
        if w.amount is not None and all(p.amount is not None for p in parts):
            out += _part_sum(w, parts, role, "amount", w.amount.interval, w.amount.value, w.amount,
                             [(p.amount.interval, p.amount.value) for p in parts], caveat)
        sw, sp = _signed(w), [_signed(p) for p in parts]
        if w.change is not None and sw is not None and all(x is not None for x in sp):
            out += _part_sum(w, parts, role, "change", sw[0], sw[1], w.change, sp, caveat)
    return out


def check_partial_sums(doc: Document, role: str) -> list[Finding]:
    """A 三公 total over a list that leaves out one vehicle part: the part left out is ≥ 0, so the listed amounts
    may fall short of the total (insufficient) but never exceed it; when they make up the total the part left out
    is 0 this year, so its change is ≤ 0 and the total change can be no more than the listed changes."""
    out = []
    for w, parts, missing in partial_three_public(doc.statements, doc.kind):
        if w.amount is None or any(p.amount is None for p in parts):
            continue
        # an amount is never negative: "0万元" stands for [0, 0.5], not [−0.5, 0.5]
        listed = Interval.total(Interval(max(p.amount.interval.lo, ZERO.lo), p.amount.interval.hi) for p in parts)
        exact = sum((p.amount.value for p in parts), Decimal(0))
        names = " + ".join(p.subject for p in parts)
        amount_rule = (f"所列各项金额之和（{names}，未列{missing}）= {printed_like(exact, w.amount)} ∈ "
                       f"{amount_iv(listed, w.amount)}，总额 {fig_iv(w.amount)}")
        if listed.lo > w.amount.interval.hi:
            out.append(statement_finding("sum", "error", role, w, printed_like(w.amount.value, w.amount),
                                         printed_like(exact, w.amount), rule_text(amount_rule, verdict="所列各项之和超过总额"),
                                         distance=distance(w.amount.value, exact, w.amount)))
            continue
        if not listed.meets(w.amount.interval):
            out.append(statement_finding("sum", "insufficient", role, w, printed_like(w.amount.value, w.amount),
                                         printed_like(exact, w.amount),
                                         f"{amount_rule}：差额可能为未列示的{missing}，不认定为差错"))
            continue
        sw, sp = _signed(w), [_signed(p) for p in parts]
        if w.change is None or sw is None or any(x is None for x in sp):
            continue
        total = Interval.total(x[0] for x in sp)
        exact_change = sum((x[1] for x in sp), Decimal(0))
        if sw[0].lo > total.hi:   # the total rose by more than all its parts together can
            rule = rule_text(amount_rule + f"，即{missing}本年为 0，其增减额 ≤ 0",
                             f"所列各项增减额之和（增加为正、减少为负）= {_change_text(exact_change, w.change)} ∈ "
                             f"{amount_iv(total, w.change)}，总额所述增减额 {_change_text(sw[1], w.change)} 即 "
                             f"{amount_iv(sw[0], w.change)}", verdict="总额增减额大于各项增减额之和")
            out.append(statement_finding("sum", "error", role, w, _change_text(sw[1], w.change),
                                         _change_text(exact_change, w.change), rule,
                                         distance=distance(sw[1], exact_change, w.change)))
    return out


def _part_sum(w: Statement, parts: list[Statement], role: str, what: str, whole: Interval, whole_v: Decimal,
              like: Amount, vals: list[tuple[Interval, Decimal]], caveat: str = "") -> list[Finding]:
    total = Interval.total(v[0] for v in vals)
    exact = sum((v[1] for v in vals), Decimal(0))
    if exact == whole_v:
        return []
    severity = "rounding" if total.meets(whole) else "error"
    name = "金额" if what == "amount" else "增减额"
    sign = "" if what == "amount" else "增加为正、减少为负；"
    fmt = (lambda v: printed_like(v, like)) if what == "amount" else (lambda v: _change_text(v, like))
    rule = rule_text(f"各部分所述{name}之和（{sign}{' + '.join(p.subject for p in parts)}）= "
                     f"{printed_like(exact, like)} ∈ {amount_iv(total, like)}",
                     f"总额所述{name} {printed_like(whole_v, like)} 即 {amount_iv(whole, like)}",
                     verdict=SUM_VERDICT[severity])
    if severity == "error" and (hedged(w) or any(hedged(p) for p in parts)):
        return [statement_finding("sum", "insufficient", role, w, fmt(whole_v), fmt(exact), f"{rule}；{HEDGED_NOTE}")]
    if severity == "error" and caveat:
        return [statement_finding("sum", "insufficient", role, w, fmt(whole_v), fmt(exact), f"{rule}；{caveat}")]
    return [statement_finding("sum", severity, role, w, fmt(whole_v), fmt(exact), rule,
                              distance=distance(whole_v, exact, like))]


def _change_text(v: Decimal, like: Amount) -> str:
    word = "增加" if v > 0 else "减少" if v < 0 else "持平"
    return f"{word} {printed_like(abs(v), like)} {like.unit}"


def check_sums(doc: Document, role: str) -> list[Finding]:
    out = []
    for t in doc.tables:
        if t.kind in TABLE_KINDS and t.kind not in TWO_SIDED:
            out += check_table_sums(t, role)
    return out + check_statement_sums(doc, role) + check_partial_sums(doc, role)
