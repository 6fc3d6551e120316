"""Review a whole government: every disclosure under some folders, read once, grouped into filings,
every department's consecutive years compared, the trend of every department of three or more years,
one overview.

Reading and comparing run on a `parallel.Runner` (processes here, or a Dask cluster): the same code
path. Read documents go into the cache as they arrive and each pair's JSON is written atomically as
soon as its comparison finishes, so an interrupted run leaves every finished piece in place and a
re-run reads nothing twice and compares only the pairs whose JSON is missing or stale.

OUTDIR/
  <department>/<kind>-<old year>-<new year>.json   the pair's report (docs/json.md), and .pdf/.xlsx/… on request
  <department>/<kind>-trend-<first>-<last>.json    the trend of 3+ years of one kind (as `yoydiff trend`), and its
                                                   memo .pdf (+ .html/.xlsx on request)
  overview.json, overview.xlsx, overview.pdf       the government at a glance (yoydiff.overview)
"""
from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .cache import program_version
from .collection import Filing, consecutive_pairs, discover, group_documents
from .errors import InputError, reason
from .parallel import Runner, compare_job, iterate, read_job, trend_job

TREND_YEARS = 3                          # a department with this many years of one kind gets a trend
TREND_FORMATS = ("pdf", "html", "xlsx")  # what render.trend writes besides the JSON; the PDF memo always


@dataclass
class BatchResult:
    files: list[str]
    filings: list[Filing]
    unreadable: list[tuple[str, str]]                  # (path, reason)
    pairs: dict[tuple[str, str, int, int], dict]       # (key, kind, old year, new year) -> report JSON
    outputs: dict[tuple[str, str, int, int], Path] = field(default_factory=dict)
    trends: dict[tuple[str, str], dict] = field(default_factory=dict)         # (key, kind) -> trend JSON
    trend_outputs: dict[tuple[str, str], Path] = field(default_factory=dict)  # (key, kind) -> its JSON's path
    read: int = 0                                      # files read (not from the cache)
    compared: int = 0                                  # pairs compared (not resumed)
    trended: int = 0                                   # trends computed (not resumed)
    outdir: Path | None = None


def safe_name(name: str) -> str:
    """A department name usable as a folder name on every system."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "department"


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)


def pair_path(outdir: Path, old: Filing, new: Filing) -> Path:
    return outdir / safe_name(new.department) / f"{new.kind}-{old.year}-{new.year}.json"


def trend_groups(filings: list[Filing]) -> list[list[Filing]]:
    """Each department's filings of one kind, by year, where there are TREND_YEARS or more (gaps allowed:
    the trend then compares across the gap, without the 上年 check, as `yoydiff trend` does)."""
    groups: dict[tuple[str, str], list[Filing]] = {}
    for f in filings:
        groups.setdefault((f.key, f.kind), []).append(f)
    return [sorted(fs, key=lambda f: f.year) for _, fs in sorted(groups.items()) if len(fs) >= TREND_YEARS]


def trend_path(outdir: Path, filings: list[Filing]) -> Path:
    last = filings[-1]
    return outdir / safe_name(last.department) / f"{last.kind}-trend-{filings[0].year}-{last.year}.json"


def trend_outputs(path: Path, formats: tuple[str, ...]) -> list[Path]:
    """The trend's memo (always the PDF) and the other formats asked for that a trend is written in."""
    return [path.with_suffix("." + f) for f in TREND_FORMATS if f == "pdf" or f in formats]


def _current_trend(path: Path, filings: list[Filing]) -> dict | None:
    """The trend's JSON from an earlier run, when it was made from the same documents by this program."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("program") == program_version() and \
            [d.get("sha256") for d in data.get("documents") or []] == [f.document.sha256 for f in filings]:
        return data
    return None


def _current(path: Path, old: Filing, new: Filing) -> dict | None:
    """The pair's JSON from an earlier run, when it was made from the same documents by this program."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("program") == program_version() and (data.get("old") or {}).get("sha256") == old.document.sha256 and \
            (data.get("new") or {}).get("sha256") == new.document.sha256:
        return data
    return None


