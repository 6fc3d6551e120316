"""The document model: what one disclosure says, every figure traced to its page.

Frozen dataclasses only; the parsers build them, everything downstream reads them.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .numbers import Amount, Percent

# Canonical table kinds (numbering and titles differ between places; see parsers/titles.py).
TABLE_KINDS = (
    "overview",          # 部门收支总体情况表 / 收支总表
    "income",            # 部门收入总体情况表 / 收入总表
    "expense",           # 部门支出总体情况表 / 支出总表
    "fiscal_overview",   # 财政拨款收支预算总体情况表 / 财政拨款收支总表
    "gpb_expense",       # 一般公共预算支出情况表
    "gpb_basic",         # 一般公共预算基本支出情况表
    "gpb_project",       # 一般公共预算项目支出情况表
    "fund",              # 政府性基金预算支出情况表
    "soe",               # 国有资本经营预算支出情况表
    "three_public",      # 财政拨款“三公”经费支出情况表
    "entrusted",         # 财政拨款委托业务费支出情况表
    "carryover",         # 上年结转结余情况表
)


@dataclass(frozen=True)
class Column:
    """A table column; `path` is its header path top-down (财政拨款（补助） › 一般公共预算)."""

    path: tuple[str, ...]

    @property
    def label(self) -> str:
        return " › ".join(self.path)

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""


@dataclass(frozen=True)
class Row:
    """One table row. `code` is the joined digits ("2080101"), "" when the row has none.

    `values` is aligned with the table's columns; None is a blank cell (never zero).
    `group` is the enclosing label for grouped tables (the budget unit in a project table).
    `label` is the text of a row without code (收入总计, 一、本年收入); for coded rows it equals name.
    """

    code: str
    code_parts: tuple[str, ...]
    name: str
    values: tuple[Amount | None, ...]
    page: int
    group: str = ""
    project: str = ""
    extra: tuple[tuple[str, str], ...] = ()   # text cells that are neither code, name nor amount
    span: tuple[float, ...] = ()              # (top, bottom) of the row on its page; () when unknown

    def value(self, table: "Table", label_or_leaf: str) -> Amount | None:
        i = table.column_index(label_or_leaf)
        return None if i is None else self.values[i]


@dataclass(frozen=True)
class Table:
    kind: str                      # one of TABLE_KINDS, or "other"
    number: str                    # as printed: "表 5", "附表5", "" if none
    title: str                     # as printed
    unit: str                      # 万元 / 元
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    pages: tuple[int, ...]
    empty_note: str = ""           # the sentence saying why an empty table is empty
    strategy: str = ""             # per page: the strategy that read it (lattice / stream) and why

    def column_index(self, label_or_leaf: str) -> int | None:
        for i, c in enumerate(self.columns):
            if c.label == label_or_leaf:
                return i
        for i, c in enumerate(self.columns):
            if c.leaf == label_or_leaf:
                return i
        return None

    @property
    def is_empty(self) -> bool:
        return not any(any(v is not None for v in r.values) for r in self.rows)


@dataclass(frozen=True)
class Statement:
    """A narrative sentence (clause) with figures.

    direction: 增加 / 减少 / 持平 (the word attached to the amount change, normalised);
    rate_direction: 增长 / 下降 / 持平 (the word attached to the rate, normalised).
    direction_word / rate_word keep the words as printed (traditional forms folded to simplified).
    prior_stated: a previous-year figure given outright ("较2024年的1,860万元减少124万元").
    no_base: the text says the base is zero / not comparable (不可比, 上年无此项).
    """

    subject: str
    code: str | None
    amount: Amount | None
    page: int
    quote: str
    section: str = ""
    change: Amount | None = None
    direction: str | None = None
    direction_word: str | None = None
    rate: Percent | None = None
    rate_direction: str | None = None
    rate_word: str | None = None
    share: Percent | None = None
    share_of: str | None = None       # what the share is of, when the text says (收入总计)
    reason: str | None = None
    prior_stated: Amount | None = None
    no_base: bool = False
    hedged: bool = False              # the figures are approximations (约, 近, 超过)
    comparison: str = "上年预算"       # what the change is measured against, as the text says
    topic: str = ""                   # income/expense/basic/project/item/three_public/... (see parsers/narrative.py)


@dataclass(frozen=True)
class Project:
    name: str
    unit: str                          # 承担单位 / budget unit
    code: str                          # functional code (7 digits) or ""
    amount: Amount | None
    page: int
    secret: bool = False               # 特定目标 / 完全不予公开
    target_code: str = ""              # "0110019B" of 特定目标 0110019B
    source: str = "table"              # table / narrative / both
    scale: str = ""                    # 预算安排规模 as printed
    allocation: str = ""               # 资金分配情况
    period: str = ""                   # 执行时间
    basis: str = ""                    # 政策依据
    narrative_page: int | None = None
    details: tuple[tuple[str, str], ...] = ()   # other labelled lines of the description (补贴标准：…)


@dataclass(frozen=True)
class Indicator:
    project: str
    level1: str
    level2: str
    name: str
    target: str                        # 指标值 as printed
    previous: str                      # 上年完成值 as printed
    page: int


@dataclass(frozen=True)
class Unparsed:
    page: int
    text: str
    reason: str


@dataclass(frozen=True)
class SourceFile:
    """One PDF of a document read from several files: its pages are the document's pages
    first_page … first_page + page_count - 1."""

    path: str
    sha256: str
    first_page: int
    page_count: int


@dataclass(frozen=True)
class Document:
    path: str
    sha256: str
    department: str
    year: int | None
    kind: str                          # 预算 / 决算
    unit: str                          # 万元 / 元
    page_count: int
    budget_units: tuple[str, ...]
    tables: tuple[Table, ...]
    statements: tuple[Statement, ...]
    projects: tuple[Project, ...]
    indicators: tuple[Indicator, ...]
    unparsed: tuple[Unparsed, ...]
    coverage: Decimal                   # share of numeric tokens that ended in the model, 0..1
    numeric_tokens: int = 0
    warnings: tuple[str, ...] = ()
    files: tuple[SourceFile, ...] = ()  # the PDFs the document was read from, in page order

    def locate(self, page: int) -> tuple[str, int]:
        """The file a document page comes from and its page number in that file."""
        for f in self.files:
            if f.first_page <= page < f.first_page + f.page_count:
                return f.path, page - f.first_page + 1
        return self.path, page

    def table(self, kind: str) -> Table | None:
        for t in self.tables:
            if t.kind == kind:
                return t
        return None
