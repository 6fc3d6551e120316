"""`yoydiff serve`: the reviewers' page in the browser (yoydiff.web), on 127.0.0.1 unless told otherwise.

Uploads are kept in a temporary folder of this session, removed when the server stops.
"""
from __future__ import annotations

import signal
import sys
import tempfile

from ..errors import InputError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def add_arguments(p) -> None:
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=int, default=8750, help="port (default 8750)")
    p.add_argument("--max-mb", type=int, default=50, help="largest file accepted, in MB (default 50)")
    p.add_argument("--readers", type=int, default=None, help="files read at the same time (default: cores, at most 4)")


def run(args) -> int:
    try:
        import uvicorn

        from ..web.app import create_app
        from ..web.jobs import Jobs
    except ImportError as e:
        raise InputError(f"the web page needs starlette, uvicorn and python-multipart ({e.name} is missing); "
                         "reinstall yoydiff (scripts/setup)")
    if args.max_mb < 1:
        raise InputError("--max-mb must be at least 1")
    import multiprocessing.util
    multiprocessing.util.get_temp_dir()     # the workers' own folder: made (and removed at exit) by multiprocessing
    with tempfile.TemporaryDirectory(prefix="yoydiff-serve-") as folder:
        # form uploads are spooled by python-multipart into the default temporary folder: make that
        # this session's folder, so nothing of an upload outlives the session
        tempfile.tempdir = folder
        jobs = Jobs(f"{folder}/jobs", max_file_bytes=args.max_mb * 1024 * 1024, readers=args.readers)
        if args.host not in LOOPBACK:
            print(f"yoydiff: warning: listening on {args.host}: other computers can reach this page", file=sys.stderr)
        print(f"yoydiff: open http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}/ "
              f"in a browser; Ctrl+C stops the server and deletes the uploads", file=sys.stderr, flush=True)
        # uvicorn stops on SIGTERM and then raises it again: end through Python (SystemExit) so that
        # the temporary folder is removed, rather than by the signal's default action
        previous = signal.signal(signal.SIGTERM, _exit)
        try:
            uvicorn.run(create_app(jobs), host=args.host, port=args.port, log_level="warning")
        finally:
            signal.signal(signal.SIGTERM, previous)
            jobs.close()
            tempfile.tempdir = None
    return 0


def _exit(signum, frame):
    raise SystemExit(0)
