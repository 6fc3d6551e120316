"""Precision first: a statement is an error only against one unambiguous counterpart read with confidence;
built cases of each wrong-counterpart rule (issue 8) and of the figures a sentence states."""
from yoydiff.checks import run_document_checks
from yoydiff.checks.counterparts import find_whole, names_same_funds
from yoydiff.checks.narrative import check_narrative
from yoydiff.checks.rates import check_statement
from yoydiff.checks.shares import check_shares
from yoydiff.checks.sums import check_statement_sums
from yoydiff.parsers.narrative import parse_paragraph

from test_checks_build import doc, row, st, table

EXP = [("合计",), ("基本支出",), ("项目支出",)]


def _severities(findings, check=None):
    return [(f.check, f.severity) for f in findings if check is None or f.check == check]


# ---- which table figure a statement is compared with ----------------------------------------------

def test_a_table_of_another_subject_is_no_total_when_the_expected_table_is_missing():
    # the reader gave the 机关运行经费 table an overview kind: its 合计 is not the spending total
    t = table("expense", "表8", EXP, [row("", "合计", "3,580.05", "3,580.05", None)])
    t = t.__class__(**{**t.__dict__, "title": "一般公共预算机关运行经费支出预算表"})
    s = st("支出预算总计", "37,188.34", topic="expense_total")
    assert check_narrative(doc(tables=[t], statements=[s]), "new") == []


def test_a_part_is_compared_with_its_own_column_not_with_the_whole():
    t3 = table("expense", "表3", EXP, [row("", "合计", "28,849.38", "17,306.11", "11,543.27")])
    sts = [st("项目支出", "11,543.27", topic="project"), st("基本支出", "17,306.11", topic="basic")]
    assert check_narrative(doc(tables=[t3], statements=sts), "new") == []
    bad = [st("项目支出", "11,534.27", topic="project")]
    [f] = check_narrative(doc(tables=[t3], statements=bad), "new")
    assert (f.severity, f.expected) == ("error", "11,543.27")


def test_a_blank_total_cell_is_not_a_counterpart():
    t3 = table("expense", "表3", EXP, [row("", "合计", None, "17,306.11", "11,543.27")])
    [f] = check_narrative(doc(tables=[t3], statements=[st("支出预算总计", "28,849.38", topic="expense_total")]), "new")
    assert f.severity == "insufficient" and "空白" in f.rule


def test_counterparts_that_disagree_are_not_one_counterpart():
    # the overview and the expense table disagree with each other: which one the sentence means is unknown
    t1 = table("overview", "表1", [("收入", "金额"), ("支出", "金额")], [row("", "支出总计", "100.00", "100.00")])
    t3 = table("expense", "表3", EXP, [row("", "合计", "120.00", "70.00", "50.00")])
    [f] = check_narrative(doc(tables=[t1, t3], statements=[st("支出预算", "110.00", topic="expense_total")]), "new")
    assert f.severity == "insufficient" and "不一" in f.rule


def test_a_statement_of_another_year_is_not_compared_with_this_years_tables():
    t3 = table("expense", "表3", EXP, [row("", "合计", "9,146.79", "5,000.00", "4,146.79")])
    s = st("部门支出预算安排", "8,648.07", topic="expense_total", quote="2016年度部门支出预算安排为8,648.07万元")
    assert check_narrative(doc(tables=[t3], statements=[s]), "new") == []      # the document is of 2025


# ---- parts that must add up ------------------------------------------------------------------------

def _total_basic_project(extra: str = ""):
    text = (f"支出预算总计100.00万元。{extra}"
            "其中：基本支出60.00万元，项目支出30.00万元。")
    return tuple(parse_paragraph(text, section="（二）支出预算", year=2025))


def test_total_against_basic_plus_project():
    [f] = check_statement_sums(doc(statements=_total_basic_project()), "new")
    assert (f.check, f.severity, f.stated, f.expected) == ("sum", "error", "100.00", "90.00")


def test_total_with_other_spending_is_not_basic_plus_project():
    # the other part stated in the list: 基本 + 项目 + 预留 is the total (js-swb-2019 p.7–8: 24,726.01 + 2,938.21 =
    # 27,664.22)
    assert check_statement_sums(doc(statements=_total_basic_project("单位预留机动经费10.00万元。")), "new") == []
    # when they do not make it up, the rest may be spending the text does not list: never an error
    [f] = check_statement_sums(doc(statements=_total_basic_project("单位预留机动经费5.00万元。")), "new")
    assert f.severity == "insufficient" and "预留" in f.rule
    # other spending printed in a table row only: 基本 + 项目 alone proves nothing
    t = table("expense", "表3", [("合计",)], [row("", "单位预留机动经费", "10.00")])
    [g] = check_statement_sums(doc(tables=[t], statements=_total_basic_project()), "new")
    assert g.severity == "insufficient" and "预留" in g.rule


