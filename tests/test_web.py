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


def test_web_pages_and_text_must_decode_as_the_reader_reads_them():
    page = "<html><body><p>2025年部门预算：一般公共预算支出36.50万元</p></body></html>"
    assert sniff("页.shtml", page.encode("gb18030")) == "html"              # every suffix the reader reads
    assert sniff("a.txt", "一、部门职责".encode()[:-1]) == "text"            # a character cut by the head's end
    assert sniff("a.text", "一、部门职责".encode("gb18030")) == "text"
    for name, head, word in (("a.txt", b"%PDF-1.7\n%\xe2\xe3", "是 PDF 文件，请以 .pdf 为后缀上传"),
                             ("a.txt", b"\xff\xfe\xfd\x80\x80\xff" * 20, "须为 UTF-8 或 GB18030 编码"),
                             ("a.txt", b"ab\x01\x02\x03\x04cd" * 20, "含二进制内容"),
                             ("a.html", "部门预算说明".encode(), "开头不是网页标记")):
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


JS = Path(__file__).resolve().parent.parent / "corpora" / "real-pdf" / "jiangsu"
PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>说明</title></head><body>"
        "<h1>XX县财政局2024年度“三公”经费说明</h1>"
        "<p>2024年“三公”经费财政拨款预算为36.50万元，比上年减少3.50万元，下降8.75%。</p></body></html>")


