"""决算 documents: the 决算 table set as kinds, the document kind from the cover and the table titles,
and the carry-over identities (built tables of the general rule; the PDF pair is in test_final_pair.py)."""
import pytest

from test_checks_build import doc, row, table
from yoydiff.checks import run_document_checks
from yoydiff.checks.final_accounts import check_final_accounts
from yoydiff.checks.sums import check_sums
from yoydiff.core import budget_kind, is_final_kind
from yoydiff.parsers.meta import Meta, document_kind
from yoydiff.parsers.titles import kind_of, parse_title

FINAL_TITLES = [
    ("收入支出决算总表", "final_overview"), ("收入决算表", "final_income"), ("支出决算表", "final_expense"),
    ("收入决算总表", "final_income"), ("支出决算总表", "final_expense"),
    ("财政拨款收入支出决算总表", "final_fiscal_overview"), ("财政拨款支出决算明细表", "final_fiscal_detail"),
    ("一般公共预算财政拨款支出决算表", "final_gpb_expense"),
    ("一般公共预算财政拨款支出决算明细表", "final_gpb_detail"),
    ("一般公共预算财政拨款基本支出决算表", "final_gpb_basic"),
    ("一般公共预算财政拨款基本支出决算明细表", "final_gpb_basic"),
    ("一般公共预算财政拨款项目支出决算表", "final_gpb_project"),
    ("政府性基金预算财政拨款收入支出决算表", "final_fund"),
    ("国有资本经营预算财政拨款支出决算表", "final_soe"),
    ("国有资本经营预算财政拨款收入支出决算表", "final_soe"),
    ("财政拨款“三公”经费支出决算表", "final_three_public"),
    ("一般公共预算财政拨款“三公”经费支出决算表", "final_three_public"),
    ("一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", "final_three_public"),
    ("机关运行经费支出决算表", "final_office_cost"), ("政府采购支出决算表", "final_procurement"),
]


@pytest.mark.parametrize("title,kind", FINAL_TITLES)
def test_final_titles_are_final_kinds(title, kind):
    assert kind_of(title) == kind
    numbered = parse_title(f"表5 {title}")
    assert numbered is not None and numbered.kind == kind and numbered.number == "表5"


def test_budget_titles_keep_their_kinds():
    assert [kind_of(t) for t in ("部门收支总表", "财政拨款收支总表", "一般公共预算支出表", "一般公共预算基本支出表",
                                 "财政拨款“三公”经费支出表", "政府性基金预算支出表")] == \
        ["overview", "fiscal_overview", "gpb_expense", "gpb_basic", "three_public", "fund"]
    assert budget_kind("final_gpb_expense") == "gpb_expense" and budget_kind("gpb_expense") == "gpb_expense"
    assert is_final_kind("final_overview") and not is_final_kind("overview")


def _meta(kind: str, from_title: bool) -> Meta:
    return Meta("d", 2025, kind, "万元", (), True, "", kind_from_title=from_title)


def test_document_kind_from_cover_then_table_titles():
    finals = ["final_overview", "final_income", "final_expense", "final_gpb_expense"]
    # no cover title: the table titles decide, whatever the words of the text say
    assert document_kind(_meta("预算", False), finals) == ("决算", "")
    assert document_kind(_meta("决算", False), ["overview", "gpb_expense"]) == ("预算", "")
    assert document_kind(_meta("决算", False), []) == ("决算", "")
    # a cover title wins; a disagreement with the tables is said
    kind, warning = document_kind(_meta("预算", True), finals)
    assert kind == "预算" and "决算表" in warning
    assert document_kind(_meta("决算", True), finals) == ("决算", "")


OVERVIEW_COLS = [("收入", "决算数"), ("支出", "决算数")]


def _overview(closing: str, spend_total: str, opening: str = "136.30", income_total: str = "4,409.90",
              kind: str = "final_overview"):
    left = [row("", "一、一般公共预算财政拨款收入", "3,882.40", None), row("", "二、政府性基金预算财政拨款收入", "350.00", None),
            row("", "八、其他收入", "41.20", None), row("", "本年收入合计", "4,273.60", None),
            row("", "使用非财政拨款结余", None, None), row("", "年初结转和结余", opening, None),
            row("", "总计", income_total, None)]
    right = [row("", "一、社会保障和就业支出", None, "151.34"), row("", "二、农林水支出", None, "4,196.91"),
             row("", "本年支出合计", None, "4,348.25"), row("", "结余分配", None, None),
             row("", "年末结转和结余", None, closing), row("", "总计", None, spend_total)]
    return table(kind, "表1", OVERVIEW_COLS, left + right)


