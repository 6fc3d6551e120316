"""Disclosure text that is not a PDF: a web page saved as .html, a .txt (UTF-8 or GBK), read by the same
statement reader and checked without tables; refused only when it holds no budget statement."""
from decimal import Decimal

from test_checks_build import doc, row, st, table
from yoydiff.checks.crosstable import code_cells
from yoydiff.cli import main
from yoydiff.core import WARN_TEXT_INPUT
from yoydiff.reader import read_document
from yoydiff.textpages import html_lines, lay_out

SENTENCES = ("XX县财政局2024年度“三公”经费说明",
             "2024年“三公”经费财政拨款预算为36.50万元，比上年减少3.50万元，下降8.75%。",
             "其中：公务接待费预算为12.00万元，比上年增加2.00万元，增长25.00%。")


def _figures(d):
    return [(s.subject, s.amount and s.amount.text, s.change and s.change.text, s.rate and s.rate.text)
            for s in d.statements]


def test_txt_is_read_into_statements(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("\n".join(SENTENCES), encoding="utf-8")
    d = read_document(p)
    assert d.tables == () and d.year == 2024
    assert _figures(d) == [("“三公”经费财政拨款预算", "36.50", "3.50", "8.75"),
                           ("公务接待费预算", "12.00", "2.00", "25.00")]
    assert WARN_TEXT_INPUT in d.warnings and "按文本" in WARN_TEXT_INPUT


def test_each_line_is_its_own_paragraph(tmp_path):
    # without closing punctuation, two lines of a PDF would run on; two lines of a text file do not
    p = tmp_path / "page.txt"
    p.write_text("一般公共预算支出36.50万元\n上年为30.00万元", encoding="utf-8")
    d = read_document(p)
    assert [s.quote for s in d.statements] == ["一般公共预算支出36.50万元", "上年为30.00万元"]


def test_gbk_text_is_read(tmp_path):
    p = tmp_path / "page.txt"
    p.write_bytes("\n".join(SENTENCES).encode("gb18030"))
    assert len(read_document(p).statements) == 2


def test_html_page_paragraphs_and_table_rows(tmp_path):
    html = ("<html><head><title>说明</title><script>var x='100万元';</script></head><body>"
            f"<div class='c'><p>{SENTENCES[1]}</p><p>{SENTENCES[2]}</p>"
            "<table><tr><th>项目</th><th>预算数</th></tr><tr><td>公务接待费</td><td>12.00</td></tr></table>"
            "</div></body></html>")
    assert html_lines(html) == [SENTENCES[1], SENTENCES[2], "项目 | 预算数", "公务接待费 | 12.00"]
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    d = read_document(p)
    assert [f[1] for f in _figures(d)] == ["36.50", "12.00"]


def test_check_command_reads_a_web_page(tmp_path, capsys):
    p = tmp_path / "page.html"
    # 3.50 / (36.50 + 3.50) = 8.75%; a slip planted in the second rate: 2.00 / 10.00 = 20.00%, not 25.00%
    p.write_text(f"<p>{SENTENCES[1]}</p><p>{SENTENCES[2]}</p>", encoding="utf-8")
    assert main(["check", str(p), "-q"]) == 1
    out = capsys.readouterr().out
    assert "ERROR [rate]" in out and "25.00%" in out and "8.75%" not in out.split("ERROR")[1]


def test_text_without_budget_statement_is_refused(tmp_path, capsys):
    p = tmp_path / "news.txt"
    p.write_text("本站新闻：今天天气晴，气温25度。\n联系我们", encoding="utf-8")
    assert main(["check", str(p), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a budget disclosure" in err[0]


def test_text_without_chinese_is_refused(tmp_path, capsys):
    p = tmp_path / "x.txt"
    p.write_text("hello 12.5", encoding="utf-8")
    assert main(["parse", str(p)]) == 2
    assert "no Chinese" in capsys.readouterr().err


def test_layout_pages_and_positions():
    pages = lay_out([f"第{i}行" for i in range(95)])
    assert [p.number for p in pages] == [1, 2, 3] and len(pages[2].lines) == 15
    assert pages[0].lines[1].text == "第1行"


def test_code_row_of_a_table_read_without_header_is_no_crash():
    # a real PDF (js-fy-2019) gave a table with rows but no columns: the look-up must not index past them
    t = table("gpb_expense", "表5", [], [row("201 01 01", "行政运行", "10.00")])
    # no crash, and no figure: which column a figure of a header-less table is in cannot be known
    assert code_cells(t, "2010101") == []
    assert doc([t], [st("行政运行", "10.00", code="2010101")]).table("gpb_expense") is t
