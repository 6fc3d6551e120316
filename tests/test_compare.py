"""compare() on the corpora PDFs (PDF → document model → matching → changes → cross-year checks).

Every required record of the expected-findings files is found with its severity and figures; every
other error or warning the comparison produces is listed here, literally, with why it is right.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from decimal import Decimal as D

import pytest

from corpus import ROOT, comparison, document
from yoydiff.changes import change_of
from yoydiff.checks.prior import check_prior, implied_prior
from yoydiff.checks.targets import check_targets
from yoydiff.compare import check, compare, refuse_pair, report_to_json
from yoydiff.core import Indicator
from yoydiff.errors import InputError
from yoydiff.numbers import Amount, Percent

A = Amount.parse
PAIRS = {"urumqi": ("urumqi-2025", "urumqi-2026"), "deptb": ("deptb-2024", "deptb-2025")}


def report(pair: str):
    return comparison(*PAIRS[pair])


def figures(text: str) -> set[D]:
    """The numbers a text prints, as decimals ('1,590.46' and '1590.46' are one figure; '%' dropped)."""
    return {D(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


# ---------------------------------------------------------------- the expected-findings records

# record item → (document, check, code or words of the item, stated figures, recomputed figures)
REQUIRED = {
    "urumqi": {
        "208 05 行政事业单位养老支出（款）合计": ("old", "sum", "20805", "1,590.46", "1,580.46"),
        "财政拨款结转 占比": ("old", "share", "财政拨款结转", "12.63%", "12.93%"),
        # the record's recomputed 13.60 / 15.74% rest on an unpublished 2024 base: the document shows base 0
        "就业管理事务（项）": ("old", "zero-base", "2080106", "100.00 100%", "0"),
        "公共就业服务和职业技能鉴定机构（项）": ("old", "narrative", "2080111", "1,012.40", "1,021.40"),
        "事业运行（项）": ("old", "rate", "2080150", "13.35%", "13.53%"),
        "行政单位医疗（项）": ("old", "direction", "2101101", "24.76 5.47%", "24.76 5.47% 452.60"),
        "208 01 08 信息化建设（项）": ("new", "prior", "2080108", "524.75", "534.75 84.75 15.85%"),
        "208 07 99 其他就业补助支出（项）": ("new", "prior", "2080799", "2,206.19", "2,196.19 654.77 29.81%"),
        "208 05 06 机关事业单位职业年金缴费支出（项）": ("new", "zero-base", "2080506", "658.65 100.00%", "0.00"),
        "208 07 01 就业创业服务补助（项）": ("new", "zero-base", "2080701", "165.00 100.00%", "0.00"),
    },
    "deptb": {
        "事业收入 占收入总计的比重": ("new", "share", "事业收入", "30.90%", "30.09%"),
        "210 04 01 疾病预防控制机构（项）": ("new", "rate", "2100401", "5.94%", "5.49%"),
        "210 04 02 卫生监督机构（项）": ("new", "direction", "2100402", "6.70 2.26%", "6.70 2.26% 296.52"),
        "210 04 03 妇幼保健机构（项）": ("new", "narrative", "2100403", "793.80", "739.80"),
        "210 04 10 突发公共卫生事件应急处理（项）": ("new", "zero-base", "2100410", "284.30 100%", "0.00"),
        "210 04 公共卫生（款）合计": ("new", "sum", "21004", "8,531.70", "8,521.70"),
        "210 03 02 乡镇卫生院（项）": ("new", "prior", "2100302", "2,525.30", "2,565.30 60.45 2.36%"),
        "机关运行经费": ("new", "prior", "机关运行经费", "111.00", "105.00 0.40 0.38%"),
    },
}

# Every error and warning each comparison produces: (severity, check, document, page, code or item).
ERRORS_AND_WARNINGS = {
    "urumqi": [
        ("error", "prior", "new", 25, "2080108"),        # record: 2026 implies 524.75, 2025 表5 prints 534.75
        ("error", "prior", "new", 27, "2080799"),        # record: 2026 implies 2,206.19, 2025 表5 prints 2,196.19
        ("error", "sum", "old", 13, "20805"),            # record: 表5 款 1,590.46 vs Σ 项 1,580.46
        ("error", "share", "old", 24, "财政拨款结转"),     # record: 4,206.92 / 32,523.77 = 12.93%, printed 12.63%
        ("error", "narrative", "old", 27, "2080111"),    # record: text 1,012.40, 表5 1,021.40
        ("error", "rate", "old", 27, "2080150"),         # record: 317.47 / 2,345.90 = 13.53%, printed 13.35%
        ("error", "direction", "old", 28, "2101101"),    # record: 减少 24.76 with 增长 5.47%
        ("warning", "count", "new", 45, "项目个数"),       # record (not required): 项目共27个, 七 and 表7 list 28
        # 劳动保障监察事业发展经费 › 接待来人来电来信: the 2025 目标表 sets ≥3000 件, the 2026 one ≥2800 件
        # while saying 3,288 件 were done last year: a lowered target below what was already achieved
        ("warning", "target", "new", 59, "劳动保障监察事业发展经费 › 接待来人来电来信"),
    ],
    "deptb": [
        ("error", "share", "new", 4, "事业收入"),          # record: 5,715.00 / 18,991.44 = 30.09%, printed 30.90%
        ("error", "direction", "new", 5, "2100402"),     # record: 减少 6.70 with 增幅 2.26%
        ("error", "prior", "new", 5, "2100302"),         # record: 2025 implies 2,525.30, 2024 附表5 prints 2,565.30
        ("error", "rate", "new", 5, "2100401"),          # record: 52.50 / 956.38 = 5.49%, printed 5.94%
        ("error", "narrative", "new", 6, "2100403"),     # record: text 793.80, 附表5 739.80
        ("error", "prior", "new", 8, "机关运行经费"),    # record: 2025 implies 111.00, 2024 text 105.00
        ("error", "sum", "new", 14, "21004"),            # record: 附表3 款 8,531.70 vs Σ 项 8,521.70
    ],
}


def _records(pair: str) -> list[dict]:
    return json.loads((ROOT / pair / "expected-findings.json").read_text(encoding="utf-8"))


def _is(f, doc: str, check: str, key: str) -> bool:
    return f.doc == doc and f.check == check and (f.code == key or key in f.item)


@pytest.mark.parametrize("pair", PAIRS)
def test_every_required_record_is_in_the_report(pair):
    records = [r for r in _records(pair) if r["required"]]
    assert sorted(r["item"] for r in records) == sorted(REQUIRED[pair])
    findings = report(pair).findings
    for r in records:
        doc, check, key, stated, recomputed = REQUIRED[pair][r["item"]]
        assert r["check"] == check and figures(stated) <= figures(r["stated"]), r["item"]
        assert check == "zero-base" or figures(recomputed) <= figures(r["recomputed"]), r["item"]
        hits = [f for f in findings if _is(f, doc, check, key)]
        assert [f.severity for f in hits] == [r["expected_severity"]], (r["item"], hits)
        f = hits[0]
        assert figures(stated) <= figures(f.stated), (r["item"], f.stated)
        assert figures(recomputed) <= figures(f.expected + " " + f.rule), (r["item"], f.expected)
        assert f.page is not None and f.rule and f.quote


@pytest.mark.parametrize("pair", PAIRS)
def test_every_error_and_warning_is_listed(pair):
    got = [f for f in report(pair).findings if f.severity in ("error", "warning")]
    listed = ERRORS_AND_WARNINGS[pair]

    def same(f, entry) -> bool:
        severity, check, doc, page, key = entry
        return (f.severity, f.check, f.doc, f.page) == (severity, check, doc, page) and _is(f, doc, check, key)

    assert [(f.check, f.page, f.item, f.stated) for f in got if not any(same(f, e) for e in listed)] == []
    assert [e for e in listed if sum(same(f, e) for f in got) != 1] == []


@pytest.mark.parametrize("pair", PAIRS)
def test_rounding_records_are_not_errors_or_warnings(pair):
    r = report(pair)
    for rec in (x for x in _records(pair) if x["expected_severity"] == "rounding"):
        stated = figures(rec["stated"])
        assert not [f for f in r.findings if f.severity in ("error", "warning") and stated <= figures(f.stated)]
    rounding = {(f.doc, f.page, f.stated) for f in r.findings if f.severity == "rounding" and f.check == "sum"}
    # 表12 unit subtotal 100.27 (urumqi 2026) and 附表7 三公 16.47 (deptb 2025) are found, as rounding
    wanted = {"urumqi": ("new", 22, "100.27"), "deptb": ("new", 20, "16.47")}[pair]
    assert wanted in rounding


def test_prior_findings_in_full():
    (f,) = [f for f in report("urumqi").findings if f.check == "prior" and f.code == "2080108"]
    assert f.quote.endswith("2026年预算数为450.00万元，比上年预算减少74.75万元，下降14.24%，主要原因是合理压缩人力资源和"
                            "社会保障信息事业发展经费项目支出规模，导致该项预算较上年有所减少")
    assert (f.page, f.other_page, f.other_quote) == (25, 13, "208\t01\t08\t信息化建设\t534.75\t\t534.75")
    assert f.item == "社会保障和就业支出（类）人力资源和社会保障管理事务（款）信息化建设（项）"
    assert f.stated == "上年数 524.75 万元（2026 年文件：450.00 + 74.75）"
    assert f.expected == "534.75 万元（2025 年文件 表5 2080108 合计）；按两年文件计算应为减少 84.75 万元，下降 15.85%"
    assert f.rule == ("2026 年文件所述上年数 = 450.00 + 74.75 = 524.75；2025 年文件公布 534.75；相差 10.00 万元"
                      "（区间 [524.740, 524.760] 与 [534.745, 534.755] 不相交）")
    assert (f.distance, f.cause) == ("相差 10.00 万元", "")
    (g,) = [f for f in report("deptb").findings if f.check == "prior" and f.code == ""]
    assert g.other_quote == "2024年本部门机关运行经费预算105.00万元，同比增加3.38万元，增幅3.33%"
    assert (g.page, g.other_page, g.distance) == (8, 8, "相差 6.00 万元")
    assert g.stated == "上年数 111.00 万元（2025 年文件：105.40 + 5.60）"
    assert g.expected.startswith("105.00 万元（2024 年文件 ") and g.expected.endswith("；按两年文件计算应为增加 0.40 万元，增长 0.38%")


def test_no_prior_error_from_the_2025_narrative_misprint():
    # the 2025 text misprints 2080111 (1,012.40 for 1,021.40); 2026 implies 1,021.40 = the 2025 表5 figure
    assert not [f for f in report("urumqi").findings if f.check == "prior" and f.code == "2080111"]
    assert [s for s in document("urumqi-2026").statements if s.code == "2080111"]


# ---------------------------------------------------------------- prior: causes and intervals

def _statement(doc: str, pred):
    (s,) = [s for s in document(doc).statements if pred(s)]
    return s


def test_prior_causes_are_recognised():
    old, new = document("deptb-2024"), document("deptb-2025")
    operating = _statement("deptb-2025", lambda s: s.topic == "operating" and s.amount is not None)
    township = _statement("deptb-2025", lambda s: s.code == "2100302")
    flipped = replace(operating, change=A("0.40"), direction="减少")          # true: 增加 0.40
    swapped = replace(township, change=A("64.05"), rate=Percent.parse("2.50"))  # true change 60.45
    execution = replace(operating, comparison="上年执行数")
    fs = check_prior(old, replace(new, statements=(flipped, swapped, execution)))
    assert [f.severity for f in fs] == ["error", "error", "warning"]
    assert fs[0].cause == "方向词应为“增加”：按“增加”计算，两年文件的数字相符"
    assert fs[1].cause == "增减额两位数字颠倒（60.45 → 64.05）"
    assert fs[2].cause == "上年数采用了上年执行数而非上年预算数"
    on_current = replace(township, change=A("60.45"), rate=Percent.parse("2.30"))   # 60.45 / 2625.75
    assert check_prior(old, replace(new, statements=(on_current,))) == []   # the rate is the rate check's business


def test_implied_prior_intervals():
    s = _statement("urumqi-2026", lambda s: s.code == "2080108")
    i = implied_prior(s)
    assert (i.lo, i.hi) == (D("524.74"), D("524.76"))
    s = replace(s, prior_stated=A("1,860"), change=A("124"))
    assert implied_prior(s).lo == D("1859.5")


# ---------------------------------------------------------------- changes and lifecycle

def test_changes():
    r = report("urumqi")
    by = {(c.section, c.code, c.item): c for c in r.changes}
    c = by[("functional", "2080108", "信息化建设")]
    assert (c.old, c.new, c.change, c.pct) == (D("534.75"), D("450.00"), D("-84.75"), D("-15.85"))
    new_line = by[("functional", "2080506", "机关事业单位职业年金缴费支出")]
    assert (new_line.old, new_line.new, new_line.pct, new_line.status) == (None, D("658.65"), None, "new")
    (merged,) = [c for c in r.changes if c.section == "project" and c.status == "merged"]
    assert merged.item in ("综合业务费 + 档案影像化 → 公共就业服务事业发展经费", "档案影像化 + 综合业务费 → 公共就业服务事业发展经费")
    assert (merged.old, merged.new, merged.pct) == (D("100.00"), D("52.79"), D("-47.21"))
    ops = [c for c in r.changes if c.section == "operating"]
    assert [(c.old, c.new, c.change) for c in ops] == [(D("1180.79"), D("1434.54"), D("253.75"))]
    totals = {c.item: c for c in r.changes if c.section == "structure" and not c.code}
    assert (totals["基本支出"].old, totals["基本支出"].new) == (D("12113.75"), D("14197.84"))
    assert (totals["项目支出"].old, totals["项目支出"].new) == (D("20410.02"), D("18209.39"))
    three = {c.item: (c.old, c.new) for c in r.changes if c.section == "three_public"}
    assert three["财政拨款“三公”经费"] == (D("84.88"), D("91.28"))
    assert change_of(D(0), D(5)) == (D(5), None) and change_of(D(0), D(0)) == (D(0), None)


def test_deptb_changes():
    r = report("deptb")
    income = {c.item: (c.old, c.new) for c in r.changes if c.section == "income"}
    assert income["事业收入"] == (D("5540.00"), D("5715.00"))
    ops = [(c.old, c.new, c.change) for c in r.changes if c.section == "operating"]
    assert ops == [(D("105.00"), D("105.40"), D("0.40"))]   # not the −5.60 the 2025 text states
    # the 三公 table column by column (附表7; MANIFEST: 2025 合计 16.47, 公务用车运行费 12.35, 公务接待费 4.13)
    table = {c.item: (c.old, c.new, c.level) for c in r.changes if c.section == "three_public_table"}
    assert table["合计"][1:] == (D("16.47"), 1) and table["公务用车运行费"][1:] == (D("12.35"), 2)
    assert table["公务接待费"][1:] == (D("4.13"), 1) and table["公务用车购置及运行费小计"][2] == 1


def test_urumqi_three_public_table_by_rows():
    # 表 “三公” lists its categories as rows under 合计 (MANIFEST-2025: “三公” 84.88 → 91.28, all 公务用车运行维护费)
    r = report("urumqi")
    table = {c.item: (c.old, c.new) for c in r.changes if c.section == "three_public_table"}
    assert table["总计"] == (D("84.88"), D("91.28")) and table["公务用车运行维护费"] == (D("84.88"), D("91.28"))
    assert table["因公出国（境）费用"] == (None, None)


def test_lifecycle_reports_the_topmost_line_only():
    r = report("urumqi")
    lines = [f for f in r.findings if f.check == "lifecycle" and f.code and f.code in f.item]   # lines, not projects
    codes = {f.code for f in lines}
    assert {"206", "2080104", "2080506", "2080701"} <= codes
    assert not codes & {"20604", "2060499"}
    assert all(f.severity == "notice" for f in r.findings if f.check == "lifecycle")
    (f,) = [f for f in lines if f.code == "206"]
    assert (f.item, f.stated, f.expected, f.rule) == (
        "功能分类科目 206 科学技术支出", "撤销：科学技术支出（24.20 万元） → —", "本年文件无对应", "跨年度匹配：科目 206 仅见于上年文件")
    (m,) = [f for f in r.findings if f.check == "lifecycle" and f.item == "项目 公共就业服务事业发展经费"]
    assert m.stated.startswith("合并：") and m.stated.endswith("（100.00 万元） → 公共就业服务事业发展经费（52.79 万元）")
    assert m.expected == "匹配得分 0.80" and m.rule.startswith("跨年度匹配：本年文件说明该项目由")


# ---------------------------------------------------------------- refusals and JSON

def test_refusals():
    old, new = document("urumqi-2025"), document("urumqi-2026")
    with pytest.raises(InputError, match="both documents are for 2026"):
        compare(replace(old, year=2026, sha256="x"), new)
    with pytest.raises(InputError, match="older than the old one"):
        compare(new, old)
    with pytest.raises(InputError, match="different departments"):
        compare(document("deptb-2025"), new)
    assert refuse_pair(replace(old, year=2024), new) == ["两份文件相隔 2 年：2026 年文件所述“上年”数指 2025 年，而非 2024 年，故不作上年数核对"]
    assert refuse_pair(replace(old, department="2025年乌鲁木齐市人力资源和社会保障局部门预算"), new) == []


def test_no_prior_check_across_a_gap_of_years():
    # the 2026 document's 上年 is 2025: set against a 2024 document it has no counterpart, so the stated
    # 上年 figures (which do contradict the real 2025 document: the urumqi prior errors) are not checked
    old, new = document("urumqi-2025"), document("urumqi-2026")
    assert [f for f in report("urumqi").findings if f.check == "prior" and f.severity == "error"]
    gap = compare(replace(old, year=2024, sha256="x"), new)
    assert not [f for f in gap.findings if f.check in ("prior", "target")]
    assert "两份文件相隔 2 年：2026 年文件所述“上年”数指 2025 年，而非 2024 年，故不作上年数核对" in gap.warnings


def test_targets():
    def ind(project, name, target, previous=""):
        return Indicator(project, "产出指标", "数量指标", name, target, previous, 3)

    old = replace(document("deptb-2024"), indicators=(
        ind("2024年基本公共卫生服务项目县级配套资金", "居民电子健康档案建档率", "≥90%"),
        ind("2024年基本公共卫生服务项目县级配套资金", "老年人健康管理率", "≥80%"),
        ind("2024年基本公共卫生服务项目县级配套资金", "居民健康素养水平", "逐年提高")))
    new = replace(document("deptb-2025"), indicators=(
        ind("2025年基本公共卫生服务项目县级配套资金", "居民电子健康档案建档率", "≥90%", "92.6%"),
        ind("2025年基本公共卫生服务项目县级配套资金", "老年人健康管理率", "≥78%", "80.1%"),
        ind("2025年基本公共卫生服务项目县级配套资金", "居民健康素养水平", "逐年提高", "逐年提高")))
    (f,) = check_targets(old, new)
    assert (f.item, f.severity) == ("2025年基本公共卫生服务项目县级配套资金 › 老年人健康管理率", "warning")
    assert (f.stated, f.expected) == ("目标值 ≥78%", "上年目标值 ≥80%")
    assert f.rule == "“≥”类指标的目标值低于上年目标值，且低于本年文件所列上年完成值（80.1%）"
    new = replace(new, indicators=(ind("2025年基本公共卫生服务项目县级配套资金", "居民电子健康档案建档率", "≥90%", "88%"),))
    (g,) = check_targets(old, new)
    assert (g.severity, g.stated, g.expected) == ("notice", "上年完成值 88%", "上年目标值 ≥90%")


def test_report_to_json():
    data = report_to_json(report("urumqi"))
    text = json.dumps(data, ensure_ascii=False)
    assert data["command"] == "compare" and data["version"] == 1
    assert data["summary"]["findings"]["error"] == sum(1 for f in data["findings"] if f["severity"] == "error") == 7
    assert sorted(f["code"] for f in data["findings"] if f["check"] == "prior") == ["2080108", "2080799"]
    assert data["summary"]["matches"]["project"] == {"matched": 23, "discontinued": 3, "new": 3, "merged": 1,
                                                     "re-coded": 1}
    c = next(c for c in data["changes"] if c["code"] == "2080108" and c["section"] == "functional")
    assert (c["old"], c["new"], c["change"], c["pct"]) == ("534.75", "450.00", "-84.75", "-15.85")
    assert "信息化建设" in text and json.loads(text) == data


# ---------------------------------------------------------------- a document compared with itself

@pytest.mark.parametrize("name", ["urumqi-2026", "urumqi-2025", "deptb-2025"])
def test_a_document_compared_with_itself(name):
    doc = document(name)
    r = compare(doc, doc)
    assert r.findings == check(doc).findings          # its own findings, once; nothing cross-year
    assert not [f for f in r.findings if f.check in ("prior", "lifecycle", "target")]
    assert r.matches and [m for m in r.matches if m.kind != "matched" or m.score != 1.0] == []
    assert sum(len(m.new) for m in r.matches if m.what == "project") == len(doc.projects)
    assert r.changes and [c for c in r.changes if c.change or c.status != "matched"] == []
    assert r.warnings[0] == "两份文件为同一文件：无变动，仅列示该文件自身的核对结果"


def test_prior_against_a_table_read_without_columns_is_not_a_zero():
    # real js-rd-2017: its 表5 came out with code rows but no columns (header not understood); every
    # 2018 项 statement was reported as an error against "0 (blank)" — a table that could not be read says nothing
    old, new = document("urumqi-2025"), document("urumqi-2026")
    t5 = old.table("gpb_expense")
    blank = replace(t5, columns=(), rows=tuple(replace(r, values=()) for r in t5.rows))
    old_blank = replace(old, tables=tuple(blank if t is t5 else t for t in old.tables))
    coded = [f for f in check_prior(old, new) if f.code]
    assert coded                                   # the readable table gives the planted 2080108 error
    assert not [f for f in check_prior(old_blank, new) if f.code and "合计（空白）" in f.expected]
    assert not [f for f in check_prior(old_blank, new) if f.code and "按 0 计" in f.expected]


def test_narrative_items_are_one_item_across_the_years_wordings():
    """The real js-rd 2018 / 2019 wordings (p.16–17 of each): the same 三公 / 会议费 / 机关运行经费 item is named
    with and without its year, 部门, 一般公共预算拨款安排的 and 预算; they were listed as one new and one dropped item,
    the 三公 parts twice, and 「增加（减少）0万元」 as an item of its own."""
    from test_checks_build import doc, st
    from yoydiff.changes import statement_changes
    old = doc(statements=(
        st("部门2018年度一般公共预算拨款安排的会议费预算支出", "1305.25", topic="three_public"),
        st("因公出国（境）费支出", "222.5", topic="three_public"),
        st("一般公共预算机关运行经费预算支出", "1579.38", topic="operating")))
    new = doc(statements=(
        st("一般公共预算拨款安排的会议费预算支出", "1469.73", topic="three_public"),
        st("因公出国（境）费支出", "199.25", topic="three_public"),
        st("因公出国（境）费预算支出", "199.25", topic="three_public"),
        st("增加（减少）", "0", topic="three_public"),
        st("2019年本部门一般公共预算机关运行经费预算支出", "1642.08", topic="operating")))
    got = [(c.section, c.old, c.new, c.status) for c in statement_changes(old, new)]
    assert got == [("three_public", D("1305.25"), D("1469.73"), "matched"),
                   ("three_public", D("222.5"), D("199.25"), "matched"),
                   ("operating", D("1579.38"), D("1642.08"), "matched")]


def test_procurement_items_bought_or_procured_are_one_item():
    """Real js-fy 2018 「拟购买货物」 and 2019 「拟采购货物支出」 (政府采购 paragraphs)."""
    from test_checks_build import doc, st
    from yoydiff.changes import statement_changes
    old = doc(statements=(st("拟购买货物", "962.86", topic="procurement"),))
    new = doc(statements=(st("拟采购货物支出", "1637.72", topic="procurement"),))
    assert [(c.old, c.new, c.status) for c in statement_changes(old, new)] == [(D("962.86"), D("1637.72"), "matched")]


def test_an_income_table_of_one_column_gives_its_total_by_its_label():
    """The Jiangsu 收入预算总表 lists its sources as rows under one 金额 column: its change is 收入总计's, not 「金额」's."""
    from test_checks_build import doc, row, table
    from yoydiff.changes import structure_changes

    def income(total):
        return table("income", "表2", [("金额",)], [row("", "收入总计", total, page=2),
                                                   row("", "一般公共预算资金", total, page=2)])
    got = [(c.item, c.old, c.new) for c in structure_changes(doc(tables=[income("33,172.15")]),
                                                             doc(tables=[income("37,188.34")])) if c.section == "income"]
    assert got == [("收入总计", D("33172.15"), D("37188.34"))]
