"""The trend memo: the chained prior check, a multi-line chart of the totals and the largest lines, and one
table per classification with every year, the change and rate from year to year and the compound annual
growth. HTML built here, PDF by weasyprint; xlsx with the same tables."""
from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

from ..numbers import fmt_amount
from ..trend import SECTIONS, Trend
from . import charts
from .memo import SEVERITY_LABEL, pct_text, signed

CHART_LINES = 6
CHAINED_HEAD = ["年度", "级别", "项目", "所述上年数", "上年公开数", "页码", "原文"]


def _a(v: Decimal | None) -> str:
    return "" if v is None else fmt_amount(v)


def _rate(old, new, pct) -> str:
    if old is None and new is None:
        return ""
    return pct_text(old, new, pct)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def _cagr(v: Decimal | None) -> str:
    return "—" if v is None else ("+" if v > 0 else "−" if v < 0 else "") + f"{abs(v)}%"


def table_rows(t: Trend, section: str) -> tuple[list[str], list[list[str]]]:
    years = [str(y) for y in t.years]
    head = ["科目编码", "项目/科目"] + [f"{y}年" for y in years]
    head += [f"{a}→{b} 增减" for a, b in zip(years, years[1:])] + [f"{a}→{b} 增减率" for a, b in zip(years, years[1:])]
    head += ["年均增长率"]
    rows = []
    for s in t.section(section):
        ch = s.changes
        name = s.item if len(s.names) <= 1 else s.item + "（曾用名：" + "、".join(n for n in s.names if n != s.item) + "）"
        rows.append([s.code, name] + [_a(v) for v in s.values] + [signed(c) for c, _ in ch]
                    + [_rate(a, b, p) for (a, b), (_, p) in zip(zip(s.values, s.values[1:]), ch)] + [_cagr(s.cagr)])
    return head, rows


CSS = """
@page { size: A4 landscape; margin: 14mm 12mm; @bottom-center { content: "第 " counter(page) " 页"; font-size: 8pt; } }
body { font-family: "%s"; font-size: 8.5pt; }
h1 { font-size: 15pt; margin: 0 0 4pt 0; } h2 { font-size: 11.5pt; margin: 10pt 0 4pt 0; break-after: avoid; }
table { border-collapse: collapse; width: 100%%; margin-bottom: 6pt; }
th, td { border: 0.4pt solid #999; padding: 1.5pt 3pt; vertical-align: top; }
th { background: #e8eef5; } td.n { text-align: right; white-space: nowrap; } tr { break-inside: avoid; }
table.fixed { table-layout: fixed; } table.fixed td { overflow-wrap: anywhere; }
"""


def _table(head, rows, widths: tuple[int, ...] = (), numeric_from: int = 2) -> str:
    """A table; with `widths` (% of the page) its columns are fixed, so long text wraps inside the page."""
    cols = ""
    if widths:
        cols = "<colgroup>" + "".join(f"<col style='width:{w}%'>" for w in widths) + "</colgroup>"
    out = [f"<table{' class=fixed' if widths else ''}>{cols}<thead><tr>"
           + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    for r in rows:
        out.append("<tr>" + "".join(f"<td{' class=n' if i >= numeric_from else ''}>{html.escape(str(v))}</td>"
                                    for i, v in enumerate(r)) + "</tr>")
    return "".join(out) + "</tbody></table>"


def chart(t: Trend, font: str) -> str:
    lines = [(s.item, list(s.values)) for s in t.section("totals")]
    top = sorted((s for s in t.section("functional") if s.level == 1),
                 key=lambda s: -max((v for v in s.values if v is not None), default=Decimal(0)))
    lines += [(f"{s.code} {s.item}", list(s.values)) for s in top[:CHART_LINES]]
    return charts.year_lines([str(y) for y in t.years], lines, font)


def render_html(t: Trend, font: str) -> str:
    d = t.documents[-1]
    years = "、".join(map(str, t.years)) if t.gaps else f"{t.years[0]}—{t.years[-1]}"
    body = [f"<h1>{html.escape(d.department)} {years}年{html.escape(d.kind)}逐年变化</h1>",
            "<p>金额单位：万元。" + "；".join(html.escape(f"{x.year}年：{x.path}") for x in t.documents) + "</p>",
            "<h2>上年数连续核对（各年所述上年数与上一年公开数）</h2>"]
    chained = t.chained()
    if chained:
        body.append(_table(CHAINED_HEAD,
                           [[f"{oy}→{ny}", SEVERITY_LABEL.get(f.severity, f.severity), f.item, f.stated, f.expected,
                             f"本年第{f.page}页 / 上年第{f.other_page}页", _clip(f.quote, 80)] for oy, ny, f in chained],
                           widths=(7, 5, 16, 17, 24, 9, 22), numeric_from=len(CHAINED_HEAD)))
    else:
        body.append("<p>各年所述上年数与上一年公开数均相符（或无可核对的上年数）。</p>")
    if t.gaps:
        body.append("<p>" + "；".join(f"{a}→{b} 相隔 {b - a} 年：{b} 年文件所述“上年”数指 {b - 1} 年，未公开于此，不作核对"
                                     for a, b in t.gaps) + "。</p>")
    body.append("<h2>总计及主要支出功能分类（类）逐年变化</h2>" + chart(t, font))
    for section, title in SECTIONS:
        head, rows = table_rows(t, section)
        if rows:
            # a sub-item indented under its item, as the pair memo shows the 类/款/项 tree (not in the xlsx cells)
            levels = [s.level for s in t.section(section)]
            rows = [[r[0], "\u3000" * max(lv - 1, 0) + r[1], *r[2:]] for r, lv in zip(rows, levels)]
            body.append(f"<h2>{html.escape(title)}</h2>" + _table(head, rows))
    if t.warnings:
        body.append("<h2>说明</h2>" + "".join(f"<p>{html.escape(w)}</p>" for w in t.warnings))
    return f"<html><head><meta charset='utf-8'><style>{CSS % font}</style></head><body>{''.join(body)}</body></html>"


def write(t: Trend, out: Path, fmt: str | None = None) -> Path:
    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".") or "pdf").lower()
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt in ("pdf", "html"):
        from .fonts import cjk_font
        text = render_html(t, cjk_font())
        if fmt == "html":
            out.write_text(text, encoding="utf-8")
        else:
            from weasyprint import HTML
            HTML(string=text).write_pdf(str(out))
    elif fmt == "xlsx":
        from openpyxl import Workbook
        wb = Workbook()
        wb.remove(wb.active)
        for section, title in SECTIONS:
            head, rows = table_rows(t, section)
            ws = wb.create_sheet(title[:31])
            ws.append(head)
            for r in rows:
                ws.append(r)
        wb.save(out)
    elif fmt == "json":
        import json
        from ..trend import trend_to_json
        out.write_text(json.dumps(trend_to_json(t), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        from ..errors import InputError
        raise InputError(f"unknown output format {fmt!r} for a trend; use pdf, html, xlsx or json")
    return out


def write_outputs(t: Trend, json_out: str | Path | None = None, outputs=()) -> list[Path]:
    """What `yoydiff trend` writes, and batch for each department of three or more years: every output
    by its suffix (the memo .pdf/.html, the tables .xlsx), then the JSON (trend.trend_to_json), written
    atomically and last, so that its presence says the trend is complete. Returns the outputs written
    (the JSON not among them)."""
    written = [write(t, o) for o in outputs]
    if json_out is not None:
        from ..serialize import write_json
        from ..trend import trend_to_json
        write_json(trend_to_json(t), json_out)
    return written
