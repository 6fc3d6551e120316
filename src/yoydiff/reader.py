"""Read one disclosure PDF into a verified Document: the parsers in order, then coverage.

pdf.read_pages → parsers.tables → parsers.meta / narrative / projects / performance → coverage.
A web page (.html) or plain text (.txt) is laid out as pages by textpages.read_text_pages and read by the
same parsers, without tables (a saved page's tables are rows of text: the checks that need tables skip it).
A file is refused as "not a budget disclosure" only when it has no disclosure title, no budget table and no
statement with a figure of a budget (has_budget_statement).
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

from .core import Document, Unparsed
from .errors import InputError
from .numbers import normalise_digits
from .parsers.phrases import fold
from .pdf import Page, read_pages, sha256_of
from .parsers.codes import verify_codes
from .parsers.meta import document_kind, extract_meta
from .parsers.narrative import extract_statements
from .parsers.performance import extract_indicators
from .parsers.projects import extract_projects
from .parsers.tables import TableResult, extract_tables
from .textpages import is_text_input, read_text_pages

# A figure: a number with a decimal point or thousands separator, or any number followed by % / 元.
# Plain integers (years, item numbers, counts of people) are not figures.
FIGURE_RE = re.compile(
    r"(?<![\d.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+(?=\s*(?:%|％|万元|元|亿元)))(?![\d])")


def read_document(path: str | Path, password: str = "", workers: int | None = None) -> Document:
    path = str(path)
    text_input = is_text_input(path)
    if text_input:
        pages = read_text_pages(path)
        tables, code_repairs = TableResult((), (), (), {}, ""), ()
    else:
        pages = read_pages(path, password, workers)
        tables, code_repairs = verify_codes(extract_tables(pages))
    meta = extract_meta(pages)
    statements, narrative_unparsed = extract_statements(pages, tables.regions, tables.tables)
    if not meta.is_disclosure and not tables.tables and not has_budget_statement(statements):
        raise InputError(f"{path}: not a budget disclosure (no 部门预算/决算 title, no budget table and no "
                         "statement of a budget figure found)")
    projects = extract_projects(pages, tables.regions, tables.tables)
    indicators = extract_indicators(pages, tables.text_tables)
    unit = tables.unit or meta.unit or "万元"

    model_figures = _model_figures(tables, statements, projects, indicators)
    coverage, total, leftovers = _coverage(pages, model_figures)
    unparsed = tuple(tables.unparsed) + tuple(narrative_unparsed)
    reported = {(u.page, u.text) for u in unparsed}
    unparsed += tuple(u for u in leftovers if (u.page, u.text) not in reported)

    kind, kind_warning = document_kind(meta, [t.kind for t in tables.tables])
    warnings = [kind_warning] if kind_warning else []
    if text_input:
        warnings.append("read as text (web page or .txt): its tables, if any, were not read as tables; "
                        "only the statements were checked")
    elif not tables.tables:
        warnings.append("no budget tables found: only the narrative was checked")
    if meta.year is None:
        warnings.append("the budget year could not be read from the title")
    if not meta.department:
        warnings.append("the department name could not be read from the title")
    return Document(
        path=path,
        sha256=sha256_of(path),
        department=meta.department,
        year=meta.year,
        kind=kind,
        unit=unit,
        page_count=len(pages),
        budget_units=meta.budget_units,
        tables=tables.tables,
        statements=statements,
        projects=projects,
        indicators=indicators,
        unparsed=tuple(sorted(unparsed, key=lambda u: u.page)),
        coverage=coverage,
        numeric_tokens=total,
        warnings=tuple(warnings),
        code_repairs=code_repairs,
    )


# Words of a budget statement: a figure next to none of them (a population, a GDP, a price) is not one.
_BUDGET_WORDS_RE = re.compile(r"预算|决算|经费|支出|收入|拨款|三公|财政|结转|结余")


def has_budget_statement(statements) -> bool:
    """At least one statement gives an amount, change, rate or share of a budget item."""
    return any((s.amount or s.change or s.rate or s.share) is not None
               and _BUDGET_WORDS_RE.search(fold(s.quote + s.subject + s.section)) for s in statements)


def _key(text: str) -> str:
    """A printed figure without separators and sign of percent: '1,393.60' -> '1393.60'."""
    return normalise_digits(text).replace(",", "").replace(" ", "").rstrip("%").strip()


def _figures(text: str):
    return [m.group(1) for m in FIGURE_RE.finditer(normalise_digits(text))]


def _model_figures(tables, statements, projects, indicators) -> dict[int, Counter]:
    """Every printed figure the model holds: page -> Counter of printed figures (separators removed)."""
    c: dict[int, Counter] = {}

    def add(page: int | None, text: str) -> None:
        if page is not None:
            c.setdefault(page, Counter())[_key(text)] += 1

    for t in tables.tables:
        for r in t.rows:
            for v in r.values:
                if v is not None:
                    add(r.page, v.text)
            for _label, text in r.extra:
                for f in _figures(text):
                    add(r.page, f)
    for tt in tables.text_tables:
        for cells, page in zip(tt.rows, tt.row_pages):
            for cell in cells:
                for f in _figures(cell):
                    add(page, f)
    for s in statements:       # a statement may run over a page break
        for f in _figures(s.quote):
            add(s.page, f)
            add(s.page + 1, f)
    for p in projects:
        if p.amount is not None:
            add(p.page, p.amount.text)
        texts = [p.scale, p.allocation, p.period, p.basis] + [v for _k, v in p.details]
        for f in (f for text in texts for f in _figures(text)):
            add(p.narrative_page, f)
            add(p.narrative_page and p.narrative_page + 1, f)
    for i in indicators:
        for f in (f for text in (i.target, i.previous) for f in _figures(text)):
            add(i.page, f)
    return c


_TAIL_RE = re.compile(r"\d[\d,.]*$")
_HEAD_RE = re.compile(r"^[\d,.]*\d")


def _coverage(pages: list[Page], model: dict[int, Counter]) -> tuple[Decimal, int, list[Unparsed]]:
    """Share of the figures printed on the pages that ended in the model; the rest, per line.

    A figure wrapped over a line break ("下降 2" / "1.36%", "1,150.0" / "0") counts once, as the
    joined figure, when the model holds it; a narrow cell wrapped mid-number ("29,098.7" over "8",
    the "8" not at a line start) counts when the model holds a figure it begins."""
    total = hit = 0
    left: list[Unparsed] = []
    for page in pages:
        remaining = Counter(model.get(page.number, ()))
        printed = [k for k in remaining if k]
        lines = [normalise_digits(ln.text).rstrip() for ln in page.lines]
        matches = [list(FIGURE_RE.finditer(t)) for t in lines]
        consumed: set[tuple[int, int]] = set()     # (line, match start) already counted
        for i, text in enumerate(lines):
            tail = _TAIL_RE.search(text)
            head = _HEAD_RE.match(lines[i + 1]) if i + 1 < len(lines) else None
            if tail and head:
                joined = _key(tail.group(0) + head.group(0))
                if remaining[joined] > 0:
                    remaining[joined] -= 1
                    total += 1
                    hit += 1
                    consumed |= {(i, m.start()) for m in matches[i] if m.end() == len(text)}
                    consumed |= {(i + 1, m.start()) for m in matches[i + 1] if m.start() == 0}
            missed = []
            for m in matches[i]:
                if (i, m.start()) in consumed:
                    continue
                total += 1
                k = _key(m.group(1))
                if remaining[k] > 0:
                    remaining[k] -= 1
                    hit += 1
                elif "." in k and any(p.startswith(k) and len(p) > len(k) for p in printed):
                    hit += 1
                else:
                    missed.append(m.group(1))
            if missed:
                left.append(Unparsed(page.number, page.lines[i].text,
                                     "数字未纳入任何表格或陈述：" + "、".join(missed)))
    cov = Decimal(hit) / Decimal(total) if total else Decimal(1)
    return cov, total, left
