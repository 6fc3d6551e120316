"""Narrative statements of the real 2026 Urumqi disclosure, the reconstructed 2025 one and deptb 2025.

Every expected figure below was read by hand from the corpora .txt files.
"""
import json
from decimal import Decimal
from pathlib import Path

import pytest

from yoydiff.parsers.narrative import extract_statements, is_yoy
from yoydiff.parsers.tables import extract_tables
from corpus import pages_at

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def _parse(path):
    pages = pages_at(path)
    result = extract_tables(pages)
    statements, unparsed = extract_statements(pages, result.regions, result.tables)
    return statements, unparsed


@pytest.fixture(scope="module")
def u2026():
    return _parse(CORPORA / "urumqi" / "urumqi-hrss-2026.pdf")


@pytest.fixture(scope="module")
def u2025():
    return _parse(CORPORA / "urumqi" / "urumqi-hrss-2025-reconstructed.pdf")


@pytest.fixture(scope="module")
def d2025():
    return _parse(CORPORA / "deptb" / "2025.pdf")


def _row(s):
    return (s.amount and s.amount.text, s.direction, s.change and s.change.text,
            s.rate_direction, s.rate and s.rate.text)


# 五（三）: code, amount, direction, change, rate direction, rate
ITEMS_2026 = [
    (None, "0.00", "减少", "24.20", "下降", "100.00"),        # 206 04 99: not in the tables (0.00)
    ("2080101", "8,115.18", "增加", "790.98", "增长", "10.80"),
    ("2080102", "477.39", "减少", "986.28", "下降", "67.38"),
    ("2080104", "0.00", "减少", "35.92", "下降", "100.00"),   # 劳动保障监察: not in the tables (0.00), code from the catalogue
    ("2080106", "52.79", "减少", "47.21", "下降", "47.21"),
    ("2080108", "450.00", "减少", "74.75", "下降", "14.24"),
    ("2080109", "2,185.20", "减少", "200.65", "下降", "8.41"),
    ("2080111", "1,103.62", "增加", "82.22", "增长", "8.05"),
    ("2080112", "40.32", "增加", "10.32", "增长", "34.40"),
    ("2080150", "3,044.63", "增加", "381.26", "增长", "14.31"),
    ("2080501", "344.97", "增加", "13.30", "增长", "4.01"),
    ("2080502", "36.62", "增加", "7.47", "增长", "25.63"),
    ("2080505", "1,317.29", "增加", "97.65", "增长", "8.01"),
    ("2080506", "658.65", "增加", "658.65", "增长", "100.00"),
    ("2080699", "7,511.00", "增加", "796.00", "增长", "11.85"),
    ("2080701", "165.00", "增加", "165.00", "增长", "100.00"),
    ("2080799", "1,541.42", "减少", "664.77", "下降", "30.13"),
    ("2082501", "297.00", "增加", "17.00", "增长", "6.07"),
    ("2089999", "1,397.00", "减少", "137.00", "下降", "8.93"),
    ("2101101", "360.70", "减少", "67.14", "下降", "15.69"),
]


def test_2026_item_paragraphs(u2026):
    items = [s for s in u2026[0] if s.topic == "item" and s.change is not None]
    assert [(s.code, *_row(s)) for s in items] == ITEMS_2026
    assert all(is_yoy(s) and s.reason for s in items)
    assert items[6].page == 26 and items[14].page == 27     # 7. and 15. (whose rate is on the next page)


