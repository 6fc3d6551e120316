"""Year-over-year tables printed as text rows (a web page's table: cells joined by "|"), read as statements.

「项目 | 2014年决算数 | 2015年决算数 | 比上年增、减情况」 over 「增、减额 | 增、减幅度」, then 「合 计 | 1953.72 | 1957.23 |
-3.51 | -0.2% |」: each data row states a prior, a current amount, a signed change and a signed rate, which the
checks recompute like a sentence. The header names the columns: a year or 上年/本年 (prior and current; of two
columns of the current year the 执行/决算/完成 one), 增减额 (change), 增减幅度 / 增减% / 增长率 (rate). A second header
line splits the last named column of the first (「比上年增、减情况」 → 增减额, 增减幅度). A table whose columns cannot
be named so (no current, or two candidates) gives no statement: its rows are read as ordinary text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core import Statement
from ..numbers import UNIT_CAPTION_RE, Amount, Percent
from .phrases import fold

SEPARATOR = "|"
_YEAR_RE = re.compile(r"(20\d\d)\s*年")
_NUMBER_RE = re.compile(r"^[-−–+]?\d[\d,]*(?:\.\d+)?\s*%?$")
_ACTUAL_RE = re.compile(r"执行|决算|完成|实际")
_CHANGE_RE = re.compile(r"增.?减|增长|减少|增加|变动")


@dataclass(frozen=True)
class Line:
    text: str
    page: int


def cells(text: str) -> list[str]:
    parts = [c.strip() for c in fold(text).split(SEPARATOR)]
    while parts and not parts[-1]:
        parts.pop()
    return parts


def _is_data(cs: list[str]) -> bool:
    return len(cs) >= 2 and bool(cs[0]) and not _NUMBER_RE.match(cs[0]) and \
        any(_NUMBER_RE.match(c) for c in cs[1:])


def roles(header: list[list[str]]) -> list[str] | None:
    """The role of each value column (prior, current, change, rate, other), or None when the header does not
    name a current amount and a change or rate unambiguously."""
    first = [c for c in header[0]]
    labels = [c for c in first[1:] if c]
    if len(header) > 1 and labels:
        subs = [c for c in header[1] if c]
        labels = labels[:-1] + [f"{labels[-1]}›{s}" for s in subs]
    out: list[str] = []
    years = [int(y) for lb in labels for y in _YEAR_RE.findall(lb.split("›")[0])]
    low, high = (min(years), max(years)) if years else (None, None)
    for lb in labels:
        leaf = lb.split("›")[-1]
        y = [int(v) for v in _YEAR_RE.findall(lb.split("›")[0])]
        if "占" in leaf:
            out.append("other")
        elif _CHANGE_RE.search(leaf) and re.search(r"幅度|率|%|百分比", leaf):
            out.append("rate")
        elif _CHANGE_RE.search(leaf) and re.search(r"额|金额|数|增减$|情况$", leaf):
            out.append("change")
        elif "上年" in lb or (y and low != high and y[0] == low):
            out.append("prior")
        elif "本年" in lb or (y and y[0] == high):
            out.append("current?")
        else:
            out.append("other")
    current = [i for i, r in enumerate(out) if r == "current?"]
    if len(current) > 1:
        current = [i for i in current if _ACTUAL_RE.search(labels[i])]
    out = ["other" if r == "current?" else r for r in out]
    if len(current) != 1 or not ({"change", "rate"} & set(out)):
        return None
    out[current[0]] = "current"
    return out


def _amount(text: str, unit: str) -> tuple[Amount | None, int]:
    t = text.replace("−", "-").replace("–", "-").replace("+", "")
    sign = -1 if t.startswith("-") else 1
    return Amount.parse(t.lstrip("-").replace(",", ""), unit), sign


def _percent(text: str) -> tuple[Percent | None, int]:
    t = text.replace("−", "-").replace("–", "-").replace("+", "").rstrip("%").strip()
    sign = -1 if t.startswith("-") else 1
    return Percent.parse(t.lstrip("-")), sign


def _subject(name: str) -> str:
    s = re.sub(r"\s+", "", name)
    s = re.sub(r"^其中[:：]?", "", s)
    return re.sub(r"^(?:[（(]?\d{1,2}[)）.、．]|[一二三四五六七八九十]+、)", "", s)


def read_table(lines: list[Line], unit: str = "万元") -> list[Statement]:
    """The statements of one run of "|" lines: caption lines, header lines, data rows."""
    rows = [cells(ln.text) for ln in lines]
    for ln in lines:
        m = UNIT_CAPTION_RE.search(fold(ln.text))
        if m:
            unit = m.group(1)
    start = next((i for i, cs in enumerate(rows) if _is_data(cs)), None)
    if start is None or start == 0:
        return []
    head = [cs for cs in rows[:start] if any(cs) and not UNIT_CAPTION_RE.search(" ".join(cs))][-2:]
    if len(head) == 2 and not _YEAR_RE.search(" ".join(head[1])) and len(head[1]) < len(head[0]) + 2 \
            and not any(re.match(r"(?:上年|本年)", c) for c in head[1]):
        header = head
    else:
        header = head[-1:]
    role = roles(header)
    if role is None:
        return []
    # the table's title: the lines above the header that are neither header nor unit
    title = " ".join(" ".join(c for c in cs if c) for cs in rows[:start]
                     if cs not in header and any(cs) and not UNIT_CAPTION_RE.search(" ".join(cs)))
    out = []
    for ln, cs in zip(lines[start:], rows[start:]):
        if not _is_data(cs):
            continue
        values = dict(zip(role, cs[1:]))
        cur = values.get("current", "")
        if not _NUMBER_RE.match(cur or ""):
            continue
        amount, _ = _amount(cur, unit)
        prior = _amount(values["prior"], unit)[0] if _NUMBER_RE.match(values.get("prior", "")) else None
        change = direction = rate = rate_direction = None
        if _NUMBER_RE.match(values.get("change", "")):
            change, sign = _amount(values["change"], unit)
            direction = "增加" if sign > 0 else "减少"
        if _NUMBER_RE.match(values.get("rate", "")):
            rate, sign = _percent(values["rate"])
            rate_direction = "增长" if sign > 0 else "下降"
        if change is None and rate is None:
            continue
        out.append(Statement(subject=_subject(cs[0]), code=None, amount=amount, page=ln.page, quote=ln.text.strip(),
                             change=change, direction=direction, direction_word=direction, rate=rate,
                             rate_direction=rate_direction, rate_word=rate_direction, prior_stated=prior,
                             section=title, topic="row"))
    return out
