"""The vocabulary of narrative figures: how disclosures write amounts, changes, rates and shares.

Every pattern runs on `fold(text)`, which maps characters one to one (full-width digits and
punctuation to ASCII, traditional to simplified forms of the budget vocabulary), so a match
position is also a position in the printed text and quotes stay exact.
"""
from __future__ import annotations

import re

_FOLD_FROM = "０１２３４５６７８９．％＋－﹪" + "預較長減萬億與為經費際額撥總計項類務門關說開動無變專維護購車運輛產資國業"
_FOLD_TO = "0123456789.%+-%" + "预较长减万亿与为经费际额拨总计项类务门关说开动无变专维护购车运辆产资国业"
_FOLD = str.maketrans(_FOLD_FROM, _FOLD_TO)


def fold(text: str) -> str:
    """Same-length normal form for matching (positions are preserved)."""
    t = text.translate(_FOLD)
    return re.sub(r"(?<=\d)，(?=\d{3}(?!\d))", ",", t)     # full-width thousands separator


CJK = r"[\u4e00-\u9fff]"
# A printed number: thousands separators or none, decimals, a space after a separator (PDF artefact).
NUM = r"(?<![\d.])\d+(?:\s?,\s?\d{3})*(?:\s?\.\s?\d+)?"
UNIT = r"亿元|万元|元"
MONEY = rf"(?P<num>{NUM})\s*(?P<unit>{UNIT})"
PCT = rf"(?P<pnum>{NUM})\s*%"

MONEY_RE = re.compile(MONEY)
PCT_RE = re.compile(PCT)
FIGURE_RE = re.compile(rf"{NUM}\s*(?:{UNIT}|%)")

# Words attached to an amount change, normalised to 增加 / 减少 (some texts use rate words crosswise).
AMOUNT_UP = ("增加", "增支", "增长", "上升", "提高", "多", "增")
AMOUNT_DOWN = ("减少", "减支", "下降", "降低", "压缩", "节约", "少", "减")
# Words attached to a rate, normalised to 增长 / 下降.
RATE_UP = ("增长率", "增幅", "增长", "上升", "提高", "增加", "增")
RATE_DOWN = ("减少率", "下降率", "减幅", "降幅", "下降", "降低", "减少", "减")

_alt = lambda words: "|".join(sorted(words, key=len, reverse=True))  # noqa: E731
HEDGE = r"(?:约|近|将近|大约|超过|逾)"
CHANGE_RE = re.compile(rf"(?P<dir>{_alt(AMOUNT_UP + AMOUNT_DOWN)})\s*(?:了|为)?\s*(?P<hedge>{HEDGE})?\s*{MONEY}")
RATE_RE = re.compile(
    rf"(?P<rdir>[（(]减少?[)）]幅?|[（(]减[)）]幅|{_alt(RATE_UP + RATE_DOWN)})\s*(?:了|为|率为|率)?\s*(?P<rhedge>{HEDGE})?\s*{PCT}")
BLANK_RATE_RE = re.compile(rf"(?:{_alt(RATE_UP + RATE_DOWN)})\s*%")
SHARE_RE = re.compile(rf"占(?P<of>[^，,。；;%\d]{{0,24}}?)(?:的)?(?:比重|比例|比)?(?:为)?\s*{PCT}")
FLAT_RE = re.compile(r"与上年(?:预算)?(?:相比)?持平|持平|无增减|无变化|没有变化|保持不变")
NO_BASE_RE = re.compile(r"不可比|无可比性|上年基数为\s*0|基数为零|上年无此项|上年未安排|上年度无此项")
REASON_RE = re.compile(r"^\s*(?:主要原因(?:是|为|：|:)|原因是|主要是|主要由于|主要系|是由于|其原因是|系)")
USAGE_RE = re.compile(r"^\s*(?:主要用于|用于|主要包括|包括)")
HEDGE_RE = re.compile(HEDGE + r"\s*$")

# What the change is measured against. Group `yr` is a named year, `prior` a stated previous figure.
COMPARISON_RE = re.compile(
    r"(?P<comp>同比|"
    r"(?:与|和|同|比|较|对比)\s*(?:之)?\s*"
    r"(?P<base>上\s*年(?:度)?|上一年(?:度)?|去年|年初|调整后?|(?P<yr>20\d\d)\s*年(?:度)?)"
    r"(?P<kind>预算执行数|执行数|预算数?|决算数?|批复数|同期)?"
    rf"(?:的\s*(?P<prior>{NUM})\s*(?P<punit>{UNIT}))?"
    r"(?:数)?\s*(?:相比|比较)?)")

# Enumerators and headings at the start of a paragraph.
ENUM_RE = re.compile(r"^\s*(?:[-•·]\s*)?(?:\d+\s*[.．、]|[（(]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*、|第[一二三四五六七八九十]+部分)\s*")
HEADING_RE = re.compile(r"^\s*(?P<mark>第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*、|[（(]\s*[一二三四五六七八九十]+\s*[)）])")
LABEL_RE = re.compile(rf"^\s*{CJK}{{2,10}}[：:]")
FOOTER_RE = re.compile(r"^\s*[-—–]?\s*\d{1,4}\s*[-—–]?\s*$|^\s*第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?\s*$")
TERMINAL = "。；;：:！？!?"


def normalise_amount_word(word: str) -> str:
    w = re.sub(r"\s", "", word)
    return "减少" if any(w.startswith(d) for d in AMOUNT_DOWN) else "增加"


def normalise_rate_word(word: str) -> str:
    w = re.sub(r"[\s（）()]", "", word)
    return "下降" if any(w.startswith(d) for d in RATE_DOWN) else "增长"


def clean_number(text: str) -> str:
    return re.sub(r"\s", "", fold(text))