def read_all(files: list[Path], runner: Runner, cache, password: str, note, quiet: bool):
    """Documents of the files (cached ones first), and the files that could not be read, with why."""
    from .cache import content_key
    docs, unreadable, todo, shas = {}, [], [], {}
    for p in files:
        doc = None
        if cache is not None:
            try:
                sha = content_key(p)
            except OSError as e:
                unreadable.append((str(p), reason("cannot_open", detail=e.strerror or e).zh))
                continue
            if sha is None:                 # encrypted: never cached
                todo.append(str(p))
                continue
            shas[str(p)] = sha
            doc = cache.get(sha, str(p))
            if doc is None and (why := cache.failure(sha)) is not None:
                unreadable.append((str(p), why))
                continue
        if doc is not None:
            docs[str(p)] = doc
        else:
            todo.append(str(p))
    results = runner.map(read_job, [(p, password) for p in todo])
    for i, (status, value) in iterate(results, len(todo), "读取", quiet):
        path = todo[i]
        if status == "ok":
            docs[path] = value
            if cache is not None and path in shas:
                cache.put(value)
            note(f"read {path}: {value.department or '?'} {value.year or '?'} {value.kind}")
        else:       # value: errors.Reason, Chinese for the overview, English for the command line
            unreadable.append((path, value.zh))
            if cache is not None and path in shas and not value.internal:
                cache.put_failure(shas[path], value.zh)     # bad input stays bad; a crash is retried
            note(f"unreadable {path}: {value.en}")
    return [docs[str(p)] for p in files if str(p) in docs], unreadable, len(todo)


def read_together(filings: list[Filing], runner: Runner, cache, password: str, note, quiet: bool) -> list[Filing]:
    """A filing of several files (narrative and tables published apart) read again as one document
    (reader.read_document of all its files), so that the narrative is read with its tables (a 项
    paragraph gets its code, a stated total its table). When the joint reading fails, the filing
    keeps the files' documents put together (collection.merge_documents) and a warning says so."""
    import dataclasses

    from .cache import document_key
    several = [f for f in filings if len(f.paths) > 1]
    if not several:
        return filings
    order = {f.paths: _reading_order(f) for f in several}
    done, todo, keys = {}, [], {}
    for f in several:
        paths = order[f.paths]
        key = document_key(paths) if cache is not None else None
        if key:
            keys[f.paths] = key
            doc = cache.get(key, " + ".join(paths))
            if doc is not None:
                done[f.paths] = doc
                continue
        todo.append(f)
    results = runner.map(read_job, [(order[f.paths], password) for f in todo])
    for i, (status, value) in iterate(results, len(todo), "合并读取", quiet):
        f = todo[i]
        if status == "ok":
            done[f.paths] = value
            if cache is not None and f.paths in keys and value.sha256 == keys[f.paths]:
                cache.put(value)
            note(f"read together {' + '.join(order[f.paths])}")
        else:
            note(f"read together failed ({value}); the files' documents are put together instead")
    out = []
    for f in filings:
        doc = done.get(f.paths)
        if doc is not None:
            # the grouping decided department, year and kind; the joint reading gives the figures
            doc = dataclasses.replace(doc, department=doc.department or f.document.department,
                                      year=doc.year or f.document.year)
            f = dataclasses.replace(f, document=doc)
        out.append(f)
    return out


def _reading_order(f: Filing) -> list[str]:
    """The filing's files in the order collection.merge_documents put them (the file with tables first)."""
    merged = f.document.path.split(" + ")
    return merged if sorted(merged) == sorted(f.paths) else sorted(f.paths)


