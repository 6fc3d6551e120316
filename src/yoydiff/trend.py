"""Three or more years of one department: every year's figure per classification, the change and rate
from year to year, the compound annual growth, the chained prior check and matches across all years.

Built on `compare`: each pair of consecutive years is compared exactly as `yoydiff compare` does (a
two-year trend is one comparison), so the chained prior check is the prior check of each consecutive
pair — each year's stated 上年 figure against the previous year's published one (none across a gap of
years: a year missing between two documents leaves their pair without its 上年 check). Items are followed
across all years by joining the pairs' matches: a line re-coded, or a project renamed twice, is one
series; a merge or split joins every part into one series (its amounts summed per year).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .cache import program_version
from .changes import change_of, three_public_figures, total_columns
from .compare import compare
from .core import Document
from .errors import InputError
from .matching import economic_lines, functional_lines
from .results import Finding, Report

SECTIONS = (("totals", "收支总计"), ("income", "收入来源"), ("functional", "按支出功能分类"),
            ("economic", "按支出经济分类"), ("three_public", "“三公”经费（预算表所列）"), ("project", "项目"))
# an unsure merge or split ("review") joins no series: each side keeps its own line, the pair's memo lists it
_LINKED = {"matched", "renamed", "re-coded", "merged", "split"}
_PCT = Decimal("0.01")


@dataclass(frozen=True)
class Series:
    section: str
    item: str                              # the latest name (names of every year joined when they differ)
    code: str
    values: tuple[Decimal | None, ...]      # one per year, 万元; None where the year does not list it
    names: tuple[str, ...] = ()            # every name it had, oldest first
    level: int = 0
    years: tuple[int, ...] = ()            # the year of each value (a gap makes the span longer than the steps)

    @property
    def changes(self) -> list[tuple[Decimal | None, Decimal | None]]:
        """(change, rate %) from each year to the next."""
        return [change_of(a, b) if (a is not None or b is not None) else (None, None)
                for a, b in zip(self.values, self.values[1:])]

    @property
    def cagr(self) -> Decimal | None:
        return cagr(self.values, self.years)


def cagr(values, years=()) -> Decimal | None:
    """Compound annual growth in % between the first and the last year, both listed and positive; over the
    years between them when given (2024, 2025, 2027: three years of growth), else one year per step."""
    if len(values) < 2 or values[0] is None or values[-1] is None or values[0] <= 0 or values[-1] < 0:
        return None
    n = years[-1] - years[0] if years else len(values) - 1
    ratio = float(values[-1] / values[0])
    return (Decimal(repr(ratio ** (1.0 / n))) * 100 - 100).quantize(_PCT)


@dataclass(frozen=True)
class Trend:
    documents: tuple[Document, ...]
    reports: tuple[Report, ...]           # consecutive pairs
    series: tuple[Series, ...]
    warnings: tuple[str, ...] = ()

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(d.year for d in self.documents)

    @property
    def gaps(self) -> list[tuple[int, int]]:
        """Consecutive documents more than a year apart: compared, without the chained prior check."""
        return [(a, b) for a, b in zip(self.years, self.years[1:]) if b - a > 1]

    def section(self, name: str) -> list[Series]:
        return [s for s in self.series if s.section == name]

    def chained(self) -> list[tuple[int, int, Finding]]:
        """The prior-check findings of each consecutive pair: (old year, new year, finding)."""
        return [(r.old.year, r.new.year, f) for r in self.reports for f in r.findings if f.check == "prior"]


class _Union:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _chained(section: str, per_year: list[dict[str, tuple[str, str, Decimal | None]]],
             links: list[list[tuple[tuple[str, ...], tuple[str, ...]]]], level_of=lambda code: 0,
             years: tuple[int, ...] = ()) -> list[Series]:
    """Series of items (id → (name, code, amount) per year) joined across years by the pairs' links
    (old ids, new ids); every item of a year is in exactly one series. `years`: the year of each."""
    u = _Union()
    for y, items in enumerate(per_year):
        for i in items:
            u.find((y, i))
    for y, pair in enumerate(links):
        for olds, news in pair:
            nodes = [(y, o) for o in olds if o in per_year[y]] + [(y + 1, n) for n in news if n in per_year[y + 1]]
            for a in nodes[1:]:
                u.join(nodes[0], a)
    groups: dict = {}
    for y, items in enumerate(per_year):
        for i in items:
            groups.setdefault(u.find((y, i)), []).append((y, i))
    out = []
    for members in groups.values():
        values: list[Decimal | None] = [None] * len(per_year)
        names: list[str] = []
        code = ""
        for y, i in sorted(members):
            name, c, amount = per_year[y][i]
            if amount is not None:
                values[y] = (values[y] or Decimal(0)) + amount
            elif values[y] is None:
                values[y] = None
            if name not in names:
                names.append(name)
            code = c or code
        last_year = max(y for y, _ in members)
        latest = [per_year[y][i][0] for y, i in members if y == last_year]
        out.append(Series(section, " + ".join(dict.fromkeys(latest)), code, tuple(values), tuple(names),
                          level_of(code), tuple(years)))
    return sorted(out, key=lambda s: (s.code == "", s.code, s.item))


def _income_columns(doc: Document) -> dict[str, tuple[str, str, Decimal | None]]:
    """The income table's total row by source, as the pair's changes read it (changes.total_columns)."""
    return {k: (label, "", v) for k, (label, v) in total_columns(doc.table("income")).items()}


def _totals(doc: Document) -> dict[str, tuple[str, str, Decimal | None]]:
    from .overview import document_totals
    t = document_totals(doc)
    return {"income": ("收入总计", "", t["income"]), "expense": ("支出总计", "", t["expense"])}


def _lines(lines) -> dict[str, tuple[str, str, Decimal | None]]:
    return {c: (ln.name, c, ln.amount) for c, ln in lines.items()}


def _projects(doc: Document) -> dict[str, tuple[str, str, Decimal | None]]:
    out: dict[str, tuple[str, str, Decimal | None]] = {}
    for p in doc.projects:
        name, code, amount = out.get(p.name, (p.name, p.code, None))
        if p.amount is not None:
            amount = (amount or Decimal(0)) + p.amount.value
        out[p.name] = (name, code or p.code, amount)
    return out


def _three_public(docs: list[Document], years: tuple[int, ...]) -> list[Series]:
    """The 三公 table's figures, year by year, one series per label key (changes.three_public_figures: the same
    key is the same figure every year), in the latest table's order and depth; none unless every year has the
    table."""
    figs = [three_public_figures(d.table("three_public")) for d in docs]
    if not all(figs):
        return []
    out = []
    for k in dict.fromkeys(k for f in reversed(figs) for k in f):
        present = [f[k] for f in figs if k in f]
        label, _, depth = present[-1]
        out.append(Series("three_public", label, "", tuple(f[k][1] if k in f else None for f in figs),
                          tuple(dict.fromkeys(x[0] for x in present)), depth, years))
    return out


def _links(reports: list[Report], what: str, by_code: bool):
    out = []
    for r in reports:
        pair = []
        for m in r.matches:
            if m.what != what or m.kind not in _LINKED:
                continue
            pair.append(((m.old_code,), (m.new_code,)) if by_code else (m.old, m.new))
        out.append(pair)
    return out


def trend(docs: list[Document]) -> Trend:
    """The trend of one department over its documents (any order; one per year)."""
    docs = sorted(docs, key=lambda d: (d.year is None, d.year or 0))
    if len(docs) < 2:
        raise InputError("a trend needs at least two years of one department")
    if any(d.year is None for d in docs):
        raise InputError("the year of " + ", ".join(d.path for d in docs if d.year is None) + " could not be read")
    years = [d.year for d in docs]
    if len(set(years)) != len(years):
        raise InputError(f"the same year twice: {years}")
    reports = [compare(a, b) for a, b in zip(docs, docs[1:])]    # refuses different departments
    warnings = [f"{r.old.year}→{r.new.year}：{w}" for r in reports for w in r.warnings
                if not w.startswith(("上年文件", "本年文件"))]
    same_pair = [((k,), (k,)) for k in ("income", "expense")]
    ys = tuple(years)
    series = _chained("totals", [_totals(d) for d in docs], [same_pair] * (len(docs) - 1), years=ys)
    inc = [_income_columns(d) for d in docs]
    series += _chained("income", inc, [[((k,), (k,)) for k in a if k in b] for a, b in zip(inc, inc[1:])], years=ys)
    from .matching import level
    series += _chained("functional", [_lines(functional_lines(d)) for d in docs],
                       _links(reports, "line", True), level, ys)
    series += _chained("economic", [_lines(economic_lines(d)) for d in docs], _links(reports, "economic", True),
                       level, ys)
    series += _three_public(docs, ys)
    series += _chained("project", [_projects(d) for d in docs], _links(reports, "project", False), years=ys)
    return Trend(tuple(docs), tuple(reports), tuple(series), tuple(warnings))


# ---------------------------------------------------------------- JSON

def _s(v) -> str | None:
    return None if v is None else str(v)


def trend_to_json(t: Trend) -> dict:
    from .compare import report_to_json
    return {
        "version": 1,
        "program": program_version(),
        "command": "trend",
        "department": t.documents[-1].department,
        "years": list(t.years),
        "documents": [report_to_json(t.reports[0])["old"]] + [report_to_json(r)["new"] for r in t.reports],
        "series": [{"section": s.section, "item": s.item, "code": s.code, "names": list(s.names), "level": s.level,
                    "values": [_s(v) for v in s.values],
                    "changes": [{"change": _s(c), "pct": _s(p)} for c, p in s.changes],
                    "cagr": _s(s.cagr)} for s in t.series],
        "chained_prior": [{"old_year": oy, "new_year": ny, "severity": f.severity, "item": f.item, "code": f.code,
                           "stated": f.stated, "expected": f.expected, "page": f.page, "other_page": f.other_page,
                           "quote": f.quote, "other_quote": f.other_quote, "rule": f.rule}
                          for oy, ny, f in t.chained()],
        "pairs": [{"old_year": r.old.year, "new_year": r.new.year,
                   "findings": {s: r.count(s) for s in ("error", "warning", "notice", "rounding", "insufficient")}}
                  for r in t.reports],
        "warnings": list(t.warnings),
    }
