"""What the evidence crops add to the memo PDF of a corpus pair (run by hand).

    python3 benchmarks/evidence.py [--runs 3] [--pair urumqi|deptb]

Reads the pair once, then times (median of --runs, alternated; wall-clock and CPU seconds of this
process) the memo PDF without crops, the memo PDF with crops, and the crops alone (render.evidence.report_evidence:
pages rendered at print resolution with pypdfium2, figures located and boxed).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PAIRS = {
    "urumqi": (ROOT / "corpora/urumqi/urumqi-hrss-2025-reconstructed.pdf", ROOT / "corpora/urumqi/urumqi-hrss-2026.pdf"),
    "deptb": (ROOT / "corpora/deptb/2024.pdf", ROOT / "corpora/deptb/2025.pdf"),
}


def timed(fn) -> tuple[float, float]:
    """Wall-clock and CPU seconds of fn() (CPU time: this process only, less disturbed by other load)."""
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pair", choices=sorted(PAIRS), default="urumqi")
    args = ap.parse_args()
    from yoydiff.compare import compare
    from yoydiff.reader import read_document
    from yoydiff.render.evidence import report_evidence
    from yoydiff.render.fonts import cjk_font
    from yoydiff.render.memo import _doc_label, build, render_pdf

    old, new = (read_document(p) for p in PAIRS[args.pair])
    report = compare(old, new)
    font = cjk_font()
    labels = {"old": _doc_label(old, "上年"), "new": _doc_label(new, "本年")}
    crops = report_evidence(report, labels)
    panels = [p for e in crops.values() for p in e.panels]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "memo.pdf"
        render_pdf(report, out, font, build(report, font))            # warm up fonts and templates
        plain, full = [], []
        for _ in range(args.runs):          # alternated, so that a change of the machine's load hits both
            plain.append(timed(lambda: render_pdf(report, out, font, build(report, font))))
            size_plain = out.stat().st_size
            full.append(timed(lambda: render_pdf(report, out, font, build(report, font, evidence=True))))
            size_full = out.stat().st_size
    alone = [timed(lambda: report_evidence(report, labels)) for _ in range(args.runs)]
    med = lambda xs, k: statistics.median(x[k] for x in xs)   # noqa: E731
    print(f"pair {args.pair}: {len(crops)} findings with evidence, {len(panels)} panels, "
          f"{sum(1 for p in panels if p.image)} crops, {sum(p.boxed for p in panels)} boxed figures; "
          f"median of {args.runs} runs, wall-clock (CPU) seconds")
    print(f"memo PDF without crops: {med(plain, 0):.2f} s ({med(plain, 1):.2f} s CPU), {size_plain / 1024:.0f} KiB")
    print(f"memo PDF with crops:    {med(full, 0):.2f} s ({med(full, 1):.2f} s CPU), {size_full / 1024:.0f} KiB")
    print(f"crops add:              {med(full, 0) - med(plain, 0):+.2f} s ({med(full, 1) - med(plain, 1):+.2f} s CPU); "
          f"the crops alone {med(alone, 0):.2f} s ({med(alone, 1):.2f} s CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