def test_basic_and_project_of_another_section_are_not_the_parts():
    whole = parse_paragraph("支出预算总计100.00万元。", section="一、收支预算总体情况", year=2025)
    parts = parse_paragraph("基本支出60.00万元，项目支出30.00万元。", section="三、支出预算情况", year=2025)
    assert check_statement_sums(doc(statements=tuple(whole + parts)), "new") == []


# ---- shares of a named whole -----------------------------------------------------------------------

def test_share_of_the_project_budget_is_of_the_project_total():
    sts = tuple(parse_paragraph("支出预算总计200.00万元，其中项目支出50.00万元。信息化项目50.00万元，占项目支出预算的100%。"))
    i = next(i for i, s in enumerate(sts) if s.share is not None)
    assert find_whole(sts, i).amount.text == "50.00"
    assert check_shares(doc(statements=sts), "new") == []


def test_share_of_fiscal_funds_is_not_a_share_of_the_general_budget_alone():
    assert names_same_funds("财政拨款支出", "财政拨款支出合计") and not names_same_funds("财政拨款支出", "一般公共预算支出")
    sts = tuple(parse_paragraph("一般公共预算拨款100.00万元。一般公共服务支出99.07万元，占财政拨款支出的99.07%。"))
    # the 财政拨款 total is not stated: the share cannot be checked, and is not an error against 一般公共预算
    assert _severities(check_shares(doc(statements=sts), "new")) == [("share", "insufficient")]


# ---- the figures a sentence states ------------------------------------------------------------------

def test_the_prior_named_after_the_comparison_is_not_the_current_amount():
    [s] = parse_paragraph("全年支出251万元，比上年累计支出285万元下降34万元，下降11.93%。")
    assert (s.amount.text, s.prior_stated.text, s.change.text) == ("251", "285", "34")
    assert _severities(check_statement(s, "new")) == []     # 34 / 285 = 11.93%


def test_a_stated_base_of_the_previous_year_is_the_prior():
    [s] = parse_paragraph("2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），"
                          "增加498.72万元，增长5.77%。", year=2017)
    assert s.amount is None and s.prior_stated.text == "8,648.07"
    assert check_statement(s, "new") == []                  # 498.72 / 8,648.07 = 5.77%
    [bad] = parse_paragraph("2017年度部门支出与2016年度相比（2016年度部门支出为8,648.07万元），增加498.72万元，增长6.12%。",
                            year=2017)
    assert _severities(check_statement(bad, "new")) == [("rate", "error")]


def test_a_policy_rate_is_not_the_change_rate():
    sts = parse_paragraph("公用经费100.00万元，比上年增加10.00万元，一般性支出压减10%。")
    assert [(s.rate, s.change and s.change.text) for s in sts] == [(None, "10.00")]


def test_both_years_stated_outright():
    # 8 − 12.5 = −4.5 would be the change; 4.35 / 12.35 = 35.22% only if the base were 12.35: the figures disagree
    [s] = parse_paragraph("2016年预算8万元，2015年预算12.5万元；对比减少4.35万元；减少率35.22%。", year=2016)
    assert (s.amount.text, s.prior_stated.text, s.change.text, s.rate.text) == ("8", "12.5", "4.35", "35.22")
    assert _severities(check_statement(s, "new")) == [("rate", "error")]
    [ok] = parse_paragraph("2016年预算8.15万元，2015年预算12.5万元；对比减少4.35万元；减少率34.80%。", year=2016)
    assert check_statement(ok, "new") == []


def test_a_sentence_with_its_own_subject_does_not_continue_the_previous_one():
    sts = parse_paragraph("公务接待费0.98亿元，减少0.43亿元，下降30.5%；因公出国（境）经费0.34亿元，与去年持平。")
    assert [(s.subject, s.direction) for s in sts] == [("公务接待费", "减少"), ("因公出国（境）经费", "持平")]
    assert not [f for f in run_document_checks(doc(statements=tuple(sts)), "new") if f.severity == "error"]


# ---- sums of tables read without confidence ---------------------------------------------------------

from yoydiff.checks.sums import check_table_sums  # noqa: E402

THREE = [("“三公”经费", "小计"), ("“三公”经费", "因公出国（境）费"), ("“三公”经费", "公务用车购置及运行维护费", "小计"),
         ("“三公”经费", "公务用车购置及运行维护费", "公务用车购置费"), ("“三公”经费", "公务用车购置及运行维护费", "公务用车运行维护费"),
         ("“三公”经费", "公务接待费")]


