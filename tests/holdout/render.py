"""The holdout .txt printed by weasyprint in a layout the corpora do not use.

A4 portrait, Noto Sans CJK SC, justified paragraphs with a 2em first-line indent, footers 「第 N 页」;
each table starts a page under one line 「表一　部门收支预算总表」 (number and title together) and one
caption line holding 编制单位 on the left and 单位：元 on the right; CSS borders on every cell (weasyprint
draws them as filled rectangles); the header repeated on every page a table spans (<thead>), the
caption not. The project list inside the narrative is a bordered table with its header as a body row.
Table reading and header spans are those of tests/producers.py.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import producers  # noqa: E402

HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")

CSS = """
@page { size: A4; margin: 20mm 18mm 18mm 18mm; @bottom-center { content: "第 " counter(page) " 页"; font-size: 9pt; } }
body { font-family: "Noto Sans CJK SC"; font-size: 10.5pt; line-height: 1.6; }
p { margin: 0 0 4pt 0; text-indent: 2em; text-align: justify; }
p.h { text-indent: 0; font-weight: bold; }
p.cover { text-indent: 0; text-align: center; font-size: 20pt; font-weight: bold; margin: 60mm 0 90mm 0; }
p.title { text-indent: 0; text-align: center; font-size: 13pt; font-weight: bold; margin: 0 0 6pt 0; break-before: page; }
div.cap { display: flex; justify-content: space-between; font-size: 9pt; margin-bottom: 2pt; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; font-size: 8pt; margin: 2pt 0 8pt 0; line-height: 1.3; }
th { font-weight: normal; text-align: center; vertical-align: middle; }
td, th { padding: 2pt 3pt; border: 0.5pt solid #000; }
td.num { text-align: right; white-space: nowrap; }
td.code { text-align: left; }
"""


def to_html(blocks: list) -> str:
    body = []
    for k, b in enumerate(blocks):
        if isinstance(b, str):
            cls = "cover" if k == 0 else "h" if HEADING.match(b) and len(b) < 30 else ""
            body.append(f'<p class="{cls}">{html.escape(b)}</p>' if cls else f"<p>{html.escape(b)}</p>")
            continue
        if b.number:
            body.append(f'<p class="title">{html.escape(b.number)}\u3000{html.escape(b.title)}</p>')
            dept = next((c for c in b.captions if c.startswith("编制")), "")
            unit = next((c for c in b.captions if c.startswith("单位")), "")
            body.append(f'<div class="cap"><span>{html.escape(dept)}</span><span>{html.escape(unit)}</span></div>')
        body.append(producers._table_html(b))
    return f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>{''.join(body)}</body></html>"


def render(txt: str | Path, out: str | Path) -> Path:
    import weasyprint

    weasyprint.HTML(string=to_html(producers.read_txt(txt))).write_pdf(str(out))
    return Path(out)


if __name__ == "__main__":
    render(sys.argv[1], sys.argv[2])
