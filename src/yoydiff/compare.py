"""`check` one document, or `compare` two years of it, into a Report; and the Report as JSON (docs/json.md)."""
from __future__ import annotations

import time

from .cache import program_version
from .changes import all_changes
from .checks.lifecycle import check_lifecycle
from .checks.prior import check_prior
from .checks.targets import check_targets
from .core import Document
from .errors import bad_input
from .matching import match_documents
from .names import department_key, similarity
from .results import COMPARISONS, SEVERITY_RANK, Finding, Report
from .serialize import plain

JSON_VERSION = 1


def _document_checks(doc: Document, label: str) -> tuple[list[Finding], list[str]]:
    """The within-document checks (yoydiff.checks.run_document_checks), if they are installed."""
    try:
        from .checks import run_document_checks
    except ImportError:
        return [], ["文件内核对不可用（yoydiff.checks.run_document_checks）"]
    return list(run_document_checks(doc, label)), []


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (SEVERITY_RANK.get(f.severity, 9), f.doc != "new",
                                                 f.page if f.page is not None else 10 ** 6, f.check)))


def _missing_parts(doc: Document) -> list[str]:
    if not doc.tables:
        return [f"{doc.path}：未识别到预算公开表，仅核对了说明文字（表内合计、表间一致和文表一致核对需要表格）"]
    return []


def check(doc: Document) -> Report:
    """The document's own checks; no matching."""
    t0 = time.perf_counter()
    findings, warnings = _document_checks(doc, "new")
    return Report(new=doc, findings=_sorted(findings),
                  warnings=tuple(list(doc.warnings) + warnings + _missing_parts(doc)),
                  timings={"checks": time.perf_counter() - t0})


def comparison_of(old: Document, new: Document) -> str:
    """What a pair compares: budget / final / execution (the 预算 and the 决算 of one year) / mixed."""
    if old.kind == new.kind:
        return "final" if new.kind == "决算" else "budget"
    if old.kind == "预算" and new.kind == "决算" and old.year is not None and old.year == new.year:
        return "execution"
    return "mixed"


def refuse_pair(old: Document, new: Document) -> list[str]:
    """InputError for pairs that cannot be compared; warnings for pairs that can, with a caveat.

    Identical files are allowed (a document compared with itself gives no changes). Refusals are
    worded in errors.py (English on the command line, Chinese on the page); warnings go into the memo (Chinese)."""
    if old.sha256 and old.sha256 == new.sha256:
        return ["两份文件为同一文件：无变动，仅列示该文件自身的核对结果"]
    warnings = []
    ok, nk = department_key(old.department), department_key(new.department)
    if ok and nk and ok != nk and ok not in nk and nk not in ok:
        s = similarity(ok, nk)
        if s < 0.7:
            raise bad_input("different_departments", a=old.department, a_path=old.path, b=new.department, b_path=new.path)
        warnings.append(f"两份文件的部门名称不一致：{old.department}、{new.department}")
    elif not ok or not nk:
        warnings.append("一份文件的部门名称未能识别，按同一部门比较")
    if old.year is not None and new.year is not None:
        if old.year == new.year and {old.kind, new.kind} == {"预算", "决算"} and old.kind == "决算":
            raise bad_input("execution_order", year=new.year, first=new.path, second=old.path)
        if old.year == new.year and comparison_of(old, new) != "execution":
            raise bad_input("same_year", year=new.year, a_path=old.path, b_path=new.path)
        if new.year < old.year:
            raise bad_input("new_older", new=new.year, old=old.year)
        if new.year - old.year > 1:
            warnings.append(f"两份文件相隔 {new.year - old.year} 年：{new.year} 年文件所述“上年”数指 "
                            f"{new.year - 1} 年，而非 {old.year} 年，故不作上年数核对")
    else:
        warnings.append("一份文件的年度未能识别，按先旧后新的顺序比较")
    if old.kind and new.kind and old.kind != new.kind and comparison_of(old, new) != "execution":
        warnings.append(f"比较的是{old.kind}与{new.kind}，口径不同")
    return warnings


def years_apart(old: Document, new: Document) -> bool:
    """More than one year between the two documents: the new one's 上年 figures are of a year not published here."""
    return old.year is not None and new.year is not None and new.year - old.year > 1


def compare(old: Document, new: Document) -> Report:
    """Both documents' own checks, matching, changes and the cross-year checks."""
    warnings = refuse_pair(old, new)
    # A document compared with itself is matched and diffed like any pair (every item matches, every
    # change is 0); its 上年 figures are not about itself, so prior and target checks are left out.
    same_doc = bool(old.sha256) and old.sha256 == new.sha256
    comparison = comparison_of(old, new)
    timings = {}
    t0 = time.perf_counter()
    own_new, w1 = _document_checks(new, "new")
    own_old = [] if same_doc else _document_checks(old, "old")[0]
    t1 = time.perf_counter()
    matching = match_documents(old, new)
    t2 = time.perf_counter()
    changes = all_changes(old, new, matching)
    # lifecycle notices speak of 上年 / 本年 items; in a 预算执行 pair the 决算 is not a later year
    cross = check_lifecycle(matching) if comparison != "execution" else []
    # The 预算 and the 决算 of one year: the 决算's 上年 figures are not the 预算's, so no prior or target check;
    # nor across a gap of years: the new document's 上年 is a year the old one is not (no counterpart).
    if not same_doc and comparison != "execution" and not years_apart(old, new):
        cross += check_prior(old, new, matching) + check_targets(old, new)
    t3 = time.perf_counter()
    timings.update(checks=t1 - t0, matching=t2 - t1, changes_and_cross_checks=t3 - t2)
    findings = own_new + own_old + cross
    extra = [f"上年文件：{w}" for w in old.warnings] + [f"本年文件：{w}" for w in new.warnings]
    return Report(new=new, old=old, findings=_sorted(findings), matches=matching.all,
                  changes=tuple(changes), warnings=tuple(warnings + extra + w1 + _missing_parts(old) + _missing_parts(new)),
                  timings=timings, comparison=comparison)


# ---------------------------------------------------------------- JSON

def _document(doc: Document) -> dict:
    return {"path": doc.path, "sha256": doc.sha256, "department": doc.department, "year": doc.year,
            "kind": doc.kind, "unit": doc.unit, "page_count": doc.page_count,
            "budget_units": list(doc.budget_units), "tables": len(doc.tables), "statements": len(doc.statements),
            "projects": len(doc.projects), "indicators": len(doc.indicators), "coverage": str(doc.coverage),
            "warnings": list(doc.warnings)}


def report_to_json(report: Report) -> dict:
    """The report as plain JSON types; amounts as decimal strings in 万元 (see docs/json.md)."""
    counts = {s: report.count(s) for s in SEVERITY_RANK}
    kinds: dict[str, dict[str, int]] = {}
    for m in report.matches:
        kinds.setdefault(m.what, {}).setdefault(m.kind, 0)
        kinds[m.what][m.kind] += 1
    return {
        "version": JSON_VERSION,
        "program": program_version(),
        "command": "compare" if report.old is not None else "check",
        "comparison": report.comparison or None,
        "comparison_text": COMPARISONS.get(report.comparison),
        "old": _document(report.old) if report.old is not None else None,
        "new": _document(report.new),
        "summary": {"findings": counts, "matches": kinds, "changes": len(report.changes)},
        "findings": [plain(f) for f in report.findings],
        "matches": [plain(m) for m in report.matches],
        "changes": [plain(c) for c in report.changes],
        "warnings": list(report.warnings),
    }
