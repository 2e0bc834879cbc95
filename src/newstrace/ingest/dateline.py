"""A publication date from a plain-text article's byline or dateline, when its first lines give one."""

from __future__ import annotations

import re

_MONTHS = {m: n for n, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTH = r"(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r")"
_PATTERNS = (
    re.compile(r"\b(?P<year>(19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d) " + _MONTH + r",? (?P<year>(19|20)\d\d)\b"),
    re.compile(r"\b" + _MONTH + r" (?P<day>[0-3]?\d),? (?P<year>(19|20)\d\d)\b"),
)


def find_date(text: str, lines: int = 3) -> str | None:
    """ISO date (YYYY-MM-DD) from the first ``lines`` non-empty lines, if one is written there."""
    head = [ln for ln in text.split("\n") if ln.strip()][:lines]
    for line in head:
        for pattern in _PATTERNS:
            m = pattern.search(line)
            if not m:
                continue
            month = int(m["mnum"]) if "mnum" in m.groupdict() and m["mnum"] else _MONTHS[m["month"].lower()]
            day = int(m["day"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{int(m['year']):04d}-{month:02d}-{day:02d}"
    return None
