"""Cross-year check `target`: performance indicators whose target was lowered since last year, and the
new document's 上年完成值 vs last year's own target.

Targets are parsed conservatively: a comparator (≥ > = ≤ <, 不低于/不少于/以上 …), one number and its
unit ("≥95%", "> =90%", "=12 次", "<=15.60 万元"). Anything else (有效提高, 每月25日前) is not compared.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..core import Document, Indicator
from ..names import project_key, similarity
from ..results import Finding

_NUM = re.compile(r"^(?P<op>≥|>=|≤|<=|=|>|<)?(?P<num>\d+(?:\.\d+)?)(?P<unit>[^\d<>=≥≤]*)$")
_WORDS = (("不低于", "≥"), ("不少于", "≥"), ("不超过", "≤"), ("不高于", "≤"), ("以上", "≥"), ("以内", "≤"),
          ("以下", "≤"))


@dataclass(frozen=True)
class Target:
    op: str            # ≥ ≤ =
    value: Decimal
    unit: str


def parse_target(text: str) -> Target | None:
    """'≥95%' -> Target('≥', 95, '%'); None when the text is not one comparator with one number."""
    t = unicodedata.normalize("NFKC", text or "").replace(" ", "").replace(",", "")
    op_word = ""
    for w, op in _WORDS:
        if w in t:
            t, op_word = t.replace(w, ""), op
    m = _NUM.match(t)
    if not m:
        return None
    op = {">=": "≥", ">": "≥", "<=": "≤", "<": "≤", None: op_word or "="}.get(m.group("op"), m.group("op"))
    try:
        return Target(op, Decimal(m.group("num")), m.group("unit").strip())
    except InvalidOperation:  # pragma: no cover - the regex admits only numbers
        return None


def _key(i: Indicator) -> tuple[str, str]:
    return project_key(i.project), project_key(i.name)


def _pair(old: tuple[Indicator, ...], new: tuple[Indicator, ...]) -> list[tuple[Indicator, Indicator]]:
    by_key: dict[tuple[str, str], Indicator] = {}
    for o in old:
        by_key.setdefault(_key(o), o)
    out = []
    for n in new:
        o = by_key.get(_key(n))
        if o is None:
            pk, nk = _key(n)
            cands = [(similarity(pk, k[0]) + similarity(nk, k[1]), x) for k, x in by_key.items()
                     if similarity(pk, k[0]) >= 0.85 and similarity(nk, k[1]) >= 0.9]
            o = max(cands, key=lambda c: c[0])[1] if cands else None
        if o is not None:
            out.append((o, n))
    return out


def check_targets(old: Document, new: Document) -> list[Finding]:
    out = []
    for o, n in _pair(old.indicators, new.indicators):
        ot, nt = parse_target(o.target), parse_target(n.target)
        if ot is None:
            continue
        item = f"{n.project} › {n.name}"
        if nt is not None and nt.unit == ot.unit and nt.op == ot.op == "≥" and nt.value < ot.value:
            prev = parse_target(n.previous)
            above_done = prev is not None and prev.unit == nt.unit and nt.value < prev.value
            out.append(Finding(
                check="target", severity="warning" if above_done else "notice", doc="new", page=n.page,
                item=item, stated=f"目标值 {n.target}", expected=f"上年目标值 {o.target}",
                rule="“≥”类指标的目标值低于上年目标值" + (
                    f"，且低于本年文件所列上年完成值（{n.previous}）" if above_done else ""),
                quote=n.target, other_page=o.page, other_quote=o.target))
        prev = parse_target(n.previous)
        if prev is not None and prev.unit == ot.unit and ot.op in ("≥", "≤") and prev.op == "=":
            missed = prev.value < ot.value if ot.op == "≥" else prev.value > ot.value
            if missed:
                out.append(Finding(
                    check="target", severity="notice", doc="new", page=n.page, item=item,
                    stated=f"上年完成值 {n.previous}", expected=f"上年目标值 {o.target}",
                    rule="本年文件所列上年完成值未达到上年文件设定的目标值",
                    quote=n.previous, other_page=o.page, other_quote=o.target))
    return out
