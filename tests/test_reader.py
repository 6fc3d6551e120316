import json

import pytest

from corpus import FILES, document
from yoydiff.cli import main


@pytest.mark.parametrize("name", sorted(FILES))
def test_coverage_of_every_corpus_pdf(name):
    doc = document(name)
    assert doc.coverage >= 0.99, [(u.page, u.text) for u in doc.unparsed]
    assert doc.numeric_tokens > 400
    # what is left is listed, with its page
    assert all(u.page >= 1 and u.reason for u in doc.unparsed)


def test_document_metadata():
    d = document("urumqi-2026")
    assert (d.department, d.year, d.kind, d.unit, d.page_count) == ("乌鲁木齐市人力资源和社会保障局", 2026, "预算", "万元", 72)
    assert len(d.budget_units) == 9
    b = document("deptb-2025")
    assert (b.department, b.year, len(b.budget_units)) == ("青岚县卫生健康委员会", 2025, 6)


def test_parse_command_prints_summary_and_writes_json(tmp_path, capsys, monkeypatch):
    from yoydiff import reader
    import corpus
    monkeypatch.setattr(reader, "read_pages", lambda path, password="", workers=None, first=1: corpus.pages("deptb-2025"))
    out = tmp_path / "m.json"
    assert main(["parse", str(FILES["deptb-2025"]), "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "青岚县卫生健康委员会 2025年 预算" in text and "coverage:" in text
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"department", "year", "unit", "tables", "projects", "statements", "coverage", "unparsed"} <= set(data)
    t5 = next(t for t in data["tables"] if t["kind"] == "gpb_expense")
    row = next(r for r in t5["rows"] if r["code"] == "2100403")
    assert row["values"]["合计"] == "739.80" and row["page"] >= 1
    s = next(s for s in data["statements"] if s["code"] == "2100402")
    assert (s["amount"], s["change"], s["direction"], s["rate"], s["rate_direction"]) == ("289.82", "6.70", "减少", "2.26", "增长")
