"""What checks, matching and comparison produce: findings, matches, changes, and the report that holds them."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .core import Document

SEVERITIES = ("error", "warning", "notice", "rounding", "insufficient")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

# What a compared pair is (Report.comparison), in the memo's words.
COMPARISONS = {
    "budget": "上年预算与本年预算",
    "final": "上年决算与本年决算",
    "execution": "预算执行：同一年度的预算（年初预算数）与决算（决算数），增减额为决算数减预算数，完成率 = 决算数 ÷ 预算数"
                 "（表中增减率 = 完成率 − 100%）",
    "mixed": "预算与决算（不同年度，口径不同）",
}

MATCH_KINDS = ("matched", "renamed", "re-coded", "merged", "split", "new", "discontinued", "review")


@dataclass(frozen=True)
class Finding:
    """One stated figure that was recomputed. `rule` says how, in words a reviewer can follow."""

    check: str                 # rate, direction, zero-base, share, sum, cross-table, narrative, execution,
                               # unexplained, prior, change, lifecycle, target, count, catalogue
    severity: str              # error / warning / notice / rounding / insufficient
    doc: str                   # old / new
    page: int | None
    item: str
    stated: str
    expected: str
    rule: str
    quote: str
    location: str = ""         # table or section
    code: str = ""
    distance: str = ""         # stated minus recomputed figure as printed ("相差 10.00 万元"); the intervals are in rule
    cause: str = ""            # a recognised cause of the mismatch, when there is one
    other_page: int | None = None    # cross-year: where the old document published the figure
    other_quote: str = ""


@dataclass(frozen=True)
class Match:
    """A pairing of an old and a new item (line, project or budget unit)."""

    what: str                  # line / project / unit
    kind: str                  # one of MATCH_KINDS
    old: tuple[str, ...]       # old names (several for a merge)
    new: tuple[str, ...]       # new names (several for a split)
    score: float
    reason: str
    old_code: str = ""
    new_code: str = ""
    old_amount: Decimal | None = None
    new_amount: Decimal | None = None
    old_unit: str = ""
    new_unit: str = ""


@dataclass(frozen=True)
class Change:
    section: str               # functional / economic / income / structure / project / three_public_table /
                               # three_public /
                               # operating / procurement / assets / unit
    item: str
    code: str
    old: Decimal | None
    new: Decimal | None
    change: Decimal | None
    pct: Decimal | None        # None when old is 0 or missing: growth from nothing is undefined
    status: str = "matched"    # matched / new / discontinued / renamed / merged / split / re-coded
    level: int = 0             # depth in the classification tree (类 1, 款 2, 项 3)


@dataclass(frozen=True)
class Report:
    """The result of `check` (old is None) or `compare`."""

    new: Document
    old: Document | None = None
    findings: tuple[Finding, ...] = ()
    matches: tuple[Match, ...] = ()
    changes: tuple[Change, ...] = ()
    warnings: tuple[str, ...] = ()
    timings: dict = field(default_factory=dict, compare=False)
    comparison: str = ""       # compare: budget (预算 vs 预算), final (决算 vs 决算), execution (预算 vs 决算 of one year), mixed

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)
