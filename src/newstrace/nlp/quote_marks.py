"""Find quotations by their marks: pure text, no parse.

Handles curly and straight, double and single marks, quotes nested in the other
kind (British ‘…“…”…’ as well as American “…‘…’…”), apostrophes (never a
mark), and quotes that run over several paragraphs (the opening mark repeated
at each paragraph, no closing mark until the last). A mark that cannot be
matched is reported, never fatal: the rest of the text is still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
STRAIGHT = {'"': "double", "'": "single"}
# Two apostrophes (or backticks) stand for a double mark in some archives: ''like this''.
_MARK = re.compile("''|``|[\"'“”„«»‘’‹›]")
_PARAGRAPH = re.compile(r"[^\n]+")
_PLURAL_POSSESSIVE = re.compile(r" [a-z]")
_LATER_CLOSE = re.compile("(?<=\\S)[’'](?=[\\s.,;:!?)\\]”\"]|$)")
_OPENERS_BEFORE = set(" \t([{—–-/") | set(DOUBLE_OPEN + SINGLE_OPEN + "\"'")
_CLOSERS_AFTER = set(" \t.,;:!?)]}—–-/…") | set(DOUBLE_CLOSE + SINGLE_CLOSE + "\"'")


@dataclass(frozen=True)
class Quotation:
    """A quoted stretch of text: from its first opening mark to its last closing mark.

    ``parts`` are the spans inside the marks, one per paragraph the quote runs over.
    """

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    mark: str  # double | single | block (an HTML <blockquote>, no marks)

    def content(self, text: str) -> str:
        return " ".join(text[a:b] for a, b in self.parts)


@dataclass(frozen=True)
class _Mark:
    pos: int
    kind: str  # double | single
    can_open: bool
    can_close: bool
    width: int = 1  # two for '' and ``


def find_quotations(text: str) -> tuple[list[Quotation], list[str]]:
    """Top-level quotations in ``text`` (nested quotes stay inside their outer one), and warnings."""
    quotations: list[Quotation] = []
    warnings: list[str] = []
    carried: _Open | None = None  # a quote still open from the last paragraph
    paragraphs = list(_PARAGRAPH.finditer(text))
    for n, para in enumerate(paragraphs):
        marks = _marks(text, para.start(), para.end())
        if carried and not (marks and marks[0].kind == carried.mark.kind and marks[0].can_open
                            and not text[para.start():marks[0].pos].strip()):
            _warn_unclosed(text, carried.start, warnings)
            carried = None
        while True:
            found, left_open = _match(text, marks, para.start(), para.end(), carried, warnings)
            carried = None
            if left_open is None:
                break
            if n + 1 < len(paragraphs) and _opens_with(paragraphs[n + 1], left_open.mark.kind):
                carried = left_open  # the convention for a quote that goes on into the next paragraph
                break
            if not text[para.start():left_open.start].strip() or left_open.start < para.start():
                # A quote that opens the paragraph and never closes runs to the paragraph's end.
                warnings.append(f"quotation opened at character {left_open.mark.pos} has no closing mark: "
                                "taken to the end of its paragraph")
                found.append(Quotation(left_open.start, para.end(), left_open.parts, left_open.mark.kind))
                break
            # An opening mark that never closes: report it, drop it, read the paragraph again.
            _warn_unclosed(text, left_open.mark.pos, warnings)
            marks = [m for m in marks if m is not left_open.mark]
        quotations += found
    return quotations, warnings


@dataclass(frozen=True)
class _Open:
    """A double quote left open at a paragraph's end."""

    start: int
    parts: tuple[tuple[int, int], ...]
    mark: _Mark


def _opens_with(para: re.Match, kind: str) -> bool:
    """Does the paragraph open with a mark of ``kind``: the sign that a quote goes on into it."""
    body = para.group().lstrip()
    if kind == "single":
        return body.startswith("‘")
    return body.startswith(("''", "``", '"')) or body[:1] in DOUBLE_OPEN