def test_2026_totals_sources_and_other_yoy(u2026):
    yoy = {(s.topic, s.subject): _row(s) + (s.share and s.share.text,) for s in u2026[0] if s.change is not None}
    assert yoy[("income_source", "一般公共预算")] == ("20,673.56", "增加", "1,393.65", "增长", "7.23", "63.79")
    assert yoy[("income_source", "上级一般公共预算安排的转移支付资金")] == (
        "8,425.22", "减少", "611.72", "下降", "6.77", "26.00")
    assert yoy[("income_source", "财政拨款结转")] == ("3,308.45", "减少", "898.47", "下降", "21.36", "10.21")
    assert yoy[("project", "项目支出")] == ("14,900.94", "减少", "1,302.16", "下降", "8.04", None)
    assert yoy[("operating", "机关运行经费财政拨款预算")] == ("1,434.54", "增加", "253.75", "增长", "21.49", None)
    basic = [_row(s) + (s.share and s.share.text,) for s in u2026[0] if s.topic == "basic" and s.change]
    assert basic == [("14,197.84", "增加", "2,084.09", "增长", "17.20", "43.81"),
                     ("14,197.84", "增加", "2,084.09", "增长", "17.20", None)]
    three = [(s.subject, *_row(s)) for s in u2026[0] if s.topic == "three_public" and s.change]
    # the change sentences take the amounts stated in the paragraph before them (same section)
    assert three == [
        ("财政拨款“三公”经费预算", "91.28", "增加", "6.40", "增长", "7.54"),
        ("因公出国（境）费用", "0.00", "增加", "0.00", "增长", "0.00"),
        ("公务用车购置", "0.00", "增加", "0.00", "增长", "0.00"),
        ("公务用车运行维护费", "91.28", "增加", "6.40", "增长", "7.54"),
        ("公务接待费", "0.00", "增加", "0.00", "增长", "0.00"),
    ]
    assert len([s for s in u2026[0] if s.change is not None]) == 33
    totals = {s.topic: s.amount.value for s in u2026[0] if s.topic in ("income_total", "expense_total")}
    assert totals == {"income_total": Decimal("29098.78"), "expense_total": Decimal("32407.23")}


def test_2026_shares_amounts_and_codes(u2026):
    st = u2026[0]
    lei = [(s.code, s.amount.text, s.share.text) for s in st if s.topic == "item" and s.share]
    assert lei == [("208", "28,738.08", "98.76"), ("210", "360.70", "1.24")]
    three = {s.subject: s.amount.text for s in st if s.topic == "three_public" and s.change is None}
    assert three == {"财政拨款“三公”经费": "91.28", "因公出国（境）费用": "0.00", "公务用车购置": "0.00",
                     "公务用车运行维护费": "91.28", "公务接待费": "0.00"}
    proc = [s.amount.text for s in st if s.topic == "procurement"]
    assert proc == ["1,985.18", "40.56", "0.00", "1,944.62", "1,808.06", "1,516.42"]
    assets = {s.subject: s.amount.text for s in st if s.topic == "assets"}
    assert assets["房屋"] == "532.03" and assets["执法执勤用车"] == "50.46" and assets["其他资产价值"] == "7,378.43"
    carry = [s.amount.text for s in st if s.topic == "carryover" and s.subject.startswith("特定目标")]
    assert carry == ["41.52", "23.73", "99.68", "0.45", "0.13", "96.00", "78.90", "118.80"]
    assert sum(1 for s in st if s.topic == "entrusted") == 7
    assert not u2026[1]


def test_quotes_are_exact_and_contain_expected_findings(u2026, u2025, d2025):
    docs = {"urumqi-hrss-2026.txt": u2026[0], "urumqi-hrss-2025-reconstructed.txt": u2025[0], "2025.txt": d2025[0]}
    records = json.loads((CORPORA / "urumqi" / "expected-findings.json").read_text()) + \
        json.loads((CORPORA / "deptb" / "expected-findings.json").read_text())
    checked = 0
    for r in records:
        doc = r["doc"].split(" + ")[0]
        if doc not in docs or "\t" in r["quote"] or not any(w in r["quote"] for w in ("万元", "%")):
            continue
        assert any(r["quote"] in s.quote for s in docs[doc]), r["quote"]
        checked += 1
    assert checked == 16


def test_2025_planted_statements(u2025):
    by_amount = {s.amount.text: s for s in u2025[0] if s.topic == "item" and s.change}
    assert _row(by_amount["427.84"]) == ("427.84", "减少", "24.76", "增长", "5.47")
    assert by_amount["427.84"].direction_word == "减少" and by_amount["427.84"].rate_word == "增长"
    assert by_amount["427.84"].code == "2101101"
    assert _row(by_amount["100.00"]) == ("100.00", "增加", "100.00", "增长", "100")
    assert _row(by_amount["2,663.37"]) == ("2,663.37", "增加", "317.47", "增长", "13.35")
    assert _row(by_amount["1,012.40"]) == ("1,012.40", "增加", "52.85", "增长", "5.46")
    flat = [s for s in u2025[0] if s.direction == "持平"]
    assert [(s.code, s.amount.text, s.direction_word, s.change) for s in flat] == [
        ("2080112", "30.00", "与上年预算持平", None)]
    share = next(s for s in u2025[0] if s.subject == "财政拨款结转")
    assert (share.amount.text, share.share.text) == ("4,206.92", "12.63")


