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
    assert main(["trend", *files, "--json", str(out), "-o", str(tmp_path / "t.pdf"), "-q"]) in (0, 1)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["years"] == [2017, 2018, 2019]
    totals = {s["item"]: s["values"] for s in data["series"] if s["section"] == "totals"}
    # 支出总计 printed in the three documents' 收支总表 / 支出总表 (checked on the pages)
    assert totals["支出总计"] == ["28849.38", "33172.15", "37188.34"]
    # the real cross-year slip: 2018 p.19 「一般行政事务管理（项）支出6049.97万元，与上年相比减少392.92万元，减少5.95%」
    # implies 6,442.89 for 2017; the 2017 一般公共预算支出表 (p.15) prints 2040502 6,432.89 (the rate fits 382.92)
    (f,) = data["chained_prior"]
    assert (f["old_year"], f["new_year"], f["code"], f["severity"], f["page"], f["other_page"]) == \
        (2017, 2018, "2040502", "error", 19, 15)
    assert f["stated"].startswith("上年数 6,442.89 万元") and f["expected"].startswith("6,432.89 万元")
    assert (tmp_path / "t.pdf").stat().st_size > 10_000


def test_the_chart_places_years_by_their_distance():
    import re as _re

    from yoydiff.render.charts import year_lines
    svg = year_lines(["2024", "2025", "2027"], [("支出总计", [D(1), D(2), D(3)])], "sans")
    xs = {m.group(2): float(m.group(1)) for m in _re.finditer(r'<text x="([\d.]+)"[^>]*font-size="9">(20\d\d)<', svg)}
    assert abs((xs["2027"] - xs["2025"]) - 2 * (xs["2025"] - xs["2024"])) < 0.1     # the missing 2026 keeps its place
