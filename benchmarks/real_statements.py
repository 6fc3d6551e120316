"""Score yoydiff on real disclosure text: corpora/real-statements and the real Jiangsu PDFs.

    .venv/bin/python benchmarks/real_statements.py                 # both sets
    .venv/bin/python benchmarks/real_statements.py --statements    # only the real-statements pages
    .venv/bin/python benchmarks/real_statements.py --jiangsu       # only the Jiangsu PDFs
    .venv/bin/python benchmarks/real_statements.py --via-pdf       # pages rendered to a narrative-only PDF first
    .venv/bin/python benchmarks/real_statements.py --list          # also list misses/false errors (dev pages only)

real-statements: each pages/NNN.txt (its `key: value` header removed, so only the page's own text is read) goes
through `yoydiff check` (reader + checks, in-process). Every labelled statement of statements.jsonl is then
looked up: *found* when a statement the reader made overlaps its quote and holds its key figure; *flagged* when
an error/warning finding (a notice for a rate on a zero base) overlaps its quote and states a figure of it.
Printed: flags found / flags expected (recall), false errors (no_flag statements flagged), statements found,
refused pages, and error/warning findings that no labelled statement accounts for — separately for the dev
pages and the held-out pages (page numbers that are multiples of 4, corpora/HOLDOUT.md): for those only
aggregate figures are printed, never a quote.

Jiangsu: error, warning and insufficient counts of `yoydiff check` per dev PDF; js-jcy-* (held out) as one aggregate.
Then the documents as published (a year's narrative and tables files read as one document, `check`) and every
consecutive pair of a department (`compare`, old → new: the findings of both documents and across the years),
dev and held-out apart; the dev errors and warnings are listed.
"""
from __future__ import annotations

import argparse
import difflib
import io
import json
import re
import sys
import tempfile
import time
from contextlib import redirect_stderr
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from yoydiff.compare import check, compare  # noqa: E402
from yoydiff.errors import InputError  # noqa: E402
from yoydiff.parsers.phrases import fold  # noqa: E402
from yoydiff.reader import read_document  # noqa: E402

STATEMENTS = ROOT / "corpora" / "real-statements"
JIANGSU = ROOT / "corpora" / "real-pdf" / "jiangsu"
FLAG_SEVERITIES = ("error", "warning")
NUM_RE = re.compile(r"\d+(?:\.\d+)?")


# The checks that report each kind of labelled statement (a sum finding is not about a rate statement quoted
# in the same rows).
_YOY = {"rate", "direction", "zero-base", "narrative"}
CHECKS_OF = {"yoy": _YOY, "yoy_amount_only": _YOY, "yoy_rate_only": _YOY, "flat": _YOY, "vs_budget": _YOY | {"execution"},
             "share": {"share"}, "parts_sum": {"sum"}, "execution": {"execution", "rate"}}


def held_out(page: str) -> bool:
    return int(page[:3]) % 4 == 0


def norm(text: str) -> str:
    return re.sub(r"[\s,，、|]", "", fold(text or ""))


def numbers(text: str) -> set[Decimal]:
    plain = re.sub(r"(?<=\d)[,，](?=\d{3})", "", fold(text or ""))     # thousands separators only
    return {Decimal(m) for m in NUM_RE.findall(plain)}


def overlaps(a: str, b: str) -> bool:
    """Two quotes are about the same clause: one contains the other, or they share a long stretch."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    m = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= min(14, len(a), len(b))


def key_figures(label: dict) -> set[Decimal]:
    """The figures a reader must have taken to check the labelled statement."""
    keys = [label.get("stated_rate_pct"), label.get("stated_change"), label.get("stated_prior")]
    keys = [k for k in keys if k is not None] or [label.get("current")]
    return {Decimal(str(k)) for k in keys if k is not None}


def body(page: Path) -> str:
    """The page's own text: the corpus header (source/kind/department/year) is not part of the page."""
    text = page.read_text(encoding="utf-8")
    head, _, rest = text.partition("\n\n")
    return rest if all(re.match(r"^\w+:", ln) for ln in head.splitlines()) else text


def to_pdf(text: str, out: Path) -> None:
    """A narrative-only PDF of the text (one paragraph per line), as a page printed from a browser."""
    from html import escape
    from weasyprint import HTML
    paras = "".join(f"<p>{escape(ln)}</p>" for ln in text.splitlines() if ln.strip())
    HTML(string=f"<html><head><meta charset='utf-8'><style>body{{font-family:'Noto Sans CJK SC';font-size:11pt}}"
                f"</style></head><body>{paras}</body></html>").write_pdf(str(out))


