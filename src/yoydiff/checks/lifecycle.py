"""Cross-year check `lifecycle`: lines, projects and budget units that are new, discontinued, renamed,
re-coded, merged, split, or left for review. Notices: worth a reviewer's attention, not errors."""
from __future__ import annotations

from ..matching import Matching
from ..results import Finding, Match

_WHAT = {"line": "functional line", "economic": "economic line", "project": "project", "unit": "budget unit"}
_KINDS = ("new", "discontinued", "renamed", "re-coded", "merged", "split", "review")


def _topmost(matches: tuple[Match, ...]) -> list[Match]:
    """New/discontinued lines whose parent line is new/discontinued too are implied by the parent."""
    gone = {m.old_code for m in matches if m.kind == "discontinued"}
    came = {m.new_code for m in matches if m.kind == "new"}

    def under(code: str, codes: set[str]) -> bool:
        return any(code != c and code.startswith(c) for c in codes)

    return [m for m in matches if not (m.kind == "discontinued" and under(m.old_code, gone))
            and not (m.kind == "new" and under(m.new_code, came))]


def _amounts(m: Match) -> tuple[str, str]:
    o = "" if m.old_amount is None else f"{m.old_amount:,}"
    n = "" if m.new_amount is None else f"{m.new_amount:,}"
    return o, n


def check_lifecycle(matching: Matching) -> list[Finding]:
    out = []
    for group in (_topmost(matching.functional), _topmost(matching.economic), matching.units, matching.projects):
        for m in group:
            if m.kind not in _KINDS:
                continue
            o, n = _amounts(m)
            old = " + ".join(m.old) or "—"
            new = " + ".join(m.new) or "—"
            code = m.new_code or m.old_code
            label = f"{code} " if code and m.what in ("line", "economic") else ""
            out.append(Finding(
                check="lifecycle", severity="notice", doc="new", page=None,
                item=f"{_WHAT.get(m.what, m.what)} {label}{new if m.new else old}",
                stated=f"{m.kind}: {old} ({o}) → {new} ({n})" if m.what != "unit" else f"{m.kind}: {old} → {new}",
                expected=f"score {m.score:.2f}",
                rule="matching across years: " + m.reason,
                quote="", code=code, location=m.new_unit or m.old_unit,
            ))
    return out
