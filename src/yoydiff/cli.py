"""Command line: `yoydiff parse|check|compare|trend|batch|cache|serve`. One module per command under commands/, sharing this base.

`main(argv)` returns the exit code, so tests call it directly. Bad input ends with one line on stderr
and exit code 2, never a traceback. Output into a pipe the reader has closed (`yoydiff parse F | head`)
ends the run quietly with 141, the status of a Unix tool stopped by SIGPIPE.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__
from .errors import InputError

COMMANDS = {
    "parse": "Parse one disclosure PDF into the document model and print a summary.",
    "check": "Run the within-document checks of one disclosure.",
    "compare": "Compare two years: match lines and projects, compute changes, check every stated figure.",
    "trend": "Three or more years of one department: every year's figures, changes, CAGR, chained checks.",
    "batch": "Review a whole government: every disclosure under the folders, pairs, trends and an overview.",
    "cache": "Show or clear the cache of read documents.",
    "serve": "Start the reviewers' page in the browser (upload files, read the memo, download it).",
}


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="yoydiff", description=__doc__.splitlines()[0])
    ap.add_argument("--version", action="version", version=f"yoydiff {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    for name, help_ in COMMANDS.items():
        p = sub.add_parser(name, help=help_, description=help_)
        if name != "serve":
            p.add_argument("--password", default="", help="user password of an encrypted PDF")
            p.add_argument("--json", metavar="OUT", help="write the result as JSON to OUT")
            p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
            p.add_argument("--no-cache", action="store_true",
                           help="read every file anew, neither using nor filling the cache of read documents")
        importlib.import_module(f".commands.{name}", __package__).add_arguments(p)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    module = importlib.import_module(f".commands.{args.command}", __package__)
    try:
        code = _run(module, args)
        sys.stdout.flush()      # a closed pipe shows here, inside the try, not at interpreter exit
        return code
    except BrokenPipeError:
        _drop_closed_output()
        return CLOSED_PIPE


def _run(module, args) -> int:
    try:
        return module.run(args)
    except InputError as e:
        print(f"yoydiff: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("yoydiff: interrupted", file=sys.stderr)
        return 130


CLOSED_PIPE = 128 + 13   # the shell's status of a process ended by SIGPIPE (signal 13)


def _drop_closed_output() -> None:
    """The reader of stdout (or stderr) has gone: what is still buffered for it goes to /dev/null.

    Python flushes the standard streams at exit; without this the flush into the closed pipe raises
    again and prints "Exception ignored … BrokenPipeError" (Python docs, "Note on SIGPIPE"). SIGPIPE
    is not reset to its default: `serve` must survive a browser closing its socket.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            try:
                fd = stream.fileno()
            except (OSError, ValueError):   # a stream without a descriptor (tests' capture): nothing buffered at exit
                continue
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, fd)
            os.close(devnull)
