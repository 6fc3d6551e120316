"""The 决算 / budget-execution forms of the narrative, on built sentences (real phrasings: MANIFEST of
tests/final), and the execution check on what the parser read."""
from decimal import Decimal

from test_checks_build import doc
from yoydiff.checks.execution import check_execution
from yoydiff.checks.rates import check_statement
from yoydiff.parsers.narrative import parse_paragraph


def one(text: str, subject_part: str, year: int = 2025):
    sts = parse_paragraph(text, year=year)
    hits = [s for s in sts if subject_part in s.subject]
    assert len(hits) == 1, [(s.subject, s.amount) for s in sts]
    return hits[0], sts


def test_completion_of_a_stated_budget_is_not_the_current_amount():
    s, sts = one("2025年度一般公共预算财政拨款“三公”经费支出决算为62.07万元，完成全年预算84.82万元的73.2%，"
                 "比上年决算数增加38.97万元，增长168.7%，主要原因是更新一辆执法用车。", "三公")
    assert len(sts) == 1
    assert (s.amount.text, s.budget.text, str(s.execution)) == ("62.07", "84.82", "73.2%")
    assert (s.change.text, s.direction, str(s.rate), s.comparison) == ("38.97", "增加", "168.7%", "上年决算")
    # the change and its rate are against last year's 决算: 38.97 / (62.07 − 38.97) = 168.7 %, no finding
    assert [f for f in check_statement(s, "new") if f.severity == "error"] == []
    assert check_execution(doc(statements=[s], kind="决算"), "new") == []
    bad, _ = one("2025年度“三公”经费支出决算为62.07万元，完成全年预算84.82万元的75.2%。", "三公")
    [f] = check_execution(doc(statements=[bad], kind="决算"), "new")
    assert (f.severity, f.stated, f.expected) == ("error", "75.2%", "73.2%")


def test_budget_then_final_in_one_sentence():
    s, _ = one("“三公”经费支出年初预算为12000.00元，支出决算为12,000.00元，完成年初预算的100%。", "决算")
    assert (s.subject, s.amount.text, s.budget.text, str(s.execution)) == \
        ("“三公”经费支出决算", "12,000.00", "12000.00", "100%")     # the item as printed, quotes kept
    assert check_execution(doc(statements=[s], kind="决算"), "new") == []
    s, _ = one("三公经费预算数为832.05万元，决算支出数为820.33万元，完成年初预算数的98.59%。", "决算")
    assert (s.amount.text, s.budget.text) == ("820.33", "832.05")
    assert check_execution(doc(statements=[s], kind="决算"), "new") == []       # 820.33 / 832.05 = 98.591…%
    s, _ = one("三公经费预算数为832.05万元，决算支出数为820.33万元，完成年初预算数的98.95%。", "决算")
    [f] = check_execution(doc(statements=[s], kind="决算"), "new")
    assert (f.severity, f.stated, f.expected) == ("error", "98.95%", "98.59%")


def test_classification_head_sentence_names_the_next_sentence():
    text = ("1.农林水支出（类）农业农村（款）行政运行（项）。年初预算为648.72万元，支出决算为634.26万元，"
            "完成年初预算的97.77%。决算数大于年初预算数的主要原因是人员调整。")
    s, sts = one(text, "支出决算")
    assert s.subject == "农林水支出（类）农业农村（款）行政运行（项）支出决算"
    assert (s.amount.text, s.budget.text, str(s.execution)) == ("634.26", "648.72", "97.77%")
    assert "决算数大于年初预算数" in s.quote
    # the rate holds; the side word does not (634.26 < 648.72)
    [f] = check_execution(doc(statements=[s], kind="决算"), "new")
    assert (f.stated, f.expected) == ("决算数大于预算数", "决算数小于预算数")
    # a 预算 document is never read with these rules
    assert check_execution(doc(statements=[s], kind="预算"), "new") == []


def test_change_against_the_budget_is_not_a_change_against_last_year():
    s, _ = one("2022年区直“三公”经费决算数为736.40万元，比预算数减少67.62万元，主要原因为严格控制。", "三公")
    assert (s.amount.text, s.change.text, s.direction, s.comparison) == ("736.40", "67.62", "减少", "年初预算")
    s, _ = one("2021年度“三公”经费决算数为5.00万元，较年初预算数减少6.30万元，下降55.8%。", "三公")
    assert s.comparison == "年初预算" and str(s.rate) == "55.8%"


