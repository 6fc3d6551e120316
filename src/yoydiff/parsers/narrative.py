"""Narrative statements: every sentence of the 情况说明 that states an amount, a change, a rate or a share.

Lines outside the table regions are joined into paragraphs (across page breaks and footers), the
paragraphs are cut into sentences (。；) and clauses (，：), and the figures of each clause are
attached to the statement they qualify (see parse_paragraph).

Conventions a check can rely on:
- Statement.comparison is "上年预算" for every plain year-over-year phrasing (比上年预算, 较上年, 同比,
  与上年相比); otherwise what the text compares with: 年初预算, 调整预算, 上年决算, 上年执行数, "2019年".
- A hedged figure (约, 近, 超过) keeps its value; the statement is marked hedged.
- A change stated without its current amount ("其中：公务接待费增加0.00万元") takes the amount of an
  earlier plain amount statement of the same section with the same subject (「…公务接待费0.00万元。」
  then 「…公务接待费增加0.00万元，增长0.00%」), when exactly one such amount of the document's year is
  stated there (see carry_amounts); its quote stays the change clause. Otherwise amount is None.
- A sentence that names no subject and states only a change / rate (「与上年相比增加Y万元，增长Z%」) continues the
  statement of the last sentence with a figure in the same paragraph, when that sentence made exactly one
  statement, a plain amount of a named item of the document's year, and read every figure it holds (see
  _Parser._earlier); the statement is marked carried and its quote runs over both sentences.
- A stated number of projects (「当年预算安排项目共27个」) is a statement of topic "count" with no
  figure: subject "…项目个数", quote the clause up to the count, which the checks read the number from.
- quote is the clause as joined from the PDF lines (a substring of Paragraph.text). Spacing
  between Chinese and figures follows the paragraph's dominant style: in paragraphs that print
  "658.65 万元" a line break there becomes a space; in paragraphs that print "658.65万元" the
  stray gaps of justified lines are dropped. So quotes read as the document's text layer does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..core import Statement, Table, Unparsed
from ..numbers import Amount, Percent
from ..pdf import Page, TextLine
from . import final_phrases as fph
from . import phrases as ph
from . import rowtables
from .scope import basis, compatible, only_basis, printed_item, stem
from .subjects import resolve_code

YOY = "上年预算"
# How far short of the right margin a line may end and still run on: the width of the longest token a
# line breaker keeps whole (a figure with its unit and punctuation, "10,317.70万元，").
EARLY_BREAK_EMS = 5
# A vertical gap between two lines of a page larger than this many ems is a blank line: a paragraph break.
PARAGRAPH_GAP_EMS = 1.5
# The first paragraph of a project block: （一）项目名称：…; the block runs to the next 一、 heading.
PROJECT_START_RE = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十]+\s*[)）])?\s*项目名称\s*[:：]")
_GENERIC = {"", "预算数", "预算", "金额", "价值", "合计", "共计", "总计", "其中", "资金", "预算金额", "计", "共",
            "预算总额", "总额", "数", "安排", "预算安排", "年预算数"}


@dataclass(frozen=True)
class Paragraph:
    text: str
    starts: tuple[tuple[int, int], ...]    # (offset in text, page) where each joined line starts

    def page_at(self, offset: int) -> int:
        page = self.starts[0][1]
        for off, pg in self.starts:
            if off > offset:
                break
            page = pg
        return page


# ---------------------------------------------------------------- paragraphs

def _in_bands(line: TextLine, bands) -> bool:
    mid = (line.top + line.bottom) / 2
    return any(top - 1 <= mid <= bottom + 1 for top, bottom in bands)


def _tabular(line: TextLine) -> bool:
    """A table row that no region covers: words far apart at least twice."""
    gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:])]
    size = max(w.size for w in line.words)
    return sum(g > 1.5 * size for g in gaps) >= 2


def rule_bands(page: Page) -> tuple[tuple[float, float], ...]:
    """Vertical bands of ruled grids (three or more horizontal rules close together)."""
    tops = sorted({round(r.top, 1) for r in page.hrules})
    bands, group = [], []
    for t in tops:
        if group and t - group[-1] > 80:
            bands.append(group)
            group = []
        group.append(t)
    if group:
        bands.append(group)
    return tuple((g[0] - 1, g[-1] + 1) for g in bands if len(g) >= 3)


def narrative_lines(page: Page, bands=()) -> list[TextLine]:
    return [ln for ln in page.lines
            if not _in_bands(ln, bands) and not ph.FOOTER_RE.match(ln.text) and not _tabular(ln)]


def _margins(lines: list[TextLine]) -> tuple[float, float, float]:
    xs = [round(ln.x0) for ln in lines]
    common = [x for x in set(xs) if xs.count(x) >= 2] or xs
    ends = sorted(ln.x1 for ln in lines)
    size = sorted(w.size for ln in lines for w in ln.words)[len(lines) // 2] if lines else 10.0
    return min(common), ends[int(0.9 * (len(ends) - 1))], size


def _spaced(lines: list[str]) -> bool:
    spaced = sum(len(re.findall(rf"[\d%] (?={ph.CJK})|{ph.CJK} (?=\d)", t)) for t in lines)
    tight = sum(len(re.findall(rf"[\d%](?={ph.CJK})|{ph.CJK}(?=\d)", t)) for t in lines)
    return spaced > tight


def _joiner(a: str, b: str, spaced: bool) -> str:
    if not a or not b:
        return ""
    x, y = a[-1], b[0]
    if x.isascii() and x.isalpha() and y.isascii() and y.isalpha():
        return " "
    if spaced and ((re.match(r"[\d%]", x) and re.match(ph.CJK, y)) or (re.match(ph.CJK, x) and y.isdigit())):
        return " "
    return ""


def _finish(parts: list[tuple[str, int]]) -> Paragraph:
    spaced = _spaced([t for t, _ in parts])
    text, starts = "", []
    for t, pg in parts:
        text += _joiner(text, t, spaced)
        starts.append((len(text), pg))
        text += t
    if not spaced:
        # justified lines print stray gaps that read as spaces; tight paragraphs have none
        text, starts = _tighten(text, starts)
    return Paragraph(text, tuple(starts))


def _tighten(text: str, starts: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    drop = {m.start() for m in re.finditer(rf"(?<=[\u4e00-\u9fff，。：；、（）]) (?=\d)|(?<=[\d%]) (?={ph.CJK})", text)}
    if not drop:
        return text, starts
    out, shift = [], []
    removed = 0
    for i, ch in enumerate(text):
        shift.append(removed)
        if i in drop:
            removed += 1
        else:
            out.append(ch)
    return "".join(out), [(off - shift[off] if off < len(shift) else off - removed, pg) for off, pg in starts]


def _row_line(text: str) -> bool:
    return text.count(rowtables.SEPARATOR) >= 2


def paragraphs(pages: list[Page], regions: dict | None = None) -> list[Paragraph]:
    """The narrative of the document as paragraphs, in reading order."""
    regions = regions or {}
    raw: list[list[tuple[str, int]]] = []
    prev = None          # (line, right margin, size) of the previous narrative line
    for page in pages:
        bands = tuple(regions.get(page.number, ())) + rule_bands(page)
        lines = narrative_lines(page, bands)
        if not lines:
            continue
        left, right, size = _margins(lines)
        for ln in lines:
            text = ln.text.strip()
            indented = ln.x0 > left + 0.8 * size
            new = prev is None
            if prev is not None:
                pline, pright, psize, ppage = prev
                ends = pline.text.rstrip()[-1:] in ph.TERMINAL
                # a justified line breaks early before a token that cannot be split ("81.2%，", "（项）")
                full = pline.x1 >= pright - (1.2 if ends or indented else EARLY_BREAK_EMS) * psize
                new = not full or (indented and (ends or bool(ph.ENUM_RE.match(text))))
                # a blank line's height between two lines of a page is a paragraph break
                new = new or (ppage == page.number and ln.top - pline.bottom > PARAGRAPH_GAP_EMS * psize)
                # a row of a table printed as text ("合计 | 18.15 | 22.15 |") is a line of its own
                new = new or _row_line(text) or _row_line(pline.text)
            if new:
                raw.append([])
            raw[-1].append((text, page.number))
            prev = (ln, right, size, page.number)
    # A paragraph cut without closing punctuation (the source split it at a page) continues.
    merged: list[list[tuple[str, int]]] = []
    for part in raw:
        if merged:
            last = merged[-1]
            tail, head = last[-1][0], part[0][0]
            if (tail[-1:] not in ph.TERMINAL and not ph.HEADING_RE.match(last[0][0])
                    and not _row_line(tail) and not _row_line(head)
                    and not ph.ENUM_RE.match(head) and not ph.LABEL_RE.match(head)
                    and not ph.HEADING_RE.match(head) and len(last) + len(part) > 2):
                last.extend(part)
                continue
        merged.append(list(part))
    return [_finish(p) for p in merged]


# ---------------------------------------------------------------- sections

_LEVEL = (("第", 0), ("（", 2), ("(", 2))


def _heading(text: str) -> tuple[int, str] | None:
    m = ph.HEADING_RE.match(text)
    if not m:
        return None
    mark = m.group("mark")
    level = next((lv for p, lv in _LEVEL if mark.startswith(p)), 1)
    if len(text) <= 60 and not ph.FIGURE_RE.search(ph.fold(text)):
        return level, text.strip()
    head = re.match(r"^([^：:。，,]{2,24})[：:]", text)
    if head and not re.search(r"\d", head.group(1)[len(mark):]):
        return level, head.group(1).strip()
    return None


# ---------------------------------------------------------------- clauses

@dataclass
class _Draft:
    subject: str
    start: int
    end: int
    amount: Amount | None = None
    change: Amount | None = None
    direction: str | None = None
    direction_word: str | None = None
    rate: Percent | None = None
    rate_direction: str | None = None
    rate_word: str | None = None
    share: Percent | None = None
    share_of: str | None = None
    reason: str | None = None
    prior: Amount | None = None
    no_base: bool = False
    comparison: str = YOY
    compared: bool = False             # the comparison was printed (not the default)
    hedged: bool = False
    count: int | None = None           # a stated number of projects (topic "count")
    budget: Amount | None = None       # 决算: the budget base of a 完成率 (完成全年预算84.82万元的…)
    execution: Percent | None = None   # 决算: the stated 完成率
    carried: bool = False              # its change / rate stand in a later sentence of no subject of its own
    spans: list = field(default_factory=list)

    def take(self, s: int, e: int) -> None:
        self.spans.append((s, e))
        self.end = max(self.end, e)


_ORG = r"^.{2,40}?(?:局|委员会|委|厅|中心|院|所|站|办公室|部|处|队|馆)\s*(?=20\d\d\s*年|部门|本部门|的)"
_COUNT = ph.NUM + r"\s*(?:辆|台（套）|台|套|个|人|平方米|家|项|次|份|名)"


def clean_subject(text: str) -> str:
    s = ph.fold(text).strip(" 、，,；;：:")
    s = ph.ENUM_RE.sub("", s)
    s = re.sub(r"^\s*其中\s*[：:，,]?", "", s)
    s = re.sub(r"^\s*(?:两者)?(?:对比|相比|比较)\s*", "", s)
    s = re.sub(_ORG, "", s)
    s = re.sub(r"^\s*(?:截至)?\s*20\d\d\s*年(?:度|底)?\s*[,，]?", "", s)
    s = re.sub(r"^\s*(?:本部门|本单位|本局|我局|我单位|我部门|本年度|本年)\s*", "", s)
    s = re.sub(_COUNT, "", s)
    s = re.sub(r"(?:预算数|决算数|数)?\s*(?:为|是)$", "", s.strip())
    s = re.sub(r"20\d\d\s*年(?:度)?\s*(?:预算数?|决算数?|安排)?$", "", s.strip())   # 「…（项）2025年预算为」
    s = re.sub(r"[约近]$", "", s.strip())
    return re.sub(r"^(?:的|和|及|与)", "", s.strip(" 、，,；;：:（("))


def _generic(subject: str) -> bool:
    return subject in _GENERIC or len(subject) < 2 or not re.search(ph.CJK, subject)


def _comparison(m: re.Match, year: int | None) -> str:
    if m.re is fph.BUDGET_COMPARISON_RE:
        return "年初预算"
    if m.group("comp") == "同比":
        return YOY
    base, kind, yr = m.group("base") or "", m.group("kind") or "", m.group("yr")
    if base.startswith("年初"):
        return "年初预算"
    if base.startswith("调整"):
        return "调整预算"
    if yr and not (year and int(yr) == year - 1):
        return f"{yr}年{kind}"
    if "决算" in kind:
        return "上年决算"
    if "执行" in kind:
        return "上年执行数"
    return YOY


def _money(m: re.Match) -> Amount | None:
    return Amount.parse(ph.clean_number(m.group("num")), ph.money_unit(m.group("unit")))


def _pct(m: re.Match) -> Percent | None:
    return Percent.parse(ph.clean_number(m.group("pnum")))


def _sentences(f: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(f):
        if ch in "。；;！？!?":
            out.append((start, i))
            start = i + 1
    if start < len(f):
        out.append((start, len(f)))
    return [(s, e) for s, e in out if f[s:e].strip()]


def _clauses(w: str, s: int, e: int) -> list[tuple[int, int]]:
    out, start = [], s
    lists = [(m.start("list"), m.end("list")) for m in ph.EACH_RE.finditer(w, s, e)]   # 各是A,B万元: one clause
    for i in range(s, e):
        ch = w[i]
        cut = ch in "，：:" or (ch == "," and not (i > s and w[i - 1].isdigit() and w[i + 1:i + 4].isdigit()))
        cut = cut and not any(a < i < b for a, b in lists)
        if cut:
            out.append((start, i))
            start = i + 1
    out.append((start, e))
    return [(a, b) for a, b in out if w[a:b].strip()]


# Words that name a quantity, not an item (较上年「支出数」减少…): they do not start a statement of their own.
_QUANTITY_RE = re.compile(r"(?:支出|收入)?(?:决算|预算|执行)?数|支出|收入")
# The words before the first figure of a sentence that continues the previous one: none but a comparison
# and a direction word (「；对比减少4.35万元」, 「；减少率35.22%」, 「；增幅为」).
_CONTINUATION_RE = re.compile(r"^\s*(?:两者)?(?:对比|相比|比较|同比)?[增减降升幅率少多加长低为了下上提高\s]*$")
_PAREN_RE = re.compile(r"[（(][^（）()]*?(?:万元|元|%)[^（）()]*[)）]")
# A subject that names nothing but the previous year and a basis (「上年预算数为22.00万元」, 「上年为…」,
# 「去年同期决算数」): the figure is the base of the statement it follows, not an amount of its own.
_LAST_YEAR_SUBJECT_RE = re.compile(r"(?:上\s*年|上一年|去年)(?:度)?(?:同期)?(?:支出|收入)?(?:预算执行|预算|决算|执行|实际)?"
                                   r"(?:支出|收入)?(?:数|金额|额)?")
# A subject that names a change (「增加额为20.00万元」「减少金额」): the figure is a change in that direction, not an amount.
_CHANGE_NAME_RE = re.compile(r"(?:比上年|较上年|同比)?(?P<dir>增加|增长|减少|下降)(?:额|金额|数额)")
# A sentence after ；that opens with a comparison of its own and names no subject (「；与上年相比，减少50.00万元」)
# continues the statement before it: the same amount compared with another base.
_COMPARISON_LEAD_RE = re.compile(r"^\s*(?:与|和|同|比|较|对比)\s*(?:上\s*年|上一年|去年|年初|调整后?)(?:度)?(?:预算|决算|执行)?数?"
                                 r"\s*(?:相比|比较)?\s*[，,]?\s*[增减降升幅率少多加长低为了下上提高\s]*$")


def _only_a_change(text: str) -> bool:
    """A parenthesis that holds nothing but a change or a rate (「增加2.00万元」「同比下降5%」)."""
    rest = ph.CHANGE_RE.sub("", ph.RATE_RE.sub("", text))
    return rest != text and not re.sub(r"[\s，,、]|同比|比上年|较上年", "", rest)


def _resumes(w: str, cs: int, ce: int) -> bool:
    """A clause that opens with a comparison with last year and states a change or rate (「比上年增加90.00万元」)."""
    m = ph.COMPARISON_RE.match(w, cs + len(w[cs:ce]) - len(w[cs:ce].lstrip()), ce)
    return m is not None and bool(ph.CHANGE_RE.search(w, m.end(), ce) or ph.RATE_RE.search(w, m.end(), ce))


class _Parser:
    """Statements of one paragraph; offsets are offsets in the paragraph text."""

    def __init__(self, text: str, year: int | None):
        self.text = text
        self.f = ph.fold(text)
        self.year = year
        self.drafts: list[_Draft] = []
        self.unparsed: list[tuple[int, str, str]] = []   # (offset, text, reason)
        self.covered: list[tuple[int, int]] = []
        self.sentence_start = 0
        self.carry: _Draft | None = None
        self.figured: tuple[list[_Draft], bool, int, int] = ([], False, 0, 0)   # see run

    def run(self) -> None:
        head = ""
        for s, e in _sentences(self.f):
            before = len(self.drafts)
            last = self.drafts[-1] if self.drafts else None
            w = self.f
            for pm in _PAREN_RE.finditer(self.f, s, e):
                if _only_a_change(pm.group()[1:-1]):
                    continue        # 「比上年增长20.00%（增加2.00万元）」: the change of the statement it follows
                if ph.MONEY_RE.search(pm.group()) and re.search(ph.CJK, pm.group()[1:3]):
                    self._sentence(self.f, pm.start() + 1, pm.end() - 1)
                    w = w[:pm.start()] + " " * (pm.end() - pm.start()) + w[pm.end():]
            # a sentence after ；that names no subject of its own continues the last statement before it
            # (「2016年预算8万元，2015年预算12.5万元；对比减少4.35万元；减少率35.22%」)
            lead = re.split(r"\d", self.f[s:e], maxsplit=1)[0]
            cont = s > 0 and self.f[s - 1] in "；;" and bool(_CONTINUATION_RE.match(lead) or _COMPARISON_LEAD_RE.match(lead))
            self.carry = self.drafts[-1] if self.drafts and cont else None
            if self.carry is None and (_CONTINUATION_RE.match(lead) or _COMPARISON_LEAD_RE.match(lead)):
                # 「基本支出预算数为18570.82万元。与上年相比增加1447.63万元，增长8.45%。」: the subject and amount of
                # the statement before it in the paragraph (see _earlier)
                self.carry = self._earlier(s, e)
            unread = len(self.unparsed)
            self._sentence(w, s, e)
            if self.carry is not None and not cont and (self.carry.change is not None or self.carry.rate is not None):
                self.carry.carried = True
            # the 决算 / execution forms of this sentence (parsers/final_phrases.py)
            _final_forms(self.drafts[before:], head, self.f)
            self.drafts[before:] = _execution_tail(last, self.drafts[before:], self.f)
            head = _classification_head(self.f[s:e]) if len(self.drafts) == before else ""
            if len(self.drafts) == before and last is not None and (last.budget is not None or last.execution is not None) \
                    and fph.SIDE_RE.search(self.f, s, e):
                last.take(s, e)     # 「决算数小于年初预算数的主要原因是…」 says which side it is on
            self._leftovers(s, e)
            if ph.FIGURE_RE.search(self.f, s, e):
                # the last sentence with a figure: the statements it made and whether it left a figure unread
                self.figured = (self.drafts[before:], len(self.unparsed) == unread, s, e)

    def _earlier(self, s: int, e: int) -> _Draft | None:
        """The statement a sentence of no subject of its own (「与上年相比增加Y万元，增长Z%」) continues: the one
        statement made by the last sentence with a figure in the paragraph, when that sentence read every figure
        it holds and the statement is a plain amount of a named item (no change, rate or base of its own; a share
        of it only when the sentence states a change in money, which cannot be the share's).
        Otherwise None: two statements (two candidate subjects), a figure left unread (a 主要用于 list with
        amounts), a sentence that compares already, or one that names another year than the document's
        leave the change unread."""
        clauses = _clauses(self.f, s, e)
        stop = next((cs for cs, _ in clauses if ph.REASON_RE.match(self.f, cs)), e)
        kinds = [k for k, _ in self._events(self.f, s, stop) if k != "comp"]
        if not kinds or not set(kinds) <= {"change", "rate"} or not self.f[s:e].strip()[:1].strip("0123456789"):
            return None
        made, clean, fs, fe = self.figured
        if len(made) != 1 or not clean:
            return None
        d = made[0]
        if _generic(d.subject) or d.amount is None or d.count is not None or d.no_base or d.hedged \
                or any(x is not None for x in (d.change, d.rate, d.prior, d.budget, d.execution, d.direction)):
            return None
        if d.share is not None and "change" not in kinds:
            return None     # 「…万元，占99.21%。与上年相比增长5%。」 may be of the share; a change in 万元 is of the amount
        years = {int(y) for y in _YEAR_RE.findall(self.f[fs:fe] + self.f[s:stop])}
        if self.year is not None and not years <= {self.year}:
            return None     # 「2017年…预算数为250万元。」 in 2018: not this year's amount (as carry_amounts)
        return d

    # one sentence, on a working copy `w` where processed parentheses are blanked
    def _sentence(self, w: str, s: int, e: int) -> None:
        self.sentence_start = s
        cur: _Draft | None = self.carry
        pending, pending_start = "", None
        listed: list[_Draft] = []
        open_comp = None        # 「与年初预算相比，增加…」: a comparison clause of its own, for the next change / rate
        clauses = _clauses(w, s, e)
        skip_to = 0                         # clauses before this index are part of a reason already read
        for k, (cs, ce) in enumerate(clauses):
            if k < skip_to:
                continue
            clause = w[cs:ce]
            if ph.REASON_RE.match(clause):
                # 「…900.00万元，主要原因是项目增加，比上年增加90.00万元」: the reason ends where a clause opens with a
                # comparison and a change of its own; otherwise it runs to the end of the sentence
                resume = next((j for j in range(k + 1, len(clauses)) if _resumes(w, *clauses[j])), len(clauses))
                end = clauses[resume - 1][1] if resume < len(clauses) else e
                if cur is not None:
                    m = ph.REASON_RE.match(clause)
                    cur.reason = self.text[cs + m.end():end].strip(" ，,")
                    cur.take(cs, end)
                self.covered.append((cs, end))
                if resume == len(clauses):
                    return
                skip_to = resume
                continue
            if ph.USAGE_RE.match(clause):
                cur = None
                continue
            self._counts(w, cs, ce)
            placeholder = ph.PLACEHOLDER_RE.search(w, cs, ce)
            if placeholder is not None:
                # 「比上年增（减）0.52万元」: a template word left in the text, no direction: the figure after it is
                # not read (never a change in a direction the text does not give)
                self.unparsed.append((cs, self.text[cs:ce], "增减方向为模板占位词：" + placeholder.group()))
                self.covered.append((placeholder.start(), ce))
                ce = placeholder.start()
                clause = w[cs:ce]
            events = self._events(w, cs, ce)
            each = ph.EACH_RE.search(w, cs, ce)
            if each is not None:
                comp = next((m for k, m in events if k == "comp"), None) or open_comp
                listed[:] = self._each(w, cs, ce, each, pending, listed, comp)
                cur = listed[-1] if listed else cur
                continue
            if not events:
                subj = clean_subject(clause)
                if not _generic(subj):
                    lead = ph.ENUM_RE.match(clause)
                    pending, pending_start = subj, cs + (lead.end() if lead else len(clause) - len(clause.lstrip()))
                continue
            if "分别" in clause and self._paired(w, cs, ce, events, pending, listed):
                cur = listed[-1] if listed else cur
                continue
            if len(listed) >= 2 and re.match(r"\s*(?:均|都|也均|亦均)", clause) \
                    and {k for k, _ in events} <= {"comp", "flat"} and any(k == "flat" for k, _ in events):
                # 「A与B分别为…万元和…万元，均与去年持平」: each listed item is flat
                flat = next(m for k, m in events if k == "flat")
                comp = next((m for k, m in events if k == "comp"), None)
                for d in listed:
                    d.direction, d.direction_word = "持平", flat.group()
                    d.rate_direction = d.rate_direction or "持平"
                    if comp is not None:
                        d.comparison = _comparison(comp, self.year)
                    d.take(cs, ce)
                continue
            pos, comp = cs, None
            if all(k == "comp" for k, _ in events) and not clean_subject(
                    w[cs:events[0][1].start()] + w[events[-1][1].end():ce]).strip():
                open_comp = events[-1][1]
                continue
            for kind, m in events:
                if kind == "comp":
                    comp = m
                    continue
                if comp is None and open_comp is not None and kind in ("change", "rate", "flat"):
                    comp = open_comp
                gap = w[pos:m.start()]
                if comp is not None and comp.start() >= pos:
                    gap = w[pos:comp.start()] + w[comp.end():m.start()]
                subj = clean_subject(gap)
                own = not _generic(subj)
                lead = ph.ENUM_RE.match(w, pos, m.start())
                gap_start = lead.end() if lead else pos + len(w[pos:m.start()]) - len(w[pos:m.start()].lstrip(" ，,、；;："))
                if comp is open_comp and comp is not None:
                    gap = w[pos:m.start()]          # the comparison stands in an earlier clause
                    subj = clean_subject(gap)
                    own = not _generic(subj)
                    if kind == "change":
                        open_comp = None            # one comparison clause, one change after it
                cur = self._apply(kind, m, cur, subj if own else None, gap_start, pending, pending_start, comp)
                pos, comp = m.end(), None
        return

    def _counts(self, w: str, cs: int, ce: int) -> None:
        """「当年预算安排项目共27个」: a statement of topic "count" whose quote is the clause up to the count."""
        for m in ph.PROJECT_COUNT_RE.finditer(w, cs, ce):
            verb = re.search(r"(?:安排|实施|设置|设立)?\s*(?=\d)", m.group()).group() if m.group("n2") else ""
            head = clean_subject(w[cs:m.start()] + verb.strip() + "项目")
            subject = re.sub(r"^(?:共计|合计|总计|共)", "", head) + "个数"
            lead = len(w[cs:m.start()]) - len(w[cs:m.start()].lstrip(" 、，,；;：:"))
            d = self._new(subject, cs + lead)
            d.count = int(m.group("n") or m.group("n2"))
            d.take(m.start(), m.end())

    def _events(self, w: str, cs: int, ce: int) -> list[tuple[str, re.Match]]:
        found: list[tuple[str, re.Match]] = []
        # (execution before share: 「占年初预算的80%」 is the 完成率, not a share of some total)
        for kind, rx in (("comp", ph.COMPARISON_RE), ("change", ph.CHANGE_RE), ("rate", ph.RATE_RE),
                         ("execution", fph.EXECUTION_RE), ("share", ph.SHARE_RE), ("flat", ph.FLAT_RE),
                         ("nobase", ph.NO_BASE_RE), ("comp", fph.BUDGET_COMPARISON_RE)):
            found += [(kind, m) for m in rx.finditer(w, cs, ce)]
        taken = [(m.start(), m.end()) for k, m in found if k in ("change", "share", "execution")]
        taken += [(m.start("prior"), m.end("punit")) for k, m in found if k == "comp" and m.group("prior")]
        for m in ph.MONEY_RE.finditer(w, cs, ce):
            if not any(a <= m.start() < b for a, b in taken) and ph.is_money(m, w, cs):
                found.append(("amount", m))
        # a comparison holding a stated prior figure also hides the amount inside it
        found.sort(key=lambda km: (km[1].start(), -km[1].end()))
        out, last_end = [], -1
        for k, m in found:
            if m.start() < last_end and k != "comp":
                continue
            out.append((k, m))
            if k != "comp":
                last_end = m.end()
        return out

    def _prior_year(self, start: int, end: int) -> bool:
        """The words before an amount name the previous year and not this one (「2016年度…为」 in 2017)."""
        if self.year is None:
            return False
        words = re.split(r"[（(，,：:]|相比|比较", self.f[start:end])[-1]      # back to the nearest boundary
        years = {int(y) for y in re.findall(r"(20\d\d)\s*年", words)}
        # the sentence must name this year too: a year read wrongly from a page without a cover is no evidence
        sentence = {int(y) for y in re.findall(r"(20\d\d)\s*年", self.f[self.sentence_start:end])}
        return self.year - 1 in years and self.year not in years and self.year in sentence

    def _new(self, subject: str, start: int) -> _Draft:
        d = _Draft(subject, start, start)
        self.drafts.append(d)
        return d

    def _apply(self, kind, m, cur, own, gap_start, pending, pending_start, comp):
        def fresh() -> _Draft:
            if own and only_basis(own) and self.drafts and self.drafts[-1].start >= self.sentence_start:
                # 「…“三公”经费支出预算为24.5万元，支出决算为11.96万元」: the same item on another basis
                return self._new(printed_item(self.drafts[-1].subject) + own, gap_start)
            if own:
                return self._new(own, gap_start)
            if pending:
                return self._new(pending, pending_start)
            return self._new("", m.start() if comp is None else comp.start())

        hedged = bool(ph.HEDGE_RE.search(self.f[max(0, m.start() - 3):m.start()]))
        if kind == "amount" and own and own.endswith("均") and "、" in own:
            # 「A、B均为0万元」: the same amount for each named subject
            for name in own[:-1].split("、"):
                d = self._new(name.strip(), gap_start)
                d.amount = _money(m)
                d.take(m.start(), m.end())
            return d
        last_year = _LAST_YEAR_SUBJECT_RE.fullmatch(own) if kind == "amount" and own else None
        change_name = _CHANGE_NAME_RE.fullmatch(own) if kind == "amount" and own else None
        if change_name is not None:
            # 「…增长25.00%，增加额为20.00万元」: the change of the statement before it, with the direction its name says
            d = cur if cur is not None and cur.change is None and cur.direction != "持平" else self._new(own, gap_start)
            d.change, d.direction_word = _money(m), change_name.group("dir")
            d.direction = ph.normalise_amount_word(change_name.group("dir"))
        elif last_year is not None:
            # 「…20.00万元，上年预算数为22.00万元，减少2.00万元」: the base of the statement before it
            base = self.f[gap_start:m.start()]        # the words as printed (the subject has lost 决算数为)
            said = "上年决算" if "决算" in base else "上年执行数" if "执行" in base else YOY
            # the statement before it, when it compares with last year (not with this year's budget) on that basis
            d = cur if cur is not None and cur.amount is not None and cur.prior is None and not cur.no_base \
                and cur.comparison in (YOY, said) else self._new(own, gap_start)
            d.prior = _money(m)
            d.comparison = said if d.comparison == YOY else d.comparison
        elif kind == "amount" and self._prior_year(gap_start, m.start()):
            # 「（2016年度部门支出预算安排为8,648.07万元）」 in a 2017 document: the base, not this year's amount
            d = cur if cur is not None and cur.prior is None and cur.change is None else fresh()
            d.prior = _money(m)
        elif kind == "amount":
            d = fresh() if (own or cur is None or cur.amount is not None or cur.change is not None) else cur
            d.amount = _money(m)
        elif kind == "change" and (not own or _QUANTITY_RE.fullmatch(own)) and comp is not None and cur is not None \
                and ((cur.change is not None and cur.amount is not None)
                     or (cur.direction == "持平" and cur.comparison != _comparison(comp, self.year))):
            # 「支出9.07万元，较年初预算数减少10.93万元，…，较上年支出数减少0.71万元」: a second comparison of the
            # same amount (「公务接待费支出决算比预算无增减变化，比去年增加0.50万元」: of the same item)
            d = self._new(cur.subject, comp.start())
            d.amount = cur.amount
            d.change = _money(m)
            d.direction_word = m.group("dir")
            d.direction = ph.normalise_amount_word(m.group("dir"))
            hedged = hedged or bool(m.group("hedge"))
        elif kind == "change":
            d = fresh() if (own or cur is None or cur.change is not None or cur.direction == "持平") else cur
            d = self._other_base(d, cur, comp, d.rate is not None)
            d.change = _money(m)
            d.direction_word = m.group("dir")
            d.direction = ph.normalise_amount_word(m.group("dir"))
            hedged = hedged or bool(m.group("hedge"))
        elif kind == "rate":
            d = fresh() if (own and cur is None) or cur is None or cur.rate is not None else cur
            d = self._other_base(d, cur, comp, d.change is not None)
            d.rate = _pct(m)
            d.rate_word = m.group("rdir")
            d.rate_direction = ph.normalise_rate_word(m.group("rdir"))
            hedged = hedged or bool(m.group("rhedge"))
        elif kind == "share":
            d = cur if cur is not None and cur.share is None and not own else fresh()
            d.share = _pct(m)
            of = re.sub(r"^的|的$|比重$|比例$", "", m.group("of").strip())
            d.share_of = of or None
        elif kind == "flat":
            d = cur if cur is not None and not own else fresh()
            d.direction, d.direction_word = "持平", m.group()
            if d.rate is None:
                d.rate_direction = "持平"
        elif kind == "execution":
            # 完成(全年)预算(84.82万元)的73.2%: the 完成率 of the statement it follows, and its budget base
            d = cur if cur is not None and cur.execution is None and not own else fresh()
            d.execution = Percent.parse(ph.clean_number(fph.execution_pct(m)))
            if m.group("bnum"):
                d.budget = Amount.parse(ph.clean_number(m.group("bnum")), m.group("bunit"))
        else:  # nobase
            d = cur if cur is not None else fresh()
            d.no_base = True
        if comp is not None and kind in ("change", "rate", "flat"):
            d.comparison = _comparison(comp, self.year)
            d.compared = True
            if comp.group("prior"):
                d.prior = Amount.parse(ph.clean_number(comp.group("prior")), ph.money_unit(comp.group("punit")))
            d.take(comp.start(), comp.end())
        d.hedged = d.hedged or hedged
        d.take(m.start(), m.end())
        return d

    def _other_base(self, d: _Draft, cur: _Draft | None, comp, taken: bool) -> _Draft:
        """「…12.00万元，比年初预算增加2.00万元，同比增长50.00%」: a figure compared with another base than the one the
        statement already holds a figure against is a statement of its own (same item, same amount), never the
        rate of a change measured against something else."""
        this_year = ("年初预算", "调整预算")       # this year's budget; every other base is a year before
        if d is not cur or cur is None or comp is None or not taken or not cur.compared \
                or (_comparison(comp, self.year) in this_year) == (cur.comparison in this_year):
            return d
        other = self._new(cur.subject, comp.start())
        other.amount = cur.amount
        return other

    def _paired(self, w, cs, ce, events, pending, listed) -> bool:
        """分别为A万元、B万元 / 分别增长x%、y%: one statement per named subject, or nothing."""
        amounts = [m for k, m in events if k == "amount"]
        clause = w[cs:ce]
        if len(amounts) >= 2 and not any(k == "change" for k, _ in events):
            head = clean_subject(clause[:clause.index("分别")]) or pending
            # 及 / 和 may be inside a name (公务用车购置及运行维护费): the split whose count fits the figures
            splits = [[n for n in re.split(rx, head) if n.strip()] for rx in (r"、|和|及|与", r"、|和|与", r"、|与", r"、")]
            names = next((ns for ns in splits if len(ns) == len(amounts)), splits[0])
            if len(names) != len(amounts):
                self.unparsed.append((cs, self.text[cs:ce], f"paired list: {len(names)} subjects for {len(amounts)} figures"))
                self.covered.append((cs, ce))
                return True
            listed.clear()
            for name, m in zip(names, amounts):
                d = self._new(name.strip(), cs)
                d.amount = _money(m)
                d.take(cs, ce)
                listed.append(d)
            return True
        series = self._series(w, cs, ce)
        if series is None:
            return False
        kind, items = series
        if not listed:
            # 「人员经费80.00万元、公用经费20.00万元，分别比上年增加8.00万元、2.00万元」: the items stated before it in the sentence
            listed = [d for d in self.drafts if d.start >= self.sentence_start and d.amount is not None
                      and d.change is None and d.rate is None and d.share is None]
        if len(listed) != len(items):
            self.unparsed.append((cs, self.text[cs:ce], f"paired list: {len(items)} figures for {len(listed)} subjects"))
            self.covered.append((cs, ce))
            return True
        comp = next((m for k, m in events if k == "comp"), None)
        for d, (word, m) in zip(listed, items):
            if kind == "change":
                d.change, d.direction_word, d.direction = _money(m), word, ph.normalise_amount_word(word)
            else:
                d.rate, d.rate_word, d.rate_direction = _pct(m), word, ph.normalise_rate_word(word)
            if comp is not None:
                d.comparison = _comparison(comp, self.year)
            d.take(cs, ce)
        return True

    def _each(self, w, cs, ce, m, pending, listed, comp) -> list[_Draft]:
        """「收、支总计各是A,B万元」: one statement per named item (收、支总计 → 收入总计, 支出总计); 「各增加C、D万元」
        「各增长x%、y%」: the changes / rates of the items named in the clause, else of those listed just before.
        Names and figures that do not pair one to one are left unread (never a figure given to another item)."""
        items = list(ph.EACH_ITEM_RE.finditer(m.group("list")))
        units = [it.group("unit") for it in items]
        unit = units[-1]
        names = _each_names(clean_subject(w[cs:m.start()]) or pending)
        kinds = {("%" if u == "%" else "money") for u in units if u}
        word = m.group("dir")
        if unit is None or len(kinds) != 1 or (unit == "%" and not word):
            self.unparsed.append((cs, self.text[cs:ce], "各项数字单位不明"))
            self.covered.append((cs, ce))
            return []
        targets = [] if names else list(listed)
        if names and len(names) == len(items):
            targets = [self._new(name, cs) for name in names]
        if len(targets) != len(items):
            self.unparsed.append((cs, self.text[cs:ce], f"各项列示：{len(names) or len(listed)} 个项目对 {len(items)} 个数字"))
            self.covered.append((cs, ce))
            return []
        for d, it in zip(targets, items):
            u = it.group("unit") or unit
            num = ph.clean_number(it.group("num"))
            if unit == "%":
                d.rate, d.rate_word, d.rate_direction = Percent.parse(num), word, ph.normalise_rate_word(word)
            elif word:
                d.change, d.direction_word = Amount.parse(num, ph.money_unit(u)), word
                d.direction = ph.normalise_amount_word(word)
            else:
                d.amount = Amount.parse(num, ph.money_unit(u))
            if comp is not None and (word or unit == "%"):
                d.comparison = _comparison(comp, self.year)
            d.take(cs, ce)
        return targets

    def _series(self, w, cs, ce):
        """「分别增长5%、下降2%」/「分别增加a万元、b万元」: (kind, [(word, figure match), …]) or None."""
        for kind, figure_re, word_re in (("rate", ph.PCT_RE, ph.RATE_RE), ("change", ph.MONEY_RE, ph.CHANGE_RE)):
            figures = list(figure_re.finditer(w, cs, ce))
            if len(figures) < 2:
                continue
            worded = {m.end(): m.group("rdir" if kind == "rate" else "dir") for m in word_re.finditer(w, cs, ce)}
            items, word = [], None
            for m in figures:
                word = worded.get(m.end(), word)
                if word is None:
                    return None
                items.append((word, m))
            return kind, items
        return None

    def _leftovers(self, s: int, e: int) -> None:
        spans = self.covered + [sp for d in self.drafts for sp in d.spans]
        loose = [m.group().strip() for m in ph.FIGURE_RE.finditer(self.f, s, e)
                 if not any(a <= m.start() and m.end() <= b for a, b in spans)]
        if loose:
            self.unparsed.append((s, self.text[s:e].strip(), "数字未归入任何陈述：" + "、".join(loose)))


_SHORT_NAMES = (("收", "收入"), ("支", "支出"))


def _each_names(head: str) -> list[str]:
    """The items of 「收、支总计」「基本支出和项目支出」: 收入总计, 支出总计 (a name shorter than the last one takes the
    last one's ending; 收 / 支 alone are 收入 / 支出)."""
    parts = [p.strip() for p in re.split(r"、|和|及|与", re.sub(r"(?:均|都|分别)$", "", head or "")) if p.strip()]
    if len(parts) < 2:
        return []
    first, last = parts[0], parts[-1]
    if all(len(p) == len(first) for p in parts[:-1]) and len(last) > len(first) and len(first) <= 2:
        tail = last[len(first):]
        parts = [p + tail for p in parts[:-1]] + [last]
    out = []
    for p in parts:
        for short, full in _SHORT_NAMES:
            if p.startswith(short) and not p.startswith(full):
                p = full + p[len(short):]
        out.append(p)
    return out


# ---------------------------------------------------------------- 决算 forms

def _classification_head(sentence: str) -> str:
    """A sentence that only names a 类/款/项 subject (「1.农林水支出（类）农业农村（款）行政运行（项）」),
    for the figures of the next sentence (「年初预算为…万元，支出决算为…万元，完成年初预算的…%」)."""
    text = sentence.strip(" 。；;")
    if not fph.CLASSIFICATION_HEAD_RE.search(text) or ph.FIGURE_RE.search(text):
        return ""
    lead = ph.ENUM_RE.match(text)
    return text[lead.end():] if lead else text


def _execution_tail(last: _Draft | None, drafts: list[_Draft], text: str) -> list[_Draft]:
    """「…支出总计1741.75万元，…降低2.99%；完成年初预算100%，决算数大于预算数55.93万元，主要原因…」: a sentence that opens
    with a 完成率 of no subject continues the statement before it (which has an amount and no 完成率 yet); the
    「决算数大于/小于预算数X万元」 that follows is that statement's difference to its budget, not an amount of its own."""
    if last is None or last.amount is None or last.execution is not None or not drafts:
        return drafts
    first = drafts[0]
    if first.subject or first.amount is not None or first.change is not None or first.rate is not None \
            or first.execution is None:
        return drafts
    last.execution, last.budget = first.execution, first.budget or last.budget
    for sp in first.spans:
        last.take(*sp)
    rest = drafts[1:]
    if rest and fph.SIDE_RE.fullmatch(squash_subject(rest[0].subject)) and rest[0].amount is not None \
            and rest[0].change is None and rest[0].rate is None:
        for sp in rest[0].spans:
            last.take(*sp)
        rest = rest[1:]
    return rest


def squash_subject(subject: str) -> str:
    return re.sub(r"\s+", "", subject)


def _final_forms(drafts: list[_Draft], head: str, text: str) -> None:
    """The drafts of one sentence: 「年初预算为A万元，支出决算为B万元」 gives B's statement the budget A (and
    the subject of A with 决算 for 预算 when B names only 支出决算); a subject that is only 年初预算 / 支出决算
    takes the classification subject of the sentence before."""
    bare_budget = r"(?:年初|全年|年度|调整后?的?)?预算(?:数)?"
    bare_final = r"(?:支出)?决算(?:支出)?(?:数)?"
    if head:
        for d in drafts:
            if re.fullmatch(bare_budget, d.subject) or re.fullmatch(bare_final, d.subject):
                d.subject = head + d.subject
    for a, b in zip(drafts, drafts[1:]):
        said_a, said_b = text[a.start:a.end], text[b.start:b.end]
        budget = fph.is_budget_subject(a.subject) or fph.is_budget_subject(fph.AMOUNT_TAIL_RE.sub("", said_a))
        final = fph.is_final_subject(b.subject) or fph.is_final_subject(fph.AMOUNT_TAIL_RE.sub("", said_b))
        if (budget and final and a.amount is not None and a.change is None and a.rate is None
                and b.amount is not None and b.budget is None):
            b.budget = a.amount
            stem = fph.BUDGET_SUBJECT_RE.sub("", a.subject)
            if stem and re.fullmatch(bare_final, b.subject):
                b.subject = stem + (b.subject[2:] if stem.endswith("支出") and b.subject.startswith("支出") else b.subject)


# ---------------------------------------------------------------- topics

def topic_of(subject: str, section: str, code: str | None) -> str:
    """One of TOPICS, from the subject's words and the section it is printed in (section first)."""
    s, sec = subject, section
    if re.match(r"(?:涉及|所涉|其中)", s):
        return "other"      # 「涉及一般公共预算当年拨款5636万元」: the part of a total some projects involve, not the total
    if code or re.search(r"[（(]\s*[类款项]\s*[)）]", s):
        return "item"
    for topic, words in _SECTION_TOPICS:
        if re.search(words, sec):
            return topic
    for topic, words in _SUBJECT_TOPICS:
        if re.search(words, s):
            return topic
    if re.fullmatch(r"一般公共预算(?:拨款)?", s) and "财政拨款收支" in sec:
        return "gpb_total"
    if "收入" in sec:
        return "income_source"
    return "other"


TOPICS = ("count", "income_total", "expense_total", "income_source", "basic", "project", "gpb_total", "item",
          "three_public", "operating", "procurement", "assets", "entrusted", "carryover", "fund", "other")
_SECTION_TOPICS = (("three_public", "三公"), ("operating", "运行经费"), ("procurement", "政府采购"),
                   ("assets", "资产"), ("entrusted", "委托业务费"), ("carryover", "结转结余(?!.*收入)"),
                   ("fund", "政府性基金预算(?:拨款|支出)"))
_SUBJECT_TOPICS = (
    ("three_public", r"三公|因公出国|公务用车|公务接待"),
    ("operating", r"运行经费"),
    ("entrusted", r"委托业务费"),
    ("basic", r"基本支出"),
    ("project", r"项目支出"),
    # 「财政专户管理资金收入预算总计0万元」「其他资金收入预算总计」: the total of one source, a part of the whole
    # 「政府采购支出总额」: the total of the procurement, not of the department's spending
    ("procurement", r"^政府采购"),
    ("income_source", r"(?:资金|拨款|财政专户|事业|经营|其他|上级补助|上缴)收入(?:预算)?(?:总计|合计|总额)"),
    ("income_total", r"收入(?:预算)?(?:总计|合计|总额)|部门收入预算$|^收入预算$|收支总预算|收入总计|收支预算总"),
    ("expense_total", r"支出(?:预算)?(?:总计|合计|总额)|^(?:部门)?支出预算$|总支出"),
    ("gpb_total", r"财政拨款收支总|一般公共预算(?:当年)?拨款(?:合计|总计)|一般公共预算当年拨款$"
                  r"|^一般公共预算(?:财政)?拨款支出(?:决算|预算)?数?$"),
    ("fund", r"政府性基金"),
    ("income_source", r"收入$|转移支付|财政拨款结转|财政专户|单位资金"),
    ("carryover", r"结转|结余"),
    ("procurement", r"^政府采购"),
)


# ---------------------------------------------------------------- public API

def parse_paragraph(text: str, page: int = 1, section: str = "", year: int | None = None,
                    tables: tuple[Table, ...] = ()) -> list[Statement]:
    """The statements of one paragraph of plain text (all on `page`)."""
    par = Paragraph(text, ((0, page),))
    return carry_amounts(_statements(par, section, year, tables)[0], year)


# 「单价50万元以上」「单价20万元（含）以上」「50万元及以上」: a bound, not an amount of the budget
_THRESHOLD_RE = re.compile(r"\s*(?:[（(]\s*[含不]*含?\s*[)）])?\s*(?:及|或)?(?:以上|以下|以内)")


def _topic(d: _Draft, text: str, section: str, code: str | None) -> str:
    """count for a stated number of projects; threshold for a bound such as 单价50万元以上 (a
    criterion, not an amount of the budget); otherwise from the subject and section."""
    if d.count is not None:
        return "count"
    if d.change is None and d.rate is None and d.share is None and _THRESHOLD_RE.match(text, d.end):
        return "threshold"
    return topic_of(d.subject, section, code)


def _statements(par: Paragraph, section: str, year: int | None, tables) -> tuple[list[Statement], list[Unparsed]]:
    p = _Parser(par.text, year)
    p.run()
    out = []
    for d in p.drafts:
        if d.amount is None and d.change is None and d.rate is None and d.share is None and d.count is None \
                and d.execution is None and d.prior is None:
            continue
        code = resolve_code(d.subject, tables) if d.subject and d.count is None else None
        out.append(Statement(
            subject=d.subject, code=code, amount=d.amount, page=par.page_at(d.start),
            quote=par.text[d.start:d.end].strip(), section=section, change=d.change, direction=d.direction,
            direction_word=d.direction_word, rate=d.rate, rate_direction=d.rate_direction, rate_word=d.rate_word,
            share=d.share, share_of=d.share_of, reason=d.reason, prior_stated=d.prior, no_base=d.no_base,
            hedged=d.hedged, comparison=d.comparison, topic=_topic(d, par.text, section, code),
            budget=d.budget, execution=d.execution, carried=d.carried))
    unparsed = [Unparsed(par.page_at(off), t, why) for off, t, why in p.unparsed]
    return out, unparsed


_YEAR_RE = re.compile(r"(20\d\d)\s*年")


# 「收入、支出预算总计」「收、支预算总计各」「收支总预算」: one total of both sides (a budget's income and spending
# totals are equal), however a sentence words it
_BOTH_SIDES_RE = re.compile(r"收入?[、和及与]?支出?(?=总|预算|合计|$)")
_TOTAL_END_RE = re.compile(r"(?:总计|总额|合计|总)$")


def _subject_key(subject: str) -> str:
    """財政拨款“三公”经费预算, 财政拨款“三公”经费支出决算数 and 财政拨款“三公”经费 are one item (their bases
    are told apart by parsers/scope.py); so are 财政拨款预算支出 and 财政拨款支出, and the totals of both sides
    however worded (收入、支出预算总计 / 收、支预算总计各 — 各: the change is each side's; 财政拨款收、支总预算 /
    财政拨款收、支总计各)."""
    whole = stem(subject)
    k = re.sub(r"各$", "", whole)
    k = stem(k) if k != whole else k
    both = _BOTH_SIDES_RE.search(k)
    if both:
        k = _TOTAL_END_RE.sub("总计", (k[:both.start()] + "收支" + k[both.end():]).replace("预算", ""))
        return k if k.endswith("总计") else k + "总计"
    return re.sub(r"(?<!公共)(?<!基金)(?<!经营)预算(?=支出|收入|$)", "", k)


def carry_amounts(statements: list[Statement], year: int | None, kind: str | None = None) -> list[Statement]:
    """Give a change stated without its amount the amount stated for its subject earlier in the section.

    Only an amount statement with no change or rate of its own (a share is allowed) of the same section can lend its
    amount, only when its quote names no other year than the document's, only on the same basis (a 预算
    amount is not lent to a change of the 决算, parsers/scope.py), and only when the section states a single
    amount for the subject on that basis; otherwise the statement keeps amount None."""
    out: list[Statement] = []
    seen: dict[str, list[Statement]] = {}
    section = None
    for s in statements:
        if s.section != section:
            section, seen = s.section, {}
        key = _subject_key(s.subject) if s.subject else ""
        if not key or s.topic == "count":
            out.append(s)
            continue
        if s.amount is not None and s.change is None and s.rate is None:   # a share does not change the amount
            years = {int(y) for y in _YEAR_RE.findall(ph.fold(s.quote))}
            if year is None or years <= {year}:
                seen.setdefault(key, []).append(s)
        elif s.amount is None and (s.change is not None or s.rate is not None or s.direction == "持平"):
            lent = [x.amount for x in seen.get(key, []) if compatible(x.subject, s.subject, kind)]
            if lent and len({a.value for a in lent}) == 1:
                s = replace(s, amount=lent[0])
            elif not lent and s.change is not None and s.prior_stated is None and year is not None:
                s = _both_years(s, statements, year, kind)
        out.append(s)
    return out


_TOTAL_WORD_RE = re.compile(r"(?:合计|总计|总额|共计)$")


def _item_key(subject: str) -> str:
    """The item a subject names across the wording of a total (「2022年的“三公”经费决算数合计」 and
    「“三公”经费决算数」 are one item): the stem without a leading 的 and a trailing 合计/总计/总额."""
    return stem(_TOTAL_WORD_RE.sub("", re.sub(r"^的", "", stem(subject))))


def _both_years(s: Statement, statements: list[Statement], year: int, kind: str | None) -> Statement:
    """「2022年“三公”经费决算数合计为1000.86万元…。2021年的三公经费决算数合计为807.95万元…。“三公”经费决算数较上年
    增加275.76万元」: a change stated with neither its amount nor its base takes both from the plain amount
    statements of its section for the same item — one dated this year, one dated the year before (each quote
    names that year and no other). Both must be unique; otherwise the statement is left as it is."""
    key = _item_key(s.subject)
    if not key:
        return s
    dated: dict[int, set] = {year: set(), year - 1: set()}
    found: dict[int, Amount] = {}
    bases: dict[int, set] = {year: set(), year - 1: set()}
    for x in statements:
        if x is s or x.section != s.section or x.amount is None or x.change is not None or x.rate is not None \
                or x.share is not None or _item_key(x.subject) != key or not compatible(x.subject, s.subject, kind):
            continue
        years = {int(y) for y in _YEAR_RE.findall(ph.fold(x.quote))}
        if len(years) == 1 and years <= dated.keys():
            (y,) = years
            dated[y].add(x.amount.value)
            found[y] = x.amount
            bases[y].add(basis(_TOTAL_WORD_RE.sub("", re.sub(r"[\s“”\"']", "", x.subject))))
    # both years on one basis as their subjects name it (「2025年…预算」 and 「2024年…支出」 may be a budget and an outturn)
    if all(len(v) == 1 for v in dated.values()) and bases[year] == bases[year - 1]:
        return replace(s, amount=found[year], prior_stated=found[year - 1])
    return s


def document_year(pages: list[Page]) -> int | None:
    from .meta import extract_meta
    return extract_meta(pages).year


def extract_statements(pages: list[Page], regions: dict[int, tuple[tuple[float, float], ...]],
                       tables: tuple[Table, ...]) -> tuple[tuple[Statement, ...], tuple[Unparsed, ...]]:
    from .meta import extract_meta
    meta = extract_meta(pages)
    year, kind = meta.year, meta.kind
    levels: dict[int, str] = {}
    statements: list[Statement] = []
    unparsed: list[Unparsed] = []
    in_projects = False
    pars = paragraphs(pages, regions)
    rowed = _row_tables(pars)
    for k, par in enumerate(pars):
        if k in rowed:
            statements += rowed[k]
            continue
        head = _heading(par.text)
        if head:
            level, title = head
            levels = {k: v for k, v in levels.items() if k < level}
            levels[level] = title
            in_projects = in_projects and level > 1
        if PROJECT_START_RE.match(par.text):
            in_projects = True
        if in_projects:
            continue
        section = " › ".join(levels[k] for k in sorted(levels))
        st, un = _statements(par, section, year, tables)
        statements += st
        unparsed += un
    return tuple(carry_amounts(statements, year, kind)), tuple(unparsed)


def _row_tables(pars: list[Paragraph]) -> dict[int, list[Statement]]:
    """Runs of "|" rows read as year-over-year tables (parsers/rowtables.py): paragraph index → its statements
    (the first index of a run holds them all, the others none); runs that are not such tables are left out."""
    out: dict[int, list[Statement]] = {}
    run: list[int] = []
    for k in range(len(pars) + 1):
        if k < len(pars) and pars[k].text.count(rowtables.SEPARATOR) >= 2:
            run.append(k)
            continue
        if run:
            lines = [rowtables.Line(pars[i].text, pars[i].page_at(0)) for i in run]
            found = rowtables.read_table(lines)
            if found:
                found = [replace(st, topic=topic_of(st.subject, st.section, None)) for st in found]
                out.update({i: [] for i in run})
                out[run[0]] = found
            run = []
    return out


def is_yoy(s: Statement) -> bool:
    """A plain year-over-year comparison with the previous year's budget, not hedged."""
    return s.comparison == YOY


__all__ = ["Paragraph", "paragraphs", "parse_paragraph", "extract_statements", "topic_of", "clean_subject",
           "is_yoy", "carry_amounts"]
