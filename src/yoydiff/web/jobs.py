"""The work behind the page: uploads checked and kept in the session's folder, read, grouped, compared.

A job is one upload of files. Each file is read in a worker process (a bad file fails alone with the
reader's one-line reason); the documents are grouped by department (names.department_key) and kind,
each group's consecutive years are compared (a group of one document is checked on its own), and
every comparison becomes a memo. Nothing here touches a path that a user gave: files are stored as
<job folder>/<n>/<the file's own name, made safe>, jobs are found by their random id.
"""
from __future__ import annotations

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

from ..core import Document
from ..errors import InputError, reason
from ..names import department_key
from ..results import Report

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FILES = 60
MAX_JOBS = 40                   # finished jobs kept (with their files); older ones are removed
SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "text"}
KINDS_READ = ("pdf",)           # the reader reads PDF; web pages and text are accepted but not read yet


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
    """pdf / html / text for an accepted file, else Refused: the name's suffix and the first bytes agree."""
    suffix = Path(name).suffix.lower()
    kind = SUFFIXES.get(suffix)
    if kind is None:
        raise Refused(f"“{name}”不是 PDF、网页或文本文件，未接收（只接收 .pdf、.html、.htm、.txt）")
    if not head:
        raise Refused(f"“{name}”是空文件，未接收")
    if kind == "pdf":
        if b"%PDF-" not in head[:1024]:
            raise Refused(f"“{name}”不是 PDF 文件（文件开头没有 %PDF 标记），未接收")
        return kind
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"\x00" in head[:4096]:
        raise Refused(f"“{name}”不是文本文件（含二进制内容），未接收")
    if kind == "html" and not text[:200].lower().startswith((b"<!doctype", b"<html", b"<head", b"<meta", b"<!--", b"<")):
        raise Refused(f"“{name}”不是网页文件，未接收")
    return kind


@dataclass
class Upload:
    name: str                 # as the user named it (shown, never used as a path)
    path: Path                # where it is kept: <job>/<n>/<safe name>
    kind: str
    size: int
    doc: Document | None = None
    error: str = ""


@dataclass
class Result:
    """One memo: a comparison of two years (or one document's own checks)."""

    key: str                  # "0", "1" … in the job
    department: str
    label: str                # 2025年预算 → 2026年预算
    report: Report | None = None
    memo: object = None       # render.memo.Memo with evidence
    error: str = ""
    files: tuple[str, ...] = ()


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
        futures = {}
        for up in job.uploads:
            if up.kind not in KINDS_READ:
                up.error = "网页和文本文件暂不能直接读取，请上传该部门预算公开的 PDF 文件"
                continue
            futures[up.name, str(up.path)] = self.readers.submit(_read, str(up.path))
        n = len(job.uploads)
        job.say(f"正在读取 {n} 个文件：{'、'.join(u.name for u in job.uploads)}（每份约需数十秒）")
        for up in job.uploads:
            fut = futures.get((up.name, str(up.path)))
            if fut is not None:
                doc, error = fut.result()
                up.doc, up.error = doc, error.replace(str(up.path), up.name)
            with job.lock:
                job.done_files += 1
            if up.error:
                job.say(f"未能读取“{up.name}”：{up.error}")
            else:
                d = up.doc
                job.say(f"已读取“{up.name}”：{d.department or '部门未识别'} {d.year or '?'}年{d.kind}，"
                        f"{d.page_count} 页，{len(d.tables)} 张表")
        docs = [up for up in job.uploads if up.doc is not None]
        if not docs:
            with job.lock:
                job.state = "failed"
                job.error = "没有可读取的文件。" + "；".join(f"“{u.name}”：{u.error}" for u in job.uploads)
            return
        with job.lock:
            job.state = "comparing"
        for i, (dept, pair) in enumerate(plan(docs, job.notes)):
            job.say(f"正在核对 {dept or '部门未识别'}：{'、'.join(u.name for u in pair)}")
            job.results.append(self._memo(str(i), dept, pair))
        with job.lock:
            job.state = "done"
        job.say("完成")

    def _memo(self, key: str, dept: str, pair: list[Upload]) -> Result:
        from ..compare import check, compare
        from ..render.memo import _doc_label, build

        docs = [u.doc for u in pair]
        label = " → ".join(_doc_label(d, "?") for d in docs)
        files = tuple(u.name for u in pair)
        try:
            report = compare(docs[0], docs[1]) if len(docs) == 2 else check(docs[0])
        except InputError as e:
            msg = e.reason.chinese
            for u in pair:
                msg = msg.replace(str(u.path), u.name)
            return Result(key, dept, label, error=msg, files=files)
        return Result(key, dept, label, report=report, memo=build(report, self.font, evidence=True), files=files)

    # -------------------------------------------------------------- end

    def close(self) -> None:
        for t in self.threads:
            t.join(timeout=30)
        self.readers.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def plan(uploads: list[Upload], notes: list[str]) -> list[tuple[str, list[Upload]]]:
    """Groups of documents to compare: by department and kind (预算/决算), consecutive years paired;
    a department with one document is checked alone; a second file of the same year is left out
    (noted), since which one to compare would be a guess."""
    groups: OrderedDict[tuple[str, str], list[Upload]] = OrderedDict()
    for u in uploads:
        d = u.doc
        groups.setdefault((department_key(d.department) or f"?{u.name}", d.kind), []).append(u)
    out = []
    for (_key, _kind), members in groups.items():
        members.sort(key=lambda u: (u.doc.year is None, u.doc.year or 0))
        kept: list[Upload] = []
        for u in members:
            if kept and u.doc.year is not None and u.doc.year == kept[-1].doc.year:
                notes.append(f"“{u.name}”与“{kept[-1].name}”为同一部门同一年度，未参加比较")
                continue
            kept.append(u)
        dept = kept[0].doc.department or kept[-1].doc.department
        if len(kept) == 1:
            out.append((dept, kept))
        for a, b in zip(kept, kept[1:]):
            out.append((b.doc.department or dept, [a, b]))
    return out
