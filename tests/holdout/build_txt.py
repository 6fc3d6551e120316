"""Writes 2024.txt and 2025.txt of the fictional 鹤汀区教育局 (run by hand: python3 tests/holdout/build_txt.py).

Every figure is derived here with Decimal arithmetic from the 元 amounts below, so the documents are
consistent except for the planted errors of MANIFEST.md, which are applied explicitly (PLANTS).
Tables are in 元; the narrative is in 万元 (one sentence in 亿元), rates with one decimal.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal as D
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPT = "鹤汀区教育局"

# functional 项: code -> (name, {year: (人员经费, 公用经费, 项目支出)}) in 元, 一般公共预算 only
ITEMS = {
    "2050101": ("行政运行", {2024: (3256416, 612383, 0), 2025: (3402167, 628791, 0)}),
    "2050102": ("一般行政管理事务", {2024: (0, 0, 1850000), 2025: (0, 0, 1760000)}),
    "2050201": ("学前教育", {2024: (2846232, 315619, 1200000), 2025: (2968412, 322826, 1350000)}),
    "2050202": ("小学教育", {2024: (18452360, 1986420, 3600000), 2025: (24315870, 2536120, 4200000)}),
    "2050203": ("初中教育", {2024: (15236721, 1624319, 2800000), 2025: (15812464, 1652931, 2650000)}),
    "2050204": ("高中教育", {2024: (9863152, 1102567, 1500000), 2025: (10215384, 1126470, 1580000)}),
    "2050299": ("其他普通教育支出", {2024: (0, 0, 2400000), 2025: (0, 0, 2400000)}),
    "2050803": ("培训支出", {2025: (0, 0, 600000)}),
    "2050999": ("其他教育费附加安排的支出", {2024: (0, 0, 5200000), 2025: (0, 0, 4650000)}),
    "2080501": ("行政单位离退休", {2024: (486217, 0, 0), 2025: (452932, 0, 0)}),
    "2080502": ("事业单位离退休", {2024: (1236814, 0, 0), 2025: (1318642, 0, 0)}),
    "2080505": ("机关事业单位基本养老保险缴费支出", {2024: (5123469, 0, 0), 2025: (5562387, 0, 0)}),
    "2080506": ("机关事业单位职业年金缴费支出", {2024: (2561731, 0, 0), 2025: (2781192, 0, 0)}),
    "2101101": ("行政单位医疗", {2024: (163524, 0, 0), 2025: (170241, 0, 0)}),
    "2101102": ("事业单位医疗", {2024: (2312680, 0, 0), 2025: (2498360, 0, 0)}),
    "2210201": ("住房公积金", {2024: (3842597, 0, 0), 2025: (4171781, 0, 0)}),
}
PARENTS = {"205": "教育支出", "20501": "教育管理事务", "20502": "普通教育", "20508": "进修及培训",
           "20509": "教育费附加安排的支出", "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
           "210": "卫生健康支出", "21011": "行政事业单位医疗", "221": "住房保障支出", "22102": "住房改革支出"}
# money that is not 一般公共预算: code -> {year: (基本支出, 项目支出, source)}
OTHER = {
    "2050201": {2024: (1400000, 0, "事业收入"), 2025: (1500000, 0, "事业收入")},
    "2050204": {2024: (2200000, 0, "事业收入"), 2025: (2300000, 0, "事业收入")},
    "2050203": {2024: (0, 300000, "其他收入"), 2025: (0, 250000, "其他收入")},
}
UNITS = {2024: ["鹤汀区教育局（机关）", "鹤汀区教育事业发展中心", "鹤汀区第一中学", "鹤汀区实验小学", "鹤汀区机关幼儿园"]}
UNITS[2025] = UNITS[2024] + ["鹤汀区第二实验小学"]
PROJECTS = {   # (name, unit index, code, 元)
    2024: [("教育督导评估工作经费", 0, "2050102", 850000), ("教育信息化建设经费", 1, "2050102", 1000000),
           ("学前教育生均公用经费补助", 4, "2050201", 1200000), ("义务教育学校公用经费补助（小学）", 3, "2050202", 3600000),
           ("义务教育学校公用经费补助（初中）", 2, "2050203", 2800000), ("普通高中教育教学质量提升经费", 2, "2050204", 1500000),
           ("校园安全保障经费", 1, "2050299", 2400000), ("校舍维修改造资金", 1, "2050999", 5200000)],
    2025: [("教育督导评估工作经费", 0, "2050102", 760000), ("教育信息化运维经费", 1, "2050102", 1000000),
           ("学前教育生均公用经费补助", 4, "2050201", 1350000), ("义务教育学校公用经费补助（小学）", 3, "2050202", 2600000),
           ("第二实验小学开办经费", 5, "2050202", 1600000), ("义务教育学校公用经费补助（初中）", 2, "2050203", 2650000),
           ("普通高中教育教学质量提升经费", 2, "2050204", 1580000), ("校园安全保障经费", 1, "2050299", 2400000),
           ("中小学教师全员培训经费", 1, "2050803", 600000), ("校舍维修改造资金", 1, "2050999", 4650000)],
}
# 三公 (元): 因公出国（境）费, 公务用车购置费, 公务用车运行维护费, 公务接待费; 机关运行经费 (元)
THREE = {2023: (0, 0, 171000, 46000), 2024: (0, 0, 160000, 40000), 2025: (0, 0, 154000, 32000)}
OPERATING = {2023: 826300, 2024: 842200, 2025: 865200}
# 2023 (never published): totals the 2024 narrative compares with
Y2023 = {"income": 88613427}
F2023 = (962, 1015, 948, 985, 971, 1032, 990, 957)   # 2023 = 2024 × f / 1000, by item order

# Planted errors in 2025 (see MANIFEST.md)
SUM_PLANT = ("20502", 1000)                 # 表五 20502 合计 and 项目支出 +1,000.00 元
RATE_PLANT = ("2050202", "27.2%")           # printed rate instead of the true one
DIRECTION_PLANT = "2080501"                 # 增幅 instead of 降幅
NARRATIVE_PLANT = ("2050204", "1292.91")    # the narrative amount; the table has 12,921,854.00 元
PRIOR_PLANT = ("2101102", D("221.27"))      # the prior the 2025 text implies; 2024 published 231.27
SHARE_PLANT = "7.3%"                        # 事业收入 share (true 3.7%)


def q2(v: D) -> D:
    return v.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def wan(yuan) -> D:
    assert D(yuan) % 100 != 50, f"{yuan} 元 is a tie in 万元"     # no figure on a rounding boundary
    return q2(D(yuan) / 10000)


def w(yuan, sep: bool = False) -> str:
    v = wan(yuan)
    return f"{v:,}" if sep else f"{v}"


def y(yuan) -> str:
    return "" if yuan is None else f"{D(yuan).quantize(D('0.01')):,}"


def pct(part, whole) -> str:
    return f"{(D(part) * 100 / D(whole)).quantize(D('0.1'), rounding=ROUND_HALF_UP)}%"


def gpb(year: int) -> dict[str, tuple[int, int, int]]:
    return {c: v[year] for c, (_n, v) in ITEMS.items() if year in v}


def name_of(code: str) -> str:
    return ITEMS[code][0] if code in ITEMS else PARENTS[code]


def tree(values: dict[str, tuple]) -> list[tuple[str, tuple]]:
    """类, 款, 项 rows in code order with the parents' sums."""
    codes = set(values)
    for c in list(values):
        codes |= {c[:3], c[:5]}
    out = []
    for c in sorted(codes):
        kids = [v for k, v in values.items() if k.startswith(c)]
        out.append((c, tuple(sum(x[i] for x in kids) for i in range(len(kids[0])))))
    return out


