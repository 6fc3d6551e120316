"""Running many independent jobs (reading files, comparing pairs): in this process, in a pool of
processes on this machine, or on a Dask distributed cluster (`--scheduler ADDRESS`) — one interface,
so batch has one code path whatever runs it.

Jobs are plain module-level functions whose arguments and results pickle (Documents, Reports); a job
never raises: it returns ("ok", value) or ("error", errors.Reason) — English for the command line,
Chinese for the overview — so one bad file never stops a review.
Results come back as they finish, with the job's index.
"""
from __future__ import annotations

import os
import traceback
from typing import Callable, Iterable, Iterator

from .errors import InputError, reason


def guarded(fn: Callable, *args) -> tuple[str, object]:
    """("ok", fn(*args)) or ("error", the Reason why)."""
    try:
        return "ok", fn(*args)
    except InputError as e:
        return "error", e.reason
    except MemoryError:
        return "error", reason("out_of_memory")
    except Exception as e:      # a crash on one file is reported with the file, the review goes on
        last = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
        where = f" ({os.path.basename(last.filename)}:{last.lineno})" if last else ""
        return "error", reason("internal", detail=f"{type(e).__name__}: {e}{where}")


def read_job(path: str, password: str = ""):
    """Read one file (no cache: the caller looks it up and stores the result)."""
    from .reader import read_document
    return guarded(read_document, path, password, 1)


def compare_job(old, new):
    from .compare import compare
    return guarded(compare, old, new)


def trend_job(docs):
    """One department's trend over its documents (yoydiff.trend.trend, as `yoydiff trend` computes it)."""
    from .trend import trend
    return guarded(trend, docs)


class Runner:
    """map(fn, argument tuples) → (index, result) in the order they finish.

    executor: a process pool the caller owns (the reviewers' page's readers): every job runs in it, even
    a single one, and close() leaves it open."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None, executor=None):
        self.scheduler = scheduler
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self._pool = executor
        self._own_pool = executor is None
        self._client = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def describe(self) -> str:
        if self.scheduler:
            return f"Dask cluster {self.scheduler}"
        return f"{self.workers} process{'es' if self.workers != 1 else ''}"

    def _client_(self):
        if self._client is None:
            try:
                from distributed import Client
            except ImportError:
                raise InputError("--scheduler needs Dask distributed: pip install 'yoydiff[cluster]'") from None
            try:
                self._client = Client(self.scheduler, timeout="10s")
            except (OSError, TimeoutError) as e:
                raise InputError(f"cannot reach the Dask scheduler at {self.scheduler}: {e}") from None
        return self._client

    def map(self, fn: Callable, args: list[tuple]) -> Iterator[tuple[int, object]]:
        if not args:
            return iter(())
        if self.scheduler:
            return self._map_dask(fn, args)
        if not self._own_pool:
            return self._map_pool(fn, args)
        if self.workers <= 1 or len(args) == 1:
            return ((i, fn(*a)) for i, a in enumerate(args))
        return self._map_pool(fn, args)

    def _map_pool(self, fn, args):
        from concurrent.futures import ProcessPoolExecutor, as_completed
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
        futures = {self._pool.submit(fn, *a): i for i, a in enumerate(args)}
        try:
            for f in as_completed(futures):
                yield futures[f], f.result()
        finally:
            for f in futures:
                f.cancel()

    def _map_dask(self, fn, args):
        from distributed import as_completed
        client = self._client_()
        futures = [client.submit(fn, *a, pure=False) for a in args]
        index = {f.key: i for i, f in enumerate(futures)}
        try:
            for f in as_completed(futures):
                yield index[f.key], f.result()
                f.release()
        finally:
            for f in futures:
                f.cancel()

    def close(self) -> None:
        if self._pool is not None and self._own_pool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None


def iterate(items: Iterable, total: int, label: str, quiet: bool = False):
    """Progress over finished jobs: a bar on a terminal (tqdm), nothing otherwise (callers print a line
    per document when stderr is not a terminal)."""
    import sys
    if quiet or not sys.stderr.isatty():
        return items
    from tqdm import tqdm
    return tqdm(items, total=total, desc=label, unit="份", leave=False, dynamic_ncols=True)
