"""Table parser: every row of every table of the four corpora PDFs against the .txt ground truth,
some real values, and small hand-made pages (no rules, wrapped names, numbers wrapped mid-cell)."""
import time
from decimal import Decimal
from pathlib import Path

import pytest

from groundtruth import assert_tables_equal, read_tables, squash as _n
from yoydiff.pdf import Char, Page, Rule, read_pages
from yoydiff.parsers.tables import extract_tables

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
FILES = {
    "urumqi-2025": ("urumqi/urumqi-hrss-2025-reconstructed.pdf", "urumqi/urumqi-hrss-2025-reconstructed.txt"),
    "urumqi-2026": ("urumqi/urumqi-hrss-2026.pdf", "urumqi/urumqi-hrss-2026.txt"),
    "deptb-2024": ("deptb/2024.pdf", "deptb/2024.txt"),
    "deptb-2025": ("deptb/2025.pdf", "deptb/2025.txt"),
}


@pytest.fixture(scope="session")
def parsed():
    out = {}
    for key, (pdf, _txt) in FILES.items():
        pages = read_pages(CORPORA / pdf)
        t0 = time.perf_counter()
        out[key] = extract_tables(pages)
        print(f"{key}: extract_tables {time.perf_counter() - t0:.2f} s")
    return out




@pytest.mark.parametrize("key", list(FILES))
def test_every_row_equals_ground_truth(parsed, key):
    gt = read_tables(str(CORPORA / FILES[key][1]))
    res = parsed[key]
    assert_tables_equal(res.tables, gt, key)


def test_urumqi_2026_table2_values(parsed):
    t = next(t for t in parsed["urumqi-2026"].tables if t.kind == "income")
    assert t.number == "表2" and t.pages == (9, 10) and t.unit == "万元"
    row = next(r for r in t.rows if r.code == "2080109")
    assert row.name == "社会保险经办机构" and row.code_parts == ("208", "01", "09") and row.page == 9
    assert [c.label for c in t.columns][:4] == [
        "总计", "财政拨款（补助） › 财政拨款（补助）小计", "财政拨款（补助） › 一般公共预算",
        "财政拨款（补助） › 上级一般公共预算安排的转移支付"]
    assert [v.text if v else None for v in row.values[:5]] == ["2,185.20", "2,185.20", "2,076.40", "108.80", None]
    assert row.value(t, "上级一般公共预算安排的转移支付").value == Decimal("108.80")
    assert row.values[-1] is None   # a blank cell stays blank


def test_urumqi_project_table(parsed):
    t = next(t for t in parsed["urumqi-2026"].tables if t.kind == "gpb_project")
    split = [r for r in t.rows if r.name == "公共就业服务和职业技能鉴定机构" and r.project == "人事考试事业发展经费"]
    assert len(split) == 1 and split[0].page == 16 - 1 and split[0].group == "乌鲁木齐市人事考试中心"
    unit = next(r for r in t.rows if r.name == "乌鲁木齐市社会保险中心")
    assert unit.code == "" and unit.group == "乌鲁木齐市社会保险中心" and unit.values[0].text == "10,199.08"
    wrapped = [r for r in t.rows if "215号" in r.project]
    assert _n(wrapped[0].project) == "乌财社（2025）215号关于提前下达2026年自治区财政就业补助资金预算的通知"
    assert wrapped[0].values[0].text == "448.00" and wrapped[0].code == "2080799"
    assert any(r.project == "特定目标 0110019B" for r in t.rows)
    assert t.rows[-1].name == "总计" and t.rows[-1].group == ""


def test_two_sided_table(parsed):
    t = next(t for t in parsed["urumqi-2026"].tables if t.kind == "fiscal_overview")
    assert [c.label for c in t.columns] == ["财政拨款收入 › 合计", "财政拨款支出 › 合计", "财政拨款支出 › 一般公共预算",
                                            "财政拨款支出 › 政府性基金预算", "财政拨款支出 › 国有资本经营预算"]
    left = next(r for r in t.rows if r.name == "一、财政拨款（补助）")
    assert left.values[0].text == "29,098.78" and left.values[1:] == (None,) * 4   # "29,098.7" over "8" in the PDF
    right = next(r for r in t.rows if r.code == "208")
    assert right.name == "社会保障和就业支出" and right.values[0] is None and right.values[1].text == "28,738.08"
    d = next(t for t in parsed["deptb-2025"].tables if t.kind == "overview")
    assert next(r for r in d.rows if r.name == "九、卫生健康支出").values[1].text == "16,576.19"


