"""Cross-year check `lifecycle`: lines, projects and budget units that are new, discontinued, renamed,
re-coded, merged, split, or left for review. Notices: worth a reviewer's attention, not errors.
Written in the memo's words: 「撤销：科学技术支出（24.20 万元）→ —」, rule 「跨年度匹配：…」."""
from __future__ import annotations

from decimal import Decimal

from ..matching import Matching
from ..results import Finding, Match

_WHAT = {"line": "功能分类科目", "economic": "经济分类科目", "project": "项目", "unit": "预算单位"}
# kinds in the words of the memo (render.memo.MATCH_LABEL)
KIND_WORD = {"new": "新增", "discontinued": "撤销", "renamed": "更名", "re-coded": "科目调整", "merged": "合并",
             "split": "拆分", "review": "待核实"}


def _topmost(matches: tuple[Match, ...]) -> list[Match]:
    """New/discontinued lines whose parent line is new/discontinued too are implied by the parent."""
    gone = {m.old_code for m in matches if m.kind == "discontinued"}
    came = {m.new_code for m in matches if m.kind == "new"}

    def under(code: str, codes: set[str]) -> bool:
        return any(code != c and code.startswith(c) for c in codes)

    return [m for m in matches if not (m.kind == "discontinued" and under(m.old_code, gone))
            and not (m.kind == "new" and under(m.new_code, came))]


def _side(names: tuple[str, ...], amount, with_amount: bool) -> str:
    """综合业务费 + 档案影像化（100.00 万元）; — for a side without items."""
    if not names:
        return "—"
    text = " + ".join(names)
    return f"{text}（{wan(amount)} 万元）" if with_amount and amount is not None else text


def wan(v: Decimal) -> str:
    """An amount in 万元 with two decimals, or as many more as it exactly has (a 元 document's
    12,921,854 元 is 1,292.1854 万元; its 600,000 元 is 60.00, not 60.000000)."""
    cents = v.quantize(Decimal("0.01"))
    return f"{cents:,}" if cents == v else f"{v.normalize():,}"


def check_lifecycle(matching: Matching) -> list[Finding]:
    out = []
    for group in (_topmost(matching.functional), _topmost(matching.economic), matching.units, matching.projects):
        for m in group:
            if m.kind not in KIND_WORD:
                continue
            amounts = m.what != "unit"
            code = m.new_code or m.old_code
            label = f"{code} " if code and m.what in ("line", "economic") else ""
            paired = bool(m.old and m.new)
            out.append(Finding(
                check="lifecycle", severity="notice", doc="new", page=None,
                item=f"{_WHAT.get(m.what, m.what)} {label}{' + '.join(m.new or m.old)}",
                stated=f"{KIND_WORD[m.kind]}：{_side(m.old, m.old_amount, amounts)} → {_side(m.new, m.new_amount, amounts)}",
                expected=f"匹配得分 {m.score:.2f}" if paired else "上年文件无对应" if m.new else "本年文件无对应",
                rule="跨年度匹配：" + m.reason,
                quote="", code=code, location=m.new_unit or m.old_unit,
            ))
    return out