def test_three_public_subtotal_columns_read_with_the_header():
    t = table("three_public", "表9", THREE, [row("", "本级", "767.60", "199.25", "183.60", None, "183.60", "384.75")])
    assert check_table_sums(t, "new") == []
    bad = table("three_public", "表9", THREE, [row("", "本级", "777.60", "199.25", "183.60", None, "183.60", "384.75")])
    assert _severities(check_table_sums(bad, "new")) == [("sum", "error")]


def test_a_header_read_with_its_caption_gives_no_error():
    # the caption (单位：万元, 部门：) was read into the header: the 公务接待费 column left the 三公 group, so its
    # subtotal seems not to add up; which columns add up is not known
    cols = [("公开表九", "某办公厅") + c for c in THREE[:5]] + [("公开表九", "单位：万元", "公务接待费")]
    t = table("three_public", "公开表九", cols, [row("", "本级", "767.60", "199.25", "183.60", None, "183.60", "384.75")])
    [f] = check_table_sums(t, "new")
    assert f.severity == "insufficient" and "表头" in f.rule


def test_levels_of_the_procurement_table_are_not_added_to_their_parts():
    t = table("expense", "表十", [("总计",)], [row("", "合计", "100.00"), row("", "一、货物", "60.00"),
                                               row("", "A 办公设备", "60.00"), row("", "二、服务", "40.00"),
                                               row("", "C 印刷服务", "40.00")])
    t = t.__class__(**{**t.__dict__, "title": "政府采购支出预算表"})
    assert {f.severity for f in check_table_sums(t, "new")} <= {"insufficient"}


def test_a_blank_total_cell_is_no_error():
    t = table("three_public", "表7", [("合计",), ("公务接待费",), ("因公出国（境）费",)],
              [row("", "本级", None, "509.20", None)])
    assert {f.severity for f in check_table_sums(t, "new")} <= {"insufficient"}


def test_revenue_change_words_and_a_bare_wan_after_them():
    [s] = parse_paragraph("地方一般公共预算收入（同口径）完成30,161万元，同比增长14.6%，增收4,376万。")
    assert (s.amount.text, s.change.text, s.change.unit, s.direction) == ("30,161", "4,376", "万元", "增加")
    # 4,376 / (30,161 − 4,376) = 16.97%, not 14.6%
    assert _severities(check_statement(s, "new")) == [("rate", "error")]
    # a bare 万 that is not a change is not money (population, visitors)
    assert parse_paragraph("服务人口12万，接待游客3.5万。") == []


def test_a_three_public_total_over_a_list_that_runs_on_to_meetings_and_training():
    text = ("2022年“三公”经费决算数合计为1000.86万元，其中：因公出国（境）费0万元、公务用车购置费399.25万元、"
            "公务用车运行维护费472.38万元、公务接待费43.77万元、会议费34.10万元、培训费51.37万元。")
    sts = tuple(parse_paragraph(text, year=2022))
    # 0 + 399.25 + 472.38 + 43.77 + 34.10 + 51.37 = 1,000.87: within rounding of 1,000.86, not 915.40
    assert _severities(check_statement_sums(doc(statements=sts), "new")) == [("sum", "rounding")]


from yoydiff.checks.sums import check_partial_sums  # noqa: E402


def test_a_three_public_list_without_one_vehicle_part():
    head = "2023年“三公”经费预算6.50万元，比上年减少{}万元。"
    tail = "其中：因公出国（境）费用0万元，较上年无增减；公务接待费0.50万元，较上年无增减；公务用车运行维护费6.00万元，比上年减少1.00万元。"
    # the listed amounts make up 6.50: 公务用车购置费 is 0 this year, so it can only have fallen; the total
    # cannot have fallen by less (0.50) than its listed parts (1.00)
    sts = tuple(parse_paragraph(head.format("0.50") + tail, year=2023))
    [f] = check_partial_sums(doc(statements=sts), "new")
    assert (f.severity, f.stated, f.expected) == ("error", "减少 0.50 万元", "减少 1.00 万元")
    # a larger fall is possible (the 购置费 fell too): no error
    assert check_partial_sums(doc(statements=tuple(parse_paragraph(head.format("1.50") + tail, year=2023))), "new") == []


def test_listed_parts_short_of_the_total_may_be_the_part_not_listed():
    text = "“三公”经费合计31.23万元，其中：公务接待费1.58万元，公务用车运行维护费28.91万元，因公出国（境）费0万元。"
    [f] = check_partial_sums(doc(statements=tuple(parse_paragraph(text))), "new")
    assert f.severity == "insufficient" and "公务用车购置费" in f.rule
    over = "“三公”经费合计30.00万元，其中：公务接待费1.58万元，公务用车运行维护费28.91万元，因公出国（境）费0万元。"
    [g] = check_partial_sums(doc(statements=tuple(parse_paragraph(over))), "new")
    assert (g.severity, g.expected) == ("error", "30.49")


