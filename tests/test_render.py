"""The memo and the exports, rendered from a Report built from the real urumqi figures.

Until the reader and compare land, the Report is assembled here from the ground-truth .txt tables
(表3 functional, 表6 economic, 表7 projects) and the findings listed in expected-findings.json,
with the pages where the PDFs print them (looked up once with pdftotext).
"""
from __future__ import annotations

import csv
import hashlib
import json
import logging
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest

from yoydiff.core import Column, Document, Row, Table, Unparsed
from yoydiff.numbers import Amount, parse_decimal
from yoydiff.render import write
from yoydiff.render.memo import build, leaves, pct_text, render_html, render_pdf, signed
from yoydiff.results import Change, Finding, Match, Report

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "urumqi"
OLD_TXT = CORPUS / "urumqi-hrss-2025-reconstructed.txt"
NEW_TXT = CORPUS / "urumqi-hrss-2026.txt"
D = Decimal


# ------------------------------------------------------------------ building the Report from the corpus

def table_lines(txt: Path, number: int) -> list[list[str]]:
    """Tab-separated rows of 表 N of a ground-truth text."""
    lines = txt.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"表 {number}")
    end = next(i for i in range(start + 1, len(lines)) if re.fullmatch(r"表 \d+", lines[i]))
    return [ln.split("\t") for ln in lines[start:end] if "\t" in ln]


def coded_rows(txt: Path, number: int, parts: int) -> dict[str, tuple[str, Decimal, int]]:
    """code -> (name, first amount, level) for the coded rows of a classification table."""
    out = {}
    for cells in table_lines(txt, number):
        codes = [c for c in cells[:parts] if c.strip()]
        if not codes or not all(c.isdigit() for c in codes):
            continue
        name = cells[parts]
        amount = next(parse_decimal(c) for c in cells[parts + 1:] if parse_decimal(c) is not None)
        out["".join(codes)] = (name, amount, len(codes))
    return out


def projects(txt: Path) -> dict[tuple[str, str], Decimal]:
    """(unit, project) -> amount from 表7."""
    out, unit = {}, ""
    for cells in table_lines(txt, 7):
        if len(cells) < 6:
            continue
        if not any(cells[:3]) and cells[3] and not cells[4] and cells[3] not in ("科目名称",):
            unit = cells[3]
        elif cells[2].isdigit() and cells[4]:
            out[(unit, cells[4])] = parse_decimal(cells[5])
    return out


def changes(section: str, old: dict, new: dict) -> list[Change]:
    out = []
    for code in sorted(set(old) | set(new)):
        (name, o, lvl) = old.get(code, (None, None, None))
        (name2, n, lvl2) = new.get(code, (None, None, None))
        status = "matched" if o is not None and n is not None else ("new" if o is None else "discontinued")
        change = (n or D(0)) - (o or D(0))
        pct = None if not o else change * 100 / o
        out.append(Change(section, name2 or name, code, o, n, change, pct, status, lvl2 or lvl))
    return out


def flat(section: str, pairs: list[tuple[str, str, str]], level: int = 1) -> list[Change]:
    rows = {f"{i}": (name, D(o.replace(",", "")), level) for i, (name, o, _) in enumerate(pairs)}
    rows_new = {f"{i}": (name, D(n.replace(",", "")), level) for i, (name, _, n) in enumerate(pairs)}
    return [c.__class__(**{**c.__dict__, "code": ""}) for c in changes(section, rows, rows_new)]


def _undated(name: str) -> str:
    return re.sub(r"[\d（）()〔〕 ]", "", name)


