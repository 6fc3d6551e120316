"""Stated counts vs what the document lists: 当年预算安排项目共27个 vs the projects counted."""
from __future__ import annotations

import re

from ..core import Document
from ..results import Finding

# 当年预算安排项目共27个 / 共安排项目17个 / 安排项目17个
_PROJECT_COUNT = re.compile(r"(?:预算安排|共安排|安排)项目(?:共)?\s*(\d+)\s*个")


def _projects(doc: Document) -> tuple[int, str]:
    """How many projects the document lists, and where."""
    if doc.projects:
        names = {(p.unit, "".join(p.name.split())) for p in doc.projects}
        return len(names), "projects listed in the document"
    t = doc.table("gpb_project")
    if t is not None:
        names = {(r.group, "".join(r.project.split())) for r in t.rows if r.project}
        return len(names), f"project rows of {t.number or t.title}"
    return 0, ""


def check_counts(doc: Document, role: str) -> list[Finding]:
    counted, where = _projects(doc)
    if not counted:
        return []
    texts = [(s.page, s.quote, s.section) for s in doc.statements] + [(u.page, u.text, "") for u in doc.unparsed]
    out, seen = [], set()
    for page, text, section in texts:
        for m in _PROJECT_COUNT.finditer("".join(text.split())):
            n = int(m.group(1))
            if n == counted or (page, n) in seen:
                continue
            seen.add((page, n))
            out.append(Finding(check="count", severity="warning", doc=role, page=page, item="项目个数",
                               stated=str(n), expected=str(counted),
                               rule=f"the text says {n} projects; the document lists {counted} ({where})",
                               quote=m.group(0), location=section))
    return out
