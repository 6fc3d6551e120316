"""Performance indicators of the 绩效目标表 (项目支出绩效目标表 / 部门整体绩效目标表).

Each table is read from its header row (一级指标 二级指标 三级指标 指标值 … 上年完成值). Blank
一级/二级 cells are filled from the merged cell they belong to: carried down, and rows above the
first label take that label (a merged cell prints its text in the middle of its rows). In 项目支出 tables
the 一级指标 the national template gives a 二级指标 (数量/质量/时效 → 产出, 经济成本 → 成本, …) wins
over carrying when the row's own 一级 cell is blank.
A row that holds only the tail of a cell split over a page break is appended to the indicator above.
"""
from __future__ import annotations

import re

from ..core import Indicator
from ..pdf import Page

PROJECT_TITLE = "项目支出绩效目标表"
DEPARTMENT_TITLE = "部门整体绩效目标表"
_COLUMNS = {"level1": r"一级指标", "level2": r"二级指标", "name": r"三级指标|指标名称|指标内容",
            "target": r"指标值|目标值", "previous": r"上年完成值|上年实际完成值|上年指标值"}
# 二级指标 → 一级指标 of the national 项目支出绩效目标 template.
LEVEL1_OF = (("产出指标", r"数量指标|质量指标|时效指标"), ("成本指标", r".*成本指标"),
             ("效益指标", r".*效益指标|可持续影响指标"), ("满意度指标", r".*满意度指标"))
_NAME_LABEL = re.compile(r"^(?:项目名称|部门名称(?:\s*[(（]盖章[)）])?)$")


def _clean(cell: str) -> str:
    return re.sub(r"\s+", " ", cell or "").strip()


def _label_value(rows, label_re) -> str:
    for row in rows:
        cells = [_clean(c) for c in row]
        for i, c in enumerate(cells):
            if label_re.match(c.replace(" ", "")):
                return next((x for x in cells[i + 1:] if x), "")
    return ""


def _page_label(pages: list[Page], number: int, label: str) -> str:
    """A label printed above the table (outside its rows): '项目名称 XXX'."""
    for page in pages:
        if page.number == number:
            for line in page.lines:
                t = line.text.strip()
                if t.startswith(label):
                    return re.sub(r"^\s*[(（]\s*盖章\s*[)）]", "", t[len(label):]).strip(" ：:")
    return ""


def _header(rows) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(rows):
        cells = [_clean(c).replace(" ", "") for c in row]
        cols = {k: next((j for j, c in enumerate(cells) if re.fullmatch(f"(?:{p})", c)), None)
                for k, p in _COLUMNS.items()}
        if cols["name"] is not None and cols["target"] is not None:
            return i, cols
    return None


def table_indicators(title: str, rows, row_pages, project: str) -> list[Indicator]:
    found = _header(rows)
    if not found:
        return []
    start, cols = found
    get = lambda cells, key: cells[cols[key]] if cols[key] is not None and cols[key] < len(cells) else ""  # noqa: E731
    body = [r for r in rows[start + 1:] if not _header([r])]
    first = {k: next((get([_clean(c) for c in r], k) for r in body if get([_clean(c) for c in r], k)), "")
             for k in ("level1", "level2")}
    out: list[Indicator] = []
    level1, level2 = first["level1"], first["level2"]
    for row, page in zip(rows[start + 1:], row_pages[start + 1:]):
        cells = [_clean(c) for c in row]
        if _header([row]):
            continue                                  # header repeated on the next page
        name, target = get(cells, "name"), get(cells, "target")
        if not name and not target:
            if out and any(cells):                    # the tail of a cell split over a page break
                last = out[-1]
                tail = lambda key, old: old + get(cells, key)  # noqa: E731
                out[-1] = Indicator(last.project, tail("level1", last.level1), tail("level2", last.level2),
                                    tail("name", last.name), tail("target", last.target),
                                    tail("previous", last.previous), last.page)
            continue
        here = get(cells, "level1")
        level1 = here or level1
        level2 = get(cells, "level2") or level2
        known = next((l1 for l1, l2 in LEVEL1_OF if re.fullmatch(l2, level2.replace(" ", ""))), None)
        if PROJECT_TITLE in title and known and not here:
            level1 = known
        out.append(Indicator(project, level1, level2, name, target, get(cells, "previous"), page))
    return out


def extract_indicators(pages: list[Page], text_tables) -> tuple[Indicator, ...]:
    out: list[Indicator] = []
    for t in text_tables:
        if PROJECT_TITLE in t.title:
            project = _label_value(t.rows, re.compile(r"^项目名称$")) or _page_label(pages, t.pages[0], "项目名称")
        elif DEPARTMENT_TITLE in t.title:
            project = _label_value(t.rows, _NAME_LABEL) or _page_label(pages, t.pages[0], "部门名称") or DEPARTMENT_TITLE
        else:
            continue
        out += table_indicators(t.title, t.rows, t.row_pages, project)
    return tuple(out)
