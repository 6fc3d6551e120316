"""Aggregate figures of the checks on the 决算 pages of corpora/real-statements (a measurement, not a test).

    .venv/bin/python benchmarks/final_pages.py [DIR] [--holdout]

Each 决算 page (kind: 决算 in its header) is read paragraph by paragraph with the narrative parser into a
决算 Document without tables and run through every within-document check; a labelled statement counts as
found when an error or warning quotes it. Prints: flagged statements [labelled, found], no_flag statements
reported as errors, pages, errors and warnings in all, then the same per stmt_type. Held-out pages (numbers
that are multiples of 4, corpora/HOLDOUT.md) are left out unless --holdout, which prints only aggregates.
"""
import json, re, sys
from decimal import Decimal
from pathlib import Path
from yoydiff.core import Document
from yoydiff.parsers.narrative import parse_paragraph
from yoydiff.checks import run_document_checks

root = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else Path(__file__).resolve().parent.parent / "corpora" / "real-statements"
holdout = "--holdout" in sys.argv
labels = [json.loads(l) for l in (root / "statements.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
def sq(t): return re.sub(r"\s+", "", t)
stats = {"flag": [0, 0], "no_flag_err": 0, "no_flag": 0, "pages": 0, "errors": 0}
by_type = {}
for p in sorted((root / "pages").glob("*.txt")):
    n = int(p.stem)
    if (n % 4 == 0) != holdout:
        continue
    text = p.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    if "kind: 决算" not in head:
        continue
    m = re.search(r"year:\s*(\d{4})", head)
    year = int(m.group(1)) if m else None
    sts = []
    for para in body.split("\n"):
        if para.strip():
            sts += parse_paragraph(para, year=year)
    doc = Document(path=str(p), sha256="", department="", year=year, kind="决算", unit="万元", page_count=1,
                   budget_units=(), tables=(), statements=tuple(sts), projects=(), indicators=(), unparsed=(),
                   coverage=Decimal(1))
    fs = [f for f in run_document_checks(doc, "new") if f.severity in ("error", "warning")]
    stats["pages"] += 1
    stats["errors"] += len(fs)
    for lab in (l for l in labels if l["file"] == p.name):
        q = sq(lab["quote"])
        hit = [f for f in fs if f.quote and (sq(f.quote) in q or q in sq(f.quote))]
        t = by_type.setdefault(lab["stmt_type"], {"flag": 0, "found": 0, "no_flag": 0, "false": 0})
        if lab["expected_flag"] == "flag":
            stats["flag"][0] += 1; t["flag"] += 1
            if hit:
                stats["flag"][1] += 1; t["found"] += 1
        elif lab["expected_flag"] == "no_flag":
            stats["no_flag"] += 1; t["no_flag"] += 1
            if any(f.severity == "error" for f in hit):
                stats["no_flag_err"] += 1; t["false"] += 1
print(json.dumps(stats, ensure_ascii=False))
if not holdout:
    print(json.dumps(by_type, ensure_ascii=False))
