"""The work behind the page: uploads checked and kept in the session's folder, read, grouped, compared.

A job is one upload of files. Each file is read in a worker process (a bad file fails alone with the
reader's one-line reason); then the job is planned with batch's own code: the documents grouped into
filings (collection.group_documents: department, year, 预算/决算; a year published as several files —
narrative and tables apart — is one filing), such a filing read again as one document
(batch.read_together), consecutive years paired (collection.consecutive_pairs). Every pair becomes a
memo; a filing in no pair, or a document that could not be placed, is checked on its own, and the job
says what it did with every file. Nothing here touches a path that a user gave: files are stored as
<job folder>/<n>/<the file's own name, made safe>, jobs are found by their random id.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..collection import Filing, consecutive_pairs, group_documents
from ..core import Document
from ..errors import InputError, reason
from ..results import Report
from ..textpages import HTML_SUFFIXES, TEXT_SUFFIXES, encodings

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FILES = 60
MAX_JOBS = 40                   # finished jobs kept (with their files); older ones are removed
# what the reader reads (reader.read_document, textpages.py), by suffix
SUFFIXES = {".pdf": "pdf", **{s: "html" for s in HTML_SUFFIXES}, **{s: "text" for s in TEXT_SUFFIXES}}
CONTROL_SHARE = 0.01            # a text with more control characters than this is not text


class Refused(Exception):
    """An upload refused before anything is read; the message is shown as it is (Chinese)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def safe_name(name: str) -> str:
    """The last part of an uploaded file's name, without control characters or separators: a name
    inside the upload's own folder, never a way out of it."""
    base = re.sub(r"[\x00-\x1f\x7f/\\:]", "_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if not base.strip("."):
        return "未命名"
    return base[-120:]


def sniff(name: str, head: bytes) -> str:
    """pdf / html / text for an accepted file, else Refused: the name's suffix and the first bytes agree.
    A web page or text must decode as the reader decodes it (textpages.encodings) and hold no binary
    content; a web page must begin with markup."""
    suffix = Path(name).suffix.lower()
    kind = SUFFIXES.get(suffix)
    if kind is None:
        raise Refused(f"“{name}”不是 PDF、网页或文本文件，未接收（只接收 {'、'.join(SUFFIXES)}）")
    if not head:
        raise Refused(f"“{name}”是空文件，未接收")
    if kind == "pdf":
        if b"%PDF-" not in head[:1024]:
            raise Refused(f"“{name}”不是 PDF 文件（文件开头没有 %PDF 标记），未接收")
        return kind
    if b"%PDF-" in head[:1024]:
        raise Refused(f"“{name}”是 PDF 文件，请以 .pdf 为后缀上传，未接收")
    if b"\x00" in head:
        raise Refused(f"“{name}”不是文本文件（含二进制内容），未接收")
    text = _text_of(head)
    if text is None:
        raise Refused(f"“{name}”不是可读取的文本（须为 UTF-8 或 GB18030 编码），未接收")
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\r\n\f\v") or c == "\x7f")
    if controls > CONTROL_SHARE * len(text):
        raise Refused(f"“{name}”不是文本文件（含二进制内容），未接收")
    if kind == "html" and not text.lstrip("\ufeff \t\r\n").startswith("<"):
        raise Refused(f"“{name}”不是网页文件（开头不是网页标记），未接收")
    return kind


def _text_of(head: bytes) -> str | None:
    """The first bytes of a file as text, in the first encoding the reader would read it in; a character
    cut by the end of the head does not count against it."""
    for enc in encodings(head):
        for cut in range(4):            # a multi-byte character cut off at the end: up to 3 bytes
            if cut >= len(head):
                break
            try:
                return head[:len(head) - cut].decode(enc)
            except UnicodeDecodeError:
                continue
            except LookupError:
                break
    return None


@dataclass
class Upload:
    name: str                 # as the user named it (shown, never used as a path)
    path: Path                # where it is kept: <job>/<n>/<safe name>
    kind: str
    size: int
    doc: Document | None = None
    error: str = ""
    use: str = ""             # what the job did with the file (the plan), in a sentence


@dataclass
class Result:
    """One memo: a comparison of two years (or one document's own checks)."""

    key: str                  # "0", "1" … in the job
    department: str
    label: str                # 2025年预算 → 2026年预算
    report: Report | None = None
    memo: object = None       # render.memo.Memo with evidence
    error: str = ""
    files: tuple[tuple[str, ...], ...] = ()     # the uploads' names of each document (old, new)


@dataclass
class Job:
    id: str
    folder: Path
    uploads: list[Upload]
    state: str = "queued"     # queued / reading / comparing / done / failed
    steps: list[str] = field(default_factory=list)
    done_files: int = 0
    results: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)     # per department and kind: the years found
    error: str = ""
    created: float = field(default_factory=time.time)
    finished: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def say(self, step: str) -> None:
        with self.lock:
            self.steps.append(step)

    def status(self) -> dict:
        with self.lock:
            return {"id": self.id, "state": self.state, "steps": list(self.steps), "files": len(self.uploads),
                    "read": self.done_files, "error": self.error,
                    "file_errors": [{"name": u.name, "error": u.error} for u in self.uploads if u.error],
                    "uses": [{"name": u.name, "use": u.use} for u in self.uploads if u.use],
                    "years": list(self.years),
                    "results": [{"key": r.key, "department": r.department, "label": r.label, "error": r.error}
                                for r in self.results]}


