"""Benchmark: direct quotes and their speakers against PolNeAR's attribution gold.

Reads ../shared/data/polnear/{dev,train}.jsonl (never copied into the project) and prints:

- recall: of the gold direct quotes (content opening with a quote mark), the share that
  one newstrace quote covers (at least 80% of the gold content's words);
- precision: of newstrace quotes of 4 words or more, the share that overlaps some gold
  attribution's content;
- speaker accuracy: for covered gold quotes whose source is a name or noun phrase (not a
  pronoun), the share whose speaker head word newstrace gets right (for "the letter says",
  given to the letter's writer, the document's head word counts too).

Targets on dev (issue 26): quote F1 >= 0.95, speaker accuracy >= 0.94. Tune on train, report
dev. ``score`` is shared with ``bench/quotes_messy.py``.

    .venv/bin/python bench/quotes_polnear.py --split dev --errors 20
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from polnear_data import arguments, read_split  # noqa: E402

QUOTE_MARKS = "\"“”‘’'«„"
PRONOUNS = {"he", "she", "they", "we", "i", "it", "you", "him", "her", "them", "us", "me", "who"}
WORD = re.compile(r"\w+")


def words_in(text: str, spans) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for a, b in spans for m in WORD.finditer(text, a, b)]


def covered(word: tuple[int, int], parts) -> bool:
    return any(a <= word[0] and word[1] <= b for a, b in parts)


def head_word(nlp, text: str) -> str | None:
    """The head of the gold source phrase, parsed on its own; None when it is no noun phrase."""
    doc = nlp(text.strip())
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("PROPN", "NOUN", "PRON", "NUM", "X"):
        return None  # a stray annotation such as the cue "said" marked as the source
    return root.text.lower()


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    ours: int = 0
    hit: int = 0
    named: int = 0
    right: int = 0
    misses: list = field(default_factory=list)
    false: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.hit / self.ours if self.ours else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speakers(self) -> float:
        return self.right / self.named if self.named else 0.0


def score(rows: list[dict], quote_lists, nlp) -> Score:
    """Score each row's quotes (offsets into the row's ``text``) against its gold attributions."""
    s = Score()
    for row, quotes in zip(rows, quote_lists):
        text = row["text"]
        contents = [a["content"]["spans"] for a in row["attributions"] if a.get("content")]
        for a in row["attributions"]:
            content = a.get("content")
            if not content or not content["text"].lstrip()[:1] in QUOTE_MARKS:
                continue
            s.gold += 1
            words = words_in(text, content["spans"])
            best = max(quotes, key=lambda q: sum(covered(w, q.parts) for w in words), default=None)
            share = sum(covered(w, best.parts) for w in words) / len(words) if best and words else 0
            if share < 0.8:
                s.misses.append((row["doc_id"], content["text"][:160]))
                continue
            s.found += 1
            source = a.get("source")
            if not source or source["text"].strip().lower() in PRONOUNS:
                continue
            gold_head = head_word(nlp, text[slice(*source["spans"][0])])
            if gold_head is None or gold_head in PRONOUNS:
                continue
            s.named += 1
            ours = best.speaker.head.lower() if best.speaker else None
            # PolNeAR marks the document ("the letter said") where newstrace names its writer
            # and keeps the document's span: either is the gold source.
            document = best.speaker.document_mention if best.speaker else None
            named = WORD.findall(text[slice(*document)].lower())[-1:] if document else []
            if ours == gold_head or named == [gold_head]:
                s.right += 1
            else:
                s.wrong.append((row["doc_id"], source["text"], best.speaker.text if best.speaker else None,
                                content["text"][:80]))
        for q in quotes:
            if len(WORD.findall(q.content(text))) < 4:
                continue
            s.ours += 1
            if any(a < qb and qa < b for spans in contents for a, b in spans for qa, qb in q.parts):
                s.hit += 1
            else:
                s.false.append((row["doc_id"], q.content(text)[:160]))
    return s


def report(name: str, s: Score, errors: int) -> None:
    print(f"{name}: {s.gold} gold direct quotes, {s.ours} newstrace quotes")
    print(f"  quotes   precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}")
    print(f"  speakers accuracy {s.speakers:.3f} on {s.named} named sources")
    for title, items in (("missed", s.misses), ("not in gold", s.false), ("wrong speaker", s.wrong)):
        if errors:
            print(f"\n  {title} ({len(items)}):")
            for item in items[:errors]:
                print("    ", item)


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    rows, extractions, nlp = read_split(args)
    s = score(rows, [e.quotes for e in extractions], nlp)
    report(f"PolNeAR {args.split}, {len(rows)} articles", s, args.errors)
    print("targets on dev: quote F1 >= 0.95, speaker accuracy >= 0.94")


if __name__ == "__main__":
    main()
