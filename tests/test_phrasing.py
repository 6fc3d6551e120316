"""Phrasing variants of narrative figures (phrasing.md), on short paragraphs built here."""
from dataclasses import replace
from pathlib import Path
from decimal import Decimal

from yoydiff.parsers.narrative import paragraphs, parse_paragraph
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
    assert (s.amount.text, s.change.text, s.comparison, s.hedged) == ("5,000", "200", "上年预算", True)


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


def test_project_count_variants():
    from yoydiff.parsers.narrative import parse_paragraph as pp
    cases = {"当年预算安排项目共27个，其中财政拨款项目涉及预算金额14,900.94万元。": ("当年预算安排项目个数", "当年预算安排项目共27个"),
             "本年度共安排27个项目，合计1,000万元。": ("安排项目个数", "本年度共安排27个项目"),
             "我局实施项目共计5项。": ("实施项目个数", "我局实施项目共计5项"),
             "2025年本部门实行绩效目标管理的项目１７个。": ("实行绩效目标管理的项目个数", "2025年本部门实行绩效目标管理的项目１７个")}
    for text, (subject, quote) in cases.items():
        counts = [(s.subject, s.quote, s.amount) for s in pp(text) if s.topic == "count"]
        assert counts == [(subject, quote, None)], text
    for text in ("安排购置单价50万元以上大型设备0台。", "项目资金27万元。", "整体预算绩效目标0个，涉及预算金额0.00万元。"):
        assert not [s for s in pp(text) if s.topic == "count"], text


def test_change_without_amount_takes_the_earlier_amount_of_its_subject():
    from yoydiff.checks.rates import check_statement
    from yoydiff.parsers.narrative import carry_amounts

    text = "公务接待费10.00万元，公务用车运行维护费20.00万元。其中：公务接待费增加2.00万元，增长25.00%；公务用车运行维护费减少5.00万元，下降30.00%。"
    st = parse_paragraph(text, 3, year=2026)
    change = [s for s in st if s.change is not None]
    assert [(s.subject, s.amount.text, s.quote) for s in change] == [
        ("公务接待费", "10.00", "公务接待费增加2.00万元，增长25.00%"), ("公务用车运行维护费", "20.00", "公务用车运行维护费减少5.00万元，下降30.00%")]
    # 10 − 2 = 8, 2/8 = 25% holds; 20 + 5 = 25, 5/25 = 20% ≠ 30%: flagged
    assert check_statement(change[0], "new") == []
    assert [(f.check, f.severity, f.expected) for f in check_statement(change[1], "new")] == [("rate", "error", "20.00%")]
    # nothing is lent by another year's figure, by two different amounts, or across sections
    for text in ("2025年公务接待费8.00万元。2026年公务接待费增加2.00万元，增长25.00%。",
                 "公务接待费8.00万元，公务接待费10.00万元。公务接待费增加2.00万元，增长25.00%。"):
        assert [s.amount for s in parse_paragraph(text, 3, year=2026) if s.change is not None] == [None], text
    a = parse_paragraph("公务接待费10.00万元。", 3, section="十、三公")
    b = parse_paragraph("公务接待费增加2.00万元，增长25.00%。", 3, section="十一、委托业务费")
    assert carry_amounts(a + b, 2026)[-1].amount is None
    assert carry_amounts(a + [replace(b[0], section="十、三公")], 2026)[-1].amount.text == "10.00"


