"""The reviewers' page without a browser (httpx against the app): what is refused, with which message;
a bad file fails its own request and the next one works; nothing is served from outside the session's
folder; the folder is gone when the session ends. The browser walk is tests/test_web_browser.py."""
from __future__ import annotations

import io
from pathlib import Path

import httpx
import pytest

from corpus import FILES
from webserver import serving, wait_done
from yoydiff.web.jobs import Refused, safe_name, sniff

JSON = {"Accept": "application/json"}


def test_sniff_accepts_pdf_html_and_text_only():
    assert sniff("a.pdf", b"%PDF-1.7\n") == "pdf"
    assert sniff("a.HTML", b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert sniff("说明.txt", "一、部门职责".encode()) == "text"
    for name, head, word in (("a.docx", b"PK\x03\x04", "不是 PDF、网页或文本文件"),
                             ("a.pdf", b"PK\x03\x04", "不是 PDF 文件"),
                             ("a.pdf", b"", "空文件"),
                             ("a.txt", b"\x00\x01\x02", "二进制"),
                             ("a", b"%PDF-1.7", "不是 PDF、网页或文本文件")):
        with pytest.raises(Refused, match=word):
            sniff(name, head)


def test_uploaded_names_stay_inside_their_folder():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\x\\2025年预算.pdf") == "2025年预算.pdf"
    assert safe_name("..") == safe_name("") == "未命名"
    assert "\x00" not in safe_name("a\x00.pdf") and "/" not in safe_name("a/b\\c.pdf")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web") / "session"
    with serving(folder, max_file_bytes=3 * 1024 * 1024) as (base, jobs):
        yield base, jobs, folder
    assert not folder.exists()          # the session's uploads are removed when it ends


def _post(base, files):
    return httpx.post(f"{base}/upload", files=[("files", f) for f in files], headers=JSON, timeout=60)


def test_wrong_kinds_and_sizes_are_refused_with_a_message(site):
    base, jobs, folder = site
    before = set(folder.iterdir())
    r = _post(base, [("报告.docx", b"PK\x03\x04 word", "application/octet-stream")])
    assert r.status_code == 400 and "“报告.docx”不是 PDF、网页或文本文件" in r.json()["error"]
    r = _post(base, [("伪装.pdf", b"GIF89a....", "application/pdf")])
    assert r.status_code == 400 and "不是 PDF 文件" in r.json()["error"]
    big = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024 + 10)
    r = _post(base, [("大.pdf", big, "application/pdf")])
    assert r.status_code == 413 and "超过 3 MB" in r.json()["error"]
    r = httpx.post(f"{base}/upload", files=[], data={"x": "1"}, headers=JSON)
    assert r.status_code == 400 and "没有选择文件" in r.json()["error"]
    assert set(folder.iterdir()) == before          # a refused upload leaves nothing behind
    page = httpx.post(f"{base}/upload", files=[("files", ("a.exe", b"MZ", "application/octet-stream"))])
    assert page.status_code == 400 and "未接收" in page.text and "<html" in page.text     # a page for the browser


