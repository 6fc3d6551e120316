#!/usr/bin/env python3
"""Regenerate src/yoydiff/data/functional.tsv and economic.tsv (the 政府收支分类科目 catalogue).

Every line of the output is one observation: a code, the name printed for it, the year of the edition
it was printed in, and where it was seen. Nothing is invented: the sources are

1. the real and reconstructed disclosures in corpora/ read with `pdftotext -layout` (poppler-utils),
   independently of the project's own table parser: corpora/real-pdf/jiangsu/*.pdf (2017–2019; the
   held-out js-jcy-* files are NOT read) — a coded row is a line that starts with a 3/5/7-digit code
   (or 类 | 款 | 项 printed apart: `208 05 01`), then the name, then figures;
2. the text files the corpora PDFs were rendered from (corpora/urumqi/*.txt 2025/2026,
   corpora/deptb/*.txt 2024/2025): tab-separated 类/款/项 cells, and `2100408 基本公共卫生服务` cells;
3. scripts/catalogue_sources/public.tsv: code/name pairs read from public pages found with the
   project's search tool (URL and edition year on every line; see that file's header).

A name that is the beginning of a longer name printed for the same code in the same file is a name
cut by a line wrap and is dropped. Run: `.venv/bin/python scripts/catalogue_build.py` (prints counts).
"""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "yoydiff" / "data"
PUBLIC = ROOT / "scripts" / "catalogue_sources" / "public.tsv"
JIANGSU = ROOT / "corpora" / "real-pdf" / "jiangsu"
HELD_OUT = ("js-jcy-",)          # corpora/HOLDOUT.md: never read for tuning or data
TEXTS = [(ROOT / "corpora" / "urumqi" / "urumqi-hrss-2026.txt", 2026, "real"),
         (ROOT / "corpora" / "urumqi" / "urumqi-hrss-2025-reconstructed.txt", 2025, "reconstructed"),
         (ROOT / "corpora" / "deptb" / "2024.txt", 2024, "fictional department, real codes"),
         (ROOT / "corpora" / "deptb" / "2025.txt", 2025, "fictional department, real codes")]

NAME = r"[\u4e00-\u9fff（）()、“”\"·\-—]+[\u4e00-\u9fff）)]"
FIGURE = r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?"
# a coded row of a layout text: code (joined or as 类 款 项), name, at least one figure after two spaces
ROW = re.compile(rf"^\s*(?P<code>\d{{3}}(?:\s?\d{{2}}){{0,2}})\s+(?P<name>{NAME})(?:\s{{2,}}|\s*$)(?P<rest>.*)$")
UNIT_WORD = re.compile(r"^(万元|元|亿元|个|人|辆|家|项|次)")    # 「320 万元」 is an amount, not a code
CODE_CELL = re.compile(rf"^(?P<code>\d{{3}}|\d{{5}}|\d{{7}})\s*(?P<name>{NAME})$")
CELL = re.compile(rf"(?<!\d)(?P<code>2\d{{6}})\s*(?P<name>{NAME})")


def classification(code: str) -> str | None:
    """functional (支出功能分类, 类 201–234) or economic (部门预算 3xx, 政府预算 5xx); None otherwise."""
    if not code.isdigit() or len(code) not in (3, 5, 7):
        return None
    if code[0] == "2" and 201 <= int(code[:3]) <= 234:
        return "functional"
    if code[0] in "35" and len(code) in (3, 5) and code[1:3] != "00":
        return "economic"
    return None


