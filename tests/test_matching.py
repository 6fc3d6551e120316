"""Matching across years on the two corpora, with the expected pairs written out literally.

Until the PDF reader lands, the documents are built from the corpora .txt files (the ground truth of
the PDFs: tables as tab-separated rows) by the small fixture reader below; it reads only what
matching needs (表3/表5/表6 lines, projects, budget units).
"""
from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from yoydiff.core import Column, Document, Project, Row, Table
from yoydiff.matching import (
    FLOOR, SURE, assign, assign_sparse, economic_lines, functional_lines, match_documents, match_lines,
    match_projects, match_units,
)
from yoydiff.numbers import Amount

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
URUMQI_2025 = CORPORA / "urumqi" / "urumqi-hrss-2025-reconstructed.txt"
URUMQI_2026 = CORPORA / "urumqi" / "urumqi-hrss-2026.txt"
DEPTB_2024 = CORPORA / "deptb" / "2024.txt"
DEPTB_2025 = CORPORA / "deptb" / "2025.txt"

_KINDS = (("一般公共预算基本支出", "gpb_basic"), ("一般公共预算项目支出", "gpb_project"),
          ("一般公共预算支出", "gpb_expense"), ("支出总", "expense"), ("收入总", "income"),
          ("三公", "three_public"))


_COLUMNS = {"expense": ("合计", "基本支出", "项目支出"), "gpb_expense": ("合计",), "gpb_basic": ("合计",),
            "income": ("合计",), "three_public": ("合计",)}


def _kind(title: str) -> str | None:
    for word, kind in _KINDS:
        if word in title and "财政拨款收支" not in title:
            return kind
    return None


