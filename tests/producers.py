"""Disclosure PDFs from another producer: a corpora .txt laid out as HTML and printed by weasyprint.

The corpora PDFs come from LibreOffice (line segments for rules, one font, a page per table). Here
the same text becomes an HTML document in Noto Sans CJK SC, A4 landscape. weasyprint draws cell
borders as filled rectangles, one per cell edge; it repeats <thead> on every page a table spans and
does not repeat the caption above the table. Header cells get the row and column spans the header
rows of the .txt imply. Name columns are narrow, so long names wrap inside their cell.

`borders`: "grid" (every cell edge), "rows" (border-bottom only: no vertical rules at all),
"none" (padding only: nothing but text positions). `flow`: tables follow each other on a page
instead of each starting a new page.

`read_txt` undoes the page-break artefacts of the LibreOffice layout (repeated captions and header
rows, a cell split over two pages), so weasyprint paginates the tables its own way.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

_NUMBER = re.compile(r"^(?:附?表|附件)\s*(?:\d+|[一二三四五六七八九十]+)$")
_CAPTION = re.compile(r"^(编制部门|编制单位|单位\s*[:：])")
_FIGURE = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_DIGITS = re.compile(r"^\d+$")
_RULE_ROW = re.compile(r"^[-\s]*$")


@dataclass
class Table:
    number: str                                   # "表 1"; "" for an unnumbered table (绩效目标表)
    title: str
    captions: list[str] = field(default_factory=list)
    header: list[list[str]] = field(default_factory=list)
    body: list[list[str]] = field(default_factory=list)


def _figure(cell: str) -> bool:
    return bool(_FIGURE.match(cell.strip().replace(" ", ""))) and not _DIGITS.match(cell.strip())


def _data(cells: list[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    return any(_figure(c) for c in filled) or bool(filled and _DIGITS.match(cells[0].strip())) or len(filled) == 1


def read_txt(path: str | Path) -> list[str | Table]:
    """Paragraphs (str) and tables, in reading order."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    out: list[str | Table] = []
    i = 0
    while i < len(lines):
        ln = lines[i].strip()
        if _NUMBER.match(ln):
            j = i + 1
            while not lines[j].strip():
                j += 1
            t = Table(ln, lines[j].strip())
            i = _read_table(lines, j + 1, t)
            out.append(t)
        elif "\t" in lines[i]:
            t = Table("", "")
            while i < len(lines) and ("\t" in lines[i] or not lines[i].strip()):
                cells = lines[i].split("\t")
                if "\t" in lines[i] and not all(_RULE_ROW.match(c) for c in cells):
                    t.body.append([c.strip() for c in cells])
                i += 1
            out.append(t)
        else:
            if ln:
                out.append(ln)
            i += 1
    return out


def _read_table(lines: list[str], i: int, t: Table) -> int:
    block, in_header = 0, False
    while i < len(lines):
        ln = lines[i]
        i += 1
        if not ln.strip():
            continue
        if "\t" not in ln:
            if not _CAPTION.match(ln.strip()):
                return i - 1
            if block == 0:
                t.captions.append(ln.strip())
            if re.match(r"^单位\s*[:：]", ln.strip()):
                block, in_header = block + 1, True
            continue
        cells = [c.strip() for c in ln.split("\t")]
        if in_header:
            if not _data(cells):
                if block == 1:
                    t.header.append(cells)
                continue
            in_header = False
            if block > 1 and t.body and not any(_figure(c) for c in cells) and not _DIGITS.match(cells[0]):
                t.body[-1] = [p + c for p, c in zip(t.body[-1], cells + [""] * len(t.body[-1]))]
                continue
        t.body.append(cells)
    return i


def header_spans(rows: list[list[str]]) -> list[list[tuple[int, str, int, int]]]:
    """Per header row: (column, text, rowspan, colspan) of the cells it starts.

    A filled cell spans right over blank cells that have text below them (a group title over its
    columns) and down over rows that are blank under it. A blank cell covered by no span stays a cell.
    """
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    covered = [[False] * n for _ in rows]
    out = []
    for r, row in enumerate(rows):
        cells = []
        for j in range(n):
            if covered[r][j]:
                continue
            if not row[j]:
                cells.append((j, "", 1, 1))
                continue
            c = 1
            while j + c < n and not row[j + c] and not covered[r][j + c] and any(rows[k][j + c] for k in range(r + 1, len(rows))):
                c += 1
            h = 1
            while r + h < len(rows) and not any(rows[r + h][j:j + c]):
                h += 1
            for rr in range(r, r + h):
                for jj in range(j, j + c):
                    covered[rr][jj] = True
            cells.append((j, row[j], h, c))
        out.append(cells)
    return out


