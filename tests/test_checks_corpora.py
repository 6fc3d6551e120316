"""run_document_checks on the four corpus PDFs against the expected-findings files.

Every required within-document record is found with its severity and figures; the rounding records are
never errors or warnings; and every error or warning produced is one of the records (false positives
are bugs).
"""
import json
import re
from pathlib import Path

import pytest

from yoydiff.checks import run_document_checks
from corpus import document_at

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
DOCS = {
    "urumqi-hrss-2026.txt": CORPORA / "urumqi" / "urumqi-hrss-2026.pdf",
    "urumqi-hrss-2025-reconstructed.txt": CORPORA / "urumqi" / "urumqi-hrss-2025-reconstructed.pdf",
    "2024.txt": CORPORA / "deptb" / "2024.pdf",
    "2025.txt": CORPORA / "deptb" / "2025.pdf",
}
FIGURE = re.compile(r"^[\d,]+\.\d+%?$")


def _records() -> list[dict]:
    out = []
    for f in (CORPORA / "urumqi" / "expected-findings.json", CORPORA / "deptb" / "expected-findings.json"):
        out += [r for r in json.loads(f.read_text(encoding="utf-8")) if r["doc"] in DOCS]   # within one document
    return out


RECORDS = _records()


@pytest.fixture(scope="module")
def findings():
    return {name: run_document_checks(document_at(path), "new") for name, path in DOCS.items()}


def _item_core(item: str) -> str:
    return re.sub(r"^[\d ]+", "", item).replace("（项）", "").replace("（款）合计", "").split(" ")[0]


def _matches(f, r) -> bool:
    if f.check != r["check"]:
        return False
    return f.stated == r["stated"] or (_item_core(r["item"]) in f.item and r["check"] not in ("sum", "share"))


@pytest.mark.parametrize("record", [r for r in RECORDS if r["required"]], ids=lambda r: f"{r['doc']}:{r['item']}")
def test_required_records_are_found(findings, record):
    hits = [f for f in findings[record["doc"]] if _matches(f, record)]
    assert [f.severity for f in hits] == [record["expected_severity"]], hits
    if FIGURE.match(record["recomputed"]):
        assert hits[0].expected == record["recomputed"]
    assert hits[0].page is not None and hits[0].rule


@pytest.mark.parametrize("record", [r for r in RECORDS if r["expected_severity"] == "rounding"],
                         ids=lambda r: f"{r['doc']}:{r['item']}")
def test_rounding_records_are_not_errors(findings, record):
    assert not [f for f in findings[record["doc"]] if f.stated == record["stated"] and
                f.severity in ("error", "warning")]


def test_every_error_and_warning_is_an_expected_record(findings):
    unexpected = [(name, f.check, f.item, f.stated, f.expected) for name, fs in findings.items() for f in fs
                  if f.severity in ("error", "warning") and
                  not any(r["doc"] == name and _matches(f, r) for r in RECORDS)]
    assert unexpected == []


def test_consistent_2024_document_has_no_findings(findings):
    assert findings["2024.txt"] == []


def test_findings_are_written_in_chinese(findings):
    """The memo is a Chinese document: no English words in what the checks write (codes like 0110019B aside)."""
    english = re.compile(r"[A-Za-z]{3,}")
    texts = [(name, getattr(f, k)) for name, fs in findings.items() for f in fs
             for k in ("item", "stated", "expected", "rule", "cause", "distance")]
    assert texts and [(n, t) for n, t in texts if english.search(t)] == []
    assert all(re.fullmatch(r"相差 [\d,]+(\.\d+)? (万元|元|个百分点)", f.distance)
               for fs in findings.values() for f in fs if f.distance)
