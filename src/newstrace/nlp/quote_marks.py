"""Find quotations by their marks: pure text, no parse.

Handles curly and straight, double and single marks, quotes nested in the other
kind (British ‘…“…”…’ as well as American “…‘…’…”), apostrophes (never a
mark), and quotes that run over several paragraphs (the opening mark repeated
at each paragraph, no closing mark until the last). A mark that cannot be
matched is reported, never fatal: the rest of the text is still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
STRAIGHT = {'"': "double", "'": "single"}
# Two apostrophes (or backticks) stand for a double mark in some archives: ''like this''.
_MARK = re.compile("''|``|[\"'“”„«»‘’‹›]")
_PARAGRAPH = re.compile(r"[^\n]+")
_PLURAL_POSSESSIVE = re.compile(r" [a-z]")
# An apostrophe that typing turned into an opening mark: ‘90s, rock ‘n’ roll, ‘til, ‘em.
_TURNED_APOSTROPHE = re.compile(r"\d\ds\b|n[’']|(?:til|tis|twas|em|cause)\b", re.IGNORECASE)
_SENTENCE_END = re.compile("[.!?…]+(?=\\s)")
_FRAGMENT_END = re.compile(r"[.!?…:;,)\]]\W*$")
_LATER_CLOSE = re.compile("(?<=\\S)[’'](?=[\\s.,;:!?)\\]”\"]|$)")
_OPENERS_BEFORE = set(" \t([{―—–-/") | set(DOUBLE_OPEN + SINGLE_OPEN + "\"'")
_CLOSERS_AFTER = set(" \t.,;:!?)]}―—–-/…") | set(DOUBLE_CLOSE + SINGLE_CLOSE + "\"'")


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


def is_fragment(line: str) -> bool:
    """A line that is no paragraph of the story: a picture caption, a credit or a heading left
    between paragraphs (short, no quote mark, no final stop). Reading runs on across it: a quote
    goes on, a pronoun finds its name, past it."""
    line = line.strip()
    return bool(line) and not _FRAGMENT_END.search(line) and not _MARK.search(line) and len(line.split()) <= 30


def find_quotations(text: str) -> tuple[list[Quotation], list[str]]:
    """Top-level quotations in ``text`` (nested quotes stay inside their outer one), and warnings."""
    quotations: list[Quotation] = []
    warnings: list[str] = []
    carried: _Open | None = None  # a quote still open from the last paragraph
    paragraphs = [p for p in _PARAGRAPH.finditer(text) if not is_fragment(p.group())]
    for n, para in enumerate(paragraphs):
        marks = _marks(text, para.start(), para.end())
        if carried and not carried.reopened:  # it goes on with no mark: a mark of no width opens it
            marks.insert(0, _Mark(para.start(), carried.mark.kind, True, False, 0))
        if carried and not (marks and marks[0].kind == carried.mark.kind and marks[0].can_open
                            and not text[para.start():marks[0].pos].strip()):
            _warn_unclosed(text, carried.start, warnings)
            carried = None
        incoming, carried = carried, None
        taken: list[Quotation] = []  # quotes closed here for want of their closing mark
        while True:
            notes: list[str] = []  # kept from the last reading only: the paragraph may be read again
            found, left_open = _match(text, marks, para.start(), para.end(), incoming, notes)
            if left_open is None:
                break
            opens_paragraph = not text[para.start():left_open.mark.pos].strip()
            again = next((m for m in marks if m.pos > left_open.mark.pos and m.can_open and not m.can_close
                          and (text[m.pos] == text[left_open.mark.pos]
                               or (m.kind == left_open.mark.kind and not opens_paragraph))), None)
            if again is not None:
                # Opened again before it closed: the first quote ended without its mark, at the
                # last sentence end before the second. Take it so, and read the rest again. (A
                # quote inside a quote takes the other mark; inside a paragraph-long quote, maybe
                # the other style: "…“…”…)
                end = _sentence_end_before(text, left_open.mark.pos + left_open.mark.width, again.pos)
                warnings.append(f"quotation opened at character {left_open.mark.pos} has no closing mark before "
                                f"another opens at {again.pos}: taken to character {end}")
                parts = left_open.parts[:-1] + ((left_open.parts[-1][0], end),)
                taken.append(Quotation(left_open.start, end, parts, left_open.mark.kind))
                if incoming is not None and left_open.mark is marks[0]:
                    incoming = None  # that was the quote carried from the last paragraph
                marks = [m for m in marks if m is not left_open.mark]
                continue
            if n + 1 < len(paragraphs) and _opens_with(paragraphs[n + 1], left_open.mark.kind):
                carried = left_open  # the convention for a quote that goes on into the next paragraph
                break
            if n + 1 < len(paragraphs) and _closes_first(text, paragraphs[n + 1], left_open.mark.kind):
                carried = replace(left_open, reopened=False)  # the next paragraph goes on unopened
                break
            # A quote that never closes runs to its paragraph's end: web copy drops the closing
            # mark there more than anywhere.
            notes.append(f"quotation opened at character {left_open.mark.pos} has no closing mark: "
                         "taken to the end of its paragraph")
            found.append(Quotation(left_open.start, para.end(), left_open.parts, left_open.mark.kind))
            break
        warnings += notes
        quotations += sorted(taken + found, key=lambda q: q.start)
    return quotations, warnings


@dataclass(frozen=True)
class _Open:
    """A double quote left open at a paragraph's end."""

    start: int
    parts: tuple[tuple[int, int], ...]
    mark: _Mark
    reopened: bool = True  # whether the next paragraph opens with the mark again


def _closes_first(text: str, para: re.Match, kind: str) -> bool:
    """Does the paragraph's first mark of ``kind`` only close: a quote that went on into it
    without its opening mark repeated ("… the river.¶ And the nets,” she said.")."""
    first = next((m for m in _marks(text, para.start(), para.end()) if m.kind == kind), None)
    return first is not None and first.can_close and not first.can_open


def _sentence_end_before(text: str, start: int, end: int) -> int:
    """Where the last sentence that ends between ``start`` and ``end`` ends; else ``end``, less spaces."""
    last = None
    for last in _SENTENCE_END.finditer(text, start, end):
        pass
    if last is not None:
        return last.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


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
        left_flank = (before.isspace() or before in _OPENERS_BEFORE) and not after.isspace()  # \xa0 too
        right_flank = not before.isspace() and (after.isspace() or after in _CLOSERS_AFTER or stop >= end)
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
            if not _TURNED_APOSTROPHE.match(text, stop):
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
    # Straight single marks left open are usually apostrophes (the Chechens' rights); a double
    # one, or a curly opening single one (British style), is a quote that may go on.
    doubles = [m for m in stack if m.kind == "double" or text[m.pos] in SINGLE_OPEN]
    if not doubles:
        return found, None
    opener = doubles[0]
    first = opener.pos if outer_start is None else outer_start
    return found, _Open(first, tuple(parts) + ((opener.pos + opener.width, para_end),), opener)
