"""Year-over-year tables printed as "|" rows (web pages) read as statements and checked like sentences."""
from yoydiff.checks import run_document_checks
from yoydiff.parsers.rowtables import Line, read_table, roles
from yoydiff.reader import read_document

TABLE = """某县2016年“三公”经费决算情况统计表 | ||||
单位:万元 | ||||
项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |
增、减金额 | 增、减幅度 | |||
合计 | 100.00 | 90.00 | -10.00 | -10.00% |
1.因公出国(境)费 | 10.00 | 0 | -10.00 | -100% |
2.公务接待费 | 40.00 | 45.00 | 5.00 | 12.50% |
3.公务用车购置及运行费 | 50.00 | 45.00 | -5.00 | -10.00% |"""


def _lines(text):
    return [Line(t, 1) for t in text.splitlines()]


def test_header_roles_with_a_split_last_column():
    assert roles([["项目", "2014年决算数", "2015年决算数", "比上年增、减情况"], ["增、减额", "增、减幅度"]]) == \
        ["prior", "current", "change", "rate"]
    # current first, the prior named 上年, the rate as 增减%
    assert roles([["项目", "2016年预算数", "上年完成数", "比上年增减额", "比上年增减%", "备注"]]) == \
        ["current", "prior", "change", "rate", "other"]
    # two columns of the current year: the 执行 one is the current amount; a share of the budget is not a rate
    assert roles([["项 目", "2019年决算数", "2020年预算调整数", "2020年执行数"], ["金额", "占调整预算%", "比上年增长%"]]) == \
        ["prior", "other", "current", "other", "rate"]
    assert roles([["项目", "2020年预算数", "2020年执行数", "2020年决算数"]]) is None       # which is current?


def test_rows_become_statements_with_signed_figures():
    sts = read_table(_lines(TABLE))
    assert [(s.subject, s.amount.text, s.prior_stated.text, s.direction, s.change.text, s.rate_direction, s.rate.text)
            for s in sts[:2]] == [("合计", "90.00", "100.00", "减少", "10.00", "下降", "10.00"),
                                  ("因公出国(境)费", "0", "10.00", "减少", "10.00", "下降", "100")]
    assert "三公" in sts[0].section and sts[0].quote == "合计 | 100.00 | 90.00 | -10.00 | -10.00% |"


def test_a_consistent_table_gives_no_alarm_and_a_slip_is_found(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(TABLE, encoding="utf-8")
    d = read_document(p)
    assert len(d.statements) == 4
    assert not [f for f in run_document_checks(d, "new") if f.severity in ("error", "warning")]
    # 5.00 / 40.00 = 12.50%, printed 12.80%: a rate slip in one row
    p.write_text(TABLE.replace("12.50%", "12.80%"), encoding="utf-8")
    found = [f for f in run_document_checks(read_document(p), "new") if f.severity == "error"]
    assert [(f.check, f.item, f.stated) for f in found] == [("rate", "公务接待费", "12.80%")]


def test_a_table_without_a_current_column_is_plain_text():
    assert read_table(_lines("项目 | 预算数 | 决算数 | 备注 |\n合计 | 1.00 | 2.00 | |")) == []


def test_rows_printed_tight_in_a_pdf_are_lines_of_their_own(monkeypatch):
    # a PDF prints the rows with ordinary line spacing: short lines would run on into one paragraph
    from yoydiff import textpages
    from yoydiff.parsers.narrative import extract_statements, paragraphs
    monkeypatch.setattr(textpages, "LINE_STEP", 1.2 * textpages.SIZE)
    pages = textpages.lay_out(TABLE.splitlines())
    assert [p.text for p in paragraphs(pages)] == TABLE.splitlines()
    statements, _ = extract_statements(pages, {}, ())
    assert [s.subject for s in statements] == ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费"]
