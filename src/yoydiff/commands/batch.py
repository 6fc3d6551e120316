"""`yoydiff batch DIR... -o OUTDIR`: every disclosure under the folders, each department's consecutive years
compared (a JSON report per pair, memos on request), the trend of every department of three or more years
(JSON and memo, as `yoydiff trend`), one overview (overview.json, .xlsx, .pdf).

Exit code: 0 when no pair has an error-severity finding, 1 otherwise, 2 when nothing could be done.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path


def add_arguments(p) -> None:
    p.add_argument("dirs", nargs="+", metavar="DIR", help="folders searched (recursively) for disclosures")
    p.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="folder for the reports and the overview")
    p.add_argument("--format", action="append", choices=("pdf", "html", "xlsx", "csv", "md"), default=[],
                   help="also write each pair's report in this format (JSON is always written; a trend's PDF memo too, "
                        "and its html/xlsx when asked); may be repeated")
    p.add_argument("--no-overview-memo", action="store_true", help="write the overview as JSON and xlsx only")
    p.add_argument("-j", "--workers", type=int, default=None, metavar="N",
                   help="processes reading and comparing on this machine (default: every core)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the reading and the comparisons on a Dask distributed cluster (tcp://host:8786)")


def run(args) -> int:
    from ..batch import plain_lines, run_batch, write_atomic, dumps
    from ..overview import build, write_pdf, write_xlsx
    from ..parallel import Runner
    from .compare import document_cache

    out = Path(args.output)
    note = plain_lines(args.quiet)
    start = time.perf_counter()
    with Runner(args.workers, args.scheduler) as runner:
        note(f"reading and comparing on {runner.describe()}")
        result = run_batch(args.dirs, out, runner=runner, cache=document_cache(args), password=args.password,
                           formats=tuple(dict.fromkeys(args.format)), quiet=args.quiet, note=note)
    ov = build(result)
    write_atomic(out / "overview.json", dumps(ov.to_json()))
    write_xlsx(ov, out / "overview.xlsx")
    if args.json:
        write_atomic(Path(args.json), dumps(ov.to_json()))
    t_data = time.perf_counter() - start
    if not args.no_overview_memo:
        write_pdf(ov, out / "overview.pdf")
    c = ov.counts
    print(f"{c['files']} files, {c['departments']} departments, {c['filings']} filings, {c['pairs']} pairs compared, "
          f"{c['trends']} trends ({result.read} files read, {result.compared} pairs compared and {result.trended} "
          f"trends computed this run, the rest from earlier runs) in {t_data:.1f} s", file=sys.stdout)
    for d in ov.departments[:10]:
        if d["errors"]:
            print(f"  {d['rank']:>3}. {d['department']}: {d['errors']} errors", file=sys.stdout)
    for t in ov.trends:
        print(f"  trend {t['department']} {t['kind']} {', '.join(map(str, t['years']))}: 支出总计 "
              f"{t['expense_first']} → {t['expense_last']} (CAGR {t['cagr'] + '%' if t['cagr'] else '—'}), "
              f"{t['chained_prior_errors']} chained prior errors: {out / t['memo']}", file=sys.stdout)
    for u in ov.unreadable:
        print(f"unreadable: {u['path']}: {u['reason']}", file=sys.stdout)
    print(f"overview: {out / 'overview.xlsx'}" + ("" if args.no_overview_memo else f", {out / 'overview.pdf'}"),
          file=sys.stdout)
    return 1 if c["errors"] else 0
