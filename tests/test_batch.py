"""`yoydiff batch` on a generated government (tests/government.py: 6 departments × 2 years, three templates,
five producers/layouts, 0–3 planted errors each; department 0 with a third year 2026, department 3 with a
third year 2027 after a gap) plus two files that cannot be read: the overview's totals against the templates'
own tables, its ranking, the unreadable files with their reasons, the trends of the two departments of
three years (and of no other), resuming, the cache, and the Dask path (distributed.LocalCluster) giving
byte-identical JSON."""
from __future__ import annotations

import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

import government
import synth
from groundtruth import read_tables
from yoydiff.cache import program_version
from yoydiff.cli import main
from yoydiff.numbers import fmt_amount

N = 6
LATER = {0: (2026,), 3: (2027,)}      # deptb template (2024, 2025): a third year, and a third after a gap


def expected_expense_total(template: str, year: int) -> D:
    """The 支出总表 合计 of a template year, read from its .txt (not through yoydiff)."""
    t = next(t for t in government.TEMPLATES if t[0] == template)
    txt = t[2] if year == t[4] else t[3]
    if template == "holdout":     # 表一…: 「支出总计<TAB>93,473,221.00」 in 元
        m = re.search(r"支出总计\t([\d,]+\.\d\d)", txt.read_text(encoding="utf-8"))
        return D(m.group(1).replace(",", "")) / 10000
    table = next(x for x in read_tables(str(txt)) if x.number == "表3")
    row = next(r for r in table.rows if r.name.replace(" ", "") in ("合计", "总计"))
    return D(row.amounts[0].replace(",", ""))


@pytest.fixture(scope="module")
def gov(tmp_path_factory):
    root = tmp_path_factory.mktemp("gov")
    plan = [d for d, _old, _new in government.generate(root / "pdf", N, LATER)]
    (root / "pdf" / "bad").mkdir()
    (root / "pdf" / "bad" / "notes.pdf").write_text("这不是PDF文件", encoding="utf-8")
    synth.scanned(root / "pdf" / "bad" / "scan.pdf")
    return root, plan


@pytest.fixture(scope="module")
def run(gov):
    root, plan = gov
    out = root / "out"
    code = main(["batch", str(root / "pdf"), "-o", str(out), "-q", "-j", "2"])
    return out, code, json.loads((out / "overview.json").read_text(encoding="utf-8"))


def test_every_department_is_found_and_paired(gov, run):
    _, plan = gov
    out, code, ov = run
    assert code == 1                                   # the planted errors
    assert {d["department"] for d in ov["departments"]} == {d.name for d in plan}
    assert ov["counts"] == {"files": 2 * N + 4, "filings": 2 * N + 2, "departments": N, "pairs": N + 1, "trends": 2,
                            "unreadable": 2, "errors": sum(d["errors"] for d in ov["departments"])}
    for d in plan:
        for a, b in zip(d.years, d.years[1:]):
            assert (out / d.name / f"预算-{a}-{b}.json").exists() == (b == a + 1)     # consecutive years only


def test_totals_are_the_documents(gov, run):
    _, plan = gov
    ov = run[2]
    by_name = {d["department"]: d for d in ov["departments"]}
    for d in plan:
        pairs = by_name[d.name]["pairs"]
        assert [(p["old_year"], p["new_year"]) for p in pairs] == [(a, b) for a, b in zip(d.years, d.years[1:])
                                                                   if b == a + 1]
        for pair in pairs:
            old = expected_expense_total(d.template, pair["old_year"])
            new = expected_expense_total(d.template, pair["new_year"])
            assert (D(pair["expense_old"]), D(pair["expense_new"])) == (old, new), d
            assert D(pair["change"]) == new - old
            assert D(pair["pct"]) == ((new - old) / old * 100).quantize(D("0.01"))


def test_ranking_follows_the_errors_and_the_planted_ones(gov, run):
    _, plan = gov
    ov = run[2]
    errors = [d["errors"] for d in ov["departments"]]
    assert errors == sorted(errors, reverse=True)
    assert [d["rank"] for d in ov["departments"]] == list(range(1, N + 1))
    # every planted figure is an error of its department's pair
    for d in plan:
        data = json.loads((run[0] / d.name / f"预算-{d.old_year}-{d.new_year}.json").read_text(encoding="utf-8"))
        errors = [f for f in data["findings"] if f["severity"] == "error"]
        for figure in government.planted_figures(d):
            assert any(figure in f["quote"] for f in errors), (d, figure)


