"""`yoydiff trend`: items followed across years, CAGR, the chained prior check on the real Jiangsu 法院 2017–2019."""
from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from yoydiff.cli import main
from yoydiff.trend import _chained, cagr

JS = Path(__file__).resolve().parent.parent / "corpora" / "real-pdf" / "jiangsu"


def test_cagr_of_built_series():
    assert cagr([D(100), D(110), D(121)]) == D("10.00")
    assert cagr([D(100), None, D(81)]) == D("-10.00")
    assert cagr([D(0), D(5), D(9)]) is None            # growth from nothing is undefined
    assert cagr([None, D(5), D(9)]) is None


def test_cagr_over_a_gap_counts_the_years_between():
    assert cagr([D(100), D(110), D("133.1")], (2024, 2025, 2027)) == D("10.00")      # three years of growth
    (s,) = _chained("totals", [{"t": ("支出总计", "", D(v))} for v in (100, 110, "133.1")],
                    [[(("t",), ("t",))]] * 2, years=(2024, 2025, 2027))
    assert s.cagr == D("10.00") and s.years == (2024, 2025, 2027)


def test_a_project_renamed_twice_is_one_series():
    years = [{"甲项目": ("甲项目", "", D(10))}, {"甲项目（二期）": ("甲项目（二期）", "", D(12))},
             {"乙工程": ("乙工程", "", D(15))}]
    links = [[(("甲项目",), ("甲项目（二期）",))], [(("甲项目（二期）",), ("乙工程",))]]
    (s,) = _chained("project", years, links)
    assert s.values == (D(10), D(12), D(15)) and s.item == "乙工程"
    assert s.names == ("甲项目", "甲项目（二期）", "乙工程")


@pytest.mark.parametrize("merge", [True, False])
def test_three_into_one_and_one_into_three_are_one_series(merge):
    parts = {n: (n, "", D(v)) for n, v in (("a", 1), ("b", 2), ("c", 3))}
    whole = {"abc": ("abc", "", D(7))}
    years = [parts, whole] if merge else [whole, parts]
    link = (("a", "b", "c"), ("abc",)) if merge else (("abc",), ("a", "b", "c"))
    (s,) = _chained("project", years, [[link]])
    assert s.values == ((D(6), D(7)) if merge else (D(7), D(6)))


def test_jiangsu_court_2017_to_2019(tmp_path, capsys):
    files = sorted(str(p) for p in JS.glob("js-fy-*.pdf"))
    out = tmp_path / "t.json"
    assert main(["trend", *files, "--json", str(out), "-o", str(tmp_path / "t.pdf"), "-o", str(tmp_path / "t.html"),
                 "-o", str(tmp_path / "t.xlsx"), "-q"]) in (0, 1)
    # the memo indents a 项 under its 款 under its 类 (the xlsx cells keep the bare names)
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert ">公共安全支出<" in page                                  # a 类 is not indented
    assert ">\u3000\u3000行政运行<" in page and ">\u3000法院<" in page
    from openpyxl import load_workbook
    names = [r[1] for r in load_workbook(tmp_path / "t.xlsx")["按支出功能分类"].iter_rows(min_row=2, values_only=True)]
    assert "行政运行" in names and "法院" in names
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["years"] == [2017, 2018, 2019]
    totals = {s["item"]: s["values"] for s in data["series"] if s["section"] == "totals"}
    # 支出总计 printed in the three documents' 收支总表 / 支出总表 (checked on the pages)
    assert totals["支出总计"] == ["28849.38", "33172.15", "37188.34"]
    # the 收入预算总表 has one figure column (金额, sources as rows): its series is its 收入总计 row
    # (2017 p.12 28,849.38; 2018 p.10 33,172.15; 2019 p.9 37,188.34), read as the pair's changes read it
    income = {s["item"]: s["values"] for s in data["series"] if s["section"] == "income"}
    assert income == {"收入总计": ["28849.38", "33172.15", "37188.34"]}
    # the real cross-year slip: 2018 p.19 「一般行政事务管理（项）支出6049.97万元，与上年相比减少392.92万元，减少5.95%」
    # implies 6,442.89 for 2017; the 2017 一般公共预算支出表 (p.15) prints 2040502 6,432.89 (the rate fits 382.92)
    (f,) = data["chained_prior"]
    assert (f["old_year"], f["new_year"], f["code"], f["severity"], f["page"], f["other_page"]) == \
        (2017, 2018, "2040502", "error", 19, 15)
    assert f["stated"].startswith("上年数 6,442.89 万元") and f["expected"].startswith("6,432.89 万元")
    assert (tmp_path / "t.pdf").stat().st_size > 10_000
    # the 三公 table year by year against the independent ground truth (groundtruth/js-fy-*.json: 2017 p.17,
    # 2018 p.14, 2019 p.14, each column as printed; a blank cell is None)
    three = {s["item"]: s["values"] for s in data["series"] if s["section"] == "three_public"}
    for y, i in ((2017, 0), (2018, 1), (2019, 2)):
        gt = json.loads((JS / "groundtruth" / f"js-fy-{y}-yusuan.json").read_text(encoding="utf-8"))
        (row,) = next(t["rows"] for t in gt["tables"] if "三公" in t["title"])
        for col, printed in row["values"].items():
            parts = col.split(" › ")
            item = parts[-2] + parts[-1] if parts[-1] == "小计" and len(parts) > 1 else parts[-1]
            want = None if printed is None else str(D(printed.replace(",", "")))
            got = three[item][i]
            assert (got if got is None else str(D(got))) == want, (y, col)


def test_the_chart_places_years_by_their_distance():
    import re as _re

    from yoydiff.render.charts import year_lines
    svg = year_lines(["2024", "2025", "2027"], [("支出总计", [D(1), D(2), D(3)])], "sans")
    xs = {m.group(2): float(m.group(1)) for m in _re.finditer(r'<text x="([\d.]+)"[^>]*font-size="9">(20\d\d)<', svg)}
    assert abs((xs["2027"] - xs["2025"]) - 2 * (xs["2025"] - xs["2024"])) < 0.1     # the missing 2026 keeps its place


def test_an_unsure_merge_joins_no_series():
    # matching calls a merge it cannot tell from another subset of the same sum "review": the trend keeps
    # each side as its own line rather than chain figures the matcher was not sure belong together
    from types import SimpleNamespace

    from yoydiff.results import Match
    from yoydiff.trend import _links

    sure = Match("project", "merged", ("a", "b"), ("ab",), 0.9, "")
    unsure = Match("project", "review", ("c", "d"), ("cd",), 0.6, "")
    (pair,) = _links([SimpleNamespace(matches=(sure, unsure))], "project", False)
    assert pair == [(("a", "b"), ("ab",))]
    years = [{n: (n, "", D(v)) for n, v in (("c", 1), ("d", 2))}, {"cd": ("cd", "", D(3))}]
    assert {s.values for s in _chained("project", years, [pair])} == {(D(1), None), (D(2), None), (None, D(3))}