def run_page(page: Path, tmp: Path, via_pdf: bool):
    """(document, report) of one page, or the refusal message."""
    text = body(page)
    if via_pdf:
        path = tmp / (page.stem + ".pdf")
        to_pdf(text, path)
    else:
        path = tmp / page.name
        path.write_text(text, encoding="utf-8")
    try:
        with redirect_stderr(io.StringIO()):
            doc = read_document(path, workers=1)
            return doc, check(doc)
    except InputError as e:
        return None, str(e)


def score_statements(via_pdf: bool, listing: bool) -> None:
    labels = [json.loads(ln) for ln in (STATEMENTS / "statements.jsonl").read_text(encoding="utf-8").splitlines()
              if ln.strip()]
    parts = {"dev": {}, "held-out": {}}
    for lb in labels:
        parts["held-out" if held_out(lb["file"]) else "dev"].setdefault(lb["file"], []).append(lb)
    by_check: dict[str, dict[str, int]] = {"dev": {}, "held-out": {}}   # false alarms by check (aggregate)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmpdir:
        for part, pages in parts.items():
            n = dict(pages=0, refused=0, statements=0, found=0, flag=0, flag_found=0, flag_read=0, no_flag=0,
                     false=0, skip_flagged=0, unlabelled=0, errors=0, warnings=0)
            lines = []
            for page in sorted(pages):
                n["pages"] += 1
                doc, report = run_page(STATEMENTS / "pages" / page, Path(tmpdir), via_pdf)
                if doc is None:
                    n["refused"] += 1
                    lines.append(f"  {page}: refused ({report})")
                    report_findings, statements = [], []
                else:
                    report_findings, statements = list(report.findings), list(doc.statements)
                flags = [f for f in report_findings if f.severity in FLAG_SEVERITIES
                         or (f.severity == "notice" and f.check == "zero-base")]
                n["errors"] += sum(f.severity == "error" for f in report_findings)
                n["warnings"] += sum(f.severity == "warning" for f in report_findings)
                used = set()
                for lb in pages[page]:
                    n["statements"] += 1
                    keys = key_figures(lb)
                    found = any(overlaps(s.quote, lb["quote"]) and keys & numbers(s.quote) for s in statements)
                    n["found"] += found
                    checks = CHECKS_OF.get(lb["stmt_type"])
                    hits = [i for i, f in enumerate(flags)
                            if overlaps(f.quote, lb["quote"]) and numbers(f.stated) & numbers(lb["quote"])
                            and (checks is None or f.check in checks)]
                    used |= set(hits)
                    exp = lb["expected_flag"]
                    if exp == "flag":
                        n["flag"] += 1
                        n["flag_found"] += bool(hits)
                        n["flag_read"] += found
                        if not hits:
                            lines.append(f"  {page}: MISSED flag [{lb['stmt_type']}] {lb['quote'][:90]}")
                    elif exp == "no_flag":
                        n["no_flag"] += 1
                        if hits:
                            n["false"] += 1
                            f = flags[hits[0]]
                            by_check[part][f"{f.check}/{f.severity}"] = by_check[part].get(f"{f.check}/{f.severity}", 0) + 1
                            lines.append(f"  {page}: FALSE {f.severity} [{f.check}] {lb['quote'][:70]} | "
                                         f"stated {f.stated} expected {f.expected}")
                    else:
                        n["skip_flagged"] += bool(hits)
                for i, f in enumerate(flags):
                    if i not in used:
                        n["unlabelled"] += 1
                        lines.append(f"  {page}: unlabelled {f.severity} [{f.check}] {f.quote[:70]} | "
                                     f"stated {f.stated} expected {f.expected}")
            print(f"real-statements {part}: {n['pages']} pages, {n['refused']} refused; "
                  f"statements found {n['found']}/{n['statements']}; "
                  f"flags found {n['flag_found']}/{n['flag']} (read {n['flag_read']}); "
                  f"false errors/warnings {n['false']}/{n['no_flag']} no_flag; "
                  f"skip flagged {n['skip_flagged']}; unlabelled alarms {n['unlabelled']}; "
                  f"findings: {n['errors']} error, {n['warnings']} warning")
            if by_check[part]:
                print("  false alarms by check: " + ", ".join(f"{k} {v}" for k, v in sorted(by_check[part].items())))
            if listing and part == "dev":
                print("\n".join(lines))
    print(f"  ({'via narrative-only PDF' if via_pdf else 'as .txt'}; {time.perf_counter() - t0:.0f} s)")


