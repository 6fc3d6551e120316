"""Table parser on another PDF producer: the corpora .txt printed by weasyprint (tests/producers.py)
in three border styles, every row of every table held to the .txt ground truth as in test_tables.py."""
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import producers
from groundtruth import assert_tables_equal, read_tables, squash as _n
from yoydiff.pdf import read_pages
from yoydiff.parsers.tables import extract_tables

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
TXT = {
    "urumqi-2025": "urumqi/urumqi-hrss-2025-reconstructed.txt",
    "urumqi-2026": "urumqi/urumqi-hrss-2026.txt",
    "deptb-2024": "deptb/2024.txt",
    "deptb-2025": "deptb/2025.txt",
}
# (borders, flow, document): each style on one urumqi and one deptb document
CASES = [
    ("grid", False, "urumqi-2026"), ("grid", False, "deptb-2025"),
    ("rows", True, "urumqi-2025"), ("rows", True, "deptb-2024"),
    ("none", False, "urumqi-2026"), ("none", False, "deptb-2024"),
]
IDS = [f"{b}-{d}" for b, _f, d in CASES]


def _render(args):
    borders, flow, doc, out = args
    producers.render(CORPORA / TXT[doc], out, borders, flow)
    return out


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory):
    d = tmp_path_factory.mktemp("producers")
    jobs = [(b, f, doc, str(d / f"{b}-{doc}.pdf")) for b, f, doc in CASES]
    with ProcessPoolExecutor(max_workers=2) as ex:
        paths = list(ex.map(_render, jobs))
    return dict(zip(IDS, paths))


@pytest.fixture(scope="session")
def parsed(pdfs):
    out = {}
    for key, path in pdfs.items():
        pages = read_pages(path)
        out[key] = (pages, extract_tables(pages))
    return out




@pytest.mark.parametrize("case", IDS)
def test_every_row_equals_ground_truth(parsed, case):
    doc = case.split("-", 1)[1]
    gt = read_tables(str(CORPORA / TXT[doc]))
    _pages, res = parsed[case]
    assert_tables_equal(res.tables, gt, case)
    assert not res.unparsed


@pytest.mark.parametrize("case", IDS)
def test_the_producer_draws_what_the_style_says(parsed, case):
    """The PDFs really differ from LibreOffice's: per-cell rectangles, no vertical rules, no rules."""
    pages, res = parsed[case]
    table_pages = [pages[p - 1] for t in res.tables for p in t.pages if not t.is_empty]
    vr = sum(len(p.vrules) for p in table_pages)
    hr = sum(len(p.hrules) for p in table_pages)
    if case.startswith("grid"):
        assert vr > 100 and hr > 100
    elif case.startswith("rows"):
        assert vr == 0 and hr > 100
    else:
        assert vr == 0 and hr == 0


def test_continued_tables_span_pages(parsed):
    """Long tables run over several pages with the header repeated and no caption."""
    _pages, res = parsed["none-urumqi-2026"]
    project = next(t for t in res.tables if t.kind == "gpb_project")
    assert len(project.pages) >= 3
    assert project.rows[-1].name == "总计" and project.rows[-1].values[0].text == "14,900.94"
    _pages, res = parsed["rows-deptb-2024"]
    assert len(next(t for t in res.tables if t.kind == "expense").pages) == 2


def test_header_spans():
    rows = [["项目", "合计", "财政拨款", "", "", "", "非财政拨款", "", "", ""],
            ["", "", "小计", "基本支出", "", "项目支出", "小计", "基本支出", "", "项目支出"],
            ["", "", "", "人员经费", "公用经费", "", "", "人员经费", "公用经费", ""]]
    spans = producers.header_spans(rows)
    assert spans[0] == [(0, "项目", 3, 1), (1, "合计", 3, 1), (2, "财政拨款", 1, 4), (6, "非财政拨款", 1, 4)]
    assert spans[1][:3] == [(2, "小计", 2, 1), (3, "基本支出", 1, 2), (5, "项目支出", 2, 1)]
    assert spans[2][:2] == [(3, "人员经费", 1, 1), (4, "公用经费", 1, 1)]


def test_performance_tables_without_rules(parsed):
    """No rules at all: indicator columns come from the header row 一级指标 二级指标 三级指标 …"""
    _pages, res = parsed["none-urumqi-2026"]
    first = next(t for t in res.text_tables if t.title == "项目支出绩效目标表")
    rows = [tuple(_n(c) for c in r) for r in first.rows]
    assert ("一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重",
            "指标赋分规则", "佐证资料") in rows
    assert ("产出指标", "数量指标", "补助发放次数", "≥12次", "计划标准", "12个月", "20", "按照完成比例赋分", "原始凭证") in rows
    assert ("成本指标", "经济成本指标", "补助发放标准", "=120元/人/月", "计划标准", "120元/人/月", "20", "直接赋分",
            "原始凭证") in rows
    whole = next(t for t in res.text_tables if t.title == "部门整体绩效目标表")
    assert len(whole.pages) >= 2      # runs on over the page break without rules or captions
    assert ("", "数量指标", "失业再就业", "≥4.37万人") in [tuple(_n(c) for c in r)[:4] for r in whole.rows]