def test_a_second_comparison_of_the_same_amount():
    text = "2021年“三公”经费支出共计9.07万元，较年初预算数减少10.93万元，下降54.65%，较上年支出数减少0.71万元，下降7.26%。"
    budget, prior = parse_paragraph(text, year=2021)
    assert (budget.comparison, prior.comparison) == ("年初预算", "上年预算")
    assert prior.amount.text == "9.07" and prior.change.text == "0.71"
    assert check_statement(budget, "new") == [] and check_statement(prior, "new") == []   # 0.71 / 9.78 = 7.26%
    [slip] = parse_paragraph(text.replace("7.26%", "7.83%"), year=2021)[1:]
    assert _severities(check_statement(slip, "new")) == [("rate", "error")]          # 7.83% = 0.71 / 9.07


def test_vehicle_costs_are_purchase_plus_running():
    text = "公务用车购置及运行维护费支出4.02万元。其中：公务用车购置支出0万元；公务用车运行维护支出{}万元。"
    ok = tuple(parse_paragraph(text.format("4.02")))
    assert check_statement_sums(doc(statements=ok), "new") == []
    bad = tuple(parse_paragraph(text.format("0")))
    assert _severities(check_statement_sums(doc(statements=bad), "new")) == [("sum", "error")]


def test_the_total_of_a_part_is_not_the_tables_total():
    # 表6 lists 人员经费合计 before the table's 合计: the narrative 基本支出 is the 合计, not the 人员经费 subtotal
    t6 = table("gpb_basic", "表6", [("合计",)], [row("", "人员经费合计", "800.00"), row("301", "工资福利支出", "800.00"),
                                                 row("", "公用经费合计", "200.00"), row("302", "商品和服务支出", "200.00"),
                                                 row("", "合计", "1,000.00")])
    s = st("一般公共预算基本支出", "1,000.00", topic="basic")
    assert check_narrative(doc(tables=[t6], statements=[s]), "new") == []
    [f] = check_narrative(doc(tables=[t6], statements=[st("一般公共预算基本支出", "1,100.00", topic="basic")]), "new")
    assert (f.severity, f.expected) == ("error", "1,000.00")


def test_a_change_misprinted_by_one_digit_is_named_as_the_likely_cause():
    # js-fy-2018: 6,049.97, 减少 392.92, 减少 5.95% — the 2017 document prints 6,432.89, so the change is 382.92
    [s] = parse_paragraph("法院（款）一般行政事务管理（项）支出6049.97万元，与上年相比减少392.92万元，减少5.95%。")
    [f] = check_statement(s, "new")
    assert f.severity == "error" and "382.92" in f.cause


def test_compared_with_words():
    [s] = parse_paragraph("2022年三公经费决算数为1000.86万元，相较于上年增加192.91万元，增长23.88%。", year=2022)
    assert (s.amount.text, s.change.text, s.comparison) == ("1000.86", "192.91", "上年预算")
    assert check_statement(s, "new") == []                  # 192.91 / 807.95 = 23.88%


def test_the_total_of_one_income_source_is_no_income_total():
    # 「财政专户管理资金收入预算总计0万元」: one source's total, a part of 收入总计, never compared with it
    t2 = table("income", "表2", [("金额",)], [row("", "收入总计", "15,897.44")])
    text = ("1．一般公共预算收入预算总计15,897.44万元。2．财政专户管理资金收入预算总计0万元。"
            "3．其他资金收入预算总计0万元。")
    sts = parse_paragraph(text, year=2018)
    assert [s.topic for s in sts if "资金" in s.subject] == ["income_source", "income_source"]
    assert [f for f in check_narrative(doc(tables=[t2], statements=sts), "new") if f.severity == "error"] == []
    whole = parse_paragraph("2018年度收入预算总计15,897.44万元。", year=2018)
    assert [s.topic for s in whole] == ["income_total"]


ALL_FUNDS = "第三部分 部门预算情况说明 › 一、收支预算总体情况说明"