def score_jiangsu() -> None:
    held = {"error": 0, "warning": 0, "insufficient": 0, "files": 0, "refused": 0}
    dev = {"error": 0, "warning": 0, "insufficient": 0}
    for pdf in sorted(JIANGSU.glob("*.pdf")):
        try:
            with redirect_stderr(io.StringIO()):
                doc = read_document(pdf)
                report = check(doc)
            e, w, i = report.count("error"), report.count("warning"), report.count("insufficient")
            refused = ""
        except InputError as ex:
            e = w = i = 0
            refused = f" refused: {ex}"
        if pdf.name.startswith("js-jcy-"):
            held["files"] += 1
            held["error"] += e
            held["warning"] += w
            held["insufficient"] += i
            held["refused"] += bool(refused)
            continue
        dev["error"] += e
        dev["warning"] += w
        dev["insufficient"] += i
        print(f"  {pdf.name:32} {e:3} error {w:3} warning {i:3} insufficient{refused}")
    print(f"jiangsu dev (19 PDFs): {dev['error']} error, {dev['warning']} warning, {dev['insufficient']} insufficient")
    print(f"jiangsu held-out js-jcy-* ({held['files']} PDFs): {held['error']} error, {held['warning']} warning, "
          f"{held['insufficient']} insufficient, {held['refused']} refused")


def _published() -> dict[tuple[str, int], list[Path]]:
    """(department, year) → its files, narrative first: js-fy-2017-yusuan.pdf + js-fy-2017-yusuan-tables.pdf."""
    docs: dict[tuple[str, int], list[Path]] = {}
    for pdf in sorted(JIANGSU.glob("*.pdf")):
        m = re.match(r"js-([a-z]+)-(\d{4})-", pdf.name)
        if m:
            docs.setdefault((m.group(1), int(m.group(2))), []).append(pdf)
    return {k: sorted(v, key=lambda p: "tables" in p.name) for k, v in docs.items()}


def score_jiangsu_published() -> None:
    t0 = time.perf_counter()
    docs = {}
    with redirect_stderr(io.StringIO()):
        for key, files in _published().items():
            docs[key] = read_document(files)
    for part in ("dev", "held-out"):
        keys = [k for k in docs if (k[0] == "jcy") == (part == "held-out")]
        counts = {"error": 0, "warning": 0, "insufficient": 0}
        listed = []
        for k in keys:
            r = check(docs[k])
            for sev in counts:
                counts[sev] += r.count(sev)
            listed += [f"    {k[0]}-{k[1]} {f.severity} [{f.check}] p.{f.page} {f.item}: {f.stated} / {f.expected}"
                       for f in r.findings if f.severity in ("error", "warning")]
        pairs = [(k, (k[0], k[1] + 1)) for k in keys if (k[0], k[1] + 1) in docs]
        pc = {"error": 0, "warning": 0, "insufficient": 0}
        for a, b in pairs:
            r = compare(docs[a], docs[b])
            for sev in pc:
                pc[sev] += r.count(sev)
            listed += [f"    {a[0]} {a[1]}→{b[1]} {f.doc} {f.severity} [{f.check}] p.{f.page} {f.item}: {f.stated} / {f.expected}"
                       for f in r.findings if f.severity in ("error", "warning") and f.check == "prior"]
        print(f"jiangsu {part} as published ({len(keys)} documents): {counts['error']} error, {counts['warning']} warning, "
              f"{counts['insufficient']} insufficient; {len(pairs)} pairs compared: {pc['error']} error, "
              f"{pc['warning']} warning, {pc['insufficient']} insufficient")
        if part == "dev":
            print("\n".join(listed))
    print(f"  ({time.perf_counter() - t0:.0f} s)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", action="store_true", help="only the real-statements pages")
    ap.add_argument("--jiangsu", action="store_true", help="only the Jiangsu PDFs")
    ap.add_argument("--via-pdf", action="store_true", help="render each page to a narrative-only PDF first")
    ap.add_argument("--list", action="store_true", help="list misses, false errors and unlabelled alarms (dev only)")
    args = ap.parse_args()
    both = not (args.statements or args.jiangsu)
    if args.statements or both:
        score_statements(args.via_pdf, args.list)
    if args.jiangsu or both:
        score_jiangsu()
        score_jiangsu_published()
    return 0


if __name__ == "__main__":
    sys.exit(main())