def test_empty_tables_and_notes(parsed):
    for key in FILES:
        res = parsed[key]
        for kind in ("fund", "soe"):
            t = next(t for t in res.tables if t.kind == kind)
            assert t.is_empty and t.rows and ("空表" in t.empty_note or "本表无数据" in t.empty_note)
    t = next(t for t in parsed["urumqi-2026"].tables if t.kind == "fund")
    assert t.empty_note.startswith("乌鲁木齐市人力资源和社会保障局 2026 年没有使用政府性基金预算拨款")
    assert [c.label for c in t.columns][1] == "政府性基金预算支出 › 基本支出 › 人员经费"


def test_deptb_layout(parsed):
    res = parsed["deptb-2025"]
    assert [t.number for t in res.tables] == [f"附表{i}" for i in range(1, 10)]
    income = res.tables[1]
    assert income.rows[0].name == "合计" and income.rows[1].code == "408001"
    expense = res.tables[2]
    assert expense.pages == (14, 15) and expense.rows[0].name == "合计"
    three = res.tables[6]
    assert len(three.rows) == 1 and [v.text for v in three.rows[0].values] == ["16.47", "0.00", "12.35", "0.00", "12.35", "4.13"]
    assert [c.label for c in three.columns][2] == "公务用车购置及运行费 › 小计"
    assert res.unit == "万元" and len(res.text_tables) == 1 and res.text_tables[0].title == "项目支出绩效目标表"


def test_text_tables_and_regions(parsed):
    res = parsed["urumqi-2026"]
    assert res.text_tables[0].title == "部门整体绩效目标表"
    assert sum(tt.title == "项目支出绩效目标表" for tt in res.text_tables) == 23
    assert 2 not in res.regions and 8 in res.regions    # the table of contents is no table
    assert not res.unparsed


# ---- hand-made pages ----------------------------------------------------------------------------

def _put(chars, text, x, top, size=10.0):
    for ch in text:
        w = size if ord(ch) > 0x2e80 else 0.55 * size
        chars.append(Char(ch, x, x + w, top, top + size, size))
        x += w


def _page(items, rules=(), number=1):
    chars = []
    for text, x, top in items:
        _put(chars, text, x, top)
    return Page(number, 600, 800, tuple(chars), tuple(rules))


NO_RULES = [
    ("表三", 50, 40), ("部门支出总体情况表", 200, 60), ("单位：元", 500, 85),
    ("科目编码", 50, 110), ("科目名称", 200, 110), ("合计", 360, 110), ("基本支出", 430, 110), ("项目支出", 510, 110),
    ("类", 50, 125), ("款", 80, 125), ("项", 110, 125),
    ("208", 50, 150), ("社会保障和就业支出", 140, 150), ("12,345.00", 350, 150), ("10,000.00", 420, 150), ("2,345.00", 505, 150),
    ("公共就业服务和职业技", 140, 170),
    ("208", 50, 181), ("01", 80, 181), ("11", 110, 181), ("2,909.7", 355, 181), ("2,345.00", 505, 181),
    ("能鉴定机构", 140, 192),
    ("8", 385, 192),
    ("总计", 140, 215), ("12,345.00", 350, 215), ("10,000.00", 420, 215),
    ("本表金额为虚构。", 50, 260),
]


def test_no_rules_wrapped_name_and_number():
    res = extract_tables([_page(NO_RULES)])
    (t,) = res.tables
    assert (t.kind, t.number, t.unit) == ("expense", "表三", "元")
    assert [r.name for r in t.rows] == ["社会保障和就业支出", "公共就业服务和职业技能鉴定机构", "总计"]
    row = t.rows[1]
    assert row.code == "2080111" and row.code_parts == ("208", "01", "11")
    assert [v.text if v else None for v in row.values] == ["2,909.78", None, "2,345.00"]
    assert row.values[0].value == Decimal("0.290978") and row.values[0].unit == "元"
    assert [c.leaf for c in t.columns] == ["合计", "基本支出", "项目支出"]
    assert res.regions[1][0][0] == 40


# right-aligned figures of three narrow columns, 4.5 pt apart (less than a word gap at 10 pt)
CLOSE_FIGURES = [
    ("表3", 50, 40), ("部门支出总体情况表", 200, 60), ("单位：万元", 500, 85),
    ("科目编码", 50, 110), ("科目名称", 140, 110), ("合计", 315, 110), ("基本支出", 360, 110), ("项目支出", 413, 110),
    ("208", 50, 130), ("社会保障和就业支出", 140, 130), ("12,345.00", 300.5, 130), ("10,000.00", 354.5, 130),
    ("2,345.00", 414, 130),
    ("208", 50, 150), ("01", 80, 150), ("行政运行", 140, 150), ("8,000.00", 306, 150), ("8,000.00", 360, 150),
    ("208", 50, 170), ("02", 80, 170), ("项目管理", 140, 170), ("4,345.00", 306, 170), ("2,000.00", 360, 170),
    ("2,345.00", 414, 170),
]


