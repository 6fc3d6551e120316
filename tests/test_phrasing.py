"""Phrasing variants of narrative figures (phrasing.md), on short paragraphs built here."""
from decimal import Decimal

from yoydiff.parsers.narrative import HEDGED, paragraphs, parse_paragraph
from yoydiff.pdf import Char, Page


def one(text, **kw):
    st = parse_paragraph(text, 3, **kw)
    assert len(st) == 1, st
    return st[0]


def test_single_character_directions_and_increase_words():
    s = one("培训费12.5万元，较上年增2.5万元，增幅25%。")
    assert (s.amount.value, s.change.value, s.direction, s.direction_word) == (
        Decimal("12.5"), Decimal("2.5"), "增加", "增")
    assert (s.rate.value, s.rate_direction, s.rate_word, s.comparison) == (Decimal(25), "增长", "增幅", "上年预算")
    s = one("差旅费8万元，同比减支1.2万元，降幅13.04%。")
    assert (s.direction, s.direction_word, s.rate_direction, s.rate_word) == ("减少", "减支", "下降", "降幅")
    s = one("会议费3万元，与上年相比减少0.5万元，降低14.29%。")
    assert (s.direction, s.rate_direction, s.rate_word, s.comparison) == ("减少", "下降", "降低", "上年预算")


def test_crosswise_and_contradicting_words_are_kept_as_printed():
    s = one("公务接待费10万元，比上年预算下降52.00万元，减少3.75%。")
    assert (s.direction, s.direction_word, s.rate_direction, s.rate_word) == ("减少", "下降", "下降", "减少")
    s = one("印刷费2万元，较上年减0.30万元，增1.20%。")
    assert (s.direction, s.rate_direction) == ("减少", "增长")


def test_flat_phrasings():
    for text, word in (("因公出国（境）费0万元，与上年持平。", "与上年持平"), ("公务接待费1.5万元，无增减。", "无增减"),
                       ("公务用车购置费0万元，与上年预算相比无变化。", "无变化")):
        s = one(text)
        assert (s.direction, s.direction_word, s.change) == ("持平", word, None)


def test_units_separators_spaces_and_fullwidth():
    s = one("部门收入预算3.2亿元，比上年预算增加1,250.60万元，增长4.07%。")
    assert (s.amount.value, s.amount.unit, s.change.value) == (Decimal("32000"), "亿元", Decimal("1250.60"))
    s = one("办公费 123,456 元，比上年预算增加 23,456 元，增长 23.46 %。")
    assert (s.amount.value, s.change.value, s.rate.value) == (Decimal("12.3456"), Decimal("2.3456"), Decimal("23.46"))
    s = one("基本支出１，２３４．５６万元，较上年增加１２．３４万元，增长１．００％。")
    assert (s.amount.value, s.change.text, s.rate.value) == (Decimal("1234.56"), "12.34", Decimal("1.00"))
    assert s.quote == "基本支出１，２３４．５６万元，较上年增加１２．３４万元，增长１．００％"
    s = one("项目支出18,209.39万元，比上年增加2,200万元，增长2,310.5%。")
    assert s.rate.value == Decimal("2310.5")


def test_no_base_and_blank_rate():
    s = one("职业年金缴费658.65万元，比上年预算增加658.65万元，增长--（上年基数为0，不可比）。")
    assert (s.no_base, s.rate, s.change.text) == (True, None, "658.65")
    s = one("就业补助165万元，上年无此项支出。")
    assert s.no_base and s.amount.text == "165"
    s = one("培训费5万元，增长 %。")
    assert s.rate is None and s.amount.text == "5"


def test_rate_only_and_change_only_statements():
    s = one("委托业务费较上年减少0.8%。")
    assert (s.subject, s.amount, s.change, s.rate.text, s.rate_word) == ("委托业务费", None, None, "0.8", "减少")
    st = parse_paragraph("其中：公务接待费增加0.00万元，增长0.00%，主要原因是均未安排；公务用车运行维护费减少6.40万元，下降7.54%。")
    assert [(s.subject, s.amount, s.change.text, s.rate.text) for s in st] == [
        ("公务接待费", None, "0.00", "0.00"), ("公务用车运行维护费", None, "6.40", "7.54")]
    assert st[0].reason == "均未安排"


