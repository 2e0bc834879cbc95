"""Benchmark: entity merging on generated coverage with planted name variants.

Writes articles about invented people (some pairs share a surname on purpose), spelling
some mentions with a planted variant: letters transposed, a letter doubled or dropped,
one vowel for another, the surname alone, a title in front. Then runs extraction and
entity linking and prints:

- variant recall: planted variants the tagger found that landed in their person's entity;
- merge precision: of pairs of mentions put in one entity, the share that are one person;
- false merges: entities holding two different people.

Targets: at least 90% of planted variants merged, precision at least 0.98.

    .venv/bin/python bench/entities.py --articles 80
"""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict
from itertools import combinations

from newstrace.link.entity_layer import entity_layer
from newstrace.model import Document
from newstrace.nlp.extract import extract_documents
from newstrace.nlp.models import load_spacy
from newstrace.settings import Settings

FIRST = ("Anna Marek Lena Tomas Petra Jonas Mira Karl Elena Oskar Nadia Viktor Sara Pavel Irina Leon "
         "Greta Emil Vera Hugo Lidia Anton Rosa Felix Olga").split()
STEMS = "dol kess var bren tal mor vish gral pet sten kov lub dar fen hol rad mir zel".split()
ENDINGS = ("anov", "ler", "ovic", "sen", "inski", "ova", "mann", "etti")
TITLES = ("Minister", "Mayor", "Judge", "Senator")
VERBS = ("said on Tuesday that the talks had stalled", "told reporters the plan would go ahead",
         "warned that the budget was too small", "denied any part in the decision",
         "wrote in a letter that the deadline had passed")
FOLLOW = ("added that more meetings were planned", "declined to comment further",
          "was not available on Wednesday", "repeated the point at a second meeting")


def people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    surnames = []
    while len(surnames) < count // 2 + 2:
        name = (rng.choice(STEMS) + rng.choice(STEMS) + rng.choice(ENDINGS)).capitalize()
        if name not in surnames:
            surnames.append(name)
    chosen = set()
    out = []
    for n in range(count):  # every surname is used twice: two people, one surname
        pair = (rng.choice(FIRST), surnames[n // 2])
        while pair in chosen:
            pair = (rng.choice(FIRST), surnames[n // 2])
        chosen.add(pair)
        out.append(pair)
    return out


def slip(rng: random.Random, word: str) -> str:
    k = rng.randrange(1, len(word) - 2)
    kind = rng.choice(("transpose", "double", "drop", "vowel"))
    if kind == "transpose" and word[k] != word[k + 1]:
        return word[:k] + word[k + 1] + word[k] + word[k + 2:]
    if kind == "double":
        return word[:k + 1] + word[k] + word[k + 1:]
    if kind == "vowel":
        vowels = [i for i in range(1, len(word) - 1) if word[i] in "aeiou"]
        if vowels:
            i = rng.choice(vowels)
            return word[:i] + rng.choice([v for v in "aeiou" if v != word[i]]) + word[i + 1:]
    return word[:k] + word[k + 1:]


def build(articles: int, seed: int = 5):
    rng = random.Random(seed)
    cast = people(rng, 24)
    documents, truth = [], []  # truth: per document, (start, end, person, planted)
    for n in range(articles):
        spans = []
        text = ""
        for person in rng.sample(range(len(cast)), 3):
            first, last = cast[person]
            kind = rng.choice(("plain", "plain", "slip", "slip", "title"))
            full = f"{first} {last}"
            if kind == "slip":
                full = f"{first} {slip(rng, last)}" if rng.random() < 0.8 else f"{slip(rng, first)} {last}"
            shown = f"{rng.choice(TITLES)} {full}" if kind == "title" else full
            sentence = f"{shown} {rng.choice(VERBS)}. "
            start = len(text) + sentence.index(full)
            spans.append((start, start + len(full), person, kind != "plain"))
            text += sentence
            follow = f"{last} {rng.choice(FOLLOW)}.\n\n"
            spans.append((len(text), len(text) + len(last), person, True))
            text += follow
        documents.append(Document(source=f"article-{n}.txt", text=text.strip() + "\n"))
        truth.append(spans)
    return documents, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=80)
    args = parser.parse_args()
    settings = Settings(jobs=1)
    documents, truth = build(args.articles)
    extractions = {e.key: e for e in extract_documents(documents, settings, nlp=load_spacy(settings.spacy_model))}
    layer = entity_layer(documents, extractions, settings)
    entity_of = {}
    for e, entity in enumerate(layer.entities):
        for i in entity.mentions:
            m = layer.mentions[i]
            entity_of[(m.document, m.start)] = e
    person_at = {}
    for d, spans in enumerate(truth):
        for start, end, person, planted in spans:
            person_at[(d, start)] = (person, planted)

    home = defaultdict(Counter)  # person -> entities of their plain mentions
    found = []
    for key, (person, planted) in person_at.items():
        if key in entity_of:
            found.append((key, person, planted))
            if not planted:
                home[person][entity_of[key]] += 1
    planted = [(key, person) for key, person, was in found if was]
    merged = sum(1 for key, person in planted if home[person] and entity_of[key] == home[person].most_common(1)[0][0])
    members = defaultdict(list)
    for key, person, _ in found:
        members[entity_of[key]].append(person)
    pairs = same = 0
    for people_in in members.values():
        for a, b in combinations(people_in, 2):
            pairs += 1
            same += a == b
    false_merges = sum(1 for people_in in members.values() if len(set(people_in)) > 1)
    tagged = len(found) / max(1, len(person_at))
    print(f"{args.articles} articles, {len(person_at)} planted mentions, {tagged:.0%} found by the tagger")
    print(f"variant recall   {merged / max(1, len(planted)):.3f} of {len(planted)} variant mentions   (target >= 0.90)")
    print(f"merge precision  {same / max(1, pairs):.3f} over {pairs} pairs   (target >= 0.98)")
    print(f"false merges     {false_merges} entities holding two people")


if __name__ == "__main__":
    main()
