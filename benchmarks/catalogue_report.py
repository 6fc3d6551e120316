#!/usr/bin/env python3
"""What the catalogue does on the corpora: code repairs, codes left unverified and catalogue notices.

Per file for the development PDFs (corpora/real-pdf/jiangsu except js-jcy-*, urumqi, deptb); the
held-out js-jcy-* files (corpora/HOLDOUT.md) only as one aggregate line, nothing per file.
Run: .venv/bin/python benchmarks/catalogue_report.py
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from yoydiff.checks.catalogue import check_catalogue
from yoydiff.reader import read_document

ROOT = Path(__file__).resolve().parent.parent
UNVERIFIED = "科目编码"


def measure(path: Path) -> Counter:
    doc = read_document(path)
    c = Counter()
    c["coded rows"] = sum(1 for t in doc.tables for r in t.rows if r.code)
    c["repairs"] = len(doc.code_repairs)
    c["unverified"] = sum(1 for u in doc.unparsed if u.reason.startswith(UNVERIFIED))
    for f in check_catalogue(doc, "new"):
        if f.item == "未见于科目表的编码":
            c["notice: unknown codes"] += int(f.stated.split(" ")[0])     # one notice lists them all
        else:
            c["notice: " + ("superseded name" if "旧版" in f.rule else "name mismatch")] += 1
    c["_doc"] = doc
    return c


def line(name: str, c: Counter) -> str:
    keys = ["coded rows", "repairs", "unverified", "notice: name mismatch", "notice: superseded name",
            "notice: unknown codes"]
    return f"{name:<36} " + "  ".join(f"{k.replace('notice: ', '')} {c[k]}" for k in keys)


def main() -> int:
    jiangsu = sorted((ROOT / "corpora" / "real-pdf" / "jiangsu").glob("*.pdf"))
    dev = [p for p in jiangsu if not p.name.startswith("js-jcy-")]
    held = [p for p in jiangsu if p.name.startswith("js-jcy-")]
    others = [ROOT / "corpora" / "urumqi" / "urumqi-hrss-2025-reconstructed.pdf",
              ROOT / "corpora" / "urumqi" / "urumqi-hrss-2026.pdf",
              ROOT / "corpora" / "deptb" / "2024.pdf", ROOT / "corpora" / "deptb" / "2025.pdf"]
    total = Counter()
    verbose = "-v" in sys.argv
    for p in dev + others:
        c = measure(p)
        doc = c.pop("_doc")
        print(line(p.name, c))
        if verbose:
            for r in doc.code_repairs:
                print(f"    repair p.{r.page} {r.table}: {r.printed} -> {r.code} {r.name}")
            for u in doc.unparsed:
                if u.reason.startswith(UNVERIFIED):
                    print(f"    unverified p.{u.page}: {u.reason}")
            for f in check_catalogue(doc, "new"):
                print(f"    notice p.{f.page}: {f.rule}")
        if p in dev:
            total.update(c)
    print(line(f"TOTAL {len(dev)} dev Jiangsu files", total))
    held_total = Counter()
    for p in held:
        c = measure(p)
        c.pop("_doc")
        held_total.update(c)
    print(line(f"HELD-OUT js-jcy-* ({len(held)} files)", held_total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