def test_narrative_and_tables_of_each_year_are_one_document_and_every_file_is_accounted_for(site):
    # a real department publishing its narrative and its tables as two files (js-zx 2017, 2018), a web page
    # of another department with no other year, a damaged PDF: one job; the bad file fails only itself
    base, jobs, _ = site
    names = [f"js-zx-{y}-yusuan{t}.pdf" for y in (2017, 2018) for t in ("", "-tables")]
    files = [(n, (JS / n).read_bytes(), "application/pdf") for n in names]
    cut = (JS / names[0]).read_bytes()
    files += [("三公经费说明.html", PAGE.encode(), "text/html"), ("残缺.pdf", cut[: len(cut) // 3], "application/pdf")]
    r = _post(base, files)
    assert r.status_code == 202
    jid = r.json()["id"]
    st = wait_done(jobs, jid)
    assert st["state"] == "done" and [e["name"] for e in st["file_errors"]] == ["残缺.pdf"]
    job = jobs.get(jid)
    zx = next(x for x in job.results if x.department == "江苏省政协办公厅")
    assert zx.label == "2017年预算 → 2018年预算" and not zx.error
    assert [sorted(names) for names in zx.files] == [sorted(names[:2]), sorted(names[2:])]
    for doc in (zx.report.old, zx.report.new):
        # read by the reader as one document: the narrative with its own tables
        assert sorted(Path(f.path).name for f in doc.files) == sorted(n for n in names if str(doc.year) in n)
        assert len(doc.tables) >= 12 and len(doc.statements) > 50
    assert not [w for w in zx.report.warnings if "未识别到预算公开表" in w]
    # the one real slip of the 2018 narrative, as batch finds it: 2,233.13 / 3,348.98 = 66.68 %, printed 66.69 %
    assert [(f.doc, f.stated, f.expected) for f in zx.report.findings if f.check == "rate" and f.severity == "error"] \
        == [("new", "66.69%", "66.68%")]
    # its crop comes from the page of the file that holds it (the narrative, the second file of the document)
    [slip] = [v for v in zx.memo.all_findings if v.finding.check == "rate" and v.finding.severity == "error"]
    assert slip.finding.page > zx.report.new.files[0].page_count
    assert slip.evidence.panels and all(p.image for p in slip.evidence.panels), [p.note for p in slip.evidence.panels]
    uses = {u["name"]: u["use"] for u in st["uses"]}
    assert uses["js-zx-2018-yusuan.pdf"] == ("江苏省政协办公厅 2018年预算（与“js-zx-2018-yusuan-tables.pdf”合为一份文件）；"
                                             "用于 2017→2018 年比较")
    assert "单独核对" in uses["三公经费说明.html"] and "残缺.pdf" not in uses
    overview = httpx.get(f"{base}/j/{jid}").text
    assert "各文件的用途" in overview and "PDF 文件损坏或不完整" in overview and "三公经费说明.html" in overview
    memo = httpx.get(f"{base}/j/{jid}/m/{zx.key}").text
    for n in names:         # the memo lists every file of each year's document
        assert n in memo, n
    assert str(jobs.folder) not in memo
    page = next(x for x in job.results if x.files == (("三公经费说明.html",),))
    memo = httpx.get(f"{base}/j/{jid}/m/{page.key}").text
    assert "三公经费说明.html" in memo and "未识别到预算公开表" in memo and str(jobs.folder) not in memo


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


def _upload(name, dept, year, kind="预算", sha=None):
    from decimal import Decimal

    from yoydiff.core import Document
    from yoydiff.web.jobs import Upload
    doc = Document(name, sha or name, dept, year, kind, "万元", 1, (), (), (), (), (), (), Decimal(1))
    return Upload(name, Path(name), "pdf", 1, doc=doc)


def _plan(ups):
    from yoydiff.web.jobs import plan
    p = plan(ups)
    return p, [[list(names) for names in m.files] for m in p.memos], {u.name: u.use for u in ups}


def test_the_page_plans_as_batch_does_two_files_of_one_year_are_one_document():
    # one department however its title prints it; a second file of a year joins that year's document
    # (narrative and tables published apart), used in both of the year's comparisons
    ups = [_upload("a26", "甲市财政局", 2026), _upload("a24", "甲市财政局", 2024),
           _upload("a25", "甲市财政局部门预算", 2025), _upload("a25b", "甲市财政局", 2025)]
    p, memos, uses = _plan(ups)
    assert memos == [[["a24"], ["a25", "a25b"]], [["a25", "a25b"], ["a26"]]]
    assert [d.path for d in p.memos[0].documents] == ["a24", "a25 + a25b"]
    assert uses["a25b"] == ("甲市财政局部门预算 2025年预算（与“a25”合为一份文件）；"
                            "用于 2024→2025 年比较；用于 2025→2026 年比较")
    assert p.notes == [] and p.years == ["甲市财政局部门预算（预算）：2024、2025、2026 年"]


def test_a_year_without_its_neighbour_is_checked_alone_and_said_so():
    ups = [_upload("a17", "甲局", 2017), _upload("a18", "甲局", 2018), _upload("a20", "甲局", 2020),
           _upload("b25", "乙局", 2025), _upload("b25j", "乙局", 2025, "决算")]
    p, memos, uses = _plan(ups)
    assert memos == [[["a17"], ["a18"]], [["a20"]], [["b25j"]], [["b25"]]]     # never 2018 → 2020
    assert uses["a20"] == "甲局 2020年预算；未上传 2019 年或 2021 年的预算，单独核对（不作年度比较）"
    assert "甲局 2020年预算（a20）：未上传 2019 年或 2021 年的预算，单独核对（不作年度比较）" in p.notes
    assert len(p.notes) == 3 and uses["a18"] == "甲局 2018年预算；用于 2017→2018 年比较"
    assert p.years == ["甲局（预算）：2017、2018、2020 年", "乙局（决算）：2025 年", "乙局（预算）：2025 年"]


def test_one_document_alone_needs_no_note():
    p, memos, uses = _plan([_upload("a", "甲局", 2025)])
    assert memos == [[["a"]]] and p.notes == [] and "单独核对" in uses["a"]


def test_a_copy_is_used_once_and_a_document_without_year_is_checked_alone():
    ups = [_upload("a24", "甲局", 2024, sha="x"), _upload("a25", "甲局", 2025),
           _upload("副本.pdf", "甲局", 2024, sha="x"), _upload("无年度", "丙局", None)]
    p, memos, uses = _plan(ups)
    assert memos == [[["a24"], ["a25"]], [["无年度"]]]
    assert uses["副本.pdf"] == "未使用：与 a24 内容相同（同一文件），只用一次"
    assert uses["无年度"] == "单独核对：未能从文件中识别年度，未参加年度比较"
    assert p.notes == ["“副本.pdf”：未使用：与 a24 内容相同（同一文件），只用一次",
                       "“无年度”：单独核对：未能从文件中识别年度，未参加年度比较"]
