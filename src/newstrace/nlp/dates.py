"""Calendar dates written out in a text: "12 March", "March 12, 2017", "the 3rd of May", "2017-03-12".

Only dates that name a month and a day: they mean the same day whoever writes them, while
"on Monday" or "last week" depend on when the article was published. A date without a
year keeps none (``CalendarDate.year`` is None) and agrees with any year. Month names must
be capitalised, as English writes them, so "12 may have died" is no date.
"""

from __future__ import annotations

import calendar
import re
from typing import NamedTuple

_MONTHS = {name: n for n in range(1, 13) for name in (calendar.month_name[n], calendar.month_abbr[n])}
_MONTHS["Sept"] = 9
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<{}>(?:1[89]|20)\d\d))?"
_DATE = re.compile(
    rf"\b(?:(?P<day1>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month1>{_MONTH}){_YEAR.format('year1')}"
    rf"|(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}}){_ORDINAL}\b{_YEAR.format('year2')}"
    r"|(?P<year3>(?:1[89]|20)\d\d)-(?P<month3>\d\d)-(?P<day3>\d\d))\b")


class CalendarDate(NamedTuple):
    year: int | None
    month: int
    day: int

    def __str__(self) -> str:
        written = f"{self.day} {calendar.month_name[self.month]}"
        return written if self.year is None else f"{written} {self.year}"


def calendar_dates(text: str) -> list[CalendarDate]:
    """The calendar dates ``text`` writes out, in order."""
    found = []
    for match in _DATE.finditer(text):
        for k in "123":
            if match.group(f"day{k}"):
                month = match.group(f"month{k}").rstrip(".")
                month = int(month) if month.isdigit() else _MONTHS[month]
                year = match.group(f"year{k}")
                date = CalendarDate(int(year) if year else None, month, int(match.group(f"day{k}")))
                if 1 <= month <= 12 and 1 <= date.day <= calendar.monthrange(date.year or 2000, month)[1]:
                    found.append(date)
    return found


def same_day(a: CalendarDate, b: CalendarDate) -> bool:
    """Whether two dates can be one day: month and day agree, and so do the years where both give one."""
    return (a.month, a.day) == (b.month, b.day) and (a.year is None or b.year is None or a.year == b.year)
