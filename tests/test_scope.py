"""The basis of a figure (预算 / 决算 / 执行数) and the counterparts a statement is compared with: built
sentences of each general rule (parsers/scope.py, checks/counterparts.py)."""
from test_checks_build import doc
from yoydiff.checks import run_document_checks
from yoydiff.checks.counterparts import find_whole, whole_and_parts
from yoydiff.parsers.narrative import parse_paragraph
from yoydiff.parsers.scope import basis, compatible, only_basis, stem

# 三公 budget 20.00; final account 10.00 = 1.00 + 3.00 + 6.00; 10.00 is 0.50 less than last year's 10.50 (4.76%)
TEXT = ("某单位2023年度“三公”经费支出预算为20.00万元，支出决算为10.00万元。"
        "其中：因公出国（境）费支出决算为1.00万元；公务用车购置及运行费支出决算为3.00万元；公务接待费支出决算为6.00万元。"
        "2023年度“三公”经费支出决算数比2022年减少0.50万元，下降4.76%。"
        "2023年度“三公”经费支出决算中，因公出国（境）费支出1.00万元，占10.00%；公务用车购置及运行费支出3.00万元，占30.00%；"
        "公务接待费支出6.00万元，占60.00%。")


def test_basis_and_stem_of_subjects():
    assert [basis(s) for s in ("“三公”经费支出预算", "三公经费支出决算数", "一般公共预算", "政府性基金预算", "公务接待费",
                               "收入执行数")] == ["预算", "决算", "", "", "", "执行"]
    assert stem("“三公”经费支出决算数") == stem("三公经费预算") == stem("“三公”经费") == "三公经费"
    assert only_basis("支出决算") and only_basis("预算数") and not only_basis("公务接待费决算")
    assert not compatible("三公经费预算", "三公经费决算")
    assert compatible("三公经费", "三公经费决算", "决算") and not compatible("三公经费", "三公经费决算", "预算")
    assert compatible("三公经费", "三公经费决算", None)


def test_a_basis_alone_continues_the_item_named_before_it():
    sts = parse_paragraph(TEXT, year=2023)
    assert [(s.subject, s.amount.text) for s in sts[:2]] == [("某单位2023年度“三公”经费支出预算", "20.00"), ("“三公”经费支出决算", "10.00")]
    assert sts[1].topic == "three_public"


def test_a_change_takes_the_amount_of_its_own_basis():
    sts = parse_paragraph(TEXT, year=2023)
    change = next(s for s in sts if s.change is not None)
    assert change.amount.text == "10.00"          # the 决算, not the 预算 20.00
    # with no 决算 amount stated, the 预算 is not lent: the rate cannot be recomputed
    only_budget = parse_paragraph("“三公”经费支出预算为20.00万元。“三公”经费支出决算数比上年减少0.50万元，下降4.76%。",
                                  year=2023)
    assert only_budget[1].amount is None


def test_shares_and_parts_are_of_the_whole_on_their_basis():
    sts = tuple(parse_paragraph(TEXT, year=2023))
    d = doc(statements=sts, kind="决算")
    reception = next(i for i, s in enumerate(sts) if s.share is not None and "接待" in s.subject)
    assert find_whole(sts, reception, "决算").amount.text == "10.00"
    pairs = whole_and_parts(sts, "决算")
    assert pairs and all(w.amount.text == "10.00" for w, _ in pairs)
    assert not [f for f in run_document_checks(d, "new") if f.severity in ("error", "warning")]


def test_no_share_against_a_whole_on_another_basis():
    # only the 预算 total is stated: the 决算 part's share has no whole and is insufficient, not an error
    sts = tuple(parse_paragraph("“三公”经费支出预算为20.00万元。“三公”经费支出决算中，公务接待费支出决算6.00万元，占60.00%。",
                                year=2023))
    found = run_document_checks(doc(statements=sts, kind="决算"), "new")
    assert [(f.check, f.severity) for f in found] == [("share", "insufficient")]


def test_negative_growth_is_a_fall():
    s = parse_paragraph("上划中央收入完成37.78亿元，减少0.46亿元，负增长1.21%。")[0]
    assert (s.direction, s.rate_direction) == ("减少", "下降")
    assert not run_document_checks(doc(statements=(s,)), "new")
