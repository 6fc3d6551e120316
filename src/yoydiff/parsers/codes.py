"""Table row codes checked against the 政府收支分类科目 catalogue and their neighbours; dropped zeros repaired.

A text layer sometimes loses a zero inside a code (`3012` for 30102, `20811` for 2080101). A row's code
is accepted as printed when the catalogue (or another table of the same document) knows that code with
the row's printed name. Otherwise every code that inserting one or two zeros into the printed digits
can give is a candidate, and a candidate fits when

- it is a well-formed code (functional 类 3 / 款 5 / 项 7 digits, 201–234; economic 3 or 5 digits, 3xx/5xx),
- it lies under the 类 / 款 rows above it in the table (the neighbouring rows), and
- the catalogue or another table of the document prints that code with the row's name.

(A code the catalogue does not know is also accepted when another table prints it with the same name,
unless a candidate fits by the catalogue.)

Exactly one fitting candidate → the row takes it and the repair is recorded (printed, new code, why);
several → the row keeps its code and an Unparsed entry lists them; none → the code is kept as printed,
silently when it is well-formed and nests (a code the catalogue does not know is not wrong), with an
Unparsed entry saying it could not be verified when it is malformed or lies outside its parent rows.
Never a silently different code.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import combinations

from .. import catalogue
from ..core import CodeRepair, Row, Table, Unparsed
from ..names import classification_key

MAX_ZEROS = 2          # zeros a text layer may have dropped from one code


@dataclass
class _Context:
    """The 类 and 款 rows above the current row, per classification."""

    lei: str = ""
    kuan: str = ""

    def parent(self, code: str) -> str:
        """The code the row must lie under ('' when the table gives none)."""
        if len(code) == 7:
            return self.kuan or self.lei
        if len(code) == 5:
            return self.lei
        return ""

    def nests(self, code: str) -> bool:
        return code.startswith(self.parent(code))

    def take(self, code: str) -> None:
        if len(code) == 3:
            self.lei, self.kuan = code, ""
        elif len(code) == 5:
            self.kuan = code
            if not code.startswith(self.lei):
                self.lei = ""


def zero_insertions(code: str, most: int = MAX_ZEROS) -> list[str]:
    """Every code that inserting 1..most zeros into `code` gives, shortest first, without repeats."""
    out: list[str] = []
    for k in range(1, most + 1):
        n = len(code) + k
        for zeros in combinations(range(n), k):
            digits = iter(code)
            c = "".join("0" if i in zeros else next(digits) for i in range(n))
            if c not in out:
                out.append(c)
    return out


def split_parts(code: str) -> tuple[str, ...]:
    """'2080101' -> ('208', '01', '01'); economic '30102' -> ('301', '02')."""
    return tuple(p for p in (code[:3], code[3:5], code[5:7]) if p)


def _doc_names(tables: tuple[Table, ...]) -> Counter:
    """(code, name key) -> how many rows of the document print them together."""
    return Counter((r.code, classification_key(r.name)) for t in tables for r in t.rows if r.code and r.name)


def verify_codes(result):
    """The parsed tables (parsers.tables.TableResult) with dropped zeros repaired where exactly one code
    fits, Unparsed entries for codes that could not be verified, and the repairs made."""
    doc_names = _doc_names(result.tables)
    tables, repairs, unparsed = [], [], []
    for t in result.tables:
        table, rep, unp = _verify_table(t, doc_names)
        tables.append(table)
        repairs += rep
        unparsed += unp
    if not repairs and not unparsed:
        return result, ()
    return replace(result, tables=tuple(tables), unparsed=tuple(result.unparsed) + tuple(unparsed)), tuple(repairs)


def _verify_table(t: Table, doc_names: Counter) -> tuple[Table, list[CodeRepair], list[Unparsed]]:
    contexts = {kind: _Context() for kind in catalogue.CLASSIFICATIONS}
    rows, repairs, unparsed = [], [], []
    label = t.number or t.title
    report = catalogue.classification_column(r.code for r in t.rows)
    for r in t.rows:
        if not r.code.isdigit() or len(r.code) < 3 or not catalogue.classification_of(r.code[:3]):
            rows.append(r)          # no code, or digits that do not start with a 类 (201–234, 3xx, 5xx)
            continue
        key = classification_key(r.name)
        ctx = contexts["economic" if r.code[0] in "35" else "functional"]

        def named(code: str, own: int) -> bool:
            """The catalogue or another row of the document prints `code` with this row's name."""
            return bool(key) and (catalogue.name_matches(code, r.name) or doc_names[(code, key)] > own)

        kind = catalogue.classification_of(r.code)
        if kind and catalogue.name_matches(r.code, r.name):
            ctx.take(r.code)
            rows.append(r)
            continue
        fits = [c for c in zero_insertions(r.code)
                if catalogue.classification_of(c) and ctx.nests(c) and named(c, 0)]
        if kind and named(r.code, 1) and not any(catalogue.name_matches(c, r.name) for c in fits):
            ctx.take(r.code)          # another table prints it so too, and the catalogue knows nothing better
            rows.append(r)
            continue
        if len(fits) == 1:
            code = fits[0]
            repairs.append(CodeRepair(r.page, label, r.code, code, r.name, _reason(r, code, ctx)))
            ctx.take(code)
            rows.append(replace(r, code=code, code_parts=split_parts(code)))
            continue
        rows.append(r)
        if len(fits) > 1 and report:
            unparsed.append(Unparsed(r.page, f"{r.code} {r.name}",
                                     f"科目编码 {r.code} 无法核实：补足漏印的 0 后 {'、'.join(fits)} 均与名称和上级科目相符，未改动"))
        elif kind and ctx.nests(r.code):
            ctx.take(r.code)          # well-formed, under its parent rows: kept (the catalogue is not complete)
        elif report:
            why = (f"不是有效的科目编码（{len(r.code)} 位）" if not kind
                   else f"不在上级科目 {ctx.parent(r.code)} 之下")
            unparsed.append(Unparsed(r.page, f"{r.code} {r.name}",
                                     f"科目编码 {r.code} 无法核实：{why}，科目表和本文件其他表中均无补 0 后与名称「{r.name}」相符的编码，未改动"))
    return replace(t, rows=tuple(rows)), repairs, unparsed


def _reason(r: Row, code: str, ctx: _Context) -> str:
    kind = catalogue.classification_of(r.code)
    printed = (f"印刷编码 {r.code} 不是有效的科目编码（{len(r.code)} 位）" if not kind
               else f"印刷编码 {r.code} 与名称「{r.name}」不符")
    parent = ctx.parent(code)
    under = f"位于上级科目 {parent} 之下，" if parent else ""
    seen = [ns for ns in catalogue.names(code)
            if classification_key(ns.name) == classification_key(r.name)]
    where = f"科目表（{seen[0].span} 年）" if seen else "本文件其他表"
    return f"{printed}；补足漏印的 0 后唯一相符的是 {code}：{under}名称与{where}中的 {code} 一致"
