"""compare(): changes, the cross-year checks and refusals, on the two corpora.

The narrative statements are built by hand from the corpora texts (quotes copied literally); the
tables, projects and units come from the .txt fixture reader of test_matching.
"""
from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal as D

import pytest

from test_matching import DEPTB, DEPTB_2024, DEPTB_2025, URUMQI, URUMQI_2025, URUMQI_2026, txt_document
from yoydiff.changes import change_of
from yoydiff.checks.prior import check_prior, implied_prior
from yoydiff.checks.targets import check_targets
from yoydiff.compare import compare, refuse_pair, report_to_json
from yoydiff.core import Indicator, Statement
from yoydiff.errors import InputError
from yoydiff.numbers import Amount, Percent

A = Amount.parse


def item(code, subject, amount, change, direction, rate, quote, page=1):
    return Statement(subject, code, A(amount), page, quote, "一般公共预算当年拨款具体使用情况", A(change), direction,
                     direction, Percent.parse(rate), "增长" if direction == "增加" else "下降", None, topic="item")


def operating(amount, change, direction, rate, quote):
    return Statement("机关运行经费", None, A(amount), 1, quote, "机关运行经费", A(change), direction, direction,
                     Percent.parse(rate), "增长" if direction == "增加" else "下降", topic="operating")


URUMQI_2026_ITEMS = [
    item("2080108", "信息化建设", "450.00", "74.75", "减少", "14.24%",
         "2026年预算数为450.00万元，比上年预算减少74.75万元，下降14.24%", 40),
    item("2080799", "其他就业补助支出", "1,541.42", "664.77", "减少", "30.13%",
         "2026 年预算数为 1,541.42 万元，比上年预算减少 664.77 万元，下降 30.13%", 43),
    # the 2025 narrative misprints this line (1,012.40 for 1,021.40): the tables are what counts
    item("2080111", "公共就业服务和职业技能鉴定机构", "1,103.62", "82.22", "增加", "8.05%",
         "2026年预算数为1,103.62万元，比上年预算增加82.22万元，增长8.05%", 40),
    item("2080104", "劳动保障监察", "0.00", "35.92", "减少", "100.00%",
         "2026 年预算数为 0.00 万元，比上年预算减少 35.92 万元，下降 100.00%", 39),
    item("2080506", "机关事业单位职业年金缴费支出", "658.65", "658.65", "增加", "100.00%",
         "2026 年预算数为 658.65 万元，比上年预算增加 658.65 万元，增长 100.00%", 41),
    operating("1,434.54", "253.75", "增加", "21.49%",
              "机关运行经费财政拨款预算1,434.54万元，比上年预算增加253.75万元，增长21.49%"),
    replace(item("2080106", "就业管理事务", "52.79", "47.21", "减少", "47.21%",
                 "2026年预算数为52.79万元，比上年预算减少47.21万元，下降47.21%", 39),
            reason="主要原因是2026年公共就业服务事业发展经费项目是由2025年综合业务费及档案影像化项目构成"),
]
URUMQI_2025_ITEMS = [
    item("2080111", "公共就业服务和职业技能鉴定机构", "1,012.40", "52.85", "增加", "5.46%",
         "2025年预算数为1,012.40万元，比上年预算增加52.85万元，增长5.46%"),
    operating("1,180.79", "28.49", "增加", "2.47%",
              "机关运行经费财政拨款预算1,180.79万元，比上年预算增加28.49万元，增长2.47%"),
]
DEPTB_2025_ITEMS = [
    item("2100302", "乡镇卫生院", "2625.75", "100.45", "增加", "3.98%",
         "2025年预算数为2625.75万元，较上年增加100.45万元，增长3.98%", 5),
    item("2100401", "疾病预防控制机构", "1008.88", "52.50", "增加", "5.94%",
         "2025年预算数为1008.88万元，比上年预算增加52.50万元，增长5.94%", 5),
    item("2100403", "妇幼保健机构", "793.80", "74.68", "增加", "10.38%",
         "2025年预算数为793.80万元，同比增加74.68万元，增幅10.38%", 5),
    operating("105.40", "5.60", "减少", "5.05%", "2025年本部门机关运行经费预算105.40万元，同比减少5.60万元，减幅5.05%"),
]
DEPTB_2024_ITEMS = [
    operating("105.00", "3.38", "增加", "3.33%", "2024年本部门机关运行经费预算105.00万元，同比增加3.38万元，增幅3.33%"),
]


