"""`yoydiff trend FILE...`: three or more years of one department (several files per year allowed):
every year's figures per classification, change, rate, compound annual growth, the chained prior check.

Exit code: 0 when no consecutive pair has an error-severity finding, 1 otherwise, 2 for unusable input.
"""
from __future__ import annotations

import sys

from ..errors import InputError


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="the disclosures, any order, one or more files per year")
    p.add_argument("-o", "--output", metavar="PATH", action="append",
                   help="write the trend memo (pdf/html) or tables (xlsx/json) by suffix; may be given several times")


def read_filings(files: list[str], args):
    """The files read (cached) and grouped into one department's filings of one kind."""
    from ..cache import read_cached
    from ..collection import group_documents
    from .compare import document_cache, progress
    say = progress(args)
    cache = document_cache(args)
    docs = []
    for f in files:
        say(f"reading {f}")
        docs.append(read_cached(f, args.password, cache))
    filings, unplaced = group_documents(docs)
    # a year published as several files is read again as one document (the narrative with its tables)
    from ..batch import read_together
    from ..parallel import Runner
    with Runner(workers=1) as runner:
        filings = read_together(filings, runner, cache, args.password, lambda msg: None, True)
    for _path, why in unplaced:
        if why.key == "same_content":       # a file given twice (under another name): used once
            say(str(why))
            continue
        raise InputError(why)
    keys = {f.key for f in filings}
    if len(keys) > 1:
        raise InputError("the files are of different departments: " + ", ".join(sorted({f.department for f in filings})))
    kinds = {}
    for f in filings:
        kinds.setdefault(f.kind, []).append(f)
    kind = max(kinds, key=lambda k: (len(kinds[k]), k == "预算"))
    return sorted(kinds[kind], key=lambda f: f.year), [k for k in kinds if k != kind]


def run(args) -> int:
    from ..trend import trend
    filings, other_kinds = read_filings(args.files, args)
    t = trend([f.document for f in filings])
    out = sys.stdout
    print(f"{t.documents[-1].department} {t.documents[-1].kind} {', '.join(map(str, t.years))}", file=out)
    if other_kinds:
        print(f"note: files of {', '.join(other_kinds)} left out (a trend follows one kind)", file=out)
    for s in t.section("totals"):
        vals = " → ".join("?" if v is None else f"{v:,}" for v in s.values)
        print(f"  {s.item}: {vals}  (CAGR {'—' if s.cagr is None else f'{s.cagr}%'})", file=out)
    chained = t.chained()
    print(f"chained prior check: {sum(1 for *_, f in chained if f.severity == 'error')} errors, "
          f"{len(chained)} findings", file=out)
    for oy, ny, f in chained:
        if f.severity in ("error", "warning"):
            print(f"  {f.severity.upper()} {oy}→{ny} p.{f.page} (old p.{f.other_page}) {f.code} {f.item}: "
                  f"stated {f.stated}; published {f.expected}", file=out)
    from ..render.trend import write_outputs
    for path in write_outputs(t, args.json, args.output or []):
        print(f"wrote {path}", file=out)
    return 1 if any(r.count("error") for r in t.reports) else 0