def test_unreadable_files_are_listed_with_their_reason(gov, run):
    root, _ = gov
    ov = run[2]
    reasons = {Path(u["path"]).name: u["reason"] for u in ov["unreadable"]}
    assert set(reasons) == {"notes.pdf", "scan.pdf"}
    # the overview is Chinese: the reader's reasons in Chinese, without the path (the 文件 column has it)
    assert reasons["notes.pdf"] == "不是 PDF 文件（没有 %PDF 文件头）"
    assert reasons["scan.pdf"] == "PDF 没有文字层（扫描件），需先做 OCR 文字识别"
    from openpyxl import load_workbook
    ws = load_workbook(run[0] / "overview.xlsx")["无法读取的文件"]
    assert {Path(r[0]).name for r in ws.iter_rows(min_row=2, values_only=True)} == {"notes.pdf", "scan.pdf"}


def test_the_overview_memo_shows_ranking_totals_and_unreadable(run):
    from pdfminer.high_level import extract_text
    text = re.sub(r"\s+", "", extract_text(str(run[0] / "overview.pdf")))
    ranking = text[text.index("排名"):]
    positions = [ranking.index(f"{d['rank']}{d['department']}") for d in run[2]["departments"]]
    assert positions == sorted(positions)             # listed in rank order
    for d in run[2]["departments"]:
        for p in d["pairs"]:
            assert fmt_amount(D(p["expense_new"])) in text
    assert "scan.pdf" in text and "notes.pdf" in text


def _trend(out: Path, d) -> dict:
    return json.loads((out / d.name / f"预算-trend-{d.years[0]}-{d.years[-1]}.json").read_text(encoding="utf-8"))