def project_matches(old: dict, new: dict) -> list[Match]:
    out, used_old, used_new = [], set(), set()
    merged_old = [k for k in old if k[1] in ("综合业务费", "档案影像化")]
    merged_new = [k for k in new if k[1] == "公共就业服务事业发展经费"]
    if merged_old and merged_new:
        out.append(Match("project", "merged", tuple(k[1] for k in merged_old), (merged_new[0][1],), 0.0,
                         "同一单位、同一科目，上年两个项目合计与本年一个项目对应",
                         old_amount=sum(old[k] for k in merged_old), new_amount=new[merged_new[0]],
                         old_unit=merged_old[0][0], new_unit=merged_new[0][0]))
        used_old |= set(merged_old)
        used_new |= set(merged_new)
    for k, v in new.items():
        if k in used_new:
            continue
        if k in old and k not in used_old:
            out.append(Match("project", "matched", (k[1],), (k[1],), 1.0, "名称相同", old_amount=old[k],
                             new_amount=v, old_unit=k[0], new_unit=k[0]))
            used_old.add(k), used_new.add(k)
            continue
        cand = next((o for o in old if o not in used_old and o[0] == k[0] and _undated(o[1]) == _undated(k[1])), None)
        if cand:
            out.append(Match("project", "renamed", (cand[1],), (k[1],), 0.93, "仅文号、年度不同", old_amount=old[cand],
                             new_amount=v, old_unit=cand[0], new_unit=k[0]))
            used_old.add(cand), used_new.add(k)
    out += [Match("project", "new", (), (k[1],), 0.0, "", new_amount=v, new_unit=k[0])
            for k, v in new.items() if k not in used_new]
    out += [Match("project", "discontinued", (k[1],), (), 0.0, "", old_amount=v, old_unit=k[0])
            for k, v in old.items() if k not in used_old]
    return out


def overview(total: str, page: int) -> Table:
    col = (Column(("项目",)), Column(("预算数",)))
    return Table("overview", "表 1", "部门收支总体情况表", "万元", col,
                 (Row("", (), "收入总计", (None, Amount.parse(total)), page),), (page,))


def document(pdf: str, year: int, pages: int, total: str, units: tuple[str, ...], unparsed, coverage: str) -> Document:
    path = CORPUS / pdf
    return Document(str(path), hashlib.sha256(path.read_bytes()).hexdigest(), "乌鲁木齐市人力资源和社会保障局", year,
                    "预算", "万元", pages, units, (overview(total, 8),), (), (), (), tuple(unparsed), D(coverage))


def F(doc, severity, check, page, item, stated, expected, rule, quote, **kw) -> Finding:
    return Finding(check, severity, doc, page, item, stated, expected, rule, quote, **kw)


