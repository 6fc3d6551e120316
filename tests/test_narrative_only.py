"""A disclosure published as the 情况说明 alone (many places publish the tables separately): the narrative of
corpora/deptb/2025.txt without 第二部分, rendered with reportlab (horizontal rules only, wrapped cells, a
project-list row split over a page break), read and checked like a whole disclosure."""
from pathlib import Path

import pytest

import synth
from corpus import document
from yoydiff.cli import main
from yoydiff.core import WARN_NO_TABLES
from yoydiff.reader import read_document

TXT = Path(__file__).resolve().parent.parent / "corpora" / "deptb" / "2025.txt"


@pytest.fixture(scope="module")
def narrative_pdf(tmp_path_factory):
    lines = TXT.read_text(encoding="utf-8").splitlines()
    tables = max(i for i, ln in enumerate(lines) if ln.startswith("第二部分"))     # 第二部分 and its tables
    kept = [ln for ln in lines[:tables] if not ln.startswith(("第二部分", "- 附表"))]  # nor its table of contents
    txt = tmp_path_factory.mktemp("narrative") / "2025-narrative.txt"
    txt.write_text("\n".join(kept), encoding="utf-8")
    return synth.render(txt, txt.with_suffix(".pdf")) and txt.with_suffix(".pdf")


def _figures(s):
    return (s.subject, s.amount and s.amount.text, s.change and s.change.text, s.rate and s.rate.text,
            s.share and s.share.text)


def test_narrative_only_document_is_read(narrative_pdf):
    doc = read_document(narrative_pdf)
    full = document("deptb-2025")
    assert (doc.department, doc.year, doc.tables) == ("青岚县卫生健康委员会", 2025, ())
    assert WARN_NO_TABLES in doc.warnings and WARN_NO_TABLES == "未找到预算表，仅核对了说明文字"
    # the same statements as the whole disclosure (codes, and the topic of a 类 named without （类）, need the tables)
    assert [_figures(s) for s in doc.statements] == [_figures(s) for s in full.statements]
    # without tables the codes come from the catalogue alone, and only where it is certain: never another code
    assert len(doc.statements) == 57 and any(s.code for s in doc.statements)
    assert all(s.code in (None, f.code) for s, f in zip(doc.statements, full.statements))
    # the project list of （五） (horizontal rules only, one name split over the page break)
    assert [(p.name, p.amount.text) for p in doc.projects] == [(p.name, p.amount.text) for p in full.projects]
    assert doc.projects[9].name == "2025年慢性病及地方病防治经费" and doc.projects[8].code == "2100401"
    assert len(doc.indicators) == 6
    # left unread, each at its own line (coverage counts a figure only where the model holds it):
    # the rate with no statement, the project list's 合计 row (no project), a zero of the 三公 sentence
    assert [(u.text[-11:], u.reason.split("：")[-1]) for u in doc.unparsed] == [
        ("绩效目标覆盖率100%", "100%"), ("合计 6,062.80", "6,062.80"),
        ("平；公务用车购置及运行", "0"), ("点项目绩效目标表如下：", "100")]


def test_check_command_on_narrative_only(narrative_pdf, capsys):
    assert main(["check", str(narrative_pdf), "-q"]) == 1          # the planted narrative errors remain
    out = capsys.readouterr().out
    assert f"warning: {WARN_NO_TABLES}" in out
    assert "ERROR [rate]" in out and "疾病预防控制机构" in out and "ERROR [share]" in out
