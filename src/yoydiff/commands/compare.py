"""`yoydiff compare OLD.pdf NEW.pdf`: match the two years, compute changes, check every stated figure.

Prints a terminal summary (findings by severity, the errors one per line with page and figures, the
largest changes, match counts); --json writes the report as JSON (docs/json.md); -o renders it.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..compare import compare, report_to_json
from ..numbers import fmt_amount
from ..results import COMPARISONS, SEVERITIES, Report

TOP_CHANGES = 10
_LABELS = {"line": "functional lines", "economic": "economic lines", "unit": "budget units", "project": "projects"}


def add_arguments(p) -> None:
    p.add_argument("old", nargs="?", help="the earlier year's disclosure PDF")
    p.add_argument("new", nargs="?", help="the later year's disclosure PDF")
    p.add_argument("--old", dest="old_files", metavar="FILE", action="append", default=[],
                   help="a further PDF of the earlier year (its tables file, a 单位 document); repeatable")
    p.add_argument("--new", dest="new_files", metavar="FILE", action="append", default=[],
                   help="a further PDF of the later year; repeatable")
    p.add_argument("-o", "--output", metavar="PATH", action="append",
                   help="write the memo (pdf/html/xlsx/csv/json/md by suffix); may be given several times")
    p.add_argument("--format", choices=("pdf", "html", "xlsx", "csv", "json", "md"),
                   help="output format when PATH has no telling suffix")


def progress(args):
    """A function printing progress on stderr, silent unless stderr is a terminal and not --quiet."""
    on = sys.stderr.isatty() and not getattr(args, "quiet", False)

    def say(msg: str) -> None:
        if on:
            print(f"yoydiff: {msg}…", file=sys.stderr, flush=True)
    return say


def one_or_several(paths: list[str]):
    """A single path as itself, several as the list (the reader takes either)."""
    return paths[0] if len(paths) == 1 else paths


def document_cache(args):
    """The cache of read documents, None with --no-cache."""
    from ..cache import DocumentCache
    return None if getattr(args, "no_cache", False) else DocumentCache()


def read(paths, password: str, say, cache=None):
    """One document from one path or several, from the cache of read documents when it is there."""
    from ..cache import read_cached      # imported late: parsing pulls in pdfminer
    say(f"reading {paths if isinstance(paths, str) else ' + '.join(paths)}")
    return read_cached(paths, password, cache)


def _page(p) -> str:
    return f"p.{p}" if p is not None else "p.?"


def summary(report: Report, out) -> None:
    docs = [report.old, report.new] if report.old is not None else [report.new]
    for label, d in zip(("old", "new") if report.old is not None else ("",), docs):
        head = f"{label}: " if label else ""
        print(f"{head}{d.department or '(department?)'} {d.year or '?'}年 {d.kind} — {d.path}", file=out)
    if report.comparison:
        print(f"comparison: {report.comparison} ({COMPARISONS[report.comparison]})", file=out)
    counts = ", ".join(f"{report.count(s)} {s}" for s in SEVERITIES)
    print(f"findings: {counts}", file=out)
    errors = [f for f in report.findings if f.severity == "error"]
    for f in errors:
        where = f"{f.doc} {_page(f.page)}"
        other = f" (old {_page(f.other_page)})" if f.other_page is not None else ""
        cause = f" — {f.cause}" if f.cause else ""
        code = f"{f.code} " if f.code and f.code not in f.item else ""
        print(f"  ERROR [{f.check}] {where}{other} {code}{f.item}: stated {f.stated}; expected {f.expected}"
              f"{cause}", file=out)
    if report.matches:
        by: dict[str, dict[str, int]] = {}
        for m in report.matches:
            by.setdefault(m.what, {}).setdefault(m.kind, 0)
            by[m.what][m.kind] += 1
        for what, kinds in by.items():
            print(f"{_LABELS.get(what, what)}: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda x: -x[1])),
                  file=out)
    moved = [c for c in report.changes if c.change and c.section in ("functional", "project")
             and (c.section == "project" or c.level == 3)]
    moved.sort(key=lambda c: abs(c.change), reverse=True)
    if moved:
        print("largest changes (万元):", file=out)
        for c in moved[:TOP_CHANGES]:
            pct = f" ({c.pct:+}%)" if c.pct is not None else ""     # none from 0: the [new] tag says it
            code = f"{c.code} " if c.code else ""
            print(f"  {c.change:+,} {code}{c.item[:50]}: {fmt_amount(c.old)} → {fmt_amount(c.new)}{pct}"
                  f"{'' if c.status == 'matched' else ' [' + c.status + ']'}", file=out)
    for w in report.warnings:
        print(f"warning: {w}", file=out)


def finish(report: Report, args, out, say) -> int:
    summary(report, out)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report_to_json(report), ensure_ascii=False, indent=1), encoding="utf-8")
    outputs = getattr(args, "output", None) or []
    if outputs:
        from ..render import write
        from ..render.fonts import cjk_font
        if any((args.format or Path(o).suffix.lstrip(".")) in ("pdf", "") for o in outputs):
            cjk_font()      # refuse before writing anything when the memo could only show empty boxes
        for o in outputs:
            say(f"writing {o}")
            start = time.perf_counter()
            path = write(report, o, args.format, quiet=True)
            print(f"wrote {path} ({time.perf_counter() - start:.1f} s)", file=out)
    return 1 if report.count("error") else 0


def run(args) -> int:
    from ..errors import InputError
    say = progress(args)
    # OLD NEW as positionals, each year completed (or given wholly) by --old / --new
    olds = [args.old] * bool(args.old) + args.old_files
    news = [args.new] * bool(args.new) + args.new_files
    if not args.new and args.old and not args.old_files and args.new_files:
        olds = [args.old]
    if not olds or not news:
        raise InputError("compare needs the earlier and the later year: OLD.pdf NEW.pdf, or --old FILE … --new FILE …")
    cache = document_cache(args)
    old = read(one_or_several(olds), args.password, say, cache)
    new = read(one_or_several(news), args.password, say, cache)
    say("comparing")
    return finish(compare(old, new), args, sys.stdout, say)
