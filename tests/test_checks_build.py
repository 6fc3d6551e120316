"""Builders for hand-made Documents used by the check tests (figures copied from the corpora)."""
from __future__ import annotations

from decimal import Decimal

from yoydiff.core import Column, Document, Project, Row, Statement, Table
from yoydiff.numbers import Amount, Percent

RATE_WORDS = {"增加": "增长", "减少": "下降", "持平": "持平"}


def a(text: str | None, unit: str = "万元") -> Amount | None:
    return None if text is None or text == "" else Amount.parse(text, unit)


def st(subject: str, amount: str | None = None, change: str | None = None, direction: str | None = None,
       rate: str | None = None, rate_direction: str | None = None, page: int = 20, **kw) -> Statement:
    if rate_direction is None and rate is not None and direction is not None:
        rate_direction = RATE_WORDS[direction]
    quote = kw.pop("quote", f"{subject}{amount or ''}万元，{direction or ''}{change or ''}万元，{rate_direction or ''}{rate or ''}")
    return Statement(subject=subject, code=kw.pop("code", None), amount=a(amount), page=page, quote=quote,
                     change=a(change), direction=direction, rate=Percent.parse(rate) if rate else None,
                     rate_direction=rate_direction, **kw)


def row(code: str, name: str, *values: str | None, page: int = 10, group: str = "", project: str = "",
        unit: str = "万元") -> Row:
    digits = code.replace(" ", "")
    parts = tuple(p for p in code.split(" ") if p) if " " in code else ((digits,) if digits else ())
    return Row(code=digits, code_parts=parts, name=name, values=tuple(a(v, unit) for v in values), page=page,
               group=group, project=project)


def table(kind: str, number: str, columns: list[tuple[str, ...]], rows: list[Row], unit: str = "万元") -> Table:
    return Table(kind=kind, number=number, title=number, unit=unit, columns=tuple(Column(c) for c in columns),
                 rows=tuple(rows), pages=tuple(sorted({r.page for r in rows})) or (1,))


def doc(tables=(), statements=(), projects=(), kind: str = "预算") -> Document:
    return Document(path="t.pdf", sha256="", department="d", year=2025, kind=kind, unit="万元", page_count=30,
                    budget_units=(), tables=tuple(tables), statements=tuple(statements),
                    projects=tuple(projects), indicators=(), unparsed=(), coverage=Decimal(1))


def project(name: str, amount: str, unit: str = "u", code: str = "") -> Project:
    return Project(name=name, unit=unit, code=code, amount=a(amount), page=25)


def test_builders_keep_printed_figures():
    r = row("208 05 01", "行政单位离退休", "344.97", None)
    assert r.code == "2080501" and r.code_parts == ("208", "05", "01") and r.values[1] is None
    s = st("基本支出", "14,197.84", "2,084.09", "增加", "17.20%")
    assert s.rate.text == "17.20%" and s.rate_direction == "增长" and s.amount.value == Decimal("14197.84")