def test_an_all_funds_paragraph_is_not_compared_with_the_general_budget_alone():
    # the 收支总体 paragraph states all funds (一般公共预算 + 其他资金 80.00); the 一般公共预算 tables are another scope
    t5 = table("gpb_expense", "表7", [("金额",)], [row("201", "一般公共服务支出", "7,747.46")])
    t6 = table("gpb_basic", "表8", [("金额",)], [row("", "合计", "5,598.17")])
    sts = [st("一般公共服务（类）支出", "7,827.46", code="201", topic="item", section=ALL_FUNDS),
           st("基本支出", "5,678.17", topic="basic", section=ALL_FUNDS)]
    d = doc(tables=[t5, t6], statements=sts)
    assert [f for f in check_narrative(d, "new") if f.severity == "error"] == []
    # the all-funds table, when read, is the counterpart: a slip against it is an error
    t1 = table("overview", "表1", [("支出 › 金额",)], [row("201", "一般公共服务支出", "7,872.46")])
    [f] = [f for f in check_narrative(doc(tables=[t1, t5, t6], statements=sts[:1]), "new") if f.severity == "error"]
    assert (f.stated, f.expected) == ("7,827.46", "7,872.46")
    # the same figure in a 一般公共预算 paragraph is compared with the 一般公共预算 table
    gpb = [st("一般公共服务（类）支出", "7,827.46", code="201", topic="item", section="一般公共预算支出情况说明")]
    [f] = [f for f in check_narrative(doc(tables=[t5], statements=gpb), "new") if f.severity == "error"]
    assert f.expected == "7,747.46"


# ---- the previous year: check_prior takes its old figure from counterparts.published ---------------------

def _yoy(subject, amount, change, direction, section="", topic="operating", code=None):
    return st(subject, amount, change, direction, section=section, topic=topic, code=code)


def test_prior_old_figure_is_the_one_statement_on_the_same_subject():
    from yoydiff.checks.counterparts import published
    from yoydiff.checks.prior import check_prior
    old = doc(statements=[st("机关运行经费", "100.00", topic="operating")])
    new = doc(statements=[_yoy("机关运行经费", "120.00", "10.00", "增加")])      # implies 110.00, old says 100.00
    assert [p.amount.text for p in published(old, new.statements[0])] == ["100.00"]
    [f] = check_prior(old, new)
    assert (f.severity, f.item) == ("error", "机关运行经费") and "100.00" in f.expected


def test_prior_old_statements_that_disagree_are_no_counterpart():
    # the old document states two different figures for the same subject in sections of the same kind
    # (before: the first was taken and 110.00 became an error against 100.00)
    from yoydiff.checks.counterparts import published
    from yoydiff.checks.prior import check_prior
    old = doc(statements=[st("机关运行经费", "100.00", topic="operating", section="八、其他重要事项"),
                          st("机关运行经费", "110.00", topic="operating", section="九、名词解释")])
    new = doc(statements=[_yoy("机关运行经费", "120.00", "10.00", "增加")])
    assert published(old, new.statements[0]) == []
    assert check_prior(old, new) == []
    # agreeing statements are one counterpart
    same = doc(statements=[st("机关运行经费", "100.00", topic="operating", section="八、其他重要事项"),
                           st("机关运行经费", "100.00", topic="operating", section="九、名词解释")])
    assert [f.severity for f in check_prior(same, new)] == ["error"]


def test_prior_old_code_of_a_recoded_line():
    from yoydiff.checks.counterparts import old_code
    s = st("行政运行", "10.00", code="2010101")
    assert old_code(s) == "2010101" and old_code(s, {"2010101": "2010150"}) == "2010150"
    assert old_code(st("机关运行经费", "10.00", code="机关运行经费")) == ""


def test_prior_old_statement_of_the_year_before_is_not_what_the_old_document_published():
    from yoydiff.checks.counterparts import published
    # the old (2025) document states its own year and the year before; only the 2025 figure is its figure
    old_both = doc(statements=[st("机关运行经费", "100.00", topic="operating", quote="2025年机关运行经费100.00万元"),
                               st("机关运行经费", "90.00", topic="operating", quote="2024年机关运行经费90.00万元")])
    new = doc(statements=[_yoy("机关运行经费", "120.00", "10.00", "增加")])
    assert [p.amount.text for p in published(old_both, new.statements[0])] == ["100.00"]
    old_before = doc(statements=[st("机关运行经费", "90.00", topic="operating", quote="2024年机关运行经费90.00万元")])
    assert published(old_before, new.statements[0]) == []


