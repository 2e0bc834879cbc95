"""Remove web debris from article text, keeping every removed line verbatim.

Pages copied as text carry their furniture with them: share buttons, "Be first
to like this.", image credits, "Related Stories" lists of unrelated headlines.
The rules are line-based and general (see ``data/debris.txt``); nothing here
knows about any one site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_TERMINAL = re.compile(r"[.!?…:;\"”’)\]]\s*$")
_WORD = re.compile(r"\w+")

# A heading that opens a list of other stories' headlines.
_RELATED_HEADING = re.compile(
    r"^(related|more|recommended|popular|trending|top|latest|further|other)"
    r"( \w+)? (stories|articles|news|posts|reads|reading|coverage|links|content|from \w+)\s*:?$"
    r"|^you (may|might) (also )?(like|enjoy|be interested in)\s*:?$"
    r"|^(most (read|popular|viewed|shared)|editor'?s picks|see also|read (next|more|also))\s*:?$",
    re.IGNORECASE,
)

# Photo and image credits, and captions that end in a credit or a platform name. Agencies are
# matched as they write themselves ("EPA", not the "ePA" a sentence may end with).
_CREDIT = re.compile(
    r"^(?i:photo|image|picture|illustration|video|graphic|credit|photograph)s?(?i: credit| by| courtesy)?\s*[:©|/-]"
    r"|(\(|\b)(Getty Images|AFP|Reuters|REUTERS|AP Photo|Associated Press|Shutterstock|EPA|Alamy|iStock)\)?\s*$"
    r"|(?i:via (twitter|x|facebook|instagram|youtube|tiktok|telegram|getty images|wikimedia commons))\s*$",
)


@dataclass(frozen=True)
class Cleaned:
    text: str
    title: str | None
    removed: tuple[str, ...]


@lru_cache(maxsize=1)  # read-only data, the same for every call: safe to cache
def _debris_patterns() -> re.Pattern:
    raw = resources.files("newstrace.ingest").joinpath("data/debris.txt").read_text("utf-8")
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in lines) + r")\s*$", re.IGNORECASE)


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_debris(line: str) -> bool:
    return bool(_debris_patterns().match(line))


def _is_credit(line: str) -> bool:
    # A credit or caption is short and is not a sentence of the article.
    return _words(line) <= 25 and not line.rstrip().endswith((".", "!", "?", "”", '"')) and bool(_CREDIT.search(line))


def _looks_like_headline(line: str) -> bool:
    return 0 < _words(line) <= 25 and not _TERMINAL.search(line)


def _looks_like_title(line: str) -> bool:
    n = _words(line)
    return (2 <= n <= 30 and not line.rstrip().endswith((".", ",", ";"))
            and (line[:1].isupper() or line[:1].isdigit() or line[:1] in "‘“'\""))


def _looks_like_label(line: str) -> bool:
    """A section tag or kicker above a headline: "world", "chechnya", "EXCLUSIVE"."""
    n = _words(line)
    return (n == 1 or (n == 2 and line[:1].islower())) and not _TERMINAL.search(line)


def _stands_alone(lines: list[str], keep: list[bool], i: int) -> bool:
    """The line is a paragraph of its own: a blank or removed line follows it."""
    return i + 1 >= len(lines) or not lines[i + 1].strip() or not keep[i + 1]


def clean_text(text: str, *, find_title: bool = True) -> Cleaned:
    """Split ``text`` into paragraphs of article text and removed debris.

    With ``find_title``, the first line that looks like a headline becomes the
    title (short labels before it, such as a section tag, are removed), and a
    repeat of the title right after it is removed too.
    """
    lines = text.split("\n")
    keep = [True] * len(lines)
    removed: list[str] = []

    def drop(i: int) -> None:
        if keep[i]:
            keep[i] = False
            if lines[i].strip():
                removed.append(lines[i].strip())

    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        if _is_debris(line) or _is_credit(line):
            drop(i)
        elif _RELATED_HEADING.match(line):
            drop(i)
            i = _drop_headline_list(lines, i + 1, drop)
            continue
        i += 1

    title = None
    if find_title:
        title = _take_title(lines, keep, drop)

    kept = [ln.rstrip() for ln, k in zip(lines, keep) if k]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return Cleaned(text=body, title=title, removed=tuple(removed))


def _drop_headline_list(lines: list[str], start: int, drop) -> int:
    """Drop the headline lines after a "Related Stories" heading; return where the article resumes."""
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if line and not _looks_like_headline(line):
            break
        if line:
            drop(i)
        i += 1
    return i


def _take_title(lines: list[str], keep: list[bool], drop) -> str | None:
    candidates = [i for i, ln in enumerate(lines) if keep[i] and ln.strip()]
    if len(candidates) < 2:
        return None
    labels = []
    for i in candidates[:4]:
        line = lines[i].strip()
        if _looks_like_label(line):
            labels.append(i)
            continue
        if _looks_like_title(line) and _stands_alone(lines, keep, i):
            for j in labels:  # a short tag or kicker above the headline
                drop(j)
            keep[i] = False
            title = line
            following = [j for j in candidates if j > i]
            if following and lines[following[0]].strip() == title:
                drop(following[0])
            return title
        return None
    return None
