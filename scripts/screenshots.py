"""Screenshots of every view of the reviewers' page at 1366×768 and the memo PDF's pages with crops, as PNG.

    .venv/bin/python scripts/screenshots.py OUT_DIR

Serves the page on a free loopback port, uploads the urumqi pair (the memo), then the deptb pair with a
department's narrative and tables files of two years (js-zx 2017/2018: the batch overview), and saves:
index, progress, overview, memo (top, findings with crops, a crop opened, change tables, matches), the
refusal message; then renders the memo PDF's pages that carry crops.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    from corpus import FILES
    from webserver import serving

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, serving(Path(tmp) / "session") as (base, _jobs), \
            sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(Path(tmp) / "profile"), executable_path="/usr/bin/chromium",
                                                   headless=True, args=FLAGS, viewport={"width": 1366, "height": 768},
                                                   accept_downloads=True)
        pg = ctx.new_page()
        pg.goto(base + "/")
        pg.set_input_files("#files", [str(FILES["urumqi-2025"]), str(FILES["urumqi-2026"])])
        pg.screenshot(path=out / "1-index.png")
        pg.click("#go")
        pg.wait_for_selector("#state")
        pg.wait_for_timeout(1500)
        pg.screenshot(path=out / "2-progress.png")
        pg.wait_for_selector("article.memo", timeout=900_000)
        pg.screenshot(path=out / "3-memo-top.png")
        pg.locator("section.finding").first.scroll_into_view_if_needed()
        pg.screenshot(path=out / "4-memo-findings.png")
        pg.locator("img.cropimg").first.click()
        pg.wait_for_timeout(300)
        pg.screenshot(path=out / "5-crop-opened.png")
        pg.keyboard.press("Escape")
        pg.locator("table.fig-table.tree").first.scroll_into_view_if_needed()
        pg.screenshot(path=out / "6-memo-changes.png")
        pg.locator("#matches").scroll_into_view_if_needed()
        pg.screenshot(path=out / "7-memo-matches.png")
        with pg.expect_download() as dl:
            pg.click("#dl-pdf")
        pdf = out / "memo.pdf"
        dl.value.save_as(pdf)
        pg.goto(base + "/")
        # the overview: a pair of single files and a department publishing narrative and tables apart
        js = ROOT / "corpora" / "real-pdf" / "jiangsu"
        zx = [js / f"js-zx-{y}-yusuan{t}.pdf" for y in (2017, 2018) for t in ("", "-tables")]
        pg.set_input_files("#files", [str(FILES["deptb-2024"]), str(FILES["deptb-2025"])] + [str(p) for p in zx])
        pg.click("#go")
        pg.wait_for_selector("table.overview", timeout=900_000)
        pg.screenshot(path=out / "8-overview.png", full_page=True)
        pg.locator("table.overview a.button").last.click()          # the memo of the two-file years
        pg.wait_for_selector("article.memo")
        pg.locator("table.docs").first.scroll_into_view_if_needed()
        pg.screenshot(path=out / "8-memo-of-two-files.png")
        pg.goto(base + "/")
        bad = Path(tmp) / "照片.png"
        bad.write_bytes(b"\x89PNG\r\n\x1a\n")
        pg.set_input_files("#files", [str(bad)])
        pg.click("#go")
        pg.wait_for_selector("#message:not([hidden])")
        pg.screenshot(path=out / "9-refused.png")
        ctx.close()

    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    for i in range(len(doc)):
        page = doc[i]
        images = [o for o in page.get_objects(max_depth=3) if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
        if images:
            page.render(scale=110 / 72).to_pil().save(out / f"memo-page-{i + 1:02d}.png")
        page.close()
    doc.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
