"""A 决算 pair and the 预算 of the same year (tests/final: a fictional 澄湖县农业农村局, the 财政部 决算 table
set, real 决算 phrasings), rendered by weasyprint at test time.

Every table is read under its 决算 kind and equals the .txt; the planted slips of 2025 (an identity broken,
a carry-over row, a 类 row, a wrong 完成率) are found with their figures and nothing else is an error or
warning; 2024 (no plants) has no error at all; compare of 决算 with 决算 and of the 2025 预算 with the 2025
决算 (预算执行) says which comparison it is and gives 决算数 against 年初预算数 per line."""
from pathlib import Path

import pytest

from final import build, render
from groundtruth import assert_tables_equal, read_tables
from yoydiff.compare import check, compare, report_to_json
from yoydiff.errors import InputError
from yoydiff.reader import read_document
from yoydiff.render.exports import write_md
from yoydiff.render.memo import build as build_memo

FINAL_KINDS = ["final_overview", "final_income", "final_expense", "final_fiscal_overview", "final_gpb_expense",
               "final_gpb_basic", "final_three_public", "final_fund", "final_soe"]


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    d = tmp_path_factory.mktemp("final")
    texts = {"f2024": build.build(2024), "f2025": build.build(2025, plant=True), "b2025": build.build_budget(2025),
             "n2025": build.with_row_numbers(build.build(2025, plant=True))}
    out = {}
    for name, txt in texts.items():
        out[name] = read_document(render.render(txt, d / f"{name}.pdf"))
        out[name + ".txt"] = d / f"{name}.txt"
    return out


@pytest.mark.parametrize("name", ["f2024", "f2025", "b2025"])
def test_every_table_read_exactly_under_its_kind(docs, name):
    doc = docs[name]
    assert doc.department == build.DEPT and doc.year == int(name[1:])
    assert doc.kind == ("决算" if name.startswith("f") else "预算")
    assert_tables_equal(doc.tables, read_tables(str(docs[name + ".txt"])), name)
    if name.startswith("f"):
        assert [t.kind for t in doc.tables] == FINAL_KINDS
        assert doc.table("final_soe").empty_note
    assert doc.coverage >= 0.99


def render_markdown(report, tmp=Path("/tmp")) -> str:
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        return write_md(build_memo(report), Path(d) / "memo.md").read_text(encoding="utf-8")


def _hits(findings, planted):
    return [f for f in findings if f.check == planted["check"] and f.doc == "new"
            and (f.code == planted["code"] if planted.get("code") else planted["item"] in f.item)
            and (planted.get("table", "") in f.location) and f.stated == planted.get("stated", f.stated)]


@pytest.mark.parametrize("planted", build.PLANTED, ids=lambda p: f"{p['check']}:{p.get('code') or p['item']}")
def test_planted_slips_are_found(docs, planted):
    [f] = _hits(check(docs["f2025"]).findings, planted)
    assert f.severity == planted["severity"] and f.rule and f.page
    for key in ("stated", "expected"):
        if key in planted:
            assert getattr(f, key) == planted[key]


def test_nothing_else_is_an_error(docs):
    report = check(docs["f2025"])
    planted = [f for p in build.PLANTED for f in _hits(report.findings, p)]
    # the carry-over slip of 表8's 项 row also leaves its 款 row unequal to it: the same slip, seen once more
    consequence = [f for f in report.findings if f.check == "sum" and f.code == "21208"]
    others = [(f.check, f.item, f.stated, f.expected) for f in report.findings
              if f.severity in ("error", "warning") and f not in planted + consequence]
    assert others == []
    assert [f.severity for f in consequence] == ["error"]
    assert not [f for f in check(docs["f2024"]).findings if f.severity in ("error", "warning")]


