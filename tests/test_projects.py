"""Projects: 表7 rows and 七 descriptions joined (2026 Urumqi), the ruled list inside deptb's narrative."""
from decimal import Decimal
from pathlib import Path

import pytest

from yoydiff.core import Project
from yoydiff.numbers import Amount
from yoydiff.parsers.projects import extract_projects, join
from yoydiff.parsers.tables import extract_tables
from corpus import pages_at

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def _projects(path):
    pages = pages_at(path)
    result = extract_tables(pages)
    return extract_projects(pages, result.regions, result.tables)


@pytest.fixture(scope="module")
def u2026():
    return _projects(CORPORA / "urumqi" / "urumqi-hrss-2026.pdf")


def test_2026_all_28_joined(u2026):
    assert len(u2026) == 28 and {p.source for p in u2026} == {"both"}
    assert sum(p.amount.value for p in u2026) == Decimal("14900.94")      # 表7 项目支出合计
    secret = [(p.target_code, p.amount.text, p.code) for p in u2026 if p.secret]
    assert secret == [("0110019B", "1.52", "2080102"), ("1610007U", "17.00", "2080102"), ("10100162", "297.00", "2082501")]
    first = u2026[0]
    assert (first.basis, first.allocation, first.period, first.page, first.narrative_page) == (
        "完全不予公开。", "完全不予公开。", "完全不予公开。", 15, 28)


def test_2026_same_name_in_two_units_joined_by_amount_and_unit(u2026):
    same = [(p.unit, p.amount.text, p.scale) for p in u2026 if "215号关于提前下达" in p.name.replace(" ", "")]
    assert same == [("乌鲁木齐市人力资源和社会保障局", "448.00", "448.00 万元"),
                    ("乌鲁木齐市公共就业服务中心", "357.42", "357.42 万元")]
    talent = next(p for p in u2026 if p.name == "人才事业发展经费")
    assert (talent.code, talent.period) == ("2080102", "2026 年 1 月 1 日—2026 年 12 月 31 日")
    assert talent.allocation.startswith("租赁费 291.00 万元")


def test_deptb_2025_list_in_the_narrative():
    projects = _projects(CORPORA / "deptb" / "2025.pdf")
    assert len(projects) == 17 and {p.source for p in projects} == {"narrative"}
    rows = [(p.name, p.unit, p.code, p.amount.text) for p in projects]
    assert rows[0] == ("2025年卫生健康行政综合保障经费", "青岚县卫生健康委员会（本级）", "2100102", "88.00")
    assert rows[4] == ("2025年基本公共卫生服务项目县级配套资金", "青岚县卫生健康委员会（本级）", "2100408", "1,036.00")
    assert rows[14] == ("2025年乡镇卫生院基础设施维修改造项目", "青岚县乡镇卫生院（12家汇总）", "2100302", "280.00")
    assert rows[16] == ("2025年院前急救体系运行经费", "青岚县医疗急救指挥中心", "2100410", "146.00")
    assert sum(p.amount.value for p in projects) == Decimal("6062.80")


def test_join_rules_on_built_records():
    a = lambda t: Amount.parse(t)  # noqa: E731
    table = [Project("乌财社（2025）189号关于提前下达经费", "U1", "2080109", a("108.80"), 15),
             Project("特定目标 0110019B", "U1", "2080102", a("1.52"), 15, True, "0110019B"),
             Project("只在表中", "U1", "2080102", a("5.00"), 15)]
    narrative = [Project("乌财社〔2025〕189 号关于提前下达经费", "U1", "", a("108.80"), 30, source="narrative"),
                 Project("特定目标0110019B", "U1", "", a("1.52"), 28, True, "0110019B", source="narrative"),
                 Project("只在说明中", "U2", "", a("9.00"), 31, source="narrative")]
    out = join(table, narrative)
    assert [(p.name, p.source) for p in out] == [
        ("乌财社（2025）189号关于提前下达经费", "both"), ("特定目标 0110019B", "both"),
        ("只在表中", "table"), ("只在说明中", "narrative")]


def test_a_titled_table_with_name_and_amount_columns_is_no_project_list():
    """Regression: the 收入预算总表 of the real js-swb 2017 tables file (p.2) has 项目名称 / 金额 columns;
    its income sources (一般公共预算资金 20,702.25 …) were read as projects and then matched and merged."""
    from yoydiff.reader import read_document
    path = Path(__file__).resolve().parent.parent / "corpora/real-pdf/jiangsu/js-swb-2017-yusuan-tables.pdf"
    doc = read_document(path)
    assert doc.projects == ()
    income = doc.table_like("income")
    (row,) = [r for r in income.rows if r.name == "一般公共预算资金"]
    assert row.page == 2 and str(row.values[0]) == "20,702.25"
