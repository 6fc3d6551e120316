"""A cache of read documents: one SQLite file under the user's cache directory, never next to the inputs.

Key: the file's content hash (sha256) and the reader's version — a hash of the source of every module
that turns a PDF into a Document, so any change to the reader invalidates what it read before. Value:
the Document, pickled and compressed. The directory is $YOYDIFF_CACHE_DIR when set, else the platform's
user cache directory (platformdirs: ~/.cache/yoydiff on Linux).

Several processes may read and write at once (WAL journal, a busy timeout); a damaged or unreadable
entry is a miss, never an error.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sqlite3
import time
import zlib
from functools import lru_cache
from pathlib import Path

from . import __version__

ENV = "YOYDIFF_CACHE_DIR"
FILE = "documents.sqlite"
# the modules whose code decides what a Document holds (paths relative to the package)
READER_SOURCES = ("reader.py", "pdf.py", "core.py", "numbers.py", "names.py", "errors.py", "parsers")


def cache_dir() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("yoydiff", appauthor=False))


@lru_cache(maxsize=1)
def reader_version() -> str:
    """The package version and a hash of the reader's source files."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for name in READER_SOURCES:
        p = root / name
        files = sorted(p.rglob("*.py")) if p.is_dir() else [p]
        for f in files:
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


@lru_cache(maxsize=1)
def program_version() -> str:
    """The package version and a hash of all of its source: what made a report. A batch re-run redoes a
    pair or trend whose JSON another program made (a fixed check changes results on the same documents)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for f in sorted(root.rglob("*.py")):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


class DocumentCache:
    def __init__(self, directory: str | Path | None = None):
        self.directory = Path(directory) if directory is not None else cache_dir()
        self.path = self.directory / FILE
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=60)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS documents (sha256 TEXT, reader TEXT, stored REAL, "
                       "size INTEGER, data BLOB, PRIMARY KEY (sha256, reader))")
            db.execute("CREATE TABLE IF NOT EXISTS failures (sha256 TEXT, reader TEXT, reason TEXT, "
                       "PRIMARY KEY (sha256, reader))")
            self._db = db
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def get(self, sha256: str, path: str | None = None):
        """The cached Document of this content read by this reader, with `path` set to the given path."""
        try:
            row = self._conn().execute("SELECT data FROM documents WHERE sha256=? AND reader=?",
                                       (sha256, reader_version())).fetchone()
            if row is None:
                return None
            doc = pickle.loads(zlib.decompress(row[0]))
        except Exception:       # a damaged entry or an unwritable directory: read the file again
            return None
        return dataclasses.replace(doc, path=str(path)) if path is not None and doc.path != str(path) else doc

    def put(self, doc) -> None:
        data = zlib.compress(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL), 1)
        try:
            db = self._conn()
            with db:
                db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?)",
                           (doc.sha256, reader_version(), time.time(), len(data), data))
        except sqlite3.Error:
            pass                # a read-only or full cache directory never stops a review

    def failure(self, sha256: str) -> str | None:
        """Why this content could not be read by this reader, if it was tried before."""
        try:
            row = self._conn().execute("SELECT reason FROM failures WHERE sha256=? AND reader=?",
                                       (sha256, reader_version())).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put_failure(self, sha256: str, reason: str) -> None:
        try:
            db = self._conn()
            with db:
                db.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", (sha256, reader_version(), reason))
        except sqlite3.Error:
            pass

    def info(self) -> dict:
        if not self.path.exists():
            return {"path": str(self.path), "entries": 0, "current": 0, "bytes": 0, "reader": reader_version()}
        db = self._conn()
        n, size = db.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM documents").fetchone()
        cur = db.execute("SELECT COUNT(*) FROM documents WHERE reader=?", (reader_version(),)).fetchone()[0]
        return {"path": str(self.path), "entries": n, "current": cur, "bytes": self.path.stat().st_size,
                "data_bytes": size, "reader": reader_version()}

    def clear(self) -> int:
        if not self.path.exists():
            return 0
        db = self._conn()
        with db:
            n = db.execute("DELETE FROM documents").rowcount
            db.execute("DELETE FROM failures")
        db.execute("VACUUM")
        return n


def content_key(path: str | Path) -> str | None:
    """The file's sha256, or None when it must not be cached: an encrypted PDF is read anew every time,
    so a cached reading never stands in for the password it needs."""
    h = hashlib.sha256()
    encrypted = False
    tail = b""
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
            encrypted = encrypted or b"/Encrypt" in tail + block
            tail = block[-16:]
    return None if encrypted else h.hexdigest()


def document_key(paths) -> str | None:
    """The cache key of the document read from these files: the file's content key, or for several files
    the hash of their keys in order (as reader.read_document identifies such a document); None when a
    file must not be cached (encrypted) or cannot be opened."""
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    try:
        keys = [content_key(p) for p in paths]
    except OSError:
        return None
    if not keys or not all(keys):
        return None
    return combined_key(keys)


def combined_key(keys) -> str:
    """The one formula that identifies a document by its files' hashes: one file is its hash; several
    files the sha256 of their hashes in reading order (the order their pages are numbered in)."""
    keys = list(keys)
    return keys[0] if len(keys) == 1 else hashlib.sha256("".join(keys).encode()).hexdigest()


def read_cached(paths, password: str = "", cache: DocumentCache | None = None,
                workers: int | None = None):
    """The Document of one file, or of several files that are one document (reader.read_document):
    from the cache when this content was read by this reader (document_key), else read (and stored).
    cache=None reads without the cache."""
    if not isinstance(paths, (str, Path)) and len(paths) == 1:
        paths = paths[0]
    label = str(paths) if isinstance(paths, (str, Path)) else " + ".join(str(p) for p in paths)
    sha = document_key(paths) if cache is not None else None
    if sha:
        doc = cache.get(sha, label)
        if doc is not None:
            return doc
    from .reader import read_document       # imported late: parsing pulls in pdfminer
    doc = read_document(paths, password, workers)
    if sha is not None and doc.sha256 == sha:
        cache.put(doc)
    return doc