@pytest.fixture(scope="module")
def urumqi():
    return (txt_document(URUMQI_2025, 2025, URUMQI, URUMQI_2025_ITEMS),
            txt_document(URUMQI_2026, 2026, URUMQI, URUMQI_2026_ITEMS))


@pytest.fixture(scope="module")
def deptb():
    return (txt_document(DEPTB_2024, 2024, DEPTB, DEPTB_2024_ITEMS),
            txt_document(DEPTB_2025, 2025, DEPTB, DEPTB_2025_ITEMS))


def _prior(report):
    return {(f.code or f.item): f for f in report.findings if f.check == "prior"}


def test_urumqi_prior_errors_and_no_error_from_the_2025_narrative_misprint(urumqi):
    got = _prior(compare(*urumqi))
    assert set(got) == {"2080108", "2080799"}
    f = got["2080108"]
    assert f.severity == "error" and f.stated.startswith("524.75 implied")
    assert f.expected.startswith("534.75 published") and "减少 84.75 万元, 下降 15.85%" in f.expected
    assert f.quote == URUMQI_2026_ITEMS[0].quote and f.other_quote == "208\t01\t08\t信息化建设\t534.75"
    g = got["2080799"]
    assert g.stated.startswith("2,206.19 implied") and g.expected.startswith("2,196.19 published")
    assert g.distance == "9.985 万元"   # [2206.18, 2206.20] vs [2196.185, 2196.195]


def test_deptb_prior_errors(deptb):
    got = _prior(compare(*deptb))
    assert set(got) == {"2100302", "机关运行经费"}
    assert got["2100302"].stated.startswith("2,525.30 implied") and got["2100302"].expected.startswith("2,565.30")
    assert got["机关运行经费"].stated.startswith("111.00 implied") and got["机关运行经费"].expected.startswith("105.00")
    assert "增加 0.40 万元, 增长 0.38%" in got["机关运行经费"].expected
    assert all(f.severity == "error" for f in got.values())


def test_prior_causes_are_recognised():
    old = txt_document(DEPTB_2024, 2024, DEPTB, DEPTB_2024_ITEMS)
    flipped = operating("105.40", "0.40", "减少", "0.38%", "机关运行经费预算105.40万元，同比减少0.40万元")
    on_current = item("2100302", "乡镇卫生院", "2625.75", "60.45", "增加", "2.30%", "q")  # 60.45/2625.75
    swapped = item("2100302", "乡镇卫生院", "2625.75", "64.05", "增加", "2.50%", "q2")   # true change 60.45
    execution = replace(operating("105.40", "5.60", "减少", "5.05%", "q3"), comparison="上年执行数")
    new = txt_document(DEPTB_2025, 2025, DEPTB, [flipped, swapped, execution])
    fs = check_prior(old, new)
    assert "direction word is flipped" in fs[0].cause
    assert "two digits swapped in the change (64.05 for 60.45)" in fs[1].cause
    assert fs[2].severity == "warning" and "上年执行数" in fs[2].cause
    ok = txt_document(DEPTB_2025, 2025, DEPTB, [on_current])
    assert check_prior(old, ok) == []      # the prior holds; the rate is the rate check's business


def test_implied_prior_intervals():
    s = item("2080108", "信息化建设", "450.00", "74.75", "减少", "14.24%", "q")
    i = implied_prior(s)
    assert (i.lo, i.hi) == (D("524.74"), D("524.76"))
    s = replace(s, prior_stated=A("1,860"), change=A("124"))
    assert implied_prior(s).lo == D("1859.5")


def test_changes(urumqi):
    r = compare(*urumqi)
    by = {(c.section, c.code, c.item): c for c in r.changes}
    c = by[("functional", "2080108", "信息化建设")]
    assert (c.old, c.new, c.change, c.pct) == (D("534.75"), D("450.00"), D("-84.75"), D("-15.85"))
    new_line = by[("functional", "2080506", "机关事业单位职业年金缴费支出")]
    assert (new_line.old, new_line.pct, new_line.status) == (None, None, "new")
    merged = next(c for c in r.changes if c.section == "project" and c.status == "merged")
    assert merged.item == "综合业务费 + 档案影像化 → 公共就业服务事业发展经费"
    assert (merged.old, merged.new, merged.pct) == (D("100.00"), D("52.79"), D("-47.21"))
    ops = [c for c in r.changes if c.section == "operating"]
    assert [(c.old, c.new, c.change) for c in ops] == [(D("1180.79"), D("1434.54"), D("253.75"))]
    totals = {c.item: c for c in r.changes if c.section == "structure" and not c.code}
    assert (totals["基本支出"].old, totals["基本支出"].new) == (D("12113.75"), D("14197.84"))
    assert (totals["项目支出"].old, totals["项目支出"].new) == (D("20410.02"), D("18209.39"))
    assert change_of(D(0), D(5)) == (D(5), None) and change_of(D(0), D(0)) == (D(0), None)


