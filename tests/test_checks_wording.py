"""The shared wording of the checks (rules.py): figures, intervals and distances in the printed unit and
decimals; approximate figures are never called errors; the base of an execution rate."""
from decimal import Decimal

from yoydiff.checks.execution import check_execution
from yoydiff.checks.narrative import check_narrative
from yoydiff.checks.rates import check_rate, check_statement
from yoydiff.checks.rules import distance, fmt_iv, printed_like, transposition_cause
from yoydiff.checks.shares import check_shares
from yoydiff.checks.counterparts import three_public_key
from yoydiff.checks.unexplained import check_unexplained
from yoydiff.numbers import Amount, Interval, Percent

from test_checks_build import doc, row, st, table



def test_distance_in_printed_unit_and_decimals():
    assert distance(Decimal("1590.46"), Decimal("1580.46"), Amount.parse("1,590.46")) == "相差 10.00 万元"
    assert distance(Decimal("13.35"), Decimal("13.5330"), Percent.parse("13.35%")) == "相差 0.18 个百分点"
    # a 元 table: 165,700 元 is 16.57 万元
    assert distance(Decimal("16.57"), Decimal("16.47"), Amount.parse("165,700", "元")) == "相差 1,000 元"
    # the difference of the figures as the reader sees them (列示 2.00, 复算 1.23), not of the raw values
    assert distance(Decimal("2.00"), Decimal("1.225"), Amount.parse("2.00")) == "相差 0.77 万元"
    # never "相差 0.00": finer decimals when the rounded figures agree
    assert distance(Decimal("5.46"), Decimal("5.4649"), Percent.parse("5.46%")) == "相差 0.005 个百分点"


def test_intervals_rounded_outwards_with_separators():
    assert fmt_iv(Interval(Decimal("12113.745"), Decimal("12113.755")), 2) == "[12,113.74, 12,113.76]"
    assert fmt_iv(Interval(Decimal("-1.935"), Decimal("-1.925")), 3) == "[−1.935, −1.925]"
    assert printed_like(Decimal("16.47"), Amount.parse("164,700", "元")) == "164,700"
    assert transposition_cause("1,012.40", Interval(Decimal("1021.395"), Decimal("1021.405"))) == \
        "两位数字颠倒（1,021.40 → 1,012.40）"


def test_rate_rule_of_a_yuan_sentence_stays_in_yuan():
    s = st("公务接待费", "41,250", "3,750", "增加", "12.00%")
    s = s.__class__(**{**s.__dict__, "amount": Amount.parse("41,250", "元"), "change": Amount.parse("3,750", "元")})
    [f] = check_rate(s, "new")     # 3,750 / 37,500 = 10.00%
    assert f.expected == "10.00%" and f.distance == "相差 2.00 个百分点"
    assert f.rule.startswith("上年数 = 本年数 − 增加额 = 41,250 元 − 3,750 元 = [37,499, 37,501] 元；")
    assert f.stated == "12.00%"
    assert check_statement(s, "new")[0].cause == ""


def test_approximate_figures_are_not_errors():
    rate = st("基本支出", "14,197.84", "2,084.09", "增加", "17%", hedged=True)       # 增长约17%: true 17.20%
    assert check_rate(rate, "new") == []
    off = st("基本支出", "14,197.84", "2,084.09", "增加", "18%", hedged=True)
    [f] = check_rate(off, "new")
    assert f.severity == "insufficient" and f.rule.endswith("所述为约数（约、近、超过），不按四舍五入区间认定差错")
    sts = [st("部门收入预算", "32,407.23", topic="income_total"),
           st("财政拨款结转", "3,308.45", share=Percent.parse("11%"), topic="income_source", hedged=True)]
    [f] = check_shares(doc(statements=sts), "new")
    assert f.severity == "insufficient" and f.expected == "10%"
    t5 = table("gpb_expense", "表 5", [("合计",)], [row("208 01 01", "行政运行", "8,115.18")])
    [f] = check_narrative(doc(tables=[t5], statements=[st("行政运行（项）", "8,100", code="2080101", hedged=True)]),
                          "new")
    assert f.severity == "insufficient" and f.expected == "8,115.18"


def test_execution_rate_base_is_this_years_budget():
    # a 决算 sentence that gives last year's figure outright: 950 / 1,000 is not an execution rate
    s = st("支出", "950.00", "50.00", "减少", None, prior_stated=Amount.parse("1,000.00"), comparison="上年决算",
           quote="2024年度支出决算为950.00万元，较上年决算1,000.00万元减少50.00万元，完成预算的98.00%")
    assert check_execution(doc(statements=[s], kind="决算"), "old") == []
    s = st("支出", "950.00", "50.00", "减少", None, prior_stated=Amount.parse("1,000.00"), comparison="年初预算",
           quote="2024年度支出决算为950.00万元，比年初预算1,000.00万元减少50.00万元，完成预算的98.00%")
    [f] = check_execution(doc(statements=[s], kind="决算"), "old")
    assert (f.stated, f.expected, f.distance) == ("98.00%", "95.00%", "相差 3.00 个百分点")
    # 上年预算数 in the sentence is not this year's budget either
    s = st("支出", "950.00", quote="2024年度支出决算为950.00万元，上年预算数为1,000.00万元，完成预算的95.00%")
    assert check_execution(doc(statements=[s], kind="决算"), "old") == []
    s = st("支出", None, quote="上年决算为1,000.00万元，本年年初预算为1,000.00万元，完成预算的95.00%")
    assert check_execution(doc(statements=[s], kind="决算"), "old") == []


def test_a_new_item_is_not_also_an_unexplained_change():
    s = st("就业管理事务（项）", "100.00", "100.00", "增加", "100%", code="2080106")
    assert [f.check for f in check_statement(s, "old")] == ["zero-base"]
    assert check_unexplained(doc(statements=[s]), "old") == []


def test_three_public_categories():
    assert [three_public_key(n) for n in ("财政拨款“三公”经费", "因公出国（境）费用", "公务接待费", "公务用车购置及运行维护费",
                                          "其中：公务用车购置", "公务用车运行维护费", "委托业务费")] == \
        ["whole", "abroad", "reception", "vehicles", "purchase", "running", None]
