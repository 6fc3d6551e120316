"""What a statement's figure is a figure of: the stem of its subject and its basis (预算 / 决算 / 执行数).

「“三公”经费支出预算为24.5万元，支出决算为11.96万元」 names one item on two bases: the budget and the final
account. A figure may only be compared with, lent to, or added into a figure of the same basis; a subject
that names no basis is on the document's own basis (a 预算 document states budgets, a 决算 document final
accounts) and, when the document's kind is not known, on any basis. This module is the one place that reads
a basis from a subject; parsers/narrative.py (amounts lent to a change stated without one) and
checks/counterparts.py (wholes, parts and table figures a statement is compared with) use it.
"""
from __future__ import annotations

import re

from .phrases import fold

BASES = ("预算", "决算", "执行")
# 预算 ending a subject (with its qualifier: 年初预算, 调整后预算) is its basis unless it ends a budget's own name (一般公共预算, 政府性基金预算, 国有资本经营预算).
_BASIS_RE = re.compile(r"(?:(?:年初|全年|年度|调整后?的?)?(?<!公共)(?<!基金)(?<!经营)(?<!部门)(?P<b>预算|决算|执行)(?:数|额|金额|情况)?)\s*$")
_SPEND_RE = re.compile(r"(?:支出|费用|开支)$")
_ONLY_BASIS_RE = re.compile(r"^(?:支出|收入)?(?:年初)?(?:预算|决算|执行)(?:数|额)?$")
_QUOTES_RE = re.compile(r"[\s“”\"'‘’「」『』]")


def basis(subject: str) -> str:
    """预算 / 决算 / 执行 as the end of the subject names it, or "" (the document's own basis)."""
    m = _BASIS_RE.search(fold(subject or "").strip())
    return m.group("b") if m else ""


def stem(subject: str) -> str:
    """The item a subject names, without quotation marks, its basis and a trailing 支出:
    “三公”经费支出决算数 → 三公经费. A key for telling items apart, not for showing them."""
    return _item(_QUOTES_RE.sub("", fold(subject or "")))


def printed_item(subject: str) -> str:
    """The item a subject names as the page prints it (quotation marks kept), without its basis and a
    trailing 支出: “三公”经费支出预算 → “三公”经费, so that 「…，支出决算为…」 continues it as
    “三公”经费支出决算. stem(printed_item(s)) == stem(s)."""
    return _item(fold(subject or "").strip())


def _item(s: str) -> str:
    s = re.sub(r"^.{0,40}?20\d\d年度?", "", s)       # the unit and year that open a sentence
    s = _BASIS_RE.sub("", s)
    s = re.sub(r"(?:数|金额)$", "", s)
    return _SPEND_RE.sub("", s)


def only_basis(subject: str) -> bool:
    """The subject names a basis and nothing else (支出决算, 预算数): it continues the item named before it."""
    return bool(_ONLY_BASIS_RE.match(_QUOTES_RE.sub("", fold(subject or ""))))


def own_basis(subject: str, kind: str | None) -> str:
    """The basis of a subject, the document's kind when the subject names none ("" when that is unknown too)."""
    return basis(subject) or (kind if kind in BASES else "")


def compatible(a: str, b: str, kind: str | None = None) -> bool:
    """Two subjects are on the same basis: both name the same one, or the unnamed one is the document's kind
    (any basis when the kind is unknown)."""
    x, y = own_basis(a, kind), own_basis(b, kind)
    return not x or not y or x == y
