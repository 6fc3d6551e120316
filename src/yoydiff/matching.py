"""Match what the old document lists with what the new one lists: classification lines, budget units, projects.

Lines match by code, then a code found in one year only is looked for under another code with the
same or a close name (re-coded). Budget units match by name. Projects match by name, unit,
functional code and amount together, one-to-one over the whole set (an optimal assignment), with a
review band between a sure threshold and a floor; merges and splits of any size (up to MAX_PARTS) are
recognised afterwards by one search run twice with the sides swapped (`_parts_search`), from amounts
that add up or from the new document naming the projects. Every Match says why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .core import Document, Project, figure_column
from .names import line_key, normalise, project_key, similarity, target_code, unit_key
from .results import Match

SURE = 0.75            # a project pair scoring at least this is a match
FLOOR = 0.62           # below this it is no match; in between it goes to review
LINE_RENAME = 0.85     # a line code found in one year only matches another code with a name this close
UNIT_RENAME = 0.85
SUM_TOLERANCE = Decimal("0.10")   # merged / split amounts may differ by this share (budgets change)
PART_NAME = 0.3        # a part of a merge or split shares at least this much of the name
MAX_PARTS = 5          # merges and splits of up to this many parts are searched
MAX_CANDIDATES = 16    # the candidate parts of one project, the closest names first
_W_NAME, _W_UNIT, _W_CODE, _W_AMOUNT = 0.55, 0.15, 0.15, 0.15


# ---------------------------------------------------------------- optimal assignment

def assign(scores: list[list[float | None]]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one assignment (Hungarian algorithm with potentials, O(n²m)).

    scores[i][j] is the weight of pairing row i with column j, None where the pair is not allowed.
    Returns the allowed pairs (i, j) of an assignment with the largest total weight.
    """
    n = len(scores)
    m = len(scores[0]) if n else 0
    if not n or not m:
        return []
    transpose = n > m
    if transpose:
        scores = [[scores[i][j] for i in range(n)] for j in range(m)]
        n, m = m, n
    big = 1.0 + max((s for row in scores for s in row if s is not None), default=0.0)
    # minimising Σ(big − s) maximises the weight; a forbidden pair weighs 0 and is dropped afterwards
    cost = [[(big - s) if s is not None and s > 0 else big for s in row] for row in scores]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)              # p[j]: row assigned to column j (1-based, 0 = none)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = []
    for j in range(1, m + 1):
        i = p[j]
        if i and scores[i - 1][j - 1] is not None:
            pairs.append((j - 1, i - 1) if transpose else (i - 1, j - 1))
    return sorted(pairs)


