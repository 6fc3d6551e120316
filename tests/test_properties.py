"""Property tests: figures generated consistent under the interval rule are never flagged; figures
moved beyond it always are. Exact decimals are generated, then rounded to printed strings."""
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as S

from yoydiff.checks.rates import check_rate
from yoydiff.checks.shares import check_shares
from yoydiff.checks.sums import check_table_sums

from test_checks_build import doc, row, st, table

CENT = Decimal("0.01")


def cents(lo: int, hi: int):
    return S.integers(lo, hi).map(lambda n: Decimal(n) * CENT)


def show(v: Decimal, places: int = 2, sep: bool = True) -> str:
    q = v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{q:,}" if sep else str(q)


def pct(v: Decimal) -> str:
    return show(v, 2, sep=False) + "%"


# prior ≥ 100 and |change| ≤ 2 × prior keep the recomputed rate within ±0.03 percentage points
rate_case = S.tuples(cents(10_000, 10_000_000), S.integers(1, 2000), S.booleans(), S.booleans())


def _rate_statement(prior: Decimal, permille: int, up: bool, sep: bool, shift: Decimal = Decimal(0)):
    change = (prior * permille / 1000).quantize(CENT)
    assume(change > 0 and (up or change < prior))
    amount = prior + change if up else prior - change
    rate = change / prior * 100
    stated = rate + shift
    assume(stated > 0)
    return st("item", show(amount, sep=sep), show(change, sep=sep), "增加" if up else "减少", pct(stated))


@settings(max_examples=300, deadline=None)
@given(rate_case)
def test_consistent_rates_are_never_flagged(case):
    prior, permille, up, sep = case
    assert check_rate(_rate_statement(prior, permille, up, sep), "new") == []


@settings(max_examples=300, deadline=None)
@given(rate_case, cents(10, 5000), S.booleans())
def test_rates_moved_beyond_the_interval_are_flagged(case, shift, down):
    prior, permille, up, sep = case
    s = _rate_statement(prior, permille, up, sep, -shift if down else shift)
    assert [f.severity for f in check_rate(s, "new")] == ["error"]


share_case = S.tuples(cents(10_000, 10_000_000), S.integers(0, 1000))


def _share_doc(whole: Decimal, permille: int, shift: Decimal = Decimal(0)):
    part = (whole * permille / 1000).quantize(CENT)
    share = part / whole * 100 + shift
    assume(share > 0)
    from yoydiff.numbers import Percent
    return doc(statements=[st("收入合计", show(whole), topic="income_total"),
                           st("来源", show(part), share=Percent.parse(pct(share)), topic="income_source")])


@settings(max_examples=300, deadline=None)
@given(share_case)
def test_consistent_shares_are_never_flagged(case):
    assert check_shares(_share_doc(*case), "new") == []


@settings(max_examples=300, deadline=None)
@given(share_case, cents(5, 5000), S.booleans())
def test_shares_moved_beyond_the_interval_are_flagged(case, shift, down):
    fs = check_shares(_share_doc(*case, -shift if down else shift), "new")
    assert [f.severity for f in fs] == ["error"]


# true values with four decimals, printed to two
children_case = S.lists(S.integers(0, 10_000_000_000).map(lambda n: Decimal(n) / 10000), min_size=1, max_size=12)


def _sum_table(true_children: list[Decimal], move: Decimal = Decimal(0)):
    parent = show(sum(true_children, Decimal(0)) + move)
    rows = [row("208", "社会保障和就业支出", parent)]
    rows += [row(f"208 {k + 1:02d}", f"款{k}", show(v)) for k, v in enumerate(true_children)]
    return table("gpb_expense", "表 5", [("合计",)], rows)


@settings(max_examples=300, deadline=None)
@given(children_case)
def test_sums_consistent_under_rounding_are_never_errors(kids):
    assert all(f.severity == "rounding" for f in check_table_sums(_sum_table(kids), "new"))


@settings(max_examples=300, deadline=None)
@given(children_case, S.integers(0, 1000), S.booleans())
def test_sums_moved_beyond_the_interval_are_errors(kids, extra, down):
    # Σ of n printed children is within n × 0.005 of the true sum and its interval n × 0.005 wider;
    # the parent's printing and its interval add 0.005 each: beyond n × 0.01 + 0.01 nothing can meet
    move = Decimal(len(kids)) * CENT + Decimal("0.015") + Decimal(extra) * CENT
    assume(not down or sum(kids, Decimal(0)) - move >= 0)
    fs = check_table_sums(_sum_table(kids, -move if down else move), "new")
    assert [f.severity for f in fs] == ["error"]
