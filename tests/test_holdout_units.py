"""The generalisation bugs the held-out pair (tests/test_holdout.py) showed, each on a small input."""
from decimal import Decimal

import pytest

from test_checks_build import a, doc, row, st, table
from yoydiff.checks.lifecycle import wan
from yoydiff.checks.narrative import check_narrative
from yoydiff.parsers.meta import extract_meta
from yoydiff.parsers.narrative import paragraphs, parse_paragraph
from yoydiff.parsers.projects import list_projects
from yoydiff.pdf import Char, Page, read_pages

SIZE = 10.0


def _page(number, lines, width=595.0):
    """A page of 10 pt characters: lines as (x0, top, text)."""
    chars = []
    for x0, top, text in lines:
        x = x0
        for ch in text:
            chars.append(Char(ch, x, x + SIZE, top, top + SIZE, SIZE))
            x += SIZE
    return Page(number, width, 842, tuple(chars), ())


def test_a_justified_line_that_breaks_early_before_a_figure_runs_on():
    """「…占」 / 「81.2%，…」: the line ends 3 em short of the margin because the figure cannot be split;
    the next line starts at the margin, so it is the same paragraph (not a new one)."""
    text = ["（二）支出预算：2025年部门支出预算总计10,317.70万元。其中：基本支出8,373.70万元，占",
            "81.2%，同比增长911.37万元，增幅12.2%；项目支出1,944.00万元，占18.8%，同比增长59.00万",
            "元，增幅3.1%。",
            "（三）结构情况：教育支出8217.14万元。"]
    widths = [len(t) * SIZE for t in text]
    right = 60 + widths[1]
    lines = [(80, 100, text[0]), (60, 116, text[1]), (60, 132, text[2]), (80, 148, text[3])]
    assert right - (80 + widths[0]) > 1.2 * SIZE        # really short of the margin
    pars = paragraphs([_page(1, lines)])
    assert [p.text[:8] for p in pars] == ["（二）支出预算：", "（三）结构情况："]
    st_ = parse_paragraph(pars[0].text)
    basic = next(s for s in st_ if s.subject == "基本支出")
    assert (basic.share.text, basic.change.text, basic.rate.text) == ("81.2", "911.37", "12.2")


def test_a_short_line_without_closing_punctuation_still_ends_a_heading():
    body = "负责全区教育经费的统筹管理，参与拟订教育经费筹措、教育拨款等政策；负责全区教"
    lines = [(60, 100, "（一）主要职能"), (80, 116, body[:-2]), (60, 132, body), (60, 148, "工作。"),
             (60, 164, "（二）机构设置"), (80, 180, body[:-2])]
    assert [p.text[:7] for p in paragraphs([_page(1, lines)])] == ["（一）主要职能", body[:7], "（二）机构设置", body[:7]]


def _gpb(*rows):
    return table("gpb_expense", "表五", [("总计",)], list(rows), unit="元")


def test_item_paragraph_numbered_with_arabic_digits_in_brackets():
    """「（1）…（项）2025年预算为…」: the enumerator and the year before the amount are not the subject."""
    t = _gpb(row("205", "教育支出", "4,030,958.00", unit="元"), row("20501", "教育管理事务", "4,030,958.00", unit="元"),
             row("2050101", "行政运行", "4,030,958.00", unit="元"))
    [s] = parse_paragraph("（1）教育支出（类）教育管理事务（款）行政运行（项）2025年预算为403.10万元，同比增长16.22万元，"
                          "增幅4.2%，主要原因是人员工资标准调整。", year=2025, tables=(t,))
    assert (s.subject, s.code, s.amount.text, s.change.text, s.direction, s.rate.text, s.rate_direction) == (
        "教育支出（类）教育管理事务（款）行政运行（项）", "2050101", "403.10", "16.22", "增加", "4.2", "增长")
    assert s.reason == "人员工资标准调整"
    [s] = parse_paragraph("（12）住房保障支出（类）住房改革支出（款）住房公积金（项）2025年度预算数为17.02万元，与上年持平。")
    assert (s.subject, s.direction) == ("住房保障支出（类）住房改革支出（款）住房公积金（项）", "持平")


