"""`yoydiff parse FILE.pdf`: the document model of one disclosure, summarised; --json writes it."""
from __future__ import annotations

import sys

from ..numbers import fmt_pct


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="the disclosure PDF; several files are one document (narrative + tables, 部门 + 单位)")
    p.add_argument("--explain", type=int, metavar="PAGE",
                   help="print, for one page of the document, the rules, table regions, columns, rows and "
                        "the strategy that read each table")
    p.add_argument("--unparsed", type=int, default=15, metavar="N",
                   help="list at most N lines that were not understood (default 15)")


def run(args) -> int:
    from ..serialize import document_to_json, write_json
    from .compare import document_cache, one_or_several, progress, read
    doc = read(one_or_several(args.files), args.password, progress(args), document_cache(args))
    out = sys.stdout
    print(f"{doc.department or '(department not found)'} {doc.year or '?'}年 {doc.kind}  "
          f"({doc.page_count} pages, amounts in {doc.unit})", file=out)
    if len(doc.files) > 1:
        for f in doc.files:
            print(f"  pages {f.first_page}–{f.first_page + f.page_count - 1}: {f.path}", file=out)
    print(f"budget units: {len(doc.budget_units)}", file=out)
    print(f"tables: {len(doc.tables)}", file=out)
    for t in doc.tables:
        pages = f"p.{t.pages[0]}" + (f"–{t.pages[-1]}" if len(t.pages) > 1 else "") if t.pages else ""
        state = f"empty: {t.empty_note[:40]}" if t.is_empty else f"{len(t.rows)} rows × {len(t.columns)} columns"
        print(f"  {t.number or '-':6} {t.title:<24} {pages:<9} {state}", file=out)
    with_code = sum(1 for s in doc.statements if s.code)
    print(f"statements: {len(doc.statements)} ({with_code} resolved to a code)", file=out)
    print(f"projects: {len(doc.projects)}; performance indicators: {len(doc.indicators)}", file=out)
    print(f"coverage: {fmt_pct(doc.coverage * 100)} of {doc.numeric_tokens} printed figures are in the model", file=out)
    for w in doc.warnings:
        print(f"warning: {w}", file=out)
    if doc.code_repairs:
        print(f"codes repaired ({len(doc.code_repairs)}):", file=out)
        for c in doc.code_repairs:
            print(f"  p.{c.page} {c.table}: {c.printed} -> {c.code} {c.name}  [{c.reason}]", file=out)
    if doc.unparsed:
        print(f"not understood ({len(doc.unparsed)} lines):", file=out)
        for u in doc.unparsed[: args.unparsed]:
            print(f"  p.{u.page}: {u.text[:70]}  [{u.reason[:60]}]", file=out)
        if len(doc.unparsed) > args.unparsed:
            print(f"  … {len(doc.unparsed) - args.unparsed} more (see --json)", file=out)
    if args.json:
        write_json(document_to_json(doc), args.json)
    if args.explain is not None:
        explain_page(doc, args.explain, args.password, out)
    return 0


def explain_page(doc, number: int, password: str, out) -> None:
    """The table reader's view of one document page (the file it is in is read again)."""
    from ..errors import InputError
    from ..parsers.tables import explain
    from ..pdf import read_pages
    f = next((f for f in doc.files if f.first_page <= number < f.first_page + f.page_count), None)
    if f is None:
        raise InputError(f"--explain {number}: the document has pages 1–{doc.page_count}")
    pages = read_pages(f.path, password, first=f.first_page)
    print(f"--- explain page {number} ({f.path}, page {number - f.first_page + 1} of the file)", file=out)
    for line in explain(pages, number):
        print(line, file=out)