def _read(path: str):
    """In a worker process: the document, or the reader's one-line reason in Chinese (without the path:
    the page names the file)."""
    from ..reader import read_document
    try:
        return read_document(path, workers=1), ""
    except InputError as e:
        return None, e.reason.zh
    except Exception as e:      # a crash on a file is a bug; it ends this file, never the server
        return None, reason("internal", detail=type(e).__name__).zh


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class Jobs:
    """The session's jobs, in a folder that `close()` removes."""

    def __init__(self, folder: Path, max_file_bytes: int = MAX_FILE_BYTES, readers: int | None = None,
                 executor: Executor | None = None):
        from ..render.fonts import cjk_font
        self.font = cjk_font()          # once: refuses to start without a CJK font (InputError)
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.max_file_bytes = max_file_bytes
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.lock = threading.Lock()
        self.readers = executor or ProcessPoolExecutor(max_workers=readers or min(os.cpu_count() or 1, 4),
                                                       mp_context=_context())
        self.threads: list[threading.Thread] = []

    # -------------------------------------------------------------- uploads

    def new_job(self) -> Job:
        jid = uuid.uuid4().hex
        job = Job(jid, self.folder / jid, [])
        job.folder.mkdir()
        return job

    def add_file(self, job: Job, name: str, stream) -> Upload:
        """Copy an uploaded file into the job folder, refusing a wrong type or size (Refused)."""
        if len(job.uploads) >= MAX_FILES:
            raise Refused(f"一次最多上传 {MAX_FILES} 个文件", 413)
        name = safe_name(name)
        head = stream.read(4096)
        kind = sniff(name, head)
        folder = job.folder / f"{len(job.uploads) + 1:03d}"      # the file keeps its name (the memo shows it)
        folder.mkdir()
        path = folder / name
        size = len(head)
        with open(path, "wb") as out:
            out.write(head)
            while True:
                block = stream.read(1 << 20)
                if not block:
                    break
                size += len(block)
                if size > self.max_file_bytes:
                    out.close()
                    path.unlink(missing_ok=True)
                    raise Refused(f"“{name}”超过 {self.max_file_bytes // (1024 * 1024)} MB 的大小限制，未接收", 413)
                out.write(block)
        up = Upload(name, path, kind, size)
        job.uploads.append(up)
        return up

    def discard(self, job: Job) -> None:
        shutil.rmtree(job.folder, ignore_errors=True)

    def start(self, job: Job) -> None:
        with self.lock:
            self.jobs[job.id] = job
            self._evict()
        t = threading.Thread(target=self._run, args=(job,), name=f"job-{job.id[:8]}", daemon=True)
        self.threads = [x for x in self.threads if x.is_alive()] + [t]
        t.start()

    def get(self, jid: str) -> Job | None:
        with self.lock:
            return self.jobs.get(jid)

    def _evict(self) -> None:
        finished = [j for j in self.jobs.values() if j.state in ("done", "failed")]
        while len(self.jobs) > MAX_JOBS and finished:
            old = finished.pop(0)
            self.jobs.pop(old.id, None)
            self.discard(old)

    # -------------------------------------------------------------- work

    def _run(self, job: Job) -> None:
        try:
            self._work(job)
        except Exception as e:      # never let one job end the server
            with job.lock:
                job.state, job.error = "failed", f"处理时出错（{type(e).__name__}）"
        finally:
            job.finished = time.time()

    def _work(self, job: Job) -> None:
        with job.lock:
            job.state = "reading"
        futures = [self.readers.submit(_read, str(up.path)) for up in job.uploads]
        n = len(job.uploads)
        job.say(f"正在读取 {n} 个文件：{'、'.join(u.name for u in job.uploads)}（每份约需数十秒）")
        for up, fut in zip(job.uploads, futures):
            doc, error = fut.result()
            up.doc, up.error = doc, _named(error, job.uploads)
            with job.lock:
                job.done_files += 1
            if up.error:
                job.say(f"未能读取“{up.name}”：{up.error}")
            else:
                d = up.doc
                job.say(f"已读取“{up.name}”：{d.department or '部门未识别'} {d.year or '?'}年{d.kind}，"
                        f"{d.page_count} 页，{len(d.tables)} 张表")
        if not any(up.doc is not None for up in job.uploads):
            with job.lock:
                job.state = "failed"
                job.error = "没有可读取的文件。" + "；".join(f"“{u.name}”：{u.error}" for u in job.uploads)
            return
        with job.lock:
            job.state = "comparing"
        from ..parallel import Runner
        with Runner(executor=self.readers) as runner:
            planned = plan(job.uploads, runner, job.say)
        job.notes += planned.notes
        job.years += planned.years
        for i, item in enumerate(planned.memos):
            job.say(f"正在核对 {item.department or '部门未识别'}：{'、'.join(n for names in item.files for n in names)}")
            job.results.append(self._memo(str(i), item, job.uploads))
        with job.lock:
            job.state = "done"
        job.say("完成")

    def _memo(self, key: str, item: "Planned", uploads: list[Upload]) -> Result:
        from ..compare import check, compare
        from ..render.memo import _doc_label, build

        docs = item.documents
        label = " → ".join(_doc_label(d, "?") for d in docs) + ("（单独核对）" if len(docs) == 1 else "")
        try:
            report = compare(docs[0], docs[1]) if len(docs) == 2 else check(docs[0])
        except InputError as e:
            return Result(key, item.department, label, error=_named(e.reason.chinese, uploads), files=item.files)
        # the memo names files as the reviewer named them, never where the server keeps them
        report = dataclasses.replace(report, warnings=tuple(_named(w, uploads) for w in report.warnings))
        return Result(key, item.department, label, report=report, memo=build(report, self.font, evidence=True),
                      files=item.files)

    # -------------------------------------------------------------- end

    def close(self) -> None:
        for t in self.threads:
            t.join(timeout=30)
        self.readers.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def _named(text: str, uploads: list[Upload]) -> str:
    """A message with every upload's stored path replaced by the name the reviewer gave the file."""
    for u in sorted(uploads, key=lambda u: -len(str(u.path))):
        text = text.replace(str(u.path), u.name)
    return text


