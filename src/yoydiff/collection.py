"""A government's disclosures as filings: every file found, grouped by department, year and kind.

The grouping comes from the document model only (department name read from the title, the budget
units listed under 机构设置, the year, 预算/决算), never from file names. A department that publishes
one year as several files (narrative and tables apart) is one filing of several documents, merged
into one Document by `merge_documents`.

Two department names are one department when their normalised names are the same or one contains
the other or they list mostly the same budget units — but never when both names occur in the same
year and kind (then they are two departments that happen to be alike).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .cache import combined_key
from .core import WARN_NO_TABLES, Document, Indicator, Project, Row, SourceFile, Statement, Table, Unparsed
from .errors import Reason, reason
from .names import department_key, similarity, unit_key

SUFFIXES = (".pdf",)            # what the reader accepts (extended when it reads web pages and text)
NAME_LIKE = 0.85                # two department names this close are one department
UNITS_LIKE = Decimal("0.6")     # …and so are two names listing this share of the same budget units


def reader_suffixes() -> tuple[str, ...]:
    try:
        from .reader import SUFFIXES as accepted       # the reader's own list, once it has one
        return tuple(accepted)
    except ImportError:
        return SUFFIXES


def discover(dirs: list[str | Path], suffixes: tuple[str, ...] | None = None) -> list[Path]:
    """Every file with an accepted suffix under the folders (recursively; a file given itself counts)."""
    suffixes = tuple(s.lower() for s in (suffixes or reader_suffixes()))
    found: dict[str, Path] = {}
    for d in dirs:
        d = Path(d)
        items = [d] if d.is_file() else sorted(p for p in d.rglob("*") if p.is_file())
        for p in items:
            if p.suffix.lower() in suffixes and not p.name.startswith("."):
                found.setdefault(str(p.resolve()), p)
    return sorted(found.values(), key=lambda p: str(p))


@dataclass(frozen=True)
class Filing:
    """One department's disclosure of one year and kind: one Document, merged from one or more files."""

    department: str           # the name as printed (the longest spelling seen)
    key: str                  # the department's grouping key
    year: int
    kind: str
    document: Document
    paths: tuple[str, ...]


def _shift(obj, k: int):
    """A copy of a model object with every page number moved by k (the pages of a later file)."""
    if k == 0:
        return obj
    if isinstance(obj, Table):
        return dataclasses.replace(obj, pages=tuple(p + k for p in obj.pages),
                                   rows=tuple(dataclasses.replace(r, page=r.page + k) for r in obj.rows))
    if isinstance(obj, Project):
        return dataclasses.replace(obj, page=obj.page + k,
                                   narrative_page=None if obj.narrative_page is None else obj.narrative_page + k)
    if isinstance(obj, (Statement, Indicator, Unparsed, Row)):
        return dataclasses.replace(obj, page=obj.page + k)
    return obj


def merge_documents(docs: list[Document]) -> Document:
    """Several files of one department, year and kind as one Document.

    Pages are numbered through the files in order (the second file's page 1 follows the first file's
    last page); a warning says which pages are which file. Tables, statements, projects and indicators
    are put together; the printed unit is that of the file with tables.
    TODO(tables branch): replaced by reader.read_document(paths) once it merges at reading time."""
    if len(docs) == 1:
        return docs[0]
    docs = sorted(docs, key=lambda d: (-len(d.tables), d.path))
    offsets, k = [], 0
    for d in docs:
        offsets.append(k)
        k += d.page_count
    parts = "；".join(f"第 {o + 1}–{o + d.page_count} 页为 {Path(d.path).name}" for o, d in zip(offsets, docs))
    tokens = sum(d.numeric_tokens for d in docs)
    coverage = (sum((d.coverage * d.numeric_tokens for d in docs), Decimal(0)) / tokens) if tokens else Decimal(1)
    units = tuple(dict.fromkeys(u for d in docs for u in d.budget_units))
    with_tables = next((d for d in docs if d.tables), docs[0])

    def joined(attr):
        return tuple(_shift(x, o) for d, o in zip(docs, offsets) for x in getattr(d, attr))

    # which pages are which file (Document.locate: the memo's crops, its list of files)
    files = tuple(dataclasses.replace(f, first_page=f.first_page + o) for d, o in zip(docs, offsets)
                  for f in (d.files or (SourceFile(d.path, d.sha256, 1, d.page_count),)))

    return Document(
        path=" + ".join(d.path for d in docs),
        sha256=combined_key(d.sha256 for d in docs),       # the files in reading order, as cache.document_key
        department=max((d.department for d in docs), key=len),
        year=next((d.year for d in docs if d.year is not None), None),
        kind=with_tables.kind,
        unit=with_tables.unit,
        page_count=k,
        budget_units=units,
        tables=joined("tables"),
        statements=joined("statements"),
        projects=joined("projects"),
        indicators=joined("indicators"),
        unparsed=joined("unparsed"),
        coverage=coverage,
        numeric_tokens=tokens,
        warnings=(f"由 {len(docs)} 份文件合并：{parts}",)
                 + tuple(w for d in docs for w in d.warnings if not (d is not with_tables and w == WARN_NO_TABLES)),
        files=files,
    )