def all_funds(year: int) -> dict[str, tuple[int, int]]:
    """表三: 基本支出, 项目支出 of every fund."""
    out = {c: (p + g, j) for c, (p, g, j) in gpb(year).items()}
    for c, v in OTHER.items():
        b, j, _s = v[year]
        out[c] = (out[c][0] + b, out[c][1] + j)
    return out


def income(year: int) -> dict[str, int]:
    g = sum(sum(v) for v in gpb(year).values())
    out = {"一般公共预算拨款收入": g, "事业收入": 0, "其他收入": 0}
    for v in OTHER.values():
        b, j, s = v[year]
        out[s] += b + j
    return out


def basic_lines(year: int) -> list[tuple[str, str, int, int]]:
    """表六 economic lines (code, name, 人员经费, 公用经费); fixed lines mirror the 项, the rest is split."""
    g = gpb(year)
    person = sum(v[0] for v in g.values())
    public = sum(v[1] for v in g.values())
    fixed_p = {"30108": g["2080505"][0], "30109": g["2080506"][0], "30110": g["2101101"][0] + g["2101102"][0],
               "30113": g["2210201"][0], "30302": g["2080501"][0] + g["2080502"][0]}
    rest = person - sum(fixed_p.values())
    shares = {"30101": D("0.34"), "30102": D("0.21"), "30103": D("0.06"), "30107": None}
    p = {}
    for c, k in shares.items():
        p[c] = int(rest * k) if k else rest - sum(p.values())
    p.update(fixed_p)
    three = THREE[year]
    fixed_g = {"30217": three[3], "30231": three[2]}
    rest_g = public - sum(fixed_g.values())
    gsh = {"30201": D("0.22"), "30205": D("0.05"), "30206": D("0.12"), "30211": D("0.08"), "30228": D("0.09"),
           "30229": D("0.06"), "30299": None}
    gg = {}
    for c, k in gsh.items():
        gg[c] = int(rest_g * k) if k else rest_g - sum(gg.values())
    gg.update(fixed_g)
    names = {"30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30107": "绩效工资",
             "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
             "30113": "住房公积金", "30302": "退休费", "30201": "办公费", "30205": "水费", "30206": "电费",
             "30211": "差旅费", "30217": "公务接待费", "30228": "工会经费", "30229": "福利费",
             "30231": "公务用车运行维护费", "30299": "其他商品和服务支出"}
    lines = [(c, names[c], v, 0) for c, v in p.items()] + [(c, names[c], 0, v) for c, v in gg.items()]
    return sorted(lines)


