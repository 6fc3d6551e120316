"""The reader on layouts of real published PDFs: built cases of each general rule (tests/real.py)
and the real Jiangsu file where the rule showed (corpora/real-pdf/jiangsu, development part only)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from real import A4, draw, grid_rects
from yoydiff.cli import main
from yoydiff.pdf import read_pages
from yoydiff.parsers.tables import extract_tables

JS = Path(__file__).resolve().parent.parent / "corpora/real-pdf/jiangsu"


def _rows(t):
    return [(r.code, r.name, [v.text if v else None for v in r.values]) for r in t.rows]


def _ruled_table(extra_texts=(), extra_rects=()):
    xs, ys = [60, 160, 360, 520], [120, 140, 160, 180, 200]
    texts = [("一般公共预算支出表", 200, 60, 16), ("单位：万元", 460, 95, 9),
             ("科目编码", 70, 124, 10), ("科目名称", 170, 124, 10), ("合计", 400, 124, 10),
             ("201", 70, 144, 10), ("一般公共服务支出", 170, 144, 10), ("1,200.00", 400, 144, 10),
             ("20101", 70, 164, 10), ("人大事务", 170, 164, 10), ("1,200.00", 400, 164, 10),
             ("2010101", 70, 184, 10), ("行政运行", 170, 184, 10), ("1,200.00", 400, 184, 10)]
    return {"texts": texts + list(extra_texts), "rects": grid_rects(xs, ys) + list(extra_rects)}


EXPECTED = [("201", "一般公共服务支出", ["1,200.00"]), ("20101", "人大事务", ["1,200.00"]),
            ("2010101", "行政运行", ["1,200.00"])]


def test_page_frame_and_text_outside_the_page_box(tmp_path):
    """WPS paints a rectangle over the whole page and leaves the rest of a long sheet drawn below
    the page box (clipped, invisible): neither is part of the table."""
    pg = _ruled_table(extra_texts=[("2010102", 70, 900, 10), ("一般行政管理事务", 170, 900, 10),
                                   ("9.00", 400, 900, 10)],
                      extra_rects=[(0, 0, A4[0], A4[1], False), (60, 200, 520, 950, False)])
    pages = read_pages(draw(tmp_path / "frame.pdf", [pg]), workers=1)
    assert all(c.top < A4[1] for c in pages[0].chars)
    (t,) = extract_tables(pages).tables
    assert _rows(t) == EXPECTED and [c.leaf for c in t.columns] == ["合计"]


@pytest.mark.skipif(not (JS / "js-rd-2017-yusuan.pdf").exists(), reason="real corpus not present")
def test_rd_2017_check_runs_and_reads_the_wps_grids(tmp_path):
    """The file that crashed `check` (IndexError): WPS page frames made every grid one column."""
    f = JS / "js-rd-2017-yusuan.pdf"
    assert main(["check", str(f), "--json", str(tmp_path / "r.json"), "-q"]) in (0, 1)
    pages = read_pages(f, workers=1)
    t = next(t for t in extract_tables(pages).tables if t.title == "财政拨款支出预算表")
    assert t.pages == (11,) and [c.leaf for c in t.columns] == ["金额"]
    rows = _rows(t)
    assert rows[0] == ("", "合计", ["13,649.07"])
    assert ("2010107", "人大代表履职能力提升", ["403.75"]) in rows
    assert rows[-1] == ("2210202", "提租补贴", ["1,018.01"]) and len(rows) == 19


def _put(chars, text, x, top, size=10.0):
    from yoydiff.pdf import Char
    for ch in text:
        w = size if ord(ch) > 0x2e80 else 0.55 * size
        chars.append(Char(ch, x, x + w, top, top + size, size))
        x += w


def _page(items, rules=(), number=1, size=(600, 800)):
    from yoydiff.pdf import Page
    chars: list = []
    for item in items:
        _put(chars, *item)
    return Page(number, size[0], size[1], tuple(chars), tuple(rules))


def test_unrecognised_titled_table_is_its_own_table():
    """A titled grid of no standard kind (政府采购预算表) ends the table before it: its rows are an
    "other" table, never rows of the 机关运行经费 or expense table above."""
    page = _page([
        ("公开07表", 50, 30), ("一般公共预算支出预算表", 200, 50, 16), ("单位：万元", 500, 80),
        ("科目编码", 50, 100), ("科目名称", 150, 100), ("金额", 400, 100),
        ("201", 50, 120), ("一般公共服务支出", 150, 120), ("300.00", 400, 120),
        ("公开12表", 50, 160), ("2019年政府采购预算表", 200, 180, 16), ("单位：万元", 500, 210),
        ("采购品目", 50, 230), ("经济科目", 150, 230), ("金额", 400, 230),
        ("货物", 50, 250), ("30201", 150, 250), ("12.00", 400, 250),
    ])
    a, b = extract_tables([page]).tables
    assert (a.kind, a.number) == ("gpb_expense", "公开07表") and _rows(a) == [("201", "一般公共服务支出", ["300.00"])]
    assert (b.kind, b.number, b.title) == ("other", "公开12表", "2019年政府采购预算表")
    assert len(b.rows) == 1 and b.rows[0].values[-1].text == "12.00"


def test_title_wrapped_over_two_lines():
    """A long title in a large type wraps its last character (表) to a line of its own."""
    page = _page([
        ("“三公”经费、会议费、培训费支出预算", 60, 70, 26), ("表", 280, 100, 26), ("单位：万元", 500, 148),
        ("合计", 60, 190), ("因公出国（境）费", 150, 190), ("会议费", 400, 190),
        ("183.60", 60, 220), ("0.00", 150, 220), ("427.50", 400, 220),
    ])
    (t,) = extract_tables([page]).tables
    assert t.kind == "three_public" and t.title == "“三公”经费、会议费、培训费支出预算表"
    assert [v.text for v in t.rows[0].values] == ["183.60", "0.00", "427.50"]


def test_number_printed_under_the_title_and_total_in_the_code_cell():
    """公开表一 under the title (not before it); 合计 written in the code column of its row: the column
    stays the code column and 合计 is the row's label."""
    page = _page([
        ("一般公共预算支出预算表", 200, 30, 16), ("公开表七", 50, 60), ("单位：万元", 500, 75),
        ("科目编码", 50, 100), ("科目名称", 150, 100), ("金额", 400, 100),
        ("合计", 50, 120), ("300.00", 400, 120),
        ("201", 50, 140), ("一般公共服务支出", 150, 140), ("300.00", 400, 140),
        ("20101", 50, 160), ("人大事务", 150, 160), ("300.00", 400, 160),
    ])
    (t,) = extract_tables([page]).tables
    assert (t.kind, t.number) == ("gpb_expense", "公开表七")
    assert _rows(t) == [("", "合计", ["300.00"]), ("201", "一般公共服务支出", ["300.00"]),
                        ("20101", "人大事务", ["300.00"])]


