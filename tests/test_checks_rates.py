from yoydiff.checks.rates import check_direction, check_prior_stated, check_rate, check_statement, check_zero_base
from yoydiff.numbers import Amount

from test_checks_build import st


def test_real_2026_basic_spending_holds():
    # 基本支出 14,197.84 万元，比上年预算增加 2,084.09 万元，增长 17.20%
    s = st("基本支出", "14,197.84", "2,084.09", "增加", "17.20%")
    assert check_statement(s, "new") == []


def test_real_statements_that_hold_are_not_flagged():
    cases = [
        st("事业运行", "3,044.63", "381.26", "增加", "14.31%"),
        st("其他技术与开发支出", "0.00", "24.20", "减少", "100.00%"),        # 2026: down to zero
        st("其他就业补助支出", "1,541.42", "664.77", "减少", "30.13%"),
        st("卫生监督机构", "289.82", "6.70", "减少", "2.26%", rate_word="减幅"),
        st("“三公”经费", "16.47", "1.93", "减少", "10.49%"),
        st("因公出国（境）费用", "0.00", "0.00", "增加", "0.00%"),          # 0 → 0 is harmless
        st("公务用车运行维护费", "91.28", "6.40", "增加", "7.54%"),
    ]
    for s in cases:
        assert check_statement(s, "new") == [], s.subject


def test_rate_digits_transposed_is_an_error():
    # urumqi 2025 五（三）10: 2,663.37, +317.47, 13.35% (should be 13.53%)
    s = st("事业运行（项）", "2,663.37", "317.47", "增加", "13.35%", code="2080150")
    [f] = check_rate(s, "old")
    assert (f.check, f.severity, f.stated, f.expected, f.doc) == ("rate", "error", "13.35%", "13.53%", "old")
    assert f.rule == ("上年数 = 本年数 − 增加额 = 2,663.37 − 317.47 = [2,345.89, 2,345.91]；"
                      "增长率 = 增加额 ÷ 上年数 ∈ [13.5327%, 13.5333%]；所述 13.35% 即 [13.345%, 13.355%]：不符")
    assert f.cause == "两位数字颠倒（13.53% → 13.35%）"
    assert f.distance == "相差 0.18 个百分点"


def test_deptb_rate_transposed():
    s = st("疾病预防控制机构（项）", "1008.88", "52.50", "增加", "5.94%")
    [f] = check_rate(s, "new")
    assert f.expected == "5.49%" and f.severity == "error" and f.cause == "两位数字颠倒（5.49% → 5.94%）"
    assert f.distance == "相差 0.45 个百分点"


def test_rate_divided_by_current_year_is_recognised():
    # 100 → 120: change 20, correct rate 20.00%; 20/120 = 16.67%
    s = st("x", "120.00", "20.00", "增加", "16.67%")
    [f] = check_rate(s, "new")
    assert f.severity == "error" and f.expected == "20.00%"
    assert f.cause == "增长率以本年数为分母计算"


def test_truncated_rate_is_rounding_not_error():
    # 2,084.09 / 12,113.75 = 17.2043...%; printed truncated to 17.2 would round, so use 1 decimal: 17.2 ok;
    # 10/3 = 3.3333 → 33.33%; a producer truncating 4.5678 prints 4.56 while rounding gives 4.57
    s = st("y", "104.5678", "4.5678", "增加", "4.56%")
    s = st("y", "1,045.678", "45.678", "增加", "4.56%")
    [f] = check_rate(s, "new")
    assert f.severity == "rounding" and "仅在截尾（而非四舍五入）时相符" in f.rule


def test_direction_conflict_urumqi_2025_item_18():
    s = st("行政单位医疗（项）", "427.84", "24.76", "减少", "5.47%", rate_direction="增长", code="2101101")
    assert check_rate(s, "old") == []          # the magnitude is right; only the word is wrong
    [f] = check_direction(s, "old")
    assert f.severity == "error" and f.check == "direction"
    assert f.stated == "减少 24.76 万元，增长 5.47%"
    assert f.expected == "减少 24.76 万元，下降 5.47%（上年数 452.60）"
    assert f.cause == "方向词应为“下降”"
    assert f.rule.startswith("“减少”（增减额）与“增长”（增减率）方向相反；按减少计算，上年数 = 本年数 + 减少额 = "
                             "427.84 + 24.76 = [452.59, 452.61]，下降率 ∈ [5.4693%, 5.4719%]")