def test_carry_over_identity_holds_and_breaks():
    assert check_final_accounts(doc([_overview("61.65", "4,409.90")], kind="决算"), "new") == []
    # each side adds up, but 收入 + 年初结转和结余 ≠ 支出 + 结余分配 + 年末结转和结余
    [f] = check_final_accounts(doc([_overview("71.65", "4,419.90")], kind="决算"), "new")
    assert (f.check, f.severity, f.item, f.stated, f.expected) == \
        ("final-identity", "error", "收入总计与支出总计", "4,419.90", "4,409.90")
    assert "年初结转和结余" in f.rule and f.distance == "相差 10.00 万元"
    # a side total that does not add up is reported at that total, once (the balance is not repeated)
    [f] = check_final_accounts(doc([_overview("61.65", "4,419.90")], kind="决算"), "new")
    assert (f.item, f.stated, f.expected) == ("总计", "4,419.90", "4,409.90")
    assert f.rule.startswith("支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余")
    # within rounding of the printed figures: rounding, never an error
    fs = check_final_accounts(doc([_overview("61.65", "4,409.91")], kind="决算"), "new")
    assert fs and {f.severity for f in fs} == {"rounding"}
    # an enumerated income row that does not add up to 本年收入合计
    t = _overview("61.65", "4,409.90")
    bad = t.rows[0].__class__(**{**t.rows[0].__dict__, "values": (row("", "x", "3,892.40").values[0], None)})
    t2 = t.__class__(**{**t.__dict__, "rows": (bad,) + t.rows[1:]})
    [f] = check_final_accounts(doc([t2], kind="决算"), "new")
    assert (f.item, f.stated, f.expected) == ("本年收入合计", "4,273.60", "4,283.60")


def test_budget_rule_does_not_fire_on_final_accounts():
    # income ≠ spending in a 决算: carry-over explains it; no 预算 sum rule reads the 决算 总表
    t = _overview("61.65", "4,409.90")
    assert check_sums(doc([t], kind="决算"), "new") == []
    assert not [f for f in run_document_checks(doc([t], kind="决算"), "new") if f.severity == "error"]


def test_fiscal_overview_with_source_columns():
    cols = [("收入", "金额"), ("支出", "合计"), ("支出", "一般公共预算财政拨款"), ("支出", "政府性基金预算财政拨款")]
    rows = [row("", "一、一般公共预算财政拨款", "3,882.40", None, None, None),
            row("", "二、政府性基金预算财政拨款", "350.00", None, None, None),
            row("", "本年收入合计", "4,232.40", None, None, None), row("", "年初财政拨款结转和结余", "136.30", None, None, None),
            row("", "总计", "4,368.70", None, None, None),
            row("", "一、农林水支出", None, "4,307.05", "3,934.55", "372.50"),
            row("", "本年支出合计", None, "4,307.05", "3,934.55", "372.50"),
            row("", "年末财政拨款结转和结余", None, "61.65", "44.15", "17.50"),
            row("", "总计", None, "4,368.70", "3,978.70", "390.00")]
    t = table("final_fiscal_overview", "表4", cols, rows)
    assert check_final_accounts(doc([t], kind="决算"), "new") == []
    rows[7] = row("", "年末财政拨款结转和结余", None, "60.65", "43.15", "17.50")
    fs = check_final_accounts(doc([table("final_fiscal_overview", "表4", cols, rows)], kind="决算"), "new")
    assert [(f.item, f.stated, f.expected) for f in fs] == [("总计", "4,368.70", "4,367.70")]


def test_carry_over_columns_per_row():
    cols = [("年初结转和结余",), ("本年收入",), ("本年支出", "小计"), ("本年支出", "基本支出"), ("本年支出", "项目支出"),
            ("年末结转和结余",)]
    ok = row("212 08 04", "农村基础设施建设支出", "40.00", "350.00", "372.50", None, "372.50", "17.50")
    bad = row("212 08 04", "农村基础设施建设支出", "40.00", "350.00", "372.50", None, "372.50", "27.50")
    assert check_final_accounts(doc([table("final_fund", "表8", cols, [ok])], kind="决算"), "new") == []
    [f] = check_final_accounts(doc([table("final_fund", "表8", cols, [bad])], kind="决算"), "new")
    assert (f.code, f.stated, f.expected, f.severity) == ("2120804", "27.50", "17.50", "error")
    # a 年初预算数 column is never a term of the identity
    cols2 = [("年初预算数",)] + cols
    t = table("final_fund", "表8", cols2, [row("212 08 04", "x", "999.00", "40.00", "350.00", "372.50", None, "372.50", "17.50")])
    assert check_final_accounts(doc([t], kind="决算"), "new") == []


