"""The change memo: a view model built from a Report, rendered to HTML (jinja2) and PDF (weasyprint).

The view model (`Memo`) is also what the exports tabulate, so every format shows the same figures.
"""
from __future__ import annotations

import logging
import re
import os
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..core import Document, Unparsed
from ..errors import InputError
from ..numbers import fmt_amount
from ..results import COMPARISONS, SEVERITIES, SEVERITY_RANK, Change, Finding, Match, Report
from ..totals import TOTAL_WORDS
from . import charts
from .fonts import cjk_font

SEVERITY_LABEL = {"error": "错误", "warning": "警告", "notice": "提示", "rounding": "舍入差异",
                  "insufficient": "数据不足"}
CHECK_LABEL = {"rate": "增长率", "direction": "增减方向", "zero-base": "零基数", "share": "占比",
               "sum": "合计", "cross-table": "表间一致", "narrative": "文表一致", "execution": "执行率",
               "unexplained": "变动原因", "prior": "上年数核对", "change": "变动", "lifecycle": "增减项目",
               "target": "绩效目标", "count": "数量",
               "catalogue": "科目编码"}
MATCH_LABEL = {"matched": "对应", "renamed": "更名", "re-coded": "科目调整", "merged": "合并", "split": "拆分",
               "new": "新增", "discontinued": "撤销", "review": "待核实"}
# Change sections shown as tables, in memo order, with their titles.
SECTIONS = (("functional", "按支出功能分类"), ("economic", "按支出经济分类"), ("income", "收入来源"),
            ("structure", "支出结构（合计、基本、项目及各类）"),
            ("three_public_table", "“三公”经费（预算表所列）"), ("three_public", "财政拨款“三公”经费（说明所列）"),
            ("operating", "机关运行经费"), ("procurement", "政府采购"), ("assets", "国有资产占用"))
SHOWN_ELSEWHERE = ("target", "lifecycle")   # in the indicator table and the line/project tables
BLOCKS = ("error", "warning")            # a block with evidence each; the other severities a table row each
MINUS = "−"
UNPARSED_CHARS = 60      # an unparsed snippet in the appendix is cut to this many characters


# ---------------------------------------------------------------- formatting

def signed(v: Decimal | None, minus: str = MINUS) -> str:
    """+1,234.00 / −1,234.00; blank for None."""
    if v is None:
        return ""
    if v == 0:
        return fmt_amount(v)
    return ("+" if v > 0 else minus) + fmt_amount(abs(v))


def pct_text(old: Decimal | None, new: Decimal | None, pct: Decimal | None = None, minus: str = MINUS) -> str:
    """Relative change; "新增" (or "—") when the base is 0 or missing: growth from nothing is undefined."""
    if old is None or old == 0:
        return "新增" if new else "—"
    if pct is None:
        pct = ((new or Decimal(0)) - old) * 100 / old
    q = pct.quantize(Decimal("0.01"))
    if q == 0:
        return "0.00%"
    return ("+" if q > 0 else minus) + f"{abs(q)}%"