# Paragraphs of the corpora as a traditional-script mirror publishes them (預算, 較上年, 增長, 萬元, 佔, 分別, 撥款).
TRADITIONAL = [
    "烏魯木齊市人力資源和社會保障局部門收入預算 32,407.23 萬元，其中：一般公共預算 20,673.56 萬元，佔 63.79%，比上年預算增加 1,393.65 萬元，增長 7.23%，主要原因是 2026 年因人員增加、工資調資及增加殘疾人保障金、職業年金單位部分實繳等支出，一般公共預算同比增長明顯。",
    "17. 社會保障和就業支出（類）就業補助（款）其他就業補助支出（項）：2026 年預算數為 1,541.42 萬元，比上年預算減少 664.77 萬元，下降 30.13%，主要原因是新增 2 個項目分別為社會保障和就業-就業補助資金（公就中心）304 萬元、烏財社【2025】215 號關於提前下達 2026 年自治區財政就業補助資金預算項目 357.42 萬元，共計金額 661.42 萬元，故變動度較大。",
    "烏魯木齊市人力資源和社會保障局2026年財政撥款“三公”經費數為91.28萬元，其中：因公出國（境）費用0.00萬元，公務用車購置0.00萬元，公務用車運行維護費91.28萬元，公務接待費0.00萬元。2026年財政撥款“三公”經費預算比上年預算增加6.40萬元，增長7.54%，其中：因公出國（境）費用增加0.00萬元，增長0.00%，主要原因是2025年與2026年均未安排因公出國（境）費用；公務用車購置增加0.00萬元，增長0.00%，主要原因是2025年與2026年均未安排公務用車購置；公務用車運行維護費增加6.40萬元，增長7.54%，主要原因是2026年批復有租用公務用車，因此安排該車輛租金及油料預算支出；公務接待費增加 0.00 萬元，增長 0.00%，主要原因是 2025 年與 2026 年均未安排公務接待費。",
    "11．衛生健康支出（類）公共衛生（款）衛生監督機構（項）：2025年預算數為289.82萬元，同比減少6.70萬元，增幅2.26%，主要原因是衛生監督所人員退休減少，人員經費相應減少。",
    "2025年本部門機關運行經費預算105.40萬元，同比減少5.60萬元，減幅5.05%，主要用於委機關和縣衛生監督所（參照公務員法管理）的辦公費、水電費、郵電費、差旅費、公務用車運行維護費等日常運轉支出。",
]


def _corpus_line(name, needle):
    path = Path(__file__).resolve().parent.parent / "corpora" / name
    return next(ln for ln in path.read_text(encoding="utf-8").splitlines() if needle in ln)


def test_traditional_paragraphs_parse_as_the_simplified_originals():
    u, d = "urumqi/urumqi-hrss-2026.txt", "deptb/2025.txt"
    simplified = [_corpus_line(u, "部门收入预算 32,407.23"), _corpus_line(u, "17. 社会保障和就业支出"),
                  "".join(_corpus_line(u, k) for k in ("2026年财政拨款“三公”经费数为", "2026年财政拨款“三公”经费预算比",
                                                       "因此安排该车辆租金")),
                  _corpus_line(d, "卫生监督机构（项）"), _corpus_line(d, "机关运行经费预算105.40")]
    statements = 0
    for simp, trad in zip(simplified, TRADITIONAL):
        a, b = parse_paragraph(simp, 5, year=2026), parse_paragraph(trad, 5, year=2026)
        assert [replace(s, quote="", reason=None) for s in a] == [replace(s, quote="", reason=None) for s in b]
        assert [(len(s.quote), len(s.reason or "")) for s in a] == [(len(s.quote), len(s.reason or "")) for s in b]
        assert all(s.quote in trad for s in b)
        statements += len(a)
    assert statements == 15
    trip = parse_paragraph(TRADITIONAL[-1], 5, year=2025)[0]
    assert (trip.subject, trip.change.text, trip.rate_word, trip.rate_direction) == ("机关运行经费预算", "5.60", "减幅", "下降")


def test_a_bound_is_a_threshold_not_an_amount():
    s = one("截至上年底，本部门共有车辆12辆，其中单位价值50万元以上通用设备0台（套）。", year=2025)
    assert (s.subject, s.amount.text, s.topic) == ("单位价值", "50", "threshold")
    assert one("办公家具价值560.20万元。", year=2025).topic != "threshold"
    # real js-swb-2019 p.13: 「单价20万元（含）以上的设备33台（套）」 (before: a 国有资产 line 「单价 新增 20.00」 in the memo)
    s = one("本部门共有车辆127辆，其中，一般公务用车127辆。单价20万元（含）以上的设备33台（套）。", year=2019)
    assert (s.subject, s.amount.text, s.topic) == ("单价", "20", "threshold")
    assert one("机关运行经费20万元（含补助）。", year=2025).topic != "threshold"