FINDINGS = (
    F("old", "error", "sum", 13, "208 05 行政事业单位养老支出（款）", "1,590.46", "1,580.46",
      "款行应等于其下各项之和（区间规则）", "208\t05\t\t行政事业单位养老支出\t1,590.46", location="表5 一般公共预算支出情况表",
      code="20805", distance="10.00 万元"),
    F("old", "error", "share", 24, "财政拨款结转 占比", "12.63%", "12.93%", "占比 = 金额 ÷ 收入总计（4,206.92 ÷ 32,523.77）",
      "财政拨款结转 4,206.92 万元，占 12.63%", location="二、收入预算情况说明", distance="0.30 个百分点"),
    F("old", "error", "narrative", 27, "公共就业服务和职业技能鉴定机构（项）", "1,012.40", "1,021.40",
      "说明中的金额应与表5同一科目的金额一致", "2025年预算数为1,012.40万元，比上年预算增加52.85万元，增长5.46%",
      location="五（三）第8项", code="2080111", distance="9.00 万元"),
    F("old", "error", "rate", 27, "事业运行（项）", "13.35%", "13.53%", "增长率 = 增减额 ÷ 上年数，上年数 = 金额 − 增减额",
      "2025 年预算数为 2,663.37 万元，比上年预算增加 317.47 万元，增长 13.35%", location="五（三）第10项", code="2080150",
      distance="0.18 个百分点"),
    F("old", "error", "direction", 28, "行政单位医疗（项）", "减少 24.76 万元，增长 5.47%", "减少 24.76 万元，下降 5.47%",
      "“减少”应与“下降”连用", "2025 年预算数为 427.84 万元，比上年预算减少 24.76 万元，增长 5.47%", location="五（三）第18项",
      code="2101101"),
    F("new", "error", "prior", 25, "208 01 08 信息化建设（项）", "减少 74.75 万元，下降 14.24%（上年 524.75）",
      "减少 84.75 万元，下降 15.85%（上年 534.75）", "本年说明所称上年数 = 金额 + 减少额，应等于上年文件公布数",
      "2026年预算数为450.00万元，比上年预算减少74.75万元，下降14.24%", location="五（三）", code="2080108",
      distance="10.00 万元", other_page=13, other_quote="208\t01\t08\t信息化建设\t534.75\t\t534.75"),
    F("new", "error", "prior", 27, "208 07 99 其他就业补助支出（项）", "减少 664.77 万元，下降 30.13%（上年 2,206.19）",
      "减少 654.77 万元，下降 29.81%（上年 2,196.19）", "本年说明所称上年数 = 金额 + 减少额，应等于上年文件公布数",
      "2026 年预算数为 1,541.42 万元，比上年预算减少 664.77 万元，下降 30.13%", location="五（三）", code="2080799",
      distance="10.00 万元", other_page=13, other_quote="208\t07\t99\t其他就业补助支出\t2,196.19\t\t2,196.19"),
    F("old", "notice", "zero-base", 26, "就业管理事务（项）", "增加 100.00 万元，增长 100%", "上年数为 0，增长率无意义，应写“新增”",
      "增减额等于金额即上年为零，不应列示增长率", "2025年预算数为100.00万元，比上年预算增加100.00万元，增长100%", code="2080106"),
    F("new", "notice", "zero-base", 27, "208 05 06 机关事业单位职业年金缴费支出（项）", "增加 658.65 万元，增长 100.00%",
      "上年数为 0，应写“新增”", "增减额等于金额即上年为零，不应列示增长率",
      "2026 年预算数为 658.65 万元，比上年预算增加 658.65 万元，增长 100.00%", code="2080506"),
    F("new", "notice", "zero-base", 27, "208 07 01 就业创业服务补助（项）", "增加 165.00 万元，增长 100.00%",
      "上年数为 0，应写“新增”", "增减额等于金额即上年为零，不应列示增长率",
      "2026 年预算数为 165.00 万元，比上年预算增加 165.00 万元，增长 100.00%", code="2080701"),
    F("new", "warning", "count", 45, "当年预算安排项目个数", "27", "28", "说明所称个数应与项目支出表所列项目数一致",
      "当年预算安排项目共27个", location="十三（四）预算绩效情况"),
    F("new", "rounding", "sum", 22, "乌鲁木齐市退休人员社会化管理服务中心（单位小计）", "100.27", "100.26",
      "小计区间 [100.265, 100.275] 与各项之和区间 [100.245, 100.275] 相交", "乌鲁木齐市退休人员社会化管理服务中心\t100.27",
      location="表12 上年结转结余情况表", distance="0"),
    F("new", "rounding", "sum", 68, "年度预算总额", "65.26", "65.25", "23.73 + 41.5225 = 65.2525，舍入所致",
      "年度预算总额\t65.26", location="项目支出绩效目标表", distance="0"),
    F("new", "target", "target", 60, "就业创业服务补助 · 城镇新增就业人数", "≥ 3.2 万人", "≥ 3.5 万人",
      "本年目标值低于上年目标值", "城镇新增就业人数\t≥3.2万人"),
)

UNITS_OLD = ("乌鲁木齐市人力资源和社会保障局（本级）", "乌鲁木齐市社会保险中心", "乌鲁木齐市公共就业服务中心",
             "乌鲁木齐市劳动人事争议仲裁院", "乌鲁木齐市劳动保障监察支队", "乌鲁木齐市劳动能力鉴定中心")


def urumqi_report() -> Report:
    old = document("urumqi-hrss-2025-reconstructed.pdf", 2025, 52, "32,523.77", UNITS_OLD,
                   [Unparsed(40, "部门整体绩效目标表（跨页续表）", "表格结构未能识别")], "0.962")
    new = document("urumqi-hrss-2026.pdf", 2026, 72, "32,407.23", tuple(u for u in UNITS_OLD if "监察" not in u),
                   [Unparsed(45, "当年预算安排项目共27个，其中：…", "句式未能识别"),
                    Unparsed(68, "年度预算总额 65.26 其中：财政拨款 23.73", "绩效目标表列名未能识别")], "0.978")
    ch = changes("functional", coded_rows(OLD_TXT, 3, 3), coded_rows(NEW_TXT, 3, 3))
    ch += changes("economic", coded_rows(OLD_TXT, 6, 2), coded_rows(NEW_TXT, 6, 2))
    ch += flat("income", [("一般公共预算拨款（一般财力）", "19,279.91", "20,673.56"),
                          ("上级一般公共预算转移支付", "9,036.94", "8,425.22"), ("财政拨款结转", "4,206.92", "3,308.45")])
    ch += flat("structure", [("基本支出", "12,113.75", "14,197.84"), ("项目支出", "20,410.02", "18,209.39")])
    ch += flat("three_public", [("公务用车运行维护费", "84.88", "91.28"), ("因公出国（境）费用", "0", "0")])
    ch += flat("operating", [("机关运行经费", "1,180.79", "1,434.54")])
    matches = project_matches(projects(OLD_TXT), projects(NEW_TXT))
    matches.append(Match("unit", "discontinued", ("乌鲁木齐市劳动保障监察支队",), (), 0.0, "本年单位名单中无此单位"))
    return Report(new=new, old=old, findings=FINDINGS, matches=tuple(matches), changes=tuple(ch))