def test_three_sided_overview_with_a_label_spanning_two_sides():
    """收支预算总表 of three sides (收入 | 功能分类 | 支出用途): the vertical rules between the functional
    and the economic side stop above 当年支出小计, whose cell spans both sides; its figure stands under
    the economic side's 金额. The label goes with its figure, and every side keeps its own column."""
    from yoydiff.pdf import Rule
    ys = [100, 120, 140, 160, 180]
    rules = [Rule(40, y, 520, y) for y in ys]
    rules += [Rule(x, 100, x, 180) for x in (40, 140, 200, 460, 520)]
    rules += [Rule(x, 100, x, 160) for x in (330, 390)]
    page = _page([
        ("收支预算总表", 200, 40, 16), ("单位：万元", 460, 80),
        ("项目名称", 45, 104), ("金额", 145, 104), ("功能科目名称", 205, 104), ("金额", 335, 104),
        ("项目名称", 395, 104), ("金额", 465, 104),
        ("一、财政拨款", 45, 124), ("300.00", 145, 124), ("一、一般公共服务支出", 205, 124), ("200.00", 335, 124),
        ("一、基本支出", 395, 124), ("250.00", 465, 124),
        ("二、其他资金", 45, 144), ("八、社会保障和就业支出", 205, 144), ("100.00", 335, 144),
        ("二、项目支出", 395, 144), ("50.00", 465, 144),
        ("收入合计", 45, 164), ("300.00", 145, 164), ("支出合计", 310, 164), ("300.00", 465, 164),
    ], rules)
    (t,) = extract_tables([page]).tables
    assert len(t.columns) == 3
    rows = {r.name: [v.text if v else None for v in r.values] for r in t.rows}
    assert rows["一、一般公共服务支出"] == [None, "200.00", None]
    assert rows["一、基本支出"] == [None, None, "250.00"]
    assert rows["收入合计"] == ["300.00", None, None] and rows["支出合计"] == [None, None, "300.00"]


