"""Calendar dates written out in a text: "12 March", "March 12, 2017", "the 3rd of May", "2017-03-12".

Only dates that name a month and a day: they mean the same day whoever writes them, while
"on Monday" or "last week" depend on when the article was published. A date without a
year keeps none (``CalendarDate.year`` is None) and agrees with any year. Month names must
be capitalised, as English writes them, so "12 may have died" is no date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
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


# When an event happened, as a range of days: what a date expression means once the day the
# article came out is known ("on Tuesday", "last week", "early April", "in 2007").
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_YEAR_ONLY = re.compile(r"\b((?:1[89]|20)\d\d)\b")


def parse_published(published: str | None) -> date | None:
    """The day an article came out, from its ISO date or datetime; None when unknown."""
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def date_range(text: str, published: date | None) -> tuple[date, date] | None:
    """The first and last day ``text`` (a date expression, as spaCy's DATE entities give them)
    can mean, given the publication day; None when it names no day, month or year that can be
    placed. Relative words ("Tuesday", "yesterday", "last week") count back from the
    publication day, as news reports past events; a calendar date without a year takes the
    publication's year, or the year before when it would lie months after the article."""
    lower = " ".join(text.lower().replace("-", " ").split())
    for found in calendar_dates(text):
        year = found.year or _year_before(published, found.month, found.day)
        if year is None:
            return None
        day = date(year, found.month, found.day)
        return day, day
    words = re.findall(r"[a-z]+", lower)
    year_match = _YEAR_ONLY.search(lower)
    month = next((_MONTHS[w] for w in re.findall(r"[A-Z][a-z]+", text) if w in _MONTHS), None)  # "May", not "may"
    if month is not None:
        year = int(year_match.group(1)) if year_match else _year_before(published, month, 1)
        if year is None:
            return None
        first, last = 1, calendar.monthrange(year, month)[1]
        part = next((_PARTS[w] for w in words if w in _PARTS), None)
        if part:
            first, last = part[0], min(part[1], last)
        return date(year, month, first), date(year, month, last)
    if year_match and not published or year_match and not _relative(words):
        year = int(year_match.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    if published is None:
        return None
    return _relative_range(words, published)


def _relative(words: list[str]) -> bool:
    return any(w in _WEEKDAYS or w in ("yesterday", "today", "tonight", "last", "this", "ago") for w in words)


def _relative_range(words: list[str], published: date) -> tuple[date, date] | None:
    if "yesterday" in words:
        day = published - timedelta(days=1)
        return day, day
    if any(w in ("today", "tonight") for w in words) or words[:2] in (["this", "morning"], ["this", "afternoon"],
                                                                    ["this", "evening"]):
        return published, published
    weekday = next((_WEEKDAYS[w] for w in words if w in _WEEKDAYS), None)
    if weekday is not None:
        back = (published.weekday() - weekday) % 7
        if "last" in words and back == 0:
            back = 7
        day = published - timedelta(days=back)
        return day, day
    if "last" in words or "past" in words or "this" in words:
        offset = 0 if "this" in words else 1
        if "week" in words:
            monday = published - timedelta(days=published.weekday() + 7 * offset)
            return monday, monday + timedelta(days=6)
        if "month" in words:
            year, month = published.year, published.month - offset
            if month == 0:
                year, month = year - 1, 12
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if "year" in words:
            return date(published.year - offset, 1, 1), date(published.year - offset, 12, 31)
        if "night" in words:
            day = published - timedelta(days=offset)
            return day, day
    return None


def _year_before(published: date | None, month: int, day: int) -> int | None:
    """The year of a day written without one: the publication's, or the one before when the
    day would fall more than two months after the article came out."""
    if published is None:
        return None
    year = published.year
    try:
        if date(year, month, min(day, 28)) > published + timedelta(days=61):
            year -= 1
    except ValueError:
        return None
    return year
