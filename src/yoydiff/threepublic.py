"""The words of the 三公 (因公出国（境）费, 公务用车购置及运行维护费, 公务接待费) in one place, and where a 三公 table
prints the 三公 total. The checks (checks/crosstable, counterparts, narrative, shares), the changes of a pair,
the trend and the batch overview all ask these questions here."""
from __future__ import annotations

import re

from .core import Column, Row, Table
from .names import squash

# What disclosures list with the 三公 items under one total (the 「“三公”经费、会议费、培训费」 table and lists).
COMPANION_RE = re.compile(r"^(?:会议费|培训费)$")
# 三公 categories by the words of their names, most specific first ("whole" for the 三公 total).
THREE_PUBLIC_WORDS = (("whole", ("三公",)), ("abroad", ("出国",)), ("reception", ("接待",)),
                      ("vehicles", ("购置及运行", "购置和运行", "运行维护及购置", "运行维护和购置", "运行及购置", "运行和购置")),
                      ("purchase", ("购置",)), ("running", ("运行",)))


def three_public_key(name: str) -> str | None:
    """Which 三公 category a row, column or subject names: whole, abroad, reception, vehicles, purchase, running."""
    t = squash(name)
    return next((key for key, words in THREE_PUBLIC_WORDS if any(w in t for w in words)), None)


def category_label(c: Column) -> str:
    """What a 三公 column is of: its leaf, or for a 小计 / 合计 leaf the header above it."""
    return c.path[-2] if squash(c.leaf) in ("小计", "合计") and len(c.path) > 1 else c.leaf


def whole_cell(t: Table, total: Row | None) -> tuple[Row, int] | None:
    """Where the 三公 table prints the 三公 total, given its total row (`total`: its 总计/合计 row; a table of one row
    is its own total row):
    a 三公 row (「“三公”经费合计」), else the 三公 subtotal column (「“三公”经费 › 小计」), else the table's 合计 /
    总计 column — only when the table lists nothing besides the 三公 items: in a 「“三公”经费、会议费、培训费」 table
    合计 holds 会议费 and 培训费 too (js-fy-2019: 合计 2,382.02, 三公 小计 513.75). None when it cannot tell."""
    rows = [r for r in t.rows if r.values and three_public_key(r.name) == "whole"]
    if rows:
        return rows[0], 0
    total = total or (t.rows[0] if len(t.rows) == 1 else None)
    if total is None or not t.columns:
        return None
    cols = [j for j, c in enumerate(t.columns) if three_public_key(category_label(c)) == "whole"
            and not any(three_public_key(p) not in (None, "whole") for p in c.path[1:])]
    if cols:
        return total, cols[0]
    if any(COMPANION_RE.match(squash(x)) for x in [r.name for r in t.rows] + [c.leaf for c in t.columns]):
        return None
    j = next((j for name in ("合计", "总计") for j, c in enumerate(t.columns) if squash(c.leaf) == name), 0)
    return total, j
