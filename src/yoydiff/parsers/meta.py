"""Document metadata: department, year, 预算/决算, unit of amounts, budget units, and whether the
PDF is a budget disclosure at all."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..pdf import Page
from .phrases import fold

# Phrases every 部门预算/决算 disclosure prints; fewer than MIN_MARKERS of them: not a disclosure.
MARKERS = ("部门预算", "部门决算", "收支总", "财政拨款", "一般公共预算", "基本支出", "项目支出", "三公", "政府性基金",
           "功能分类", "预算单位")
MIN_MARKERS = 5
# An organisation name: CJK (and brackets), ending like an organisation.
_ORG_END = (r"(?:办公厅|办公室|委员会|常委会|政府|办事处|法院|检察院|局|厅|委|中心|院|所|部|会|处|署|社|办|馆|队|站|校|团|联|协|台)")
_ORG = rf"(?:中共)?[\u4e00-\u9fff（）()]{{1,36}}?{_ORG_END}"
# Cover titles: 「2026年度XX局部门预算」「2018年度XX法院预算公开」「XX办公厅 2017 年度部门预算」.
_KIND = r"(?:部门|单位)?(?P<kind>预算|决算)"
_TITLE_RE = re.compile(rf"(?P<year>20\d\d)\s*年(?:度)?\s*(?P<dept>{_ORG})?\s*{_KIND}")
_TITLE_AFTER_RE = re.compile(rf"(?P<dept>{_ORG})\s*(?P<year>20\d\d)\s*年(?:度)?\s*{_KIND}")
# A labelled field: 编制部门：XX / 部 门:XX / 单位名称：XX, the value on the same line or the next one.
_DEPT_RE = re.compile(rf"(?:编制|预算)?(?:部\s*门|单\s*位)(?:\s*名\s*称)?\s*[:：]\s*\n?\s*(?!(?:亿|万)?元)(?P<dept>{_ORG})(?=\s|$|单\s*位\s*[:：]|金额)")
_UNIT_RE = re.compile(r"(?:金额)?单位\s*[:：]\s*(?P<unit>亿元|万元|元)")
_UNIT_ITEM_RE = re.compile(r"(?:^|[\s；;。：:])\s*\d{1,2}\s*[.．、]\s*(?P<name>[^；;。\n]{3,50}?)(?=[；;。]|\s+\d{1,2}\s*[.．、]|\n|$)")
_UNIT_SUFFIX = re.compile(r"(?:（本级）|\(本级\)|局|委员会|委|厅|中心|院|所|站|队|馆|校|学|办|处|会|室|社|场|园|（[^）]*）)$")
_DEPT_SUFFIX = re.compile(rf"{_ORG_END}$")


@dataclass(frozen=True)
class Meta:
    department: str
    year: int | None
    kind: str            # 预算 / 决算
    unit: str            # 万元 / 元 / 亿元
    budget_units: tuple[str, ...]
    is_disclosure: bool
    evidence: str        # why: the title found, or what is missing


def _texts(pages: list[Page]) -> list[str]:
    return [fold(p.text) for p in pages]


def _title(texts: list[str]) -> re.Match | None:
    """The first cover title ('2026年XX部门预算', 'XX 2017年度部门预算') in the first pages."""
    for t in texts[:3]:
        flat = re.sub(r"\s*\n\s*", "", t)
        # the department-first form on one line: joined lines would glue a caption (单位：万元) to the name
        found = [m for m in (_TITLE_RE.search(flat), _TITLE_AFTER_RE.search(t)) if m]
        if found:     # the earliest; one naming the department before one that does not
            return min(found, key=lambda m: (m.group("dept") is None, m.start()))
    return None


def _department(texts: list[str], title: re.Match | None) -> str:
    named = Counter(re.sub(r"\s+", "", m.group("dept")) for t in texts for m in _DEPT_RE.finditer(t))
    if named:
        return named.most_common(1)[0][0]
    if title and title.group("dept"):
        return title.group("dept")
    for t in texts[:2]:       # a cover that names the department on its own line
        for line in t.splitlines():
            line = line.strip()
            if 4 <= len(line) <= 40 and _DEPT_SUFFIX.search(line) and not re.search(r"\d", line):
                return line
    return ""


def _year(texts: list[str], title: re.Match | None) -> int | None:
    if title:
        return int(title.group("year"))
    years = Counter(int(m.group(1)) for t in texts
                    for m in re.finditer(r"(20\d\d)\s*年(?:度)?[^\n。，,]{0,12}?(?:预算|决算)", re.sub(r"\s*\n\s*", "", t)))
    return years.most_common(1)[0][0] if years else None


def _kind(texts: list[str], title: re.Match | None) -> str:
    if title:
        return "决算" if "决算" in title.group("kind") else "预算"
    body = "".join(texts)
    return "决算" if body.count("决算") > body.count("预算") else "预算"


def _unit(texts: list[str]) -> str:
    units = Counter(m.group("unit") for t in texts for m in _UNIT_RE.finditer(t))
    return units.most_common(1)[0][0] if units else "万元"


def budget_units(texts: list[str]) -> tuple[str, ...]:
    """The units listed under 机构设置 (numbered list, one per line or inline).

    机构设置 is printed in the table of contents and in headings (「一、部门职责及机构设置」 above
    「（二）机构设置」): the first occurrence after the first one whose section lists units wins."""
    body = "\n".join(texts)
    starts = [m.start() for m in re.finditer("机构设置", body)]
    for start in starts[1:] + starts[:1]:
        units = _units_after(body, start)
        if units:
            return units
    return ()


def _units_after(body: str, start: int) -> tuple[str, ...]:
    end = re.search(r"\n\s*(?:[一二三四五六七八九十]+\s*、|第[一二三四五六七八九十]+部分|[（(][一二三四五六七八九十]+[)）])",
                    body[start + 4:])
    section = body[start: start + 4 + (end.start() if end else 2000)]
    # a long name wrapped onto the next line continues it (the line does not end like a unit name)
    lines = section.split("\n")
    joined = lines[:1]
    for line in lines[1:]:
        prev = joined[-1].strip()
        if re.match(r"\s*\d{1,2}\s*[.．、]", prev) and not _UNIT_SUFFIX.search(prev) \
                and not re.match(r"\s*\d{1,2}\s*[.．、]", line):
            joined[-1] = prev + line.strip()
        else:
            joined.append(line)
    section = "\n".join(joined)
    out: list[str] = []
    for m in _UNIT_ITEM_RE.finditer(section):
        name = re.sub(r"\s+", "", m.group("name")).strip("，,")
        if _UNIT_SUFFIX.search(name) and name not in out:
            out.append(name)
    return tuple(out)


def extract_meta(pages: list[Page]) -> Meta:
    texts = _texts(pages)
    body = "".join(texts)
    title = _title(texts)
    found = [m for m in MARKERS if m in body]
    is_disclosure = len(found) >= MIN_MARKERS and bool(re.search(r"部门(?:预算|决算)|单位(?:预算|决算)", body))
    if is_disclosure:
        shown = f"title '{' '.join(title.group().split())}'" if title else "no cover title"
        evidence = f"{shown}; markers: {', '.join(found)}"
    else:
        evidence = f"only {len(found)} of the phrases every 部门预算/决算 disclosure prints ({', '.join(found) or 'none'})"
    return Meta(department=_department(texts, title), year=_year(texts, title), kind=_kind(texts, title),
                unit=_unit(texts), budget_units=budget_units(texts), is_disclosure=is_disclosure, evidence=evidence)
