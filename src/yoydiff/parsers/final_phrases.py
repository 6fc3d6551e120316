"""The words of 决算 (final accounts) and budget execution: one place for the narrative parser and the
execution check.

「决算为62.07万元，完成全年预算84.82万元的73.2%」: the 完成率 and its budget base (84.82 is not the current
amount); 「完成预算的48.82%」 / 「完成年初预算数的98.59%」 / 「完成年度预算105.9%」 / 「预算完成率为95%」 /
「为年初预算的75%」「占年初预算的80%」;
「比预算数减少67.62万元」 (a change against this year's budget, not against last year);
「决算数大于/小于（年初）预算数」; a subject that is this year's budget (「…年初预算为12000.00元」) or its 决算
(「支出决算为…」, 「决算支出数为…」).
"""
from __future__ import annotations

import re

from .phrases import NUM, UNIT

# 完成(全年|年初|年度|调整)预算(数)(84.82万元)(的)73.2%  /  预算完成率(为)95%  /  预算执行率为95%
EXECUTION_RE = re.compile(
    rf"完成(?:了)?(?:全年|年初|年度|调整后?(?:的)?)?预算(?:数)?\s*(?:(?P<bnum>{NUM})\s*(?P<bunit>{UNIT}))?\s*(?:的)?\s*"
    rf"(?P<pnum>{NUM})\s*[%％]"
    rf"|(?:预算)?(?:完成|执行)率\s*(?:为|是|达)?\s*(?P<pnum2>{NUM})\s*[%％]"
    # 为/是/占/达到 年初预算(数)的 80%: the 决算 as a share of this year's initial budget (not 「占预算总额的」)
    rf"|(?:为|是|占|达到?)\s*(?:年初|全年)预算(?:数)?\s*的\s*(?P<pnum3>{NUM})\s*[%％]")

# 比预算(数)减少… / 较全年预算增加…: the same named groups as phrases.COMPARISON_RE (yr never matches)
BUDGET_COMPARISON_RE = re.compile(
    rf"(?P<comp>(?:与|和|同|比|较|对比)\s*(?P<base>(?:全年|年度)?)(?P<yr>(?!))?(?P<kind>预算批复数|预算数?)"
    rf"(?:的\s*(?P<prior>{NUM})\s*(?P<punit>{UNIT}))?\s*(?:相比|比较)?)(?!执行|完成)")

# 决算数大于/小于/等于(年初)预算数
SIDE_RE = re.compile(r"决算(?:数)?(大于|小于|等于|高于|低于)(?:年初|全年|调整后?的?)?预算(?:数)?")
SIDE_WORD = {"高于": "大于", "低于": "小于"}
# 决算数大于预算数55.93万元: the difference to the budget
SIDE_GAP_RE = re.compile(rf"决算(?:数)?(大于|小于|高于|低于)(?:年初|全年|调整后?的?)?预算(?:数)?\s*(?P<num>{NUM})\s*(?P<unit>{UNIT})")

# A subject that is this year's budget, and one that is its 决算 (after the rest of the subject).
BUDGET_SUBJECT_RE = re.compile(r"(?:年初|全年|年度|调整后?的?)?预算(?:数|安排)?$")
FINAL_SUBJECT_RE = re.compile(r"(?:支出)?决算(?:支出)?(?:数)?$")
LAST_YEAR_RE = re.compile(r"上年|上一年|去年|20\d\d\s*年(?!度?(?:一般|部门|单位|本级))")

# The amount that ends a clause (「…预算数为832.05万元」 → 「…预算数」), to read what the clause says it is.
AMOUNT_TAIL_RE = re.compile(rf"\s*(?:为|是|共计|合计)?\s*{NUM}\s*(?:{UNIT})\s*$")

# A sentence that only names a functional classification subject: 「…（类）…（款）行政运行（项）」
CLASSIFICATION_HEAD_RE = re.compile(r"[（(]\s*[类款项]\s*[)）]\s*$")


def execution_pct(m: re.Match) -> str:
    """The 完成率 figure of an EXECUTION_RE match, whichever form printed it."""
    return m.group("pnum") or m.group("pnum2") or m.group("pnum3")


def is_budget_subject(subject: str) -> bool:
    return bool(BUDGET_SUBJECT_RE.search(subject)) and "决算" not in subject and not LAST_YEAR_RE.search(subject)


def is_final_subject(subject: str) -> bool:
    return bool(FINAL_SUBJECT_RE.search(subject)) and not LAST_YEAR_RE.search(subject)