def test_figures_of_neighbouring_columns_closer_than_a_word_gap():
    (t,) = extract_tables([_page(CLOSE_FIGURES)]).tables
    assert [c.leaf for c in t.columns] == ["合计", "基本支出", "项目支出"]
    assert [(r.code, [v.text if v else None for v in r.values]) for r in t.rows] == [
        ("208", ["12,345.00", "10,000.00", "2,345.00"]), ("20801", ["8,000.00", "8,000.00", None]),
        ("20802", ["4,345.00", "2,000.00", "2,345.00"])]


def test_title_at_the_foot_of_a_page():
    """The producer kept the caption with the grid: the title ends one page, the table opens the next."""
    hr = lambda y: Rule(40, y, 580, y)
    p1 = _page([("一、部门概况", 50, 40), ("表5", 50, 760), ("一般公共预算支出情况表", 50, 775)], (), 1)
    p2 = _page([("编制部门：某局", 50, 40), ("单位：万元", 500, 40), ("科目编码", 50, 66), ("科目名称", 140, 66),
                ("合计", 400, 66), ("210", 50, 86), ("卫生健康支出", 140, 86), ("40.00", 400, 86)],
               [hr(60), hr(80), hr(100)], 2)
    (t,) = extract_tables([p1, p2]).tables
    assert (t.number, t.kind, t.pages) == ("表5", "gpb_expense", (2,))
    assert [(r.code, r.name, r.values[0].text) for r in t.rows] == [("210", "卫生健康支出", "40.00")]


def test_continuation_page_columns_move_out_of_its_words():
    """Page 1 has no project name under 项目名称: the name/project boundary lies midway to that header.
    On page 2 the project names start left of it; a wrapped last character (费) stays in its column."""
    hr = lambda y: Rule(40, y, 580, y)
    head = [("科目编码", 50, 0), ("科目名称", 140, 0), ("项目名称", 240, 0), ("合计", 400, 0)]
    p1 = _page([("表7", 50, 40), ("一般公共预算项目支出情况表", 200, 60), ("单位：万元", 500, 85)]
               + [(t, x, 106) for t, x, _ in head]
               + [("210", 50, 126), ("卫生健康支出", 140, 126), ("100.00", 400, 126)],
               [hr(100), hr(120), hr(140)], 1)
    p2 = _page([("单位：万元", 500, 45)] + [(t, x, 66) for t, x, _ in head]
               + [("210", 50, 86), ("11", 80, 86), ("行政单位医疗", 140, 86), ("人才事业发展经", 210, 86),
                  ("60.00", 400, 86), ("费", 210, 97)],
               [hr(60), hr(80), hr(110)], 2)
    (t,) = extract_tables([p1, p2]).tables
    assert [(r.code, r.name, r.project) for r in t.rows] == [
        ("210", "卫生健康支出", ""), ("21011", "行政单位医疗", "人才事业发展经费")]


def test_header_cell_wrapped_below_the_code_header_row():
    """No rules, a narrow column: its header cell wraps below 类 款 项 and the column has no figure on
    this page; the wrapped rest (的转移支付) is header, not a row."""
    page = _page([
        ("表2", 50, 40), ("部门收入总体情况表", 200, 60), ("单位：万元", 500, 85),
        ("科目编码", 50, 110), ("科目名称", 140, 110), ("合计", 300, 110), ("上级一般公", 360, 110),
        ("类", 50, 125), ("款", 80, 125), ("项", 110, 125), ("共预算安排", 360, 125),
        ("的转移支付", 360, 140),
        ("208", 50, 160), ("社会保障和就业支出", 140, 160), ("100.00", 300, 160),
        ("208", 50, 180), ("01", 80, 180), ("行政运行", 140, 180), ("60.00", 305.5, 180),
    ])
    (t,) = extract_tables([page]).tables
    assert [(r.code, r.name, [v.text if v else None for v in r.values]) for r in t.rows] == [
        ("208", "社会保障和就业支出", ["100.00", None]), ("20801", "行政运行", ["60.00", None])]
    assert [c.leaf for c in t.columns] == ["合计", "上级一般公共预算安排的转移支付"]


