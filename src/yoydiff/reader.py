"""Read one disclosure PDF into a verified Document: the parsers in order, then coverage.

pdf.read_pages → parsers.tables → parsers.meta / narrative / projects / performance → coverage.
A web page (.html) or plain text (.txt) is laid out as pages by textpages.read_text_pages and read by the
same parsers, without tables (a saved page's tables are rows of text: the checks that need tables skip it).
A file is refused as "not a budget disclosure" only when it has no disclosure title, no budget table and no
statement with a figure of a budget (has_budget_statement).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from .cache import combined_key
from .core import (WARN_NO_DEPARTMENT, WARN_NO_TABLES, WARN_NO_YEAR, WARN_TEXT_INPUT, Document, SourceFile,
                   Unparsed)
from .errors import bad_input
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


def read_document(paths: str | Path | Sequence[str | Path], password: str = "",
                  workers: int | None = None) -> Document:
    """One disclosure from one PDF or from several (the narrative and the tables published apart,
    or 部门 and 单位 documents). Pages are numbered on across the files in the order given;
    Document.files says which pages came from which file (Document.locate). Tables never run on
    from one file into the next."""
    paths = [str(paths)] if isinstance(paths, (str, Path)) else [str(p) for p in paths]
    if not paths:
        raise bad_input("no_file")
    if len(set(paths)) < len(paths):
        raise bad_input("same_file_twice", paths=", ".join(paths))
    pages: list[Page] = []
    files: list[SourceFile] = []
    parts = []
    text_input = False
    for path in paths:
        if is_text_input(path):     # a web page or .txt: its statements only (textpages.py)
            mine = [replace(p, number=len(pages) + p.number) for p in read_text_pages(path)]
            parts.append(TableResult((), (), (), {}, ""))
            text_input = True
        else:
            mine = read_pages(path, password, workers, first=len(pages) + 1)
            parts.append(extract_tables(mine))
        files.append(SourceFile(path, sha256_of(path), len(pages) + 1, len(mine)))
        pages += mine
    tables, code_repairs = verify_codes(_merged(parts))
    path = " + ".join(paths)
    meta = extract_meta(pages)
    statements, narrative_unparsed = extract_statements(pages, tables.regions, tables.tables)
    if not meta.is_disclosure and not tables.tables and not has_budget_statement(statements):
        raise bad_input("not_disclosure", path)
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
        warnings.append(WARN_TEXT_INPUT)
    elif not tables.tables:
        warnings.append(WARN_NO_TABLES)
    if meta.year is None:
        warnings.append(WARN_NO_YEAR)
    if not meta.department:
        warnings.append(WARN_NO_DEPARTMENT)
    return Document(
        path=path,
        sha256=combined_key(f.sha256 for f in files),
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
        files=tuple(files),
    )


# Words of a budget statement: a figure next to none of them (a population, a GDP, a price) is not one.
_BUDGET_WORDS_RE = re.compile(r"预算|决算|经费|支出|收入|拨款|三公|财政|结转|结余")


def has_budget_statement(statements) -> bool:
    """At least one statement gives an amount, change, rate or share of a budget item."""
    return any((s.amount or s.change or s.rate or s.share) is not None
               and _BUDGET_WORDS_RE.search(fold(s.quote + s.subject + s.section)) for s in statements)


def _merged(parts: list[TableResult]) -> TableResult:
    """The table results of several files as one (pages are numbered on across files already)."""
    if len(parts) == 1:
        return parts[0]
    regions: dict = {}
    for r in parts:
        regions.update(r.regions)
    return TableResult(tuple(t for r in parts for t in r.tables), tuple(t for r in parts for t in r.text_tables),
                       tuple(u for r in parts for u in r.unparsed), regions,
                       next((r.unit for r in parts if r.tables and r.unit), ""))


_PUNCT = "，。；：、,;:（）()“”\"'"


def _window(flat_line: str, figure: str) -> tuple[str, ...]:
    """The figure with the two characters before it as the squashed line prints them (the end of
    its subject: 会议费支出35.50); at the start of a line or of a clause, with the characters after
    it up to the clause's end. A statement quoting this is the statement of this very figure."""
    f = _squash(figure)
    at = flat_line.find(f)
    if at < 0:
        return (f,)
    left = flat_line[max(0, at - 2):at]
    left = left[max((left.rfind(c) for c in _PUNCT), default=-1) + 1:]
    if left:
        return (left + f,)
    right = flat_line[at + len(f):at + len(f) + 2]
    right = right[:min((i for i, c in enumerate(right) if c in _PUNCT), default=len(right))]
    return (f + right,)


def _key(text: str) -> str:
    """A printed figure without separators and sign of percent: '1,393.60' -> '1393.60'."""
    return normalise_digits(text).replace(",", "").replace(" ", "").rstrip("%").strip()