# ---------------------------------------------------------------- tables

def caption() -> list[str]:
    return [f"编制单位：{DEPT}", "", "单位：元", ""]


def table(num: str, title: str, header: list[list[str]], rows: list[list[str]], note: str = "") -> list[str]:
    out = [num, "", title, ""] + caption() + ["\t".join(h) for h in header] + ["\t".join(r) for r in rows]
    return out + (["", note] if note else []) + [""]


def tables(year: int) -> list[str]:
    inc = income(year)
    total = sum(inc.values())
    af = all_funds(year)
    g = gpb(year)
    lei = {c: v for c, v in tree({k: (a + b,) for k, (a, b) in af.items()}) if len(c) == 3}
    out = []
    # 表一 收支总表
    left = [("一、一般公共预算拨款收入", inc["一般公共预算拨款收入"]), ("二、政府性基金预算拨款收入", None),
            ("三、事业收入", inc["事业收入"]), ("四、其他收入", inc["其他收入"])]
    right = [(f"{n}、{PARENTS[c]}", lei[c][0]) for n, c in zip("一二三四", sorted(lei))]
    rows = [[a, y(b), c, y(d)] for (a, b), (c, d) in zip(left, right)]
    rows += [["本年收入合计", y(total), "本年支出合计", y(total)], ["上年结转", "", "结转下年", ""],
             ["收入总计", y(total), "支出总计", y(total)]]
    out += table("表一", "部门收支预算总表", [["收入", "", "支出", ""], ["项目", "本年预算", "项目", "本年预算"]], rows)
    # 表二 收入总表 (per code)
    inc_rows = {}
    for c in af:
        gv = sum(g[c]) if c in g else 0
        o = OTHER.get(c, {}).get(year)
        s = (o[0] + o[1]) if o else 0
        inc_rows[c] = (gv, s if o and o[2] == "事业收入" else 0, s if o and o[2] == "其他收入" else 0)
    rows = [[c, name_of(c), y(sum(v)), y(v[0] or None), "", y(v[1] or None), y(v[2] or None)]
            for c, v in tree(inc_rows)]
    rows.append(["", "合计", y(total), y(inc["一般公共预算拨款收入"]), "", y(inc["事业收入"]), y(inc["其他收入"])])
    out += table("表二", "部门收入预算总表",
                 [["科目编码", "科目名称", "总计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入"]],
                 rows)
    # 表三 支出总表
    rows = [[c, name_of(c), y(a + b), y(a or None), y(b or None)] for c, (a, b) in tree(af)]
    ba, pa = sum(v[0] for v in af.values()), sum(v[1] for v in af.values())
    rows.append(["", "合计", y(ba + pa), y(ba), y(pa)])
    out += table("表三", "部门支出预算总表", [["科目编码", "科目名称", "总计", "基本支出", "项目支出"]], rows)
    # 表四 财政拨款收支总表
    glei = {c: v for c, v in tree({k: (sum(v),) for k, v in g.items()}) if len(c) == 3}
    gt = inc["一般公共预算拨款收入"]
    left = [("一、本年收入", gt), ("（一）一般公共预算拨款", gt), ("（二）政府性基金预算拨款", None), ("二、上年结转", None)]
    right = [(f"{n}、{PARENTS[c]}", glei[c][0]) for n, c in zip("一二三四", sorted(glei))]
    rows = [[a, y(b), c, y(d), y(d), ""] for (a, b), (c, d) in zip(left, right)]
    rows.append(["收入总计", y(gt), "支出总计", y(gt), y(gt), ""])
    out += table("表四", "财政拨款收支预算总表",
                 [["收入", "", "支出", "", "", ""], ["项目", "本年预算", "项目", "合计", "一般公共预算", "政府性基金预算"]],
                 rows)
    # 表五 一般公共预算支出表
    rows = []
    for c, (p, gg, j) in tree(g):
        tot = p + gg + j
        if year == 2025 and c == SUM_PLANT[0]:
            tot, j = tot + SUM_PLANT[1], j + SUM_PLANT[1]
        rows.append([c, name_of(c), y(tot), y(p + gg or None), y(p or None), y(gg or None), y(j or None)])
    P, G, J = (sum(v[i] for v in g.values()) for i in range(3))
    rows.append(["", "合计", y(P + G + J), y(P + G), y(P), y(G), y(J)])
    out += table("表五", "一般公共预算支出预算表",
                 [["科目编码", "科目名称", "总计", "基本支出", "", "", "项目支出"],
                  ["", "", "", "小计", "人员经费", "公用经费", ""]], rows)
    # 表六 基本支出表
    lines = basic_lines(year)
    rows = []
    for lei_code, lei_name in (("301", "工资福利支出"), ("302", "商品和服务支出"), ("303", "对个人和家庭的补助")):
        kids = [ln for ln in lines if ln[0].startswith(lei_code)]
        a, b = sum(k[2] for k in kids), sum(k[3] for k in kids)
        rows.append([lei_code, lei_name, y(a + b), y(a or None), y(b or None)])
        rows += [[c, n, y(a + b), y(a or None), y(b or None)] for c, n, a, b in kids]
    rows.append(["", "合计", y(P + G), y(P), y(G)])
    out += table("表六", "一般公共预算基本支出预算表", [["经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费"]], rows)
    # 表七 三公
    a, pu, ru, r = THREE[year]
    rows = [["因公出国（境）费", y(a)], ["公务接待费", y(r)], ["公务用车购置及运行维护费", y(pu + ru)],
            ["其中：公务用车购置费", y(pu)], ["公务用车运行维护费", y(ru)], ["合计", y(a + pu + ru + r)]]
    out += table("表七", "一般公共预算“三公”经费支出预算表", [["项目", "本年预算数"]], rows)
    # 表八, 表九 empty
    for num, title, what in (("表八", "政府性基金预算支出预算表", "政府性基金预算拨款"),
                             ("表九", "国有资本经营预算支出预算表", "国有资本经营预算拨款")):
        out += table(num, title, [["科目编码", "科目名称", "总计", "基本支出", "项目支出"]], [["", "合计", "", "", ""]],
                     f"{DEPT}{year}年没有使用{what}安排的支出，本表无数据。")
    return out