def test_completion_without_a_budget_is_read_and_not_checked():
    sts = parse_paragraph("其中：因公出国（境）费支出决算为0万元，完成预算的0.00%；公务用车购置及运行费支出决算为4.02万元，"
                          "完成预算的89.33%。", year=2023)
    assert [(s.amount.text, str(s.execution), s.budget) for s in sts] == [("0", "0.00%", None), ("4.02", "89.33%", None)]
    assert check_execution(doc(statements=sts, kind="决算"), "new") == []
    # last year's budget is not this year's budget
    s, _ = one("2024年度支出决算为950.00万元，上年预算数为1,000.00万元，完成预算的95.00%。", "支出决算")
    assert s.budget is None and check_execution(doc(statements=[s], kind="决算"), "new") == []


def _final_doc(statements):
    from test_checks_build import row, table
    t5 = table("final_gpb_expense", "表5", [("年初预算数",), ("调整预算数",), ("决算数", "合计"), ("决算数", "基本支出"),
                                           ("决算数", "项目支出")],
               [row("", "合计", "648.72", "648.72", "634.26", "634.26", None),
                row("213 01 01", "行政运行", "648.72", "648.72", "634.26", "634.26", None)])
    t7 = table("final_three_public", "表7", [("预算数",), ("决算数",)],
               [row("", "合计", "84.82", "62.07"), row("", "公务接待费", "18.00", "10.16")])
    return doc([t5, t7], statements, kind="决算")


def test_final_figures_against_their_own_columns():
    from yoydiff.checks.final_narrative import check_final_narrative
    text = ("1.农林水支出（类）农业农村（款）行政运行（项）。年初预算为648.72万元，支出决算为634.26万元，"
            "完成年初预算的97.77%。")
    from test_checks_build import row, table
    t5 = _final_doc([]).tables[0]
    sts = parse_paragraph(text, year=2025, tables=(t5,))
    assert [s.code for s in sts] == ["2130101", "2130101"]
    assert check_final_narrative(_final_doc(sts), "new") == []
    # the budget stated where the 决算 is (and the reverse) is an error against the right column
    swapped = parse_paragraph(text.replace("年初预算为648.72", "年初预算为634.26"), year=2025, tables=(t5,))
    [f] = check_final_narrative(_final_doc(swapped), "new")       # one figure, reported once
    assert (f.stated, f.expected) == ("634.26", "648.72") and "年初预算数" in f.rule
    wrong = parse_paragraph(text.replace("支出决算为634.26", "支出决算为643.26"), year=2025, tables=(t5,))
    [f] = check_final_narrative(_final_doc(wrong), "new")
    assert (f.severity, f.stated, f.expected) == ("error", "643.26", "634.26") and "决算数" in f.rule
    # the 完成率 follows from that misprint: a notice linked to it, not a second error
    [e] = check_execution(_final_doc(wrong), "new")
    assert e.severity == "notice" and "643.26" in e.cause
    # 三公: 决算 against 决算数, the stated 全年预算 against 预算数
    s, _ = one("2025年度“三公”经费支出决算为62.07万元，完成全年预算84.82万元的73.2%。", "三公")
    assert check_final_narrative(_final_doc([s]), "new") == []
    s, _ = one("2025年度“三公”经费支出决算为62.07万元，完成全年预算48.82万元的127.1%。", "三公")
    [f] = check_final_narrative(_final_doc([s]), "new")
    assert (f.stated, f.expected) == ("48.82", "84.82")
    # a 预算 document is not read with these rules
    assert check_final_narrative(doc(_final_doc([s]).tables, [s], kind="预算"), "new") == []


def test_completion_against_a_budget_given_by_the_change():
    # 年初预算 = 1205.11 + 537.35 = 1742.46; 1205.11 / 1742.46 = 69.16 %, not 70 %
    s, _ = one("本部门2019年度财政拨款本年收入1205.11万元，完成年初预算的70%，比年初预算减少537.35万元。", "收入", year=2019)
    assert (s.amount.text, str(s.execution), s.change.text, s.comparison) == ("1205.11", "70%", "537.35", "年初预算")
    [f] = check_execution(doc(statements=[s], kind="决算"), "new")
    assert (f.severity, f.stated, f.expected) == ("error", "70%", "69%")
    assert "(1205.11 + 537.35)" in f.rule
    ok, _ = one("本部门2019年度财政拨款本年收入1205.11万元，完成年初预算的69.16%，比年初预算减少537.35万元。", "收入",
                year=2019)
    assert check_execution(doc(statements=[ok], kind="决算"), "new") == []
    # a change against last year is no budget
    last, _ = one("本部门2019年度财政拨款本年收入1205.11万元，完成年初预算的70%，比上年减少537.35万元。", "收入", year=2019)
    assert check_execution(doc(statements=[last], kind="决算"), "new") == []