def test_header_line_right_above_the_only_row():
    """One row on the page, so no row pitch to go by: the header line over its figures stays header."""
    page = _page([
        ("表5", 50, 40), ("一般公共预算支出情况表", 200, 60), ("单位：元", 500, 85),
        ("科目编码", 50, 110), ("科目名称", 140, 110), ("一般公共预算支出", 330, 110),
        ("类", 50, 124), ("款", 80, 124), ("项", 110, 124), ("合计", 300, 124), ("项目支出", 380, 124),
        ("206", 50, 138), ("科学技术支出", 140, 138), ("242,000.00", 290, 138), ("242,000.00", 380, 138),
        ("本表金额为虚构。", 50, 170),
    ])
    (t,) = extract_tables([page]).tables
    assert [(r.code, r.name, [v.text for v in r.values]) for r in t.rows] == [
        ("206", "科学技术支出", ["242,000.00", "242,000.00"])]
    assert [c.label for c in t.columns] == ["一般公共预算支出 › 合计", "一般公共预算支出 › 项目支出"]


def test_no_rules_row_cut_by_the_page_break():
    """No rules: the rest of a name opens the next page, set apart from the next row by row spacing
    (learnt on the first page, where wrapped lines lie closer than rows)."""
    head = [("科目编码", 50), ("科目名称", 140), ("合计", 400)]
    p1 = _page([("表1", 50, 40), ("一般公共预算支出情况表", 200, 60), ("单位：万元", 500, 85)]
               + [(t, x, 110) for t, x in head]
               + [("208", 50, 150), ("社会保障和就", 140, 150), ("100.00", 400, 150), ("业支出", 140, 161),
                  ("208", 50, 175), ("01", 80, 175), ("人力资源和社会保障管", 140, 175), ("60.00", 400, 175)], (), 1)
    p2 = _page([("单位：万元", 500, 45)] + [(t, x, 66) for t, x in head]
               + [("理事务", 140, 90), ("210", 50, 104), ("卫生健康支出", 140, 104), ("40.00", 400, 104)], (), 2)
    (t,) = extract_tables([p1, p2]).tables
    assert [(r.code, r.name, r.page) for r in t.rows] == [
        ("208", "社会保障和就业支出", 1), ("20801", "人力资源和社会保障管理事务", 1), ("210", "卫生健康支出", 2)]


def test_table_of_contents_and_sentences_are_not_tables():
    toc = _page([("目录", 50, 40), ("一、部门收支总体情况表", 50, 70), ("二、部门收入总体情况表", 50, 90),
                 ("政府性基金预算支出情况表为空表。", 50, 120)])
    assert extract_tables([toc]).tables == ()


def test_horizontal_rules_only_and_continuation():
    hr = lambda y: Rule(40, y, 580, y)
    p1 = _page([("表1", 50, 40), ("一般公共预算支出情况表", 200, 60), ("单位：万元", 500, 85),
                ("科目编码", 50, 106), ("科目名称", 200, 106), ("合计", 400, 106),
                ("208", 50, 126), ("社会保障和就业支出", 140, 126), ("100.00", 400, 126),
                ("208", 50, 146), ("01", 80, 146), ("人力资源和社会保障管", 140, 146), ("60.00", 400, 146)],
               [hr(100), hr(120), hr(140), hr(160)], 1)
    p2 = _page([("单位：万元", 500, 45), ("科目编码", 50, 66), ("科目名称", 200, 66), ("合计", 400, 66),
                ("理事务", 140, 86),
                ("210", 50, 106), ("卫生健康支出", 140, 106), ("40.00", 400, 106)],
               [hr(60), hr(80), hr(100), hr(120)], 2)
    (t,) = extract_tables([p1, p2]).tables
    assert t.pages == (1, 2)
    assert [(r.code, r.name, r.page) for r in t.rows] == [
        ("208", "社会保障和就业支出", 1), ("20801", "人力资源和社会保障管理事务", 1), ("210", "卫生健康支出", 2)]
    assert [c.label for c in t.columns] == ["合计"]


# ---- grouped item tables (委托业务费, 上年结转结余) ---------------------------------------------