_CSS = """
@page { size: A4 landscape; margin: 14mm 12mm; @bottom-center { content: "- " counter(page) " -"; font-size: 8pt; } }
body { font-family: "Noto Sans CJK SC"; font-size: 9pt; line-height: 1.35; }
p { margin: 0 0 3pt 0; }
p.num { font-size: 10pt; margin-top: 4pt; }
p.title { font-size: 14pt; text-align: center; font-weight: bold; margin: 2pt 0 6pt 0; }
p.unit { text-align: right; }
.newpage { break-before: page; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; font-size: 7.5pt; margin: 2pt 0 8pt 0; }
th { font-weight: normal; text-align: center; vertical-align: middle; }
td, th { padding: 2pt 3pt; }
td.num { text-align: right; white-space: nowrap; }
td.code { text-align: center; }
"""

_BORDERS = {
    "grid": "td, th { border: 0.6pt solid #000; }",
    "rows": "table { border-top: 0.8pt solid #000; } td, th { border-bottom: 0.5pt solid #000; }",
    "none": "td, th { padding: 3pt 6pt; }",
}


def _col_widths(t: Table) -> list[str]:
    """Narrow text columns (long names wrap); code columns as narrow as their digits."""
    n = max(len(r) for r in t.header + t.body)
    out = []
    for j in range(n):
        vals = [r[j] for r in t.body if j < len(r) and r[j]]
        if vals and all(_DIGITS.match(v) for v in vals):
            out.append(f"{max(2.6, 0.62 * max(len(v) for v in vals) + 1):.1f}em")
        elif any(not _figure(v) for v in vals):
            out.append("7em")
        else:
            out.append("")
    return out


def _table_html(t: Table) -> str:
    n = max(len(r) for r in t.header + t.body)
    parts = ["<table>"]
    if t.number:
        parts.append("<colgroup>" + "".join(f'<col style="width:{w}">' if w else "<col>" for w in _col_widths(t))
                     + "</colgroup>")
    if t.header:
        parts.append("<thead>")
        for cells in header_spans(t.header):
            parts.append("<tr>" + "".join(
                f'<th rowspan="{h}" colspan="{c}">{html.escape(x)}</th>' for _j, x, h, c in cells) + "</tr>")
        parts.append("</thead>")
    parts.append("<tbody>")
    for row in t.body:
        row = row + [""] * (n - len(row))
        tds = []
        for c in row:
            cls = "num" if _figure(c) else "code" if _DIGITS.match(c) else ""
            tds.append(f'<td class="{cls}">{html.escape(c)}</td>' if cls else f"<td>{html.escape(c)}</td>")
        parts.append("<tr>" + "".join(tds) + "</tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)


def to_html(blocks: list[str | Table], borders: str = "grid", flow: bool = False) -> str:
    body = []
    for b in blocks:
        if isinstance(b, str):
            body.append(f"<p>{html.escape(b)}</p>")
            continue
        if b.number:
            body.append(f'<p class="num{"" if flow else " newpage"}">{html.escape(b.number)}</p>')
            body.append(f'<p class="title">{html.escape(b.title)}</p>')
            for c in b.captions:
                body.append(f'<p class="{"unit" if c.startswith("单位") else "cap"}">{html.escape(c)}</p>')
        body.append(_table_html(b))
    return (f"<html><head><meta charset='utf-8'><style>{_CSS}{_BORDERS[borders]}</style></head>"
            f"<body>{''.join(body)}</body></html>")


def render(txt: str | Path, out: str | Path, borders: str = "grid", flow: bool = False) -> Path:
    import weasyprint

    weasyprint.HTML(string=to_html(read_txt(txt), borders, flow)).write_pdf(str(out))
    return Path(out)
