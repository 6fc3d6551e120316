"""The government at a glance, from a batch: departments ranked by error findings, each department's
totals old → new, the largest line and project changes across all departments, 预算 against 决算 where
both are published, and every file that could not be read. One view model (`build`), written as JSON,
xlsx and a PDF memo, so every format shows the same figures.

A department's totals are the 合计 of its 收入总表 (income) and 支出总表 (expense) total rows, in 万元.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .changes import change_of, three_public_total, total_row
from .core import Document
from .names import normalise
from .totals import TOTAL_WORDS

TOP = 30            # largest changes listed
CHANGE_SECTIONS = {"functional": "功能分类（项）", "project": "项目"}


def document_totals(doc: Document) -> dict[str, Decimal | None]:
    """收入总计 and 支出总计 (万元): the 合计 of the income (expense) table's total row — its only row without
    a code when it has one such row — else the 收入总计 / 支出总计 (…合计) row of the 收支总表."""
    out = {}
    for label, kind, word in (("income", "income", "收入"), ("expense", "expense", "支出")):
        t = doc.table(kind)
        v = None
        if t is not None and t.columns:
            row = total_row(t)
            uncoded = {tuple(r.values) for r in t.rows if not r.code}
            if row is None and len(uncoded) == 1:
                row = next(r for r in t.rows if not r.code)
            i = t.column_index("合计") or 0
            if row is not None and i < len(row.values) and row.values[i] is not None:
                v = row.values[i].value
        if v is None:
            v = _side_total(doc.table("overview"), word)
        out[label] = v
    return out


def _side_total(t, word: str) -> Decimal | None:
    """The figure of the 收支总表 row labelled 收入总计 (支出总计, …合计) — the one figure on that row."""
    if t is None:
        return None
    labels = {f"{word}总计", f"{word}合计"}
    for r in t.rows:
        if any(normalise(x).replace(":", "") in labels for x in (r.name, *(x for _, x in r.extra))):
            figures = [v for v in r.values if v is not None]
            if len(figures) == 1:
                return figures[0].value
    return None


def _total_label(item: str) -> bool:
    """A 合计/小计/收入总计 row taken for a line or project by the reader is no change of the government's."""
    t = normalise(item).strip("一二三四五六七八九十、,.:：")
    return any(t == w or t.endswith(w) and len(t) <= len(w) + 4 for w in TOTAL_WORDS)


def _relative(path: Path, root: Path | None) -> str:
    """A pair's report as a path inside the output folder (the overview moves with it)."""
    try:
        return path.relative_to(root).as_posix() if root is not None else str(path)
    except ValueError:
        return str(path)


def _s(v) -> str | None:
    return None if v is None else str(v)


@dataclass
class Overview:
    departments: list[dict]       # ranked
    changes: list[dict]           # largest line and project changes
    budget_vs_final: list[dict]
    unreadable: list[dict]
    counts: dict
    trends: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"version": 1, "counts": self.counts, "departments": self.departments, "trends": self.trends,
                "changes": self.changes, "budget_vs_final": self.budget_vs_final, "unreadable": self.unreadable}


