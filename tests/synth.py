"""Test PDFs from another producer: a corpora .txt re-rendered with reportlab, and bad inputs.

The corpora PDFs come from LibreOffice (full grids, the producer's fonts, A4 portrait). `render`
lays the same text out differently: reportlab's built-in CID font STSong-Light, A4 landscape,
tables ruled with horizontal lines only (or not at all), narrow name columns so long names wrap
inside their cell, rows that split across a page break, the caption and header rows repeated on
every page of a long table, and optionally every table amount in 元 instead of 万元.

A .txt is read into paragraphs and logical tables (`read_txt`): the page-break artefacts of the
LibreOffice layout (repeated caption and header rows, a cell split over two pages) are undone
first, so the new layout paginates the tables its own way. Output is deterministic.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

AMOUNT_RE = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)$|^-?\d+\.\d+$")
CODE_RE = re.compile(r"^\d{2,7}$")
CAPTION_RE = re.compile(r"^(编制部门|编制单位|单位\s*[:：])")
UNIT_RE = re.compile(r"^单位\s*[:：]\s*万元\s*$")


@dataclass
class Para:
    text: str


@dataclass
class TxtTable:
    caption: list[str]                 # 编制部门 / 单位 lines printed right above the table
    header: list[list[str]]
    body: list[list[str]]
    in_wan: bool = False               # its caption says 单位：万元
    parts: int = 1                     # segments of the .txt it was joined from


@dataclass
class Doc:
    blocks: list = field(default_factory=list)

    @property
    def tables(self) -> list[TxtTable]:
        return [b for b in self.blocks if isinstance(b, TxtTable)]


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _is_data(row: list[str]) -> bool:
    return any(AMOUNT_RE.match(c.strip()) or CODE_RE.match(c.strip()) for c in row)


def _split_header(rows: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """Header rows are the leading rows with neither an amount nor a code (short cells only)."""
    for i, r in enumerate(rows):
        if _is_data(r):
            if i <= 4 and all(len(c) <= 40 for h in rows[:i] for c in h):
                return rows[:i], rows[i:]
            break
    return [], rows


def read_txt(path: str | Path) -> Doc:
    """Paragraphs and tables of a corpora .txt, with continued tables joined into one."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    doc = Doc()
    pending: list[str] = []            # caption lines seen since the last block
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" not in line:
            s = line.strip()
            if s:
                if CAPTION_RE.match(s):
                    pending.append(s)
                else:
                    doc.blocks.extend(Para(p) for p in pending)
                    pending = []
                    doc.blocks.append(Para(s[2:] if s.startswith("- ") else s))
            i += 1
            continue
        seg = []
        while i < len(lines) and "\t" in lines[i]:
            seg.append(lines[i].split("\t"))
            i += 1
        prev = doc.blocks[-1] if doc.blocks else None
        if isinstance(prev, TxtTable) and _continues(prev, seg):
            _append(prev, seg)
        else:
            header, body = _split_header(seg)
            in_wan = any(UNIT_RE.match(c) for c in pending)
            doc.blocks.append(TxtTable(pending, header, body, in_wan))
        pending = []
    doc.blocks.extend(Para(p) for p in pending)
    return doc


def _continues(t: TxtTable, seg: list[list[str]]) -> bool:
    n = len(t.header)
    return n > 0 and len(seg) > n and all(
        _squash("".join(a)) == _squash("".join(b)) for a, b in zip(t.header, seg[:n]))


def _append(t: TxtTable, seg: list[list[str]]) -> None:
    rest = seg[len(t.header):]
    # a cell split by the page break: a first row with one text cell, no code and no amount
    if rest and t.body and not _is_data(rest[0]):
        filled = [j for j, c in enumerate(rest[0]) if c.strip()]
        if len(filled) == 1 and filled[0] < len(t.body[-1]) and t.body[-1][filled[0]].strip():
            j = filled[0]
            t.body[-1][j] = t.body[-1][j].rstrip() + rest[0][j].strip()
            rest = rest[1:]
    t.body.extend(rest)
    t.parts += 1


def to_yuan(cell: str) -> str:
    """'1,718.09' (万元) -> '17,180,900.00' (元); other cells unchanged."""
    s = cell.strip()
    if not AMOUNT_RE.match(s):
        return cell
    v = Decimal(s.replace(",", "")) * 10000
    return f"{v.quantize(Decimal('0.01')):,}"


def _style(size: float, **kw) -> ParagraphStyle:
    return ParagraphStyle("s", fontName=FONT, fontSize=size, leading=size * 1.3, wordWrap="CJK", **kw)


