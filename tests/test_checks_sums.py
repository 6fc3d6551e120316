import re
from pathlib import Path

from yoydiff.checks.sums import check_statement_sums, check_sums, check_table_sums, column_relations, row_relations
from yoydiff.numbers import Percent

from test_checks_build import doc, row, st, table

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
URUMQI_2025 = CORPORA / "urumqi" / "urumqi-hrss-2025-reconstructed.txt"
URUMQI_2026 = CORPORA / "urumqi" / "urumqi-hrss-2026.txt"
DEPTB_2025 = CORPORA / "deptb" / "2025.txt"


def corpus_block(path: Path, start: str, end: str) -> list[list[str]]:
    """The tab-separated lines of the corpus text between two marker lines (a test fixture, not a parser)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    i = lines.index(start)
    j = lines.index(end, i + 1)
    return [ln.split("\t") for ln in lines[i:j] if "\t" in ln]


def coded_table(path, start, end, kind, number, columns, ncodes=3):
    rows = []
    for cells in corpus_block(path, start, end):
        codes, name, values = cells[:ncodes], cells[ncodes], cells[ncodes + 1:]
        if re.fullmatch(r"\d{3}", codes[0]) or (not any(codes) and re.search("总计|合计", name)):
            rows.append(row(" ".join(c for c in codes if c), name, *(v or None for v in values)))
    return table(kind, number, columns, rows)


GPB = [("一般公共预算支出", "合计"), ("一般公共预算支出", "基本支出"), ("一般公共预算支出", "项目支出")]


def test_planted_urumqi_2025_table5_kuan_row():
    t = coded_table(URUMQI_2025, "表 5", "表 6", "gpb_expense", "表 5", GPB)
    fs = check_table_sums(t, "old")
    errors = [f for f in fs if f.severity == "error"]
    assert [(f.item, f.stated, f.expected, f.code) for f in errors] == \
        [("208 05 行政事业单位养老支出", "1,590.46", "1,580.46", "20805")]
    e = errors[0]
    assert e.quote.startswith("208\t05\t\t行政事业单位养老支出\t1,590.46")
    assert e.rule == ("合计列：列示 1,590.46 即 [1,590.455, 1,590.465]，3 个项级行之和 = 1,580.46 ∈ [1,580.445, 1,580.475]；"
                      "基本支出列：列示 1,590.46 即 [1,590.455, 1,590.465]，3 个项级行之和 = 1,580.46 ∈ "
                      "[1,580.445, 1,580.475]：不符")
    assert e.distance == "相差 10.00 万元"
    # the 类 row fails only because of the 款 row: linked, not a second error
    [n] = [f for f in fs if f.code == "208"]
    assert n.severity == "notice" and n.cause == "由 208 05 行的差错引起（该行不等于其下各行之和）"
    assert len(fs) == 2


def test_real_2026_tables_2_3_5_hold():
    t2 = coded_table(URUMQI_2026, "表 2", "表 3", "income", "表 2",
                     [("总计",), ("财政拨款（补助）", "财政拨款（补助）小计"), ("财政拨款（补助）", "一般公共预算"),
                      ("财政拨款（补助）", "上级一般公共预算安排的转移支付"), ("财政拨款（补助）", "政府性基金预算"),
                      ("财政拨款（补助）", "上级政府性基金安排的转移支付"), ("财政拨款（补助）", "国有资本经营预算"),
                      ("财政专户（教育收费）",), ("单位资金",), ("财政拨款结转",), ("非财政拨款结转结余",)])
    t3 = coded_table(URUMQI_2026, "表 3", "表 4", "expense", "表 3", [("合计",), ("基本支出",), ("项目支出",)])
    t5 = coded_table(URUMQI_2026, "表 5", "表 6", "gpb_expense", "表 5", GPB)
    assert len(t2.rows) == 28 and len(t5.rows) == 28
    assert check_sums(doc(tables=[t2, t3, t5]), "new") == []
    rels = column_relations(t2)
    assert [(r.parent, r.children) for r in rels] == [(0, (1, 7, 8, 9, 10)), (1, (2, 3, 4, 5, 6))]


def test_deptb_2025_expense_kuan_row_and_total_first():
    t = coded_table(DEPTB_2025, "附表3 支出总表", "附表4 财政拨款收支总表", "expense", "附表3",
                    [("合计",), ("基本支出",), ("项目支出",), ("事业单位经营支出",), ("上缴上级支出",),
                     ("对附属单位补助支出",)])
    fs = check_table_sums(t, "new")
    errors = [f for f in fs if f.severity == "error"]
    assert [(f.item, f.stated, f.expected) for f in errors] == [("210 04 公共卫生", "8,531.70", "8,521.70")]
    assert "；项目支出列：列示 3,752.00 即 [3,751.995, 3,752.005]，6 个项级行之和 = 3,742.00" in errors[0].rule
    assert {f.code: f.severity for f in fs} == {"21004": "error", "210": "notice"}


def test_unit_subtotal_rounding_urumqi_2026_table12():
    cols = [("合计",), ("财政拨款", "小计"), ("财政拨款", "基本支出", "人员经费"), ("财政拨款", "基本支出", "公用经费"),
            ("财政拨款", "项目支出"), ("非财政拨款", "小计"), ("非财政拨款", "基本支出", "人员经费"),
            ("非财政拨款", "基本支出", "公用经费"), ("非财政拨款", "项目支出")]
    rows, unit = [], ""
    for cells in corpus_block(URUMQI_2026, "上年结转结余情况表", "第三部分 2026 年部门预算情况说明"):
        name, values = cells[0], [v or None for v in cells[1:]]
        if not values or values[0] is None or not re.search(r"\d", values[0]):
            continue
        if name.startswith("乌鲁木齐市"):
            unit = name
            rows.append(row("", name, *values, group=""))
        elif name == "总计":
            rows.append(row("", name, *values))
        else:
            rows.append(row("", name, *values, group=unit))
    t = table("carryover", "表 12", cols, rows)
    assert len(row_relations(t)) == 6     # five units + 总计
    fs = check_table_sums(t, "new")
    assert {(f.item, f.severity, f.stated, f.expected) for f in fs} == {
        ("乌鲁木齐市退休人员社会化管理服务中心", "rounding", "100.27", "100.26"),
        ("总计", "rounding", "3,308.45", "3,308.46")}
    assert all(f.rule.endswith("：区间相交，属舍入差异") and f.distance == "相差 0.01 万元" for f in fs)


def test_three_public_rows_with_of_which():
    # 2026 表10: 公务用车（小计） with 其中 rows; 总计 = 出国 + 接待 + 小计
    cols = [("合计",), ("资金来源", "一般公共预算"), ("资金来源", "政府性基金"), ("资金来源", "国有资本经营预算")]
    rows = [row("", "因公出国（境）费用", None, None), row("", "公务接待费", None, None),
            row("", "公务用车购置及运行维护费（小计）", "91.28", "91.28"), row("", "其中：公务用车购置", None, None),
            row("", "公务用车运行维护费", "91.28", "91.28"), row("", "总计", "91.28", "91.28")]
    t = table("three_public", "表 10", cols, rows)
    assert check_table_sums(t, "new") == []
    bad = table("three_public", "表 10", cols, rows[:5] + [row("", "总计", "92.28", "92.28")])
    [f] = check_table_sums(bad, "new")
    assert f.severity == "error" and f.item == "总计" and f.expected == "91.28"


def test_deptb_three_public_horizontal_rounding():
    cols = [("合计",), ("因公出国（境）费",), ("公务用车购置及运行费", "小计"), ("公务用车购置及运行费", "公务用车购置费"),
            ("公务用车购置及运行费", "公务用车运行费"), ("公务接待费",)]
    t = table("three_public", "附表7", cols,
              [row("", "青岚县卫生健康委员会", "16.47", "0.00", "12.35", "0.00", "12.35", "4.13")])
    [f] = check_table_sums(t, "new")
    assert (f.severity, f.stated, f.expected) == ("rounding", "16.47", "16.48")


def test_grouped_project_table_and_project_rows():
    cols = [("项目支出合计",), ("商品和服务支出",), ("对个人和家庭的补助",)]
    u = "乌鲁木齐市人力资源和社会保障局"
    rows = [row("", u, "1,718.09", "1,365.43", "352.66"),
            row("208", "社会保障和就业支出", "1,357.39", "1,357.39", group=u),
            row("208 01", "人力资源和社会保障管理事务", "477.39", "477.39", group=u),
            row("208 01 02", "一般行政管理事务", "1.52", "1.52", group=u, project="特定目标 0110019B"),
            row("208 01 02", "一般行政管理事务", "17.00", "17.00", group=u, project="特定目标 1610007U"),
            row("208 01 02", "一般行政管理事务", "154.07", "154.07", group=u, project="人力资源和社会保障事业发展经费"),
            row("208 01 02", "一般行政管理事务", "304.80", "304.80", group=u, project="人才事业发展经费"),
            row("208 07", "就业补助", "880.00", "880.00", group=u),
            row("208 07 99", "其他就业补助支出", "432.00", "432.00", group=u, project="就业补助资金（人社局）"),
            row("208 07 99", "其他就业补助支出", "448.00", "448.00", group=u, project="乌财社（2025）215号"),
            row("210", "卫生健康支出", "360.70", "8.04", "352.66", group=u),
            row("210 11", "行政事业单位医疗", "360.70", "8.04", "352.66", group=u),
            row("210 11 01", "行政单位医疗", "360.70", "8.04", "352.66", group=u, project="行政单位医疗经费"),
            row("", "总计", "1,718.09", "1,365.43", "352.66")]
    t = table("gpb_project", "表 7", cols, rows)
    assert check_table_sums(t, "new") == []
    rows[4] = row("208 01 02", "一般行政管理事务", "71.00", "71.00", group=u, project="特定目标 1610007U")
    fs = check_table_sums(table("gpb_project", "表 7", cols, rows), "new")
    assert [(f.item, f.severity) for f in fs if f.severity == "error"] == [("208 01 人力资源和社会保障管理事务", "error")]


def test_flat_header_with_two_totals_is_not_summed():
    # a header read without its levels: 总计 beside 小计 cannot be told apart, so no column relation
    t = table("income", "表 2", [("总计",), ("财政拨款（补助）小计",), ("一般公共预算",)],
              [row("208", "社会保障和就业支出", "10.00", "10.00", "10.00")])
    assert column_relations(t) == []


def test_stated_parts_of_a_whole():
    sts = [st("“三公”经费", "16.47", "1.93", "减少", "10.49%", topic="three_public"),
           st("因公出国（境）费", "0", None, "持平", topic="three_public"),
           st("公务用车购置及运行维护费", "12.35", "1.25", "减少", "9.19%", topic="three_public"),
           st("公务接待费", "4.13", "0.67", "减少", "13.96%", topic="three_public")]
    fs = check_statement_sums(doc(statements=sts), "new")
    assert [(f.severity, f.stated, f.expected) for f in fs] == [("rounding", "16.47", "16.48"),
                                                                 ("rounding", "减少 1.93 万元", "减少 1.92 万元")]
    sts[3] = st("公务接待费", "4.13", "0.67", "增加", "16.22%", topic="three_public")
    fs = check_statement_sums(doc(statements=sts), "new")
    assert [(f.severity, f.stated, f.expected) for f in fs] == [("rounding", "16.47", "16.48"),
                                                                 ("error", "减少 1.93 万元", "减少 0.58 万元")]
    assert fs[1].rule == ("各部分所述增减额之和（增加为正、减少为负；因公出国（境）费 + 公务接待费 + 公务用车购置及运行维护费）"
                          "= −0.58 ∈ [−0.590, −0.570]；总额所述增减额 −1.93 即 [−1.935, −1.925]：不符")
    assert fs[1].distance == "相差 1.35 万元"


def test_basic_plus_project_and_income_sources():
    p = Percent.parse
    sts = [st("部门收入预算", "32,407.23", topic="income_total"),
           st("一般公共预算", "20,673.56", "1,393.65", "增加", "7.23%", share=p("63.79%"), topic="income_source"),
           st("上级转移支付", "8,425.22", "611.72", "减少", "6.77%", share=p("26.00%"), topic="income_source"),
           st("财政拨款结转", "3,308.45", "898.47", "减少", "21.36%", share=p("10.21%"), topic="income_source"),
           st("支出预算", "32,407.23", topic="expense_total"),
           st("基本支出", "14,197.84", "2,084.09", "增加", "17.20%", share=p("43.81%"), topic="basic"),
           st("项目支出", "18,209.39", "2,200.63", "减少", "10.78%", share=p("56.19%"), topic="project")]
    assert check_statement_sums(doc(statements=sts), "new") == []
    sts[6] = st("项目支出", "18,290.39", "2,200.63", "减少", "10.78%", share=p("56.19%"), topic="project")
    [f] = check_statement_sums(doc(statements=sts), "new")
    assert f.severity == "error" and f.expected == "32,488.23"


def test_unit_rows_without_groups_are_read_as_blocks():
    # the same 表12 when the parser gives no group: a row followed by rows adding up to it is their parent
    cols = [("合计",)]
    rows = [row("", "乌鲁木齐市人力资源和社会保障局", "144.15"), row("", "特定目标 67100533", "78.90"),
            row("", "特定目标 06100203", "41.52"), row("", "特定目标 0610021N", "23.73"),
            row("", "乌鲁木齐市退休人员社会化管理服务中心", "100.27"), row("", "特定目标 1310001D", "99.68"),
            row("", "特定目标 13100021", "0.45"), row("", "特定目标 14100013", "0.13"), row("", "总计", "244.42")]
    fs = check_table_sums(table("carryover", "表 12", cols, rows), "new")
    assert [(f.item, f.severity) for f in fs] == [("乌鲁木齐市退休人员社会化管理服务中心", "rounding")]
    rows[-1] = row("", "总计", "254.42")
    fs = check_table_sums(table("carryover", "表 12", cols, rows), "new")
    assert [(f.item, f.severity) for f in fs if f.severity == "error"] == [("总计", "error")]


def test_table_in_yuan():
    # deptb keeps 三公 in 元 behind the 万元 table: 123,450 + 41,250 = 164,700 元 exactly
    cols = [("合计",), ("公务用车运行费",), ("公务接待费",)]
    t = table("three_public", "表 7", cols, [row("", "本级", "164,700", "123,450", "41,250", unit="元")], unit="元")
    assert check_table_sums(t, "new") == []
    bad = table("three_public", "表 7", cols, [row("", "本级", "165,700", "123,450", "41,250", unit="元")], unit="元")
    [f] = check_table_sums(bad, "new")
    assert f.severity == "error" and f.stated == "165,700" and f.expected == "164,700"
    # figures, intervals and the distance in the printed unit
    assert f.rule == ("合计列：列示 165,700 即 [165,699.5, 165,700.5] 元，公务用车运行费 + 公务接待费 = 164,700 ∈ "
                      "[164,699.0, 164,701.0] 元：不符")
    assert f.distance == "相差 1,000 元"