def test_a_truncated_pdf_fails_alone_and_the_next_upload_works(site):
    base, jobs, _ = site
    data = FILES["deptb-2025"].read_bytes()
    r = _post(base, [("残缺.pdf", data[: len(data) // 3], "application/pdf")])
    assert r.status_code == 202
    st = wait_done(jobs, r.json()["id"])
    assert st["state"] == "failed" and "“残缺.pdf”：PDF 文件损坏或不完整，无法读取（" in st["error"]
    assert "damaged" not in st["error"]               # the page is Chinese: the reader's reason in Chinese
    assert str(jobs.folder) not in st["error"]        # the message names the file, not where the server keeps it
    page = httpx.get(f"{base}/j/{r.json()['id']}")
    assert "PDF 文件损坏或不完整" in page.text and "damaged" not in page.text
    r = _post(base, [(p.name, p.read_bytes(), "application/pdf") for p in (FILES["deptb-2024"], FILES["deptb-2025"])])
    st = wait_done(jobs, r.json()["id"])
    assert st["state"] == "done" and len(st["results"]) == 1 and not st["results"][0]["error"]
    memo = httpx.get(f"{base}/j/{r.json()['id']}", follow_redirects=True)
    assert memo.status_code == 200 and "预算变动审查备忘录" in memo.text
    assert "2024.pdf" in memo.text            # the file as the reviewer named it
    for fmt, magic in (("pdf", b"%PDF"), ("xlsx", b"PK"), ("csv", b"PK"), ("json", b"{")):
        d = httpx.get(f"{base}/j/{r.json()['id']}/m/0/download/{fmt}", timeout=300)
        assert d.status_code == 200 and d.content.startswith(magic), fmt


def test_nothing_outside_the_session_is_served(site):
    base, jobs, _ = site
    for path in ("/j/../../etc/passwd", "/j/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/j/nojob/m/0/download/pdf",
                 "/j/nojob/m/0/crop/0-0.jpg", "/static/../../README.md", "/etc/passwd"):
        r = httpx.get(base + path)
        assert r.status_code == 404 and "root:" not in r.text, path
    some = next(iter(jobs.jobs))
    r = httpx.get(f"{base}/j/{some}/m/0/download/..%2F..%2Fetc%2Fpasswd")
    assert r.status_code == 404


def test_serve_refuses_nonsense_options():
    from yoydiff.cli import main
    assert main(["serve", "--max-mb", "0"]) == 2


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_the_session_folder_is_removed_when_the_server_stops(tmp_path, sig):
    import os
    import signal
    import subprocess
    import sys
    import time

    from webserver import free_port

    port = free_port()
    env = dict(os.environ, TMPDIR=str(tmp_path))
    p = subprocess.Popen([sys.executable, "-m", "yoydiff", "serve", "--port", str(port)], env=env,
                         stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        r = httpx.post(f"http://127.0.0.1:{port}/upload", headers=JSON,
                       files=[("files", ("a.pdf", b"%PDF-1.4\nnot really", "application/pdf"))])
        assert r.status_code == 202
        assert [x.name for x in tmp_path.iterdir() if x.name.startswith("yoydiff-serve-")]
    finally:
        p.send_signal(getattr(signal, sig))
        p.wait(timeout=120)
    assert list(tmp_path.iterdir()) == [], p.stderr.read()
    assert "Traceback" not in p.stderr.read()


def _upload(name, dept, year, kind="预算"):
    from decimal import Decimal

    from yoydiff.core import Document
    from yoydiff.web.jobs import Upload
    doc = Document(name, name, dept, year, kind, "万元", 1, (), (), (), (), (), (), Decimal(1))
    return Upload(name, Path(name), "pdf", 1, doc=doc)


def test_batch_plan_groups_by_department_and_kind_and_pairs_consecutive_years():
    from yoydiff.web.jobs import plan

    ups = [_upload("a26", "甲市财政局", 2026), _upload("b25", "乙市教育局", 2025), _upload("a24", "甲市财政局", 2024),
           _upload("a25", "甲市财政局部门预算", 2025), _upload("c25", "丙局", 2025, "决算"),
           _upload("a25b", "甲市财政局", 2025), _upload("b25j", "乙市教育局", 2025, "决算")]
    notes: list[str] = []
    groups = [(dept, [u.name for u in pair]) for dept, pair in plan(ups, notes)]
    # one department however its title prints it; each memo named as its newer document names it
    assert groups == [("甲市财政局部门预算", ["a24", "a25"]), ("甲市财政局", ["a25", "a26"]),
                      ("乙市教育局", ["b25"]), ("丙局", ["c25"]), ("乙市教育局", ["b25j"])]
    assert notes == ["“a25b”与“a25”为同一部门同一年度，未参加比较"]