def test_prior_of_an_all_funds_statement_is_not_the_old_general_budget_table():
    # js-zx-2018: 「一般公共服务（类）支出 7,827.46 万元…比上年增加 1,283.91 万元」 states all funds; its 表5 prints
    # 7,747.46. Its prior 6,543.55 is 2017's all-funds figure, not 2017's 表5 (6,463.55): no error
    from yoydiff.checks.prior import check_prior
    t5_old = table("gpb_expense", "表5", [("合计",)], [row("201", "一般公共服务支出", "6,463.55")])
    t5_new = table("gpb_expense", "表5", [("合计",)], [row("201", "一般公共服务支出", "7,747.46")])
    s = _yoy("一般公共服务（类）支出", "7,827.46", "1,283.91", "增加", section=ALL_FUNDS, topic="item", code="201")
    old_said = st("一般公共服务（类）支出", "6,543.55", topic="item", code="201", section=ALL_FUNDS)
    assert check_prior(doc(tables=[t5_old], statements=[old_said]), doc(tables=[t5_new], statements=[s])) == []
    # nothing else the old year published on it: no counterpart, no finding (before: an error against 6,463.55)
    assert check_prior(doc(tables=[t5_old]), doc(tables=[t5_new], statements=[s])) == []
    # the same statement when it states the new 表5's figure is set against the old 表5
    t5_same = table("gpb_expense", "表5", [("合计",)], [row("201", "一般公共服务支出", "7,827.46")])
    [f] = check_prior(doc(tables=[t5_old]), doc(tables=[t5_same], statements=[s]))
    assert f.severity == "error" and "6,463.55" in f.expected


def test_prior_that_meets_what_the_old_year_said_when_its_table_says_otherwise_is_no_error():
    # js-swb 2017: 收支总表 and 说明 print 16,992.37 for 201, 表5 16,845.17; 2018 states 20,153.75 (both its
    # tables agree) 比上年增加 3,161.38 → 16,992.37: the old year is at odds with itself, the new one is not
    from yoydiff.checks.counterparts import published
    from yoydiff.checks.prior import check_prior
    t5_old = table("gpb_expense", "表5", [("合计",)], [row("201", "一般公共服务支出", "16,845.17")])
    t5_new = table("gpb_expense", "表5", [("合计",)], [row("201", "一般公共服务支出", "20,153.75")])
    s = _yoy("一般公共服务（类）支出", "20,153.75", "3,161.38", "增加", section=ALL_FUNDS, topic="item", code="201")
    old_said = st("一般公共服务（类）支出", "16,992.37", topic="item", code="201", section=ALL_FUNDS)
    old, new = doc(tables=[t5_old], statements=[old_said]), doc(tables=[t5_new], statements=[s])
    assert [p.amount.text for p in published(old, s, new=new)] == ["16,845.17", "16,992.37"]
    assert check_prior(old, new) == []
    # a prior that meets neither is an error against the table, naming the other figure
    wrong = _yoy("一般公共服务（类）支出", "20,153.75", "3,061.38", "增加", section=ALL_FUNDS, topic="item", code="201")
    [f] = check_prior(old, doc(tables=[t5_new], statements=[wrong]))
    assert f.severity == "error" and "16,845.17" in f.expected and "另列 16,992.37" in f.rule
    # an old statement of another scope (一般公共预算 section) is no second counterpart
    gpb_said = st("一般公共服务（类）支出", "16,992.37", topic="item", code="201", section="四、一般公共预算支出情况说明")
    [f] = check_prior(doc(tables=[t5_old], statements=[gpb_said]), new)
    assert f.severity == "error" and "16,845.17" in f.expected


# ---- the 三公 table's total: the 三公 subtotal, never a 合计 that holds 会议费 / 培训费 too ---------------------

# js-fy-2019 p.14 (公开09表), figures as printed: 合计 = 三公 小计 513.75 + 会议费 271.02 + 培训费 1,597.25
MEETINGS = [("合计",)] + THREE + [("会议费",), ("培训费",)]
FY19 = ("2,382.02", "513.75", "160.00", "266.80", None, "266.80", "86.95", "271.02", "1,597.25")


def test_a_three_public_total_is_the_three_public_subtotal_not_the_tables_total():
    t = table("three_public", "公开09表", MEETINGS, [row("", "", *FY19)])
    whole = st("“三公”经费", "513.75", topic="three_public", section="九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明")
    assert check_narrative(doc(tables=[t], statements=[whole]), "new") == []       # before: error against 2,382.02
    [f] = [f for f in check_narrative(doc(tables=[t], statements=[st("“三公”经费", "531.75", topic="three_public")]), "new")
           if f.severity == "error"]
    assert f.expected == "513.75"
    # a table of 合计 + 会议费 + 培训费 without a 三公 subtotal column has no 三公 total: nothing to compare with
    bare = table("three_public", "表9", [("合计",), ("因公出国（境）费",), ("公务接待费",), ("会议费",), ("培训费",)],
                 [row("", "", "2,100.00", "160.00", "86.95", "271.02", "1,582.03")])
    assert [f for f in check_narrative(doc(tables=[bare], statements=[whole]), "new") if f.severity == "error"] == []
    # a table of the 三公 items alone: its 合计 is the 三公 total
    alone = table("three_public", "表9", [("合计",), ("因公出国（境）费",), ("公务用车运行维护费",), ("公务接待费",)],
                  [row("", "", "513.75", "160.00", "266.80", "86.95")])
    assert check_narrative(doc(tables=[alone], statements=[whole]), "new") == []