def test_only_the_departments_of_three_years_get_a_trend(gov, run):
    _, plan = gov
    out, _, ov = run
    three = [d for d in plan if len(d.years) >= 3]
    assert [d.index for d in three] == sorted(LATER)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*trend*")) == sorted(
        f"{d.name}/预算-trend-{d.years[0]}-{d.years[-1]}.{ext}" for d in three for ext in ("json", "pdf"))
    for d in three:
        t = _trend(out, d)
        assert t["years"] == list(d.years)
        totals = {s["item"]: s for s in t["series"] if s["section"] == "totals"}
        expense = [D(v) for v in totals["支出总计"]["values"]]
        assert expense == [expected_expense_total(d.template, y) for y in d.years]
        span = d.years[-1] - d.years[0]             # 2024→2027 is three years of growth, not two steps
        growth = float(expense[-1] / expense[0]) ** (1 / span) * 100 - 100
        assert abs(D(totals["支出总计"]["cagr"]) - D(repr(growth))) < D("0.01")
    # the overview lists each trend with its years, first and last 支出总计, CAGR, chained findings and memo
    listed = {t["department"]: t for t in ov["trends"]}
    assert set(listed) == {d.name for d in three}
    for d in three:
        t, data = listed[d.name], _trend(out, d)
        total = next(s for s in data["series"] if s["item"] == "支出总计")
        assert (t["years"], t["expense_first"], t["expense_last"], t["cagr"]) == \
            (list(d.years), total["values"][0], total["values"][-1], total["cagr"])
        assert t["chained_prior"] == len(data["chained_prior"]) > 0
        assert (out / t["memo"]).stat().st_size > 10_000 and (out / t["report"]).exists()
    from openpyxl import load_workbook
    rows = list(load_workbook(out / "overview.xlsx")["逐年趋势"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in rows) == sorted(d.name for d in three)
    from pdfminer.high_level import extract_text
    text = re.sub(r"\s+", "", extract_text(str(out / "overview.pdf")))
    assert "逐年趋势" in text and all(t["memo"] in text for t in ov["trends"])


def test_the_chained_prior_check_of_a_trend(gov, run):
    _, plan = gov
    out = run[0]
    d0, d3 = (next(d for d in plan if d.index == k) for k in sorted(LATER))
    # each step's chained findings are the prior findings of that pair's own report
    t = _trend(out, d0)
    for a, b in zip(d0.years, d0.years[1:]):
        pair = json.loads((out / d0.name / f"预算-{a}-{b}.json").read_text(encoding="utf-8"))
        assert sorted((f["code"], f["stated"]) for f in t["chained_prior"] if f["new_year"] == b) == \
            sorted((f["code"], f["stated"]) for f in pair["findings"] if f["check"] == "prior")
    # 2026 republishes 2025's figures: each 「A，比上年增加 X」 implies A − X for 2025, which printed A —
    # unless 2025's own narrative misstates A against its tables (an error of the 2024→2025 pair)
    own = {f["stated"] for f in json.loads((out / d0.name / "预算-2024-2025.json").read_text(encoding="utf-8"))
           ["findings"] if f["severity"] == "error" and f["doc"] == "new"}
    moved = [f for f in t["chained_prior"] if f["new_year"] == 2026 and f["severity"] == "error"]
    assert len(moved) >= 10
    for f in moved:
        a = re.search(r"文件：([\d,.]+) [+−]", f["stated"]).group(1)
        assert D(f["expected"].split(" 万元")[0].replace(",", "")) == D(a.replace(",", "")) or a in own, f
    # across the gap 2025→2027 nothing is set against a 上年 that is not published; the trend says so
    t = _trend(out, d3)
    assert {(f["old_year"], f["new_year"]) for f in t["chained_prior"]} == {(2024, 2025)}
    assert any("2025→2027" in w and "不作上年数核对" in w for w in t["warnings"])
    (listed,) = [x for x in run[2]["trends"] if x["department"] == d3.name]
    assert listed["gaps"] == [[2025, 2027]]


def test_batch_writes_what_the_trend_command_writes(gov, run, tmp_path):
    _, plan = gov
    out = run[0]
    d = next(d for d in plan if d.index == 0)
    files = sorted(str(p) for p in (gov[0] / "pdf" / f"{d.index:03d}").glob("doc*.pdf"))
    assert main(["trend", *files, "--json", str(tmp_path / "t.json"), "-q"]) == 1
    assert (tmp_path / "t.json").read_bytes() == (out / d.name / "预算-trend-2024-2026.json").read_bytes()


def test_a_rerun_resumes_and_an_interrupted_pair_is_redone(gov, run, capsys):
    root, plan = gov
    out = run[0]
    capsys.readouterr()
    assert main(["batch", str(root / "pdf"), "-o", str(out), "-q", "--no-overview-memo"]) == 1
    assert "(0 files read, 0 pairs compared and 0 trends computed this run" in capsys.readouterr().out
    gone = out / plan[0].name / f"预算-{plan[0].old_year}-{plan[0].new_year}.json"
    before = gone.read_bytes()
    gone.unlink()                                      # as if Ctrl-C came before this pair was written
    assert main(["batch", str(root / "pdf"), "-o", str(out), "-q", "--no-overview-memo"]) == 1
    assert "(0 files read, 1 pairs compared and 0 trends computed this run" in capsys.readouterr().out
    assert gone.read_bytes() == before
    trend = out / plan[0].name / "预算-trend-2024-2026.json"      # a trend interrupted before its JSON: redone
    before = trend.read_bytes()
    trend.unlink()
    assert main(["batch", str(root / "pdf"), "-o", str(out), "-q", "--no-overview-memo"]) == 1
    assert "(0 files read, 0 pairs compared and 1 trends computed this run" in capsys.readouterr().out
    assert trend.read_bytes() == before
    # a pair made by another version of the program (a fixed check gives other findings on the same
    # documents) is stale: redone, never kept because its documents are the same
    made = gone.read_bytes()
    pair = json.loads(made)
    assert pair["program"] == program_version()
    gone.write_text(json.dumps(dict(pair, program="0.0.0+older"), ensure_ascii=False), encoding="utf-8")
    assert main(["batch", str(root / "pdf"), "-o", str(out), "-q", "--no-overview-memo"]) == 1
    assert "(0 files read, 1 pairs compared and 0 trends computed this run" in capsys.readouterr().out
    assert gone.read_bytes() == made
    assert not [p for p in (root / "pdf").rglob("*") if p.is_file() and p.suffix != ".pdf"]   # nothing beside the inputs


def test_dask_cluster_gives_byte_identical_json(gov, run, tmp_path):
    distributed = pytest.importorskip("distributed")
    root, plan = gov
    subset = [root / "pdf" / f"{d.index:03d}" for d in plan if d.template != "urumqi"][:2]   # the small templates
    local = tmp_path / "local"
    assert main(["batch", *map(str, subset), "-o", str(local), "-q", "--no-overview-memo", "--no-cache", "-j", "1"]) == 1
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask = tmp_path / "dask"
        assert main(["batch", *map(str, subset), "-o", str(dask), "-q", "--no-overview-memo", "--no-cache",
                     "--scheduler", cluster.scheduler_address]) == 1
    files = sorted(p.relative_to(local) for p in local.rglob("*.json"))
    assert len(files) == 5            # three pairs (department 0: two), department 0's trend and the overview
    assert files == sorted(p.relative_to(dask) for p in dask.rglob("*.json"))
    for f in files:
        assert (local / f).read_bytes() == (dask / f).read_bytes(), f
        if f.name != "overview.json":                 # and the same as the full run's pair
            assert (local / f).read_bytes() == (run[0] / f).read_bytes(), f


def test_an_unreachable_scheduler_is_one_line(tmp_path, gov, capsys):
    root, plan = gov
    code = main(["batch", str(root / "pdf" / "000"), "-o", str(tmp_path / "o"), "-q",
                 "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert capsys.readouterr().err.startswith("yoydiff: cannot reach the Dask scheduler")


def test_no_disclosures_is_one_line(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "-o", str(tmp_path / "o"), "-q"]) == 2
    assert capsys.readouterr().err.startswith("yoydiff: no disclosures found under")
