"""The real-statements pages (development part only: corpora/HOLDOUT.md) read as text and checked: every page
read, no correct statement reported as an error or warning, and the real slips found (scored like
benchmarks/real_statements.py, which also prints the held-out figures)."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import real_statements as rs  # noqa: E402

FLAGS_FOUND_AT_LEAST = 11      # of the 18 dev flags (benchmarks/README.md lists the 7 not found and why)


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pages")
    labels = [json.loads(ln) for ln in (rs.STATEMENTS / "statements.jsonl").read_text(encoding="utf-8").splitlines()
              if ln.strip() and not rs.held_out(json.loads(ln)["file"])]
    pages = sorted({lb["file"] for lb in labels})
    out = {"refused": [], "false": [], "found": [], "missed": []}
    for page in pages:
        doc, report = rs.run_page(rs.STATEMENTS / "pages" / page, tmp, via_pdf=False)
        if doc is None:
            out["refused"].append((page, report))
            continue
        flags = [f for f in report.findings if f.severity in rs.FLAG_SEVERITIES]
        for lb in (lb for lb in labels if lb["file"] == page):
            checks = rs.CHECKS_OF.get(lb["stmt_type"])
            hits = [f for f in flags if rs.overlaps(f.quote, lb["quote"])
                    and rs.numbers(f.stated) & rs.numbers(lb["quote"]) and (checks is None or f.check in checks)]
            if lb["expected_flag"] == "no_flag" and hits:
                out["false"].append((page, lb["quote"][:60], hits[0].check, hits[0].stated, hits[0].expected))
            elif lb["expected_flag"] == "flag":
                out["found" if hits else "missed"].append((page, lb["quote"][:60]))
    return out


def test_every_dev_page_is_read(scored):
    assert scored["refused"] == []


def test_no_correct_statement_is_an_error(scored):
    assert scored["false"] == []


def test_real_slips_are_found(scored):
    assert len(scored["found"]) >= FLAGS_FOUND_AT_LEAST, scored["missed"]