def test_deptb_2025_phrasings(d2025):
    st = d2025[0]
    by_code = {s.code: s for s in st if s.topic == "item" and s.change}
    assert len(by_code) == 20
    assert (_row(by_code["2100402"]), by_code["2100402"].rate_word) == (("289.82", "减少", "6.70", "增长", "2.26"), "增幅")
    assert _row(by_code["2100401"]) == ("1008.88", "增加", "52.50", "增长", "5.94")
    assert _row(by_code["2100403"]) == ("793.80", "增加", "74.68", "增长", "10.38")
    assert _row(by_code["2100410"]) == ("284.30", "增加", "284.30", "增长", "100")
    assert _row(by_code["2100302"]) == ("2625.75", "增加", "100.45", "增长", "3.98")
    assert _row(by_code["2100409"]) == ("255.40", "减少", "12.60", "下降", "4.70")
    op = next(s for s in st if s.topic == "operating")
    assert (_row(op), op.rate_word, op.comparison) == (("105.40", "减少", "5.60", "下降", "5.05"), "减幅", "上年预算")
    trip = next(s for s in st if s.subject == "因公出国（境）费")
    assert (trip.amount.text, trip.direction, trip.direction_word) == ("0", "持平", "与上年持平")
    car = next(s for s in st if s.subject == "公务用车购置及运行维护费")
    assert _row(car) == ("12.35", "减少", "1.25", "下降", "9.19")
    income = [(s.subject, s.amount.text, s.share.text, s.share_of) for s in st if s.topic == "income_source" and s.share]
    assert income == [("一般公共预算拨款收入", "13,184.44", "69.42", "收入总计"),
                      ("事业收入", "5,715.00", "30.90", "收入总计"), ("其他收入", "92.00", "0.48", "收入总计")]
    zero = [(s.subject, s.topic) for s in st if s.amount and s.amount.text == "0" and s.page == 4]
    assert zero == [("政府性基金预算拨款收入", "fund"), ("国有资本经营预算拨款收入", "income_source")]
    total = next(s for s in st if s.topic == "income_total")
    assert _row(total) == ("18,991.44", "增加", "1,078.28", "增长", "6.02")


# ---- counts and amounts carried into change sentences (on the cached corpus documents)

def test_project_counts_are_statements_and_the_count_check_fires():
    from corpus import document
    from yoydiff.checks import run_document_checks

    doc = document("urumqi-2026")
    counts = [(s.subject, s.quote, s.page, s.amount, s.topic) for s in doc.statements if s.topic == "count"]
    assert counts == [("当年预算安排项目个数", "当年预算安排项目共27个", 45, None, "count")]
    found = [(f.severity, f.stated, f.expected, f.page) for f in run_document_checks(doc, "new") if f.check == "count"]
    assert found == [("warning", "27", "28", 45)]
    deptb = [(s.subject, s.quote) for s in document("deptb-2025").statements if s.topic == "count"]
    assert deptb == [("安排项目个数", "共安排项目17个"), ("实行绩效目标管理的项目个数", "2025年本部门实行绩效目标管理的项目17个")]
    assert not [f for f in run_document_checks(document("deptb-2025"), "new") if f.check == "count"]


def test_three_public_changes_take_the_amount_stated_before_and_their_rates_hold():
    from corpus import document
    from yoydiff.checks import run_document_checks

    for name, total, change in (("urumqi-2026", "91.28", "6.40"), ("urumqi-2025", "84.88", "3.68")):
        doc = document(name)
        changed = [s for s in doc.statements if s.topic == "three_public" and s.change is not None]
        assert [s.amount.text for s in changed] == [total, "0.00", "0.00", total, "0.00"]
        assert changed[0].change.text == change and changed[0].quote.startswith(f"{doc.year}年财政拨款“三公”经费预算比上年")
        assert changed[4].quote.startswith("公务接待费增加") and changed[4].quote.count("万元") == 1
        found = run_document_checks(doc, "new")
        assert not [f for f in found if f.check == "rate" and "三公" in f.location]
        assert not [f for f in found if f.severity == "insufficient"]


