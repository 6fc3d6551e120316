"""Batch on real files published as two per year (narrative + tables, js-zx 2017 and 2018): each year is
one filing read as one document, so the narrative is checked against its own tables."""
import json
import shutil
from pathlib import Path

from yoydiff.cli import main

JS = Path(__file__).resolve().parent.parent / "corpora" / "real-pdf" / "jiangsu"


def test_a_year_published_as_two_files_is_read_as_one_document(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for year in (2017, 2018):
        for name in (f"js-zx-{year}-yusuan.pdf", f"js-zx-{year}-yusuan-tables.pdf"):
            shutil.copy(JS / name, src / name)
    out = tmp_path / "out"
    main(["batch", str(src), "-o", str(out), "-q", "--no-overview-memo", "-j", "1"])
    [pair] = list(out.glob("*/*.json"))
    report = json.loads(pair.read_text(encoding="utf-8"))
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