def test_lifecycle_reports_the_topmost_line_only(urumqi):
    r = compare(*urumqi)
    lines = [f.item for f in r.findings if f.check == "lifecycle" and f.item.startswith("functional")]
    assert "functional line 206 科学技术支出" in lines
    assert not any("2060499" in x or "20604 " in x for x in lines)
    assert "functional line 2080104 劳动保障监察" in lines
    assert all(f.severity == "notice" for f in r.findings if f.check == "lifecycle")


def test_same_document_gives_no_changes(urumqi):
    new = replace(urumqi[1], sha256="abc")
    r = compare(new, new)
    assert r.changes == () and r.matches == ()
    assert not [f for f in r.findings if f.check in ("prior", "lifecycle", "target")]
    assert "same document" in r.warnings[0]


def test_refusals(urumqi):
    old, new = urumqi
    with pytest.raises(InputError, match="both documents are for 2026"):
        compare(replace(old, year=2026), new)
    with pytest.raises(InputError, match="older than the old one"):
        compare(new, old)
    other = txt_document(DEPTB_2025, 2025, DEPTB)
    with pytest.raises(InputError, match="different departments"):
        compare(replace(other, year=2025), new)
    assert "2 years apart" in refuse_pair(replace(old, year=2024), new)[0]
    assert refuse_pair(replace(old, department="2025年乌鲁木齐市人力资源和社会保障局部门预算"), new) == []


def test_targets():
    def ind(project, name, target, previous=""):
        return Indicator(project, "产出指标", "数量指标", name, target, previous, 3)

    old = txt_document(DEPTB_2024, 2024, DEPTB)
    new = txt_document(DEPTB_2025, 2025, DEPTB)
    old = replace(old, indicators=(ind("2024年基本公共卫生服务项目县级配套资金", "居民电子健康档案建档率", "≥90%"),
                                   ind("2024年基本公共卫生服务项目县级配套资金", "老年人健康管理率", "≥80%"),
                                   ind("2024年基本公共卫生服务项目县级配套资金", "居民健康素养水平", "逐年提高")))
    new = replace(new, indicators=(ind("2025年基本公共卫生服务项目县级配套资金", "居民电子健康档案建档率", "≥90%", "92.6%"),
                                   ind("2025年基本公共卫生服务项目县级配套资金", "老年人健康管理率", "≥78%", "80.1%"),
                                   ind("2025年基本公共卫生服务项目县级配套资金", "居民健康素养水平", "逐年提高", "逐年提高")))
    (f,) = check_targets(old, new)
    assert (f.item, f.severity) == ("2025年基本公共卫生服务项目县级配套资金 › 老年人健康管理率", "warning")
    assert f.stated == "target ≥78%" and f.expected == "last year's target ≥80%"
    new = replace(new, indicators=(ind("2025年基本公共卫生服务项目县级配套资金", "居民电子健康档案建档率", "≥90%", "88%"),))
    (g,) = check_targets(old, new)
    assert g.severity == "notice" and "not met" in g.rule


def test_report_to_json(urumqi):
    data = report_to_json(compare(*urumqi))
    text = json.dumps(data, ensure_ascii=False)
    assert data["command"] == "compare" and data["version"] == 1
    assert data["summary"]["findings"]["error"] == sum(1 for f in data["findings"] if f["severity"] == "error")
    assert sorted(f["code"] for f in data["findings"] if f["check"] == "prior") == ["2080108", "2080799"]
    assert data["summary"]["matches"]["project"]["merged"] == 1
    c = next(c for c in data["changes"] if c["code"] == "2080108" and c["section"] == "functional")
    assert (c["old"], c["new"], c["change"], c["pct"]) == ("534.75", "450.00", "-84.75", "-15.85")
    assert "信息化建设" in text and json.loads(text) == data
