"""Phrasings of 部门预算 / 决算 情况说明 from other provinces than the corpora's (surveyed on public pages; every
sentence here is built in our own words and figures with the same grammatical shape). Each test is a general
rule: the reader takes the figures for what the sentence says they are, and a phrasing it cannot read with
confidence is never an error."""
from yoydiff.checks import run_document_checks
from yoydiff.checks.counterparts import find_whole, whole_topic
from yoydiff.checks.prior import check_prior
from yoydiff.checks.rates import check_statement
from yoydiff.checks.shares import check_shares
from yoydiff.parsers.narrative import parse_paragraph

from test_checks_build import doc


def _sev(findings, check=None):
    return [(f.check, f.severity) for f in findings if check is None or f.check == check]


# ---- 政府采购: a share of the procurement total is not a share of the department's spending ---------------

def _procurement(share: str, sub: str = "10%"):
    total = parse_paragraph("2025年支出预算总计5,000.00万元，比上年增加500.00万元，增长11.11%。",
                            section="（二）支出预算情况", year=2025)
    proc = parse_paragraph(f"2025年政府采购支出总额800.00万元，其中：政府采购货物支出300.00万元、政府采购服务支出500.00万元。"
                           f"授予中小企业合同金额600.00万元，占政府采购支出总额的{share}，其中：授予小微企业合同金额80.00万元，"
                           f"占政府采购支出总额的{sub}。", section="六、政府采购情况", year=2025)
    return tuple(total + proc)


def test_a_share_of_the_procurement_total_is_of_the_procurement_total():
    sts = _procurement("75%")
    assert [s.topic for s in sts if "政府采购" in s.subject][:1] == ["procurement"]
    assert whole_topic("政府采购支出总额") == "procurement"
    i = next(k for k, s in enumerate(sts) if s.subject == "授予中小企业合同金额")
    assert find_whole(sts, i, "预算").subject == "政府采购支出总额"     # not the 5,000.00 spending total
    assert check_shares(doc(statements=sts), "new") == []             # 600 / 800 = 75%, 80 / 800 = 10%
    [f] = check_shares(doc(statements=_procurement("70%")), "new")     # a slip: 600 / 800 is 75%, not 70%
    assert (f.severity, f.expected) == ("error", "75%")


def test_a_procurement_part_is_not_the_whole_of_a_share():
    # only the parts (货物 300, 服务 500) precede: no total of the procurement, so the share is not checked
    sts = tuple(parse_paragraph("政府采购货物支出300.00万元，政府采购服务支出500.00万元。授予中小企业合同金额250.00万元，"
                                "占政府采购支出总额的60%。", section="六、政府采购情况", year=2025))
    [f] = check_shares(doc(statements=sts), "new")
    assert f.severity == "insufficient"


# ---- a comparison printed as a clause of its own --------------------------------------------------------

def test_a_comparison_clause_of_its_own_names_the_base_of_the_change_after_it():
    sts = parse_paragraph("本年支出合计1,200.00万元，与年初预算相比，增加200.00万元，增幅20.00%，主要原因是追加了项目资金；"
                          "与上年相比，减少60.00万元，降幅4.76%，主要原因是人员减少。", section="三、支出决算情况", year=2025)
    assert [(s.subject, s.amount.text, s.change.text, s.comparison) for s in sts] == [
        ("支出合计", "1,200.00", "200.00", "年初预算"), ("支出合计", "1,200.00", "60.00", "上年预算")]
    assert [_sev(check_statement(s, "new")) for s in sts] == [[], []]   # 60 / 1,260 = 4.76%
    # the change against this year's budget is no claim about last year: check_prior leaves it alone
    old = doc(statements=parse_paragraph("本年支出合计1,260.00万元。", section="三、支出决算情况", year=2024), kind="决算")
    assert check_prior(old, doc(statements=sts, kind="决算")) == []


# ---- the previous year's figure stated in a clause of its own -------------------------------------------

