"""绩效目标表 indicators: the real 2026 Urumqi tables, deptb 2025, and carry-down rules on built rows."""
from pathlib import Path

import pytest

from yoydiff.parsers.performance import extract_indicators, table_indicators
from yoydiff.parsers.tables import extract_tables
from corpus import pages_at

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def _indicators(path):
    pages = pages_at(path)
    return extract_indicators(pages, extract_tables(pages).text_tables)


@pytest.fixture(scope="module")
def u2026():
    return _indicators(CORPORA / "urumqi" / "urumqi-hrss-2026.pdf")


def test_department_and_project_tables_2026(u2026):
    dept = [i for i in u2026 if i.project == "乌鲁木齐市人力资源和社会保障局"]
    assert [(i.level1, i.level2, i.name, i.target) for i in dept] == [
        ("履职效能", "数量指标", "城镇新增就业人数", "≥10 万人"),
        ("履职效能", "数量指标", "各类职业技能培训", "≥10 万人次"),
        ("履职效能", "数量指标", "区属应届普通高校毕业生就业去向落实率", "≥90%"),
        ("履职效能", "数量指标", "劳动人事争议仲裁结案率", "≥93%"),
        ("履职效能", "数量指标", "失业再就业", "≥4.37 万人")]
    heat = [i for i in u2026 if i.project == "建国前老工人遗属遗孀生活困难补助经费项目"]
    assert [(i.level1, i.level2, i.name, i.target, i.previous, i.page) for i in heat] == [
        ("产出指标", "数量指标", "补助人数（人）", "=1 人", "1 人", 54),
        ("产出指标", "质量指标", "建国前老工人遗孀资格认定核查率", "=100%", "100%", 54),
        ("产出指标", "时效指标", "每月补助发放时限", "每月 29 日前", "100%", 54),
        ("产出指标", "时效指标", "发放补助次数", "=12 次", "12 次", 54),
        ("成本指标", "经济成本指标", "建国前老工人遗孀生活困难补助标准", "=0.10 万元/人·月", "—", 54),
        ("效益指标", "社会效益指标", "保障建国前老工人遗孀生活，落实惠民政策", "有效保障", "有效促进", 54),
        ("满意度指标", "满意度指标", "建国前老工人遗孀满意度", "=100%", "100%", 54)]
    assert len({i.project for i in u2026}) == 22


def test_deptb_2025_project_table():
    ind = _indicators(CORPORA / "deptb" / "2025.pdf")
    assert [(i.project, i.level1, i.level2, i.name, i.target, i.previous) for i in ind][:2] == [
        ("2025年基本公共卫生服务项目县级配套资金", "产出指标", "数量指标", "居民电子健康档案建档率", "≥90%", "92.6%"),
        ("2025年基本公共卫生服务项目县级配套资金", "产出指标", "数量指标", "65岁及以上老年人健康管理率", "≥78%", "80.1%")]
    assert [i.name for i in ind][-1] == "居民对基本公共卫生服务满意度" and len(ind) == 6


def test_carry_down_backfill_and_split_cell_tail():
    rows = (("一级指标", "二级指标", "三级指标", "指标值", "上年完成值"),
            ("", "", "A", "≥1", "1"),
            ("产出指标", "数量指标", "B", "≥2", "2"),
            ("", "", "C", "≥3", ""),
            ("", "", "", "", "（续）"),
            ("一级指标", "二级指标", "三级指标", "指标值", "上年完成值"),
            ("满意度指标", "满意度指标", "D", "≥90%", "95%"))
    ind = table_indicators("项目支出绩效目标表", rows, (1, 1, 1, 1, 2, 2, 2), "P")
    assert [(i.level1, i.level2, i.name, i.target, i.previous, i.page) for i in ind] == [
        ("产出指标", "数量指标", "A", "≥1", "1", 1), ("产出指标", "数量指标", "B", "≥2", "2", 1),
        ("产出指标", "数量指标", "C", "≥3", "（续）", 1), ("满意度指标", "满意度指标", "D", "≥90%", "95%", 2)]
