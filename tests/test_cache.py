"""The cache of read documents: keyed by content and reader version, under YOYDIFF_CACHE_DIR, never beside the inputs."""
from __future__ import annotations

import shutil
from dataclasses import replace

from corpus import FILES, document
from yoydiff import cache as cache_mod
from yoydiff.cache import DocumentCache, read_cached
from yoydiff.cli import main


def test_put_get_by_content_and_reader_version(tmp_path, monkeypatch):
    c = DocumentCache(tmp_path / "c")
    doc = document("deptb-2025")
    c.put(doc)
    moved = tmp_path / "elsewhere.pdf"
    got = c.get(doc.sha256, str(moved))
    assert got.path == str(moved) and replace(got, path=doc.path) == doc      # same content, any path
    assert c.get("0" * 64) is None
    cache_mod.reader_version.cache_clear()
    monkeypatch.setattr(cache_mod, "__version__", "9.9.9")                    # another reader: a miss
    assert c.get(doc.sha256) is None
    cache_mod.reader_version.cache_clear()


def test_read_cached_reads_once_and_writes_nothing_beside_the_input(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    pdf = src / "a.pdf"
    shutil.copy(FILES["deptb-2025"], pdf)
    calls = []
    import yoydiff.reader as reader
    monkeypatch.setattr(reader, "read_document", lambda p, pw="", w=None: calls.append(p) or replace(document("deptb-2025"), path=str(p)))
    c = DocumentCache(tmp_path / "c")
    a = read_cached(pdf, cache=c)
    b = read_cached(pdf, cache=c)
    assert len(calls) == 1 and a == b
    read_cached(pdf, cache=None)
    assert len(calls) == 2
    assert sorted(p.name for p in src.iterdir()) == ["a.pdf"]


def test_cache_info_and_clear(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("YOYDIFF_CACHE_DIR", str(tmp_path / "c"))
    DocumentCache().put(document("deptb-2024"))
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "c") in out and "documents: 1 (1 read by this reader" in out
    assert main(["cache", "clear"]) == 0
    assert "removed 1 cached documents" in capsys.readouterr().out
    assert DocumentCache().info()["entries"] == 0


def test_an_encrypted_pdf_is_never_served_from_the_cache(tmp_path, capsys):
    # a reading made with the right password must not open the file for a wrong one
    import synth
    locked = tmp_path / "locked.pdf"
    synth.encrypted(FILES["deptb-2025"], locked, user="secret")
    assert main(["parse", "--password", "secret", str(locked)]) == 0
    assert main(["parse", "--password", "guess", str(locked)]) == 2
    assert "not right" in capsys.readouterr().err
