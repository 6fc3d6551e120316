"""The words of total rows, in one place.

A disclosure's tables close with 总计 / 合计 rows, group rows with 小计, and the two-sided tables print
收入总计 / 支出总计 (决算: 本年收入合计 / 本年支出合计). The table reader, the sum checks, the
changes, the overview and the memo all ask "is this a total row?" with these words.
"""
from __future__ import annotations

import re

TOTALS = ("总计", "合计")                     # a table's (or a section's) total
SUBTOTAL = "小计"                             # a group's subtotal
SIDE_TOTALS = ("收入总计", "支出总计")          # each side of a two-sided table
FINAL_SIDE_TOTALS = ("本年收入合计", "本年支出合计")   # a 决算 table's year totals
# every word a total row's label may be or end with, the most specific first
TOTAL_WORDS = (*SIDE_TOTALS, *TOTALS, SUBTOTAL)
# the labels of a table's total row (exact, after normalisation)
TOTAL_LABELS = frozenset((*TOTALS, *SIDE_TOTALS, *FINAL_SIDE_TOTALS))
# a cell that is only a total word: 总计 / 合计 / 小计
TOTAL_CELL_RE = re.compile(rf"^({'|'.join((*TOTALS, SUBTOTAL))})$")
