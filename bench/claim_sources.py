"""Benchmark: who claim mentions are attributed to, against PolNeAR's attribution gold.

Reads ../shared/data/polnear/{dev,train}.jsonl (never copied into the project). A claim
mention is inside a gold attribution when at least half of its clause's words lie in the
attribution's content. Prints:

- recall: of mentions inside a gold attribution with a source, the share whose source
  span overlaps the gold source; also how many got another source, and how many none
  (read as the outlet's own voice);
- precision: of mentions newstrace attributes, the share inside a gold attribution whose
  source overlaps theirs;
- spurious: sources newstrace gives to mentions inside no gold attribution.

Where the gold source is a pronoun ("he said"), newstrace gives the name it stands for and
keeps the pronoun's span (``source_pronoun``): the pronoun's span is a match, as is the
span of a document whose writer newstrace names (``source_document``: "the letter says").
Where newstrace gives some other source, it has usually named the speaker by other means,
which the gold does not record: those are counted apart, not as errors. Last, how many
mentions got each kind of source (``source_kind``).

Political news has few detentions or deaths, so the counts are small; the figures say
how well sources are found, which is what independence counting rests on.

    .venv/bin/python bench/claim_sources.py --split dev --errors 10
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from polnear_data import arguments, read_split  # noqa: E402

WORD = re.compile(r"\w+")
PRONOUNS = {"he", "she", "they", "we", "i", "it", "you", "who", "him", "her", "them", "us", "me"}


def overlaps(span, spans) -> bool:
    return span is not None and any(span[0] < b and a < span[1] for a, b in spans)


def inside(clause, text, spans) -> bool:
    words = [(m.start(), m.end()) for m in WORD.finditer(text, *clause)]
    held = sum(any(a <= w[0] and w[1] <= b for a, b in spans) for w in words)
    return bool(words) and held * 2 >= len(words)


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    rows, extractions, _ = read_split(args)

    gold = right = other = none = ours = ours_right = pronouns = spurious = 0
    errors: dict[str, list[str]] = {"missed": [], "other source": [], "not in gold": []}
    for row, extraction in zip(rows, extractions):
        text = row["text"]
        attributions = [a for a in row["attributions"] if a.get("content") and a.get("source")]
        for m in extraction.claims:
            clause = m.clause or (m.start, m.end)
            held = [a for a in attributions if inside(clause, text, a["content"]["spans"])]
            sources = [span for a in held for span in a["source"]["spans"]]
            hit = any(overlaps(getattr(m, key, None), sources) for key in ("source", "source_pronoun", "source_document"))
            if held and not hit and m.source is not None and all(
                    a["source"]["text"].strip().lower() in PRONOUNS for a in held):
                pronouns += 1
                continue
            if held:
                gold += 1
                right += hit
                other += m.source is not None and not hit
                none += m.source is None
                kind = None if hit else "missed" if m.source is None else "other source"
                if kind:
                    errors[kind].append(f"{text[m.start:m.end]!r} -> ours {m.attributed_to!r}, "
                                        f"gold {held[0]['source']['text']!r}")
            if m.source is not None:
                ours += 1
                ours_right += hit
                if not hit and not held:
                    spurious += 1
                    errors["not in gold"].append(f"{text[m.start:m.end]!r} -> ours {m.attributed_to!r}")

    print(f"PolNeAR {args.split}: {len(rows)} articles, {sum(len(e.claims) for e in extractions)} claim mentions")
    print(f"recall    {right / max(gold, 1):.3f}  ({right} of {gold} attributed mentions; "
          f"{other} given another source, {none} none)")
    print(f"precision {ours_right / max(ours, 1):.3f}  ({ours_right} of {ours} mentions newstrace attributes)")
    print(f"apart     {pronouns} where the gold source is a pronoun and newstrace names someone")
    print(f"spurious  {spurious} sources given where the text attributes nothing")
    kinds = Counter(m.source_kind for e in extractions for m in e.claims)
    print("kinds     " + ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()))
    for kind, lines in errors.items():
        for line in lines[: args.errors]:
            print(f"  {kind}: {line}")


if __name__ == "__main__":
    main()