@dataclass
class Planned:
    """One memo to make: two documents compared (old, new) or one checked on its own."""

    department: str
    documents: tuple[Document, ...]
    files: tuple[tuple[str, ...], ...]          # the uploads' names of each document


@dataclass
class Plan:
    memos: list[Planned]
    notes: list[str]          # what the reviewer should know: a file not compared, and why
    years: list[str]          # per department and kind, the years found


def _filing_label(f: Filing) -> str:
    return f"{f.department} {f.year}年{f.kind}"


def plan(uploads: list[Upload], runner=None, say=None) -> Plan:
    """The job's memos, made as `yoydiff batch` makes them: the read documents grouped into filings
    (collection.group_documents), a filing of several files read again as one document
    (batch.read_together, in `runner`; without one, the files' documents are put together), consecutive
    years paired (collection.consecutive_pairs). A filing in no pair is checked on its own, and so is a
    document that could not be placed (no year or department read), unless it is another file's copy.
    Sets every upload's `use`: which document it went into and which memos use it, or why none."""
    say = say or (lambda msg: None)
    read = [u for u in uploads if u.doc is not None]
    by_path = {u.doc.path: u for u in read}
    filings, unplaced = group_documents([u.doc for u in read])

    def names(paths) -> tuple[str, ...]:
        return tuple(by_path[p].name for p in paths)

    notes: list[str] = []
    several = [f for f in filings if len(f.paths) > 1]
    if several and runner is not None:
        say("正在将同一部门同一年度的多份文件合为一份读取："
            + "；".join("、".join(names(f.paths)) for f in several))
        from ..batch import read_together
        joined = read_together(filings, runner, None, "", lambda msg: None, True)
        for old, new in zip(filings, joined):
            if len(old.paths) > 1 and new.document is old.document:
                notes.append(f"{'、'.join(names(old.paths))} 未能合为一份读取，已将各自读取的结果拼合（页码按文件顺序连续编号）")
        filings = joined
    pairs = consecutive_pairs(filings)
    paired = {id(f) for pair in pairs for f in pair}
    order = {u.doc.path: i for i, u in enumerate(read)}
    rank: dict[str, int] = {}                  # departments in the order their first file was uploaded
    for f in filings:
        rank[f.key] = min([rank.get(f.key, len(order))] + [order[p] for p in f.paths])
    planned: list[tuple[tuple, Planned]] = []      # (department, kind, year) -> memo, sorted below
    uses: dict[str, list[str]] = {}
    for f in filings:
        for p in f.paths:
            others = [n for n in names(f.paths) if n != by_path[p].name]
            together = f"（与“{'”“'.join(others)}”合为一份文件）" if others else ""
            uses[p] = [f"{_filing_label(f)}{together}"]
    for old, new in pairs:
        planned.append(((rank[old.key], old.kind, old.year),
                        Planned(new.department, (old.document, new.document), (names(old.paths), names(new.paths)))))
        for p in old.paths + new.paths:
            uses[p].append(f"用于 {old.year}→{new.year} 年比较")
    alone_only = len(filings) + len(unplaced) == 1        # one document uploaded: its check is the point
    for f in filings:
        if id(f) in paired:
            continue
        planned.append(((rank[f.key], f.kind, f.year), Planned(f.department, (f.document,), (names(f.paths),))))
        why = f"未上传 {f.year - 1} 年或 {f.year + 1} 年的{f.kind}，单独核对（不作年度比较）"
        for p in f.paths:
            uses[p].append(why)
        if not alone_only:
            notes.append(f"{_filing_label(f)}（{'、'.join(names(f.paths))}）：{why}")
    memos = [m for _k, m in sorted(planned, key=lambda x: x[0])]
    used = {by_path[p].doc.sha256 for f in filings for p in f.paths}
    for path, why in sorted(unplaced, key=lambda x: order[x[0]]):
        u = by_path[path]
        why = _named(why.zh, uploads)
        if u.doc.sha256 in used:            # another file's copy: its content is used once
            uses[path] = [f"未使用：{why}"]
        else:
            used.add(u.doc.sha256)
            memos.append(Planned(u.doc.department, (u.doc,), ((u.name,),)))
            uses[path] = [f"单独核对：{why}，未参加年度比较"]
        notes.append(f"“{u.name}”：{uses[path][0]}")
    for u in read:
        u.use = "；".join(uses.get(u.doc.path, []))
    years = []
    kinds: dict[tuple[str, str], list[Filing]] = {}
    for f in sorted(filings, key=lambda f: (rank[f.key], f.kind, f.year)):
        kinds.setdefault((f.key, f.kind), []).append(f)
    for fs in kinds.values():
        years.append(f"{fs[-1].department}（{fs[0].kind}）：{'、'.join(str(f.year) for f in fs)} 年")
    return Plan(memos, notes, years)