# ---------------------------------------------------------------- narrative

def yoy(new, old, *, up=("较上年增加", "增长"), down=("较上年减少", "下降"), sep=False, rate=None) -> str:
    """「较上年增加12.40万元，增长3.1%」 from two 元 figures (rounded in 万元 separately)."""
    d = D(new) - D(old)
    if d == 0:
        return "与上年持平"
    words = up if d > 0 else down
    r = rate or pct(abs(d), old)
    return f"{words[0]}{w(abs(d), sep)}万元，{words[1]}{r}"


PHRASES = [(("较上年增加", "增长"), ("较上年减少", "下降")), (("同比增长", "增幅"), ("同比下降", "降幅")),
           (("比上年增加", "增长"), ("比上年减少", "下降"))]
REASONS = {"2050101": "人员工资标准调整", "2050102": "教育督导评估工作经费压减",
           "2050201": "在园幼儿增加，生均公用经费补助相应增加", "2050202": "新设鹤汀区第二实验小学，人员经费和开办经费增加",
           "2050203": "人员经费标准调整", "2050204": "高中教学质量提升经费增加",
           "2050999": "校舍维修改造任务减少", "2080501": "行政单位退休人员减少",
           "2080502": "事业单位退休人员增加", "2080505": "缴费基数调整", "2080506": "缴费基数调整",
           "2101101": "缴费基数调整", "2101102": "新设单位人员纳入缴费范围", "2210201": "缴费基数调整"}