def test_row_numbers_beside_the_figures_are_no_figures():
    cols = [("收入", "行次"), ("收入", "决算数"), ("支出", "行次"), ("支出", "决算数")]
    t = _overview("61.65", "4,409.90")
    numbered = [r.__class__(**{**r.__dict__, "values": (row("", "x", str(i + 1)).values[0], r.values[0], None, None)
                               if r.values[0] is not None or i < 7 else
                               (None, None, row("", "x", str(i + 1)).values[0], r.values[1])})
                for i, r in enumerate(t.rows)]
    t2 = table("final_overview", "表1", cols, numbered)
    assert check_final_accounts(doc([t2], kind="决算"), "new") == []
    bad = _overview("71.65", "4,419.90")
    assert [f.item for f in check_final_accounts(doc([bad], kind="决算"), "new")] == ["收入总计与支出总计"]


def test_column_numbering_band_is_no_row():
    from yoydiff.parsers.tables import _column_numbers
    assert _column_numbers(["栏次", "", "1", "2", "3", "4", "5", "6"])
    assert _column_numbers(["行次", "1", "2", "3"])
    assert not _column_numbers(["208", "社会保障和就业支出", "151.34", "151.34"])
    assert not _column_numbers(["", "合计", "1", "2", "3"])        # a total row of small whole figures
    assert not _column_numbers(["栏次", "1", "3", "2"])


def test_final_tables_against_each_other():
    from yoydiff.checks.final_crosstable import check_final_crosstable
    inc = table("final_income", "表2", [("本年收入合计",), ("财政拨款收入",), ("其他收入",)],
                [row("", "合计", "4,273.60", "4,232.40", "41.20")])
    exp = table("final_expense", "表3", [("本年支出合计",), ("基本支出",), ("项目支出",)],
                [row("", "合计", "4,348.25", "1,399.84", "2,948.41")])
    gpb = table("final_gpb_expense", "表5", [("年初预算数",), ("决算数", "合计"), ("决算数", "基本支出"), ("决算数", "项目支出")],
                [row("", "合计", "3,884.37", "3,934.55", "1,358.64", "2,575.91")])
    basic = table("final_gpb_basic", "表6", [("合计",), ("人员经费",), ("公用经费",)],
                  [row("", "合计", "1,358.64", "1,089.09", "269.55")])
    tables = [_overview("61.65", "4,409.90"), inc, exp, gpb, basic]
    assert check_final_crosstable(doc(tables, kind="决算"), "new") == []
    exp2 = table("final_expense", "表3", [("本年支出合计",), ("基本支出",), ("项目支出",)],
                 [row("", "合计", "4,384.25", "1,399.84", "2,984.41")])
    basic2 = table("final_gpb_basic", "表6", [("合计",), ("人员经费",), ("公用经费",)],
                   [row("", "合计", "1,385.64", "1,089.09", "296.55")])
    fs = check_final_crosstable(doc([tables[0], inc, exp2, gpb, basic2], kind="决算"), "new")
    assert sorted((f.item, f.stated, f.expected, f.severity) for f in fs) == [
        ("一般公共预算财政拨款基本支出合计", "1,385.64", "1,358.64", "error"), ("本年支出合计", "4,384.25", "4,348.25", "error")]
    # the 年初预算数 of 表5 is never compared with a 决算 figure, and a 预算 document is not read with these rules
    assert check_final_crosstable(doc([tables[0], inc, exp2, gpb, basic2], kind="预算"), "new") == []


def test_rate_and_row_number_columns_are_not_added_up():
    cols = [("年初预算数",), ("决算数",), ("完成率（%）",), ("行次",)]
    t = table("final_gpb_expense", "表5", cols, [row("213", "农林水支出", "1,100.00", "1,050.00", "95.45", "1"),
                                                 row("213 01", "农业农村", "1,100.00", "1,050.00", "95.45", "2"),
                                                 row("213 01 01", "行政运行", "600.00", "580.00", "96.67", "3"),
                                                 row("213 01 04", "事业运行", "500.00", "470.00", "94.00", "4")])
    assert check_sums(doc([t], kind="决算"), "new") == []
    bad = table("final_gpb_expense", "表5", cols, [row("213", "农林水支出", "1,100.00", "1,060.00", "96.36", "1"),
                                                   row("213 01", "农业农村", "1,100.00", "1,050.00", "95.45", "2"),
                                                   row("213 01 01", "行政运行", "600.00", "580.00", "96.67", "3"),
                                                   row("213 01 04", "事业运行", "500.00", "470.00", "94.00", "4")])
    [f] = check_sums(doc([bad], kind="决算"), "new")
    assert (f.code, f.stated, f.expected) == ("213", "1,060.00", "1,050.00")
    cols2 = [("合计",), ("基本支出",), ("项目支出",), ("完成率（%）",)]
    t2 = table("final_gpb_expense", "表5", cols2, [row("213 01 01", "行政运行", "580.00", "580.00", None, "96.67")])
    assert check_sums(doc([t2], kind="决算"), "new") == []
    t3 = table("final_gpb_expense", "表5", cols2, [row("213 01 01", "行政运行", "590.00", "580.00", None, "96.67")])
    assert [f.stated for f in check_sums(doc([t3], kind="决算"), "new")] == ["590.00"]
