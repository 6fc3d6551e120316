"""Printed table titles -> table kinds: aliases, numbering variants, and what is not a title."""
import pytest

from yoydiff.parsers.titles import kind_of, parse_title


@pytest.mark.parametrize("line, number, kind", [
    ("表1 部门收支总体情况表", "表1", "overview"),
    ("表 1 部门收支总体情况表", "表1", "overview"),
    ("附表1 收支总表", "附表1", "overview"),
    ("附表1收支总表", "附表1", "overview"),
    ("表一 部门收支预算总表", "表一", "overview"),
    ("附件1：部门收支总体情况表", "附件1", "overview"),
    ("部门收入总体情况表", "", "income"),
    ("附表2 收入总表", "附表2", "income"),
    ("表3 部门支出总体情况表", "表3", "expense"),
    ("附表4 财政拨款收支总表", "附表4", "fiscal_overview"),
    ("财政拨款收支预算总体情况表", "", "fiscal_overview"),
    ("附表5一般公共预算支出表", "附表5", "gpb_expense"),
    ("表五、一般公共预算支出情况表", "表五", "gpb_expense"),
    ("一般公共预算基本支出情况表", "", "gpb_basic"),
    ("一般公共预算项目支出情况表", "", "gpb_project"),
    ("政府性基金预算支出情况表", "", "fund"),
    ("表９ 国有资本经营预算支出情况表", "表9", "soe"),
    ("财政拨款“三公”经费支出情况表", "", "three_public"),
    ("附表7 一般公共预算“三公”经费支出表", "附表7", "three_public"),
    ("财政拨款委托业务费支出情况表", "", "entrusted"),
    ("上年结转结余情况表", "", "carryover"),
    ("表2 部门收入总体情况表（续）", "表2", "income"),
    ("项目支出绩效目标表", "", "performance"),
])
def test_title_variants(line, number, kind):
    t = parse_title(line)
    assert t is not None and (t.number, t.kind) == (number, kind)


def test_bare_number_line():
    t = parse_title("表 12")
    assert t is not None and t.bare_number and t.number == "表12"


@pytest.mark.parametrize("line", [
    "乌鲁木齐市人力资源和社会保障局 2026 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。",
    "2. 市人社局 2026 年上年结转资金 78.90 万元与当年财政拨款预算 432.00 万元做在就业补助资金项目支出绩效目标表中。",
    "第二部分 2026 年部门预算公开表",
    "编制部门：乌鲁木齐市人力资源和社会保障局",
])
def test_sentences_are_not_titles(line):
    assert parse_title(line) is None


def test_kind_of_unknown():
    assert kind_of("政府采购预算明细表") is None


@pytest.mark.parametrize("line, number, title, kind", [
    ("公开01表", "公开01表", "", ""),
    ("预算公开表3", "预算公开表3", "", ""),
    ("公开表一 收支总表", "公开表一", "收支总表", "overview"),
    ("表2-1 一般公共预算支出表", "表2-1", "一般公共预算支出表", "gpb_expense"),
    ("附件3", "附件3", "", ""),
    ("一般公共预算支出预算表（功能科目）", "", "一般公共预算支出预算表（功能科目）", "gpb_expense"),
    ("一般公共预算基本支出预算表（经济科目）", "", "一般公共预算基本支出预算表（经济科目）", "gpb_basic"),
    ("“三公”经费、会议费、培训费支出预算表（一般公共预算）", "", "“三公”经费、会议费、培训费支出预算表（一般公共预算）",
     "three_public"),
    ("2017年政府采购预算表", "", "2017年政府采购预算表", "other"),
    ("一般公共预算机关运行经费支出预算表", "", "一般公共预算机关运行经费支出预算表", "other"),
    ("十二、政府采购支出预算表", "", "十二、政府采购支出预算表", "other"),
])
def test_numberings_qualifiers_and_other_tables(line, number, title, kind):
    t = parse_title(line)
    assert t is not None and (t.number, t.title, t.kind) == (number, title, kind)


@pytest.mark.parametrize("line", ["第二部分2019年度部门预算表", "表大会出缺的代表和罢免个别代表；", "具体公开表样附后"])
def test_part_headings_and_sentences_are_not_titles(line):
    assert parse_title(line) is None
