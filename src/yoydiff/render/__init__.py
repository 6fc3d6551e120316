"""Write a Report as the change memo (pdf, html) or as data (xlsx, csv, json, md).

csv writes one file per sheet beside `out` (<stem>-summary.csv, <stem>-findings.csv, <stem>-functional.csv …)
and returns the summary file; every other format writes `out` itself.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..errors import InputError
from ..results import Report
from . import exports, memo

FORMATS = ("pdf", "html", "xlsx", "csv", "json", "md")


def write(report: Report, out: Path, fmt: str | None = None, quiet: bool = False) -> Path:
    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".") or "pdf").lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    if fmt == "pdf":
        path, _ = memo.render_pdf(report, out)
    elif fmt == "html":
        out.write_text(memo.render_html(report), encoding="utf-8")
        path = out
    elif fmt == "json":
        path = exports.write_json(report, out)
    else:
        view = memo.build(report)
        path = {"xlsx": exports.write_xlsx, "csv": exports.write_csv, "md": exports.write_md}[fmt](view, out)
    if not quiet:
        print(f"wrote {path} ({time.perf_counter() - start:.2f} s)", file=sys.stderr)
    return path
