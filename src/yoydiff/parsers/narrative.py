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
from .scope import compatible, only_basis, printed_item, stem
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
    hedged: bool = False
    count: int | None = None           # a stated number of projects (topic "count")
    budget: Amount | None = None       # 决算: the budget base of a 完成率 (完成全年预算84.82万元的…)
    execution: Percent | None = None   # 决算: the stated 完成率
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
    for i in range(s, e):
        ch = w[i]
        cut = ch in "，：:" or (ch == "," and not (i > s and w[i - 1].isdigit() and w[i + 1:i + 4].isdigit()))
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

    def run(self) -> None:
        head = ""
        for s, e in _sentences(self.f):
            before = len(self.drafts)
            last = self.drafts[-1] if self.drafts else None
            w = self.f
            for pm in _PAREN_RE.finditer(self.f, s, e):
                if ph.MONEY_RE.search(pm.group()) and re.search(ph.CJK, pm.group()[1:3]):
                    self._sentence(self.f, pm.start() + 1, pm.end() - 1)
                    w = w[:pm.start()] + " " * (pm.end() - pm.start()) + w[pm.end():]
            # a sentence after ；that names no subject of its own continues the last statement before it
            # (「2016年预算8万元，2015年预算12.5万元；对比减少4.35万元；减少率35.22%」)
            lead = re.split(r"\d", self.f[s:e], maxsplit=1)[0]
            cont = s > 0 and self.f[s - 1] in "；;" and bool(_CONTINUATION_RE.match(lead))
            self.carry = self.drafts[-1] if self.drafts and cont else None
            self._sentence(w, s, e)
            # the 决算 / execution forms of this sentence (parsers/final_phrases.py)
            _final_forms(self.drafts[before:], head, self.f)
            self.drafts[before:] = _execution_tail(last, self.drafts[before:], self.f)
            head = _classification_head(self.f[s:e]) if len(self.drafts) == before else ""
            if len(self.drafts) == before and last is not None and (last.budget is not None or last.execution is not None) \
                    and fph.SIDE_RE.search(self.f, s, e):
                last.take(s, e)     # 「决算数小于年初预算数的主要原因是…」 says which side it is on
            self._leftovers(s, e)

    # one sentence, on a working copy `w` where processed parentheses are blanked
    def _sentence(self, w: str, s: int, e: int) -> None:
        self.sentence_start = s
        cur: _Draft | None = getattr(self, "carry", None)
        pending, pending_start = "", None
        listed: list[_Draft] = []
        for cs, ce in _clauses(w, s, e):
            clause = w[cs:ce]
            if ph.REASON_RE.match(clause):
                if cur is not None:
                    m = ph.REASON_RE.match(clause)
                    cur.reason = self.text[cs + m.end():e].strip(" ，,")
                    cur.take(cs, e)
                self.covered.append((cs, e))
                return
            if ph.USAGE_RE.match(clause):
                cur = None
                continue
            self._counts(w, cs, ce)
            events = self._events(w, cs, ce)
            if not events:
                subj = clean_subject(clause)
                if not _generic(subj):
                    lead = ph.ENUM_RE.match(clause)
                    pending, pending_start = subj, cs + (lead.end() if lead else len(clause) - len(clause.lstrip()))
                continue
            if "分别" in clause and self._paired(w, cs, ce, events, pending, listed):
                cur = listed[-1] if listed else cur
                continue
            pos, comp = cs, None
            for kind, m in events:
                if kind == "comp":
                    comp = m
                    continue
                gap = w[pos:m.start()]
                if comp is not None and comp.start() >= pos:
                    gap = w[pos:comp.start()] + w[comp.end():m.start()]
                subj = clean_subject(gap)
                own = not _generic(subj)
                lead = ph.ENUM_RE.match(w, pos, m.start())
                gap_start = lead.end() if lead else pos + len(w[pos:m.start()]) - len(w[pos:m.start()].lstrip(" ，,、；;："))
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
        for kind, rx in (("comp", ph.COMPARISON_RE), ("change", ph.CHANGE_RE), ("rate", ph.RATE_RE),
                         ("share", ph.SHARE_RE), ("flat", ph.FLAT_RE), ("nobase", ph.NO_BASE_RE),
                         ("execution", fph.EXECUTION_RE), ("comp", fph.BUDGET_COMPARISON_RE)):
            found += [(kind, m) for m in rx.finditer(w, cs, ce)]
        taken = [(m.start(), m.end()) for k, m in found if k in ("change", "share", "execution")]
        taken += [(m.start("prior"), m.end("punit")) for k, m in found if k == "comp" and m.group("prior")]
        for m in ph.MONEY_RE.finditer(w, cs, ce):
            if not any(a <= m.start() < b for a, b in taken):
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
        if kind == "amount" and self._prior_year(gap_start, m.start()):
            # 「（2016年度部门支出预算安排为8,648.07万元）」 in a 2017 document: the base, not this year's amount
            d = cur if cur is not None and cur.prior is None and cur.change is None else fresh()
            d.prior = _money(m)
        elif kind == "amount":
            d = fresh() if (own or cur is None or cur.amount is not None or cur.change is not None) else cur
            d.amount = _money(m)
        elif kind == "change" and (not own or _QUANTITY_RE.fullmatch(own)) and comp is not None and cur is not None \
                and cur.change is not None and cur.amount is not None:
            # 「支出9.07万元，较年初预算数减少10.93万元，…，较上年支出数减少0.71万元」: a second comparison of the
            # same amount
            d = self._new(cur.subject, comp.start())
            d.amount = cur.amount
            d.change = _money(m)
            d.direction_word = m.group("dir")
            d.direction = ph.normalise_amount_word(m.group("dir"))
            hedged = hedged or bool(m.group("hedge"))
        elif kind == "change":
            d = fresh() if (own or cur is None or cur.change is not None or cur.direction == "持平") else cur
            d.change = _money(m)
            d.direction_word = m.group("dir")
            d.direction = ph.normalise_amount_word(m.group("dir"))
            hedged = hedged or bool(m.group("hedge"))
        elif kind == "rate":
            d = fresh() if (own and cur is None) or cur is None or cur.rate is not None else cur
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
            d.execution = Percent.parse(ph.clean_number(m.group("pnum") or m.group("pnum2")))
            if m.group("bnum"):
                d.budget = Amount.parse(ph.clean_number(m.group("bnum")), m.group("bunit"))
        else:  # nobase
            d = cur if cur is not None else fresh()
            d.no_base = True
        if comp is not None and kind in ("change", "rate", "flat"):
            d.comparison = _comparison(comp, self.year)
            if comp.group("prior"):
                d.prior = Amount.parse(ph.clean_number(comp.group("prior")), ph.money_unit(comp.group("punit")))
            d.take(comp.start(), comp.end())
        d.hedged = d.hedged or hedged
        d.take(m.start(), m.end())
        return d

    def _paired(self, w, cs, ce, events, pending, listed) -> bool:
        """分别为A万元、B万元 / 分别增长x%、y%: one statement per named subject, or nothing."""
        amounts = [m for k, m in events if k == "amount"]
        clause = w[cs:ce]
        if len(amounts) >= 2 and not any(k == "change" for k, _ in events):
            head = clean_subject(clause[:clause.index("分别")]) or pending
            names = [n for n in re.split(r"、|和|及|与", head) if n.strip()]
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
    ("income_source", r"(?:资金|拨款|财政专户|事业|经营|其他|上级补助|上缴)收入(?:预算)?(?:总计|合计|总额)"),
    ("income_total", r"收入(?:预算)?(?:总计|合计|总额)|部门收入预算$|^收入预算$|收支总预算|收入总计|收支预算总"),
    ("expense_total", r"支出(?:预算)?(?:总计|合计|总额)|^(?:部门)?支出预算$|总支出"),
    ("gpb_total", r"财政拨款收支总|一般公共预算(?:当年)?拨款(?:合计|总计)|一般公共预算当年拨款$"),
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


