"""The document model: what one disclosure says, every figure traced to its page.

Frozen dataclasses only; the parsers build them, everything downstream reads them.
"""
from __future__ import annotations

import re
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
) + (
    # 决算 (final accounts) tables: their own columns (年初结转和结余, 本年收入/支出, 结余分配, 年末结转和结余;
    # 年初预算数 / 调整预算数 / 决算数) and identities, so no 预算 rule reads them by mistake.
    "final_overview",          # 收入支出决算总表
    "final_income",            # 收入决算表
    "final_expense",           # 支出决算表
    "final_fiscal_overview",   # 财政拨款收入支出决算总表
    "final_fiscal_detail",     # 财政拨款支出决算明细表
    "final_gpb_expense",       # 一般公共预算财政拨款支出决算表
    "final_gpb_detail",        # 一般公共预算财政拨款支出决算明细表 (economic classification)
    "final_gpb_basic",         # 一般公共预算财政拨款基本支出决算表
    "final_gpb_project",       # 一般公共预算财政拨款项目支出决算表
    "final_fund",              # 政府性基金预算财政拨款收入支出决算表
    "final_soe",               # 国有资本经营预算财政拨款（收入）支出决算表
    "final_three_public",      # 财政拨款“三公”经费支出决算表
    "final_office_cost",       # 机关运行经费支出决算表
    "final_procurement",       # 政府采购支出决算表
)

FINAL_PREFIX = "final_"

# The reader's warnings about a document (Document.warnings). The memo shows them under 解析提示, so
# they are Chinese like every warning of the memo; `parse` and `check` print them as they are.
WARN_TEXT_INPUT = "按文本（网页或 .txt）读取：其中的表格未按表格读取，仅核对了文字表述"
WARN_NO_TABLES = "未找到预算表，仅核对了说明文字"
WARN_NO_YEAR = "未能从标题中识别预算年度"
WARN_NO_DEPARTMENT = "未能从标题中识别部门名称"


def budget_kind(kind: str) -> str:
    """The 预算 table a 决算 table answers to (final_gpb_expense -> gpb_expense); a 预算 kind itself."""
    return kind[len(FINAL_PREFIX):] if kind.startswith(FINAL_PREFIX) else kind


def is_final_kind(kind: str) -> bool:
    return kind.startswith(FINAL_PREFIX)


# A column of budget figures in a 决算 table (年初预算数 / 调整预算数 / 全年预算数 / 预算数), not a source of funds
# such as 一般公共预算财政拨款: never added to or compared as a 决算 figure.
_BUDGET_FIGURE_RE = re.compile(r"年初预算|调整预算|调整后预算|全年预算|预算数")


# A column numbering the rows (行次 / 栏次 / 序号: 1, 2, 3 …), printed beside the figures in 决算 总表: never a figure.
_INDEX_COLUMN_RE = re.compile(r"^(?:行次|栏次|序号|行号)$")


def is_index_column(column: "Column") -> bool:
    return bool(column.path) and bool(_INDEX_COLUMN_RE.match("".join(column.leaf.split())))


# A column of rates or shares (完成率, 决算数为调整预算数的%, 比重): its rows never add up to a parent row.
_RATIO_COLUMN_RE = re.compile(r"[%％]|率|比例|比重")


def not_summed(column: "Column") -> bool:
    """A column whose figures do not add up the code tree: 行次 / 栏次 numbers and rates or shares."""
    return is_index_column(column) or bool(_RATIO_COLUMN_RE.search(column.label))


def is_budget_figure_column(column: "Column") -> bool:
    return any(_BUDGET_FIGURE_RE.search(p) and "决算" not in p for p in column.path)


def figure_column(table: "Table", *labels: str) -> int | None:
    """The column holding a table's own figure for a line: the first of `labels` found (label or leaf),
    else the first column. In a 决算 table only 决算 columns count (决算数 › 合计, 本年支出合计), never a
    年初预算数 / 调整预算数 column, never a 行次 column; None when it has none."""
    cols = [j for j in range(len(table.columns)) if not is_index_column(table.columns[j])]
    if is_final_kind(table.kind):
        cols = [j for j in cols if not is_budget_figure_column(table.columns[j])]
        finals = [j for j in cols if any("决算" in p for p in table.columns[j].path)]
        cols = finals or cols
    for label in labels:
        for j in cols:
            if table.columns[j].label == label or table.columns[j].leaf == label:
                return j
    return cols[0] if cols else None


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
    budget: Amount | None = None      # 决算: the budget the amount is measured against (完成全年预算84.82万元的…)
    execution: Percent | None = None  # 决算: the stated 完成率 (完成年初预算的 73.2%)
    carried: bool = False             # the change / rate stand in a later sentence that names no subject: the
    #                                   subject and amount are carried from this one (the quote runs over both)


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
class CodeRepair:
    """A table row's code changed by parsers/codes.py: what was printed, what it became, and why."""

    page: int
    table: str                         # the table's number or title
    printed: str                       # the code as the text layer gave it ("3012")
    code: str                          # the code it became ("30102")
    name: str                          # the printed name of the row
    reason: str                        # why exactly this code (in Chinese, shown by `yoydiff parse`)


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
    code_repairs: tuple[CodeRepair, ...] = ()   # codes repaired from the catalogue and the neighbouring rows
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

    def table_like(self, kind: str) -> Table | None:
        """The table of a 预算 kind or, in a 决算 document, the 决算 table answering to it
        (gpb_expense -> final_gpb_expense): for what both kinds of document share (codes, names)."""
        return self.table(kind) or self.table(FINAL_PREFIX + budget_kind(kind))