def _warn_unclosed(text: str, start: int, warnings: list[str]) -> None:
    warnings.append(f"unmatched quotation mark at character {start} "
                    f"({text[start:start + 40]!r}…): that mark was ignored")


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    marks = []
    for match in _MARK.finditer(text, start, end):
        pos, stop = match.span()
        char = {"''": '"', "``": "“"}.get(match.group(), match.group())
        before = text[pos - 1] if pos > start else " "
        after = text[stop] if stop < end else " "
        left_flank = before in _OPENERS_BEFORE and not after.isspace()
        right_flank = not before.isspace() and (after in _CLOSERS_AFTER or stop >= end)
        if char in DOUBLE_OPEN:
            marks.append(_Mark(pos, "double", True, not left_flank and right_flank, stop - pos))
        elif char in DOUBLE_CLOSE:
            marks.append(_Mark(pos, "double", not right_flank and left_flank, True))
        elif char == '"':
            if left_flank or right_flank:
                marks.append(_Mark(pos, "double", left_flank, right_flank, stop - pos))
        elif before.isalnum() and after.isalnum():
            continue  # apostrophe inside a word: don't, Kadyrov’s
        elif char in SINGLE_OPEN:
            marks.append(_Mark(pos, "single", True, False))
        elif char in SINGLE_CLOSE or char == "'":
            if before in "sS" and _PLURAL_POSSESSIVE.match(text, stop, end) and _LATER_CLOSE.search(text, stop, end):
                continue  # "the workers’ demands": a closing mark comes later, so this is an apostrophe
            opens = char == "'" and left_flank and after.isalpha()
            if opens or right_flank:  # a leading ’90s or ’til is neither: it can only close, and won't
                marks.append(_Mark(pos, "single", opens, right_flank))
        elif char in "›":
            marks.append(_Mark(pos, "single", False, True))
    return marks


def _match(text: str, marks: list[_Mark], para_start: int, para_end: int, carried: _Open | None,
           warnings: list[str]) -> tuple[list[Quotation], _Open | None]:
    """Pair the marks of one paragraph. Returns the closed quotations, and the quote left open, if any."""
    found: list[Quotation] = []
    stack: list[_Mark] = []
    parts: list[tuple[int, int]] = []
    outer_start = None
    if carried:
        outer_start, parts = carried.start, list(carried.parts)
        stack.append(marks[0])  # the repeated opening mark continues the quote
        marks = marks[1:]
    for mark in marks:
        closes = mark.can_close and any(m.kind == mark.kind for m in stack)
        if mark.can_open and not (closes and stack[-1].kind == mark.kind):
            stack.append(mark)
            continue
        if not closes:
            if mark.kind == "double" and not mark.can_open and text[mark.pos] not in "\"'":
                warnings.append(f"closing quotation mark with no opening one at character {mark.pos}: ignored")
            continue
        while stack[-1].kind != mark.kind:  # an inner mark left open: an apostrophe, most likely
            stack.pop()
        opener = stack.pop()
        if not stack:
            parts.append((opener.pos + opener.width, mark.pos))
            first = opener.pos if outer_start is None else outer_start
            found.append(Quotation(first, mark.pos + mark.width, tuple(parts), opener.kind))
            parts, outer_start = [], None
    # Single marks left open are usually apostrophes (the Chechens’ rights); a double one, or a
    # curly single one opening the paragraph (British style), is a quote that may go on.
    doubles = [m for m in stack if m.kind == "double" or (text[m.pos] == "‘" and m is stack[0]
                                                         and not text[para_start:m.pos].strip())]
    if not doubles:
        return found, None
    opener = doubles[0]
    first = opener.pos if outer_start is None else outer_start
    return found, _Open(first, tuple(parts) + ((opener.pos + opener.width, para_end),), opener)
