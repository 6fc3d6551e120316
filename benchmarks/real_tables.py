"""Table rows of the real Jiangsu PDFs as yoydiff reads them, against the independent ground truth.

    .venv/bin/python benchmarks/real_tables.py [--files js-fy-2018 ...] [--rows]

Ground truth: corpora/real-pdf/jiangsu/groundtruth/<stem>.json (written by hand on branch `gt`,
format in its README). A PDF without a ground-truth file is listed as "no ground truth" and not
counted. The held-out files (corpora/HOLDOUT.md: js-jcy-*) are counted apart from the development
files; only aggregate figures are printed for them (never their rows, even with --rows).

Per file and per corpus part (dev / held-out) it prints:
  gt      coded rows in the ground truth (rows with a non-empty code)
  exact   of those, rows read exactly: same code, same name (spaces ignored), every amount column
          equal as Decimal (a blank cell equals only a blank cell), and no figure of the row left
          in a column the ground truth has blank
  missing ground-truth coded rows with no counterpart in the model
  extra   coded rows of the model with no ground-truth counterpart (in matched tables, and every
          coded row of a model table that matches no ground-truth table)
  tables  ground-truth tables found in the model / ground-truth tables
  s       seconds of read_document on that file (one process, wall clock)

Matching, in this order (each step one-to-one, on what is left by the earlier steps):
  tables: the same title (spaces, quotes, 续 removed), else the same kind (titles.kind_of) on an
          overlapping page, else the most shared pages;
  rows of a matched table: the same (code, name), taken in printed order; then the same code
          alone; then the same name alone (a row found under a wrong code or name is counted as
          found, not exact);
  columns of a matched table: the same label (spaces removed), else the same leaf label when it is
          unique on both sides, else the remaining columns in order.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("YOYDIFF_SRC", str(ROOT / "src")))  # YOYDIFF_SRC: measure another checkout

from yoydiff.parsers.titles import kind_of  # noqa: E402
from yoydiff.reader import read_document  # noqa: E402

CORPUS = ROOT / "corpora/real-pdf/jiangsu"
HELD_OUT = ("js-jcy-",)


def _n(s: str) -> str:
    return re.sub(r"[\s“”\"']", "", s or "").replace("（续）", "").replace("(续)", "")


def _dec(s) -> Decimal | None:
    if s is None:
        return None
    t = str(s).replace(",", "").replace(" ", "").strip()
    if t in ("", "-", "—", "--", "——", "－"):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def _match_tables(gt_tables: list[dict], tables) -> dict[int, int]:
    pairs: dict[int, int] = {}
    used: set[int] = set()
    steps = [
        lambda g, t: _n(g["title"]) == _n(t.title),
        lambda g, t: kind_of(g["title"]) is not None and kind_of(g["title"]) == t.kind
        and bool(set(g.get("pages", [])) & set(t.pages)),
    ]
    for step in steps:
        for gi, g in enumerate(gt_tables):
            if gi in pairs:
                continue
            for ti, t in enumerate(tables):
                if ti not in used and step(g, t):
                    pairs[gi] = ti
                    used.add(ti)
                    break
    for gi, g in enumerate(gt_tables):
        if gi in pairs:
            continue
        best = max((ti for ti in range(len(tables)) if ti not in used),
                   key=lambda ti: len(set(g.get("pages", [])) & set(tables[ti].pages)), default=None)
        if best is not None and set(g.get("pages", [])) & set(tables[best].pages):
            pairs[gi] = best
            used.add(best)
    return pairs


def _match_columns(gt_cols: list[str], cols) -> dict[str, int]:
    labels = [_n(c.label) for c in cols]
    leaves = [_n(c.leaf) for c in cols]
    out: dict[str, int] = {}
    used: set[int] = set()
    for g in gt_cols:
        if _n(g) in labels and labels.index(_n(g)) not in used:
            out[g] = labels.index(_n(g))
            used.add(out[g])
    for g in gt_cols:
        if g in out:
            continue
        leaf = _n(g.split("›")[-1])
        hits = [i for i, x in enumerate(leaves) if x == leaf and i not in used]
        if len(hits) == 1 and sum(_n(h.split("›")[-1]) == leaf for h in gt_cols) == 1:
            out[g] = hits[0]
            used.add(hits[0])
    rest = [i for i in range(len(cols)) if i not in used]
    for g in gt_cols:
        if g not in out and rest:
            out[g] = rest.pop(0)
    return out


def _amount_columns(gt_table: dict) -> list[str]:
    cols: list[str] = []
    for r in gt_table.get("rows", []):
        for k in r.get("values", {}):
            if k not in cols:
                cols.append(k)
    return cols


def _row_exact(g: dict, r, colmap: dict[str, int]) -> bool:
    if _n(g["name"]) != _n(r.name) or g["code"] != r.code:
        return False
    for label, printed in g.get("values", {}).items():
        j = colmap.get(label)
        mine = r.values[j] if j is not None and j < len(r.values) else None
        if _dec(printed) != (_dec(mine.text) if mine is not None else None):
            return False
    mapped = set(colmap.values())
    return not any(v is not None and _dec(v.text) not in (None, Decimal(0)) for j, v in enumerate(r.values)
                   if j not in mapped)


def compare_file(gt: dict, doc) -> dict:
    tables = list(doc.tables)
    pairs = _match_tables(gt["tables"], tables)
    res = {"gt": 0, "exact": 0, "missing": 0, "extra": 0,
           "tables": len(pairs), "tables_gt": len(gt["tables"]), "bad": []}
    for gi, g in enumerate(gt["tables"]):
        grows = [r for r in g.get("rows", []) if r.get("code")]
        res["gt"] += len(grows)
        if gi not in pairs:
            res["missing"] += len(grows)
            res["bad"] += [(g["title"], r, None, "table not found") for r in grows]
            continue
        t = tables[pairs[gi]]
        mrows = [r for r in t.rows if r.code]
        colmap = _match_columns(_amount_columns(g), t.columns)
        left = list(range(len(mrows)))
        found: dict[int, int] = {}
        for key in (lambda x: (x[0], _n(x[1])), lambda x: x[0], lambda x: _n(x[1])):
            for gi2, gr in enumerate(grows):
                if gi2 in found:
                    continue
                k = key((gr["code"], gr["name"]))
                hit = next((i for i in left if key((mrows[i].code, mrows[i].name)) == k), None)
                if hit is not None:
                    found[gi2] = hit
                    left.remove(hit)
        for gi2, gr in enumerate(grows):
            if gi2 not in found:
                res["missing"] += 1
                res["bad"].append((g["title"], gr, None, "missing"))
            elif _row_exact(gr, mrows[found[gi2]], colmap):
                res["exact"] += 1
            else:
                res["bad"].append((g["title"], gr, mrows[found[gi2]], "differs"))
        res["extra"] += len(left)
    matched = set(pairs.values())
    res["extra"] += sum(1 for ti, t in enumerate(tables) if ti not in matched for r in t.rows if r.code)
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", nargs="*", help="stems (or prefixes) to measure; default all")
    ap.add_argument("--rows", action="store_true", help="print the rows that are not exact (development files only)")
    ap.add_argument("--gt", default=str(CORPUS / "groundtruth"), help="ground-truth folder")
    args = ap.parse_args()
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if args.files:
        pdfs = [p for p in pdfs if any(p.stem.startswith(f) for f in args.files)]
    parts = {"dev": [0] * 7, "held-out": [0] * 7}
    print(f"{'file':34} {'gt':>5} {'exact':>5} {'miss':>5} {'extra':>5} {'tables':>7} {'s':>6}")
    for pdf in pdfs:
        gpath = Path(args.gt) / f"{pdf.stem}.json"
        held = pdf.stem.startswith(HELD_OUT)
        part = "held-out" if held else "dev"
        t0 = time.perf_counter()
        try:
            doc = read_document(pdf, workers=1)
            err = ""
        except Exception as e:  # a crash is a figure too
            doc, err = None, f"{type(e).__name__}: {e}"[:60]
        dt = time.perf_counter() - t0
        if not gpath.exists():
            print(f"{pdf.stem:34} {'(no ground truth)':>31} {dt:6.2f}" + (f"  CRASH {err}" if err else ""))
            continue
        gt = json.loads(gpath.read_text(encoding="utf-8"))
        if doc is None:
            n = sum(1 for t in gt["tables"] for r in t.get("rows", []) if r.get("code"))
            res = {"gt": n, "exact": 0, "missing": n, "extra": 0, "tables": 0,
                   "tables_gt": len(gt["tables"]), "bad": []}
        else:
            res = compare_file(gt, doc)
        acc = parts[part]
        for i, k in enumerate(("gt", "exact", "missing", "extra", "tables", "tables_gt")):
            acc[i] += res[k]
        acc[6] += dt
        print(f"{pdf.stem:34} {res['gt']:5} {res['exact']:5} {res['missing']:5} {res['extra']:5} "
              f"{res['tables']:3}/{res['tables_gt']:<3} {dt:6.2f}" + (f"  CRASH {err}" if err else ""))
        if args.rows and not held:
            for title, g, r, why in res["bad"]:
                mine = "" if r is None else f" | model: {r.code} {r.name} {[v.text if v else None for v in r.values]}"
                print(f"    {why:8} {title[:16]:16} {g['code']} {g['name']} {list(g.get('values', {}).values())}{mine}")
    print()
    for part, a in parts.items():
        pct = f"{100 * a[1] / a[0]:.1f} %" if a[0] else "-"
        print(f"{part:9} coded rows {a[0]:5}  exact {a[1]:5} ({pct})  missing {a[2]:5}  extra {a[3]:5}  "
              f"tables {a[4]}/{a[5]}  {a[6]:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
