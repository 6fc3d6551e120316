"""Printed table titles -> canonical table kinds (core.TABLE_KINDS).

Titles differ between places: 部门收支总体情况表 / 收支总表 / 部门收支预算总表, numbered 表1, 表 1,
附表1, 表一, 附件1, 表2-1, 公开01表, 公开表一, 预算公开表3 or not at all, with a qualifier after 表
（功能科目） / （经济科目） or not. A title of a budget table whose kind is not a standard one is kind
"other": it is a table of its own (its rows never run on into the table before). A title is a short line that ends with 表 (optionally （续）);
a sentence that merely mentions a table (…情况表为空表。) is not a title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..names import squash
from ..numbers import normalise_digits

# 表1, 表 1, 附表1, 表一, 附件1, 表2-1, 公开01表, 公开表一, 预算公开表3, 部门预算公开表03
_NUM = (r"(?:附表|附件|(?:部门)?(?:预算)?公开表|公开|表)\s*(?:[0-9]+|[一二三四五六七八九十]+)"
        r"(?:\s*[-－—]\s*[0-9]+)?(?:\s*表(?![\u4e00-\u9fff]))?")
_NUMBER_RE = re.compile(rf"^\s*({_NUM})\s*[、.．:：]?\s*")
_CONTINUED_RE = re.compile(r"[（(]\s*续表?\s*[）)]$|续表$")
# a qualifier printed after 表: （功能科目）, （经济科目）, （一般公共预算）, （按功能分类）
_QUALIFIER_RE = re.compile(r"表\s*[（(][^（()）]{1,12}[）)]$")
# words of a budget table's title: a short line ending with 表 that has one of them and names no
# known kind is a table of its own ("other": 政府采购预算表, 机关运行经费…), never part of the table before
# tables of their own that the words of a standard kind would otherwise claim
# (一般公共预算机关运行经费支出预算表 is no 一般公共预算支出表)
_NO_STANDARD_KIND = ("机关运行经费", "政府采购")
_TABLE_WORDS = ("预算", "决算", "收支", "支出", "收入", "采购", "经费", "资产", "项目", "资金")
_SENTENCE_PUNCT = re.compile(r"[。，；,;！？!?]")
MAX_TITLE_CHARS = 64     # 十一、2017年江苏省…部门一般公共预算“三公”经费、会议费、培训费支出预算表
_PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")     # a part heading (第二部分 …部门预算表)

# (kind, words that must all occur, words that must not occur); first match wins, most specific first.
_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("performance", ("绩效目标",), ()),
    # 决算 tables (财政部 部门决算公开 template and its local variants): a title that says 决算
    ("final_three_public", ("决算", "三公"), ()),
    ("final_office_cost", ("决算", "机关运行经费"), ()),
    ("final_procurement", ("决算", "政府采购"), ()),
    ("final_gpb_project", ("决算", "一般公共预算", "项目支出"), ()),
    ("final_gpb_basic", ("决算", "一般公共预算", "基本支出"), ()),
    ("final_gpb_detail", ("决算", "一般公共预算", "支出", "明细"), ()),
    ("final_gpb_expense", ("决算", "一般公共预算", "支出"), ("收入",)),
    ("final_fund", ("决算", "政府性基金"), ()),
    ("final_soe", ("决算", "国有资本经营"), ()),
    ("final_fiscal_detail", ("决算", "财政拨款", "支出", "明细"), ("收入",)),
    ("final_fiscal_overview", ("决算", "财政拨款", "收入支出"), ()),
    ("final_fiscal_overview", ("决算", "财政拨款", "收支"), ()),
    ("final_overview", ("决算", "收入支出"), ()),
    ("final_overview", ("决算", "收支"), ()),
    ("final_income", ("决算", "收入"), ("支出",)),
    ("final_expense", ("决算", "支出"), ("收入",)),
    ("three_public", ("三公",), ()),
    ("entrusted", ("委托业务",), ()),
    ("carryover", ("结转结余",), ("收支", "收入")),
    ("gpb_project", ("一般公共预算", "项目支出"), ()),
    ("gpb_basic", ("一般公共预算", "基本支出"), ()),
    ("gpb_expense", ("一般公共预算", "支出"), ("收支",)),
    ("fund", ("政府性基金", "支出"), ("收支",)),
    ("soe", ("国有资本经营", "支出"), ("收支",)),
    ("fiscal_overview", ("财政拨款", "收支"), ()),
    ("overview", ("收支",), ()),
    ("income", ("收入",), ("支出",)),
    ("expense", ("支出",), ("收入",)),
)


@dataclass(frozen=True)
class Title:
    number: str      # as printed ("表 5", "附表5", ""), spaces normalised away
    title: str       # the title text as printed, without its number ("" for a bare number line)
    kind: str        # a TABLE_KINDS entry, "performance" (a text table), or "" for a bare number

    @property
    def bare_number(self) -> bool:
        return not self.title


def kind_of(title: str) -> str | None:
    """The table kind a printed title names, or None when it names no known table."""
    t = squash(normalise_digits(title))
    if any(w in t for w in _NO_STANDARD_KIND) and "三公" not in t and "决算" not in t:   # the 决算 set names them
        return None
    for kind, need, avoid in _RULES:
        if all(w in t for w in need) and not any(w in t for w in avoid):
            return kind
    return None


def parse_title(line: str) -> Title | None:
    """A table title line (with or without its number), a bare number line ("表 1"), or None."""
    text = normalise_digits(line).strip()
    number = ""
    m = _NUMBER_RE.match(text)
    if m:
        number = re.sub(r"\s+", "", m.group(1))
        text = text[m.end():].strip()
        if not text:
            return Title(number, "", "")
    body = re.sub(r"\s+", "", _CONTINUED_RE.sub("", text))
    if _PART_RE.match(body):
        return None
    m = _QUALIFIER_RE.search(body)
    if m:
        body = body[:m.start() + 1]
    if not body.endswith("表") or len(body) > MAX_TITLE_CHARS or _SENTENCE_PUNCT.search(body):
        return None
    kind = kind_of(body)
    if kind is None:
        if not any(w in body for w in _TABLE_WORDS):
            return None
        kind = "other"
    return Title(number, text, kind)
