"""Tabular exports of the memo's view model: xlsx (openpyxl), csv (one file per sheet), md, json.

Every sheet is built once (`sheets`) from the same `Memo` the PDF shows, so the formats agree.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..compare import report_to_json
from ..results import Report
from .memo import Line, Memo, environment, pct_text

AMOUNT_FORMAT = "#,##0.00"
PCT_FORMAT = "+0.00%;-0.00%;0.00%"


@dataclass(frozen=True)
class Ratio:
    """A relative change: a number when the base is not zero, else its text (新增 / —)."""

    value: Decimal | None
    text: str


@dataclass(frozen=True)
class Sheet:
    key: str                          # file-name part for csv
    name: str                         # sheet title
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]           # cells: Decimal (amount), Ratio, int, str or None
    widths: tuple[int, ...]


def ratio(old: Decimal | None, new: Decimal | None) -> Ratio:
    if old is None or old == 0:
        return Ratio(None, pct_text(old, new))
    return Ratio(((new or Decimal(0)) - old) / old, pct_text(old, new, minus="-"))


def _line_row(ln: Line, *lead) -> tuple:
    return (*lead, ln.code, ln.item, ln.old, ln.new, ln.change, ratio(ln.old, ln.new), ln.status, ln.note)


LINE_HEADERS = ("编码", "项目", "上年", "本年", "增减额", "增减率", "状态", "说明")
LINE_WIDTHS = (10, 40, 14, 14, 14, 10, 8, 40)


def sheets(memo: Memo) -> tuple[Sheet, ...]:
    old, new = memo.old, memo.new
    head = tuple(h.replace("上年", old.label if old else "上年").replace("本年", new.label) for h in LINE_HEADERS)
    summary = [("部门", memo.department, None)]
    for d in (old, new):
        if d:
            summary += [(f"{d.label} 文件", d.name, None), (f"{d.label} 页数", d.pages, None),
                        (f"{d.label} SHA-256", d.sha256, None), (f"{d.label} 解析覆盖率", d.coverage, None)]
    if memo.total:
        t = memo.total
        summary += [(f"{old.label if old else '上年'} 收入总计", t.old, None), (f"{new.label} 收入总计", t.new, None),
                    ("增减额", t.change, None), ("增减率", ratio(t.old, t.new), None)]
    summary += [(f"{label}（条）", n, None) for _, label, n in memo.counts]
    out = [Sheet("summary", "概要", ("项目", "内容", ""), tuple(summary), (28, 70, 4))]
    findings = memo.all_findings
    out.append(Sheet("findings", "发现", ("级别", "检查", "文件", "页", "位置", "项目", "编码", "列示", "复算", "差距",
                                          "原因", "规则", "原文", "对照页", "对照原文"),
                     tuple((f.severity, f.check, f.doc, f.page, f.location, f.item, f.code, f.stated, f.expected,
                            f.distance, f.cause, f.rule, f.quote, f.other_page, f.other_quote) for f in findings),
                     (8, 10, 10, 5, 24, 30, 10, 24, 24, 12, 16, 40, 60, 6, 40)))
    for s in memo.sections:
        out.append(Sheet(s.key, s.title[:31], head, tuple(_line_row(ln) for ln in s.lines), LINE_WIDTHS))
    for group, key in ((memo.projects, "projects"), (memo.units, "units")):
        rows = tuple(_line_row(ln, s.title) for s in group for ln in s.lines)
        if rows:
            out.append(Sheet(key, "项目" if key == "projects" else "单位变动", ("类别",) + head, rows, (14,) + LINE_WIDTHS))
    unparsed = tuple((d.label, u.page, u.text, u.reason) for d in (old, new) if d for u in d.unparsed)
    out.append(Sheet("unparsed", "未解析", ("文件", "页", "内容", "原因"), unparsed, (12, 5, 80, 30)))
    return tuple(out)


def write_xlsx(memo: Memo, out: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8EEF5")
    for sh in sheets(memo):
        ws = wb.create_sheet(sh.name)
        ws.append(list(sh.headers))
        for c in ws[1]:
            c.font, c.fill = bold, fill
        for r, row in enumerate(sh.rows, start=2):
            for col, v in enumerate(row, start=1):
                cell = ws.cell(row=r, column=col)
                if isinstance(v, Ratio):
                    cell.value = v.value if v.value is not None else v.text
                    if v.value is not None:
                        cell.number_format = PCT_FORMAT
                    else:
                        cell.alignment = Alignment(horizontal="right")
                elif isinstance(v, Decimal):
                    cell.value = v       # openpyxl writes Decimal exactly as a number
                    cell.number_format = AMOUNT_FORMAT
                else:
                    cell.value = v
        ws.freeze_panes = "A2"
        for i, w in enumerate(sh.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
    wb.save(out)
    return out


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, Ratio):
        return v.text
    return str(v)


def write_csv(memo: Memo, out: Path) -> Path:
    """One UTF-8 (with BOM, for Excel) file per sheet: <stem>-<sheet>.csv beside `out`; returns the summary file."""
    first = None
    for sh in sheets(memo):
        path = out.with_name(f"{out.stem}-{sh.key}.csv")
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(sh.headers)
            w.writerows([_cell_text(v) for v in row] for row in sh.rows)
        first = first or path
    return first


def write_md(memo: Memo, out: Path) -> Path:
    out.write_text(environment().get_template("memo.md.j2").render(memo=memo), encoding="utf-8")
    return out


def write_json(report: Report, out: Path) -> Path:
    out.write_text(json.dumps(report_to_json(report), ensure_ascii=False, indent=1), encoding="utf-8")
    return out