def clean(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip()


def from_pdf(path: Path, year: int) -> list[tuple[str, str, int, str]]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    out = []
    for pno, page in enumerate(text.split("\f"), start=1):
        for line in page.splitlines():
            m = ROW.match(line)
            if not m:
                continue
            code = m.group("code").replace(" ", "")
            rest = m.group("rest")
            if classification(code) is None or not re.search(FIGURE, rest) and rest.strip():
                continue
            if not re.search(FIGURE, rest):
                continue            # a code and name without figures: a heading or a wrapped cell
            out.append((code, clean(m.group("name")), year, f"{path.name} p.{pno}"))
    return out


def from_text(path: Path, year: int) -> list[tuple[str, str, int, str]]:
    out = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for lno, line in enumerate(lines, start=1):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) >= 3 and re.fullmatch(r"\d{3}", cells[0]):
            # 类 | 款 | 项 cells (empty where the row is a 类 or 款), then the name
            i = 1
            while i < min(len(cells), 3) and re.fullmatch(r"\d{2}|", cells[i]):
                i += 1
            code = "".join(cells[:i])
            if i < len(cells) and re.fullmatch(NAME, cells[i]) and classification(code):
                out.append((code, clean(cells[i]), year, f"{path.relative_to(ROOT)} l.{lno}"))
            continue
        for cell in cells if "\t" in line else ():
            m = CODE_CELL.match(cell)        # 「202 外交支出」: code and name in one cell
            if m and classification(m.group("code")) and not UNIT_WORD.match(m.group("name")):
                out.append((m.group("code"), clean(m.group("name")), year, f"{path.relative_to(ROOT)} l.{lno}"))
        for m in CELL.finditer(line):
            out.append((m.group("code"), clean(m.group("name")), year, f"{path.relative_to(ROOT)} l.{lno}"))
        m = ROW.match(line)
        if m and "\t" not in line:
            code = m.group("code").replace(" ", "")
            if classification(code) and re.search(FIGURE, m.group("rest")):
                out.append((code, clean(m.group("name")), year, f"{path.relative_to(ROOT)} l.{lno}"))
    return out


def from_public() -> list[tuple[str, str, int, str]]:
    out = []
    with PUBLIC.open(encoding="utf-8") as f:
        for row in csv.reader((ln for ln in f if ln.strip() and not ln.startswith("#")), delimiter="\t"):
            code, name, year, source = row
            out.append((code, clean(name), int(year), source))
    return out


def drop_wrapped(obs):
    """A name that is a proper beginning of another name of the same code in the same file is cut by a wrap."""
    by_file = defaultdict(set)
    for code, name, _y, src in obs:
        by_file[(code, src.split(" ")[0])].add(name)
    keep = []
    for o in obs:
        names = by_file[(o[0], o[3].split(" ")[0])]
        if any(n != o[1] and n.startswith(o[1]) for n in names):
            continue
        keep.append(o)
    return keep


def main() -> int:
    if shutil.which("pdftotext") is None:
        print("catalogue_build: pdftotext not found (apt-get install poppler-utils)", file=sys.stderr)
        return 2
    obs: list[tuple[str, str, int, str]] = []
    for pdf in sorted(JIANGSU.glob("*.pdf")):
        if pdf.name.startswith(HELD_OUT):
            continue
        year = int(re.search(r"20\d\d", pdf.name).group(0))
        obs += from_pdf(pdf, year)
    for path, year, _what in TEXTS:
        obs += from_text(path, year)
    obs += from_public()
    obs = drop_wrapped(obs)
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in ("functional", "economic"):
        rows = sorted({o for o in obs if classification(o[0]) == kind},
                      key=lambda o: (o[0], o[2], o[1], o[3]))
        # one line per (code, name, year, source file): the first page it was seen on
        seen, lines = set(), []
        for code, name, year, src in rows:
            key = (code, name, year, src.split(" ")[0])
            if key in seen:
                continue
            seen.add(key)
            lines.append((code, name, year, src))
        with (OUT / f"{kind}.tsv").open("w", encoding="utf-8", newline="") as f:
            f.write(f"# {kind} classification (政府收支分类科目): code, name as printed, edition year, source\n")
            f.write("# generated by scripts/catalogue_build.py — do not edit by hand\n")
            w = csv.writer(f, delimiter="\t", lineterminator="\n")
            w.writerow(["code", "name", "year", "source"])
            w.writerows(lines)
        codes = {c for c, *_ in lines}
        years = sorted({y for _c, _n, y, _s in lines})
        names = defaultdict(set)
        for c, n, *_ in lines:
            names[c].add(n)
        print(f"{kind}: {len(codes)} codes "
              f"({sum(len(c) == 3 for c in codes)} 类, {sum(len(c) == 5 for c in codes)} 款, "
              f"{sum(len(c) == 7 for c in codes)} 项), {len(lines)} observations, years {years}; "
              f"{sum(len(v) > 1 for v in names.values())} codes with more than one name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