def run_batch(dirs: list[str], outdir: str | Path, *, runner: Runner, cache=None, password: str = "",
              formats: tuple[str, ...] = (), quiet: bool = False, note=None) -> BatchResult:
    """Read, group, compare and write the pairs' JSON (and `formats` per pair); the overview is
    written by the caller (yoydiff.overview) from the returned result."""
    note = note or (lambda msg: None)
    files = discover(dirs)
    if not files:
        raise InputError("no disclosures found under " + ", ".join(map(str, dirs)))
    outdir = Path(outdir)
    docs, unreadable, n_read = read_all(files, runner, cache, password, note, quiet)
    filings, unplaced = group_documents(docs)
    filings = read_together(filings, runner, cache, password, note, quiet)
    unreadable = sorted(unreadable + [(path, why.zh) for path, why in unplaced])
    pairs = consecutive_pairs(filings)
    result = BatchResult([str(p) for p in files], filings, unreadable, {}, read=n_read, outdir=outdir)
    todo = []
    for old, new in pairs:
        key = (new.key, new.kind, old.year, new.year)
        path = pair_path(outdir, old, new)
        result.outputs[key] = path
        data = _current(path, old, new)
        if data is not None and all(path.with_suffix("." + f).exists() for f in formats):
            result.pairs[key] = data
            note(f"up to date {path}")
        else:
            todo.append((old, new))
    jobs = runner.map(compare_job, [(o.document, n.document) for o, n in todo])
    from .compare import report_to_json
    for i, (status, value) in iterate(jobs, len(todo), "比较", quiet):
        old, new = todo[i]
        key = (new.key, new.kind, old.year, new.year)
        path = result.outputs[key]
        if status != "ok":
            result.unreadable.append((" + ".join(old.paths + new.paths), f"比较失败：{value.chinese}"))
            note(f"compare failed {new.department} {old.year}→{new.year}: {value}")
            continue
        data = report_to_json(value)
        for fmt in formats:
            from .render import write
            write(value, path.with_suffix("." + fmt), fmt, quiet=True)
        write_atomic(path, dumps(data))        # last: its presence says the pair is done
        result.pairs[key] = data
        result.compared += 1
        note(f"compared {new.department} {new.kind} {old.year}→{new.year}: "
             f"{data['summary']['findings']['error']} errors")
    run_trends(result, filings, runner, formats, quiet, note)
    result.unreadable.sort()
    return result


def run_trends(result: BatchResult, filings: list[Filing], runner: Runner, formats: tuple[str, ...],
               quiet: bool, note) -> None:
    """The trend of every department of TREND_YEARS or more years (trend_groups), written as `yoydiff
    trend` writes it (render.trend.write_outputs); one whose JSON is current and outputs exist is kept."""
    from .render.trend import write_outputs
    todo = []
    for fs in trend_groups(filings):
        key = (fs[-1].key, fs[-1].kind)
        path = trend_path(result.outdir, fs)
        result.trend_outputs[key] = path
        data = _current_trend(path, fs)
        if data is not None and all(p.exists() for p in trend_outputs(path, formats)):
            result.trends[key] = data
            note(f"up to date {path}")
        else:
            todo.append(fs)
    jobs = runner.map(trend_job, [([f.document for f in fs],) for fs in todo])
    from .trend import trend_to_json
    for i, (status, value) in iterate(jobs, len(todo), "趋势", quiet):
        fs = todo[i]
        key = (fs[-1].key, fs[-1].kind)
        years = "、".join(str(f.year) for f in fs)
        if status != "ok":
            result.unreadable.append((" + ".join(p for f in fs for p in f.paths), f"趋势分析失败：{value}"))
            note(f"trend failed {fs[-1].department} {years}: {value}")
            continue
        path = result.trend_outputs[key]
        write_outputs(value, path, trend_outputs(path, formats))
        result.trends[key] = trend_to_json(value)
        result.trended += 1
        note(f"trend {fs[-1].department} {fs[-1].kind} {years}: {len(value.chained())} chained prior findings")


def plain_lines(quiet: bool):
    """A line per document on stderr when it is not a terminal (the bar shows progress on one)."""
    on = not quiet and not sys.stderr.isatty()

    def note(msg: str) -> None:
        if on:
            print(f"yoydiff: {msg}", file=sys.stderr, flush=True)
    return note