def test_a_last_year_clause_is_the_base_not_an_amount():
    [s] = parse_paragraph("2025年“三公”经费预算数为18.00万元，上年预算数为20.00万元，减少2.00万元，下降10.00%。", year=2025)
    assert (s.amount.text, s.prior_stated.text, s.change.text, s.rate.text) == ("18.00", "20.00", "2.00", "10.00")
    assert check_statement(s, "new") == []        # 2 / 20 = 10%; read as an amount of 20.00 it was 2 / 22 = 9.09%
    [s] = parse_paragraph("支出总计630.00万元，较上年增长5.0%，上年为600.00万元。", year=2025)
    assert (s.amount.text, s.prior_stated.text, s.rate.text) == ("630.00", "600.00", "5.0")
    [f] = check_statement(parse_paragraph("支出总计630.00万元，较上年增长6.0%，上年为600.00万元。", year=2025)[0], "new")
    assert (f.check, f.severity) == ("rate", "error")


def test_a_last_year_final_account_clause_says_the_base_is_the_final_account():
    [s] = parse_paragraph("机关运行经费36.00万元，上年决算数为40.00万元，减少4.00万元，下降10.00%。", year=2025)
    assert (s.prior_stated.text, s.comparison) == ("40.00", "上年决算")
    # a change against this year's budget keeps its base; the last-year figure is a statement of its own
    sts = parse_paragraph("机关运行经费36.00万元，比年初预算减少4.00万元；上年决算数为30.00万元。", year=2025)
    assert [(s.comparison, s.prior_stated and s.prior_stated.text) for s in sts] == [("年初预算", None), ("上年决算", "30.00")]


# ---- both years in other sentences, the change in a third (and 万 without 元) --------------------------

def _both_years(change: str) -> list:
    return parse_paragraph("全县2025年的“三公”经费决算数合计为640.50万，其中：公务用车运行维护费400.20万元、公务接待费240.30万元。"
                           "2024年的“三公”经费决算数合计为560.00万，其中：公务用车运行维护费350.00万元、公务接待费210.00万元。"
                           f"2025年“三公”经费决算数相较于上年增加{change}万元，主要原因是车辆老化。", section="三公", year=2025)


def test_a_change_takes_this_years_and_last_years_figures_from_other_sentences():
    [s] = [s for s in _both_years("80.50") if s.change is not None]
    assert (s.amount.text, s.prior_stated.text, s.comparison) == ("640.50", "560.00", "上年预算")
    assert check_statement(s, "new") == []
    [s] = [s for s in _both_years("95.50") if s.change is not None]       # a slip: 640.50 − 560.00 = 80.50
    [f] = check_statement(s, "new")
    assert (f.check, f.severity, f.stated, f.expected) == ("rate", "error", "增加 95.50", "增加 80.50")


def test_both_years_must_each_be_one_figure():
    # two figures dated 2024 for the item: which one is last year's is unknown, nothing is lent
    sts = parse_paragraph("2025年的“三公”经费决算数合计为640.50万元。2024年的“三公”经费决算数合计为560.00万元。"
                          "2024年的“三公”经费决算数合计为570.00万元。“三公”经费决算数较上年增加95.50万元。", section="三公", year=2025)
    [s] = [s for s in sts if s.change is not None]
    assert (s.amount, s.prior_stated) == (None, None)
    assert _sev(check_statement(s, "new"), "rate") in ([], [("rate", "insufficient")])


def test_a_bare_wan_is_money_only_where_the_clause_names_money():
    [s] = parse_paragraph("会议费合计为34.10万，较上年减少8.00万元。", year=2025)
    assert (s.amount.text, s.amount.unit) == ("34.10", "万元")
    assert parse_paragraph("服务人口12万，接待游客3.5万。") == []


# ---- the whole document: no error from what the reader cannot take with confidence ---------------------

def test_unreadable_shapes_give_no_error():
    text = ("基本支出占比为60.00%，比上年上升2.5个百分点。"           # points, not a rate
            "人员经费占基本支出的比重比上年下降1.2个百分点。"
            "收入总计500.00万元，增长率为25‰。")                    # per mille: not read
    sts = tuple(parse_paragraph(text, year=2025))
    assert all(f.severity != "error" for f in run_document_checks(doc(statements=sts), "new"))


# ---- template words left in the text, and the vehicles item named in the other order ---------------------

def test_a_placeholder_direction_is_not_read():
    sts = parse_paragraph("本年支出合计100.00万元。公务接待费9.48万元，比上年增（减）0.52万元，增（减）5.2%。", year=2025)
    [s] = [s for s in sts if s.subject == "公务接待费"]
    assert (s.amount.text, s.change, s.rate, s.direction) == ("9.48", None, None, None)
    for text in ("因公出国（境）费0万元，较上年增加（减少）0万元，增长（下降）0%。", "会议费2.00万元，较上年增/减0.50万元。"):
        assert all(s.change is None and s.rate is None for s in parse_paragraph(text, year=2025)), text