def test_carryover_rows_grouped_under_their_unit(parsed):
    from yoydiff.checks.sums import row_relations

    t = next(t for t in parsed["urumqi-2026"].tables if t.kind == "carryover")
    unit = "乌鲁木齐市退休人员社会化管理服务中心"
    mine = [r for r in t.rows if r.group == unit]
    assert [(r.name, r.values[0].text) for r in mine] == [
        (unit, "100.27"), ("特定目标 1310001D", "99.68"), ("特定目标 13100021", "0.45"), ("特定目标 14100013", "0.13")]
    assert t.rows[-1].name == "总计" and t.rows[-1].group == ""
    # the sum check sees the unit subtotal and its rows: 100.27 against 99.68 + 0.45 + 0.13 = 100.26
    i = t.rows.index(mine[0])
    rel = next(r for r in row_relations(t) if r.parent == i)
    assert [t.rows[k].values[0].value for k in rel.children] == [Decimal("99.68"), Decimal("0.45"), Decimal("0.13")]
    units = {r.group for r in t.rows if r.group}
    assert len(units) == 5 and "乌鲁木齐市人力资源和社会保障信息中心（乌鲁木齐市社会保障卡管理中心）" in units


def test_entrusted_rows_grouped(parsed):
    t = next(t for t in parsed["urumqi-2025"].tables if t.kind == "entrusted")
    assert [(r.group, r.name) for r in t.rows if "公共就业" in r.group] == [
        ("乌鲁木齐市公共就业服务中心", "乌鲁木齐市公共就业服务中心"),
        ("乌鲁木齐市公共就业服务中心", "2025年运转类公用经费-保运转"), ("乌鲁木齐市公共就业服务中心", "档案影像化")]
    assert next(r for r in t.rows if r.name == "2025年运转类公用经费-保运转").code == ""   # a year is no code


def test_item_table_units_by_name_without_project_table():
    """No project table in the document: units are told from items by their organisation names."""
    page = _page([
        ("表12", 50, 40), ("上年结转结余情况表", 200, 60), ("单位：万元", 500, 85),
        ("项目", 60, 110), ("合计", 340, 110), ("财政拨款", 460, 110),
        ("青岚县疾病预防控制中心", 50, 135), ("30.00", 340, 135), ("30.00", 460, 135),
        ("疫苗冷链运转经费", 50, 155), ("20.00", 340, 155), ("20.00", 460, 155),
        ("特定目标 0310021A", 50, 175), ("10.00", 340, 175), ("10.00", 460, 175),
        ("青岚县卫生监督所（青岚县卫生健康综合行政执法大队）", 50, 195), ("5.00", 340, 195), ("5.00", 460, 195),
        ("执法装备购置项目", 50, 215), ("5.00", 340, 215), ("5.00", 460, 215),
        ("合计", 50, 235), ("35.00", 340, 235), ("35.00", 460, 235),
    ])
    (t,) = extract_tables([page]).tables
    assert t.kind == "carryover"
    assert [r.group for r in t.rows] == ["青岚县疾病预防控制中心"] * 3 + [
        "青岚县卫生监督所（青岚县卫生健康综合行政执法大队）"] * 2 + [""]


def test_text_table_cell_split_over_page_break(parsed):
    tt = next(t for t in parsed["urumqi-2026"].text_tables if len(t.pages) > 1 and any("驿站" in c for r in t.rows for c in r))
    names = [r[2] for r in tt.rows if len(r) > 2]
    assert "毕业生求职帮扶行动（求职能力实训）费用" in names and "费用" not in names


def test_no_rules_header_cells_from_wrapped_lines_and_centred_parents():
    """No rules: a wrapped header cell (项目支/出) is one cell; a spanning parent centred over the
    middle of its three columns covers them all (its left child 小计 is not the leaf 合计's); a
    column both parents could reach goes to the one it keeps centred (财政拨款, not 非财政拨款)."""
    fig = [146, 206, 266, 326, 386, 446]              # figures 27.5 wide, columns 60 apart
    page = _page([
        ("表12", 50, 40), ("上年结转结余情况表", 200, 60), ("单位：万元", 500, 85),
        ("项目", 50, 110), ("合计", 150, 110), ("财政拨款", 260, 110), ("非财政拨款", 397.6, 110),
        ("小计", 210, 126), ("基本支出", 260, 126), ("项目支", 325, 126), ("小计", 390, 126),
        ("项目支出", 432, 126),
        ("出", 335, 138),
        ("行政运行", 50, 160), *[("10.00", x, 160) for x in fig],
        ("其他", 50, 175), *[("20.00", x, 175) for x in fig],
    ])
    (t,) = extract_tables([page]).tables
    assert [r.name for r in t.rows] == ["行政运行", "其他"]
    assert [c.label for c in t.columns] == [
        "合计", "财政拨款 › 小计", "财政拨款 › 基本支出", "财政拨款 › 项目支出",
        "非财政拨款 › 小计", "非财政拨款 › 项目支出"]