@pytest.fixture(scope="module")
def report() -> Report:
    return urumqi_report()


@pytest.fixture(scope="module")
def real() -> Report:
    """The real pair, read and compared by the project (reader + compare)."""
    from corpus import comparison

    return comparison("urumqi-2025", "urumqi-2026")


@pytest.fixture(scope="module")
def pdf(real, tmp_path_factory):
    out = tmp_path_factory.mktemp("memo") / "memo.pdf"
    start = time.process_time()
    path, warnings = render_pdf(real, out)
    return path, warnings, time.process_time() - start


def _squash(s: str) -> str:
    return re.sub(r"\s", "", s)


# ------------------------------------------------------------------ tests

def test_percent_is_never_100_on_a_zero_base():
    assert pct_text(None, D("658.65")) == "新增"
    assert pct_text(D(0), D("165.00")) == "新增"
    assert pct_text(D(0), D(0)) == "—"
    assert pct_text(D("534.75"), D("450.00")) == "−15.85%"
    assert pct_text(D("12113.75"), D("14197.84")) == "+17.20%"
    assert signed(D("-116.54")) == "−116.54" and signed(D("2084.09")) == "+2,084.09"


def test_view_model_from_the_urumqi_figures(report):
    memo = build(report)
    assert (memo.total.old, memo.total.new, memo.total.change) == (D("32523.77"), D("32407.23"), D("-116.54"))
    assert memo.total.pct == "−0.36%"
    # errors first, the new document's before the old one's, then by page
    assert sorted(f.item for f in memo.errors) == sorted(f.item for f in FINDINGS if f.severity == "error")
    assert [(f.finding.doc, f.page) for f in memo.errors][:3] == [("new", 25), ("new", 27), ("old", 13)]
    assert len(memo.errors) == 7 and len(memo.rounding) == 2
    assert all(f.finding.severity != "rounding" for f in memo.findings)
    # five largest 项-level changes, computed from 表3 of both years
    assert [(ln.code, ln.change) for ln in memo.top][:3] == [("2080799", D("-1046.54")), ("2080102", D("-979.33")),
                                                         ("2080101", D("790.98"))]
    new_items = {ln.code: ln.pct for ln in memo.section("functional").lines if ln.old is None}
    assert new_items == {"2080506": "新增", "2080701": "新增"}
    assert [ln.code for ln in leaves(list(memo.section("functional").lines))][:2] == ["2060499", "2080101"]
    merged = next(s for s in memo.projects if s.key == "merged").lines
    assert merged[0].old == D("100.00") and "综合业务费" in merged[0].note


def test_pdf_has_the_totals_and_every_required_error(pdf, real):
    from pdfminer.high_level import extract_text

    path, warnings, seconds = pdf
    text = _squash(extract_text(str(path)))
    assert "32,523.77" in text and "32,407.23" in text and "−116.54" in text
    required = [r for r in json.loads((CORPUS / "expected-findings.json").read_text()) if r["required"]]
    number = r"\d[\d,]*\.\d+%?"
    for r in (r for r in required if r["expected_severity"] == "error"):
        stated, recomputed = re.findall(number, r["stated"])[0], re.findall(number, r["recomputed"])[0]
        assert stated in text and recomputed in text, (r["item"], stated, recomputed)
    for f in real.findings:
        if f.severity == "error":
            assert _squash(f.item) in text and _squash(f.stated) in text and _squash(f.quote) in text
    assert "舍入差异" in text and "新增" in text
    assert "+100.00%" not in text     # growth from a zero base is 新增, never +100 %