def test_vehicles_named_running_first_is_the_vehicles_item():
    from yoydiff.checks.counterparts import three_public_key
    from yoydiff.checks.sums import check_statement_sums
    assert three_public_key("公务用车运行维护及购置费") == "vehicles" == three_public_key("公务用车购置及运行维护费")
    text = ("“三公”经费预算安排38.90万元，比上年预算增加5.64万元。其中：因公出国（境）费0万元；公务接待费6.40万元；"
            "公务用车运行维护及购置费32.50万元，其中：公务用车购置费0万元，公务用车运行维护费32.50万元。")
    sts = tuple(parse_paragraph(text, section="三公", year=2025))
    assert _sev(check_statement_sums(doc(statements=sts), "new")) == []       # 0 + 6.40 + 32.50 = 38.90
    bad = tuple(parse_paragraph(text.replace("38.90", "39.90"), section="三公", year=2025))
    assert ("sum", "error") in _sev(check_statement_sums(doc(statements=bad), "new"))


# ---- 各: one figure for each named item ----------------------------------------------------------------

def _each(second: str) -> list:
    return parse_paragraph(f"2025年度收、支总计各是620.40,616.20万元。与2024年相比，收、支总计各增加{second}。",
                           section="一、收入支出决算总体情况", year=2025)


def test_each_names_one_figure_per_item():
    sts = _each("20.40,16.20万元，各增长3.40%、2.70%")
    assert [(s.subject, s.topic, s.amount.text, s.change and s.change.text, s.rate and s.rate.text) for s in sts] == [
        ("收入总计", "income_total", "620.40", None, None), ("支出总计", "expense_total", "616.20", None, None),
        ("收入总计", "income_total", "620.40", "20.40", "3.40"), ("支出总计", "expense_total", "616.20", "16.20", "2.70")]
    assert [_sev(check_statement(s, "new")) for s in sts] == [[], [], [], []]    # 20.40 / 600 = 3.40%, 16.20 / 600 = 2.70%
    # a slip in the second rate is found on its own item: 16.20 / 600 is 2.70%, not 2.07%
    bad = _each("20.40,16.20万元，各增长3.40%、2.07%")
    assert [_sev(check_statement(s, "new")) for s in bad][3] == [("rate", "error")]


def test_each_that_does_not_pair_is_not_read():
    # three figures for two items: nothing is given to either (before: 16.20 became an amount with the rate 2.55%)
    sts = _each("20.40、16.20、5.00万元，各增长3.40%、2.70%")
    assert [s for s in sts if s.change is not None] == []
    assert all(f.severity != "error" for f in run_document_checks(doc(statements=tuple(sts), kind="决算"), "new"))


# ---- a reason printed before the change, a second comparison after a flat one ---------------------------

def test_a_reason_before_the_change_ends_where_the_comparison_starts():
    [s] = parse_paragraph("一般公共预算财政拨款支出决算为880.00万元，主要原因是项目增加，比上年增加80.00万元，增长10.00%。", year=2025)
    assert (s.amount.text, s.change.text, s.rate.text, s.reason) == ("880.00", "80.00", "10.00", "项目增加")
    assert check_statement(s, "new") == []                          # 80 / 800 = 10%
    # a reason that runs to the end of the sentence keeps its figures out of the statement
    [s] = parse_paragraph("机关运行经费50.00万元，主要原因是新增办公用房租金12.00万元，水电费增加3.00万元。", year=2025)
    assert (s.amount.text, s.change) == ("50.00", None) and "12.00" in s.reason


def test_a_second_comparison_after_a_flat_one_keeps_the_item():
    sts = parse_paragraph("本年支出合计100.00万元。公务接待费支出决算比预算无增减变化，比去年增加0.50万元，增长50%。", year=2025)
    [s] = [s for s in sts if s.change is not None]
    assert (s.subject, s.change.text, s.comparison) == ("公务接待费支出决算", "0.50", "上年预算")


# ---- the 一般公共预算财政拨款支出 total and the 类 shares listed under it -----------------------------------

