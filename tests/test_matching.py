"""Matching across years on the corpora PDFs (PDF → document model → matching), with the expected pairs
written out literally: urumqi from MANIFEST-2025 and the 2026 text, deptb from its MANIFEST section C.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal as D

import pytest

from corpus import document
from yoydiff.core import Project
from yoydiff.matching import (
    FLOOR, SURE, Line, assign, assign_sparse, economic_lines, functional_lines, match_documents, match_lines,
    match_projects, match_units,
)
from yoydiff.numbers import Amount


@pytest.fixture(scope="module")
def urumqi():
    return document("urumqi-2025"), document("urumqi-2026")


@pytest.fixture(scope="module")
def deptb():
    return document("deptb-2024"), document("deptb-2025")


def _flat(name: str) -> str:
    """A name without white space: a PDF cell wrapped over lines loses or gains spaces at the breaks."""
    return re.sub(r"\s+", "", name)


def _names(names) -> tuple[str, ...]:
    return tuple(_flat(n) for n in names)


# ---------------------------------------------------------------- the optimal assignment

def test_assign_finds_the_optimum_not_the_greedy_pairing():
    # greedy takes (0,0)=0.9 and is left with (1,1)=0.1; the optimum pairs 0-1 and 1-0 (0.8 + 0.8)
    assert assign([[0.9, 0.8], [0.8, 0.1]]) == [(0, 1), (1, 0)]
    assert assign([[0.5, None, 0.4]]) == [(0, 0)]
    assert assign([[None], [0.3]]) == [(1, 0)]
    assert assign([]) == []


def test_assign_sparse_agrees_with_brute_force():
    from itertools import permutations
    import random
    rng = random.Random(7)
    for _ in range(40):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        s = [[round(rng.random(), 3) if rng.random() < 0.6 else None for _ in range(m)] for _ in range(n)]
        edges = {(i, j): v for i, row in enumerate(s) for j, v in enumerate(row) if v is not None}
        got = sum(edges[p] for p in assign_sparse(n, m, edges))
        best = 0.0
        for perm in permutations(range(max(n, m)), n):
            best = max(best, sum(s[i][j] for i, j in enumerate(perm) if j < m and s[i][j] is not None))
        assert abs(got - best) < 1e-9


# ---------------------------------------------------------------- lines

def _line(code, name, amount):
    return Line(code, name, D(amount), 1, "gpb_expense")


def test_recoded_line_found_under_a_new_code():
    (m,) = match_lines({"2080104": _line("2080104", "劳动保障监察", "35.92")},
                       {"2080113": _line("2080113", "劳动保障监察", "29.52")})
    assert (m.kind, m.old_code, m.new_code, m.old_amount, m.new_amount) == (
        "re-coded", "2080104", "2080113", D("35.92"), D("29.52"))
    assert "2080104 → 2080113" in m.reason


def test_urumqi_lines(urumqi):
    old, new = urumqi
    ms = match_lines(functional_lines(old), functional_lines(new))
    gone = {m.old_code: (m.old[0], m.old_amount) for m in ms if m.kind == "discontinued"}
    came = {m.new_code: (m.new[0], m.new_amount) for m in ms if m.kind == "new"}
    assert gone == {"206": ("科学技术支出", D("24.20")), "20604": ("技术研究与开发", D("24.20")),
                    "2060499": ("其他技术研究与开发支出", D("24.20")), "2080104": ("劳动保障监察", D("35.92"))}
    assert came == {"2080506": ("机关事业单位职业年金缴费支出", D("658.65")), "2080701": ("就业创业服务补助", D("165.00"))}
    assert sum(1 for m in ms if m.kind == "matched") == 25 and len(ms) == 31
    by = {m.old_code: m for m in ms if m.kind == "matched"}
    assert (by["2080108"].old_amount, by["2080108"].new_amount) == (D("534.75"), D("450.00"))
    assert (by["2080799"].old_amount, by["2080799"].new_amount) == (D("2196.19"), D("1541.42"))
    econ = match_lines(economic_lines(old), economic_lines(new), "economic")
    assert {m.new_code: m.new[0] for m in econ if m.kind == "new"} == {"30109": "职业年金缴费", "30224": "被装购置费"}
    assert sum(1 for m in econ if m.kind == "matched") == 30 and len(econ) == 32


def test_deptb_lines(deptb):
    ms = match_lines(functional_lines(deptb[0]), functional_lines(deptb[1]))
    assert [(m.kind, m.new_code, m.new, m.new_amount) for m in ms if m.kind != "matched"] == [
        ("new", "2100410", ("突发公共卫生事件应急处理",), D("284.30"))]
    assert len(ms) == 30
    assert all(m.kind == "matched" for m in match_lines(economic_lines(deptb[0]), economic_lines(deptb[1])))


# ---------------------------------------------------------------- budget units

def test_urumqi_units_and_the_merged_inspection_unit(urumqi):
    m = match_documents(*urumqi)
    kinds = {(k.old, k.new): k.kind for k in m.units}
    assert kinds[("乌鲁木齐市劳动保障监察支队", "乌鲁木齐市劳动人事争议仲裁院"), ("乌鲁木齐市劳动人事争议仲裁院",)] == "merged"
    assert sum(1 for k in m.units if k.kind == "matched") == 9 and len(m.units) == 10
    merged = next(k for k in m.units if k.kind == "merged")
    assert merged.reason == "其项目转入乌鲁木齐市劳动人事争议仲裁院（劳动保障监察事业发展经费）；本年文件提及该单位"


def test_deptb_units(deptb):
    m = match_documents(*deptb)
    assert [(k.kind, k.new) for k in m.units if k.kind != "matched"] == [("new", ("青岚县医疗急救指挥中心",))]
    assert sorted(k.old[0] for k in m.units if k.kind == "matched") == sorted([
        "青岚县卫生健康委员会（本级）", "青岚县疾病预防控制中心", "青岚县妇幼保健院", "青岚县卫生监督所",
        "青岚县乡镇卫生院（12家汇总）"])


def test_unit_renamed_by_a_close_name():
    (m,) = match_units(["某市退休人员社会化管理中心"], ["某市退休人员社会化管理服务中心"])
    assert m.kind == "renamed" and m.score >= 0.85


# ---------------------------------------------------------------- projects: the expected pairs

URUMQI_SAME = [  # (2025 name, 2026 name, unit tail): the same project, year/document number shifted
    ("乌财社（2024）196号关于提前下达2025年自治区财政就业补助资金预算的通知",
     "乌财社（2025）215号关于提前下达2026年自治区财政就业补助资金预算的通知", "人力资源和社会保障局"),
    ("乌财社（2024）196号关于提前下达2025年自治区财政就业补助资金预算的通知",
     "乌财社（2025）215号关于提前下达2026年自治区财政就业补助资金预算的通知", "公共就业服务中心"),
    ("乌财社（2024）183 号关于提前下达 2025 年自治区财政社保经办机构业务补助经费的通知",
     "乌财社（2025）189 号关于提前下达 2026 年自治区财政社保经办机构业务补助经费的通知", "社会保险中心"),
    ("乌财企（2024）163 号提前下达 1995 年前退休（退职）人员 2025 年 4 月至 2026 年 3 月生活补贴资金",
     "乌财企（2025）120 号提前下达 1995 年前退休（退职）人员 2026 年 4 月至 2027 年 3 月生活补贴资金", "社会保险中心"),
    ("乌财企（2024）158 号提前下达 2025 年国有企业办职教幼教退休教师生活待遇中央财政补助资金",
     "乌财企（2025）115 号提前下达 2026 年国有企业办职教幼教退休教师生活待遇中央财政补助资金", "社会保险中心"),
    ("乌财企（2024）162 号提前下达国有企业办中小学退休教师 2025 年 4 月至 2026 年 3 月生活待遇补贴资金",
     "乌财企（2025）119 号提前下达国有企业办中小学退休教师 2026 年 4 月至 2027 年 3 月生活待遇补贴资金", "社会保险中心"),
    ("特定目标 0110019B", "特定目标 0110019B", "人力资源和社会保障局"),
    ("特定目标 10100162", "特定目标 10100162", "社会保险中心"),
    ("人才事业发展经费", "人才事业发展经费", "人力资源和社会保障局"),
    ("社会保障和就业-改制破产企业离休干部离休补贴（社保中心）",
     "社会保障和就业-改制破产企业离休干部离休补贴（社保中心）", "社会保险中心"),
]
URUMQI_DISCONTINUED = {"人才补贴奖励": D("966.00"), "信息化运行维护经费": D("24.20"),
                       "劳动人事争议仲裁业务经费": D("30.00")}   # 仲裁院's 2025 project; 2026 has 仲裁办案经费
URUMQI_NEW = {"仲裁办案经费": D("10.80"),   # the 2026 text: "新增 2 个项目分别为社会保障和就业-就业补助资金（公就中心）…"
              "社会保障和就业-就业补助资金（公就中心）": D("304.00"), "社会保障和就业-就业补助资金（信息中心）": D("165.00")}
URUMQI_MERGED = (("综合业务费", "档案影像化"), ("公共就业服务事业发展经费",))

def test_urumqi_projects(urumqi):
    ms = match_documents(*urumqi).projects
    for o, n, unit in URUMQI_SAME:
        hits = [m for m in ms if _names(m.old) == (_flat(o),) and _names(m.new) == (_flat(n),)
                and m.new_unit.endswith(unit)]
        assert [m.kind for m in hits] == ["matched"], (o, unit)
        assert hits[0].score >= SURE
    gone = {m.old[0]: m.old_amount for m in ms if m.kind == "discontinued"}
    came = {m.new[0]: m.new_amount for m in ms if m.kind == "new"}
    assert gone == URUMQI_DISCONTINUED
    assert came == URUMQI_NEW
    (moved,) = [m for m in ms if m.old == ("劳动保障监察事业发展经费",)]
    assert (moved.kind, moved.old_code, moved.new_code) == ("re-coded", "2080104", "2080112")
    assert (moved.old_unit, moved.new_unit) == ("乌鲁木齐市劳动保障监察支队", "乌鲁木齐市劳动人事争议仲裁院")
    assert (moved.old_amount, moved.new_amount) == (D("35.92"), D("29.52"))
    assert moved.reason == ("科目 2080104 → 2080112；名称相同；金额 −18%；"
                            "单位 乌鲁木齐市劳动保障监察支队 → 乌鲁木齐市劳动人事争议仲裁院")
    # the 2026 narrative says 公共就业服务事业发展经费 "是由2025年综合业务费及档案影像化项目构成"
    (m,) = [m for m in ms if m.new == URUMQI_MERGED[1]]
    assert (m.kind, set(m.old), m.old_amount, m.new_amount) == ("merged", set(URUMQI_MERGED[0]), D("100.00"), D("52.79"))
    assert m.reason in ("本年文件说明该项目由综合业务费、档案影像化构成；金额 −47%",
                        "本年文件说明该项目由档案影像化、综合业务费构成；金额 −47%")
    # 29 projects in 2025, 28 in 2026: every one is accounted for once
    assert sorted(m.kind for m in ms).count("matched") == 23
    assert sum(len(m.old) for m in ms) == len(urumqi[0].projects) == 29
    assert sum(len(m.new) for m in ms) == len(urumqi[1].projects) == 28


def test_urumqi_merge_without_the_narrative_is_left_for_review(urumqi):
    old, new = urumqi
    (m,) = [m for m in match_documents(old, replace(new, statements=())).projects if m.new == URUMQI_MERGED[1]]
    assert m.kind == "review" and set(m.old) == set(URUMQI_MERGED[0])


# deptb MANIFEST section C, literally: (unit, code, 2024 name, 2024, 2025 name, 2025, status)
DEPTB_C = [
    ("青岚县卫生健康委员会（本级）", "2100102", "2024年卫生健康综合管理工作经费", "85.00", "2025年卫生健康行政综合保障经费", "88.00", "renamed"),
    ("青岚县卫生健康委员会（本级）", "2100199", "2024年卫生健康信息化建设项目", "210.00", None, None, "discontinued"),
    ("青岚县卫生健康委员会（本级）", "2100199", "2024年医疗卫生人才引进培养经费", "80.00", "2025年医疗卫生人才引进培养经费", "96.00", "matched"),
    ("青岚县卫生健康委员会（本级）", "2100199", None, None, "2025年县域医共体建设专项资金", "300.00", "new"),
    ("青岚县卫生健康委员会（本级）", "2100408", "2024年基本公共卫生服务项目县级配套资金", "980.00", "2025年基本公共卫生服务项目县级配套资金", "1036.00", "matched"),
    ("青岚县卫生健康委员会（本级）", "2100408", "2024年家庭医生签约服务经费", "150.00", "2025年家庭医生签约服务经费", "162.50", "matched"),
    ("青岚县卫生健康委员会（本级）", "2100409", "2024年重大公共卫生服务项目经费", "268.00", "2025年重大公共卫生服务项目经费", "255.40", "matched"),
    ("青岚县卫生健康委员会（本级）", "2100717", "2024年计划生育家庭奖励扶助资金", "1150.00", "2025年计划生育家庭奖励扶助资金", "1204.80", "matched"),
    ("青岚县疾病预防控制中心", "2100401", "2024年传染病防控及疫苗冷链运转经费", "186.00", "2025年传染病防控及疫苗冷链运转经费", "172.60", "matched"),
    ("青岚县疾病预防控制中心", "2100401", "2024年慢性病及地方病防治经费", "64.00", "2025年慢性病及地方病防治经费", "68.50", "matched"),
    ("青岚县疾病预防控制中心", "2100401", "2024年疾控实验室检测能力提升项目", "95.00", "2025年疾控实验室检测能力提升项目", "120.00", "matched"),
    ("青岚县妇幼保健院", "2100403", "2024年孕产妇和儿童健康管理项目", "138.00", "2025年孕产妇和儿童健康管理项目", "138.00", "matched"),
    ("青岚县妇幼保健院", "2100403", "2024年出生缺陷综合防控（免费产前筛查）项目", "92.00", "2025年出生缺陷综合防控（免费产前筛查）项目", "98.00", "matched"),
    ("青岚县卫生监督所", "2100402", "2024年卫生监督执法专项经费", "58.00", "2025年卫生监督执法专项经费", "60.00", "matched"),
    ("青岚县乡镇卫生院（12家汇总）", "2100302", "2024年乡镇卫生院基础设施维修改造项目", "320.00", "2025年乡镇卫生院基础设施维修改造项目", "280.00", "matched"),
    ("青岚县乡镇卫生院（12家汇总）", "2100408", "2024年乡镇卫生院基本公共卫生服务补助资金", "1420.00", "2025年乡镇卫生院基本公共卫生服务补助资金", "1485.00", "matched"),
    ("青岚县医疗急救指挥中心", "2100410", None, None, "2025年院前急救体系运行经费", "146.00", "new"),
]
DEPTB_MERGED = (("2024年乡村医生养老补助资金", "2024年村卫生室运行补助资金"), ("2025年乡村医生及村卫生室运行补助资金",),
                D("340.00"), D("352.00"))

def test_deptb_projects_manifest_section_c(deptb):
    ms = match_documents(*deptb).projects
    got = {(m.old, m.new): m for m in ms}
    for unit, code, on, oa, nn, na, status in DEPTB_C:
        key = ((on,) if on else (), (nn,) if nn else ())
        m = got[key]
        assert m.kind == status, (key, m)
        assert (m.old_amount, m.new_amount) == (D(oa) if oa else None, D(na) if na else None)
        assert (m.new_unit or m.old_unit) == unit and (m.new_code or m.old_code) == code
    (merged,) = [m for m in ms if m.kind == "merged"]
    assert (set(merged.old), merged.new) == (set(DEPTB_MERGED[0]), DEPTB_MERGED[1])
    assert (merged.old_amount, merged.new_amount) == DEPTB_MERGED[2:]
    assert len(ms) == len(DEPTB_C) + 1


def test_reason_says_why(deptb):
    m = next(m for m in match_documents(*deptb).projects if m.kind == "renamed")
    assert m.reason == "同一科目 2100102；名称相似度 0.67；金额 +4%；同一单位"
    assert m.score >= SURE


def _p(name, unit, code, amount):
    return Project(name, unit, code, Amount.parse(amount), 1)


def test_split_two_new_projects_from_one_old():
    old = [_p("2024年城乡居民健康促进经费", "甲中心", "2100499", "200.00")]
    new = [_p("2025年城市居民健康促进经费", "甲中心", "2100499", "120.00"),
           _p("2025年农村居民健康促进经费", "甲中心", "2100499", "95.00")]
    (m,) = match_projects(old, new, ["甲中心"], ["甲中心"], {"甲中心": "甲中心"})
    assert m.kind == "split" and m.new_amount == D("215.00") and m.old_amount == D("200.00")


def test_review_band_between_floor_and_sure():
    old = [_p("档案整理经费", "甲中心", "2080106", "40.00")]
    new = [_p("档案数字化加工经费", "甲中心", "2080106", "30.00")]
    (m,) = match_projects(old, new, ["甲中心"], ["甲中心"], {"甲中心": "甲中心"})
    assert m.kind == "review" and FLOOR <= m.score < SURE


def test_no_match_across_units_and_codes_for_a_different_name():
    old = [_p("信息系统运维经费", "甲中心", "2080108", "40.00")]
    new = [_p("劳动仲裁办案经费", "乙院", "2080112", "40.00")]
    kinds = sorted(m.kind for m in match_projects(old, new, ["甲中心"], ["乙院"], {}))
    assert kinds == ["discontinued", "new"]


# ---------------------------------------------------------------- merges and splits of any size, one search

def _kinds(ms):
    return sorted((m.kind, tuple(sorted(m.old)), tuple(sorted(m.new))) for m in ms)


UNIT = (["甲中心"], ["甲中心"], {"甲中心": "甲中心"})
THREE = [_p("2024年城区道路养护经费", "甲中心", "2120399", "40.00"),
         _p("2024年乡村道路养护经费", "甲中心", "2120399", "35.00"),
         _p("2024年桥梁道路养护经费", "甲中心", "2120399", "27.00")]
ONE = [_p("2025年城乡道路桥梁养护经费", "甲中心", "2120399", "105.00")]


def test_three_old_projects_merged_into_one():
    (m,) = match_projects(THREE, ONE, *UNIT)
    assert m.kind == "merged" and len(m.old) == 3
    assert (m.old_amount, m.new_amount) == (D("102.00"), D("105.00"))
    assert m.reason == "40.00 + 35.00 + 27.00 = 102.00 → 105.00；金额 +3%；同一单位、同一科目"


def test_one_old_project_split_into_three_is_the_same_search_with_the_sides_swapped():
    (m,) = match_projects(ONE, THREE, *UNIT)
    assert m.kind == "split" and len(m.new) == 3
    assert (m.old_amount, m.new_amount) == (D("105.00"), D("102.00"))
    assert m.reason == "105.00 → 40.00 + 35.00 + 27.00 = 102.00；金额 −3%；同一单位、同一科目"


def test_swapping_the_years_turns_every_merge_into_a_split_and_back():
    old = THREE + [_p("2024年档案管理经费", "甲中心", "2010106", "12.00"),
                   _p("2024年机关食堂运行经费", "甲中心", "2010101", "50.00")]
    new = ONE + [_p("2025年档案管理经费", "甲中心", "2010106", "13.00"),
                 _p("2025年机关食堂运行补助经费", "甲中心", "2010101", "26.00"),
                 _p("2025年机关食堂设备更新经费", "甲中心", "2010101", "25.00")]
    forward = match_projects(old, new, *UNIT)
    backward = match_projects(new, old, *UNIT)
    swap = {"merged": "split", "split": "merged"}
    assert _kinds(backward) == sorted((swap.get(k, k), n, o) for k, o, n in _kinds(forward))
    assert sorted(m.kind for m in forward) == ["matched", "merged", "split"]


def test_the_nearest_sum_wins_over_a_pair_that_merely_fits():
    old = [_p("2024年城区环卫保洁经费", "甲中心", "2120501", "40.00"),
           _p("2024年城区环卫清运经费", "甲中心", "2120501", "30.00"),
           _p("2024年城区环卫设施经费", "甲中心", "2120501", "30.00"),
           _p("2024年城区环卫宣传经费", "甲中心", "2120501", "55.00")]
    new = [_p("2025年城区环卫作业经费", "甲中心", "2120501", "100.00")]
    ms = match_projects(old, new, *UNIT)
    (m,) = [m for m in ms if m.kind == "merged"]
    # 40 + 55 = 95 fits within the tolerance; 40 + 30 + 30 = 100 is exact
    assert m.old_amount == D("100.00") and len(m.old) == 3
    assert [m.old for m in ms if m.kind == "discontinued"] == [("2024年城区环卫宣传经费",)]


def test_a_renamed_pair_takes_two_more_parts_when_they_explain_the_amount():
    old = [_p("2024年社区服务中心运行经费", "甲中心", "2080299", "50.00"),
           _p("2024年社区服务志愿活动经费", "甲中心", "2080299", "20.00"),
           _p("2024年社区服务培训经费", "甲中心", "2080299", "31.00")]
    new = [_p("2025年社区服务中心综合运行经费", "甲中心", "2080299", "100.00")]
    (m,) = match_projects(old, new, *UNIT)
    assert m.kind == "merged" and len(m.old) == 3 and m.old_amount == D("101.00")
    assert m.reason.endswith("同一单位、同一科目") and m.score == 0.85


def test_parts_stay_in_their_budget_unit():
    old = [_p("2024年城区道路养护经费", "甲中心", "2120399", "40.00"),
           _p("2024年乡村道路养护经费", "乙中心", "2120399", "62.00")]
    new = [_p("2025年城乡道路养护经费", "甲中心", "2120399", "102.00")]
    ms = match_projects(old, new, ["甲中心", "乙中心"], ["甲中心"], {"甲中心": "甲中心"})
    assert "merged" not in {m.kind for m in ms}


def test_a_split_the_new_text_names_is_a_split_without_the_amounts():
    old = [_p("2024年文化惠民演出经费", "甲中心", "2070199", "80.00")]
    new = [_p("2025年送戏下乡演出经费", "甲中心", "2070199", "30.00"),
           _p("2025年公益电影放映经费", "甲中心", "2070199", "20.00")]
    text = "2024年文化惠民演出经费项目本年分为送戏下乡演出经费和公益电影放映经费两个项目"
    (m,) = match_projects(old, new, *UNIT, new_text=text)
    assert m.kind == "split" and m.reason.startswith("本年文件说明该项目分为")
    kinds = sorted(m.kind for m in match_projects(old, new, *UNIT))
    assert kinds == ["review"]       # without the text: all that is left of one unit and code, for review


def test_when_several_groups_add_up_only_approximately_it_is_left_for_review():
    old = [_p("2024年城区环卫保洁经费", "甲中心", "2120501", "41.00"),
           _p("2024年城区环卫清运经费", "甲中心", "2120501", "52.00"),
           _p("2024年城区环卫宣传经费", "甲中心", "2120501", "55.00")]
    new = [_p("2025年城区环卫作业经费", "甲中心", "2120501", "100.00")]
    ms = match_projects(old, new, *UNIT)
    # 41 + 52 = 93, 41 + 55 = 96, 52 + 55 = 107: each within the tolerance, none exact
    assert "merged" not in {m.kind for m in ms}
    (r,) = [m for m in ms if m.kind == "review"]
    assert r.reason.startswith("可能为合并：多组项目金额之和均接近，最接近的为 55.00 + 41.00 = 96.00 → 100.00")   # the pair first
