"""`yoydiff cache info|clear`: where the cache of read documents is, how much it holds; empty it."""
from __future__ import annotations

import sys

from ..cache import DocumentCache


def add_arguments(p) -> None:
    p.add_argument("action", choices=("info", "clear"), help="info: location and size; clear: remove every entry")


def run(args) -> int:
    cache = DocumentCache()
    if args.action == "clear":
        n = cache.clear()
        print(f"removed {n} cached documents from {cache.path}", file=sys.stdout)
        return 0
    i = cache.info()
    print(f"cache: {i['path']}", file=sys.stdout)
    print(f"documents: {i['entries']} ({i['current']} read by this reader version {i['reader']})", file=sys.stdout)
    print(f"size: {i['bytes'] / 2**20:.1f} MiB", file=sys.stdout)
    return 0
