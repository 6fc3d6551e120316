"""The 政府收支分类科目 catalogue: codes and the names printed for them, with the years each name was seen.

Two classifications, each a data file in the package (src/yoydiff/data/, made by scripts/catalogue_build.py
from the sources listed in the README): `functional` (支出功能分类科目: 类 3 digits 201–234, 款 5, 项 7)
and `economic` (支出经济分类科目: 部门预算 301…399 and 政府预算 501…599, 类 3 digits, 款 5). Every
entry was seen printed somewhere (a file and page, or a public page): the catalogue is a record of
observations, not the complete official list, so a code it does not know is unknown, never wrong.

Names are compared by `names.classification_key` (the one normaliser of classification names).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .names import classification_key

CLASSIFICATIONS = ("functional", "economic")
LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}
LEVEL_OF = {3: "类", 5: "款", 7: "项"}


@dataclass(frozen=True)
class NameSeen:
    """One name of a code, the years (editions) it was seen in and where."""

    name: str
    years: tuple[int, ...]
    sources: tuple[str, ...]

    @property
    def span(self) -> str:
        """'2017–2019' / '2025' — the years printed in findings."""
        lo, hi = self.years[0], self.years[-1]
        return str(lo) if lo == hi else f"{lo}–{hi}"


def classification_of(code: str) -> str | None:
    """'functional' / 'economic' for a well-formed code, None for anything else (wrong length, 1xx …)."""
    if not code.isdigit():
        return None
    if len(code) in (3, 5, 7) and code[0] == "2" and 201 <= int(code[:3]) <= 234:
        return "functional"
    if len(code) in (3, 5) and code[0] in "35" and code[1:3] != "00":
        return "economic"
    return None


def classification_column(codes) -> bool:
    """More than half of a table's codes are well-formed classification codes: a column of 科目, not of
    6-digit budget-unit or 3-digit department codes (whose codes are no 科目 to check or repair)."""
    codes = [c for c in codes if c]
    return 2 * sum(1 for c in codes if classification_of(c)) > len(codes)


def level_of(code: str) -> str:
    return LEVEL_OF.get(len(code), "")


@lru_cache(maxsize=None)
def _load() -> dict[str, tuple[NameSeen, ...]]:
    seen: dict[str, dict[str, tuple[set[int], set[str]]]] = {}
    for kind in CLASSIFICATIONS:
        text = resources.files("yoydiff").joinpath("data", f"{kind}.tsv").read_text(encoding="utf-8")
        rows = csv.reader((ln for ln in text.splitlines() if ln and not ln.startswith("#")), delimiter="\t")
        next(rows)                                  # header
        for code, name, year, source in rows:
            years, sources = seen.setdefault(code, {}).setdefault(name, (set(), set()))
            years.add(int(year))
            sources.add(source)
    return {code: tuple(sorted((NameSeen(n, tuple(sorted(y)), tuple(sorted(s))) for n, (y, s) in names.items()),
                               key=lambda ns: (ns.years[-1], ns.years[0], ns.name)))
            for code, names in seen.items()}


@lru_cache(maxsize=None)
def _by_key() -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for code, names in _load().items():
        for ns in names:
            out.setdefault(classification_key(ns.name), set()).add(code)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def is_known(code: str) -> bool:
    return code in _load()


def names(code: str) -> tuple[NameSeen, ...]:
    """Every name seen for the code, oldest first; () for an unknown code."""
    return _load().get(code, ())


def name_of(code: str, year: int | None = None) -> str | None:
    """The code's name in `year`: the name seen in that year, else in the nearest year (the later one
    on a tie); the latest name without a year; None for an unknown code."""
    found = names(code)
    if not found:
        return None
    if year is None:
        return found[-1].name

    def distance(ns: NameSeen) -> tuple[int, int]:
        d = min(abs(y - year) for y in ns.years)
        return d, -ns.years[-1]
    return min(found, key=distance).name


def name_matches(code: str, name: str) -> bool:
    """The printed name is one of the names seen for the code (after normalisation)."""
    key = classification_key(name)
    return bool(key) and any(classification_key(ns.name) == key for ns in names(code))


def lookup_name(name: str, level: str | None = None, prefix: str = "",
                classification: str | None = None) -> tuple[str, ...]:
    """The codes a name was seen for: at a level (类/款/项), under a prefix, in one classification."""
    codes = _by_key().get(classification_key(name), ())
    return tuple(c for c in codes
                 if (level is None or len(c) == LEVEL_DIGITS[level]) and c.startswith(prefix)
                 and (classification is None or classification_of(c) == classification))


def children(code: str) -> tuple[str, ...]:
    """The known codes one level below: 款 of a 类, 项 of a 款."""
    n = len(code) + 2
    return tuple(sorted(c for c in _load() if len(c) == n and c.startswith(code)))


def codes(classification: str | None = None) -> tuple[str, ...]:
    return tuple(sorted(c for c in _load() if classification is None or classification_of(c) == classification))


def superseded(code: str, name: str, year: int) -> NameSeen | None:
    """When the printed name is an older name of the code that another name had replaced by `year`
    (seen only before the other name was first seen, and `year` at or after that): the newer name."""
    key = classification_key(name)
    found = names(code)
    mine = [ns for ns in found if classification_key(ns.name) == key]
    if not mine:
        return None
    last_mine = max(ns.years[-1] for ns in mine)
    newer = [ns for ns in found if classification_key(ns.name) != key and ns.years[0] > last_mine
             and ns.years[0] <= year]
    return max(newer, key=lambda ns: ns.years[0]) if newer else None
