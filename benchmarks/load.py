"""Load test of the reviewers' page on loopback (run by hand, not in CI).

    python3 benchmarks/load.py [--clients 20] [--pair urumqi|deptb]

Starts `yoydiff serve` in a child process on a free port, sends --clients uploads of the corpus pair
at the same time (one thread each: upload, poll until done, fetch the memo page), and prints the time
of each request from upload to memo, their median and maximum, the errors, the peak resident memory of
the server's process tree (the server and its reading workers, sampled every 0.2 s from /proc), and
the files left: in the session's folder while it runs, and anywhere after the server stopped (the
session's folder and any stray yoydiff-serve-* folder must be gone).
"""
from __future__ import annotations

import argparse
import glob
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = {
    "urumqi": (ROOT / "corpora/urumqi/urumqi-hrss-2025-reconstructed.pdf", ROOT / "corpora/urumqi/urumqi-hrss-2026.pdf"),
    "deptb": (ROOT / "corpora/deptb/2024.pdf", ROOT / "corpora/deptb/2025.pdf"),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss_kib(pid: int) -> int:
    """Resident memory of pid and all its descendants (KiB), from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return total


def main() -> int:
    import httpx

    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--pair", choices=sorted(PAIRS), default="urumqi")
    args = ap.parse_args()
    tmp = Path(tempfile.gettempdir())
    before = set(glob.glob(str(tmp / "yoydiff-serve-*")))
    port = free_port()
    server = subprocess.Popen([str(ROOT / ".venv/bin/yoydiff"), "serve", "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    session = (set(glob.glob(str(tmp / "yoydiff-serve-*"))) - before).pop()
    peak = [0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_kib(server.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    files = [(p.name, p.read_bytes()) for p in PAIRS[args.pair]]
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    go = threading.Barrier(args.clients)

    def client(k: int):
        try:
            with httpx.Client(base_url=base, timeout=900) as c:
                go.wait()
                t = time.perf_counter()
                r = c.post("/upload", files=[("files", (n, d, "application/pdf")) for n, d in files],
                           headers={"Accept": "application/json"})
                r.raise_for_status()
                jid = r.json()["id"]
                while True:
                    st = c.get(f"/j/{jid}/status").json()
                    if st["state"] in ("done", "failed"):
                        break
                    time.sleep(0.5)
                if st["state"] != "done" or any(x["error"] for x in st["results"]):
                    raise RuntimeError(st["error"] or st["results"])
                page = c.get(f"/j/{jid}", follow_redirects=True)
                page.raise_for_status()
                if "预算变动审查备忘录" not in page.text:
                    raise RuntimeError("no memo on the page")
                dt = time.perf_counter() - t
            with lock:
                times.append(dt)
        except Exception as e:
            with lock:
                errors.append(f"client {k}: {type(e).__name__}: {e}")

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    in_session = sum(1 for _ in Path(session).rglob("*") if _.is_file())
    stray = [p for p in glob.glob(str(tmp / "*")) if os.path.basename(p).startswith(("tmp", "multipart"))
             and os.path.getmtime(p) >= time.time() - wall - 5 and "yoydiff" in p]
    stop.set()
    sampler.join()
    server.send_signal(signal.SIGINT)
    _out, log = server.communicate(timeout=120)
    left = set(glob.glob(str(tmp / "yoydiff-serve-*"))) - before

    print(f"{args.clients} concurrent uploads of the {args.pair} pair ({sum(len(d) for _, d in files) / 1e6:.1f} MB each)")
    print(f"completed: {len(times)}, errors: {len(errors)}")
    for e in errors:
        print("  " + e)
    if errors:
        print("server log (last 3000 characters):\n" + log[-3000:])
    if times:
        print(f"time per request (upload to memo page): median {statistics.median(times):.1f} s, "
              f"min {min(times):.1f} s, max {max(times):.1f} s; all done in {wall:.1f} s")
    print(f"peak memory of the server's process tree: {peak[0] / 1024:.0f} MiB")
    print(f"files in the session's folder while it ran: {in_session} (the uploads, kept for the memos' crops)")
    print(f"left after the server stopped: {len(left)} session folders, {len(stray)} stray temporary files")
    return 0 if not errors and not left and not stray else 1


if __name__ == "__main__":
    sys.exit(main())