def _three_public_shares(*shares):
    text = ("“三公”经费预算支出中，因公出国（境）费支出 160 万元，占“三公”经费的 {}；公务用车运行维护费支出 266.8 万元，"
            "占“三公”经费的 {}；公务接待费支出 86.95 万元，占“三公”经费的 {}。").format(*shares)
    return tuple(parse_paragraph(text, year=2019))


def test_a_three_public_share_without_a_stated_whole_is_of_the_tables_three_public_subtotal():
    # js-fy-2019 p.23: the 三公 total is printed in the table only; 160 / 513.75 = 31.14 %, 266.8 / 513.75 =
    # 51.93 %, 86.95 / 513.75 = 16.93 %
    t = table("three_public", "公开09表", MEETINGS, [row("", "", *FY19)])
    assert check_shares(doc(tables=[t], statements=_three_public_shares("31.14%", "51.93%", "16.93%")), "new") == []
    [f] = check_shares(doc(tables=[t], statements=_three_public_shares("31.14%", "51.93%", "19.63%")), "new")
    # 86.95 / 513.75 = 16.9246 %: the printed 16.93 % is within the figures' rounding, a transposed 19.63 % is not
    assert (f.severity, f.stated, f.expected) == ("error", "19.63%", "16.92%") and "513.75" in f.rule
    # js-rd-2017 p.28: 占“三公”经费的 8.75 % = 222.5 ÷ 2,542.60, the table's 合计 with 会议费 and 培训费: a wrong
    # denominator, a warning that names it
    rd = table("three_public", "表9", MEETINGS,
               [row("", "", "2,542.60", "833.60", "222.50", "183.60", "0", "183.60", "427.50", "1,305.25", "403.75")])
    text = "因公出国（境）费支出 222.5 万元，占“三公”经费的 8.75%。"
    [g] = check_shares(doc(tables=[rd], statements=tuple(parse_paragraph(text, year=2017))), "new")
    assert g.severity == "warning" and "2,542.60" in g.cause
    # without the table, or when the item's own cell does not hold its amount (another unit, other funds): unchecked
    assert {f.severity for f in check_shares(doc(statements=_three_public_shares("31.14%", "51.93%", "19.63%")), "new")} \
        == {"insufficient"}
    other = table("three_public", "公开09表", MEETINGS, [row("", "", *FY19[:6], "89.65", *FY19[7:])])
    assert {f.severity for f in check_shares(doc(tables=[other], statements=_three_public_shares("31.14%", "51.93%", "19.63%")),
                                             "new")} == {"insufficient"}


# ---- the amount of a change that names its total in other words; the whole of a list's last part --------------

def test_a_change_of_both_totals_takes_the_amount_stated_for_them():
    # js-fy-2019 p.17 and p.20, as printed: 37,188.34 − 4,016.19 = 33,172.15; 4,016.19 ÷ 33,172.15 = 12.11 %
    text = ("江苏省高级人民法院2019年度收入、支出预算总计37188.34万元，与上年相比收、支预算总计各增加4016.19万元，"
            "增长12.11%。")
    sts = parse_paragraph(text, year=2019)
    both = next(s for s in sts if s.change is not None)
    assert (both.amount.text, both.change.text) == ("37188.34", "4016.19")
    assert check_statement(both, "new") == []
    slip = next(s for s in parse_paragraph(text.replace("12.11%", "12.71%"), year=2019) if s.change is not None)
    assert _severities(check_statement(slip, "new")) == [("rate", "error")]
    fiscal = parse_paragraph("江苏省高级人民法院2019年财政拨款预算支出37188.34万元，占本年支出合计的100%。"
                             "财政拨款支出增加4016.19万元，增长12.11%。", year=2019)
    assert next(s for s in fiscal if s.change is not None).amount.text == "37188.34"
    # js-zx-2018 p.10, as printed: the thousands separator of 1,003.69 does not part two figures of a 各 list, and
    # 「财政拨款收、支预算」 lends its amount: 1,003.69 ÷ (10,070.48 − 1,003.69) = 11.07 %
    zx = parse_paragraph("江苏省政协办公厅2018年度财政拨款收、支预算10,070.48万元。与上年相比，财政拨款收、支总计各增加"
                         "1,003.69万元，增长11.07%。", year=2018)
    each = next(s for s in zx if s.rate is not None)
    assert (each.amount.text, each.change.text) == ("10,070.48", "1,003.69") and check_statement(each, "new") == []
    two = parse_paragraph("收、支总计各是1,820.40,1,816.20万元。", year=2018)
    assert [(s.subject, s.amount.text) for s in two] == [("收入总计", "1,820.40"), ("支出总计", "1,816.20")]
    # another item's amount is never lent: 收入预算总计 is not the total of both sides
    other = parse_paragraph("收入预算总计37188.34万元。收、支预算总计各增加4016.19万元，增长12.11%。", year=2019)
    assert next(s for s in other if s.change is not None).amount is None


