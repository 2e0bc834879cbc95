"""Counts as reports write them ("over 100", "up to 60", "around three", "dozens"), normalised.

A ``Quantity`` keeps the figure named (``value``), the bounds the wording sets (``low``,
``high``; None when open) and the qualifier. The convention:

- "more than / over N": low N (the figure named, not N+1), no upper bound;
- "at least N": low N; "up to / as many as / at most N": high N;
- "about / around / some / approximately / roughly N": value N, no stated bounds;
  for comparing reports they count as N ± 20%; "nearly / almost N" as 80%-100% of N;
- vague words take fixed values, after ACLED's coding of reported counts: "a few" and
  "several" 3, "a dozen" 12, "dozens" 12, "scores" 20, "hundreds" 100, "thousands" 1,000,
  each as a lower bound (low = value), except "a dozen" (about 12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {"zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
          "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
          "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
VAGUE = {"a few": 3, "few": 3, "several": 3, "a handful of": 3, "dozens": 12, "scores": 20, "hundreds": 100,
         "thousands": 1000, "tens of thousands": 10000, "hundreds of thousands": 100000}
_LOWER = ("more than", "over", "above", "in excess of", "upwards of")
_AT_LEAST = ("at least", "no fewer than", "no less than", "a minimum of", "not less than")
_UPPER = ("up to", "as many as", "at most", "no more than", "fewer than", "less than", "under", "below",
          "a maximum of", "not more than")
_APPROX = ("about", "around", "some", "approximately", "roughly", "an estimated", "estimated", "close to",
           "circa", "more or less", "perhaps", "nearly", "almost")
_QUALIFIERS = sorted(_LOWER + _AT_LEAST + _UPPER + _APPROX, key=len, reverse=True)
_NUMBER_WORD = "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True))
_FIGURE = re.compile(rf"(?:\d[\d,.]*|(?:(?:{_NUMBER_WORD})\b[\s-]*)+)", re.IGNORECASE)  # not "a" in "Ardenko"


@dataclass(frozen=True)
class Quantity:
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    text: str

    def range(self) -> tuple[float, float]:
        """The interval the wording allows, for comparing reports (see the module's convention)."""
        q = self.qualifier or ""
        if q in ("nearly", "almost"):
            return 0.8 * self.value, float(self.value)
        if q in _APPROX and self.value is not None:
            return 0.8 * self.value, 1.2 * self.value
        low = self.low if self.low is not None else 0.0
        high = self.high if self.high is not None else float("inf")
        return float(low), float(high)

    def to_dict(self, unit: str | None = None) -> dict:
        return {"value": plain_number(self.value), "low": plain_number(self.low), "high": plain_number(self.high),
                "qualifier": self.qualifier, "unit": unit, "text": self.text}


def plain_number(x: float | None):
    """A whole figure as an int (61, not 61.0), others as they are."""
    return int(x) if x is not None and float(x).is_integer() else x


def parse_quantity(text: str) -> Quantity | None:
    """The count in ``text`` ("at least 61", "some 100", "around three", "dozens"), or None."""
    clean = " ".join(text.replace("\u00a0", " ").split()).strip(" ,.;:")
    lower = clean.lower()
    qualifier = next((q for q in _QUALIFIERS if lower.startswith(q + " ")), None)
    rest = lower[len(qualifier) + 1:] if qualifier else lower
    for word, value in sorted(VAGUE.items(), key=lambda item: -len(item[0])):
        if rest == word or rest.startswith(word + " "):
            return Quantity(value, value, None, qualifier or word, clean)
    figure = _FIGURE.match(rest)
    if not figure:
        return None
    value = _number(figure.group().strip(" -"))
    if value is None:
        return None
    if rest.startswith(("a dozen", "dozen")):
        return Quantity(12, None, None, qualifier or "a dozen", clean)
    if qualifier in _LOWER:
        return Quantity(value, value, None, "over", clean)
    if qualifier in _AT_LEAST:
        return Quantity(value, value, None, "at least", clean)
    if qualifier in _UPPER:
        return Quantity(value, None, value, "up to", clean)
    if qualifier in _APPROX:
        return Quantity(value, None, None, qualifier, clean)
    return Quantity(value, value, value, None, clean)


def _number(text: str) -> float | None:
    if text[:1].isdigit():
        digits = text.replace(",", "")
        try:
            return float(digits.rstrip("."))
        except ValueError:
            return None
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word == "and":
            continue
        else:
            return None
    value = total + current
    return float(value) if value or text.lower().startswith("zero") else None


def compatible(a: Quantity, b: Quantity) -> bool:
    """Can both reports hold at once? "at least 3" and "four" can; "four" and "around 40" cannot."""
    low_a, high_a = a.range()
    low_b, high_b = b.range()
    return low_a <= high_b and low_b <= high_a
