from yoydiff.checks.shares import check_shares
from yoydiff.checks.counterparts import whole_topic

from test_checks_build import doc, st


def _urumqi_2025_income(share_jiezhuan: str):
    return [
        st("部门收入预算", "32,523.77", topic="income_total"),
        st("一般公共预算", "19,279.91", "380.30", "增加", "2.01%", share=_p("59.28%"), topic="income_source"),
        st("上级一般公共预算安排的转移支付资金", "9,036.94", "475.66", "减少", "5.00%", share=_p("27.79%"),
           topic="income_source"),
        st("财政拨款结转", "4,206.92", "332.57", "增加", "8.58%", share=_p(share_jiezhuan), topic="income_source",
           quote="财政拨款结转 4,206.92 万元，占 12.63%"),
    ]


def _p(text):
    from yoydiff.numbers import Percent
    return Percent.parse(text)


def test_planted_urumqi_share_is_an_error():
    [f] = check_shares(doc(statements=_urumqi_2025_income("12.63%")), "old")
    assert (f.check, f.severity, f.stated, f.expected) == ("share", "error", "12.63%", "12.93%")
    assert f.rule == ("占比 = 4,206.92 ÷ 32,523.77（部门收入预算，第 20 页）∈ [12.9348%, 12.9350%]；"
                      "所述 12.63% 即 [12.625%, 12.635%]：不符")
    assert f.distance == "相差 0.30 个百分点" and f.quote == "财政拨款结转 4,206.92 万元，占 12.63%"


def test_correct_share_is_not_flagged():
    assert check_shares(doc(statements=_urumqi_2025_income("12.93%")), "old") == []


def test_real_2026_shares_hold():
    sts = [
        st("部门收入预算", "32,407.23", topic="income_total"),
        st("一般公共预算", "20,673.56", share=_p("63.79%"), topic="income_source"),
        st("上级转移支付", "8,425.22", share=_p("26.00%"), topic="income_source"),
        st("财政拨款结转", "3,308.45", share=_p("10.21%"), topic="income_source"),
        st("支出预算", "32,407.23", topic="expense_total"),
        st("基本支出", "14,197.84", share=_p("43.81%"), topic="basic"),
        st("项目支出", "18,209.39", share=_p("56.19%"), topic="project"),
        st("一般公共预算拨款合计", "29,098.78", topic="gpb_total"),
        st("基本支出", "14,197.84", "2,084.09", "增加", "17.20%", topic="basic"),
        st("社会保障和就业支出（类）", "28,738.08", share=_p("98.76%"), topic="item", code="208"),
        st("卫生健康支出（类）", "360.70", share=_p("1.24%"), topic="item", code="210"),
    ]
    assert check_shares(doc(statements=sts), "new") == []


def test_deptb_share_of_named_total():
    sts = [
        st("部门收入预算总计", "18,991.44", topic="income_total"),
        st("一般公共预算拨款收入", "13,184.44", share=_p("69.42%"), share_of="收入总计", topic="income_source"),
        st("事业收入", "5,715.00", share=_p("30.90%"), share_of="收入总计", topic="income_source"),
    ]
    [f] = check_shares(doc(statements=sts), "new")
    assert f.severity == "error" and f.expected == "30.09%" and f.cause == "两位数字颠倒（30.09% → 30.90%）"
    assert f.distance == "相差 0.81 个百分点"


def test_whole_not_identifiable_is_insufficient():
    sts = [st("某项", "10.00", share=_p("5.00%"), topic="other")]
    [f] = check_shares(doc(statements=sts), "new")
    assert f.severity == "insufficient" and f.rule == "无法确定该占比所指的总额，未作复核"


def test_share_of_another_total_is_a_warning():
    sts = [
        st("部门收入预算", "200.00", topic="income_total"),
        st("一般公共预算拨款合计", "100.00", topic="gpb_total"),
        st("基本支出", "40.00", share=_p("40.00%"), topic="basic"),
        st("支出预算", "200.00", topic="expense_total"),
        st("项目支出", "60.00", share=_p("60.00%"), topic="project"),
    ]
    # 基本支出's nearest preceding total is the gpb total (100) → 40% holds; 项目 60/200 = 30% vs 60%
    [f] = check_shares(doc(statements=sts), "new")
    assert f.item == "项目支出" and f.severity == "warning"
    assert f.cause == "分母用错总额：60.00 ÷ 100.00（一般公共预算拨款合计）与所述占比相符，而非以“支出预算”为分母"


def test_whole_topic_words():
    assert whole_topic("收入总计") == "income_total"
    assert whole_topic("一般公共预算当年拨款") == "gpb_total"
    assert whole_topic("支出总计") == "expense_total"
    assert whole_topic("“三公”经费") == "three_public"