def txt_document(path: Path, year: int, department: str, statements=()) -> Document:
    """A Document with the lines, projects and units of a corpus .txt file (test fixture)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows: dict[str, list[Row]] = {}
    projects: list[Project] = []
    units: list[str] = []
    kind, unit, listing = None, "", False
    for no, line in enumerate(lines):
        if re.match(r"^表\s*\d+$", line.strip()):
            kind = None
            for nxt in lines[no + 1:no + 4]:
                kind = kind or (_kind(nxt) if nxt.strip() else None)
            continue
        if line.startswith("第三部分") or line.startswith("第一部分"):
            kind = None
        if "包括：" in line and ("预算单位" in line or "单位共" in line):
            listing = True
            continue
        m = re.match(r"^\d+\.\s*(\S+)$", line.strip())
        if listing and m:
            units.append(m.group(1))
            continue
        if listing and line.strip():
            listing = False
        cells = line.split("\t")
        if len(cells) == 5 and cells[0].isdigit() and re.match(r"^\d{7} ", cells[3]):
            projects.append(Project(cells[1], cells[2], cells[3][:7], Amount.parse(cells[4]), no))
            continue
        if kind is None or "\t" not in line:
            continue
        width = 2 if kind == "gpb_basic" else 3
        code = "".join(c.strip() for c in cells[:width])
        name = cells[width].strip() if len(cells) > width else ""
        if kind == "gpb_project":
            project = cells[4].strip() if len(cells) > 4 else ""
            amount = Amount.parse(cells[5]) if len(cells) > 5 and cells[5].strip() else None
            if not code and name and amount is not None and not project and "总计" not in name:
                unit = name
            elif code.isdigit() and len(code) == 7 and project and amount is not None:
                projects.append(Project(project, unit, code, amount, no))
            elif not code and project and amount is None and projects:
                last = projects[-1]
                projects[-1] = Project(last.name + project, last.unit, last.code, last.amount, last.page)
            continue
        if not code.isdigit() and not (not code and name in ("总计", "合计")):
            continue
        values = tuple(Amount.parse(c) if c.strip() else None for c in cells[width + 1:width + 1 + len(_COLUMNS[kind])])
        rows.setdefault(kind, []).append(Row(code, tuple(cells[:width]) if code else (), name, values, no))
    tables = tuple(Table(k, "", k, "万元", tuple(Column((c,)) for c in _COLUMNS[k]), tuple(r), (1,))
                   for k, r in rows.items())
    return Document(str(path), "", department, year, "预算", "万元", 1, tuple(units), tables,
                    tuple(statements), tuple(projects), (), (), D(1))


URUMQI = "乌鲁木齐市人力资源和社会保障局"
DEPTB = "青岚县卫生健康委员会"


@pytest.fixture(scope="module")
def urumqi():
    return (txt_document(URUMQI_2025, 2025, URUMQI), txt_document(URUMQI_2026, 2026, URUMQI))


@pytest.fixture(scope="module")
def deptb():
    return (txt_document(DEPTB_2024, 2024, DEPTB), txt_document(DEPTB_2025, 2025, DEPTB))


def _pairs(matches, kind=None):
    return {(m.old, m.new): m for m in matches if kind is None or m.kind == kind}


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

def test_recoded_line_found_under_a_new_code():
    old = {"2080104": functional_lines_row("2080104", "劳动保障监察", "35.92")}
    new = {"2080113": functional_lines_row("2080113", "劳动保障监察", "29.52")}
    (m,) = match_lines(old, new)
    assert (m.kind, m.old_code, m.new_code) == ("re-coded", "2080104", "2080113")
    assert "code 2080104 → 2080113" in m.reason


def functional_lines_row(code, name, amount):
    from yoydiff.matching import Line
    return Line(code, name, D(amount), 1, "gpb_expense")


def test_urumqi_lines(urumqi):
    old, new = urumqi
    ms = match_lines(functional_lines(old), functional_lines(new))
    gone = {m.old_code for m in ms if m.kind == "discontinued"}
    came = {m.new_code for m in ms if m.kind == "new"}
    assert gone == {"206", "20604", "2060499", "2080104"}
    assert came == {"2080506", "2080701"}
    m = next(m for m in ms if m.old_code == "2080108")
    assert (m.kind, m.old_amount, m.new_amount) == ("matched", D("534.75"), D("450.00"))
    econ = match_lines(economic_lines(old), economic_lines(new), "economic")
    assert {m.new_code for m in econ if m.kind == "new"} == {"30109", "30224"}


def test_deptb_lines(deptb):
    ms = match_lines(functional_lines(deptb[0]), functional_lines(deptb[1]))
    assert [(m.kind, m.new_code) for m in ms if m.kind != "matched"] == [("new", "2100410")]


# ---------------------------------------------------------------- budget units

def test_urumqi_units_and_the_merged_inspection_unit(urumqi):
    m = match_documents(*urumqi)
    kinds = {(k.old, k.new): k.kind for k in m.units}
    assert kinds[("乌鲁木齐市劳动保障监察支队", "乌鲁木齐市劳动人事争议仲裁院"), ("乌鲁木齐市劳动人事争议仲裁院",)] == "merged"
    assert sum(1 for k in m.units if k.kind == "matched") == 9
    assert not [k for k in m.units if k.kind in ("new", "discontinued")]


def test_deptb_units(deptb):
    m = match_documents(*deptb)
    assert [(k.kind, k.new) for k in m.units if k.kind != "matched"] == [("new", ("青岚县医疗急救指挥中心",))]
    assert sum(1 for k in m.units if k.kind == "matched") == 5


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
URUMQI_DISCONTINUED = ["人才补贴奖励", "信息化运行维护经费"]
URUMQI_NEW = ["仲裁办案经费"]
URUMQI_MERGED = (("综合业务费", "档案影像化"), ("公共就业服务事业发展经费",))


def test_urumqi_projects(urumqi):
    ms = match_documents(*urumqi).projects
    for o, n, unit in URUMQI_SAME:
        m = next(m for m in ms if m.old == (o,) and m.new == (n,) and m.new_unit.endswith(unit))
        assert m.kind == "matched" and m.score >= SURE, m
    gone = {m.old[0] for m in ms if m.kind == "discontinued"}
    came = {m.new[0] for m in ms if m.kind == "new"}
    assert set(URUMQI_DISCONTINUED) <= gone
    assert set(URUMQI_NEW) <= came
    moved = next(m for m in ms if m.old == ("劳动保障监察事业发展经费",))
    assert (moved.kind, moved.old_code, moved.new_code) == ("re-coded", "2080104", "2080112")
    assert moved.new_unit == "乌鲁木齐市劳动人事争议仲裁院"
    # without the new document's narrative the merge is only structural: left for review
    (m,) = [m for m in ms if m.new == URUMQI_MERGED[1]]
    assert m.kind == "review" and set(m.old) == set(URUMQI_MERGED[0])
    assert len([m for m in ms if m.kind in ("matched", "re-coded")]) == 24


def test_urumqi_merge_is_recognised_from_the_new_narrative(urumqi):
    from yoydiff.core import Statement
    old, new = urumqi
    reason = "主要原因是2026年公共就业服务事业发展经费项目是由2025年综合业务费及档案影像化项目构成"
    said = Statement("就业管理事务", "2080106", Amount.parse("52.79"), 1, "2026年预算数为52.79万元", reason=reason)
    new = Document(**{**new.__dict__, "statements": (said,)})
    (m,) = [m for m in match_documents(old, new).projects if m.new == URUMQI_MERGED[1]]
    assert (m.kind, m.old, m.old_amount, m.new_amount) == ("merged", URUMQI_MERGED[0], D("100.00"), D("52.79"))
    assert "综合业务费 and 档案影像化" in m.reason


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
    assert m.reason == "same code 2100102; name 0.67; amount +4 %; same unit"
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
