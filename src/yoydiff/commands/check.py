"""`yoydiff check FILE.pdf`: the within-document checks of one disclosure, summarised; --json and -o write them."""
from __future__ import annotations

import sys

from ..compare import check
from .compare import document_cache, finish, one_or_several, progress, read


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="the disclosure PDF; several files are one document (narrative + tables, 部门 + 单位)")
    p.add_argument("-o", "--output", metavar="PATH", action="append",
                   help="write the report (pdf/html/xlsx/csv/json/md by suffix); may be given several times")
    p.add_argument("--format", choices=("pdf", "html", "xlsx", "csv", "json", "md"),
                   help="output format when PATH has no telling suffix")


def run(args) -> int:
    say = progress(args)
    doc = read(one_or_several(args.files), args.password, say, document_cache(args))
    say("checking")
    report = check(doc)
    return finish(report, args, sys.stdout, say)