@pytest.mark.skipif(not (JS / "js-zx-2018-yusuan-tables.pdf").exists(), reason="real corpus not present")
def test_one_document_from_narrative_and_tables_files(tmp_path):
    """js-zx-2018: the narrative and the tables published as two PDFs are one document; pages are
    numbered on across the files and every row says its file and its page there."""
    import json

    from yoydiff.reader import read_document
    narrative, tables = JS / "js-zx-2018-yusuan.pdf", JS / "js-zx-2018-yusuan-tables.pdf"
    doc = read_document([narrative, tables])
    assert [(f.first_page, f.page_count) for f in doc.files] == [(1, 17), (18, 12)]
    assert doc.year == 2018 and doc.page_count == 29 and len(doc.statements) > 20
    t = next(t for t in doc.tables if t.number == "公开05表")
    assert t.pages == (22,) and doc.locate(22) == (str(tables), 5)
    row = next(r for r in t.rows if r.code == "2010201")
    assert row.name == "行政运行" and row.page == 22
    alone = read_document(tables)
    assert [(t.number, len(t.rows)) for t in alone.tables] == [(t.number, len(t.rows)) for t in doc.tables]
    out = tmp_path / "doc.json"
    assert main(["parse", str(narrative), str(tables), "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["page_count"] for f in data["files"]] == [17, 12]
    jrow = next(r for t in data["tables"] if t["number"] == "公开05表" for r in t["rows"] if r["code"] == "2010201")
    assert (jrow["page"], jrow["file"], jrow["file_page"]) == (22, str(tables), 5)
    assert main(["parse", str(tables), str(tables)]) == 2            # the same file twice: refused


def test_compare_needs_both_years(capsys):
    assert main(["compare", "--old", "a.pdf"]) == 2
    assert "compare needs the earlier and the later year" in capsys.readouterr().err


def test_explain_names_the_strategy_of_each_table(tmp_path, capsys):
    """`parse --explain PAGE`: the ruled table is read by the lattice strategy, the same table
    without rules by the stream strategy; both print their columns and rows."""
    ruled = draw(tmp_path / "ruled.pdf", [_ruled_table()])
    bare = _ruled_table()
    bare["rects"] = []
    plain = draw(tmp_path / "plain.pdf", [bare])
    assert main(["parse", str(ruled), "--explain", "1"]) == 0
    out = capsys.readouterr().out
    assert "strategy: lattice — columns: 4 vertical rules; rows: 5 horizontal rules" in out
    assert "2010101 | 行政运行 | 1,200.00" in out
    assert main(["parse", str(plain), "--explain", "1"]) == 0
    out = capsys.readouterr().out
    assert "strategy: stream" in out and "2010101 | 行政运行 | 1,200.00" in out
    assert main(["parse", str(plain), "--explain", "3"]) == 2


def test_coverage_counts_a_figure_only_at_its_own_row():
    """A figure counts as covered only when a row holding it covers its line, or a statement quotes
    it with its neighbouring characters: the same amount held in another row of the page, or in a
    statement about another sentence, does not cover it."""
    from yoydiff.reader import _coverage, _Held, _squash
    page = _page([("201", 50, 100), ("一般公共服务支出", 100, 100), ("1,200.00", 300, 100),
                  ("其中行政运行支出1,200.00万元。", 50, 200), ("会议费支出 35.50 万元。", 50, 230)])
    row_elsewhere = {1: [_Held("1200.00", (95, 112)), _Held("1200.00", (150, 170)),
                         _Held("35.50", quote=_squash("培训费35.50万元"))]}
    cov, total, left = _coverage([page], row_elsewhere)
    assert total == 3 and cov == Decimal(1) / Decimal(3)
    assert [u.text for u in left] == ["其中行政运行支出1,200.00万元。", "会议费支出 35.50 万元。"]
    right = {1: [_Held("1200.00", (95, 112)), _Held("1200.00", quote=_squash("行政运行支出1,200.00万元")),
                 _Held("35.50", quote=_squash("会议费支出35.50万元"))]}
    assert _coverage([page], right)[0] == 1


def test_header_at_a_page_foot_and_body_on_the_next_page():
    """Title and header at the foot of page 1 (no figure), the body on page 2 with its own rules:
    the body's columns are its own, the header cells stand over them."""
    from yoydiff.pdf import Rule
    hr = lambda y, a=40, b=560: Rule(a, y, b, y)
    vr = lambda x, t, u: Rule(x, t, x, u)
    p1 = _page([("财政拨款收支预算总表", 200, 700, 16), ("单位：万元", 500, 730), ("收入", 120, 754), ("支出", 400, 754)],
               [hr(750), hr(770), vr(40, 750, 770), vr(300, 750, 770), vr(560, 750, 770)], 1)
    p2 = _page([("一、一般公共预算", 45, 44), ("300.00", 200, 44), ("一、基本支出", 305, 44), ("250.00", 480, 44),
                ("收入合计", 45, 64), ("300.00", 200, 64), ("支出合计", 305, 64), ("300.00", 480, 64)],
               [hr(40), hr(60), hr(80)] + [vr(x, 40, 80) for x in (40, 180, 300, 440, 560)], 2)
    (t,) = extract_tables([p1, p2]).tables
    assert t.kind == "fiscal_overview" and t.pages == (1, 2) and [c.label for c in t.columns] == ["收入", "支出"]
    assert _rows(t) == [("", "一、一般公共预算", ["300.00", None]), ("", "收入合计", ["300.00", None]),
                        ("", "一、基本支出", [None, "250.00"]), ("", "支出合计", [None, "300.00"])]


def test_total_letter_spaced_over_the_code_and_name_cells():
    """合  计 letter-spaced across the code and name columns of a ruled table is one label, 合计."""
    from yoydiff.pdf import Rule
    rules = [Rule(40, y, 520, y) for y in (100, 120, 140, 160)] + [Rule(x, 100, x, 160) for x in (40, 200, 360, 520)]
    page = _page([("一般公共预算机关运行经费支出预算表", 150, 40, 16), ("单位：万元", 460, 80),
                  ("科目编码", 45, 104), ("科目名称", 205, 104), ("机关运行经费支出", 365, 104),
                  ("合", 180, 124), ("计", 215, 124), ("450.00", 365, 124),
                  ("30201", 45, 144), ("办公费", 205, 144), ("450.00", 365, 144)], rules)
    (t,) = extract_tables([page]).tables
    assert _rows(t) == [("", "合计", ["450.00"]), ("30201", "办公费", ["450.00"])]


def _split_code_page(rows, number, header=True, title=True):
    """A ruled page of a table whose code is printed in three cells 类 | 款 | 项."""
    from yoydiff.pdf import Rule
    xs = [40, 80, 120, 160, 360, 520]
    items, top = [], 60
    if title:
        items += [("一般公共预算支出预算表", 200, 20, 16), ("单位：万元", 460, 45)]
    if header:
        items += [("科目编码", 45, top + 4), ("科目名称", 165, top + 4), ("金额", 365, top + 4),
                  ("类", 45, top + 24), ("款", 85, top + 24), ("项", 125, top + 24)]
        top += 40
    ys = [60] + [60 + 20 * (k + 1) for k in range((top - 60) // 20 + len(rows))]
    for k, (lei, kuan, xiang, name, amount) in enumerate(rows):
        y = top + 20 * k + 4
        items += [(lei, 45, y), (kuan, 85, y), (xiang, 125, y), (name, 165, y), (amount, 365, y)]
    rules = [Rule(40, y, 520, y) for y in ys] + [Rule(x, 60, x, ys[-1]) for x in xs]
    return _page([i for i in items if i[0]], rules, number)


def test_code_in_three_cells_on_a_continuation_page_without_header():
    """类 | 款 | 项 in three cells, and a continuation page that repeats neither title nor header:
    the code is the three cells joined, never 212 with 01 02 left in the name."""
    p1 = _split_code_page([("212", "", "", "城乡社区支出", "500.00"), ("212", "01", "", "城乡社区管理事务", "500.00")], 1)
    p2 = _split_code_page([("212", "01", "02", "一般行政管理事务", "300.00"), ("212", "01", "99", "其他城乡社区管理事务支出", "200.00")],
                          2, header=False, title=False)
    (t,) = extract_tables([p1, p2]).tables
    assert t.pages == (1, 2)
    assert [(r.code, r.code_parts, r.name) for r in t.rows] == [
        ("212", ("212",), "城乡社区支出"), ("21201", ("212", "01"), "城乡社区管理事务"),
        ("2120102", ("212", "01", "02"), "一般行政管理事务"), ("2120199", ("212", "01", "99"), "其他城乡社区管理事务支出")]


def test_landscape_page(tmp_path):
    """A landscape page (A4 turned) holds the table the same way."""
    pg = _ruled_table()
    pg["size"] = (A4[1], A4[0])
    pages = read_pages(draw(tmp_path / "landscape.pdf", [pg]), workers=1)
    assert pages[0].width > pages[0].height
    (t,) = extract_tables(pages).tables
    assert _rows(t) == EXPECTED


@pytest.mark.skipif(not (JS / "js-swb-2018-yusuan-tables.pdf").exists(), reason="real corpus not present")
def test_pages_with_rotate_90_are_read_as_displayed():
    """js-swb-2018-yusuan-tables: p.7 is stored portrait with /Rotate 90 (displayed landscape);
    its text is read in the displayed orientation, inside the displayed page box."""
    pages = read_pages(JS / "js-swb-2018-yusuan-tables.pdf", workers=1)
    assert pages[6].width > pages[6].height and pages[7].width < pages[7].height
    t = next(t for t in extract_tables(pages).tables if t.title == "财政拨款支出预算表")
    assert t.pages == (7,)
    assert _rows(t)[:3] == [("", "合计", ["24,458.43"]), ("201", "一般公共服务支出", ["20,153.75"]),
                            ("20131", "党委办公厅（室）及相关机构事务", ["20,153.75"])]


def test_header_rules_and_slivers_make_no_columns():
    """A one-row table under a two-level header: a rule drawn in the header alone (over most of the
    region's height, but past no figure) and a sliver between a double rule are no columns."""
    from yoydiff.pdf import Rule
    rules = [Rule(40, y, 440, y) for y in (100, 140, 160)] + [Rule(120, 120, 360, 120)]
    rules += [Rule(x, 100, x, 160) for x in (40, 120, 360, 440)] + [Rule(x, 120, x, 160) for x in (200, 280)]
    rules += [Rule(95, 100, 95, 140), Rule(203, 100, 203, 160)]
    page = _page([("“三公”经费支出预算表", 150, 40, 16), ("单位：万元", 380, 80),
                  ("合计", 60, 120), ("公务用车购置及运行维护费", 130, 104), ("会议费", 380, 120),
                  ("小计", 140, 126), ("购置费", 220, 126), ("运行维护费", 290, 126),
                  ("30.00", 90, 144), ("20.00", 140, 144), ("5.00", 220, 144), ("15.00", 290, 144), ("10.00", 380, 144)],
                 rules)
    (t,) = extract_tables([page]).tables
    assert [c.label for c in t.columns] == ["合计", "公务用车购置及运行维护费 › 小计", "公务用车购置及运行维护费 › 购置费",
                                            "公务用车购置及运行维护费 › 运行维护费", "会议费"]
    assert [v.text for v in t.rows[0].values] == ["30.00", "20.00", "5.00", "15.00", "10.00"]


def test_widely_spaced_lines_of_one_ruled_header_cell():
    """WPS spaces the lines of a tall header cell far apart (小 … 计): with horizontal rules in the
    header, lines over the same columns and no rule between them are one cell."""
    from yoydiff.pdf import Rule
    rules = [Rule(40, y, 360, y) for y in (100, 180, 200)] + [Rule(120, 130, 360, 130)]
    rules += [Rule(x, 100, x, 200) for x in (40, 120, 360)] + [Rule(240, 130, 240, 200)]
    page = _page([("“三公”经费支出预算表", 120, 40, 16), ("单位：万元", 300, 80),
                  ("合计", 60, 134), ("“三公”经费", 180, 110),
                  ("小", 170, 140), ("计", 170, 164), ("因公出国", 250, 140), ("（境）费", 250, 164),
                  ("30.00", 60, 184), ("20.00", 170, 184), ("10.00", 250, 184)], rules)
    (t,) = extract_tables([page]).tables
    assert [c.label for c in t.columns] == ["合计", "“三公”经费 › 小计", "“三公”经费 › 因公出国（境）费"]
    assert [v.text for v in t.rows[0].values] == ["30.00", "20.00", "10.00"]


@pytest.mark.skipif(not (JS / "js-zx-2018-yusuan-tables.pdf").exists(), reason="real corpus not present")
def test_memo_lists_every_file_of_a_document(tmp_path):
    """The memo's file table names each file of a year published as narrative + tables, with its pages in
    the document and its own SHA-256 (it showed only the last file's name beside the combined hash)."""
    from yoydiff.pdf import sha256_of
    md = tmp_path / "m.md"
    args = ["compare", "--old", str(JS / "js-zx-2017-yusuan.pdf"), "--old", str(JS / "js-zx-2017-yusuan-tables.pdf"),
            "--new", str(JS / "js-zx-2018-yusuan.pdf"), "--new", str(JS / "js-zx-2018-yusuan-tables.pdf"),
            "-o", str(md), "--no-cache", "-q"]
    assert main(args) in (0, 1)
    text = md.read_text(encoding="utf-8")
    assert f"| 2018年预算 | js-zx-2018-yusuan.pdf（第 1–17 页） | 29 | `{sha256_of(JS / 'js-zx-2018-yusuan.pdf')}` |" in text
    assert f"|  | js-zx-2018-yusuan-tables.pdf（第 18–29 页） |  | `{sha256_of(JS / 'js-zx-2018-yusuan-tables.pdf')}` |" in text
    assert "js-zx-2017-yusuan-tables.pdf" in text


def test_a_department_name_caption_is_not_a_column_header(tmp_path):
    """「部门名称：…」 between the title and the grid is a caption, like 编制部门：; a unit caption broken over two
    lines (单位：万 / 元) leaves its 元 on that line. Neither is a header cell (before: 「部门名称：… › 合计」,
    「元 › 合计」)."""
    pg = _ruled_table(extra_texts=[("部门名称：某某厅", 62, 104, 9), ("元", 500, 104, 9)])
    pg["texts"] = [t if t[0] != "单位：万元" else ("单位：万", 460, 92, 9) for t in pg["texts"]]
    (t,) = extract_tables(read_pages(draw(tmp_path / "caption.pdf", [pg]), workers=1)).tables
    assert _rows(t) == EXPECTED and [c.label for c in t.columns] == ["合计"]


@pytest.mark.skipif(not (JS / "js-fy-2019-yusuan.pdf").exists(), reason="real corpus not present")
def test_fy_2019_three_public_header_without_its_captions():
    """js-fy-2019 p.14: 「单位：万」 / 「部门名称：江苏省高级人民法院 元」 above the 三公 grid."""
    pages = read_pages(JS / "js-fy-2019-yusuan.pdf", workers=1)
    t = next(t for t in extract_tables(pages).tables if t.kind == "three_public")
    assert [c.label for c in t.columns] == [
        "合计", "“三公”经费 › 小计", "“三公”经费 › 因公出国（境）费", "“三公”经费 › 公务用车购置及运行维护费 › 小计",
        "“三公”经费 › 公务用车购置及运行维护费 › 公务用车购置费", "“三公”经费 › 公务用车购置及运行维护费 › 公务用车运行维护费",
        "“三公”经费 › 公务接待费", "会议费", "培训费"]
    assert [v.text if v else None for v in t.rows[0].values] == [
        "2,382.02", "513.75", "160.00", "266.80", None, "266.80", "86.95", "271.02", "1,597.25"]