@pytest.mark.parametrize("footer", ["─ 14 ─", "— 14 —", "- 14 -", "14", "第 14 页", "第 14 页，共 40 页"])
def test_a_page_number_line_is_no_part_of_a_paragraph(footer):
    """Regression (real js-rd-2019 p.16–17, footer 「─ 14 ─」 in U+2500): the footer between two pages was
    joined into the next sentence's subject."""
    from yoydiff.parsers.narrative import paragraphs
    from yoydiff.parsers.phrases import FOOTER_RE
    from yoydiff.pdf import Char, Page

    def page(number, lines):
        chars = []
        for top, text in lines:
            x = 60.0
            for ch in text:
                chars.append(Char(ch, x, x + 12, top, top + 12, 12.0))
                x += 12
        return Page(number, 595, 842, tuple(chars), ())
    pages = [page(1, [(700, "十一、机关运行经费支出预算情况说明"), (760, footer)]),
             page(2, [(60, "2019年本部门一般公共预算机关运行经费预算支出1642.08万元。")])]
    assert FOOTER_RE.match(footer)
    text = "".join(p.text for p in paragraphs(pages))
    assert "14" not in text.replace("1642.08", "") and "2019年本部门一般公共预算机关运行经费预算支出" in text


# ---- a change sentence of no subject of its own takes the subject and amount of the sentence before it ------

def _one_paragraph(text, year=2018):
    from yoydiff.parsers.narrative import parse_paragraph
    return parse_paragraph(text, section="（二）支出预算总计", year=year)


def _figs(s):
    return (s.subject, s.amount and s.amount.text, s.change and s.change.text, s.rate and s.rate.text, s.carried)


@pytest.mark.parametrize("middle", ["", "主要用于人员支出、日常公用支出。"])
def test_a_change_sentence_without_subject_continues_the_amount_before_it(middle):
    from yoydiff.checks.rates import check_statement
    first = f"1．住房保障（类）支出 300.00 万元，{middle}" if middle else "此外，基本支出预算数为 300.00 万元。"
    [s] = _one_paragraph(first + "与上年相比增加 50.00 万元，增长 20.00%。主要原因是调整了提租补贴标准。")
    assert _figs(s)[1:] == ("300.00", "50.00", "20.00", True)
    assert s.subject in ("住房保障（类）支出", "基本支出")
    # the quote runs over both sentences, and a finding on it says where the subject came from
    assert s.quote.startswith(s.subject) and s.quote.endswith("增长 20.00%") and "。与上年相比" in s.quote
    assert check_statement(s, "new") == []
    [wrong] = _one_paragraph(first + "与上年相比增加 50.00 万元，增长 25.00%。")
    [f] = [f for f in check_statement(wrong, "new") if f.check == "rate"]
    assert f.severity == "error" and "主体取自前句" in f.rule and "。与上年相比" in f.quote


@pytest.mark.parametrize("before", [
    "基本支出 300.00 万元，项目支出 100.00 万元。",                        # two candidate subjects
    "基本支出 300.00 万元，主要用于工资 200.00 万元、公用经费 100.00 万元。",  # a 主要用于 list with amounts
    "基本支出 300.00 万元，比上年增加 10.00 万元。",                          # it compares already
    "2017年基本支出预算数为 250.00 万元。",                                  # last year's figure, not this year's amount
])
def test_no_carry_when_the_sentence_before_is_not_one_plain_amount(before):
    found = _one_paragraph(before + "与上年相比增加 50.00 万元，增长 20.00%。")
    change = [s for s in found if s.change is not None and s.change.text == "50.00"]
    assert len(change) == 1 and change[0].amount is None and not change[0].carried
    assert not any(s.carried for s in found)