def test_paired_lists_split_or_stay_unparsed():
    st = parse_paragraph("人员经费和公用经费分别为800万元、200万元，分别增长5%、下降2%。")
    assert [(s.subject, s.amount.text, s.rate_direction, s.rate.text) for s in st] == [
        ("人员经费", "800", "增长", "5"), ("公用经费", "200", "下降", "2")]
    st = parse_paragraph("人员经费、公用经费分别为800万元、200万元，分别比上年增加10万元、20万元、30万元，分别增长5%、2%。")
    assert [(s.subject, s.change, s.rate.text) for s in st] == [("人员经费", None, "5"), ("公用经费", None, "2")]
    assert parse_paragraph("其中分别为800万元、200万元、100万元，分别增长5%、2%。") == []


def test_comparisons_that_are_not_last_years_budget():
    assert one("办公费20万元，比年初预算增加2万元。").comparison == "年初预算"
    assert one("办公费20万元，比调整预算减少2万元。").comparison == "调整预算"
    assert one("办公费20万元，与上年决算数相比增加2万元。").comparison == "上年决算"
    assert one("办公费20万元，比2019年增加2万元。", year=2026).comparison == "2019年"
    s = one("收入预算1,736万元，较2024年的1,860万元减少124万元，下降6.67%。", year=2025)
    assert (s.comparison, s.prior_stated.value, s.change.text) == ("上年预算", Decimal(1860), "124")


def test_hedged_figures_are_marked():
    s = one("项目支出约5,000万元，比上年预算增加近200万元。")
    assert (s.amount.text, s.change.text, s.comparison) == ("5,000", "200", "上年预算" + HEDGED)


def test_share_with_and_without_whole():
    s = one("事业收入5,715.00万元，占收入总计的30.90%。")
    assert (s.share.text, s.share_of) == ("30.90", "收入总计")
    s = one("一般公共预算 20,673.56 万元，占 63.79%，比上年预算增加 1,393.65 万元，增长 7.23%，主要原因是人员增加。")
    assert (s.share.text, s.share_of, s.reason) == ("63.79", None, "人员增加")


def test_traditional_characters_read_as_simplified():
    s = one("基本支出1,000萬元，較上年增加100萬元，增長11.11%。")
    assert (s.amount.value, s.direction, s.rate_direction) == (Decimal(1000), "增加", "增长")


def _page(number, lines, width=595.0, height=842.0, size=12.0):
    chars = []
    for x0, top, text in lines:
        x = x0
        for ch in text:
            w = size if ord(ch) > 0x2e80 else size / 2
            chars.append(Char(ch, x, x + w, top, top + size, size))
            x += w
    return Page(number, width, height, tuple(chars), ())


def test_paragraph_continues_across_a_page_footer_and_a_broken_number():
    # A sentence broken inside "1,393.65", then a page footer, then the rest on the next page.
    first = _page(1, [(98, 64, "一般公共预算20,673.56万元，比上年预算增加1,393.6"), (74, 90, "5万元，增长7.23%，主要原因是人员增加，工资调整，等等等等"),
                      (74, 116, "各项支出增加，导致预算较上年有所增长，相关数据详见附表各表格内"), (290, 784, "- 3 -")])
    second = _page(2, [(74, 64, "容。"), (98, 90, "项目支出100万元。")])
    pars = paragraphs([first, second])
    assert [p.text[:12] for p in pars] == ["一般公共预算20,673", "项目支出100万元。"]
    st = parse_paragraph(pars[0].text)
    assert (st[0].change.text, st[0].rate.text) == ("1,393.65", "7.23")
    assert pars[0].page_at(len(pars[0].text) - 1) == 2