def item_paragraph(k: int, code: str, year: int) -> str:
    lei, kuan = PARENTS[code[:3]], PARENTS[code[:5]]
    head = f"（{k}）{lei}（类）{kuan}（款）{ITEMS[code][0]}（项）{year}年预算为"
    new = sum(ITEMS[code][1][year])
    old_v = ITEMS[code][1].get(year - 1)
    if year == 2024:
        old = new * F2023[k % len(F2023)] // 1000 if code != "2050299" else new
    else:
        old = sum(old_v) if old_v else None
    amount = w(new)
    if old is None:
        return f"{head}{amount}万元，上年无此项支出，不可比。"
    up, down = PHRASES[k % 3]
    if year == 2025 and code == NARRATIVE_PLANT[0]:
        amount = NARRATIVE_PLANT[1]
        d = D(amount) - wan(old)
        return f"{head}{amount}万元，{up[0]}{q2(d)}万元，{up[1]}{pct(d, wan(old))}，主要原因是{REASONS[code]}。"
    if year == 2025 and code == PRIOR_PLANT[0]:
        d = wan(new) - PRIOR_PLANT[1]
        return f"{head}{amount}万元，{up[0]}{q2(d)}万元，{up[1]}{pct(d, PRIOR_PLANT[1])}，主要原因是{REASONS[code]}。"
    if year == 2025 and code == DIRECTION_PLANT:
        return f"{head}{amount}万元，{yoy(new, old, up=up, down=('同比下降', '增幅'))}，主要原因是{REASONS[code]}。"
    rate = RATE_PLANT[1] if year == 2025 and code == RATE_PLANT[0] else None
    text = yoy(new, old, up=up, down=down, rate=rate)
    why = REASONS.get(code, "") if year == 2025 else "人员经费及项目经费调整"
    reason = f"，主要原因是{why}" if code in REASONS and text != "与上年持平" else ""
    return f"{head}{amount}万元，{text}{reason}。"


