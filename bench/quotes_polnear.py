"""Benchmark: direct quotes and their speakers against PolNeAR's attribution gold.

Reads ../shared/data/polnear/{dev,train}.jsonl (never copied into the project) and prints:

- recall: of the gold direct quotes (content opening with a quote mark), the share that
  one newstrace quote covers (at least 80% of the gold content's words);
- precision: of newstrace quotes of 4 words or more, the share that overlaps some gold
  attribution's content;
- speaker accuracy: for covered gold quotes whose source is a name or noun phrase (not a
  pronoun), the share whose speaker head word newstrace gets right.

Targets on dev: quote F1 >= 0.92, speaker accuracy >= 0.90. Tune on train, report dev.

    .venv/bin/python bench/quotes_polnear.py --split dev --errors 20
"""

from __future__ import annotations

import re
import sys
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


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    rows, extractions, nlp = read_split(args)

    gold_total = gold_found = ours_total = ours_hit = spk_total = spk_right = 0
    misses, false, wrong = [], [], []
    for row, extraction in zip(rows, extractions):
        text = row["text"]
        contents = [a["content"]["spans"] for a in row["attributions"] if a.get("content")]
        quotes = extraction.quotes
        for a in row["attributions"]:
            content = a.get("content")
            if not content or not content["text"].lstrip()[:1] in QUOTE_MARKS:
                continue
            gold_total += 1
            words = words_in(text, content["spans"])
            best = max(quotes, key=lambda q: sum(covered(w, q.parts) for w in words), default=None)
            share = sum(covered(w, best.parts) for w in words) / len(words) if best and words else 0
            if share < 0.8:
                misses.append((row["doc_id"], content["text"][:160]))
                continue
            gold_found += 1
            source = a.get("source")
            if not source or source["text"].strip().lower() in PRONOUNS:
                continue
            gold_head = head_word(nlp, text[slice(*source["spans"][0])])
            if gold_head is None or gold_head in PRONOUNS:
                continue
            spk_total += 1
            ours = best.speaker.head.lower() if best.speaker else None
            if ours == gold_head:
                spk_right += 1
            else:
                wrong.append((row["doc_id"], source["text"], best.speaker.text if best.speaker else None,
                              content["text"][:80]))
        for q in quotes:
            if len(WORD.findall(q.content(text))) < 4:
                continue
            ours_total += 1
            if any(a < qb and qa < b for spans in contents for a, b in spans for qa, qb in q.parts):
                ours_hit += 1
            else:
                false.append((row["doc_id"], q.content(text)[:160]))

    recall = gold_found / gold_total if gold_total else 0.0
    precision = ours_hit / ours_total if ours_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speaker = spk_right / spk_total if spk_total else 0.0
    print(f"PolNeAR {args.split}: {len(rows)} articles, {gold_total} gold direct quotes, {ours_total} newstrace quotes")
    print(f"quotes   precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}   (target F1 >= 0.92)")
    print(f"speakers accuracy {speaker:.3f} on {spk_total} named sources   (target >= 0.90)")
    if args.errors:
        for title, items in (("missed", misses), ("not in gold", false), ("wrong speaker", wrong)):
            print(f"\n{title} ({len(items)}):")
            for item in items[: args.errors]:
                print("  ", item)


if __name__ == "__main__":
    main()
