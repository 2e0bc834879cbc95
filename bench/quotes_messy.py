"""Benchmark: direct quotes and speakers on PolNeAR made messy the way web copy is.

Each article of a split is edited, with a random generator seeded by its id (so every run
makes the same copy), the way pages copied from the web come:

- quote marks in one of three styles an article: curly as written, straight ("), or
  British (‘ outside, “ inside);
- a quote of two sentences or more split over two paragraphs, British style: the first
  paragraph left open, the second opened again (half of them);
- the closing mark of a quote that ends a paragraph left off (two in five);
- lines between paragraphs (one gap in five): a picture caption, often naming someone the
  article quotes, a "Name/Agency" photo credit, "Advertisement", a share prompt.

The gold offsets are carried through every edit. Both the article as written and the messy
copy go through newstrace's plain-text ingest (``clean_text``, without taking a title, so that
the title line is read as quotes_polnear.py reads it), quotes are extracted, mapped back to
the article's offsets, and scored as ``bench/quotes_polnear.py`` scores them.

Targets on dev (issue 26): messy quote F1 and speaker accuracy each within 0.02 of clean.

    .venv/bin/python bench/quotes_messy.py --split dev --errors 20
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from polnear_data import arguments, read_split  # noqa: E402
from quotes_polnear import QUOTE_MARKS, report, score  # noqa: E402

from newstrace.ingest.boilerplate import clean_text  # noqa: E402
from newstrace.model import Document  # noqa: E402
from newstrace.nlp.extract import extract_documents  # noqa: E402
from newstrace.settings import Settings  # noqa: E402

PARAGRAPH = re.compile(r"[^\n]+")
SENTENCE_BREAK = re.compile(r"(?<=[.!?]) (?=[A-Z])")
NAME = re.compile(r"^(?!The )(?:[A-Z][a-z]+\.? ){1,3}[A-Z][a-z]+$")
# Lines written for this benchmark; {name} is someone the article quotes.
CAPTIONS = (
    "{name} speaks to reporters outside the building on Monday",
    "Supporters of {name} wait outside the venue before the rally",
    "{name} at a campaign event last week (Getty Images)",
    "File photo of {name} arriving for a meeting",
    "Protesters gather in the square ahead of the vote",
    "The view from the hall where the hearing took place",
)
CREDITS = ("Dana Whitcombe/Reuters", "Photo: AP", "Photograph: Marco Ellis/AFP via Getty Images",
           "Image copyright EPA", "Credit: Lena Ostrova for The Daily Ledger")
FURNITURE = ("Advertisement", "ADVERTISEMENT", "Share this article", "Share on Facebook", "Continue reading below")


EDITS = ("marks", "split", "unclosed", "lines")


def messy(row: dict, edits_made: tuple[str, ...] = EDITS) -> dict:
    """A copy of ``row`` with its text made messy and every gold span moved with the text.

    The random draws are the same whichever ``edits_made``, so one edit alone (``--edits``)
    lands where it lands in the full messy copy."""
    rng = random.Random(f"messy:{row['doc_id']}")
    style = rng.choice(("curly", "straight", "british"))
    text = _restyle(row["text"], style if "marks" in edits_made else "curly")
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the original offsets
    quotes = [a["content"]["spans"][0] for a in row["attributions"]
              if a.get("content") and a["content"]["text"].lstrip()[:1] in QUOTE_MARKS]
    for start, end in quotes:
        inside = text[start:end]
        if "\n" in inside or rng.random() >= 0.5:
            continue
        breaks = [m.start() for m in SENTENCE_BREAK.finditer(inside)
                  if len(inside[:m.start()].split()) >= 5 and len(inside[m.start():].split()) >= 5]
        if breaks:
            at = start + breaks[0]
            if "split" in edits_made:
                edits.append((at, at + 1, "\n\n" + text[start]))  # the second paragraph opened again
    for para in PARAGRAPH.finditer(text):
        body = para.group().rstrip()
        closed_at_end = len(body) > 2 and body[-1] in "”’\"'" and body[-2] in ".?!,"
        if closed_at_end and rng.random() < 0.4 and "unclosed" in edits_made:
            at = para.start() + len(body) - 1
            edits.append((at, at + 1, ""))  # the closing mark left off
    names = sorted({a["source"]["text"].strip() for a in row["attributions"]
                    if a.get("source") and NAME.match(a["source"]["text"].strip())})
    for n, para in enumerate(PARAGRAPH.finditer(text)):
        if n == 0 or rng.random() >= 0.2:
            continue
        kind = rng.random()
        if kind < 0.5:
            caption = rng.choice(CAPTIONS if names else CAPTIONS[4:])
            line = caption.format(name=rng.choice(names)) if "{name}" in caption else caption
        elif kind < 0.75:
            line = rng.choice(CREDITS)
        else:
            line = rng.choice(FURNITURE)
        if "lines" in edits_made:
            edits.append((para.start(), para.start(), line + "\n\n"))
    new_text, move = _apply(text, edits)
    attributions = []
    for a in row["attributions"]:
        moved = dict(a)
        for role in ("source", "cue", "content"):
            if a.get(role):
                spans = [[move(s, start=True), move(e, start=False)] for s, e in a[role]["spans"]]
                moved[role] = {"spans": spans, "text": " ".join(new_text[s:e] for s, e in spans)}
        attributions.append(moved)
    return {**row, "text": new_text, "attributions": attributions}


def _restyle(text: str, style: str) -> str:
    """The text with its quote marks in ``style``; every mark stays one character, so offsets hold."""
    if style == "curly":
        return text
    if style == "straight":
        return text.translate(str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"}))
    out = list(text)
    for para in PARAGRAPH.finditer(text):  # British: pair the double marks, make them single
        opened = None
        for k in range(para.start(), para.end()):
            char = text[k]
            if char in "“\"" and opened is None:
                opened = k
            elif char in "”\"" and opened is not None:
                out[opened], out[k] = "‘", "’"
                for j in range(opened + 1, k):  # a quote inside: ‘…’ becomes “…”
                    if text[j] == "‘":
                        out[j] = "“"
                    elif text[j] == "’" and not text[j + 1:j + 2].isalpha():
                        out[j] = "”"
                opened = None
    return "".join(out)


def _apply(text: str, edits: list[tuple[int, int, str]]):
    """Apply non-overlapping edits; return the new text and a function moving an old offset."""
    edits = sorted(edits)
    pieces, cursor, shifts = [], 0, []  # shifts: (old end of an edit, change in length so far)
    total = 0
    for start, end, replacement in edits:
        if start < cursor:
            continue  # overlaps an earlier edit
        pieces += [text[cursor:start], replacement]
        cursor = end
        total += len(replacement) - (end - start)
        shifts.append((start, end, total))
    pieces.append(text[cursor:])

    def move(offset: int, start: bool) -> int:
        moved = offset
        for s, e, change in shifts:
            # An insertion at a span's start goes before it; at a span's end, before its end too
            # only when it lies inside the text the span covers.
            if e < offset or (e == offset and (start or s < e)):
                moved = offset + change
        return moved

    return "".join(pieces), move


def extract_mapped(rows: list[dict], nlp) -> list[list]:
    """Each row's text through plain-text ingest and extraction; quotes mapped back to its offsets."""
    cleaned = [clean_text(row["text"], find_title=False) for row in rows]
    documents = [Document(source=row["doc_id"], text=c.text) for row, c in zip(rows, cleaned)]
    found = []
    for row, c, extraction in zip(rows, cleaned, extract_documents(documents, Settings(jobs=1), nlp=nlp)):
        back = _line_map(row["text"], c.text)
        found.append([replace(q, parts=tuple((back(a), back(b)) for a, b in q.parts),
                              speaker=_moved_speaker(q.speaker, back)) for q in extraction.quotes])
    return found


