"""Whole-process time and peak memory of yoydiff next to pdfplumber, on the corpora (run by hand).

    python3 benchmarks/bench.py [--runs 3] [--pairs urumqi deptb]

Every measurement is a child process (`python -m yoydiff ...`, or a pdfplumber one-liner); time is
wall-clock seconds, memory the child's peak RSS (getrusage RUSAGE_CHILDREN, measured in a fresh
wrapper process so children of earlier runs do not count). Median of --runs runs.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = {
    "urumqi": (ROOT / "corpora/urumqi/urumqi-hrss-2025-reconstructed.pdf", ROOT / "corpora/urumqi/urumqi-hrss-2026.pdf"),
    "deptb": (ROOT / "corpora/deptb/2024.pdf", ROOT / "corpora/deptb/2025.pdf"),
}
PLUMBER = ("import sys, pdfplumber\n"
           "with pdfplumber.open(sys.argv[1]) as pdf:\n"
           "    n = sum(len(p.extract_tables()) for p in pdf.pages)\n"
           "print(n)\n")
# Runs one command in a fresh process and reports its wall time, peak RSS (KiB) and exit code.
WRAPPER = ("import json, resource, subprocess, sys, time\n"
           "t = time.perf_counter()\n"
           "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
           "dt = time.perf_counter() - t\n"
           "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
           "print(json.dumps({'seconds': dt, 'maxrss_kib': rss, 'rc': p.returncode, 'err': p.stderr[-400:]}))\n")


def measure(cmd: list[str], runs: int) -> dict | None:
    """Median seconds and median peak MiB of `cmd`; None when it fails (the error is printed)."""
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True, cwd=ROOT)
        r = json.loads(out.stdout)
        if r["rc"] not in (0, 1):      # 1 = findings of error severity, a normal result of check/compare
            print(f"    failed ({r['rc']}): {' '.join(cmd[2:])}: {r['err'].strip().splitlines()[-1:] or ''}")
            return None
        results.append(r)
    return {"s": statistics.median(r["seconds"] for r in results),
            "mib": statistics.median(r["maxrss_kib"] for r in results) / 1024}


def available(command: str) -> bool:
    """Whether `yoydiff COMMAND` exists (its module imports and the CLI knows it)."""
    p = subprocess.run([sys.executable, "-m", "yoydiff", command, "--help"], capture_output=True, text=True, cwd=ROOT)
    return p.returncode == 0


def fmt(m: dict | None) -> str:
    return "n/a (failed)" if m is None else f"{m['s']:7.2f} s  {m['mib']:7.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pairs", nargs="+", default=list(PAIRS), choices=list(PAIRS))
    args = ap.parse_args(argv)
    py = [sys.executable, "-m", "yoydiff"]
    has = {c: available(c) for c in ("parse", "compare")}
    na = "n/a (command not available)"
    print(f"median of {args.runs} runs; time is wall-clock, memory the peak RSS of the process tree's largest process")
    for name in args.pairs:
        old, new = PAIRS[name]
        print(f"\n== {name}")
        parse = {}
        for f in (old, new):
            rel = f.relative_to(ROOT)
            parse[f] = measure(py + ["parse", str(f)], args.runs) if has["parse"] else None
            plumber = measure([sys.executable, "-c", PLUMBER, str(f)], args.runs)
            print(f"  {rel}")
            print(f"    yoydiff parse              {fmt(parse[f]) if has['parse'] else na}")
            print(f"    pdfplumber extract_tables  {fmt(plumber)}")
        if not has["compare"]:
            print(f"  yoydiff compare            {na}")
            continue
        cmp_ = measure(py + ["compare", str(old), str(new)], args.runs)
        print(f"  yoydiff compare OLD NEW    {fmt(cmp_)}")
        if cmp_ and parse[old] and parse[new]:
            both = parse[old]["s"] + parse[new]["s"]
            print(f"    parse OLD + parse NEW      {both:7.2f} s  -> matching and checks add "
                  f"{100 * (cmp_['s'] - both) / both:+.1f} % (target < 10 %)")
        with tempfile.TemporaryDirectory() as d:
            memo = measure(py + ["compare", str(old), str(new), "-o", str(Path(d) / "memo.pdf")], args.runs)
        print(f"  compare -o memo.pdf        {fmt(memo)}")
        if memo and cmp_:
            print(f"    memo rendering             {memo['s'] - cmp_['s']:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
