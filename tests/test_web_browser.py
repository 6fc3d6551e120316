"""The reviewers' page driven in headless Chromium (Debian's chromium, through Playwright; no browser
is downloaded): upload the urumqi pair, watch it being read, check the totals and every required
record of expected-findings.json on the page, open a crop, download the PDF memo and the xlsx and
read them back; a non-PDF and a truncated PDF each give their message, and the page goes on working."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from corpus import FILES, comparison
from webserver import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EXPECTED = Path(__file__).resolve().parents[1] / "corpora" / "urumqi" / "expected-findings.json"
READ_TIMEOUT = 600_000       # ms: two PDFs read on a busy 2-core machine


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "chromium is missing: scripts/setup installs it (apt-get install chromium)"
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=FLAGS, viewport={"width": 1366, "height": 768}, accept_downloads=True)
        yield ctx
        ctx.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web") / "session"
    with serving(folder) as (base, jobs):
        yield base, jobs
    assert not folder.exists()


def _item_digits(item: str) -> str:
    return "".join(re.findall(r"\d+", item.split("（")[0]))


def _finding(report, record):
    """The report's finding for an expected record: same check, and the same stated figure, code or item."""
    core = re.sub(r"^[\d ]+", "", record["item"]).replace("（项）", "").replace("（款）合计", "").split(" ")[0]
    hits = [f for f in report.findings if f.check == record["check"] and
            (f.stated == record["stated"] or (f.code and f.code == _item_digits(record["item"])) or core in f.item)]
    assert hits, record
    return hits[0]


def test_upload_read_check_open_download(browser, site, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from yoydiff.numbers import fmt_amount
    from yoydiff.render.memo import document_total

    base, _jobs = site
    report = comparison("urumqi-2025", "urumqi-2026")
    page = browser.new_page()
    page.goto(base + "/")
    page.set_input_files("#files", [str(FILES["urumqi-2025"]), str(FILES["urumqi-2026"])])
    assert page.locator("#chosen li").count() == 2
    page.click("#go")
    page.wait_for_selector("#state")                         # the progress page, before the memo
    assert page.locator("#bar").count() == 1
    page.wait_for_selector("article.memo", timeout=READ_TIMEOUT)

    # totals
    headline = page.locator(".headline").inner_text()
    for d in (report.old, report.new):
        assert fmt_amount(document_total(d)) in headline
    counts = page.locator(".counts").inner_text()
    assert f"错误 {report.count('error')}" in counts.replace("\n", " ")

    # every required record, each error and warning in its block with a crop that loaded
    required = [r for r in json.loads(EXPECTED.read_text(encoding="utf-8")) if r["required"]]
    assert len(required) >= 10
    for r in required:
        f = _finding(report, r)
        if f.severity in ("error", "warning"):
            block = page.locator("section.finding").filter(has_text=f.stated).filter(has_text=f.item[:12])
            assert block.count() == 1, r["item"]
            img = block.locator("img.cropimg").first
            assert img.evaluate("i => i.complete && i.naturalWidth > 500"), r["item"]
        else:
            row = page.locator("table.notices tr").filter(has_text=f.stated)
            assert row.count() >= 1, r["item"]

    # a crop opens at full size
    first = page.locator("img.cropimg").first
    first.click()
    dialog = page.locator("dialog#lightbox")
    assert dialog.is_visible()
    assert page.locator("#lightbox-img").evaluate("i => i.naturalWidth") > 1000
    page.keyboard.press("Escape")
    assert not dialog.is_visible()

    # a change table filters and sorts
    table = page.locator("article.memo table.fig-table.tree").first
    filt = table.locator("xpath=preceding-sibling::input[1]")
    rows = table.locator("tbody tr")
    total = rows.count()
    filt.fill("2080108")
    assert 1 <= sum(rows.nth(i).is_visible() for i in range(total)) < total
    filt.fill("")
    table.locator("thead th", has_text="增减额").click()
    values = [float(t.replace(",", "").replace("−", "-").replace("+", "")) for t in
              table.locator("tbody td.num.delta").all_inner_texts() if t.strip()]
    assert values == sorted(values) and len(values) > 3

    # downloads
    with page.expect_download() as dl:
        page.click("#dl-pdf")
    pdf = tmp_path / "memo.pdf"
    dl.value.save_as(pdf)
    reader = PdfReader(str(pdf))
    text = "".join(p.extract_text() for p in reader.pages[:3])
    assert report.new.department in text.replace("\n", "")
    assert sum(len(p.images) for p in reader.pages) >= report.count("error")      # the crops are in it
    with page.expect_download() as dl:
        page.click("#dl-xlsx")
    xlsx = tmp_path / "memo.xlsx"
    dl.value.save_as(xlsx)
    wb = load_workbook(xlsx)
    levels = [row[0] for row in wb["发现"].iter_rows(min_row=2, values_only=True)]
    assert levels.count("错误") == report.count("error") and len(levels) == len(report.findings)
    page.close()


def test_bad_files_give_their_message_and_the_page_goes_on(browser, site, tmp_path):
    base, _jobs = site
    page = browser.new_page()
    page.goto(base + "/")
    image = tmp_path / "照片.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    page.set_input_files("#files", [str(image)])
    page.click("#go")
    page.wait_for_selector("#message:not([hidden])")
    assert "“照片.png”不是 PDF、网页或文本文件" in page.locator("#message").inner_text()

    data = FILES["deptb-2025"].read_bytes()
    cut = tmp_path / "残缺.pdf"
    cut.write_bytes(data[: len(data) // 2])
    page.set_input_files("#files", [str(cut)])
    page.click("#go")
    page.wait_for_selector("#job[data-state=failed]", timeout=READ_TIMEOUT)
    msg = page.locator(".message.error").first.inner_text()
    assert "“残缺.pdf”：PDF 文件损坏或不完整，无法读取" in msg and "damaged" not in msg   # the page is Chinese

    page.goto(base + "/")          # and the server still serves
    assert page.locator("#files").count() == 1
    page.close()


def test_a_folder_brings_only_the_files_the_reader_reads(browser, site, tmp_path):
    # a downloaded folder holds other files (a list, a spreadsheet): they are left out, and said so,
    # instead of refusing the whole upload
    base, _jobs = site
    folder = tmp_path / "公开文件"
    folder.mkdir()
    (folder / "2025.pdf").write_bytes(FILES["deptb-2025"].read_bytes())
    (folder / "说明.html").write_text("<html><body><p>2025年部门预算</p></body></html>", encoding="utf-8")
    (folder / "MANIFEST.md").write_text("# 清单", encoding="utf-8")
    page = browser.new_page()
    page.goto(base + "/")
    page.set_input_files("#folder", str(folder))
    assert sorted(t.split("（")[0] for t in page.locator("#chosen li").all_inner_texts()) == ["2025.pdf", "说明.html"]
    assert "已略过：MANIFEST.md" in page.locator("#message").inner_text()
    page.close()