def test_direction_conflict_deptb_with_printed_words():
    s = st("卫生监督机构（项）", "289.82", "6.70", "减少", "2.26%", rate_direction="增长",
           direction_word="减少", rate_word="增幅")
    [f] = check_direction(s, "new")
    # the right word in the document's own style: 增幅 → 减幅
    assert f.cause == "方向词应为“减幅”" and f.stated == "减少 6.70 万元，增幅 2.26%"
    assert f.expected == "减少 6.70 万元，减幅 2.26%（上年数 296.52）"


def test_flipped_amount_word():
    # 100 → 90 written as 增加 10, 下降 10.00%: the rate fits the decrease, so the amount word is wrong
    s = st("z", "90.00", "10.00", "增加", "10.00%", rate_direction="下降")
    [f] = check_direction(s, "new")
    assert f.cause == "方向词应为“减少”" and f.expected == "减少 10.00 万元，下降 10.00%（上年数 100.00）"


def test_crosswise_words_are_style():
    # "下降52.00万元 … 减少3.75%": parsers normalise 下降 → 减少 for the amount, 减少 → 下降 for the rate
    s = st("w", "1,334.67", "52.00", "减少", "3.75%", direction_word="下降", rate_word="减少")
    assert check_statement(s, "new") == []


def test_flat_with_nonzero_change():
    s = st("v", "50.00", "3.00", "持平", None)
    [f] = check_direction(s, "new")
    assert f.severity == "error" and f.rule == "文中称“持平”，而所述增减额 3.00 不为零" and f.expected == "0.00"


def test_zero_base_notices():
    cases = [("机关事业单位职业年金缴费支出（项）", "658.65", "658.65", "100.00%"),
             ("就业创业服务补助（项）", "165.00", "165.00", "100.00%"),
             ("就业管理事务（项）", "100.00", "100.00", "100%"),
             ("突发公共卫生事件应急处理（项）", "284.30", "284.30", "100%")]
    for subject, amount, change, rate in cases:
        s = st(subject, amount, change, "增加", rate)
        fs = check_statement(s, "new")
        assert [(f.check, f.severity) for f in fs] == [("zero-base", "notice")], subject
        assert fs[0].expected == "上年数为 0，增长率无意义，应写“新增”"
        assert f"= {amount} − {change} = [" in fs[0].rule and "，含 0：以零为基数的增长率无意义" in fs[0].rule


def test_no_base_statement_is_fine():
    s = st("新增项目", "165.00", "165.00", "增加", "100.00%", no_base=True)
    assert check_statement(s, "new") == []


def test_negative_prior_is_insufficient():
    s = st("u", "50.00", "80.00", "增加", "10.00%")
    [f] = check_rate(s, "new")
    assert f.severity == "insufficient"
    assert f.rule == "上年数 = 本年数 − 增加额 = 50.00 − 80.00 = [−30.01, −29.99]，为负数：各数不能同时正确，无法判断何者有误"


def test_rate_without_amount_is_insufficient():
    s = st("t", None, "6.40", "增加", "7.54%")
    [f] = check_rate(s, "new")
    assert f.severity == "insufficient" and f.stated == "增加 6.40 万元，增长 7.54%"


def test_prior_stated():
    # 较2024年的1,860万元减少124万元: 1,736 − … consistent
    ok = st("s", "1,736", "124", "减少", None, prior_stated=Amount.parse("1,860"))
    assert check_prior_stated(ok, "new") == []
    bad = st("s", "1,736", "124", "减少", None, prior_stated=Amount.parse("1,870"))
    [f] = check_prior_stated(bad, "new")
    assert f.severity == "error" and f.expected == "1,860" and f.distance == "相差 10 万元"
    assert f.rule == "上年数 = 本年数 + 减少额 = 1,736 + 124 = [1,859, 1,861]；所述上年数 1,870 即 [1,869.5, 1,870.5]：不符"


def test_zero_base_not_for_decrease_to_zero():
    s = st("劳动保障监察（项）", "0.00", "35.92", "减少", "100.00%")
    assert check_zero_base(s, "new") == []
