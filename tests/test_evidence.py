"""Evidence crops: a finding's quote and figures found among the page's characters and boxed.

Built cases (reportlab pages whose text positions the test knows) hold the general rules: a sentence
is found as a run of characters, a table row as the one line holding all its cells, the stated
figures are boxed where they are printed and nowhere else (not inside a longer number, not in a
neighbouring cell printed flush against it), a quote printed twice on the page gets no box. The
real urumqi pair: every error and warning gets a crop with its stated figure boxed, and the memo
PDF carries the crops.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from yoydiff.render.evidence import Evidence, locate, page_text, report_evidence, tokens
from yoydiff.results import Finding, Report

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
H = 842.0


def _pdf(tmp_path: Path, lines: list[tuple[float, float, str]], name: str = "p.pdf") -> Path:
    """One A4 page with each text drawn at (x, top) in 10.5 pt."""
    path = tmp_path / name
    c = canvas.Canvas(str(path), pagesize=(595, H))
    for x, top, text in lines:
        c.setFont(FONT, 10.5)
        c.drawString(x, H - top, text)
    c.showPage()
    c.save()
    return path


def _page(path: Path):
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(path))
    page = doc[0]
    return doc, page, page_text(page)


def _boxes(pt, loc):
    return [pt.boxes[lo] + pt.boxes[hi - 1] for lo, hi in loc.figures]


def test_tokens_are_the_stated_figures():
    assert tokens("减少 24.76 万元，增长 5.47%") == ["减少", "24.76", "增长", "5.47%"]
    # years and table numbers are not figures when the text has figures
    assert tokens("上年数 524.75 万元（2026 年文件：450.00 + 74.75）") == ["524.75", "450.00", "74.75"]
    assert tokens("534.75 万元（2025 年文件 表5 2080108 合计）；应为减少 84.75 万元", first=True) == ["534.75"]
    # a count or a target value without decimals is a figure when it is all the text names
    assert tokens("目标值 > =2800 件") == ["2800"]
    assert tokens("27") == ["27"]


def test_a_sentence_is_found_and_its_figures_boxed(tmp_path):
    x0 = 72.0
    path = _pdf(tmp_path, [(x0, 100, "一、收入预算情况。财政拨款结转 4,206.92 万元，占 12.63%，比上年增加"),
                           (x0, 118, "332.57 万元，增长 8.58%。另有 112.63 万元。")])
    doc, page, pt = _page(path)
    quote = "财政拨款结转 4,206.92 万元，占 12.63%，比上年增加 332.57 万元，增长 8.58%"
    loc = locate(pt, quote, tokens("12.63%"))
    assert loc is not None and len(loc.spans) == 1
    (box,) = _boxes(pt, loc)          # 12.63% once: the 112.63 after the quote is not in it
    assert 86 < box[1] < 100 and box[0] > x0 + 100     # on the first line (baseline 100), right of its start
    loc = locate(pt, quote, ["332.57"])
    (box,) = _boxes(pt, loc)
    assert 104 < box[1] < 118 and abs(box[0] - x0) < 2     # the run-on part on the second line (baseline 118)
    page.close()
    doc.close()


def test_a_table_row_is_the_line_with_all_its_cells(tmp_path):
    rows = [(100, "208", "01", "06", "就业管理事务", "100.00", "100.00"),
            (118, "208", "01", "08", "信息化建设", "534.75", "534.75"),
            (136, "208", "01", "09", "社会保险经办机构", "2,385.85", "2,385.85")]
    lines = []
    for top, a, b, c, name, v1, v2 in rows:
        lines += [(60, top, a), (85, top, b), (105, top, c), (130, top, name)]
        w = pdfmetrics.stringWidth(v1, FONT, 10.5)
        lines += [(400 - w, top, v1), (404, top, v2)]      # neighbouring cells closer than a space: 534.75534.75 in the text
    path = _pdf(tmp_path, lines)
    doc, page, pt = _page(path)
    loc = locate(pt, "208\t01\t08\t信息化建设\t534.75\t\t534.75", ["534.75"])
    assert loc is not None and len(loc.spans) == 1
    boxes = _boxes(pt, loc)
    assert len(boxes) == 2 and all(104 < b[1] < 118 for b in boxes)
    assert boxes[0][6] <= boxes[1][0] + 0.5          # two figures, not one long number
    assert locate(pt, "208\t01\t08\t信息化建设\t534.75", ["4.75"]).figures == []     # never inside a figure
    assert locate(pt, "208\t01\t07\t信息化建设\t534.75", ["534.75"]) is None          # not on the page
    page.close()
    doc.close()


def test_a_quote_printed_twice_gets_no_box(tmp_path):
    path = _pdf(tmp_path, [(72, 100, "当年预算安排项目共27个。"), (72, 140, "当年预算安排项目共27个。")])
    doc, page, pt = _page(path)
    loc = locate(pt, "当年预算安排项目共27个", ["27"])
    assert loc is not None and loc.spans == [] and "多处" in loc.note
    page.close()
    doc.close()


def test_cross_year_finding_gets_both_pages_side_by_side(tmp_path):
    from yoydiff.core import Document
    from decimal import Decimal

    new_pdf = _pdf(tmp_path, [(72, 100, "信息化建设2026年预算数为450.00万元，比上年预算减少74.75万元。")], "new.pdf")
    old_pdf = _pdf(tmp_path, [(60, 200, "2080108"), (130, 200, "信息化建设"), (350, 200, "534.75")], "old.pdf")

    def doc(path, year):
        return Document(str(path), "", "某局", year, "预算", "万元", 1, (), (), (), (), (), (), Decimal(1))

    f = Finding(check="prior", severity="error", doc="new", page=1, item="信息化建设",
                stated="上年数 524.75 万元（2026 年文件：450.00 + 74.75）", expected="534.75 万元（2025 年文件 表5 2080108 合计）",
                rule="", quote="信息化建设2026年预算数为450.00万元，比上年预算减少74.75万元", other_page=1,
                other_quote="2080108\t信息化建设\t534.75")
    report = Report(new=doc(new_pdf, 2026), old=doc(old_pdf, 2025), findings=(f,))
    ev = report_evidence(report, {"old": "2025年预算", "new": "2026年预算"})
    (e,) = ev.values()
    assert isinstance(e, Evidence) and [p.label for p in e.panels] == ["2026年预算 第 1 页", "2025年预算 第 1 页"]
    assert [p.boxed for p in e.panels] == [2, 1] and all(p.image[:2] == b"\xff\xd8" for p in e.panels)
    from PIL import Image
    from yoydiff.render.evidence import DPI, SIDE
    img = Image.open(io.BytesIO(e.panels[0].image))
    d, page, pt = _page(new_pdf)
    block = max(b[2] for b in pt.boxes) - min(b[0] for b in pt.boxes) + 2 * SIDE
    assert abs(img.width - block * DPI / 72) < 3        # the page's text block at print resolution
    page.close()
    d.close()


def test_a_missing_file_is_said_not_raised(tmp_path):
    from yoydiff.core import Document
    from decimal import Decimal
    d = Document(str(tmp_path / "gone.pdf"), "", "某局", 2026, "预算", "万元", 1, (), (), (), (), (), (), Decimal(1))
    f = Finding(check="count", severity="warning", doc="new", page=1, item="项目个数", stated="27", expected="28",
                rule="", quote="当年预算安排项目共27个")
    (e,) = report_evidence(Report(new=d, findings=(f,)), {}).values()
    assert e.panels[0].image is None and "无法显示" in e.panels[0].note


# ---------------------------------------------------------------- the real pair

@pytest.fixture(scope="module")
def urumqi():
    from corpus import comparison
    return comparison("urumqi-2025", "urumqi-2026")


def test_every_error_and_warning_of_the_urumqi_pair_is_shown_on_its_page(urumqi):
    ev = report_evidence(urumqi, {"old": "2025年预算", "new": "2026年预算"})
    shown = [f for f in urumqi.findings if f.severity in ("error", "warning")]
    assert len(ev) == len(shown) > 0
    for i, e in ev.items():
        f = urumqi.findings[i]
        first = e.panels[0]
        assert first.image and first.boxed >= 1, (f.check, f.item, first.note)
        if f.other_quote:                        # cross-year: the old document's page beside it
            assert len(e.panels) == 2 and e.panels[1].image and e.panels[1].boxed >= 1
            assert e.panels[1].label.startswith(str(urumqi.old.year))


def test_the_memo_pdf_carries_the_crops(urumqi, tmp_path):
    from pypdf import PdfReader
    from yoydiff.render.memo import render_pdf

    out, _ = render_pdf(urumqi, tmp_path / "memo.pdf")
    images = sum(len(p.images) for p in PdfReader(str(out)).pages)
    ev = report_evidence(urumqi, {})
    crops = sum(1 for e in ev.values() for p in e.panels if p.image)
    assert images >= crops > 0


def test_a_wide_page_is_cut_to_a_window_around_the_figures(tmp_path):
    from decimal import Decimal

    from PIL import Image

    from yoydiff.core import Document
    from yoydiff.render.evidence import DPI, MAX_WIDTH

    path = tmp_path / "wide.pdf"
    c = canvas.Canvas(str(path), pagesize=(842, 595))          # A4 landscape: a text block ~760 pt wide
    c.setFont(FONT, 9)
    for top, (name, target) in zip((100, 118), (("接待来人来电来信", ">=2800件"), ("办理案件数量", ">=120件"))):
        c.drawString(40, 595 - top, "产出指标")
        c.drawString(120, 595 - top, name)
        c.drawString(700, 595 - top, target)
    c.showPage()
    c.save()
    d = Document(str(path), "", "某局", 2026, "预算", "万元", 1, (), (), (), (), (), (), Decimal(1))
    f = Finding(check="target", severity="warning", doc="new", page=1, item="接待来人来电来信", stated="目标值 >=2800 件",
                expected="", rule="", quote="产出指标\t接待来人来电来信\t>=2800件")
    (e,) = report_evidence(Report(new=d, findings=(f,)), {}).values()
    (p,) = e.panels
    assert p.boxed == 1
    img = Image.open(io.BytesIO(p.image))
    assert abs(img.width - MAX_WIDTH * DPI / 72) < 3       # not the whole 760 pt line at a quarter of the size
    # the boxed figure is inside the window: red pixels of its box
    rgb = img.convert("RGB")
    red = sum(1 for x in range(0, img.width, 2) for y in range(img.height) if rgb.getpixel((x, y))[0] > 180
              and rgb.getpixel((x, y))[1] < 80)
    assert red > 20