def _gpb_structure(second_share: str = "94.00%"):
    text = [("三、支出决算情况说明", "2025年本年支出合计4000.00万元，其中：基本支出2800.00万元，占70.00%；项目支出1200.00万元，占30.00%。"),
            ("五、一般公共预算财政拨款支出决算情况说明", "2025年一般公共预算财政拨款支出1250.00万元，占本年支出合计的31.25%。"
             "与2024年相比，一般公共预算财政拨款增加25.00万元，增长2.04%。"),
            ("五、一般公共预算财政拨款支出决算情况说明", "2025年一般公共预算财政拨款支出1250.00万元，主要用于以下方面："
             f"社会保障和就业支出75.00万元，占6.00%；卫生健康支出1175.00万元，占{second_share}。")]
    sts = []
    for section, para in text:
        sts += parse_paragraph(para, section=section, year=2025)
    from yoydiff.parsers.narrative import carry_amounts
    return tuple(carry_amounts(sts, 2025, "决算"))


def test_shares_of_the_gpb_spending_are_of_it_not_of_all_spending():
    sts = _gpb_structure()
    assert [s.topic for s in sts if s.subject == "一般公共预算财政拨款支出"] == ["gpb_total", "gpb_total"]
    d = doc(statements=sts, kind="决算")
    # before: 75 / 4000 and 1175 / 4000 were errors, and 本年支出合计 4000 ≠ 75 + 1175 a sum error
    assert [f for f in run_document_checks(d, "new") if f.severity == "error"] == []
    [f] = [f for f in check_shares(doc(statements=_gpb_structure("93.00%"), kind="决算"), "new") if f.severity == "error"]
    assert f.expected == "94.00%"                                  # 1175 / 1250


def test_an_amount_stated_with_its_share_is_lent_to_the_change_after_it():
    [s] = [s for s in _gpb_structure() if s.change is not None]
    assert (s.amount.text, s.change.text) == ("1250.00", "25.00")
    assert check_statement(s, "new") == []                          # 25 / 1225 = 2.04%


# ---- 完成率 printed as 「为/是/占 年初预算的 x%」, a change in parentheses ----------------------------------

def _execution(pct: str):
    from yoydiff.checks.execution import check_execution
    sts = tuple(parse_paragraph(f"“三公”经费年初预算为15.00万元，支出决算为12.00万元，占年初预算的{pct}。", year=2025))
    return sts, check_execution(doc(statements=sts, kind="决算"), "new")


def test_a_share_of_this_years_initial_budget_is_the_execution_rate():
    sts, found = _execution("80.00%")
    [s] = [s for s in sts if s.execution is not None]
    assert (s.amount.text, s.budget.text, s.execution.text, s.share) == ("12.00", "15.00", "80.00", None)
    assert found == []
    _, found = _execution("85.00%")                                  # 12 / 15 = 80%
    assert [(f.check, f.severity, f.expected) for f in found] == [("execution", "error", "80.00%")]
    for text in ("公务接待费支出决算为3.00万元，为年初预算的75.00%。", "公务用车运行维护费支出决算6.00万元，是年初预算数的120%。"):
        assert [s.execution.text for s in parse_paragraph(text, year=2025)] in (["75.00"], ["120"]), text
    # 「占预算总额的」 is a share of a total, not a 完成率
    [s] = parse_paragraph("项目支出400.00万元，占预算总额的40.00%。", year=2025)
    assert (s.share.text, s.execution) == ("40.00", None)


def test_a_change_in_parentheses_belongs_to_the_statement_it_follows():
    [s] = parse_paragraph("“三公”经费支出决算为12.00万元，比上年增长20.00%（增加2.00万元），主要原因是车辆维修。", year=2025)
    assert (s.amount.text, s.change.text, s.rate.text) == ("12.00", "2.00", "20.00")
    assert check_statement(s, "new") == []                          # 2 / 10 = 20%
    # a parenthesis with an item of its own is still read as its own statement
    sts = parse_paragraph("基本支出80.00万元（其中人员经费60.00万元），比上年增加8.00万元。", year=2025)
    assert {s.subject for s in sts} >= {"人员经费"}


