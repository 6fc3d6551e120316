"""The reviewers' page served on a free loopback port in a thread, for the web and browser tests."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(folder: Path, max_file_bytes: int = 50 * 1024 * 1024):
    """Yields (base URL, Jobs); stops the server and closes the jobs (removing their folder) after."""
    import uvicorn

    from yoydiff.web.app import create_app
    from yoydiff.web.jobs import Jobs

    jobs = Jobs(folder, max_file_bytes=max_file_bytes)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(jobs), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", jobs
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        jobs.close()


def wait_done(jobs, jid: str, timeout: float = 600) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        st = jobs.get(jid).status()
        if st["state"] in ("done", "failed"):
            return st
        time.sleep(0.2)
    raise TimeoutError(f"job {jid} not finished in {timeout} s")