def build(result) -> Overview:
    """The overview of a BatchResult (yoydiff.batch)."""
    by_dept: dict[str, list] = {}
    for f in result.filings:
        by_dept.setdefault(f.key, []).append(f)
    departments = []
    changes = []
    for key, filings in by_dept.items():
        name = max((f.department for f in filings), key=len)
        years = []
        for f in sorted(filings, key=lambda f: (f.kind, f.year)):
            t = document_totals(f.document)
            years.append({"year": f.year, "kind": f.kind, "income": _s(t["income"]), "expense": _s(t["expense"]),
                          "files": list(f.paths)})
        pairs = []
        errors = warnings = 0
        for (k, kind, oy, ny), data in sorted(result.pairs.items()):
            if k != key:
                continue
            fc = data["summary"]["findings"]
            errors += fc["error"]
            warnings += fc["warning"]
            old = next(f for f in filings if f.kind == kind and f.year == oy)
            new = next(f for f in filings if f.kind == kind and f.year == ny)
            to, tn = document_totals(old.document), document_totals(new.document)
            d, pct = change_of(to["expense"], tn["expense"])
            tpo, tpn = three_public_total(old.document.table("three_public")), three_public_total(new.document.table("three_public"))
            tpd, tpp = change_of(tpo, tpn) if tpo is not None and tpn is not None else (None, None)
            pairs.append({"kind": kind, "old_year": oy, "new_year": ny, "errors": fc["error"],
                          "warnings": fc["warning"], "expense_old": _s(to["expense"]), "expense_new": _s(tn["expense"]),
                          "change": _s(d), "pct": _s(pct), "three_public_old": _s(tpo), "three_public_new": _s(tpn),
                          "three_public_change": _s(tpd), "three_public_pct": _s(tpp),
                          "report": _relative(result.outputs[(k, kind, oy, ny)], result.outdir)})
            for c in data["changes"]:
                if c["section"] in CHANGE_SECTIONS and c["change"] not in (None, "0") and \
                        (c["section"] == "project" or c["level"] == 3) and not _total_label(c["item"]):
                    changes.append({"department": name, "kind": kind, "old_year": oy, "new_year": ny,
                                    "section": c["section"], "item": c["item"], "code": c["code"], "old": c["old"],
                                    "new": c["new"], "change": c["change"], "pct": c["pct"], "status": c["status"]})
        departments.append({"department": name, "key": key, "errors": errors, "warnings": warnings,
                            "years": years, "pairs": pairs})
    departments.sort(key=lambda d: (-d["errors"], -d["warnings"], d["key"]))
    for rank, d in enumerate(departments, start=1):
        d["rank"] = rank
    changes.sort(key=lambda c: (-abs(Decimal(c["change"])), c["department"], c["item"]))
    bvf = []
    for key, filings in sorted(by_dept.items()):
        for f in filings:
            if f.kind != "预算":
                continue
            final = next((g for g in filings if g.kind == "决算" and g.year == f.year), None)
            if final is None:
                continue
            tb, tf = document_totals(f.document), document_totals(final.document)
            d, pct = change_of(tb["expense"], tf["expense"])
            bvf.append({"department": f.department, "year": f.year, "budget_expense": _s(tb["expense"]),
                        "final_expense": _s(tf["expense"]), "difference": _s(d), "pct": _s(pct)})
    trends = [trend_entry(by_dept[key][0].department, kind, data, result.trend_outputs[(key, kind)], result.outdir)
              for (key, kind), data in sorted(result.trends.items())]
    counts = {"files": len(result.files), "filings": len(result.filings), "departments": len(departments),
              "pairs": len(result.pairs), "trends": len(trends), "unreadable": len(result.unreadable),
              "errors": sum(d["errors"] for d in departments)}
    return Overview(departments, changes[:TOP], bvf,
                    [{"path": p, "reason": r} for p, r in result.unreadable], counts, trends)


def trend_entry(department: str, kind: str, data: dict, path: Path, root: Path | None) -> dict:
    """One department's trend (its JSON, yoydiff.trend.trend_to_json) as the overview lists it: the years
    (and the gaps between them), the first and the last year's 支出总计 with the compound annual growth,
    the chained prior check's findings, and the trend's files."""
    years = data["years"]
    total = next((s for s in data["series"] if s["section"] == "totals" and s["item"] == "支出总计"), None)
    values = total["values"] if total else [None] * len(years)
    chained = data["chained_prior"]
    return {"department": department, "kind": kind, "years": years,
            "gaps": [[a, b] for a, b in zip(years, years[1:]) if b - a > 1],
            "expense_first": values[0], "expense_last": values[-1], "cagr": total["cagr"] if total else None,
            "chained_prior": len(chained), "chained_prior_errors": sum(f["severity"] == "error" for f in chained),
            "report": _relative(path, root), "memo": _relative(path.with_suffix(".pdf"), root)}


# ---------------------------------------------------------------- rendering

def _amount(v: str | None) -> str:
    from .numbers import fmt_amount
    return "" if v is None else fmt_amount(Decimal(v))


def _pct(v: str | None, old: str | None = None) -> str:
    if v is None:
        return "—" if old in (None, "0") else ""
    q = Decimal(v).quantize(Decimal("0.01"))
    return ("+" if q > 0 else "−" if q < 0 else "") + f"{abs(q)}%"


def _signed(v: str | None) -> str:
    if v is None:
        return ""
    d = Decimal(v)
    return ("+" if d > 0 else "−" if d < 0 else "") + _amount(str(abs(d)))


def trend_years(t: dict) -> str:
    """2017—2019 for consecutive years; every year, and each gap, when some are missing."""
    years = t["years"]
    if not t["gaps"]:
        return f"{years[0]}—{years[-1]}"
    return "、".join(map(str, years)) + "（" + "；".join(f"{a}→{b} 相隔 {b - a} 年，不作上年数核对"
                                                   for a, b in t["gaps"]) + "）"


