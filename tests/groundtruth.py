"""Independent reader of the corpora .txt files: the tables as the text shows them.

Shares no code with the parser. A table starts at a line "表 N" / "表N" followed by its title line
(which may carry its own 附表N); its rows are the tab-separated lines until the next table. Each
page block starts at a 单位： caption; the rows before the block's first data row are header rows.
A data row has a figure, a code, or exactly one filled cell. The first data row of a continuation
block without figures or code completes the row above (a cell split over the page break).
Columns holding text start a side; a text column after figure columns starts a second side
(收支总表: income left, expense right); each side's rows are yielded separately, left side first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_LINE = re.compile(r"^表\s*\d+$")
_FIGURE = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(,\d{3})+$")
_DIGITS = re.compile(r"^\d+$")
_CODE_LABEL = re.compile(r"^(\d{3}|\d{5,9})(?!\d)\s*(?![年月日号])(\D.*)$")   # "2026年…" is no code


@dataclass(frozen=True)
class GTRow:
    code: str
    name: str                    # first text cell (label), code prefix removed
    texts: tuple[str, ...]       # further text cells (project name)
    amounts: tuple[str, ...]     # non-empty figure cells, in column order


@dataclass(frozen=True)
class GTTable:
    number: str                  # "表1"
    title: str
    rows: tuple[GTRow, ...]


def _is_figure(cell: str) -> bool:
    return bool(_FIGURE.match(cell.replace(" ", "")))


def _is_data(cells: list[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    return any(_is_figure(c) for c in filled) or bool(filled and _DIGITS.match(cells[0].strip())) or len(filled) == 1


def read_tables(path: str) -> list[GTTable]:
    lines = open(path, encoding="utf-8").read().split("\n")
    starts = [i for i, ln in enumerate(lines) if _NUMBER_LINE.match(ln.strip())]
    out = []
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        j = i + 1
        while not lines[j].strip():
            j += 1
        title = re.sub(r"^附表\s*\d+\s*", "", lines[j].strip())
        rows: list[list[str]] = []
        in_header, block = False, 0
        for ln in lines[j + 1:end]:
            if ln.startswith("单位："):
                in_header, block = True, block + 1
                continue
            if "\t" not in ln:
                if rows and ln.strip() and not ln.startswith("编制部门"):
                    break        # the sentence after the table (or the next part)
                continue
            cells = ln.split("\t")
            if in_header:
                if not _is_data(cells):
                    continue
                in_header = False
                if block > 1 and rows and not any(_is_figure(c) for c in cells) and not _DIGITS.match(cells[0].strip()):
                    prev = rows[-1]
                    rows[-1] = [p + c for p, c in zip(prev, cells + [""] * (len(prev) - len(cells)))]
                    continue
            rows.append(cells)
        out.append(GTTable(re.sub(r"\s+", "", lines[i]), title, tuple(_rows(rows))))
    return out


def _rows(rows: list[list[str]]) -> list[GTRow]:
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    text_cols = [j for j in range(width)
                 if any(r[j].strip() and not _is_figure(r[j]) and not _DIGITS.match(r[j].strip()) for r in rows)]
    sides = [j for j in text_cols if j == text_cols[0] or j - 1 not in text_cols]
    out = []
    for k, s in enumerate(sides):
        lo = 0 if k == 0 else s
        hi = sides[k + 1] if k + 1 < len(sides) else width
        for r in rows:
            part = r[lo:hi]
            if not any(c.strip() for c in part):
                continue
            first_text = s - lo
            code = "".join(c.strip() for c in part[:first_text] if _DIGITS.match(c.strip()))
            texts = [c.strip() for c in part[first_text:] if c.strip() and not _is_figure(c)]
            name = texts[0] if texts else ""
            m = _CODE_LABEL.match(name)
            if not code and m:
                code, name = m.group(1), m.group(2).strip()
            amounts = tuple(c.strip() for c in part[first_text:] if _is_figure(c))
            out.append(GTRow(code, name, tuple(texts[1:]), amounts))
    return out


def squash(s: str) -> str:
    """Whitespace removed: the .txt keeps spaces at wrap joins that the PDF's word gaps do not show."""
    return re.sub(r"\s+", "", s)


def assert_tables_equal(tables, gt: list[GTTable], label: str) -> None:
    """Parsed tables equal the ground truth: same tables in order; every row's code, name and printed
    amounts; the project names of a project table."""
    assert [squash(t.title) for t in tables] == [squash(g.title) for g in gt]
    for g, t in zip(gt, tables):
        got = [(r.code, squash(r.name), tuple(v.text for v in r.values if v is not None)) for r in t.rows]
        want = [(r.code, squash(r.name), r.amounts) for r in g.rows]
        assert got == want, f"{label} {g.number} {g.title}"
        if t.kind == "gpb_project":
            assert [squash(r.project) for r in t.rows] == [squash(r.texts[0]) if r.texts else "" for r in g.rows]
