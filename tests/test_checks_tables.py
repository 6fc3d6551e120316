"""Cross-table and narrative-vs-table checks on tables rebuilt from the corpus text."""
from yoydiff.checks import run_document_checks
from yoydiff.checks.crosstable import check_crosstable
from yoydiff.checks.narrative import check_narrative

from test_checks_build import doc, row, st, table
from test_checks_sums import GPB, URUMQI_2025, URUMQI_2026, coded_table

EXP = [("支出预算", "合计"), ("支出预算", "基本支出"), ("支出预算", "项目支出")]


def _urumqi_2025_tables():
    t3 = coded_table(URUMQI_2025, "表 3", "表 4", "expense", "表 3", EXP)
    t5 = coded_table(URUMQI_2025, "表 5", "表 6", "gpb_expense", "表 5", GPB)
    return t3, t5


ITEM8 = dict(code="2080111", quote="2025年预算数为1,012.40万元，比上年预算增加52.85万元，增长5.46%", topic="item")


def test_planted_narrative_transposition_urumqi_2025():
    s = st("社会保障和就业支出（类）人力资源和社会保障管理事务（款）公共就业服务和职业技能鉴定机构（项）",
           "1,012.40", "52.85", "增加", "5.46%", **ITEM8)
    [f] = check_narrative(doc(tables=_urumqi_2025_tables(), statements=[s]), "old")
    assert (f.check, f.severity, f.stated, f.expected) == ("narrative", "error", "1,012.40", "1,021.40")
    assert f.cause == "两位数字颠倒（1,021.40 → 1,012.40）" and f.distance == "相差 9.00 万元"
    assert f.rule.startswith("说明中 1,012.40 即 [1,012.395, 1,012.405]；表 5 208 01 11 公共就业服务和职业技能鉴定机构 合计"
                             "（第 10 页）1,021.40 即 [1,021.395, 1,021.405]：不符（与表 3 208 01 11")


def test_rate_error_caused_by_the_misprint_is_linked():
    s = st("公共就业服务和职业技能鉴定机构（项）", "1,012.40", "52.85", "增加", "5.46%", **ITEM8)
    fs = [f for f in run_document_checks(doc(tables=_urumqi_2025_tables(), statements=[s]), "old")
          if f.check != "sum"]   # 表5 also holds the planted 208 05 row
    assert [(f.check, f.severity) for f in fs] == [("narrative", "error"), ("rate", "notice")]
    assert fs[1].cause == "由说明中金额 1,012.40 的差错引起（表中为 1,021.40，按表中数计算则相符）"


def test_narrative_all_funds_figure_is_not_an_error():
    # deptb 二（二）"按功能科目分，卫生健康支出16,576.19万元" is the all-funds 表3 figure, not 表5's 10,769.19
    t3 = table("expense", "附表3", [("合计",)], [row("210", "卫生健康支出", "16,576.19")])
    t5 = table("gpb_expense", "附表5", [("合计",)], [row("210", "卫生健康支出", "10,769.19")])
    sts = [st("卫生健康支出", "16,576.19", code="210", topic="item"),
           st("卫生健康支出", "10769.19", code="210", topic="item")]
    assert check_narrative(doc(tables=[t3, t5], statements=sts), "new") == []


def test_real_2026_totals_and_items_match_tables():
    t3 = coded_table(URUMQI_2026, "表 3", "表 4", "expense", "表 3", EXP)
    t5 = coded_table(URUMQI_2026, "表 5", "表 6", "gpb_expense", "表 5", GPB)
    sts = [st("支出预算", "32,407.23", topic="expense_total"),
           st("基本支出", "14,197.84", topic="basic"),
           st("项目支出", "18,209.39", topic="project"),
           st("一般公共预算拨款合计", "29,098.78", topic="gpb_total"),
           st("项目支出", "14,900.94", topic="project"),
           st("行政运行（项）", "8,115.18", code="2080101", topic="item"),
           st("其他技术与开发支出（项）", "0.00", code="2060499", topic="item")]   # no row: nothing to compare
    assert check_narrative(doc(tables=[t3, t5], statements=sts), "new") == []
    bad = [st("支出预算", "32,470.23", topic="expense_total")]
    [f] = check_narrative(doc(tables=[t3, t5], statements=bad), "new")
    assert f.severity == "error" and f.expected == "32,407.23" and f.cause == "两位数字颠倒（32,407.23 → 32,470.23）"