def test_no_missing_glyph_or_font_warnings(pdf):
    _, warnings, _ = pdf
    bad = [w for w in warnings if re.search(r"glyph|font|字体", w, re.I)]
    assert bad == []


def test_every_embedded_font_is_the_cjk_family(pdf):
    """A glyph missing from the chosen font would be drawn from a fallback font (or as a box): none is embedded."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    path, _, _ = pdf
    names = set()
    with path.open("rb") as fh:
        for page in PDFPage.get_pages(fh):
            for font in (resolve1(page.resources.get("Font")) or {}).values():
                names.add(resolve1(font)["BaseFont"].name.split("+", 1)[-1])
    assert names and all(n.startswith("Noto-Serif-CJK-SC") or n.startswith("Noto-Sans-CJK-SC") for n in names), names


def test_pdf_renders_quickly(pdf):
    from pdfminer.pdfpage import PDFPage

    path, _, seconds = pdf
    with path.open("rb") as fh:
        pages = sum(1 for _ in PDFPage.get_pages(fh))
    logging.getLogger(__name__).warning("memo: %d pages in %.2f s of CPU", pages, seconds)
    assert 6 <= pages <= 30
    assert seconds < 6        # about 2.5 s here; slack for a slow CI machine (CPU time, not wall time)


def test_html_embeds_svg_charts_and_repeating_headers(report):
    html = render_html(report)
    assert html.count("<svg") == 2 and "其他企业改革发展补助" in html
    assert "table-header-group" in html and "counter(pages)" in html


def test_xlsx_totals_are_numbers(real, tmp_path):
    from openpyxl import load_workbook

    path = write(real, tmp_path / "memo.xlsx", quiet=True)
    wb = load_workbook(path)
    assert wb.sheetnames[:4] == ["概要", "发现", "按支出功能分类", "按支出经济分类"]
    summary = {r[0]: r[1] for r in wb["概要"].iter_rows(min_row=2, values_only=True)}
    assert summary["2025年预算 收入总计"] == pytest.approx(32523.77)
    assert summary["2026年预算 收入总计"] == pytest.approx(32407.23)
    ws = wb["按支出功能分类"]
    assert ws.freeze_panes == "A2"
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "2080108")     # 表5 of both years
    assert (row[2].value, row[3].value) == (pytest.approx(534.75), pytest.approx(450.00))
    assert row[2].number_format == "#,##0.00"
    new = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "2080506")
    assert new[2].value is None and new[5].value == "新增"


def test_csv_md_json(report, tmp_path):
    first = write(report, tmp_path / "memo.csv", quiet=True)
    assert first.name == "memo-summary.csv"
    with (tmp_path / "memo-functional.csv").open(encoding="utf-8-sig") as fh:
        rows = {r[0]: r for r in csv.reader(fh)}
    assert rows["208"][2:6] == ["32071.73", "32046.53", "-25.20", "-0.08%"]
    md = write(report, tmp_path / "memo.md", quiet=True).read_text(encoding="utf-8")
    assert "| 2080506 | 机关事业单位职业年金缴费支出（新增） |  | 658.65 | +658.65 | 新增 |" in md
    assert "32,523.77 → 32,407.23" in md and "&#" not in md      # markdown is not HTML-escaped
    data = json.loads(write(report, tmp_path / "memo.json", quiet=True).read_text(encoding="utf-8"))
    row = next(c for c in data["changes"] if c["section"] == "functional" and c["code"] == "208")
    assert (row["old"], row["new"]) == ("32071.73", "32046.53")


def test_unknown_format_is_refused(report, tmp_path):
    from yoydiff.errors import InputError

    with pytest.raises(InputError):
        write(report, tmp_path / "memo.docx", quiet=True)


def test_no_income_mix_chart_from_a_single_column(report):
    """A 收入预算总表 listing its sources as rows has one figure column (金额; the real Jiangsu tables):
    a 100 % bar of 「金额」 says nothing, so there is no mix chart; two sources or more give one."""
    from dataclasses import replace
    assert build(report).charts["mix"]
    income = [c for c in report.changes if c.section == "income"]
    assert len(income) >= 2
    one = replace(income[0], item="金额")
    single = replace(report, changes=tuple(c for c in report.changes if c.section != "income") + (one,))
    assert build(single).charts["mix"] == ""
    assert render_html(single).count("<svg") == 1