def _moved_speaker(speaker, back):
    if speaker is None:
        return None
    document = speaker.document_mention and (back(speaker.document_mention[0]), back(speaker.document_mention[1]))
    return replace(speaker, start=back(speaker.start), end=back(speaker.end), document_mention=document)


def _line_map(source: str, cleaned: str):
    """A function from offsets in ``cleaned`` (kept lines of ``source``, in order) to ``source``."""
    starts = []  # (offset in cleaned, offset in source) of each kept line
    cursor = 0
    for line in PARAGRAPH.finditer(cleaned):
        at = source.find(line.group(), cursor)
        starts.append((line.start(), at))
        cursor = at + len(line.group())

    def back(offset: int) -> int:
        base = max((s for s in starts if s[0] <= offset), default=(0, 0))
        return base[1] + offset - base[0]

    return back


def main() -> None:
    args = arguments(__doc__.splitlines()[0], lambda parser: parser.add_argument(
        "--edits", default=",".join(EDITS), help=f"which edits to make, of {','.join(EDITS)}"))
    rows, _, nlp = read_split(args, extract=False)
    rough = [messy(row, tuple(args.edits.split(","))) for row in rows]
    clean = score(rows, extract_mapped(rows, nlp), nlp)
    dirty = score(rough, extract_mapped(rough, nlp), nlp)
    report(f"PolNeAR {args.split} as written", clean, 0)
    report(f"PolNeAR {args.split} made messy", dirty, args.errors)
    print(f"messy minus clean: quote F1 {dirty.f1 - clean.f1:+.3f}, speakers {dirty.speakers - clean.speakers:+.3f}"
          " (target: each within 0.02)")


if __name__ == "__main__":
    main()