def _figures(text: str):
    return [m.group(1) for m in FIGURE_RE.finditer(normalise_digits(text))]


@dataclass(eq=False)
class _Held:
    """One figure the model holds, with where it holds it: the row's y range on its page (a table
    cell), the quote of the statement (a narrative figure), or neither (a project or indicator
    field: the page only)."""

    key: str
    span: tuple[float, ...] = ()
    quote: str = ""
    used: bool = False


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", normalise_digits(text))


def _model_figures(tables, statements, projects, indicators) -> dict[int, list[_Held]]:
    """Every printed figure the model holds: page -> the figures held on it, with their positions."""
    c: dict[int, list[_Held]] = {}

    def add(page: int | None, text: str, span: tuple = (), quote: str = "", also: int | None = None) -> None:
        if page is not None:
            h = _Held(_key(text), span, quote)
            c.setdefault(page, []).append(h)
            if also is not None:           # the same figure, findable on the next page too
                c.setdefault(also, []).append(h)

    for t in tables.tables:
        for r in t.rows:
            for v in r.values:
                if v is not None:
                    add(r.page, v.text, r.span)
            for _label, text in r.extra:
                for f in _figures(text):
                    add(r.page, f, r.span)
    for tt in tables.text_tables:
        for cells, page in zip(tt.rows, tt.row_pages):
            for cell in cells:
                for f in _figures(cell):
                    add(page, f)
    for s in statements:       # a statement may run over a page break
        quote = _squash(s.quote)
        for f in _figures(s.quote):
            add(s.page, f, quote=quote, also=s.page + 1)
    for p in projects:
        if p.amount is not None:
            add(p.page, p.amount.text)
        texts = [p.scale, p.allocation, p.period, p.basis] + [v for _k, v in p.details]
        for f in (f for text in texts for f in _figures(text)):
            add(p.narrative_page, f, also=p.narrative_page and p.narrative_page + 1)
    for i in indicators:
        for f in (f for text in (i.target, i.previous) for f in _figures(text)):
            add(i.page, f)
    return c


_TAIL_RE = re.compile(r"\d[\d,.]*$")
_HEAD_RE = re.compile(r"^[\d,.]*\d")


def _coverage(pages: list[Page], model: dict[int, list[_Held]]) -> tuple[Decimal, int, list[Unparsed]]:
    """Share of the figures printed on the pages that ended in the model at their own place; the rest,
    per line. A figure printed in a table counts only when a row holding it covers its line (same
    page, same row), a narrative figure only when a statement quotes it with its neighbouring
    characters; figures the model keeps without a position (project and indicator fields) count
    on their page.

    A figure wrapped over a line break ("下降 2" / "1.36%", "1,150.0" / "0") counts once, as the
    joined figure, when the model holds it; a narrow cell wrapped mid-number ("29,098.7" over "8",
    the "8" not at a line start) counts when the model holds a figure it begins, in that row."""
    total = hit = 0
    left: list[Unparsed] = []
    for page in pages:
        held = model.get(page.number, [])
        lines = [normalise_digits(ln.text).rstrip() for ln in page.lines]
        flat = [_squash(t) for t in lines]
        matches = [list(FIGURE_RE.finditer(t)) for t in lines]
        consumed: set[tuple[int, int]] = set()     # (line, match start) already counted

        def take(key: str, i: int, m=None, prefix: bool = False) -> bool:
            ln = page.lines[i]
            y = (ln.top + ln.bottom) / 2
            window = _window(flat[i], m.group(1)) if m is not None else ()
            best = None
            for h in held:
                if h.used or not (h.key == key or (prefix and h.key.startswith(key) and len(h.key) > len(key))):
                    continue
                if h.span:
                    ok = h.span[0] - 2 <= y <= h.span[1] + 2
                elif h.quote:
                    ok = not window or any(w in h.quote for w in window)
                else:
                    ok = True
                if ok:
                    best = h
                    break
            if best is None:
                return False
            if not prefix:
                best.used = True
            return True

        for i, text in enumerate(lines):
            tail = _TAIL_RE.search(text)
            head = _HEAD_RE.match(lines[i + 1]) if i + 1 < len(lines) else None
            if tail and head and take(_key(tail.group(0) + head.group(0)), i):
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
                if take(k, i, m) or ("." in k and take(k, i, m, prefix=True)):
                    hit += 1
                else:
                    missed.append(m.group(1))
            if missed:
                left.append(Unparsed(page.number, page.lines[i].text,
                                     "数字未纳入任何表格或陈述：" + "、".join(missed)))
    cov = Decimal(hit) / Decimal(total) if total else Decimal(1)
    return cov, total, left
