"""The document model as JSON-ready dicts (schema in README.md, "Document JSON")."""
from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from decimal import Decimal
from pathlib import Path

from .core import Document, Table
from .numbers import Amount, Percent


def figure(v: Amount | Percent | None) -> str | None:
    """Amounts as decimal strings in 万元 (printed decimals kept); percentages without the % sign."""
    if v is None:
        return None
    return str(v.value)


def plain(obj):
    """Any model object to JSON-ready data (dataclasses to dicts, Decimal to strings)."""
    if isinstance(obj, (Amount, Percent)):
        return figure(obj)
    if isinstance(obj, Decimal):
        return str(obj)
    if is_dataclass(obj):
        return {f.name: plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [plain(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    return obj


def table_to_json(t: Table, locate=None) -> dict:
    """A table as JSON; `locate(page) -> (file, page in file)` adds each row's file and page in it."""
    labels = [c.label for c in t.columns]
    where = locate or (lambda p: (None, p))
    return {
        "kind": t.kind,
        "number": t.number,
        "title": t.title,
        "unit": t.unit,
        "pages": list(t.pages),
        "empty": t.is_empty,
        "empty_note": t.empty_note,
        "strategy": t.strategy,
        "columns": labels,
        "rows": [
            {
                "code": r.code,
                "code_parts": list(r.code_parts),
                "name": r.name,
                "group": r.group,
                "project": r.project,
                "values": {lab: figure(v) for lab, v in zip(labels, r.values)},
                "printed": {lab: v.text for lab, v in zip(labels, r.values) if v is not None},
                "page": r.page,
                "file": where(r.page)[0],
                "file_page": where(r.page)[1],
            }
            for r in t.rows
        ],
    }


def statement_to_json(s) -> dict:
    d = plain(s)
    d["amount_printed"] = s.amount.text if s.amount else None
    d["change_printed"] = s.change.text if s.change else None
    return d


def document_to_json(doc: Document) -> dict:
    return {
        "path": doc.path,
        "sha256": doc.sha256,
        "department": doc.department,
        "year": doc.year,
        "kind": doc.kind,
        "unit": doc.unit,
        "amounts_in": "万元",
        "page_count": doc.page_count,
        "budget_units": list(doc.budget_units),
        "files": [{"path": f.path, "sha256": f.sha256, "first_page": f.first_page, "page_count": f.page_count}
                  for f in doc.files],
        "tables": [table_to_json(t, doc.locate) for t in doc.tables],
        "projects": plain(doc.projects),
        "statements": [dict(statement_to_json(s), file=doc.locate(s.page)[0], file_page=doc.locate(s.page)[1])
                       for s in doc.statements],
        "indicators": plain(doc.indicators),
        "coverage": str(doc.coverage.quantize(Decimal("0.0001"))),
        "numeric_tokens": doc.numeric_tokens,
        "unparsed": plain(doc.unparsed),
        "code_repairs": plain(doc.code_repairs),
        "warnings": list(doc.warnings),
    }


def write_json(data: dict, out: str | Path) -> None:
    """Written atomically: the file is there whole or not at all (batch takes its presence for done)."""
    import os
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, out)
