"""Stated counts vs what the document lists: 当年预算安排项目共27个 vs the projects counted."""
from __future__ import annotations

import re

from ..core import Document
from ..results import Finding

# 当年预算安排项目共27个 / 共安排项目17个 / 安排项目17个
_PROJECT_COUNT = re.compile(r"(?:预算安排|共安排|安排)项目(?:共)?\s*(\d+)\s*个")
# words that make the count one of a part of the projects (新增安排项目5个), not of all of them
_PART = ("新增", "续建", "延续", "结转", "其中")


def _projects(doc: Document) -> tuple[int, str]:
    """How many projects the document lists, and where."""
    if doc.projects:
        names = {(p.unit, "".join(p.name.split())) for p in doc.projects}
        return len(names), "文中所列项目"
    t = doc.table("gpb_project")
    if t is not None:
        names = {(r.group, "".join(r.project.split())) for r in t.rows if r.project}
        return len(names), f"{t.number or t.title} 的项目行"
    return 0, ""


def check_counts(doc: Document, role: str) -> list[Finding]:
    counted, where = _projects(doc)
    if not counted:
        return []
    texts = [(s.page, s.quote, s.section) for s in doc.statements] + [(u.page, u.text, "") for u in doc.unparsed]
    out, seen = [], set()
    for page, text, section in texts:
        flat = "".join(text.split())
        for m in _PROJECT_COUNT.finditer(flat):
            if any(w in flat[max(0, m.start() - 3):m.start()] for w in _PART):
                continue
            n = int(m.group(1))
            if n == counted or (page, n) in seen:
                continue
            seen.add((page, n))
            out.append(Finding(check="count", severity="warning", doc=role, page=page, item="项目个数",
                               stated=str(n), expected=str(counted),
                               rule=f"文中称安排项目 {n} 个，而本文件列示 {counted} 个（{where}）",
                               quote=text if len(text) <= 80 else m.group(0), location=section))
    return out