def test_last_years_spending_named_in_a_clause_is_the_base():
    # before: 「上年支出4.00万元，增加1.00万元，增长25.00%」 was a statement of 4.00 → a false error (1 / 3 = 33.33%)
    sts = parse_paragraph("公务接待费本年支出5.00万元，上年支出4.00万元，增加1.00万元，增长25.00%。", year=2025)
    [s] = sts
    assert (s.amount.text, s.prior_stated.text, s.change.text) == ("5.00", "4.00", "1.00")
    assert check_statement(s, "new") == []
    # 上年结转 is an income source, not last year's figure
    [s] = parse_paragraph("本年收入合计90.00万元，上年结转10.00万元。", year=2025)[1:]
    assert (s.subject, s.amount.text, s.prior_stated) == ("上年结转", "10.00", None)


def test_respectively_pairs_with_the_items_stated_before_it_in_the_sentence():
    sts = parse_paragraph("人员经费80.00万元、公用经费20.00万元，分别比上年增加8.00万元、2.00万元。", year=2025)
    assert [(s.subject, s.amount.text, s.change.text) for s in sts] == [("人员经费", "80.00", "8.00"),
                                                                         ("公用经费", "20.00", "2.00")]
    # three changes for two items: not read
    sts = parse_paragraph("人员经费80.00万元、公用经费20.00万元，分别比上年增加8.00万元、2.00万元、1.00万元。", year=2025)
    assert all(s.change is None for s in sts)


def test_both_listed_items_are_flat():
    sts = parse_paragraph("因公出国（境）经费与公务用车购置及运行维护费分别为0.30亿元和4.20亿元，均与去年持平。", year=2025)
    assert [(s.subject, s.amount.text, s.direction) for s in sts] == [
        ("因公出国（境）经费", "0.30", "持平"), ("公务用车购置及运行维护费", "4.20", "持平")]


def test_a_clause_named_after_the_change_is_the_change():
    [s] = parse_paragraph("部门收入预算总额为100.00万元，比2024年增长25.00%，增加额为20.00万元。", year=2025)
    assert (s.amount.text, s.change.text, s.direction, s.rate.text) == ("100.00", "20.00", "增加", "25.00")
    assert check_statement(s, "new") == []                          # 20 / 80 = 25%
    [s] = parse_paragraph("部门收入预算总额为100.00万元，比2024年下降20.00%，减少额为25.00万元。", year=2025)
    assert (s.change.text, s.direction) == ("25.00", "减少") and check_statement(s, "new") == []   # 25 / 125


def test_both_years_must_be_on_one_basis():
    # this year's budget and last year's outturn: the change is against last year's budget, which is not printed
    text = "2025年“三公”经费预算合计为21.80万元。2024年“三公”经费决算合计为20.12万元。“三公”经费较上年增加1.00万元。"
    [s] = [s for s in parse_paragraph(text, section="三公", year=2025) if s.change is not None]
    assert (s.amount, s.prior_stated) == (None, None)
    # on one basis both are lent: 21.80 − 20.12 = 1.68 ≠ 1.00
    [s] = [s for s in parse_paragraph(text.replace("决算合计", "预算合计"), section="三公", year=2025) if s.change is not None]
    assert (s.amount.text, s.prior_stated.text) == ("21.80", "20.12")
    assert _sev(check_statement(s, "new")) == [("rate", "error")]


def test_a_rate_against_another_base_is_a_statement_of_its_own():
    # before: 50% was checked against 2.00 / 10.00 (the change against this year's budget) — a false error
    for text in ("机关运行经费支出决算12.00万元，比年初预算增加2.00万元，同比增长50.00%。",
                 "机关运行经费支出决算12.00万元，较上年增长50.00%，比年初预算增加2.00万元。"):
        sts = parse_paragraph(text, year=2025)
        assert sorted((s.comparison, s.change is not None, s.rate is not None) for s in sts) == [
            ("上年预算", False, True), ("年初预算", True, False)], text
        assert all(f.severity != "error" for s in sts for f in check_statement(s, "new"))
    # 比上年决算 and 同比 are both last year: one statement, checked (2 / 8 = 25%)
    [s] = parse_paragraph("机关运行经费支出决算10.00万元，比上年决算增加2.00万元，同比增长25.00%。", year=2025)
    assert (s.change.text, s.rate.text) == ("2.00", "25.00") and check_statement(s, "new") == []


def test_each_without_money_or_percent_is_not_a_list():
    [s] = parse_paragraph("公务用车购置及运行费10.00万元，购置车辆各1、2辆。", year=2025)
    assert (s.subject, s.amount.text) == ("公务用车购置及运行费", "10.00")
