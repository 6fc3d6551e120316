"""Unexplained changes, copied reasons, project counts, 决算 execution rates."""
from yoydiff.checks.counts import check_counts
from yoydiff.checks.execution import check_execution
from yoydiff.checks.unexplained import check_unexplained, item_name
from yoydiff.core import Unparsed

from test_checks_build import doc, project, row, st, table

P = "社会保障和就业支出（类）行政事业单位养老支出（款）"


def _items_2026(reason13: str):
    return [
        st(P + "行政单位离退休（项）", "344.97", "13.30", "增加", "4.01%", code="2080501",
           reason="单位退休人员增加，故行政单位离退休比上年预算有所增长"),
        st(P + "事业单位离退休（项）", "36.62", "7.47", "增加", "25.63%", code="2080502",
           reason="单位退休人员增加，故事业单位离退休比上年预算有所增长"),
        st(P + "机关事业单位基本养老保险缴费支出（项）", "1,317.29", "97.65", "增加", "8.01%", code="2080505",
           reason=reason13),
        st("社会保障和就业支出（类）人力资源和社会保障管理事务（款）劳动人事争议调解仲裁（项）", "40.32", "10.32", "增加",
           "34.40%", code="2080112", reason="2025年市劳动保障监察支队预算合并至仲裁，增加1个项目"),
        st("社会保障和就业支出（类）人力资源和社会保障管理事务（款）劳动保障监察（项）", "0.00", "35.92", "减少",
           "100.00%", code="2080104", reason="2025年市劳动保障监察支队撤销，合并至仲裁，预算减少"),
    ]


def test_copied_reason_urumqi_2026_item_13():
    fs = check_unexplained(doc(statements=_items_2026("单位退休人员增加，故行政单位离退休比上年预算有所增长")), "new")
    assert [(f.code, f.severity, f.cause) for f in fs] == [("2080505", "notice", "原因说明照搬自“行政单位离退休”项")]
    assert fs[0].rule == ("原因说明提及“行政单位离退休”（2080501，第 20 页）而未提及本项“机关事业单位基本养老保险缴费支出”，"
                          "与该项的原因说明相似度为 100%")


def test_own_reason_is_not_flagged():
    # item 9 names 劳动保障监察 (another item) in a reason of its own: not a copy
    assert check_unexplained(doc(statements=_items_2026("缴费基数调整，机关事业单位基本养老保险缴费支出增加")), "new") == []


def test_large_change_without_reason():
    s = st("一般行政管理事务（项）", "477.39", "986.28", "减少", "67.38%", code="2080102")
    [f] = check_unexplained(doc(statements=[s]), "new")
    assert f.check == "unexplained" and f.severity == "notice" and f.stated == "减少 986.28 万元"
    assert f.rule == "增减幅度 67.38%，达到 30% 以上，未说明变动原因"
    assert check_unexplained(doc(statements=[st("x", "477.39", "986.28", "减少", "67.38%", reason="减少了人才补贴奖励项目")]), "new") == []
    assert check_unexplained(doc(statements=[st("y", "3,044.63", "381.26", "增加", "14.31%")]), "new") == []


def test_item_name():
    assert item_name(st(P + "行政单位离退休（项）")) == "行政单位离退休"
    assert item_name(st("行政运行")) == "行政运行"


def test_project_count_urumqi_2026():
    t7 = table("gpb_project", "表 7", [("项目支出合计",)],
               [row("208 01 02", "一般行政管理事务", "1.00", group="u", project=f"p{i}") for i in range(28)])
    s = st("财政拨款项目", "14,900.94", quote="当年预算安排项目共27个，其中：财政拨款项目涉及预算金额14,900.94万元")
    [f] = check_counts(doc(tables=[t7], statements=[s]), "new")
    assert (f.check, f.severity, f.stated, f.expected) == ("count", "warning", "27", "28")
    assert f.rule == "文中称安排项目 27 个，而本文件列示 28 个（表 7 的项目行）"
    d = doc(statements=[st("x", "6062.80", quote="2025年一般公共预算项目支出6062.80万元，共安排项目17个")],
            projects=[project(f"p{i}", "1.00") for i in range(17)])
    assert check_counts(d, "new") == []
    un = doc(projects=[project(f"p{i}", "1.00") for i in range(28)])
    un = un.__class__(**{**un.__dict__, "unparsed": (Unparsed(40, "当年预算安排项目共 27 个", "x"),)})
    assert [f.stated for f in check_counts(un, "new")] == ["27"]
    # a count of part of the projects is not the number of projects
    part = doc(statements=[st("x", "6062.80", quote="当年预算安排项目共28个，其中新增安排项目5个")],
               projects=[project(f"p{i}", "1.00") for i in range(28)])
    assert check_counts(part, "new") == []


def test_execution_rate_in_final_accounts():
    ok = st("支出", "950.00", quote="2024年度支出决算为950.00万元，年初预算为1,000.00万元，完成预算的95.00%，决算数小于预算数")
    assert check_execution(doc(statements=[ok], kind="决算"), "old") == []
    bad = st("支出", "950.00", quote="2024年度支出决算为950.00万元，年初预算为1,000.00万元，完成预算的95.50%，决算数大于预算数")
    fs = check_execution(doc(statements=[bad], kind="决算"), "old")
    assert sorted((f.stated, f.expected) for f in fs) == [("95.50%", "95.00%"), ("决算数大于预算数", "决算数小于预算数")]
    rate = next(f for f in fs if f.stated == "95.50%")
    assert rate.rule == ("执行率 = 决算数 950.00 ÷ 预算数 1,000.00 ∈ [94.9990%, 95.0010%]；"
                         "所述 95.50% 即 [95.495%, 95.505%]：不符") and rate.distance == "相差 0.50 个百分点"
    assert check_execution(doc(statements=[bad], kind="预算"), "old") == []
