"""Batch review at a real size: a generated government of 60 departments x 2 years (120 PDFs, tests/government.py).

Prints: cold batch time (empty cache, JSON outputs only), fully cached batch time (every document cached,
every pair compared again), peak memory (sum of the RSS of the whole process tree, sampled), the memos on
top (every pair's PDF memo and the overview memo), and a cached `yoydiff compare A B --json OUT` of the
urumqi corpus pair (72 pages) as a whole process.

    .venv/bin/python benchmarks/batch.py [--departments 60] [--gov DIR] [--workers N]
The generated PDFs are kept in --gov (default /tmp/yoydiff-gov-60) between runs.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
YOYDIFF = [str(ROOT / ".venv/bin/yoydiff")]


def timed(cmd: list[str], env: dict) -> tuple[float, float, int]:
    """Wall seconds, peak MiB of the process tree, exit code."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc, peak = psutil.Process(p.pid), 0
    while p.poll() is None:
        try:
            tree = [proc] + proc.children(recursive=True)
            peak = max(peak, sum(x.memory_info().rss for x in tree if x.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    return time.perf_counter() - start, peak / 2**20, p.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--departments", type=int, default=60)
    ap.add_argument("--gov", default=None)
    ap.add_argument("--workers", type=int, default=None)
    a = ap.parse_args()
    gov = Path(a.gov or f"/tmp/yoydiff-gov-{a.departments}")
    sys.path.insert(0, str(ROOT / "tests"))
    import government
    t0 = time.perf_counter()
    government.generate(gov, a.departments)
    print(f"government: {a.departments} departments, {2 * a.departments} PDFs in {gov} "
          f"(generated or found in {time.perf_counter() - t0:.0f} s)")
    work = Path(tempfile.mkdtemp(prefix="yoydiff-bench-"))
    env = dict(os.environ, YOYDIFF_CACHE_DIR=str(work / "cache"))
    out = work / "out"
    jobs = ["-j", str(a.workers)] if a.workers else []
    cmd = YOYDIFF + ["batch", str(gov), "-o", str(out), "-q", "--no-overview-memo"] + jobs
    s, mib, rc = timed(cmd, env)
    print(f"cold batch (JSON + xlsx overview): {s:.1f} s, peak memory {mib:.0f} MiB (exit {rc}; target < 300 s, < 2048 MiB)")
    shutil.rmtree(out)
    s, mib, rc = timed(cmd, env)
    print(f"cached batch (every document cached, every pair compared again): {s:.1f} s, peak {mib:.0f} MiB "
          f"(target < 60 s)")
    s, mib, rc = timed(cmd, env)
    print(f"re-run with every pair up to date: {s:.1f} s")
    s, mib, rc = timed(YOYDIFF + ["batch", str(gov), "-o", str(out), "-q", "--format", "pdf"] + jobs, env)
    print(f"memos on top (every pair's PDF memo compared again + overview PDF): {s:.1f} s, peak {mib:.0f} MiB")
    u = ROOT / "corpora/urumqi"
    pair = [str(u / "urumqi-hrss-2025-reconstructed.pdf"), str(u / "urumqi-hrss-2026.pdf")]
    timed(YOYDIFF + ["compare", *pair, "--json", str(work / "u.json"), "-q"], env)     # fills the cache
    runs = [timed(YOYDIFF + ["compare", *pair, "--json", str(work / "u.json"), "-q"], env)[0] for _ in range(3)]
    print(f"cached compare of the urumqi pair (72 pages), whole process: best {min(runs):.2f} s of 3 (target < 1 s)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