def test_three_public_narrative_vs_table_rows_and_columns():
    rows = [row("", "因公出国（境）费用", None), row("", "公务接待费", None),
            row("", "公务用车购置及运行维护费（小计）", "91.28"), row("", "其中：公务用车购置", None),
            row("", "公务用车运行维护费", "91.28"), row("", "总计", "91.28")]
    t10 = table("three_public", "表 10", [("合计",)], rows)
    sts = [st("财政拨款“三公”经费", "91.28", topic="three_public"),
           st("因公出国（境）费用", "0.00", topic="three_public"),
           st("公务用车运行维护费", "91.28", topic="three_public")]
    assert check_narrative(doc(tables=[t10], statements=sts), "new") == []
    deptb = table("three_public", "附表7", [("合计",), ("因公出国（境）费",), ("公务用车购置及运行费", "小计"),
                                           ("公务用车购置及运行费", "公务用车购置费"), ("公务用车购置及运行费", "公务用车运行费"),
                                           ("公务接待费",)],
                  [row("", "青岚县卫生健康委员会", "16.47", "0.00", "12.35", "0.00", "12.35", "4.13")])
    sts = [st("一般公共预算“三公”经费", "16.47", topic="three_public"),
           st("公务用车购置及运行维护费", "12.35", topic="three_public"),
           st("公务接待费", "4.31", topic="three_public")]
    [f] = check_narrative(doc(tables=[deptb], statements=sts), "new")
    assert f.item == "公务接待费" and f.expected == "4.13"


def test_income_source_vs_income_table_column():
    cols = [("总计",), ("财政拨款（补助）", "财政拨款（补助）小计"), ("财政拨款（补助）", "一般公共预算"),
            ("财政拨款（补助）", "上级一般公共预算安排的转移支付"), ("财政拨款结转",), ("非财政拨款结转结余",)]
    t2 = table("income", "表 2", cols, [row("", "总计", "32,407.23", "29,098.78", "20,673.56", "8,425.22", "3,308.45")])
    sts = [st("一般公共预算", "20,673.56", topic="income_source"),
           st("上级一般公共预算安排的转移支付资金", "8,425.22", topic="income_source"),
           st("财政拨款结转", "3,308.45", topic="income_source")]
    assert check_narrative(doc(tables=[t2], statements=sts), "new") == []
    [f] = check_narrative(doc(tables=[t2], statements=[st("财政拨款结转", "3,380.45", topic="income_source")]), "new")
    assert f.expected == "3,308.45"


def test_crosstable_totals_and_codes():
    ov = table("overview", "表 1", [("收入", "预算数"), ("支出", "预算数")],
               [row("", "收入总计", "32,407.23", None), row("", "支出总计", None, "32,407.23")])
    t2 = coded_table(URUMQI_2026, "表 2", "表 3", "income", "表 2", [("总计",)])
    t3 = coded_table(URUMQI_2026, "表 3", "表 4", "expense", "表 3", EXP)
    t5 = coded_table(URUMQI_2026, "表 5", "表 6", "gpb_expense", "表 5", GPB)
    t6 = table("gpb_basic", "表 6", [("一般公共预算基本支出", "合计")], [row("", "总计", "14,197.84")])
    t7 = table("gpb_project", "表 7", [("项目支出合计",)],
               [row("208 01 02", "一般行政管理事务", "477.39", project="四个项目"), row("", "总计", "14,900.94")])
    d = doc(tables=[ov, t2, t3, t5, t6, t7])
    assert check_crosstable(d, "new") == []
    t6bad = table("gpb_basic", "表 6", [("一般公共预算基本支出", "合计")], [row("", "总计", "14,179.84")])
    t7bad = table("gpb_project", "表 7", [("项目支出合计",)],
                  [row("208 01 02", "一般行政管理事务", "487.39", project="x"), row("", "总计", "14,900.94")])
    fs = check_crosstable(doc(tables=[ov, t2, t3, t5, t6bad, t7bad]), "new")
    assert sorted((f.item, f.stated, f.expected) for f in fs) == [
        ("208 01 02 一般行政管理事务 项目支出", "477.39", "487.39"),
        ("一般公共预算基本支出", "14,179.84", "14,197.84")]
    assert all(f.severity == "error" and f.check == "cross-table" for f in fs)
    basic = next(f for f in fs if f.item == "一般公共预算基本支出")
    assert basic.rule == ("表 5 总计 基本支出（第 10 页）14,197.84 即 [14,197.835, 14,197.845]；"
                          "表 6 总计 合计（第 10 页）14,179.84 即 [14,179.835, 14,179.845]：不符")
    assert basic.distance == "相差 18.00 万元"
    item = next(f for f in fs if f.item.endswith("项目支出"))
    assert item.rule == ("表 5 208 01 02 一般行政管理事务 项目支出（第 10 页）477.39 即 [477.385, 477.395]；"
                         "表 7 中该科目 1 个项目行之和 = 487.39 ∈ [487.385, 487.395]：不符")


def test_a_table_read_without_columns_is_skipped_not_a_crash():
    # js-rd-2017/2018 (real): 收入总表 and 支出总表 whose headers were not recognised came out with rows but no
    # columns; their code-by-code comparison ended in IndexError
    inc = table("income", "表 2", [], [row("", "合计"), row("201", "一般公共服务支出"), row("201 01", "人大事务")])
    exp = table("expense", "表 3", [], [row("", "合计"), row("201", "一般公共服务支出"), row("201 01", "人大事务")])
    assert check_crosstable(doc(tables=[inc, exp]), "new") == []
