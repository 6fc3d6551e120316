"""Printed figures: amounts and percentages as exact decimals with the interval they stand for.

A printed figure stands for every value that rounds to it: "1,367.76" means [1367.755, 1367.765].
Every figure keeps the string it was printed as, so trailing zeros keep their meaning.
Amounts are normalised to 万元 (the unit most disclosures use); the printed unit travels along.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Scale of each printed unit, in 万元.
UNIT_SCALE = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}
# The printed units as a pattern (the longer first), and a caption naming the unit: 「单位：万元」「金额单位：元」.
UNIT_PATTERN = "|".join(sorted(UNIT_SCALE, key=len, reverse=True))
UNIT_CAPTION_RE = re.compile(rf"(?:金额)?单位\s*[:：]\s*(?P<unit>{UNIT_PATTERN})")

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－％＋", "0123456789.,-%+")
_NUMBER_RE = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def normalise_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII; stray spaces inside a number removed."""
    return text.translate(_FULLWIDTH)


def parse_decimal(text: str) -> Decimal | None:
    """'32,407.23' -> Decimal('32407.23'); None when the text is not a plain printed number."""
    t = normalise_digits(text).replace(" ", "").replace("\u00a0", "")
    if t.startswith("(") and t.endswith(")"):  # accounting negative
        t = "-" + t[1:-1]
    if not _NUMBER_RE.match(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - regex already guards
        return None


def _half_ulp(text: str) -> Decimal:
    t = normalise_digits(text).replace(" ", "").rstrip("%")
    decimals = len(t.split(".", 1)[1]) if "." in t else 0
    return Decimal(5) * Decimal(10) ** (-(decimals + 1))


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> "Interval":
        return Interval(-self.hi, -self.lo)

    def scale(self, k: Decimal) -> "Interval":
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def divide(self, other: "Interval") -> "Interval | None":
        """self / other; None when other contains 0 (the ratio is unbounded)."""
        if other.lo <= 0 <= other.hi:
            return None
        qs = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(qs), max(qs))

    def meets(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def distance(self, other: "Interval") -> Decimal:
        """Gap between two intervals (0 when they meet)."""
        if self.meets(other):
            return Decimal(0)
        return other.lo - self.hi if self.hi < other.lo else self.lo - other.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    @staticmethod
    def exact(v: Decimal) -> "Interval":
        return Interval(v, v)

    @staticmethod
    def total(items) -> "Interval":
        acc = Interval(Decimal(0), Decimal(0))
        for it in items:
            acc = acc + it
        return acc


@dataclass(frozen=True)
class Amount:
    """A printed amount. `value` is in 万元; `text` is the figure as printed, `unit` its printed unit."""

    value: Decimal
    text: str
    unit: str = "万元"

    @staticmethod
    def parse(text: str, unit: str = "万元") -> "Amount | None":
        v = parse_decimal(text)
        if v is None:
            return None
        return Amount(v * UNIT_SCALE[unit], text.strip(), unit)

    @staticmethod
    def zero() -> "Amount":
        return Amount(Decimal(0), "0", "万元")

    @property
    def interval(self) -> Interval:
        h = _half_ulp(self.text) * UNIT_SCALE[self.unit]
        return Interval(self.value - h, self.value + h)

    @property
    def truncation_interval(self) -> Interval:
        """Values that print as this figure when the producer truncates instead of rounding."""
        h = 2 * _half_ulp(self.text) * UNIT_SCALE[self.unit]
        return Interval(self.value, self.value + h) if self.value >= 0 else Interval(self.value - h, self.value)

    def __str__(self) -> str:
        return f"{self.text}{self.unit}" if self.unit != "万元" else self.text


@dataclass(frozen=True)
class Percent:
    """A printed percentage; `value` in percent (17.20 for 17.20%)."""

    value: Decimal
    text: str

    @staticmethod
    def parse(text: str) -> "Percent | None":
        v = parse_decimal(normalise_digits(text).replace("%", "").strip())
        return None if v is None else Percent(v, text.strip())

    @property
    def interval(self) -> Interval:
        h = _half_ulp(self.text)
        return Interval(self.value - h, self.value + h)

    @property
    def truncation_interval(self) -> Interval:
        h = 2 * _half_ulp(self.text)
        return Interval(self.value, self.value + h)

    def __str__(self) -> str:
        return self.text if self.text.endswith("%") else self.text + "%"


def fmt_amount(v: Decimal | None, places: int = 2) -> str:
    """32407.23 -> '32,407.23' (for reports; never used for parsing)."""
    if v is None:
        return ""
    q = Decimal(1).scaleb(-places)
    return f"{v.quantize(q):,}"


def fmt_pct(v: Decimal | None, places: int = 2) -> str:
    if v is None:
        return ""
    q = Decimal(1).scaleb(-places)
    return f"{v.quantize(q)}%"