def test_an_amount_with_its_share_lends_itself_only_to_a_change_in_money():
    """「…10,070.48万元，占本年支出合计的99.21%。与上年相比，增加1,003.69万元，增长11.07%。」 (the js-zx shape): a change in
    万元 is the amount's; a rate alone after a share may be the share's, and is left unread."""
    first = "2018年度一般公共预算财政拨款支出预算 300.00 万元，占本年支出合计的 75.00%。"
    [s] = _one_paragraph(first + "与上年相比，增加 50.00 万元，增长 20.00%。")
    assert _figs(s) == ("一般公共预算财政拨款支出预算", "300.00", "50.00", "20.00", True) and s.share.text == "75.00"
    found = _one_paragraph(first + "与上年相比，增长 20.00%。")
    assert [_figs(x)[1:] for x in found] == [("300.00", None, None, False), (None, None, "20.00", False)]


def test_no_carry_across_a_paragraph_or_a_heading(tmp_path):
    """A text file's lines are paragraphs: the change after a paragraph break (or a heading) keeps no amount;
    the same sentences in one paragraph carry it."""
    from yoydiff.reader import read_document
    amount, change = "基本支出预算数为 300.00 万元。", "与上年相比增加 50.00 万元，增长 20.00%。"
    texts = {"one": amount + change, "two": amount + "\n" + change, "heading": amount + "\n二、项目支出\n" + change}
    got = {}
    for name, text in texts.items():
        p = tmp_path / f"{name}.txt"
        p.write_text("江苏省某部门2018年部门预算\n" + text, encoding="utf-8")
        got[name] = [_figs(s) for s in read_document(p).statements]
    assert got["one"] == [("基本支出", "300.00", "50.00", "20.00", True)]
    for name in ("two", "heading"):
        assert got[name] == [("基本支出", "300.00", None, None, False), ("", None, "50.00", "20.00", False)]


def test_a_chained_change_sentence_is_not_carried_twice():
    """「…300万元。与上年相比增加50万元，增长20%。与年初预算相比增加5万元。」: the second change follows a sentence
    that made no statement of its own (it continued one): it is left unread of its amount."""
    found = _one_paragraph("基本支出预算数为 300.00 万元。与上年相比增加 50.00 万元，增长 20.00%。与年初预算相比增加 5.00 万元。")
    assert [_figs(s)[1:] for s in found] == [("300.00", "50.00", "20.00", True), (None, "5.00", None, False)]


@pytest.mark.skipif(not (CORPORA / "real-pdf/jiangsu/js-rd-2018-yusuan.pdf").exists(), reason="real corpus not present")
def test_real_rd_2018_changes_take_the_subject_of_the_sentence_before():
    """Real js-rd-2018 p.20–21 (dev): 「单位预留机动经费预算数为1685.72万元。与上年相比增加1557.29万元，增长1312.56 %。」
    The rate is wrong: last year's 单位预留机动经费 is 128.43万元 (js-rd-2017 p.24, 1685.72 − 1557.29 = 128.43),
    so the rise is 1,212.56% (checked by hand on the page)."""
    from yoydiff.checks.rates import check_statement
    from yoydiff.pdf import read_pages
    pages = [p for p in read_pages(CORPORA / "real-pdf/jiangsu/js-rd-2018-yusuan.pdf", workers=1) if p.number in (20, 21)]
    statements, _ = extract_statements(pages, {}, ())
    carried = {s.subject: s for s in statements if s.carried}
    assert [(s.page, s.amount.text, s.change.text, s.rate.text) for s in carried.values()] == [
        (20, "12706.28", "2177.95", "20.69"), (20, "1068.78", "539.73", "33.55"), (20, "2122.38", "610.15", "40.35"),
        (21, "7877.76", "211.08", "2.75"), (21, "6333.96", "480", "8.2"), (21, "1685.72", "1557.29", "1312.56")]
    assert list(carried)[-3:] == ["基本支出", "项目支出", "单位预留机动经费"]
    assert carried["社会保障和就业（类）支出"].direction == "减少"
    errors = {s.subject: [f for f in check_statement(s, "new") if f.severity == "error"] for s in carried.values()}
    assert {k for k, v in errors.items() if v} == {"单位预留机动经费"}
    [f] = errors["单位预留机动经费"]
    assert f.expected == "1,212.56%" and f.stated == "1312.56%"
