"""Name normalisation: the one place where names are brought to a form for comparing them.

`squash` compares printed labels (table row names, column headings, subjects) with each other and
with fixed words; `row_name_key` looks a classification name up among the coded rows of a
document's tables; `normalise` and the keys built on it match projects, lines, budget units and
departments across years.

A project name carries things that change every year without the project changing: document
numbers (乌财社〔2025〕215号), years (2025年), year ranges (2025 年 4 月至 2026 年 3 月), bracket
styles and spaces. `project_key` removes them so that the names of the same project in two years
compare equal; `similarity` compares keys character by character (Chinese has no word spaces).
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from .parsers.phrases import fold

_BRACKETS = str.maketrans({
    "（": "(", "）": ")", "〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")",
    "｛": "(", "｝": ")", "{": "(", "}": ")", "〖": "(", "〗": ")", "［": "(", "］": ")",
    "“": "", "”": "", "\"": "", "‘": "", "’": "", "'": "", "《": "", "》": "", "〈": "", "〉": "",
    "—": "-", "–": "-", "－": "-", "~": "-", "～": "-", "、": ",", "，": ",", "：": ":",
})
_SPACE = re.compile(r"\s+")
# 乌财社(2025)215号 / 新财社(2025)206号 / 国办发(2019)57号 / 乌编委(2025)4号 (after bracket folding)
_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,8}\(\d{4}\)(?:第)?\d+号")
# 2025年4月至2026年3月 / 2025年4月-2026年3月 / 2025-2027年 / (2025-2027年)
_RANGE = re.compile(r"\(?20\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:至|-|到)20\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?\)?"
                    r"|\(?20\d{2}-20\d{2}年?\)?")
_YEAR = re.compile(r"20\d{2}年(?:度)?")   # budget years, not 1995年 (a cut-off date in the content)
_SHORT_YEAR = re.compile(r"(?<!\d)\d{2}年(?:度)?")   # 25年就业公共服务系统…
_TARGET = re.compile(r"特定目标\s*([0-9A-Za-z]{6,10})")
_UNIT_SUFFIX = re.compile(r"\((?:本级|机关|汇总)\)$")


_QUOTES = str.maketrans("", "", "“”\"")


def squash(text: str) -> str:
    """A printed label without spaces or double quotation marks (“三公”经费 → 三公经费), otherwise as
    printed: for comparing labels with each other and with fixed words (合计, 其中, 支出总计)."""
    return "".join(text.split()).translate(_QUOTES)


_ROW_BRACKETS = str.maketrans("()[]【】〔〕", "（）（）（）（）")
_ROW_NOISE = re.compile(r"[\s:：、，,.。\d-]")


def row_name_key(text: str) -> str:
    """A classification name as looked up among the names of a document's coded rows: folded (full-width
    digits, traditional characters), one bracket style, no spaces, separators, enumerators or digits."""
    return _ROW_NOISE.sub("", fold(text).translate(_ROW_BRACKETS))


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC), one bracket style, no spaces or quotes, lower case."""
    t = unicodedata.normalize("NFKC", text or "").translate(_BRACKETS)
    return _SPACE.sub("", t).lower()


def project_key(name: str) -> str:
    """The part of a project name that stays the same from year to year."""
    t = normalise(name)
    t = _DOCNO.sub("", t)
    t = _RANGE.sub("", t)
    t = _YEAR.sub("", t)
    t = _SHORT_YEAR.sub("", t)
    t = t.replace("()", "")
    t = re.sub(r"^[-:,]+|[-:,]+$", "", t)
    t = re.sub(r"项目$", "", t)
    return t


def unit_key(name: str) -> str:
    """Budget unit names: normalised; (本级) and similar suffixes dropped, and the bare forms of 本级: 江苏省委办公厅
    厅机关本级 / 江苏省委办公厅（本级） (js-swb 2018 / 2019) and XX局机关本级 / XX局本级 are the department's own body."""
    k = _UNIT_SUFFIX.sub("", normalise(name))
    k = re.sub(r"(.)\1机关本级$", r"\1", k)
    return re.sub(r"(?:机关)?本级$", "", k)


def line_key(name: str) -> str:
    """Classification line names (行政运行, 维修（护）费)."""
    return normalise(name)


_OTHER = str.maketrans({"它": "他"})


def classification_key(name: str) -> str:
    """A 政府收支分类科目 name as compared with the catalogue: normalised (full/half width, one bracket
    style, no spaces), 其它 read as 其他, a trailing 支出 dropped (其他人大事务支出 = 其他人大事务), and
    the (类)/(款)/(项) level marks and a leading enumerator (一、 1. (一)) removed."""
    t = normalise(name).translate(_OTHER)
    t = re.sub(r"\((?:类|款|项)\)", "", t)
    t = re.sub(r"^(?:[一二三四五六七八九十]+[,.]|\d+[,.]|\([一二三四五六七八九十\d]+\))", "", t)
    t = t.strip(":,.;")
    return t[:-2] if t.endswith("支出") and len(t) > 2 else t


def target_code(name: str) -> str:
    """'特定目标 0110019B' -> '0110019B' (classified projects are known only by this code)."""
    m = _TARGET.search(unicodedata.normalize("NFKC", name or ""))
    return m.group(1).upper() if m else ""


def similarity(a: str, b: str) -> float:
    """Character similarity of two keys in [0, 1] (normalised Indel distance)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


# full and short forms of the same organ (江苏省人民代表大会常务委员会办公厅 = 江苏省人大常委会办公厅)
_ORGAN_SHORT = ((re.compile(r"^中国共产党(.{2,12}?[省市县区州旗盟])委员会"), r"中共\1委"),
                (re.compile(r"人民代表大会常务委员会"), "人大常委会"),
                (re.compile(r"人民代表大会"), "人大"),
                (re.compile(r"人民政治协商会议"), "政协"),
                (re.compile(r"政治协商会议"), "政协"))


def department_key(name: str) -> str:
    t = normalise(name)
    t = re.sub(r"^\d{4}年(?:度)?", "", t)
    for rx, short in _ORGAN_SHORT:
        t = rx.sub(short, t)
    return re.sub(r"(部门)?(预算|决算)(公开)?$", "", t)