def _units(doc: Document) -> set[str]:
    return {unit_key(u) for u in doc.budget_units if unit_key(u)}


def _same_department(a: str, b: str, units_a: set[str], units_b: set[str]) -> bool:
    if a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)) or similarity(a, b) >= NAME_LIKE:
        return True
    if len(units_a) >= 2 and len(units_b) >= 2:
        return Decimal(len(units_a & units_b)) / Decimal(len(units_a | units_b)) >= UNITS_LIKE
    return False


def _part(doc: Document) -> str:
    """What a file holds: tables only, narrative only, or both."""
    if doc.tables and not doc.statements:
        return "tables"
    if doc.statements and not doc.tables:
        return "narrative"
    return "both"


def _clash(a: set, b: set) -> bool:
    """Two names published the same year and kind, and not as the two halves (tables, narrative) of one."""
    for year, kind, part in a:
        for y2, k2, p2 in b:
            if (year, kind) == (y2, k2) and {part, p2} != {"tables", "narrative"}:
                return True
    return False


def _totals(doc: Document) -> set[Decimal]:
    """The largest figure of each summary table (its 总计/合计, whether or not the row kept its label)."""
    out = set()
    for kind in ("overview", "income", "expense", "fiscal_overview", "gpb_expense"):
        t = doc.table(kind)
        values = [v.value for r in (t.rows if t else ()) for v in r.values if v is not None]
        if values and max(values) > 0:
            out.add(max(values))
    return out


def _complement(doc: Document, others: list[Document]) -> Document | None:
    """The one document of the same year and kind that is the other half of a file without a department
    name (its tables for a narrative, its narrative for tables), when a total the tables print is a figure
    the narrative states."""
    found = []
    for o in others:
        if o.year != doc.year or o.kind != doc.kind or {_part(doc), _part(o)} != {"tables", "narrative"}:
            continue
        tables, text = (doc, o) if _part(doc) == "tables" else (o, doc)
        stated = {s.amount.value for s in text.statements if s.amount is not None}
        if _totals(tables) & stated:
            found.append(o)
    return found[0] if len(found) == 1 else None


def group_documents(docs: list[Document]) -> tuple[list[Filing], list[tuple[str, Reason]]]:
    """Filings (sorted by department, kind, year) and the documents that could not be placed, with why.
    A file whose content is that of an earlier one (the same file twice, under another name or folder)
    is used once: read twice into one document, its figures would count twice."""
    placed: list[Document] = []
    nameless: list[Document] = []
    skipped: list[tuple[str, Reason]] = []
    first: dict[str, str] = {}          # content hash -> the first file with it
    for d in docs:
        if d.sha256 and first.setdefault(d.sha256, d.path) != d.path:
            skipped.append((d.path, reason("same_content", d.path, first=first[d.sha256])))
        elif d.year is None:
            skipped.append((d.path, reason("no_year", d.path)))
        elif not department_key(d.department) and not d.budget_units:
            nameless.append(d)
        else:
            placed.append(d)
    for d in nameless:
        home = _complement(d, placed)
        if home is None:
            skipped.append((d.path, reason("no_department", d.path)))
        else:
            placed.append(dataclasses.replace(d, department=home.department))
    # department keys, then keys of one department joined (union-find)
    names = {}
    for d in placed:
        k = department_key(d.department)
        names.setdefault(k, []).append(d)
    keys = sorted(names)
    parent = {k: k for k in keys}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen = {k: {(d.year, d.kind, _part(d)) for d in names[k]} for k in keys}
    units = {k: set().union(*(_units(d) for d in names[k])) for k in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            ra, rb = find(a), find(b)
            if ra == rb:
                continue
            if a and b and _clash(seen[a], seen[b]):
                continue            # both published the same year: two departments
            if _same_department(a, b, units[a], units[b]) if a and b else bool(units[a] & units[b]):
                if not ra:              # the nameless documents join a named department, never the reverse
                    ra, rb = rb, ra
                parent[rb] = ra
    groups: dict[tuple[str, int, str], list[Document]] = {}
    for k in keys:
        for d in names[k]:
            groups.setdefault((find(k), d.year, d.kind), []).append(d)
    filings = []
    for (root, year, kind), ds in groups.items():
        if not root:
            skipped += [(d.path, reason("no_department_units", d.path)) for d in ds]
            continue
        members = [k for k in keys if find(k) == root]
        name = max((d.department for k in members for d in names[k]), key=len)
        doc = merge_documents(ds)
        filings.append(Filing(name, root, year, kind, doc, tuple(sorted(d.path for d in ds))))
    filings.sort(key=lambda f: (f.key, f.kind, f.year))
    return filings, sorted(skipped, key=lambda pr: pr[0])


def departments(filings: list[Filing]) -> dict[str, list[Filing]]:
    out: dict[str, list[Filing]] = {}
    for f in filings:
        out.setdefault(f.key, []).append(f)
    return out


def consecutive_pairs(filings: list[Filing]) -> list[tuple[Filing, Filing]]:
    """(old, new) of one department and kind whose years follow each other."""
    out = []
    for a in filings:
        for b in filings:
            if a.key == b.key and a.kind == b.kind and b.year == a.year + 1:
                out.append((a, b))
    return out