def test_row_and_column_numbers_are_never_figures(docs):
    # the template's 行次 columns in 表1 and 栏次 row in 表3: the same tables (行次 aside), the same findings
    numbered, plain = docs["n2025"], docs["f2025"]
    t3 = numbered.table("final_expense")
    assert [(r.code, r.values) for r in t3.rows] == [(r.code, r.values) for r in plain.table("final_expense").rows]
    t1 = numbered.table("final_overview")
    assert [c.leaf for c in t1.columns] == ["行次", "决算数", "行次", "决算数"]

    def key(doc):
        return sorted((f.check, f.severity, f.code, f.item, f.stated, f.expected) for f in check(doc).findings)
    assert key(numbered) == key(plain)


def test_the_completion_sentence_of_the_brief(docs):
    [s] = [s for s in docs["f2025"].statements if "三公" in s.subject and s.execution is not None]
    assert (s.amount.text, s.budget.text, str(s.execution), s.change.text, str(s.rate), s.comparison) == \
        ("62.07", "84.82", "73.2%", "38.97", "168.7%", "上年决算")
    assert not [f for f in check(docs["f2025"]).findings if f.quote == s.quote and f.severity != "insufficient"]


def test_final_with_final(docs):
    report = compare(docs["f2024"], docs["f2025"])
    assert report.comparison == "final"
    assert report_to_json(report)["comparison_text"] == "上年决算与本年决算"
    # the catalogue has not seen the 213 codes of this fictional department: one notice, not a slip
    assert not [f for f in report.findings if (f.doc == "old" and f.check != "catalogue") or f.check == "prior"]
    ch = {c.code: c for c in report.changes if c.section == "functional"}
    assert (ch["2130101"].old, ch["2130101"].new) == (build.figures(2024).lines[4].basic,
                                                       build.figures(2025).lines[4].basic)
    assert "决算变动审查备忘录" in render_markdown(report)
    # 「比上年决算数增加38.97万元」 is checked against the 2024 决算 (23.10): a slip there is an error, not a warning
    from dataclasses import replace
    from yoydiff.numbers import Amount
    new = docs["f2025"]
    sts = tuple(replace(s, change=Amount.parse("28.97")) if s.execution is not None and "三公" in s.subject else s
                for s in new.statements)
    [f] = [f for f in compare(docs["f2024"], replace(new, statements=sts)).findings if f.check == "prior"]
    assert f.severity == "error" and "23.10" in f.expected and "33.10" in f.stated


def test_budget_execution_of_one_year(docs):
    report = compare(docs["b2025"], docs["f2025"])
    assert report.comparison == "execution"
    assert not [w for w in report.warnings if "口径不同" in w]
    ch = {c.code: c for c in report.changes if c.section == "functional"}
    line = next(x for x in build.figures(2025).lines if x.code == "2130101")
    assert (ch["2130101"].old, ch["2130101"].new) == (line.budget, line.basic)        # 年初预算数 → 决算数
    # the 决算 table's 年初预算数 column is never the 决算 figure
    assert ch["213"].new != next(r for r in docs["f2025"].table("final_gpb_expense").rows if r.code == "213").values[0].value
    assert not [f for f in report.findings if f.check in ("prior", "target", "lifecycle")]
    md = render_markdown(report)
    assert "预算执行审查备忘录" in md and "完成率 = 决算数 ÷ 预算数" in md
    with pytest.raises(InputError, match="give the 预算 first"):
        compare(docs["f2025"], docs["b2025"])
    with pytest.raises(InputError, match="both documents are for 2025"):
        compare(docs["b2025"], docs["b2025"].__class__(**{**docs["b2025"].__dict__, "sha256": "x"}))


def test_committed_corpus_is_the_generator_output():
    corpus = Path(__file__).resolve().parent.parent / "corpora" / "final"
    assert (corpus / "2024-final.txt").read_text(encoding="utf-8") == build.build(2024)
    assert (corpus / "2025-final.txt").read_text(encoding="utf-8") == build.build(2025, plant=True)
    assert (corpus / "2025-budget.txt").read_text(encoding="utf-8") == build.build_budget(2025)
