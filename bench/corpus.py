"""A generator of synthetic coverage for benchmarks: our own example articles, mutated.

Each generated article takes paragraphs from the example coverage, reorders them and
swaps in other place and person names, so the corpus has realistic sentences, planted
copies and name variants without any text we did not write.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COVERAGE = ROOT / "examples" / "kessel-valley" / "coverage"

PLACES = ["Dravo", "Orsk", "Marvel", "Selmer", "Tarn", "Ulvik", "Brenna", "Kolla", "Vessa", "Amrin"]
PEOPLE = ["Tomas Veradin", "Dana Holt", "Mira Castell", "Ilya Morenko", "Petar Slovan",
          "Ana Rieu", "Jonas Brandt", "Ruth Calloway", "Anton Reyes", "Lena Ostrik"]


def paragraphs() -> list[str]:
    from newstrace.ingest import ingest

    report = ingest([str(COVERAGE)])
    return [p for d in report.documents for p in d.text.split("\n\n") if len(p.split()) > 8]


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """Write ``n`` articles of 6-10 paragraphs each into ``out``; return their paths."""
    rng = random.Random(seed)
    pool = paragraphs()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = []
        for p in rng.sample(pool, rng.randint(6, min(10, len(pool)))):
            for old in PLACES[:1] + PEOPLE[:2]:
                new = rng.choice(PLACES if old in PLACES else PEOPLE)
                p = p.replace(old, new)
            body.append(p)
        path = out / f"article-{i:05d}.txt"
        path.write_text(f"Report number {i} from the valley\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