def md_cell(text) -> str:
    """Text safe inside a markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _delta(old: Decimal | None, new: Decimal | None, change: Decimal | None) -> Decimal | None:
    if change is not None:
        return change
    if old is None and new is None:
        return None
    return (new or Decimal(0)) - (old or Decimal(0))


# ---------------------------------------------------------------- view model

@dataclass(frozen=True)
class DocInfo:
    role: str               # old / new
    label: str              # 2025年预算
    name: str
    pages: int
    sha256: str
    department: str
    coverage: Decimal
    unparsed: tuple[Unparsed, ...]
    warnings: tuple[str, ...]
    files: tuple[tuple[str, str, str], ...] = ()   # several files: (name, pages p.a–b, sha256) each

    @property
    def unparsed_by_page(self) -> list[tuple[int, list[str], list[str]]]:
        """(page, texts, distinct reasons): one appendix row per page."""
        pages: dict[int, tuple[list[str], list[str]]] = {}
        for u in self.unparsed:
            texts, reasons = pages.setdefault(u.page, ([], []))
            texts.append(_clip(u.text, UNPARSED_CHARS))
            kind = re.split(r"[:：]", u.reason, maxsplit=1)[0]   # the figures themselves are in the text
            if kind not in reasons:
                reasons.append(kind)
        return [(p, t, r) for p, (t, r) in sorted(pages.items())]


@dataclass(frozen=True)
class Line:
    """A row of old/new figures (a classification line, a source, a project)."""

    item: str
    code: str = ""
    old: Decimal | None = None
    new: Decimal | None = None
    change: Decimal | None = None
    pct: str = ""
    status: str = ""
    level: int = 0
    note: str = ""

    @property
    def decrease(self) -> bool:
        return self.change is not None and self.change < 0


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    severity: str
    check: str
    doc: str                # 2025年
    where: str              # 第 12 页 · 表5
    evidence: object = None  # evidence.Evidence: the source page crops (errors and warnings, when rendered)

    def __getattr__(self, name):   # the template reads the finding's own fields through the view
        return getattr(self.finding, name)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Memo:
    department: str
    title: str
    old: DocInfo | None
    new: DocInfo
    total: Line | None
    counts: tuple[tuple[str, str, int], ...]      # (severity, label, count)
    errors: tuple[FindingView, ...]
    top: tuple[Line, ...]
    all_findings: tuple[FindingView, ...]         # every finding, by severity (the exports list them all)
    findings: tuple[FindingView, ...]             # errors and warnings, errors first
    notices: tuple[FindingView, ...]
    lifecycle: int                                # lifecycle notices, shown in the line and project tables
    rounding: tuple[FindingView, ...]
    insufficient: tuple[FindingView, ...]
    targets: tuple[FindingView, ...]              # lowered performance targets
    sections: tuple[Section, ...]
    projects: tuple[Section, ...]                 # matched / changed / new / discontinued / merged & split
    units: tuple[Section, ...]
    warnings: tuple[str, ...]
    charts: dict
    comparison: str = ""                          # what the pair compares (results.COMPARISONS), "" for check
    kicker: str = "预算变动审查备忘录"               # the cover's kind of memo
    disclosure: str = "部门预算公开文件"              # what was compared, as the cover names it

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def _doc_label(doc: Document | None, fallback: str) -> str:
    if doc is None or doc.year is None:
        return fallback
    return f"{doc.year}年{doc.kind or ''}"


def doc_info(doc: Document, role: str) -> DocInfo:
    return DocInfo(role=role, label=_doc_label(doc, "上年" if role == "old" else "本年"),
                   name=" + ".join(os.path.basename(p) for p in doc.path.split(" + ")),     # every file's name
                   pages=doc.page_count, sha256=doc.sha256,
                   department=doc.department, coverage=doc.coverage,
                   unparsed=tuple(sorted(doc.unparsed, key=lambda u: u.page)), warnings=doc.warnings,
                   files=tuple((os.path.basename(f.path), f"第 {f.first_page}–{f.first_page + f.page_count - 1} 页",
                                f.sha256) for f in doc.files) if len(doc.files) > 1 else ())


def document_total(doc: Document | None) -> Decimal | None:
    """收入总计 of the overview table, else the 总计 of the income or expense table."""
    if doc is None:
        return None
    for kind in ("overview", "income", "expense"):
        t = doc.table_like(kind)
        if t is None:
            continue
        for word in TOTAL_WORDS:
            for r in t.rows:
                if not r.code and word in r.name.replace(" ", ""):
                    v = next((a for a in r.values if a is not None), None)
                    if v is not None:
                        return v.value
    return None


def line(c: Change) -> Line:
    d = _delta(c.old, c.new, c.change)
    return Line(item=c.item, code=c.code, old=c.old, new=c.new, change=d, pct=pct_text(c.old, c.new, c.pct),
                status=MATCH_LABEL.get(c.status, c.status) if c.status != "matched" else "", level=c.level)


def leaves(lines: list[Line]) -> list[Line]:
    """Rows with no child: coded rows by code prefix, uncoded rows by their order and level."""
    out = []
    for i, ln in enumerate(lines):
        if ln.code:
            child = any(o.code != ln.code and o.code.startswith(ln.code) for o in lines if o.code)
        else:
            child = i + 1 < len(lines) and lines[i + 1].level > ln.level
        if not child and not any(w in ln.item for w in TOTAL_WORDS):
            out.append(ln)
    return out


def _finding_view(f: Finding, labels: dict[str, str], evidence=None) -> FindingView:
    where = "，".join(x for x in (f"第 {f.page} 页" if f.page else "", f.location) if x)
    return FindingView(finding=f, severity=SEVERITY_LABEL.get(f.severity, f.severity),
                       check=CHECK_LABEL.get(f.check, f.check), doc=labels.get(f.doc, f.doc), where=where,
                       evidence=evidence)


def _match_line(m: Match) -> Line:
    old, new = " ＋ ".join(m.old), " ＋ ".join(m.new)
    notes = []
    if old and new and old != new:
        notes.append(f"原：{old}")
    if m.kind not in ("matched", "new", "discontinued") or m.score < 1:
        if m.reason:
            notes.append(m.reason)
        if m.kind not in ("new", "discontinued"):
            notes.append(f"相似度 {m.score:.2f}")
    unit = m.new_unit or m.old_unit
    if unit and m.what != "unit":
        notes.append(f"单位：{unit}")
    return Line(item=new or old, code=m.new_code or m.old_code, old=m.old_amount, new=m.new_amount,
                change=_delta(m.old_amount, m.new_amount, None), pct=pct_text(m.old_amount, m.new_amount),
                status=MATCH_LABEL.get(m.kind, m.kind), note="；".join(notes))


def _match_sections(matches: list[Match], titles: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Section, ...]:
    out = []
    for title, kinds in titles:
        rows = [m for m in matches if m.kind in kinds]
        if kinds == ("matched",):    # unchanged exact matches are not news; keep those whose amount moved
            rows = [m for m in rows if m.old_amount != m.new_amount]
        rows.sort(key=lambda m: -abs(_delta(m.old_amount, m.new_amount, None) or 0))
        out.append(Section(key=kinds[0], title=title, lines=tuple(_match_line(m) for m in rows)))
    return tuple(out)


PROJECT_GROUPS = (("金额变动的项目", ("matched",)), ("更名或调整科目的项目", ("renamed", "re-coded", "review")),
                  ("合并与拆分", ("merged", "split")), ("新增项目", ("new",)), ("撤销项目", ("discontinued",)))
UNIT_GROUPS = (("新增预算单位", ("new",)), ("撤销或合并的预算单位", ("discontinued", "merged")),
               ("更名的预算单位", ("renamed", "split", "review")))


MEMO_KIND = {"final": "决算变动", "execution": "预算执行"}


def _memo_kind(report: Report) -> str:
    if report.old is None:
        return "决算" if report.new.kind == "决算" else "预算变动"
    return MEMO_KIND.get(report.comparison, "预算变动")


def build(report: Report, font: str = "Noto Serif CJK SC", evidence: bool = False) -> Memo:
    """Everything the memo and the exports show, computed once from the report; `evidence`: with the
    source page crops of the errors and warnings (render.evidence), which the HTML and PDF show."""
    new, old = report.new, report.old
    labels = {"new": _doc_label(new, "本年"), "old": _doc_label(old, "上年")}
    department = new.department or (old.department if old else "")
    crops = {}
    if evidence:
        from .evidence import report_evidence
        crops = report_evidence(report, labels)
    views = sorted((_finding_view(f, labels, crops.get(i)) for i, f in enumerate(report.findings)),
                   key=lambda v: (SEVERITY_RANK.get(v.finding.severity, 99), v.finding.doc != "new",
                                  v.finding.page or 0))
    sections = []
    for key, title in SECTIONS:
        # tree order: uncoded rows (totals, sources) as given, then coded rows by code
        rows = sorted((line(c) for c in report.changes if c.section == key), key=lambda ln: (ln.code != "", ln.code))
        if rows:
            sections.append(Section(key=key, title=title, lines=tuple(rows)))
    functional = next((s.lines for s in sections if s.key == "functional"), ())
    pool = leaves(list(functional)) or [line(c) for c in report.changes]
    ranked = sorted((ln for ln in pool if ln.change), key=lambda ln: -abs(ln.change))
    t_old, t_new = document_total(old), document_total(new)
    total = None if t_new is None else Line(item="收入总计", old=t_old, new=t_new, change=_delta(t_old, t_new, None),
                                            pct=pct_text(t_old, t_new))
    income = next((s.lines for s in sections if s.key == "income"), ())
    mix = leaves(list(income))
    chart_bars = charts.change_bars([(f"{ln.code} {ln.item}".strip() if len(ln.code) <= 3 else ln.item, ln.change)
                                     for ln in ranked[:12]], font)
    chart_mix = charts.mix_bars([(labels["old"][:5], [(ln.item, ln.old or Decimal(0)) for ln in mix]),
                                 (labels["new"][:5], [(ln.item, ln.new or Decimal(0)) for ln in mix])], font) \
        if len(mix) >= 2 else ""        # one column (金额 of a table listing its sources as rows) is no mix
    projects = [m for m in report.matches if m.what == "project"]
    units = [m for m in report.matches if m.what == "unit"]
    return Memo(
        department=department,
        title=(f"{department}{new.year or ''}年度预算执行审查备忘录" if report.comparison == "execution" else
               f"{department}{labels['old'][:5] + '—' if old else ''}{labels['new'][:5]}"
               f"{_memo_kind(report)}审查备忘录"),
        comparison=COMPARISONS.get(report.comparison, ""),
        kicker=f"{_memo_kind(report)}审查备忘录",
        disclosure={"final": "部门决算公开文件", "execution": "部门预算、决算公开文件",
                    "mixed": "部门预算、决算公开文件"}.get(report.comparison,
                                                     "部门决算公开文件" if new.kind == "决算" else "部门预算公开文件"),
        old=doc_info(old, "old") if old else None, new=doc_info(new, "new"), total=total,
        counts=tuple((s, SEVERITY_LABEL[s], report.count(s)) for s in SEVERITIES),
        errors=tuple(v for v in views if v.finding.severity == "error"),
        top=tuple(ranked[:5]),
        all_findings=tuple(views),
        findings=tuple(v for v in views if v.finding.severity in BLOCKS and v.finding.check != "target"),
        notices=tuple(v for v in views if v.finding.severity == "notice" and v.finding.check not in SHOWN_ELSEWHERE),
        lifecycle=sum(1 for f in report.findings if f.check == "lifecycle" and f.severity not in BLOCKS),
        rounding=tuple(v for v in views if v.finding.severity == "rounding"),
        insufficient=tuple(v for v in views if v.finding.severity == "insufficient" and v.finding.check != "target"),
        targets=tuple(v for v in views if v.finding.check == "target"),
        sections=tuple(sections),
        projects=_match_sections(projects, PROJECT_GROUPS) if projects else (),
        units=_match_sections(units, UNIT_GROUPS) if units else (),
        warnings=report.warnings,
        charts={"bars": chart_bars, "mix": chart_mix},
    )


# ---------------------------------------------------------------- HTML and PDF

def templates_dir() -> Path:
    """templates/ of the source tree (editable install), else <prefix>/share/yoydiff/templates."""
    env = os.environ.get("YOYDIFF_TEMPLATES")
    candidates = [Path(__file__).resolve().parents[3] / "templates", Path(sys.prefix) / "share" / "yoydiff" / "templates"]
    for p in ([Path(env)] if env else []) + candidates:
        if (p / "memo.html.j2").is_file():
            return p
    raise InputError("memo templates not found (templates/memo.html.j2); set YOYDIFF_TEMPLATES")


def show_cells(quote: str) -> str:
    """A quoted table row (tab-separated cells) shown with visible gaps between its cells."""
    return re.sub(r"\t+", "\u2003\u2003", quote.strip("\t"))


def environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())),
                             autoescape=lambda name: name is None or name.endswith(".html.j2"),
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters.update(amt=fmt_amount, signed=signed, cell=md_cell, cells=show_cells)
    return env


def render_html(report: Report, font: str | None = None, memo: Memo | None = None, crop_src=None) -> str:
    """The memo as one HTML file; `crop_src(panel)` gives a crop's URL (a data URI by default, so
    the file stands alone)."""
    font = font or cjk_font()
    memo = memo or build(report, font, evidence=True)
    css = (templates_dir() / "memo.css").read_text(encoding="utf-8")
    return environment().get_template("memo.html.j2").render(memo=memo, css=css, font=font,
                                                             crop_src=crop_src or (lambda p: p.data_uri))


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render_pdf(report: Report, out: Path, font: str | None = None, memo: Memo | None = None) -> tuple[Path, list[str]]:
    """Write the memo PDF; returns the path and weasyprint's warnings (a missing glyph shows up there)."""
    from weasyprint import HTML

    from .evidence import SCHEME, fetcher
    memo = memo or build(report, font or cjk_font(), evidence=True)
    html = render_html(report, font, memo, crop_src=lambda p: SCHEME + p.key)
    handler = _Collect()
    log = logging.getLogger("weasyprint")
    log.addHandler(handler)
    try:
        HTML(string=html, base_url=str(templates_dir()), url_fetcher=fetcher(memo)).write_pdf(str(out))
    finally:
        log.removeHandler(handler)
    return out, handler.messages
