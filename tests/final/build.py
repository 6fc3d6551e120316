"""A 决算 (final accounts) pair and the 预算 of the same year, written as .txt from figures in 万元 with
Decimal arithmetic; tests/final/render.py prints them as PDFs (weasyprint) at test time.

The department (澄湖县农业农村局) is FICTIONAL and every figure is invented. The layout follows the
财政部 部门决算公开 table set as local offices publish it (see MANIFEST.md for the public pages used):
表1 收入支出决算总表 (income left, spending right, 年初结转和结余 / 结余分配 / 年末结转和结余), 表2 收入决算表,
表3 支出决算表 (基本/项目/上缴上级/经营/对附属单位补助支出), 表4 财政拨款收入支出决算总表, 表5 一般公共预算财政拨款支出
决算表 (年初预算数 / 调整预算数 / 决算数 › 合计/基本/项目), 表6 一般公共预算财政拨款基本支出决算表 (人员经费/公用经费),
表7 财政拨款“三公”经费支出决算表 (预算数 / 决算数 per category), 表8 政府性基金预算财政拨款收入支出决算表
(年初结转和结余 / 本年收入 / 本年支出 / 年末结转和结余), 表9 国有资本经营预算财政拨款支出决算表 (empty, with its sentence).
The narrative uses the real phrasings: 「决算为…万元，完成全年预算…万元的…%，比上年决算数增加…万元，增长…%」,
「年初预算为…万元，支出决算为…万元，完成年初预算的…%」, 「决算数大于/小于年初预算数的主要原因是…」, 「比年初预算减少…」.

`build(year, plant)` returns the .txt; `PLANTED` lists what `plant=True` breaks (2025 only), each as the
finding the tool must report. Without plants every identity, sum and rate holds exactly.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

D = Decimal
DEPT = "澄湖县农业农村局"


@dataclass(frozen=True)
class Line:
    code: str
    name: str
    budget: Decimal       # 年初预算数
    basic: Decimal        # 决算 基本支出
    project: Decimal      # 决算 项目支出


NAMES = {"208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "210": "卫生健康支出", "21011": "行政事业单位医疗",
         "213": "农林水支出", "21301": "农业农村", "221": "住房保障支出", "22102": "住房改革支出",
         "212": "城乡社区支出", "21208": "国有土地使用权出让收入安排的支出"}


def _lines(year: int) -> list[Line]:
    k = D(1) if year == 2024 else D("1.06")

    def q(v: str) -> Decimal:
        return (D(v) * k).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    return [
        Line("2080505", "机关事业单位基本养老保险缴费支出", q("96.40"), q("95.18"), D(0)),
        Line("2080506", "机关事业单位职业年金缴费支出", q("48.20"), q("47.59"), D(0)),
        Line("2101101", "行政单位医疗", q("38.50"), q("37.92"), D(0)),
        Line("2101102", "事业单位医疗", q("21.30"), q("20.84"), D(0)),
        Line("2130101", "行政运行", q("612.00"), q("598.36"), D(0)),
        Line("2130104", "事业运行", q("455.80"), q("449.05"), q("12.00")),
        Line("2130122", "农业生产发展", q("820.00"), D(0), q("791.62")),
        Line("2130153", "农田建设", q("1,500.00".replace(",", "")), D(0), q("1,626.48".replace(",", ""))),
        Line("2210201", "住房公积金", q("72.30"), q("71.66"), D(0)),
    ]


FUND_CODE = ("2120804", "农村基础设施建设支出")


def _fund(year: int) -> dict[str, Decimal]:
    if year == 2024:
        return {"opening": D("0.00"), "income": D("300.00"), "spending": D("260.00"), "closing": D("40.00")}
    return {"opening": D("40.00"), "income": D("350.00"), "spending": D("372.50"), "closing": D("17.50")}


# 三公 per category: (预算数, 决算数); 2025 is the example sentence of the brief (决算 62.07, 全年预算 84.82).
THREE = {2024: {"因公出国（境）费": (D("0.00"), D("0.00")), "公务用车购置费": (D("0.00"), D("0.00")),
                "公务用车运行维护费": (D("18.00"), D("15.60")), "公务接待费": (D("12.00"), D("7.50"))},
         2025: {"因公出国（境）费": (D("0.00"), D("0.00")), "公务用车购置费": (D("30.00"), D("29.80")),
                "公务用车运行维护费": (D("36.82"), D("22.11")), "公务接待费": (D("18.00"), D("10.16"))}}

# 基本支出 by economic code: share of 基本支出 (人员经费 301/303, 公用经费 302)
ECON = (("301", "工资福利支出", None), ("30101", "基本工资", D("0.22")), ("30102", "津贴补贴", D("0.18")),
        ("30103", "奖金", D("0.05")), ("30108", "机关事业单位基本养老保险缴费", D("0.0864")),
        ("30109", "职业年金缴费", D("0.0432")), ("30110", "职工基本医疗保险缴费", D("0.0489")),
        ("30113", "住房公积金", D("0.0531")), ("302", "商品和服务支出", None), ("30201", "办公费", D("0.034")),
        ("30211", "差旅费", D("0.021")), ("30217", "公务接待费", None), ("30231", "公务用车运行维护费", None),
        ("30299", "其他商品和服务支出", None), ("303", "对个人和家庭的补助", None), ("30302", "退休费", D("0.12")))

OTHER_INCOME = {2024: D("36.50"), 2025: D("41.20")}          # 其他收入: spent on 2130104 basic
OPENING = {2024: D("120.40"), 2025: D("96.30")}             # 年初结转和结余 (non-fund, 一般公共预算)
ALLOCATION = {2024: D("0.00"), 2025: D("0.00")}             # 结余分配


def money(v: Decimal) -> str:
    return f"{v:,.2f}"


def pct(a: Decimal, b: Decimal, places: int = 2) -> str:
    return str((a / b * 100).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _tree(lines: list[Line]) -> list[tuple[str, str, list[Line]]]:
    """(code, name, lines under it) for every 类, 款 and 项, in code order (类, its 款, their 项)."""
    out = []
    for lei in sorted({ln.code[:3] for ln in lines}):
        under = [ln for ln in lines if ln.code.startswith(lei)]
        out.append((lei, NAMES[lei], under))
        for kuan in sorted({ln.code[:5] for ln in under}):
            u2 = [ln for ln in under if ln.code.startswith(kuan)]
            out.append((kuan, NAMES[kuan], u2))
            out += [(ln.code, ln.name, [ln]) for ln in u2]
    return out


@dataclass
class Figures:
    year: int
    lines: list[Line]
    fund: dict[str, Decimal]
    three: dict[str, tuple[Decimal, Decimal]]

    @property
    def gpb(self) -> Decimal:             # 一般公共预算财政拨款 决算 (基本 + 项目)
        return sum((ln.basic + ln.project for ln in self.lines), D(0)) - OTHER_INCOME[self.year]

    @property
    def basic(self) -> Decimal:
        return sum((ln.basic for ln in self.lines), D(0))

    @property
    def project(self) -> Decimal:
        return sum((ln.project for ln in self.lines), D(0)) + self.fund["spending"]

    @property
    def spending(self) -> Decimal:
        return self.basic + self.project

    @property
    def gpb_income(self) -> Decimal:      # 本年 一般公共预算财政拨款收入: what was spent, less the carry-over used
        return self.gpb - OPENING[self.year] + self.closing_gpb

    @property
    def closing_gpb(self) -> Decimal:
        return D("96.30") if self.year == 2024 else D("44.15")      # = next year's OPENING

    @property
    def income(self) -> Decimal:
        return self.gpb_income + self.fund["income"] + OTHER_INCOME[self.year]

    @property
    def opening(self) -> Decimal:
        return OPENING[self.year] + self.fund["opening"]

    @property
    def closing(self) -> Decimal:
        return self.closing_gpb + self.fund["closing"]

    @property
    def three_budget(self) -> Decimal:
        return sum((b for b, _ in self.three.values()), D(0))

    @property
    def three_final(self) -> Decimal:
        return sum((f for _, f in self.three.values()), D(0))


def figures(year: int) -> Figures:
    return Figures(year, _lines(year), _fund(year), THREE[year])


# What plant=True breaks in 2025, as the tool must report it (check, item or code, stated, expected, severity).
PLANTED = [
    # 表1: 年末结转和结余 printed 10.00 too high and 支出总计 computed from it: each side adds up, the sides differ
    {"check": "final-identity", "table": "收入支出决算总表", "item": "收入总计与支出总计", "severity": "error"},
    # 表8: the fund row's 年末结转和结余 printed 27.50 instead of 17.50
    {"check": "final-identity", "table": "政府性基金预算财政拨款收入支出决算表", "code": FUND_CODE[0], "severity": "error",
     "stated": "27.50", "expected": "17.50"},
    # 表5: 类 213 决算数 合计 printed 100.00 too high (its 款 and 项 rows are right)
    {"check": "sum", "table": "一般公共预算财政拨款支出决算表", "code": "213", "severity": "error"},
    # narrative: 完成率 of 2130101 stated 96.50% (598.36×1.06 / 612.00×1.06 = 97.77%)
    {"check": "execution", "code": "2130101", "severity": "error", "stated": "96.50%", "expected": "97.77%"},
    # narrative: 支出决算 of 2130122 printed 893.12 (表5 839.12); its 完成率 is computed from the right figure, so
    # the execution check links its mismatch to this misprint (a notice) instead of a second error
    {"check": "narrative", "code": "2130122", "severity": "error", "stated": "893.12", "expected": "839.12"},
    {"check": "execution", "code": "2130122", "severity": "notice", "stated": "96.54%", "expected": "102.75%"},
]


def _overview(f: Figures, plant: bool) -> list[str]:
    left = [("一、一般公共预算财政拨款收入", f.gpb_income), ("二、政府性基金预算财政拨款收入", f.fund["income"]),
            ("三、国有资本经营预算财政拨款收入", None), ("四、上级补助收入", None), ("五、事业收入", None),
            ("六、经营收入", None), ("七、附属单位上缴收入", None), ("八、其他收入", OTHER_INCOME[f.year]),
            ("本年收入合计", f.income), ("使用非财政拨款结余", None), ("年初结转和结余", f.opening),
            ("总计", f.income + f.opening)]
    by_lei = {}
    for ln in f.lines:
        by_lei[ln.code[:3]] = by_lei.get(ln.code[:3], D(0)) + ln.basic + ln.project
    by_lei["212"] = f.fund["spending"]
    closing = f.closing + (D("10.00") if plant else D(0))
    right = [(f"{n}、{NAMES[c]}", by_lei[c]) for n, c in (("一", "208"), ("二", "210"), ("三", "212"), ("四", "213"),
                                                        ("五", "221"))]
    right += [("本年支出合计", f.spending), ("结余分配", ALLOCATION[f.year] or None), ("年末结转和结余", closing),
              ("总计", f.spending + ALLOCATION[f.year] + closing)]
    out = ["收入\t\t支出\t", "项目\t决算数\t项目\t决算数"]
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ("", None)
        b = right[i] if i < len(right) else ("", None)
        out.append(f"{a[0]}\t{money(a[1]) if a[1] is not None else ''}\t{b[0]}\t{money(b[1]) if b[1] is not None else ''}")
    return out


def _coded(rows: list[tuple[str, str, list[str]]], total: list[str]) -> list[str]:
    return ["\t合计\t" + "\t".join(total)] + [f"{c}\t{n}\t" + "\t".join(v) for c, n, v in rows]


def _cells(*vals: Decimal | None) -> list[str]:
    return [money(v) if v else "" for v in vals]


def _table(number: int, title: str, header: list[str], body: list[str], note: str = "") -> list[str]:
    out = [f"表{number}", "", title, "", f"编制单位：{DEPT}", "", "单位：万元", ""] + header + body
    return out + (["", note] if note else [])


def with_row_numbers(txt: str) -> str:
    """The 收入支出决算总表 with the 行次 columns of the 财政部 template (项目 | 行次 | 决算数 on each side), and a
    栏次 row (1, 2, 3 …) under the header of the 支出决算表: numbers that are never figures."""
    lines = txt.split("\n")
    i = lines.index("项目\t决算数\t项目\t决算数")
    lines[i - 1], lines[i] = "收入\t\t\t支出\t\t", "项目\t行次\t决算数\t项目\t行次\t决算数"
    j, k = i + 1, 1
    while lines[j].strip():
        c = lines[j].split("\t")
        lines[j] = "\t".join([c[0], str(k) if c[0] else "", c[1], c[2], str(k + 20) if c[2] else "", c[3]])
        j, k = j + 1, k + 1
    h = lines.index("科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出")
    lines.insert(h + 1, "栏次\t\t1\t2\t3\t4\t5\t6")
    return "\n".join(lines)


def build(year: int, plant: bool = False) -> str:
    f = figures(year)
    prev = figures(year - 1) if year == 2025 else None
    plant = plant and year == 2025
    tree = _tree(f.lines)
    out: list[str] = [f"{DEPT}{year}年度部门决算", ""]
    out += _narrative(f, prev, plant)
    out += ["", f"附：{year}年度部门决算公开表", ""]
    out += _table(1, "收入支出决算总表", [], _overview(f, plant))
    # 收入决算表 by the code the income was budgeted for: what was spent there, 农田建设 less the carry-over used
    delta = f.gpb_income - f.gpb
    inc = []
    for code, name, ls in tree:
        got = sum((x.basic + x.project + (delta if x.code == "2130153" else D(0)) for x in ls), D(0))
        other = OTHER_INCOME[year] if any(x.code == "2130104" for x in ls) else D(0)
        inc.append((code, name, _cells(got, got - other, None, None, None, None, other)))
    fund_rows = [("212", NAMES["212"]), ("21208", NAMES["21208"]), FUND_CODE]
    inc_fund = [(c, n, _cells(f.fund["income"], f.fund["income"], None, None, None, None, None)) for c, n in fund_rows]
    out += [""] + _table(2, "收入决算表", ["科目编码\t科目名称\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入"],
                         _coded(sorted(inc + inc_fund), _cells(f.income, f.income - OTHER_INCOME[year], None, None,
                                                               None, None, OTHER_INCOME[year])))
    exp = [(code, name, _cells(sum((x.basic + x.project for x in ls), D(0)), sum((x.basic for x in ls), D(0)),
                               sum((x.project for x in ls), D(0)), None, None, None)) for code, name, ls in tree]
    exp += [(c, n, _cells(f.fund["spending"], None, f.fund["spending"], None, None, None)) for c, n in fund_rows]
    out += [""] + _table(3, "支出决算表", ["科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出"],
                         _coded(sorted(exp), _cells(f.spending, f.basic, f.project, None, None, None)))
    out += [""] + _table(4, "财政拨款收入支出决算总表", [], _fiscal_overview(f))
    gpb_rows = []
    for code, name, ls in tree:
        other = OTHER_INCOME[year] if any(x.code == "2130104" for x in ls) else D(0)
        b = sum((x.basic for x in ls), D(0)) - other
        p = sum((x.project for x in ls), D(0))
        budget = sum((x.budget for x in ls), D(0))
        total = b + p + (D("100.00") if plant and code == "213" else D(0))
        gpb_rows.append((code, name, _cells(budget, budget, total, b, p)))
    budget_total = sum((x.budget for x in f.lines), D(0))
    out += [""] + _table(5, "一般公共预算财政拨款支出决算表",
                         ["科目编码\t科目名称\t年初预算数\t调整预算数\t决算数\t\t", "\t\t\t\t合计\t基本支出\t项目支出"],
                         _coded(gpb_rows, _cells(budget_total, budget_total, f.gpb, f.basic - OTHER_INCOME[year],
                                                 sum((x.project for x in f.lines), D(0)))))
    out += [""] + _table(6, "一般公共预算财政拨款基本支出决算表", ["科目编码\t科目名称\t合计\t人员经费\t公用经费"],
                         _basic(f))
    three = ["项目\t预算数\t决算数"]
    body = [f"合计\t{money(f.three_budget)}\t{money(f.three_final)}"]
    b3, f3 = f.three["因公出国（境）费"]
    body.append(f"因公出国（境）费\t{money(b3)}\t{money(f3)}")
    cars = [f.three["公务用车购置费"], f.three["公务用车运行维护费"]]
    body.append(f"公务用车购置及运行维护费\t{money(cars[0][0] + cars[1][0])}\t{money(cars[0][1] + cars[1][1])}")
    body.append(f"其中：公务用车购置费\t{money(cars[0][0])}\t{money(cars[0][1])}")
    body.append(f"公务用车运行维护费\t{money(cars[1][0])}\t{money(cars[1][1])}")
    b3, f3 = f.three["公务接待费"]
    body.append(f"公务接待费\t{money(b3)}\t{money(f3)}")
    out += [""] + _table(7, "财政拨款“三公”经费支出决算表", three, body)
    fd = f.fund
    closing = fd["closing"] + (D("10.00") if plant else D(0))
    frows = [(c, n, _cells(fd["opening"], fd["income"], fd["spending"], None, fd["spending"], closing if c == FUND_CODE[0] else fd["closing"]))
             for c, n in fund_rows]
    out += [""] + _table(8, "政府性基金预算财政拨款收入支出决算表",
                         ["科目编码\t科目名称\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余",
                          "\t\t\t\t小计\t基本支出\t项目支出\t"],
                         _coded(frows, _cells(fd["opening"], fd["income"], fd["spending"], None, fd["spending"],
                                              fd["closing"])))
    out += [""] + _table(9, "国有资本经营预算财政拨款支出决算表", ["科目编码\t科目名称\t合计\t基本支出\t项目支出"], ["\t合计\t\t\t"],
                         note=f"{DEPT}{year}年度没有使用国有资本经营预算财政拨款安排的支出，故本表无数据。")
    return "\n".join(out) + "\n"


def _fiscal_overview(f: Figures) -> list[str]:
    left = [("一、一般公共预算财政拨款", f.gpb_income), ("二、政府性基金预算财政拨款", f.fund["income"]),
            ("三、国有资本经营预算财政拨款", None), ("本年收入合计", f.gpb_income + f.fund["income"]),
            ("年初财政拨款结转和结余", OPENING[f.year] + f.fund["opening"]), ("总计", None)]
    left[-1] = ("总计", left[3][1] + left[4][1])
    by_lei: dict[str, tuple[Decimal, Decimal]] = {}
    for ln in f.lines:
        v = ln.basic + ln.project - (OTHER_INCOME[f.year] if ln.code == "2130104" else D(0))
        g, fu = by_lei.get(ln.code[:3], (D(0), D(0)))
        by_lei[ln.code[:3]] = (g + v, fu)
    by_lei["212"] = (D(0), f.fund["spending"])
    right = [(f"{n}、{NAMES[c]}", by_lei[c]) for n, c in (("一", "208"), ("二", "210"), ("三", "212"), ("四", "213"),
                                                        ("五", "221"))]
    spent = (f.gpb, f.fund["spending"])
    closing = (f.closing_gpb, f.fund["closing"])
    right += [("本年支出合计", spent), ("年末财政拨款结转和结余", closing),
              ("总计", (spent[0] + closing[0], spent[1] + closing[1]))]
    out = ["收入\t\t支出\t\t\t\t", "项目\t金额\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款"]
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ("", None)
        b = right[i] if i < len(right) else ("", None)
        rv = "\t".join(_cells(b[1][0] + b[1][1], b[1][0], b[1][1], None)) if b[1] is not None else "\t\t\t"
        out.append(f"{a[0]}\t{money(a[1]) if a[1] is not None else ''}\t{b[0]}\t{rv}")
    return out


def _basic(f: Figures) -> list[str]:
    basic = f.basic - OTHER_INCOME[f.year]
    leaf: dict[str, Decimal] = {}
    for code, _n, share in ECON:
        if share is not None:
            leaf[code] = (basic * share).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    leaf["30217"] = f.three["公务接待费"][1]
    leaf["30231"] = f.three["公务用车运行维护费"][1]
    people = sum((v for c, v in leaf.items() if c[:3] in ("301", "303")), D(0))
    other_302 = sum((v for c, v in leaf.items() if c[:3] == "302"), D(0))
    leaf["30299"] = basic - people - other_302
    rows = []
    for code, name, _s in ECON:
        v = leaf[code] if len(code) == 5 else sum((x for c, x in leaf.items() if c.startswith(code)), D(0))
        person = code[:3] in ("301", "303")
        rows.append((code, name, _cells(v, v if person else None, None if person else v)))
    people_total = sum((v for c, v in leaf.items() if c[:3] in ("301", "303")), D(0))
    return _coded(rows, _cells(basic, people_total, basic - people_total))


def _narrative(f: Figures, prev: Figures | None, plant: bool) -> list[str]:
    y = f.year
    out = ["第一部分 部门概况", "", "一、主要职能", "",
           f"{DEPT}是县人民政府工作部门，负责全县农业农村发展规划、农田建设、农业生产发展和农村基础设施建设等工作。", "",
           "二、机构设置", "",
           f"纳入{DEPT}{y}年度部门决算编制范围的单位共2个，包括：", "", f"1.{DEPT}（机关）", "", "2.澄湖县农业技术推广中心", "",
           f"第二部分 {y}年度部门决算情况说明", "",
           "一、收入支出决算总体情况说明", ""]
    total = f.income + f.opening
    s = f"{y}年度收、支总计均为{money(total)}万元。"
    if prev is not None:
        pt = prev.income + prev.opening
        s += (f"与上年相比，收、支总计各增加{money(total - pt)}万元，增长{pct(total - pt, pt)}%，"
              "主要原因是农田建设项目支出增加。")
    out += [s, "", "二、收入决算情况说明", ""]
    out += [f"{y}年度本年收入合计{money(f.income)}万元，其中：财政拨款收入{money(f.income - OTHER_INCOME[y])}万元，"
            f"占{pct(f.income - OTHER_INCOME[y], f.income)}%；其他收入{money(OTHER_INCOME[y])}万元，"
            f"占{pct(OTHER_INCOME[y], f.income)}%。", "", "三、支出决算情况说明", ""]
    out += [f"{y}年度本年支出合计{money(f.spending)}万元，其中：基本支出{money(f.basic)}万元，占{pct(f.basic, f.spending)}%；"
            f"项目支出{money(f.project)}万元，占{pct(f.project, f.spending)}%。", "",
            "四、一般公共预算财政拨款支出决算情况说明", ""]
    budget_total = sum((x.budget for x in f.lines), D(0))
    s = (f"{y}年度一般公共预算财政拨款支出年初预算为{money(budget_total)}万元，支出决算为{money(f.gpb)}万元，"
         f"完成年初预算的{pct(f.gpb, budget_total, 1)}%。")
    out += [s, ""]
    for k, ln in enumerate(f.lines, 1):
        fin = ln.basic + ln.project - (OTHER_INCOME[y] if ln.code == "2130104" else D(0))
        rate = pct(fin, ln.budget)
        if plant and ln.code == "2130101":
            rate = "96.50"
        shown = D("893.12") if plant and ln.code == "2130122" else fin
        word = "大于" if fin > ln.budget else "小于"
        reason = "主要原因是人员调整" if word == "小于" else "主要原因是追加项目资金"
        kuan = NAMES[ln.code[:5]]
        out += [f"{k}.{NAMES[ln.code[:3]]}（类）{kuan}（款）{ln.name}（项）。年初预算为{money(ln.budget)}万元，"
                f"支出决算为{money(shown)}万元，完成年初预算的{rate}%。决算数{word}年初预算数的{reason}。", ""]
    out += ["五、财政拨款“三公”经费支出决算情况说明", ""]
    s = (f"{y}年度一般公共预算财政拨款“三公”经费支出决算为{money(f.three_final)}万元，"
         f"完成全年预算{money(f.three_budget)}万元的{pct(f.three_final, f.three_budget, 1)}%")
    if prev is not None:
        d = f.three_final - prev.three_final
        s += (f"，比上年决算数{'增加' if d > 0 else '减少'}{money(abs(d))}万元，"
              f"{'增长' if d > 0 else '下降'}{pct(abs(d), prev.three_final, 1)}%")
    out += [s + "，主要原因是更新一辆执法用车。", ""]
    out += ["六、政府性基金预算财政拨款收入支出决算情况说明", "",
            f"{y}年度政府性基金预算财政拨款年初结转和结余{money(f.fund['opening'])}万元，本年收入{money(f.fund['income'])}万元，"
            f"本年支出{money(f.fund['spending'])}万元，年末结转和结余{money(f.fund['closing'])}万元。", ""]
    return out


def build_budget(year: int) -> str:
    """The 预算 of the same year (the 年初预算数 of the 决算): cover, one narrative paragraph, the
    一般公共预算支出预算表 (合计 / 基本支出 / 项目支出) and the 一般公共预算“三公”经费支出预算表, for the 预算执行 comparison."""
    f = figures(year)
    tree = _tree(f.lines)

    def split(ln: Line) -> tuple[Decimal, Decimal]:
        project = ln.budget if ln.basic == 0 else (ln.project if ln.project else D(0))
        return ln.budget - project, project
    rows = []
    for code, name, ls in tree:
        b = sum((split(x)[0] for x in ls), D(0))
        p = sum((split(x)[1] for x in ls), D(0))
        rows.append((code, name, _cells(b + p, b, p)))
    basic = sum((split(x)[0] for x in f.lines), D(0))
    project = sum((split(x)[1] for x in f.lines), D(0))
    out = [f"{DEPT}{year}年度部门预算", "", "一、部门预算安排总体情况", "",
           f"{year}年一般公共预算财政拨款支出预算{money(basic + project)}万元，其中：基本支出{money(basic)}万元，"
           f"项目支出{money(project)}万元。", "",
           "二、“三公”经费预算情况", "", f"{year}年财政拨款“三公”经费预算{money(f.three_budget)}万元。", "",
           "附：部门预算公开表", ""]
    out += _table(1, "一般公共预算支出预算表", ["科目编码\t科目名称\t合计\t基本支出\t项目支出"],
                  _coded(rows, _cells(basic + project, basic, project)))
    body = [f"因公出国（境）费\t{money(f.three['因公出国（境）费'][0])}",
            f"公务接待费\t{money(f.three['公务接待费'][0])}",
            f"公务用车购置及运行维护费\t{money(f.three['公务用车购置费'][0] + f.three['公务用车运行维护费'][0])}",
            f"其中：公务用车购置费\t{money(f.three['公务用车购置费'][0])}",
            f"公务用车运行维护费\t{money(f.three['公务用车运行维护费'][0])}",
            f"合计\t{money(f.three_budget)}"]
    out += [""] + _table(2, "一般公共预算“三公”经费支出预算表", ["项目\t本年预算数"], body)
    return "\n".join(out) + "\n"
