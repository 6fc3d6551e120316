"""Functional codes of narrative subjects: 「社会保障和就业支出（类）…（款）行政运行（项）」 → "2080101".

The names are looked up in the coded rows of the document's own tables, level by level (类 3
digits, 款 5, 项 7), exactly after normalisation and otherwise by a close fuzzy match that is
the single best one. Where the tables do not settle it, the 政府收支分类科目 catalogue is asked
(exact names only, level by level): a code is taken only when exactly one functional code fits.
A subject that cannot be pinned to one code gets None, never a guess.
"""
from __future__ import annotations

import re
from rapidfuzz import fuzz

from .. import catalogue
from ..core import Table
from ..names import row_name_key
from .phrases import fold

LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}
_PART_RE = re.compile(r"(?P<name>[^（）()]+?)\s*[（(]\s*(?P<level>[类款项])\s*[)）]")
FUZZY_MIN = 75


def subject_parts(subject: str) -> list[tuple[str, str]]:
    """[(name, 类/款/项), …] as written; [] when the subject names no level."""
    return [(m.group("name").strip(" ：:、，,"), m.group("level")) for m in _PART_RE.finditer(fold(subject))]


def _functional(code: str) -> bool:
    """支出功能分类 codes: 类 2xx with 款 and 项 (economic 3xx and 5xx codes are another tree)."""
    return code.isdigit() and len(code) in (3, 5, 7) and code.startswith("2")


_last: list = [None, {}]     # the tables of the last call and their index (one document at a time)


def code_names(tables: tuple[Table, ...]) -> dict[str, frozenset[str]]:
    """Every functional code in the tables with the normalised names printed for it."""
    if _last[0] is not tables:
        names: dict[str, set[str]] = {}
        for t in tables:
            for r in t.rows:
                if _functional(r.code) and r.name:
                    names.setdefault(r.code, set()).add(row_name_key(r.name))
        _last[:] = [tables, {c: frozenset(n) for c, n in names.items()}]
    return _last[1]


def _best(name: str, codes: dict[str, frozenset[str]], digits: int, prefix: str) -> str | None:
    cands = {c: n for c, n in codes.items() if len(c) == digits and c.startswith(prefix)}
    key = row_name_key(name)
    exact = [c for c, n in cands.items() if key in n]
    if len(exact) == 1:
        return exact[0]
    if exact:
        return None
    scored = sorted(((max(fuzz.ratio(key, x) for x in n), c) for c, n in cands.items()), reverse=True)
    if scored and scored[0][0] >= FUZZY_MIN and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    return None


def resolve_code(subject: str, tables: tuple[Table, ...]) -> str | None:
    """The document's tables first; the catalogue where they do not settle the subject."""
    return _from_tables(subject, tables) or catalogue_code(subject)


def catalogue_code(subject: str) -> str | None:
    """The one functional code the catalogue has for the subject's names, level by level.

    The catalogue holds what was seen printed, not every code, so a name is trusted only where the
    classification makes it unique: a 类 name on its own (the catalogue holds the 30 类 of the 2026 edition), a
    款 under the 类 and a 项 under the 款 the subject itself names. None otherwise."""
    parts = subject_parts(subject)
    if not parts:
        found = catalogue.lookup_name(fold(subject).strip(" ：:、，,"), "类", "", "functional")
        return found[0] if len(found) == 1 else None
    prefix = ""
    for name, level in parts:
        digits = LEVEL_DIGITS[level]
        if len(prefix) != digits - 2 and digits > 3:
            return None                   # the parent level was not named (or not found)
        found = catalogue.lookup_name(name, level, prefix, "functional")
        if len(found) != 1:
            return None
        prefix = found[0]
    return prefix or None


def _from_tables(subject: str, tables: tuple[Table, ...]) -> str | None:
    codes = code_names(tables)
    if not codes:
        return None
    parts = subject_parts(subject)
    if not parts:
        exact = [c for c, n in codes.items() if row_name_key(subject) in n]
        return exact[0] if len(exact) == 1 else None
    prefix, found = "", None
    for name, level in parts:
        code = _best(name, codes, LEVEL_DIGITS[level], prefix)
        if code is None and level == parts[-1][1]:
            return None
        if code is not None:
            prefix, found = code, code
    return found if found and len(found) == LEVEL_DIGITS[parts[-1][1]] else None
