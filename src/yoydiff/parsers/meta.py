"""Document metadata: department, year, 预算/决算, unit of amounts, budget units, and whether the
PDF is a budget disclosure at all."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..core import TABLE_KINDS, is_final_kind
from ..numbers import UNIT_CAPTION_RE
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
_UNIT_ITEM_RE = re.compile(r"(?:^|[\s；;。：:])\s*\d{1,2}\s*[.．、]\s*(?P<name>[^；;。\n]{3,50}?)(?=[；;。]|\s+\d{1,2}\s*[.．、]|\n|$)")
_UNIT_SUFFIX = re.compile(r"(?:（本级）|\(本级\)|本级|局|委员会|委|厅|中心|院|所|站|队|馆|校|学|办|处|会|室|社|场|园|（[^）]*）)$")
# The standard sentence of 预算单位构成: 「纳入本部门2019年部门汇总预算编制范围的预算单位共计2家，具体包括：A、B。」
# (or 「…共计1家，即A本级。」)
# (or 「…共计1家，即A本级。」, or without the count: 「…编制范围的预算单位包括：A、B。」)
_UNITS_SENTENCE_RE = re.compile(r"预算单位(?:共(?:计|有)?\s*(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*[家个])?"
                                r"[^。：:]{0,12}?(?:包括\s*[:：]?|即)(?P<list>[^。]{2,2000}?)[。]")
_PAGE_MARK_RE = re.compile(r"\n\s*[-—–─]?\s*\d{1,4}\s*[-—–─]?\s*\n|\n\s*第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?\s*\n")
_FIRST_YEAR_RE = re.compile(r"(20\d\d)\s*年(?:度)?[^。；;，,\n]{0,30}?(?:预算|决算|三公|经费|收支|支出|收入)")
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
    kind_from_title: bool = False   # kind read from the cover title (else from the words of the text)


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
    if years:
        return years.most_common(1)[0][0]
    # a page without a cover (a web page, a 三公 说明): the first year named before a budget word, on the
    # first page ("XX县2024年度“三公”经费说明", "2024年“三公”经费财政拨款预算为…")
    m = _FIRST_YEAR_RE.search(texts[0]) if texts else None
    return int(m.group(1)) if m else None


def _kind(texts: list[str], title: re.Match | None) -> str:
    if title:
        return "决算" if "决算" in title.group("kind") else "预算"
    body = "".join(texts)
    return "决算" if body.count("决算") > body.count("预算") else "预算"


def _unit(texts: list[str]) -> str:
    units = Counter(m.group("unit") for t in texts for m in UNIT_CAPTION_RE.finditer(t))
    return units.most_common(1)[0][0] if units else "万元"


def budget_units(texts: list[str]) -> tuple[str, ...]:
    """The budget units: those the standard sentence names (「预算单位共计N家，具体包括：A、B。」),
    else the units listed under 机构设置 (numbered list, one per line or inline).

    机构设置 is printed in the table of contents and in headings (「一、部门职责及机构设置」 above
    「（二）机构设置」): the first occurrence after the first one whose section lists units wins."""
    body = "\n".join(texts)
    listed = _units_sentence(body)
    if listed:
        return listed
    starts = [m.start() for m in re.finditer("机构设置", body)]
    for start in starts[1:] + starts[:1]:
        units = _units_after(body, start)
        if units:
            return units
    return ()


def _units_sentence(body: str) -> tuple[str, ...]:
    """The units of 「预算单位共计N家，具体包括：A、B。」 when every name reads as a unit's."""
    for m in _UNITS_SENTENCE_RE.finditer(body):
        text = re.sub(r"\s+", "", _PAGE_MARK_RE.sub("\n", m.group("list")))
        # 「A本级，不含B（自收自支）」: what follows a comma qualifies the name
        names = [n.split("，")[0].split(",")[0] for n in re.split(r"[、；;]", text)]
        names = [n for n in names if n]
        if names and all(_UNIT_SUFFIX.search(n) and len(n) <= 50 for n in names):
            return tuple(dict.fromkeys(names))
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
        if "，" in name or "," in name:
            continue                      # a sentence (「根据部门职责分工，本部门内设机构包括…」), not a unit's name
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
                unit=_unit(texts), budget_units=budget_units(texts), is_disclosure=is_disclosure, evidence=evidence,
                kind_from_title=title is not None)


def document_kind(meta: Meta, table_kinds: list[str]) -> tuple[str, str]:
    """预算 / 决算 from the cover title and the table titles (never from the file name), and a warning
    when they disagree. Without a cover title the table titles decide (收入支出决算总表 … say 决算);
    without either, the words of the text."""
    final = sum(1 for k in table_kinds if is_final_kind(k))
    budget = sum(1 for k in table_kinds if k in TABLE_KINDS and not is_final_kind(k))
    by_tables = "决算" if final > budget else "预算" if budget > final else ""
    if meta.kind_from_title:
        if by_tables and by_tables != meta.kind:
            return meta.kind, (f"封面标题为{meta.kind}，而表格标题多为{by_tables}表（{final} 张决算表、{budget} 张预算表），"
                               f"按封面标题作{meta.kind}处理")
        return meta.kind, ""
    return by_tables or meta.kind, ""