def _width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def _split_row(t: TxtTable) -> int | None:
    """The row to split over a forced page break: in the second half, with a long name and an amount."""
    for i in range(len(t.body) // 2, len(t.body)):
        r = t.body[i]
        if any(AMOUNT_RE.match(c.strip()) for c in r) and any(len(c.strip()) >= 10 for c in r):
            return i
    return None


def _tables(t: TxtTable, *, split_row: bool, **kw) -> list:
    """The table as flowables; with split_row one row's long text cell continues on the next page."""
    i = _split_row(t) if split_row and t.header else None
    if i is None:
        return [_table(t, t.body, **kw)]
    row = t.body[i]
    j = max(range(len(row)), key=lambda k: 0 if AMOUNT_RE.match(row[k].strip()) else len(row[k].strip()))
    text = row[j].strip()
    head, tail = text[:len(text) // 2], text[len(text) // 2:]
    first = t.body[:i] + [row[:j] + [head] + row[j + 1:]]
    rest = [[""] * j + [tail] + [""] * (len(row) - j - 1)] + t.body[i + 1:]
    # the two parts keep the widths of the whole table
    return [_table(t, first, widths_of=t.body, **kw), PageBreak(), _table(t, rest, widths_of=t.body, **kw)]


def _table(t: TxtTable, rows: list[list[str]], *, yuan: bool, rules: str, name_width: float,
           frame_width: float, size: float, widths_of: list[list[str]] | None = None):
    ncol = max(len(r) for r in t.header + t.body)
    header = [r + [""] * (ncol - len(r)) for r in t.header]
    body = [[to_yuan(c) if yuan and t.in_wan else c for c in r] + [""] * (ncol - len(r)) for r in rows]
    sizing = [[to_yuan(c) if yuan and t.in_wan else c for c in r] + [""] * (ncol - len(r))
              for r in (widths_of or rows)]
    caption = [("单位：元" if yuan and UNIT_RE.match(c) else c) for c in t.caption]

    # column widths: code and amount columns as wide as their longest cell (blank ones narrow),
    # text columns share the rest but no wider than name_width, so long names wrap
    pad = 4
    cells = [[r[j].strip() for r in sizing] for j in range(ncol)]
    numeric = [all(not c or AMOUNT_RE.match(c) or CODE_RE.match(c) for c in col) for col in cells]
    widths: list[float] = [max(max(_width(c, size) for c in col) + pad, 9 * mm) if numeric[j] else 0
                           for j, col in enumerate(cells)]
    text_cols = [j for j in range(ncol) if not numeric[j]]
    share = max((frame_width - sum(widths)) / max(len(text_cols), 1), 8 * mm)
    cap = name_width if any(numeric) else share
    for j in text_cols:
        widths[j] = min(share, cap, max(max(_width(c, size) for c in cells[j]) + pad, 8 * mm))
    if sum(widths) > frame_width:  # too wide even so: shrink every column and the font alike
        k = frame_width / sum(widths)
        widths = [w * k for w in widths]
        size *= k

    cell = _style(size)
    head = _style(size, alignment=TA_CENTER)
    data = [[Paragraph(escape(c.strip()), head) if c.strip() else "" for c in r] for r in header]
    data += [[c.strip() if numeric[j] else (Paragraph(escape(c.strip()), cell) if c.strip() else "")
              for j, c in enumerate(r)] for r in body]
    style = [("FONT", (0, 0), (-1, -1), FONT, size), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
             ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    h0 = 1 if caption else 0
    # a header cell spans the blank cells to its right, except in the last header row (类 款 项)
    for i, r in enumerate(header[:-1]):
        for j, c in enumerate(r):
            if c.strip():
                k = j
                while k + 1 < ncol and not r[k + 1].strip():
                    k += 1
                if k > j:
                    style.append(("SPAN", (j, h0 + i), (k, h0 + i)))
    amount = [numeric[j] and any(AMOUNT_RE.match(c) for c in cells[j]) for j in range(ncol)]
    style += [("ALIGN", (j, h0 + len(header)), (j, -1), "RIGHT" if amount[j] else "CENTER")
              for j in range(ncol) if numeric[j]]
    if caption:  # the caption is the first row, so it repeats on every page with the header
        left = "  ".join(c for c in caption if not c.startswith("单位"))
        right = "  ".join(c for c in caption if c.startswith("单位"))
        inner = Table([[Paragraph(escape(left), cell), Paragraph(escape(right), _style(size, alignment=2))]],
                      colWidths=[sum(widths) * 0.75, sum(widths) * 0.25],
                      style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        data.insert(0, [inner] + [""] * (ncol - 1))
        style.append(("SPAN", (0, 0), (-1, 0)))
    repeat = h0 + len(header)
    if rules == "horizontal":
        style += [("LINEABOVE", (0, h0), (-1, h0), 1, colors.black),
                  ("LINEBELOW", (0, repeat - 1), (-1, repeat - 1), 0.6, colors.black),
                  ("LINEBELOW", (0, repeat), (-1, -1), 0.25, colors.grey)]
    # rows split only in text tables (a long 绩效目标 cell may exceed a page)
    return Table(data, colWidths=widths, repeatRows=repeat, splitInRow=0 if any(numeric) else 1,
                 style=TableStyle(style), hAlign="LEFT")


def render(txt: str | Path, out: str | Path | None = None, *, yuan: bool = False, rules: str = "horizontal",
           name_width: float = 24 * mm, pagesize=landscape(A4), margins=(14 * mm, 18 * mm),
           table_size: float = 7.5, text_size: float = 10.5, split_row: bool = True) -> bytes:
    """Render a corpora .txt as a PDF in a layout unlike the LibreOffice one; returns the bytes.

    rules: "horizontal" (rules above and below the header and under each row) or "none".
    split_row: in each table with a header, one row in its second half with a long name is split over
    a page break (the second half of the name on the next page, under the repeated caption and header).
    """
    doc = read_txt(txt)
    buf = io.BytesIO()
    tb, lr = margins
    tpl = SimpleDocTemplate(buf, pagesize=pagesize, leftMargin=lr, rightMargin=lr, topMargin=tb,
                            bottomMargin=tb, invariant=1, title="", author="", subject="",
                            creator="yoydiff tests/synth.py")
    frame_width = pagesize[0] - 2 * lr
    text = _style(text_size)
    flow = []
    for b in doc.blocks:
        if isinstance(b, Para):
            flow.append(Paragraph(escape(b.text), text))
        else:
            for f in flow[-2:]:            # the table number and title stay with the table
                f.keepWithNext = 1
            flow.append(Spacer(1, 2 * mm))
            flow.extend(_tables(b, split_row=split_row, yuan=yuan, rules=rules, name_width=name_width,
                                frame_width=frame_width, size=table_size))
            flow.append(Spacer(1, 2 * mm))
    tpl.build(flow)
    data = buf.getvalue()
    if out is not None:
        Path(out).write_bytes(data)
    return data


# ---- bad inputs -------------------------------------------------------------------------------

def encrypted(src: str | Path, out: str | Path, *, user: str = "", owner: str = "owner",
              algorithm: str = "AES-128") -> None:
    """`src` encrypted with pypdf; user="" is the owner-password-only case (printing allowed,
    copying and editing not), as government PDFs often are. pypdf, not reportlab.lib.pdfencrypt:
    reportlab encrypts the CIDSystemInfo strings of its CID fonts wrongly, so no reader (pdfminer,
    poppler) can map the decrypted text back to Unicode."""
    from pypdf import PdfWriter

    w = PdfWriter(clone_from=str(src))
    w.encrypt(user_password=user, owner_password=owner, algorithm=algorithm, permissions_flag=0b0100)
    w.write(str(out))


def scanned(out: str | Path) -> None:
    """A page that is only an image (a scan without OCR): no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 300), 255)
    d = ImageDraw.Draw(img)
    for y in range(40, 260, 24):                   # lines of "text" as a scanner would see them
        d.rectangle([40, y, 40 + (y * 7) % 500, y + 10], fill=0)
    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(img), 50, 400, width=500, height=250)
    c.showPage()
    c.save()


def cid_only(out: str | Path) -> None:
    """A Chinese budget page whose embedded CID font has no /ToUnicode map (text extracts as (cid:NN)).

    weasyprint embeds a CFF subset of Noto Sans CJK with Identity-H encoding; pdfminer cannot read
    Unicode from a CFF font program, so once /ToUnicode is gone only glyph ids remain. The key is
    renamed in place (same length) so every xref offset stays valid.
    """
    import weasyprint

    html = ("<html><body style='font-family:\"Noto Sans CJK SC\"'><h1>2025年部门预算公开</h1>"
            "<p>一、收支预算总体情况：2025年收入总计18,991.44万元，支出总计18,991.44万元。</p>"
            "<table><tr><td>210</td><td>卫生健康支出</td><td>16,576.19</td></tr>"
            "<tr><td>221</td><td>住房保障支出</td><td>589.83</td></tr></table></body></html>")
    data = weasyprint.HTML(string=html).write_pdf(uncompressed_pdf=True)
    assert data.count(b"/ToUnicode") >= 1
    Path(out).write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))


def not_disclosure(out: str | Path) -> None:
    """A readable Chinese PDF that is no budget disclosure (a meeting notice)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    c.setFont(FONT, 12)
    lines = ["关于召开2025年度职工运动会的通知", "各科室：",
             "经研究，定于2025年5月20日在体育馆举行职工运动会，请各科室组织人员按时参加。",
             "项目包括拔河、跳绳和接力跑，报名表请于5月10日前交工会办公室。", "特此通知。", "工会办公室"]
    for k, s in enumerate(lines):
        c.drawString(60, 780 - 24 * k, s)
    c.showPage()
    c.save()