def narrative(year: int) -> list[str]:
    prev = year - 1
    inc, inc_old = income(year), (income(prev) if prev == 2024 else None)
    total = sum(inc.values())
    total_old = sum(inc_old.values()) if inc_old else Y2023["income"]
    af = all_funds(year)
    basic, proj = sum(v[0] for v in af.values()), sum(v[1] for v in af.values())
    if prev == 2024:
        af_old = all_funds(prev)
        basic_old, proj_old = sum(v[0] for v in af_old.values()), sum(v[1] for v in af_old.values())
    else:
        basic_old, proj_old = basic * 96 // 100, proj * 103 // 100
    g = gpb(year)
    gt = sum(sum(v) for v in g.values())
    gt_old = sum(sum(v) for v in gpb(prev).values()) if prev == 2024 else gt * 95 // 100
    P, G, J = (sum(v[i] for v in g.values()) for i in range(3))
    share_s = SHARE_PLANT if year == 2025 else pct(inc["事业收入"], total)
    units = UNITS[year]
    out = [f"{DEPT}{year}年度部门预算", "", "目录", "",
           "一、部门职责及机构设置", "二、收支预算总体情况", "三、一般公共预算当年拨款情况", "四、一般公共预算基本支出情况",
           "五、项目支出情况", "六、“三公”经费预算情况", "七、机关运行经费预算情况", "八、政府采购预算情况", "九、国有资产占用情况",
           "十、名词解释", "附：部门预算公开表（表一至表九）", "",
           "一、部门职责及机构设置", "", "（一）主要职能", "",
           f"{DEPT}是区人民政府工作部门，主要职责是：贯彻执行国家和省、市教育工作方针政策，拟订全区教育事业发展规划并组织实施；"
           "统筹管理全区学前教育、义务教育和普通高中教育；负责全区教育经费的统筹管理，参与拟订教育经费筹措、教育拨款等政策；"
           "负责全区教师队伍建设和教育督导评估工作；完成区委、区人民政府交办的其他任务。", "", "（二）机构设置", "",
           f"{DEPT}内设办公室、基础教育股、人事股、计划财务股、督导室5个股室。纳入{year}年部门预算编制范围的单位共{len(units)}个，包括：", ""]
    out += [f"{i}.{u}" for i, u in enumerate(units, 1)] + [""]
    if year == 2025:
        out += ["与上年相比，新增鹤汀区第二实验小学（2025年秋季开学，作为二级预算单位单独编制预算）。", ""]
    out += ["二、收支预算总体情况", "",
            f"（一）收入预算：{year}年部门收入预算总计{w(total, True)}万元，{yoy(total, total_old, sep=True)}。"
            f"其中：一般公共预算拨款收入{w(inc['一般公共预算拨款收入'], True)}万元，占{pct(inc['一般公共预算拨款收入'], total)}；"
            f"事业收入{w(inc['事业收入'], True)}万元，占{share_s}；其他收入{w(inc['其他收入'], True)}万元，占{pct(inc['其他收入'], total)}。", "",
            f"（二）支出预算：{year}年部门支出预算总计{w(total, True)}万元。其中：基本支出{w(basic, True)}万元，"
            f"占{pct(basic, total)}，{yoy(basic, basic_old, up=('同比增长', '增幅'), down=('同比下降', '降幅'), sep=True)}；"
            f"项目支出{w(proj, True)}万元，占{pct(proj, total)}，"
            f"{yoy(proj, proj_old, up=('同比增长', '增幅'), down=('同比下降', '降幅'), sep=True)}。", "",
            "三、一般公共预算当年拨款情况", "",
            f"（一）总体情况：{year}年一般公共预算当年拨款{(D(gt) / 100000000).quantize(D('0.01'))}亿元，"
            f"{yoy(gt, gt_old)}，主要原因是{'新设单位经费纳入预算及人员经费标准调整' if year == 2025 else '人员经费标准调整'}。", ""]
    glei = {c: v[0] for c, v in tree({k: (sum(v),) for k, v in g.items()}) if len(c) == 3}
    parts = "；".join(f"{PARENTS[c]}{w(v)}万元，占{pct(v, gt)}" for c, v in sorted(glei.items()))
    out += [f"（二）结构情况：{parts}。", "", "（三）具体使用情况：", ""]
    for k, code in enumerate(sorted(g), 1):
        out += [item_paragraph(k, code, year), ""]
    out += ["四、一般公共预算基本支出情况", "",
            f"{year}年一般公共预算基本支出{w(P + G)}万元，其中：人员经费{w(P)}万元，主要包括基本工资、津贴补贴、奖金、"
            f"绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、住房公积金、退休费；"
            f"公用经费{w(G)}万元，主要包括办公费、水费、电费、差旅费、公务接待费、工会经费、福利费、公务用车运行维护费、其他商品和服务支出。", "",
            "五、项目支出情况", "", f"{year}年一般公共预算项目支出{w(J)}万元，共安排项目{len(PROJECTS[year])}个，具体如下：", "",
            "序号\t项目名称\t实施单位\t支出功能分类科目\t金额（万元）"]
    for i, (n, u, c, v) in enumerate(PROJECTS[year], 1):
        out.append(f"{i}\t{year}年{n}\t{units[u]}\t{c} {ITEMS[c][0]}\t{w(v, True)}")
    assert sum(p[3] for p in PROJECTS[year]) == J
    out += [f"\t合计\t\t\t{w(J, True)}", ""]
    a, pu, ru, r = THREE[year]
    oa, opu, oru, orr = THREE[prev]
    t, ot = a + pu + ru + r, oa + opu + oru + orr
    out += ["六、“三公”经费预算情况", "",
            f"{year}年“三公”经费预算数为{w(t)}万元，{yoy(t, ot, up=('比上年增加', '增长'), down=('比上年减少', '下降'))}。"
            f"其中：因公出国（境）费{w(a)}万元，{yoy(a, oa)}；公务接待费{w(r)}万元，"
            f"{yoy(r, orr, up=('比上年增加', '增长'), down=('比上年减少', '下降'))}，主要原因是严格执行接待标准；"
            f"公务用车购置及运行维护费{w(pu + ru)}万元，{yoy(pu + ru, opu + oru, up=('比上年增加', '增长'), down=('比上年减少', '下降'))}，"
            f"其中公务用车购置费{w(pu)}万元，公务用车运行维护费{w(ru)}万元。", "",
            "七、机关运行经费预算情况", "",
            f"{year}年本部门机关运行经费预算为{w(OPERATING[year])}万元，"
            f"{yoy(OPERATING[year], OPERATING[prev], up=('较上年增加', '增长'), down=('较上年减少', '下降'))}，"
            "主要用于局机关办公费、水电费、差旅费、公务用车运行维护费等日常运转支出。", "",
            "八、政府采购预算情况", "",
            f"{year}年本部门政府采购预算总额{'356.80' if year == 2025 else '318.40'}万元，其中：货物类"
            f"{'216.30' if year == 2025 else '190.00'}万元，服务类{'140.50' if year == 2025 else '128.40'}万元。", "",
            "九、国有资产占用情况", "",
            f"截至{prev}年12月31日，本部门共有车辆3辆，其中：机要通信用车1辆，特种专业技术用车2辆（校车）。"
            "单位价值50万元以上通用设备2台（套）。", "",
            "十、名词解释", "",
            "1.一般公共预算拨款收入：指区级财政当年拨付的一般公共预算资金。", "",
            "2.事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入，主要是幼儿园保育教育费和普通高中学费收入。", "",
            "3.机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算安排的基本支出中的日常公用经费支出。", ""]
    return out


def document(year: int) -> str:
    lines = narrative(year) + ["附：部门预算公开表", ""] + tables(year) + [DEPT, "", f"{year}年2月20日"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for yr in (2024, 2025):
        (HERE / f"{yr}.txt").write_text(document(yr), encoding="utf-8")