_THRESHOLD_RE = re.compile(r"\s*(?:及|或)?(?:以上|以下|以内)")


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
                and d.execution is None:
            continue
        code = resolve_code(d.subject, tables) if d.subject and d.count is None else None
        out.append(Statement(
            subject=d.subject, code=code, amount=d.amount, page=par.page_at(d.start),
            quote=par.text[d.start:d.end].strip(), section=section, change=d.change, direction=d.direction,
            direction_word=d.direction_word, rate=d.rate, rate_direction=d.rate_direction, rate_word=d.rate_word,
            share=d.share, share_of=d.share_of, reason=d.reason, prior_stated=d.prior, no_base=d.no_base,
            hedged=d.hedged, comparison=d.comparison, topic=_topic(d, par.text, section, code),
            budget=d.budget, execution=d.execution))
    unparsed = [Unparsed(par.page_at(off), t, why) for off, t, why in p.unparsed]
    return out, unparsed


_YEAR_RE = re.compile(r"(20\d\d)\s*年")


def _subject_key(subject: str) -> str:
    """財政拨款“三公”经费预算, 财政拨款“三公”经费支出决算数 and 财政拨款“三公”经费 are one item (their bases
    are told apart by parsers/scope.py)."""
    return stem(subject)


def carry_amounts(statements: list[Statement], year: int | None, kind: str | None = None) -> list[Statement]:
    """Give a change stated without its amount the amount stated for its subject earlier in the section.

    Only a plain amount statement (no change, rate or share of its own) of the same section can lend its
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
        if s.amount is not None and s.change is None and s.rate is None and s.share is None:
            years = {int(y) for y in _YEAR_RE.findall(ph.fold(s.quote))}
            if year is None or years <= {year}:
                seen.setdefault(key, []).append(s)
        elif s.amount is None and (s.change is not None or s.rate is not None or s.direction == "持平"):
            lent = [x.amount for x in seen.get(key, []) if compatible(x.subject, s.subject, kind)]
            if lent and len({a.value for a in lent}) == 1:
                s = replace(s, amount=lent[0])
        out.append(s)
    return out


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
