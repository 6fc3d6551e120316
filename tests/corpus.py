"""The corpora documents, read once per test session (reading a 72-page PDF takes seconds)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "corpora"
FILES = {
    "urumqi-2025": ROOT / "urumqi" / "urumqi-hrss-2025-reconstructed.pdf",
    "urumqi-2026": ROOT / "urumqi" / "urumqi-hrss-2026.pdf",
    "deptb-2024": ROOT / "deptb" / "2024.pdf",
    "deptb-2025": ROOT / "deptb" / "2025.pdf",
}


@lru_cache(maxsize=None)
def pages(name: str):
    from yoydiff.pdf import read_pages
    return read_pages(FILES[name])


def pages_at(path) -> list:
    """The pages of a corpus PDF given by path (read once per session); other paths are read anew."""
    for name, p in FILES.items():
        if Path(path).resolve() == p.resolve():
            return pages(name)
    from yoydiff.pdf import read_pages
    return read_pages(path)


def document_at(path):
    for name, p in FILES.items():
        if Path(path).resolve() == p.resolve():
            return document(name)
    from yoydiff.reader import read_document
    return read_document(path)


@lru_cache(maxsize=None)
def document(name: str):
    from unittest import mock

    from yoydiff import reader
    with mock.patch.object(reader, "read_pages", lambda path, password="", workers=None, first=1: pages(name)):
        return reader.read_document(FILES[name])


@lru_cache(maxsize=None)
def comparison(old: str, new: str):
    from yoydiff.compare import compare
    return compare(document(old), document(new))