def test_the_last_part_of_a_list_of_shares_is_a_share_of_the_lists_whole():
    # js-fy-2019 p.19: 21,968 ÷ 37,188.34 = 59.07 %, 10,208.94 ÷ 37,188.34 = 27.45 %, 5,011.4 ÷ 37,188.34 = 13.48 %
    text = ("本年支出预算合计37188.34万元，其中：基本支出21968万元，占59.07%；项目支出10208.94万元，占27.45%；"
            "单位预留机动经费{}万元，占13.48%。")
    assert check_shares(doc(statements=tuple(parse_paragraph(text.format("5011.4"), year=2019))), "new") == []
    [f] = check_shares(doc(statements=tuple(parse_paragraph(text.format("5101.4"), year=2019))), "new")
    assert (f.severity, f.item) == ("error", "单位预留机动经费") and "37188.34" in f.rule
    # a share with no list before it has no whole
    [g] = check_shares(doc(statements=tuple(parse_paragraph("单位预留机动经费5011.4万元，占13.48%。", year=2019))), "new")
    assert g.severity == "insufficient"


def test_a_share_adjusted_so_that_its_list_adds_to_100_is_rounding():
    # js-fy-2017 p.20: 59.35 + 40.01 + 0.64 = 100.00; 182.92 ÷ 28,849.38 = 0.634 % would print 0.63
    text = ("本年支出预算合计28849.38万元，其中：基本支出17123.19万元，占59.35%；项目支出11543.27万元，占40.01%；"
            "单位预留机动经费182.92万元，占{}。")
    [f] = check_shares(doc(statements=tuple(parse_paragraph(text.format("0.64%"), year=2017))), "new")
    assert f.severity == "rounding" and "100%" in f.rule
    # two units off, or a list that does not add to 100, is no adjustment
    [g] = check_shares(doc(statements=tuple(parse_paragraph(text.format("0.65%"), year=2017))), "new")
    assert g.severity == "error"
    short = text.replace("项目支出11543.27万元，占40.01%；", "")          # 59.35 + 0.64 ≠ 100
    [h] = check_shares(doc(statements=tuple(parse_paragraph(short.format("0.64%"), year=2017))), "new")
    assert h.severity == "error"


def test_a_three_public_share_adjusted_to_100_against_the_tables_subtotal_is_rounding():
    # js-swb-2019 p.12 with its tables file: 70 ÷ 508.20 = 13.77 %, 411.20 ÷ 508.20 = 80.913 % printed 80.92 %,
    # 27 ÷ 508.20 = 5.31 %; 13.77 + 80.92 + 5.31 = 100.00
    t = table("three_public", "公开09表", MEETINGS,
              [row("", "", "1,471.70", "508.20", "70.00", "411.20", None, "411.20", "27.00", "933.50", "30.00")])
    text = ("因公出国（境）费支出70万元，占“三公”经费的13.77%；公务用车购置及运行费支出411.20万元，占“三公”经费的{}；"
            "公务接待费支出27万元，占“三公”经费的5.31%。")
    [f] = check_shares(doc(tables=[t], statements=tuple(parse_paragraph(text.format("80.92%"), year=2019))), "new")
    assert f.severity == "rounding" and "100%" in f.rule
    [g] = check_shares(doc(tables=[t], statements=tuple(parse_paragraph(text.format("80.93%"), year=2019))), "new")
    assert g.severity == "error"


def test_a_share_next_to_a_list_is_of_the_lists_whole_only_when_it_is_a_part_of_that_total():
    # 机关运行经费 is no part of the spending total's list: its share (of 基本支出? of 一般公共预算?) is unknown
    text = ("本年支出预算合计37188.34万元，其中：基本支出21968万元，占59.07%；项目支出10208.94万元，占27.45%；"
            "机关运行经费3580.05万元，占16.30%。")
    fs = check_shares(doc(statements=tuple(parse_paragraph(text, year=2019))), "new")
    assert [(f.item, f.severity) for f in fs] == [("机关运行经费", "insufficient")]
