"""Batch on the real Jiangsu corpus (five departments × 2017–2019, some years published as two files), run
once for the module: each year is one filing (a year of two files read as one document, so the narrative is
checked against its own tables), and every department gets its three-year trend with the totals the
documents print and the real cross-year slip of the 法院. The 检察院 (js-jcy, held out) is only measured:
its figures are taken from the output, never from its files."""
import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from yoydiff.cli import main

JS = Path(__file__).resolve().parent.parent / "corpora" / "real-pdf" / "jiangsu"

# 支出总计 printed in the documents' 收支总表 / 支出总表 (checked on the pages; 法院 also in test_trend)
EXPENSE = {
    "江苏省高级人民法院": ["28849.38", "33172.15", "37188.34"],
    "中国共产党江苏省委员会办公厅": ["20849.45", "24458.43", "27664.22"],
    "江苏省政协办公厅": ["9146.79", "10150.48", "13377.11"],
    "江苏省人大常委会办公厅": ["13649.07", "15897.44", "18330.37"],
}
HELD_OUT = "江苏省人民检察院"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("jiangsu") / "out"
    code = main(["batch", str(JS), "-o", str(out), "-q", "-j", "2"])
    return out, code, json.loads((out / "overview.json").read_text(encoding="utf-8"))


def _trend(out: Path, department: str) -> dict:
    return json.loads((out / department / "预算-trend-2017-2019.json").read_text(encoding="utf-8"))


def test_a_year_published_as_two_files_is_read_as_one_document(run):
    report = json.loads((run[0] / "江苏省政协办公厅" / "预算-2017-2018.json").read_text(encoding="utf-8"))
    for side in ("old", "new"):
        d = report[side]
        assert " + " in d["path"] and d["tables"] >= 12 and d["statements"] > 50
        assert d["department"] == "江苏省政协办公厅"
        # read by the reader as one document (not two readings put together afterwards)
        assert not [w for w in d["warnings"] if "份文件合并" in w]
    assert (report["old"]["year"], report["new"]["year"]) == (2017, 2018)
    # read together, the 收支总体 paragraph's all-funds figures are not set against the 一般公共预算 tables
    # (基本支出 5,678.17 of all funds vs 5,598.17 of the 一般公共预算): no narrative error
    assert [f for f in report["findings"] if f["check"] == "narrative" and f["severity"] == "error"] == []
    # the one real slip of the 2018 narrative: 2,233.13 / 3,348.98 = 66.68 %, printed 66.69 %
    errors = [(f["doc"], f["check"], f["stated"], f["expected"]) for f in report["findings"] if f["severity"] == "error"]
    assert ("new", "rate", "66.69%", "66.68%") in errors


def test_every_department_gets_its_three_year_trend_with_the_printed_totals(run):
    out, _, ov = run
    assert ov["counts"]["trends"] == 5 and ov["counts"]["pairs"] == 10 and ov["counts"]["unreadable"] == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*trend*")) == sorted(
        f"{d}/预算-trend-2017-2019.{ext}" for d in [*EXPENSE, HELD_OUT] for ext in ("json", "pdf"))
    for department, expense in EXPENSE.items():
        t = _trend(out, department)
        assert t["years"] == [2017, 2018, 2019]
        totals = {s["item"]: s["values"] for s in t["series"] if s["section"] == "totals"}
        assert totals["支出总计"] == expense, department
    # the held-out department: its trend agrees with its own pairs (figures from the output only)
    t = _trend(out, HELD_OUT)
    total = next(s["values"] for s in t["series"] if s["item"] == "支出总计")
    pairs = next(d for d in ov["departments"] if d["department"] == HELD_OUT)["pairs"]
    assert total == [pairs[0]["expense_old"], pairs[0]["expense_new"], pairs[1]["expense_new"]]
    assert all(v is not None for v in total)


def test_the_court_s_real_cross_year_slip_is_in_its_trend(run):
    out, _, ov = run
    # 2018 p.19 「一般行政事务管理（项）支出6049.97万元，与上年相比减少392.92万元」 implies 6,442.89 for 2017;
    # the 2017 一般公共预算支出表 (p.15) prints 2040502 6,432.89
    chained = _trend(out, "江苏省高级人民法院")["chained_prior"]
    assert [(f["old_year"], f["new_year"], f["code"], f["severity"], f["page"], f["other_page"]) for f in chained] == \
        [(2017, 2018, "2040502", "error", 19, 15)]
    (listed,) = [t for t in ov["trends"] if t["department"] == "江苏省高级人民法院"]
    assert (listed["chained_prior"], listed["chained_prior_errors"]) == (1, 1)


def test_the_overview_lists_every_trend(run):
    out, _, ov = run
    listed = {t["department"]: t for t in ov["trends"]}
    assert set(listed) == {*EXPENSE, HELD_OUT}
    for department, expense in EXPENSE.items():
        t = listed[department]
        first, last = D(expense[0]), D(expense[-1])
        growth = (float(last / first) ** 0.5 - 1) * 100
        assert (t["years"], t["expense_first"], t["expense_last"], t["gaps"]) == ([2017, 2018, 2019], *expense[::2], [])
        assert abs(D(t["cagr"]) - D(repr(growth))) < D("0.01")
        assert t["memo"] == f"{department}/预算-trend-2017-2019.pdf" and (out / t["memo"]).stat().st_size > 10_000
    from openpyxl import load_workbook
    rows = {r[0]: r for r in load_workbook(out / "overview.xlsx")["逐年趋势"].iter_rows(min_row=2, values_only=True)}
    assert rows["江苏省高级人民法院"][2:7] == ("2017—2019", "28,849.38", "37,188.34", "+13.54%", "1 / 1")
    from pdfminer.high_level import extract_text
    text = re.sub(r"\s+", "", extract_text(str(out / "overview.pdf")))
    trends = text[text.index("逐年趋势"):]
    assert all(t["memo"] in trends for t in ov["trends"])
    assert "江苏省高级人民法院" in trends and "28,849.38" in trends and "+13.54%" in trends


def _three_public_subtotal(name: str) -> str:
    """The 「“三公”经费 › 小计」 cell of a document's 三公 table in the independent ground truth."""
    gt = json.loads((JS / "groundtruth" / f"{name}.json").read_text(encoding="utf-8"))
    (row,) = next(t["rows"] for t in gt["tables"] if "三公" in t["title"])
    return str(D(row["values"]["“三公”经费 › 小计"].replace(",", "")))


def test_the_overview_gives_each_pairs_three_public_total(run):
    # the ground truth of the dev documents, each a 三公 table whose 合计 holds 会议费 and 培训费 too: the 三公 total
    # is its 「“三公”经费 › 小计」 (js-fy 2017 p.17 670.12, 2018 p.14 620.75, 2019 p.14 513.75)
    out, _, ov = run
    files = {"江苏省高级人民法院": "js-fy-{}-yusuan", "江苏省政协办公厅": "js-zx-{}-yusuan-tables"}
    for d in ov["departments"]:
        if d["department"] not in files:
            continue
        for p in d["pairs"]:
            want = [_three_public_subtotal(files[d["department"]].format(y)) for y in (p["old_year"], p["new_year"])]
            assert [str(D(p["three_public_old"])), str(D(p["three_public_new"]))] == want
    from openpyxl import load_workbook
    rows = [r for r in load_workbook(out / "overview.xlsx")["“三公”经费"].iter_rows(min_row=2, values_only=True)]
    assert ("江苏省高级人民法院", "预算", "2018→2019", "620.75", "513.75", "−107.00", "−17.24%") in rows