def sheets(ov: Overview) -> list[tuple[str, list[str], list[list]]]:
    """(sheet name, headers, rows) — shared by the xlsx and the PDF memo."""
    rank = [[d["rank"], d["department"], d["errors"], d["warnings"],
             "；".join(f"{p['kind']}{p['old_year']}→{p['new_year']}" for p in d["pairs"]) or "无相邻年度"]
            for d in ov.departments]
    totals = []
    for d in ov.departments:
        for p in d["pairs"]:
            totals.append([d["department"], p["kind"], f"{p['old_year']}→{p['new_year']}", _amount(p["expense_old"]),
                           _amount(p["expense_new"]), _signed(p["change"]), _pct(p["pct"], p["expense_old"])])
        if not d["pairs"]:
            for y in d["years"]:
                totals.append([d["department"], y["kind"], str(y["year"]), "", _amount(y["expense"]), "", ""])
    three = [[d["department"], p["kind"], f"{p['old_year']}→{p['new_year']}", _amount(p.get("three_public_old")),
              _amount(p.get("three_public_new")), _signed(p.get("three_public_change")),
              _pct(p.get("three_public_pct"), p.get("three_public_old"))]
             for d in ov.departments for p in d["pairs"] if p.get("three_public_old") or p.get("three_public_new")]
    changes = [[c["department"], f"{c['old_year']}→{c['new_year']}", CHANGE_SECTIONS[c["section"]], c["code"],
                c["item"], _amount(c["old"]), _amount(c["new"]), _signed(c["change"]), _pct(c["pct"], c["old"])]
               for c in ov.changes]
    bvf = [[b["department"], b["year"], _amount(b["budget_expense"]), _amount(b["final_expense"]),
            _signed(b["difference"]), _pct(b["pct"], b["budget_expense"])] for b in ov.budget_vs_final]
    trends = [[t["department"], t["kind"], trend_years(t), _amount(t["expense_first"]), _amount(t["expense_last"]),
               _pct(t["cagr"], t["expense_first"]), f"{t['chained_prior_errors']} / {t['chained_prior']}", t["memo"]]
              for t in ov.trends]
    bad = [[u["path"], u["reason"]] for u in ov.unreadable]
    return [
        ("排名", ["名次", "部门", "错误", "警告", "比较年度"], rank),
        ("部门支出总额", ["部门", "类别", "年度", "上年（万元）", "本年（万元）", "增减", "增减率"], totals),
        ("“三公”经费", ["部门", "类别", "年度", "上年（万元）", "本年（万元）", "增减", "增减率"], three),
        ("最大变动", ["部门", "年度", "类别", "科目编码", "项目/科目", "上年", "本年", "增减", "增减率"], changes),
        ("逐年趋势", ["部门", "类别", "年度", "首年支出总计", "末年支出总计", "年均增长率", "上年数连续核对（错误/全部）",
                  "趋势报告"], trends),
        ("预算与决算", ["部门", "年度", "预算支出", "决算支出", "差额", "差额率"], bvf),
        ("无法读取的文件", ["文件", "原因"], bad),
    ]


def write_xlsx(ov: Overview, out: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    wb = Workbook()
    wb.remove(wb.active)
    for name, headers, rows in sheets(ov):
        ws = wb.create_sheet(name)
        ws.append(headers)
        for c in ws[1]:
            c.font = Font(bold=True)
        for r in rows:
            ws.append(r)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


CSS = """
@page { size: A4 landscape; margin: 14mm 12mm; @bottom-center { content: "第 " counter(page) " 页"; font-size: 8pt; } }
body { font-family: "%s"; font-size: 9pt; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; } h2 { font-size: 12pt; margin: 12pt 0 4pt 0; break-after: avoid; }
p.lead { margin: 0 0 6pt 0; color: #333; }
table { border-collapse: collapse; width: 100%%; margin-bottom: 6pt; }
th, td { border: 0.4pt solid #999; padding: 2pt 3pt; vertical-align: top; }
th { background: #e8eef5; font-weight: bold; }
td.n { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
"""


def render_html(ov: Overview, font: str) -> str:
    c = ov.counts
    body = ["<h1>部门预算公开批量审查概览</h1>",
            f"<p class='lead'>共 {c['files']} 份文件，{c['departments']} 个部门，{c['filings']} 份公开（多文件合并计为一份），"
            f"{c['pairs']} 组相邻年度比较，错误 {c['errors']} 项；{c['trends']} 项三年及以上的逐年趋势；无法读取或归组的文件 {c['unreadable']} 份。金额单位：万元。</p>"]
    for name, headers, rows in sheets(ov):
        body.append(f"<h2>{html.escape(name)}</h2>")
        if not rows:
            body.append("<p>无。</p>")
            continue
        body.append("<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in headers) + "</tr></thead><tbody>")
        for r in rows:
            cells = []
            for v in r:
                s = str(v)
                num = bool(s) and (s[0].isdigit() or s[0] in "+−-") and any(ch.isdigit() for ch in s) and not any(ch in s for ch in "→—、")
                cells.append(f"<td class='n'>{html.escape(s)}</td>" if num else f"<td>{html.escape(s)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        body.append("</tbody></table>")
    return f"<html><head><meta charset='utf-8'><style>{CSS % font}</style></head><body>{''.join(body)}</body></html>"


def write_pdf(ov: Overview, out: Path) -> Path:
    from weasyprint import HTML
    from .render.fonts import cjk_font
    out.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=render_html(ov, cjk_font())).write_pdf(str(out))
    return out
