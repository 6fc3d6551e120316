from decimal import Decimal as D

from yoydiff.numbers import Amount, Interval, Percent, parse_decimal


def test_parse_printed_amounts():
    assert parse_decimal("32,407.23") == D("32407.23")
    assert parse_decimal("1393.65") == D("1393.65")
    assert parse_decimal("１，３９３．６５") == D("1393.65")
    assert parse_decimal("1,393.6 5") == D("1393.65")
    assert parse_decimal("12,34.5") is None
    assert parse_decimal("特定目标") is None


def test_amount_interval_and_units():
    a = Amount.parse("1,367.76")
    assert (a.interval.lo, a.interval.hi) == (D("1367.755"), D("1367.765"))
    y = Amount.parse("164,700", "元")
    assert y.value == D("16.47")
    assert y.interval == Interval(D("16.46995"), D("16.47005"))
    assert Amount.parse("3.2", "亿元").value == D("32000")


def test_percent_keeps_trailing_zeros():
    p = Percent.parse("17.20%")
    assert p.text == "17.20%"
    assert (p.interval.lo, p.interval.hi) == (D("17.195"), D("17.205"))
    assert Percent.parse("100%").interval == Interval(D("99.5"), D("100.5"))


def test_interval_arithmetic():
    amount = Amount.parse("14,197.84").interval
    change = Amount.parse("2,084.09").interval
    prior = amount - change
    assert prior == Interval(D("12113.74"), D("12113.76"))
    rate = change.divide(prior).scale(D(100))
    assert rate.meets(Percent.parse("17.20%").interval)
    assert not rate.meets(Percent.parse("17.30%").interval)
    assert Interval(D(0), D(1)).divide(Interval(D(-1), D(1))) is None
    assert Interval(D(1), D(2)).distance(Interval(D(3), D(4))) == D(1)
