"""Printed codes and names against the 政府收支分类科目 catalogue: notices only, never errors.

- A code whose printed name is none of the names the catalogue has seen for it → notice, with the
  catalogue's names and the years each was seen (a name may have been renamed in an edition the
  catalogue has not seen: the finding says what was seen, not what is right).
- A printed name that the catalogue saw replaced by another name before the document's year → notice.
- Codes the catalogue does not know → one notice per document listing them (the catalogue is a record
  of what was seen printed, not the whole official list: unknown is not wrong).
One finding per distinct (code, printed name) of a document, on the first page it is printed. A name
with digits in it (a figure or a table title read into the name cell), or one that is the beginning of a
catalogue name or runs on past one (cut by a wrap), is a misreading, not checked. Tables whose codes are
mostly no 科目 (budget-unit codes) are left out.
"""
from __future__ import annotations

from .. import catalogue
from ..core import Document
from ..names import classification_key
from ..results import Finding

LISTED = 20            # unknown codes named in the notice; the rest are counted
CLASS_WORD = {"functional": "支出功能分类科目", "economic": "支出经济分类科目"}


def _seen(code: str) -> str:
    return "；".join(f"「{ns.name}」（{ns.span} 年）" for ns in catalogue.names(code))


def _cut(code: str, name: str) -> bool:
    """The printed name is the beginning of a catalogue name or runs on past one (a name cut by a wrap,
    or the next cell's text read into it): a misreading, not a different name."""
    key = classification_key(name)
    return any(len(k) >= 2 and (k.startswith(key) or key.startswith(k))
               for k in (classification_key(ns.name) for ns in catalogue.names(code)))


def check_catalogue(doc: Document, role: str) -> list[Finding]:
    out: list[Finding] = []
    done: set[tuple[str, str]] = set()
    unknown: dict[str, tuple] = {}
    for t in doc.tables:
        location = t.number or t.title
        if not catalogue.classification_column(r.code for r in t.rows):
            continue                # budget-unit or department codes, not 科目
        for r in t.rows:
            kind = catalogue.classification_of(r.code)
            if not kind or not r.name or any(ch.isdigit() for ch in r.name):
                continue            # no name, or figures / a title read into it: not a name to check
            key = (r.code, classification_key(r.name))
            if key in done:
                continue
            done.add(key)
            quote = f"{r.code} {r.name}"
            level = catalogue.level_of(r.code) if kind == "functional" else ""
            what = f"{CLASS_WORD[kind]}{'（' + level + '级）' if level else ''} {r.code}"
            if not catalogue.is_known(r.code):
                if r.code not in unknown:
                    unknown[r.code] = (r, location)
            elif not catalogue.name_matches(r.code, r.name) and not _cut(r.code, r.name):
                expected = catalogue.name_of(r.code, doc.year) or ""
                out.append(Finding(
                    check="catalogue", severity="notice", doc=role, page=r.page, item=r.name, code=r.code,
                    stated=r.name, expected=expected,
                    rule=f"{what} 印为「{r.name}」，科目表中该编码的名称为 {_seen(r.code)}，名称不符",
                    quote=quote, location=location))
            elif doc.year is not None and (newer := catalogue.superseded(r.code, r.name, doc.year)):
                out.append(Finding(
                    check="catalogue", severity="notice", doc=role, page=r.page, item=r.name, code=r.code,
                    stated=r.name, expected=newer.name,
                    rule=(f"{what} 印为「{r.name}」，为旧版科目名称；科目表中该编码 {newer.years[0]} 年起"
                          f"已见印为「{newer.name}」（{_seen(r.code)}），{doc.year} 年文件仍用旧名"),
                    quote=quote, location=location))
    if unknown:
        first, location = next(iter(unknown.values()))
        listed = "、".join(f"{c} {r.name}" for c, (r, _loc) in list(unknown.items())[:LISTED])
        listed += f" 等（共 {len(unknown)} 个）" if len(unknown) > LISTED else ""
        out.append(Finding(
            check="catalogue", severity="notice", doc=role, page=first.page, item="未见于科目表的编码",
            code=first.code if len(unknown) == 1 else "", stated=f"{len(unknown)} 个编码", expected="",
            rule=(f"{len(unknown)} 个科目编码未见于内置科目表（内置表只收录已见印出的科目，未见不等于有误），"
                  f"其名称未能核对：{listed}"),
            quote=listed if len(listed) <= 80 else listed[:78] + "…", location=location))
    return out
