"""Document metadata on the corpora and on built pages."""
from pathlib import Path

import pytest

from yoydiff.parsers.meta import extract_meta
from corpus import pages_at
from yoydiff.pdf import Char, Page

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@pytest.mark.parametrize("path, department, year, units", [
    ("urumqi/urumqi-hrss-2026.pdf", "乌鲁木齐市人力资源和社会保障局", 2026, 9),
    ("urumqi/urumqi-hrss-2025-reconstructed.pdf", "乌鲁木齐市人力资源和社会保障局", 2025, 10),
    ("deptb/2025.pdf", "青岚县卫生健康委员会", 2025, 6),
    ("deptb/2024.pdf", "青岚县卫生健康委员会", 2024, 5),
])
def test_corpora(path, department, year, units):
    meta = extract_meta(pages_at(CORPORA / path))
    assert (meta.department, meta.year, meta.kind, meta.unit, meta.is_disclosure) == (department, year, "预算", "万元", True)
    assert len(meta.budget_units) == units


def test_budget_unit_lists_of_both_templates():
    meta = extract_meta(pages_at(CORPORA / "urumqi" / "urumqi-hrss-2026.pdf"))
    assert meta.budget_units[0] == "乌鲁木齐市人力资源和社会保障局（本级）"
    assert meta.budget_units[-1] == "乌鲁木齐市人事考试中心"
    assert "乌鲁木齐市人力资源和社会保障信息中心（乌鲁木齐市社会保障卡管理中心）" in meta.budget_units
    meta = extract_meta(pages_at(CORPORA / "deptb" / "2025.pdf"))
    assert meta.budget_units == ("青岚县卫生健康委员会（本级）", "青岚县疾病预防控制中心", "青岚县妇幼保健院",
                                 "青岚县卫生监督所", "青岚县乡镇卫生院（12家汇总）", "青岚县医疗急救指挥中心")


def _page(number, lines):
    chars = []
    for top, text in lines:
        x = 60.0
        for ch in text:
            chars.append(Char(ch, x, x + 12, top, top + 12, 12.0))
            x += 12
    return Page(number, 595, 842, tuple(chars), ())


def test_final_accounts_in_yuan_with_inline_units():
    pages = [_page(1, [(100, "某某县教育局"), (140, "2023年度部门决算")]),
             _page(2, [(60, "二、机构设置"), (90, "本部门决算包括：1.某某县教育局（本级）；2.某某县第一中学；3.某某县实验小学。"),
                       (120, "三、收入支出决算总表"), (150, "编制部门：某某县教育局 单位：元"),
                       (180, "财政拨款收入支出 一般公共预算 基本支出 项目支出 三公 政府性基金")])]
    meta = extract_meta(pages)
    assert (meta.department, meta.year, meta.kind, meta.unit) == ("某某县教育局", 2023, "决算", "元")
    assert meta.budget_units == ("某某县教育局（本级）", "某某县第一中学", "某某县实验小学")
    assert meta.is_disclosure


def test_a_chinese_text_that_is_not_a_disclosure():
    meta = extract_meta([_page(1, [(100, "关于开展2025年春季植树活动的通知"), (130, "各单位：为改善生态环境，定于三月开展植树活动。")])])
    assert not meta.is_disclosure and "only" in meta.evidence


@pytest.mark.parametrize("lines, department, year", [
    # department before the year on the cover
    ([(100, "江苏省某某办公厅 2017 年度部门预算"), (140, "目 录")], "江苏省某某办公厅", 2017),
    # year, department and 预算公开 without 部门, the title wrapped over two lines
    ([(100, "2018 年度江苏省某某"), (130, "人民法院预算公开"), (160, "2018 年 2 月 24 日")], "江苏省某某人民法院", 2018),
    # a tables-only file: 部门：on the caption line, its value on the next line, no year anywhere
    ([(60, "收支预算总表"), (80, "公开表一"), (100, "部门："), (120, "某某省人大常委会办公厅"), (140, "单位：万元")],
     "某某省人大常委会办公厅", None),
    # a spaced label 部 门: on a provincial cover; the year before 省级部门预算
    ([(60, "某某省2018年度"), (90, "省级部门预算公开报表"), (120, "部 门:中共某某省委办公厅"), (150, "某某省财政厅印制")],
     "中共某某省委办公厅", 2018),
])
def test_cover_and_caption_forms(lines, department, year):
    meta = extract_meta([_page(1, lines)])
    assert (meta.department, meta.year) == (department, year)


def test_unit_of_amounts_is_no_department():
    meta = extract_meta([_page(1, [(60, "单位：万元"), (90, "某某县教育局2024年部门预算")])])
    assert meta.department == "某某县教育局"


def _units(*lines):
    return extract_meta([_page(1, [(60 + 30 * i, t) for i, t in enumerate(lines)])]).budget_units


def test_budget_units_of_the_standard_sentence_across_a_page_mark():
    """「预算单位共计N家，具体包括：…」 as the real Jiangsu documents print it (js-fy-2018 p.2, js-zx-2019 p.3)."""
    assert _units("二、部门机构设置及预算单位构成情况",
                  "纳入本部门2019年部门汇总预算编制范围的预算单位共计3家，具体包括：某省某某厅机关（本级）、",
                  "─ 2 ─",
                  "某省某某研究中心、某省某某服务中心。") == ("某省某某厅机关（本级）", "某省某某研究中心", "某省某某服务中心")
    assert _units("从预算单位构成看，纳入本部门2019年部门汇总预算编制范围的预算单位共计1家，即某省某某办公厅本级。") \
        == ("某省某某办公厅本级",)
    # what follows a comma qualifies the name
    assert _units("预算单位共计1家，具体包括：某省某某办公厅机关本级，不含某宾馆（自收自支）。") == ("某省某某办公厅机关本级",)
    # without the count (real js-swb-2019 p.4): 「…编制范围的预算单位包括：A、B、C。」
    assert _units("纳入本部门2019年部门汇总预算编制范围的预算单位包括：某省某某办公厅（本级）、某省某某局（某某管理局）、",
                  "机关后勤服务中心、机关文印中心。不含某宾馆（自收自支）。") == (
        "某省某某办公厅（本级）", "某省某某局（某某管理局）", "机关后勤服务中心", "机关文印中心")


def test_a_numbered_sentence_is_no_budget_unit():
    """Regression (real js-rd-2018/2019 p.2): 「1．根据部门职责分工，本部门内设机构包括省人大常委会…」 was taken
    as a budget unit named 「根据部门职责分工，本部门内设机构包括省人大常委会」."""
    assert _units("二、部门机构设置及预算单位构成情况",
                  "1．根据部门职责分工，本部门内设机构包括某省某某委员会",
                  "下设办公厅、研究室，有38个处室。") == ()