def test_final_totals_against_the_final_tables():
    from test_checks_build import row, table
    from test_final_accounts import _overview
    from yoydiff.checks.final_narrative import check_final_narrative
    t3 = table("final_expense", "表3", [("本年支出合计",), ("基本支出",), ("项目支出",)],
               [row("", "合计", "4,348.25", "1,399.84", "2,948.41")])
    tables = [_overview("61.65", "4,409.90"), t3]

    def found(text):
        sts = parse_paragraph(text, year=2025)
        return [(f.stated, f.expected) for f in check_final_narrative(doc(tables, sts, kind="决算"), "new")]
    assert found("2025年度本年收入合计4,273.60万元。") == []
    assert found("2025年度收入总计4,409.90万元。") == []             # the total with the carry-over is also a 收入 total
    assert found("2025年度本年收入合计4,237.60万元。") == [("4,237.60", "4,273.60")]
    assert found("本年支出合计4,348.25万元，其中：基本支出1,399.84万元，占32.19%；项目支出2,948.41万元，占67.81%。") == []
    assert found("本年支出合计4,348.25万元，其中：基本支出1,393.84万元，占32.06%；项目支出2,948.41万元，占67.81%。") == \
        [("1,393.84", "1,399.84")]
    # a budget figure is not a 决算 total; a 预算 document is not read with these rules
    assert found("2025年度支出年初预算为4,000.00万元。") == []
    sts = parse_paragraph("2025年度本年收入合计4,237.60万元。", year=2025)
    assert check_final_narrative(doc(tables, sts, kind="预算"), "new") == []


def test_completion_in_the_next_sentence_with_the_difference_to_the_budget():
    text = ("2017年度，本单位一般公共预算财政拨款支出总计1741.75万元，与上年相比减少53.70万元，降低2.99%；"
            "完成年初预算100%，决算数大于预算数55.93万元，主要原因：职工工资调标。")
    [s] = parse_paragraph(text, year=2017)
    assert (s.amount.text, str(s.execution), s.change.text) == ("1741.75", "100%", "53.70")
    assert "决算数大于预算数55.93万元" in s.quote
    # 预算数 = 1741.75 − 55.93 = 1685.82; 1741.75 / 1685.82 = 103.3 %, not 100 %
    [f] = check_execution(doc(statements=[s], kind="决算"), "new")
    assert (f.severity, f.stated, f.expected) == ("error", "100%", "103%") and "(1741.75 − 55.93)" in f.rule
    ok = parse_paragraph(text.replace("完成年初预算100%", "完成年初预算103.32%"), year=2017)
    assert check_execution(doc(statements=ok, kind="决算"), "new") == []
    ok = parse_paragraph(text.replace("完成年初预算100%", "完成年初预算103.32%").replace("大于预算数", "大于年初预算数"),
                         year=2017)
    assert check_execution(doc(statements=ok, kind="决算"), "new") == []
    # a sentence with a subject of its own is not the previous statement's
    two = parse_paragraph("支出总计1741.75万元；公务接待费完成预算的80%。", year=2017)
    assert [s.execution for s in two if s.amount is not None and s.amount.text == "1741.75"] == [None]


def test_a_subject_continued_on_another_basis_keeps_the_printed_item():
    """「<item>支出预算为A，支出决算为B」: B's subject is the item as the page prints it (any quotation marks)
    with B's basis; the key the checks match by still has no quotation marks."""
    from yoydiff.parsers.scope import printed_item, stem

    for item in ("“三公”经费", "「公务接待费」", '"三公"经费', "三公经费", "‘公务用车’运行维护费"):
        sts = parse_paragraph(f"2025年{item}支出预算为24.50万元，支出决算为11.96万元。", year=2025)
        assert [(s.subject, s.amount.text) for s in sts] == [(f"{item}支出预算", "24.50"), (f"{item}支出决算", "11.96")]
        assert sts[1].budget.text == "24.50"
        assert stem(sts[0].subject) == stem(sts[1].subject) == stem(item)
        assert '“' not in stem(sts[1].subject) and "」" not in stem(sts[1].subject)
    for subject in ("“三公”经费支出决算数", "财政拨款“三公”经费预算", "2025年度“三公”经费支出", "一般公共预算支出",
                    "「公务接待费」年初预算", "三公经费"):
        assert stem(printed_item(subject)) == stem(subject)
    assert printed_item("“三公”经费支出决算数") == "“三公”经费"