def test_budget_units_under_a_heading_that_names_the_section_twice():
    """「一、部门职责及机构设置」 … 「（二）机构设置」 with the list: the list is found under the second heading."""
    pages = [_page(1, [(60, 60, "目录"), (60, 80, "一、部门职责及机构设置"), (60, 100, "二、收支预算总体情况")]),
             _page(2, [(60, 60, "一、部门职责及机构设置"), (60, 80, "（一）主要职能"), (60, 100, "负责全区教育工作。"),
                       (60, 120, "（二）机构设置"), (60, 140, "纳入预算编制范围的单位共2个，包括："),
                       (60, 160, "1.某区教育局（机关）"), (60, 180, "2.某区第一中学"), (60, 200, "二、收支预算总体情况")])]
    assert extract_meta(pages).budget_units == ("某区教育局（机关）", "某区第一中学")


def test_a_table_amount_in_yuan_against_a_sentence_in_wan():
    """The table prints 12,921,854.00 元, the sentence 1292.91万元: the expected figure is given in the
    sentence's unit (1,292.19) and the digit transposition is recognised across the units."""
    t = _gpb(row("2050204", "高中教育", "12,921,854.00", unit="元"))
    s = st("教育支出（类）普通教育（款）高中教育（项）", "1292.91", "46.34", "增加", code="2050204")
    [f] = check_narrative(doc([t], [s]), "new")
    assert (f.severity, f.stated, f.expected, f.distance) == ("error", "1292.91", "1,292.19", "相差 0.72 万元")
    assert f.cause == "两位数字颠倒（1,292.19 → 1292.91）"
    assert "12,921,854.00 即 [12,921,853.995, 12,921,854.005] 元（即 1,292.19 万元）" in f.rule
    assert check_narrative(doc([t], [st("x", "1292.19", code="2050204")]), "new") == []


@pytest.mark.parametrize("value, shown", [(Decimal("600000.00") * Decimal("0.0001"), "60.00"),
                                          (Decimal("12921854.00") * Decimal("0.0001"), "1,292.1854"),
                                          (Decimal("24.2"), "24.20")])
def test_lifecycle_amounts_in_wan_without_trailing_zeros_of_a_yuan_document(value, shown):
    assert wan(value) == shown


_LIST_HTML = """<html><head><style>
@page {{ size: 120mm 90mm; margin: 8mm; }}
body {{ font-family: "Noto Sans CJK SC"; font-size: 8pt; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
td {{ border: 0.5pt solid #000; padding: 1pt 2pt; }}
</style></head><body><p>{lead}</p><table><col style="width:8%"><col style="width:30%"><col style="width:27%">
<col style="width:20%"><col style="width:15%">
<tr><td>序号</td><td>项目名称</td><td>实施单位</td><td>支出功能分类科目</td><td>金额（元）</td></tr>
{rows}</table><p>以上项目均已编制绩效目标。</p></body></html>"""


@pytest.fixture(scope="module")
def running_list(tmp_path_factory):
    """A ruled project list in 元 whose header names its unit, running over a page break."""
    import weasyprint

    rows = "".join(f"<tr><td>{i}</td><td>2025年第{i}号学校校舍维修改造及设备购置项目经费</td><td>某区第{i}中学</td>"
                   f"<td>2050203 初中教育</td><td>{i * 10000 + 3:,}.00</td></tr>" for i in range(1, 13))
    path = tmp_path_factory.mktemp("list") / "list.pdf"
    weasyprint.HTML(string=_LIST_HTML.format(lead="五、项目支出情况" + "。" * 2, rows=rows)).write_pdf(str(path))
    return read_pages(path)


def test_a_project_list_in_yuan_that_runs_over_pages(running_list):
    assert len(running_list) >= 2
    got = [(p.name, p.unit, p.code, p.amount.text, p.amount.unit) for p in list_projects(running_list)]
    assert got == [(f"2025年第{i}号学校校舍维修改造及设备购置项目经费", f"某区第{i}中学", "2050203", f"{i * 10000 + 3:,}.00", "元")
                   for i in range(1, 13)]
    assert list_projects(running_list)[0].amount.value == Decimal("1.0003")