def _components(n_old: int, n_new: int, edges: dict[tuple[int, int], float]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite graph of allowed pairs (each is solved on its own)."""
    parent = list(range(n_old + n_new))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        a, b = find(i), find(n_old + j)
        if a != b:
            parent[a] = b
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i, j in edges:
        g = groups.setdefault(find(i), ([], []))
        if i not in g[0]:
            g[0].append(i)
        if j not in g[1]:
            g[1].append(j)
    return list(groups.values())


def assign_sparse(n_old: int, n_new: int, edges: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """`assign` over the allowed pairs only, component by component (fast on large, sparse sets)."""
    out = []
    for rows, cols in _components(n_old, n_new, edges):
        matrix = [[edges.get((i, j)) for j in cols] for i in rows]
        out += [(rows[a], cols[b]) for a, b in assign(matrix)]
    return sorted(out)


# ---------------------------------------------------------------- helpers

def _pct(old: Decimal | None, new: Decimal | None) -> str:
    """金额 +3% (relative change of the amounts, whole percent)."""
    if old is None or new is None:
        return ""
    if old == 0:
        return "上年金额为 0" if new else "两年金额均为 0"
    d = f"{(new - old) / old * 100:+.0f}"
    return f"金额 {d.replace('-', '−')}%"


def _reason(*parts: str) -> str:
    """The grounds of a match, joined as a Chinese list: 同一科目 2080109；名称相似度 0.93；金额 +3%."""
    return "；".join(p for p in parts if p)


def _amount(v: Decimal) -> str:
    return f"{v:,}"


def _value(a) -> Decimal | None:
    return None if a is None else a.value


# ---------------------------------------------------------------- classification lines

@dataclass(frozen=True)
class Line:
    """A classification line (functional 2080101 or economic 30101) of one document."""

    code: str
    name: str
    amount: Decimal | None
    page: int
    table: str          # the table kind it was read from


def _column(table, *labels: str) -> int | None:
    return figure_column(table, *labels)


def _lines_from(doc: Document, kinds: tuple[str, ...], first_digit: str, lengths: tuple[int, ...]) -> dict[str, Line]:
    out: dict[str, Line] = {}
    for kind in kinds:
        table = doc.table_like(kind)
        if table is None:
            continue
        col = _column(table, "合计", "总计")
        for r in table.rows:
            c = r.code
            if not (c.isdigit() and len(c) in lengths and c.startswith(first_digit)) or c in out:
                continue
            amount = r.values[col] if col is not None and col < len(r.values) else None
            out[c] = Line(c, r.name, _value(amount), r.page, kind)
    return out


def functional_lines(doc: Document) -> dict[str, Line]:
    """Functional 类/款/项 lines; amounts from 一般公共预算 (表5) where it lists the line, else 表3/表2."""
    return _lines_from(doc, ("gpb_expense", "expense", "income"), "2", (3, 5, 7))


def economic_lines(doc: Document) -> dict[str, Line]:
    """Economic 类/款 lines of the basic-spending table (表6)."""
    return _lines_from(doc, ("gpb_basic",), "3", (3, 5))


def level(code: str, economic: bool = False) -> int:
    return {3: 1, 5: 2, 7: 3}.get(len(code), 0)


def match_lines(old: dict[str, Line], new: dict[str, Line], what: str = "line") -> list[Match]:
    """Lines by code; one-year-only codes re-coded when another code carries the same or a close name."""
    out: list[Match] = []
    for c in sorted(set(old) & set(new)):
        o, n = old[c], new[c]
        same = line_key(o.name) == line_key(n.name)
        score = 1.0 if same else similarity(line_key(o.name), line_key(n.name))
        out.append(Match(what, "matched" if same else "renamed", (o.name,), (n.name,), round(score, 3),
                         _reason(f"同一科目 {c}", "" if same else f"名称相似度 {score:.2f}", _pct(o.amount, n.amount)),
                         c, c, o.amount, n.amount))
    gone = sorted(set(old) - set(new))
    came = sorted(set(new) - set(old))
    edges = {}
    for i, oc in enumerate(gone):
        for j, nc in enumerate(came):
            if len(oc) != len(nc):
                continue
            s = similarity(line_key(old[oc].name), line_key(new[nc].name))
            if s >= LINE_RENAME:
                edges[(i, j)] = s
    paired = assign_sparse(len(gone), len(came), edges)
    for i, j in paired:
        o, n = old[gone[i]], new[came[j]]
        s = edges[(i, j)]
        out.append(Match(what, "re-coded", (o.name,), (n.name,), round(s, 3),
                         _reason(f"科目 {o.code} → {n.code}", f"名称相似度 {s:.2f}", _pct(o.amount, n.amount)),
                         o.code, n.code, o.amount, n.amount))
    used_old = {gone[i] for i, _ in paired}
    used_new = {came[j] for _, j in paired}
    for c in gone:
        if c not in used_old:
            o = old[c]
            out.append(Match(what, "discontinued", (o.name,), (), 0.0, f"科目 {c} 仅见于上年文件",
                             c, "", o.amount, None))
    for c in came:
        if c not in used_new:
            n = new[c]
            out.append(Match(what, "new", (), (n.name,), 0.0, f"科目 {c} 仅见于本年文件",
                             "", c, None, n.amount))
    return out


# ---------------------------------------------------------------- budget units

def document_units(doc: Document) -> list[str]:
    """The budget units a document lists, plus units named only in its project tables."""
    units = list(dict.fromkeys(u for u in doc.budget_units if u.strip()))
    keys = [unit_key(u) for u in units]
    for p in doc.projects:
        k = unit_key(p.unit)
        if k and not any(k == x or similarity(k, x) >= 0.9 for x in keys):
            units.append(p.unit)
            keys.append(k)
    return units


def _unit_alias(units: list[str], name: str) -> str:
    """The listed unit a (possibly differently spelt) unit name refers to, '' if none."""
    k = unit_key(name)
    if not k:
        return ""
    best, best_s = "", 0.0
    for u in units:
        s = similarity(k, unit_key(u))
        if s > best_s:
            best, best_s = u, s
    return best if best_s >= 0.9 else ""


def match_units(old_units: list[str], new_units: list[str]) -> list[Match]:
    """Units by name: same, renamed (close name), dropped, added. Merges are added by `unit_merges`."""
    out: list[Match] = []
    new_by_key = {unit_key(u): u for u in new_units}
    rest_old = []
    used_new = set()
    for u in old_units:
        n = new_by_key.get(unit_key(u))
        if n is not None and n not in used_new:
            used_new.add(n)
            out.append(Match("unit", "matched", (u,), (n,), 1.0, "名称相同", old_unit=u, new_unit=n))
        else:
            rest_old.append(u)
    rest_new = [u for u in new_units if u not in used_new]
    edges = {}
    for i, o in enumerate(rest_old):
        for j, n in enumerate(rest_new):
            s = similarity(unit_key(o), unit_key(n))
            if s >= UNIT_RENAME:
                edges[(i, j)] = s
    paired = assign_sparse(len(rest_old), len(rest_new), edges)
    for i, j in paired:
        o, n = rest_old[i], rest_new[j]
        out.append(Match("unit", "renamed", (o,), (n,), round(edges[(i, j)], 3),
                         f"名称相似度 {edges[(i, j)]:.2f}", old_unit=o, new_unit=n))
    po, pn = {i for i, _ in paired}, {j for _, j in paired}
    out += [Match("unit", "discontinued", (u,), (), 0.0, "仅见于上年文件", old_unit=u)
            for i, u in enumerate(rest_old) if i not in po]
    out += [Match("unit", "new", (), (u,), 0.0, "仅见于本年文件", new_unit=u)
            for j, u in enumerate(rest_new) if j not in pn]
    return out


def unit_merges(units: list[Match], projects: list[Match], new_text: str = "") -> list[Match]:
    """A dropped unit whose projects moved to one surviving unit was merged into it."""
    kept = {m.old_unit: m.new_unit for m in units if m.kind in ("matched", "renamed")}
    listed_new = list(kept.values())
    out = []
    for m in units:
        if m.kind != "discontinued":
            out.append(m)
            continue
        moved = [p for p in projects if p.new_unit and p.kind != "review"
                 and similarity(unit_key(p.old_unit), unit_key(m.old_unit)) >= 0.9]
        targets = {_unit_alias(listed_new, p.new_unit) for p in moved}
        if len(targets) == 1 and "" not in targets:
            target = targets.pop()
            olds = [o for o, n in kept.items() if n == target]
            names = "、".join(dict.fromkeys(n for p in moved for n in p.new))
            said = _mentions(new_text, m.old_unit)
            out.append(Match("unit", "merged", (m.old_unit, *olds), (target,), 0.9 if said else 0.8,
                             _reason(f"其项目转入{target}（{names}）",
                                     "本年文件提及该单位" if said else ""),
                             old_unit=m.old_unit, new_unit=target))
        else:
            said = _mentions(new_text, m.old_unit)
            out.append(m if not said else Match("unit", "discontinued", m.old, (), 0.0,
                                                "仅见于上年文件；本年文件提及该单位",
                                                old_unit=m.old_unit))
    return out


def _mentions(text: str, unit: str) -> bool:
    """Whether a text names a unit, with or without its place prefix (市劳动保障监察支队)."""
    if not text:
        return False
    k = unit_key(unit)
    tail = re.sub(r"^.*?(?:自治区|自治州|省|市|县|区|旗)", "", k, count=1)
    return k in text or (len(tail) >= 4 and tail in text)


# ---------------------------------------------------------------- projects

@dataclass(frozen=True)
class _P:
    p: Project
    key: str
    unit: str       # the listed unit it belongs to ('' if unknown)
    tcode: str


def _prep(projects, units) -> list[_P]:
    return [_P(p, project_key(p.name), _unit_alias(units, p.unit),
               p.target_code or target_code(p.name)) for p in projects]


def _score(o: _P, n: _P, unit_map: dict[str, str]) -> tuple[float, str]:
    name = similarity(o.key, n.key)
    if o.unit and n.unit:
        unit = 1.0 if unit_map.get(o.unit) == n.unit else 0.0
    else:
        unit = 0.5
    oc, nc = o.p.code, n.p.code
    if oc and nc:
        code = 1.0 if oc == nc else 0.5 if oc[:5] == nc[:5] else 0.25 if oc[:3] == nc[:3] else 0.0
    else:
        code = 0.5
    oa, na = _value(o.p.amount), _value(n.p.amount)
    if oa is not None and na is not None and max(oa, na) > 0:
        amount = float(min(oa, na) / max(oa, na)) if min(oa, na) >= 0 else 0.0
    else:
        amount = 0.5
    score = _W_NAME * name + _W_UNIT * unit + _W_CODE * code + _W_AMOUNT * amount
    parts = [
        f"同一科目 {oc}" if oc and oc == nc else (f"科目 {oc} → {nc}" if oc and nc else ""),
        "名称相同" if name == 1.0 else f"名称相似度 {name:.2f}",
        _pct(oa, na),
        "同一单位" if unit == 1.0 else (f"单位 {o.p.unit} → {n.p.unit}" if unit == 0.0 else ""),
    ]
    return score, _reason(*parts)


def _project_match(kind, olds: list[_P], news: list[_P], score: float, reason: str) -> Match:
    oa = sum((_value(o.p.amount) or Decimal(0) for o in olds), Decimal(0)) if olds else None
    na = sum((_value(n.p.amount) or Decimal(0) for n in news), Decimal(0)) if news else None
    return Match("project", kind, tuple(o.p.name for o in olds), tuple(n.p.name for n in news), round(score, 3),
                 reason, olds[0].p.code if olds else "", news[0].p.code if news else "", oa, na,
                 olds[0].p.unit if olds else "", news[0].p.unit if news else "")


def _close(total: Decimal, target: Decimal) -> bool:
    return abs(total - target) <= SUM_TOLERANCE * max(abs(total), abs(target))


@dataclass(frozen=True)
class _Group:
    """A project on one side explained by several on the other (found by `_parts_search`)."""

    one: int                   # index of the single project on its side
    parts: tuple[int, ...]     # indices of its parts on the other side
    kind: str                  # "parts" (a merge or split) or "review"
    score: float
    grounds: str               # why, before the amount change
    extra: str = ""            # said after the amount change
    partner_old: int | None = None   # the old index of a pair this group dissolves

    @property
    def dissolved(self) -> bool:
        return self.partner_old is not None


def _nearest_sum(target: Decimal, cands: list[tuple[int, Decimal]], min_parts: int) -> tuple[tuple[int, ...] | None, bool]:
    """The subset of candidates whose amounts come nearest the target within SUM_TOLERANCE, and whether
    it is the only answer.

    Subsets of min_parts to MAX_PARTS candidates are tried (a depth-first search that stops adding
    once the sum is past what the tolerance allows, amounts being positive); on equal distance the
    fewer parts win, then the earlier ones. The answer is sure when no other subset fits, or when it
    adds up exactly and no other subset does; when several fit only approximately, amounts cannot
    tell which projects were joined. (None, False) when no subset is close enough.
    """
    if any(a < 0 for _, a in cands) or target <= 0:
        return None, False               # a negative amount is no part of a merge or split
    ceiling = target / (1 - SUM_TOLERANCE)
    fits: list[tuple[Decimal, int, tuple[int, ...]]] = []

    def walk(start: int, chosen: tuple[int, ...], total: Decimal) -> None:
        if len(chosen) >= min_parts and _close(total, target):
            fits.append((abs(total - target), len(chosen), chosen))
        if len(chosen) == MAX_PARTS:
            return
        for n in range(start, len(cands)):
            k, a = cands[n]
            if total + a <= ceiling:
                walk(n + 1, chosen + (k,), total + a)

    walk(0, (), Decimal(0))
    if not fits:
        return None, False
    fits.sort()
    best = fits[0]
    exact = [f for f in fits if f[0] == 0]
    return best[2], len(fits) == 1 or len(exact) == 1


def _sum_text(members: list[_P]) -> str:
    """40.00 + 60.00 = 100.00 (the printed amounts and their sum)."""
    total = sum((_value(m.p.amount) or Decimal(0) for m in members), Decimal(0))
    return " + ".join(str(m.p.amount) for m in members) + f" = {_amount(total)}"


def _parts_search(ones: list[_P], parts: list[_P], partner: dict[int, int], free_ones: set[int],
                  free_parts: set[int], parts_are_old: bool, unit_map: dict[str, str], text: str) -> list[_Group]:
    """One search for merges and for splits: each project of `ones` explained by several of `parts`.

    Merges are searched with the new projects as `ones` and the old as `parts`; splits with the sides
    swapped. A project already paired (`partner`, not under the same name) may take more free parts
    when their sum comes much nearer its amount; a free project takes two or more free parts whose sum
    is near its amount, or the parts the new document's text names with it, or — when they are all
    that is left of one unit and code — goes to review. Groups of any size up to MAX_PARTS; the parts
    stay in the project's budget unit and share some of its name. `free_ones` and `free_parts` are
    updated as groups are taken.
    """
    def old_new(part: _P, one: _P) -> tuple[_P, _P]:
        return (part, one) if parts_are_old else (one, part)

    def same_unit(part: _P, one: _P) -> bool:
        o, n = old_new(part, one)
        return bool(o.unit and n.unit and unit_map.get(o.unit) == n.unit)

    def part_of(part: _P, one: _P) -> bool:
        return same_unit(part, one) and similarity(part.key, one.key) >= PART_NAME

    def same_group(part: _P, one: _P) -> bool:
        return same_unit(part, one) and bool(part.p.code) and part.p.code == one.p.code

    def candidates(one: _P) -> list[tuple[int, Decimal]]:
        ks = [k for k in sorted(free_parts) if _value(parts[k].p.amount) is not None and part_of(parts[k], one)]
        ks = sorted(ks, key=lambda k: -similarity(parts[k].key, one.key))[:MAX_CANDIDATES]
        return [(k, _value(parts[k].p.amount)) for k in sorted(ks)]

    def arrow(one: _P, members: list[_P]) -> str:
        return (f"{_sum_text(members)} → {one.p.amount}" if parts_are_old
                else f"{one.p.amount} → {_sum_text(members)}")

    what = "合并" if parts_are_old else "拆分"
    out: list[_Group] = []
    for x in range(len(ones)):
        one = ones[x]
        target = _value(one.p.amount)
        if target is None or one.tcode:
            continue
        if x in partner:
            y = partner[x]
            ya = _value(parts[y].p.amount)
            if ya is None or parts[y].key == one.key:      # a project that kept its name is not a merge or split
                continue
            # the pair's own part competes with the free ones: the nearest sum wins, with or without it
            found, sure = _nearest_sum(target, sorted(candidates(one) + [(y, ya)]), 2)
            if found is None:
                continue
            total = sum((_value(parts[k].p.amount) for k in found), Decimal(0))
            if abs(total - target) * 2 >= abs(ya - target):   # the parts must explain much more than the pair
                continue
            found = tuple(sorted(found, key=lambda k: k != y))   # the pair's part first
            together = all(same_group(parts[k], one) for k in found if k != y)
            partner_old = y if parts_are_old else x
            if sure:
                out.append(_Group(x, found, "parts", 0.85, arrow(one, [parts[k] for k in found]),
                                  "同一单位、同一科目" if together else "", partner_old=partner_old))
            else:                                   # several groups explain it better than the pair: a person decides
                out.append(_Group(x, found, "review", 0.5, f"可能为{what}：多组项目金额之和均接近，最接近的为 "
                                  + arrow(one, [parts[k] for k in found]), partner_old=partner_old))
            free_parts -= set(found)
            if y not in found:
                free_parts.add(y)                      # the pair's part is left out: it stands alone again
        elif x in free_ones:
            found, sure = _nearest_sum(target, candidates(one), 2)
            if found is not None and sure:
                out.append(_Group(x, found, "parts", 0.8, arrow(one, [parts[k] for k in found])))
            elif found is not None:
                out.append(_Group(x, found, "review", 0.5, f"可能为{what}：多组项目金额之和均接近，最接近的为 "
                                  + arrow(one, [parts[k] for k in found])))
            else:
                group = [k for k in sorted(free_parts) if same_group(parts[k], one)]
                if len(group) < 2:
                    continue
                named = [k for k in group if parts[k].key and parts[k].key in text]
                if len(named) >= 2 and one.key and one.key in text:
                    names = "、".join(parts[k].p.name for k in named)
                    grounds = (f"本年文件说明该项目由{names}构成" if parts_are_old
                               else f"本年文件说明该项目分为{names}")
                    found = tuple(named)
                    out.append(_Group(x, found, "parts", 0.8, grounds))
                elif not any(x2 != x and same_group(parts[group[0]], ones[x2]) for x2 in free_ones):
                    found = tuple(group)
                    out.append(_Group(x, found, "review", 0.5, f"可能为{what}：同一单位、同一科目下仅余的未匹配项目"))
                else:
                    continue
            free_ones.discard(x)
            free_parts -= set(found)
    return out


def match_projects(old: list[Project], new: list[Project], old_units: list[str], new_units: list[str],
                   unit_map: dict[str, str], new_text: str = "") -> list[Match]:
    """Projects, one-to-one by an optimal assignment, then merges and splits.

    unit_map: old unit → new unit (from `match_units`). new_text: the new document's narrative,
    searched for old project names (a merge is often explained there).
    """
    O, N = _prep(old, old_units), _prep(new, new_units)
    out: list[Match] = []
    pairs: dict[int, tuple[int, float, str]] = {}        # old index → (new index, score, reason)

    # 特定目标 XXXXXXXX: classified projects are known only by their code
    by_code = {}
    for j, n in enumerate(N):
        if n.tcode:
            by_code.setdefault(n.tcode, []).append(j)
    taken: set[int] = set()
    for i, o in enumerate(O):
        if o.tcode:
            js = [j for j in by_code.get(o.tcode, []) if j not in taken]
            if js:
                j = js[0]
                taken.add(j)
                pairs[i] = (j, 1.0, _reason(f"同一特定目标编码 {o.tcode}", _pct(_value(o.p.amount), _value(N[j].p.amount))))

    # a name key that occurs once in each year is the same project
    old_keys, new_keys = {}, {}
    for i, o in enumerate(O):
        if i not in pairs and not o.tcode and o.key:
            old_keys.setdefault(o.key, []).append(i)
    for j, n in enumerate(N):
        if j not in taken and not n.tcode and n.key:
            new_keys.setdefault(n.key, []).append(j)
    for k, iss in old_keys.items():
        js = new_keys.get(k, [])
        if len(iss) == 1 and len(js) == 1:
            s, why = _score(O[iss[0]], N[js[0]], unit_map)
            pairs[iss[0]] = (js[0], max(s, SURE), why)
            taken.add(js[0])

    # everything else: optimal assignment over pairs above the floor
    rest_o = [i for i, o in enumerate(O) if i not in pairs and not o.tcode]
    rest_n = [j for j, n in enumerate(N) if j not in taken and not n.tcode]
    edges, whys = {}, {}
    for a, i in enumerate(rest_o):
        for b, j in enumerate(rest_n):
            s, why = _score(O[i], N[j], unit_map)
            if s >= FLOOR:
                edges[(a, b)], whys[(a, b)] = s, why
    for a, b in assign_sparse(len(rest_o), len(rest_n), edges):
        pairs[rest_o[a]] = (rest_n[b], edges[(a, b)], whys[(a, b)])

    # review pairs stay open to merges and splits; those not taken by one are restored below
    reviews = {i: pairs.pop(i) for i in [i for i, (_, s, _) in pairs.items() if s < SURE]}
    free_old = {i for i in range(len(O)) if i not in pairs}
    free_new = {j for j in range(len(N)) if j not in {j for j, _, _ in pairs.values()}}
    text = normalise(new_text)

    # merges: a new project made of several old ones; splits: the same search with the sides swapped
    for parts_are_old in (True, False):
        ones, parts = (N, O) if parts_are_old else (O, N)
        partner = ({j: i for i, (j, _, _) in pairs.items()} if parts_are_old
                   else {i: j for i, (j, _, _) in pairs.items()})
        free_ones, free_parts = (free_new, free_old) if parts_are_old else (free_old, free_new)
        for g in _parts_search(ones, parts, partner, free_ones, free_parts, parts_are_old, unit_map, text):
            if g.dissolved:
                del pairs[g.partner_old]
            members = [parts[k] for k in g.parts]
            olds, news = (members, [ones[g.one]]) if parts_are_old else ([ones[g.one]], members)
            oa = sum((_value(o.p.amount) or Decimal(0) for o in olds), Decimal(0))
            na = sum((_value(n.p.amount) or Decimal(0) for n in news), Decimal(0))
            kind = g.kind if g.kind == "review" else ("merged" if parts_are_old else "split")
            out.append(_project_match(kind, olds, news, g.score, _reason(g.grounds, _pct(oa, na), g.extra)))
    for i, (j, s, why) in reviews.items():
        if i in free_old and j in free_new:
            pairs[i] = (j, s, why)
            free_old.discard(i)
            free_new.discard(j)
    for i, (j, s, why) in sorted(pairs.items()):
        o, n = O[i], N[j]
        if s < SURE:
            kind = "review"
        elif o.key == n.key or (o.tcode and o.tcode == n.tcode):
            kind = "re-coded" if o.p.code and n.p.code and o.p.code != n.p.code else "matched"
        else:
            kind = "renamed"
        out.append(_project_match(kind, [o], [n], s, why))
    out += [_project_match("discontinued", [O[i]], [], 0.0, "本年文件无对应项目")
            for i in sorted(free_old)]
    out += [_project_match("new", [], [N[j]], 0.0, "上年文件无对应项目")
            for j in sorted(free_new)]
    return out


# ---------------------------------------------------------------- everything

@dataclass(frozen=True)
class Matching:
    functional: tuple[Match, ...]
    economic: tuple[Match, ...]
    units: tuple[Match, ...]
    projects: tuple[Match, ...]

    @property
    def all(self) -> tuple[Match, ...]:
        return self.functional + self.economic + self.units + self.projects


def narrative_text(doc: Document) -> str:
    """The new document's own words about its figures (quotes and reasons), for merge evidence."""
    return "\n".join(f"{s.quote}\n{s.reason or ''}" for s in doc.statements)


def match_documents(old: Document, new: Document) -> Matching:
    fl = match_lines(functional_lines(old), functional_lines(new), "line")
    el = match_lines(economic_lines(old), economic_lines(new), "economic")
    ou, nu = document_units(old), document_units(new)
    units = match_units(ou, nu)
    unit_map = {m.old_unit: m.new_unit for m in units if m.kind in ("matched", "renamed")}
    text = narrative_text(new)
    projects = match_projects(list(old.projects), list(new.projects), ou, nu, unit_map, text)
    units = unit_merges(units, projects, normalise(text))
    return Matching(tuple(fl), tuple(el), tuple(units), tuple(projects))
