"""A generator of synthetic coverage for benchmarks, written for newstrace (no copied text).

Articles are built from sentence templates with many slots (invented towns, people,
groups, counts, days), so each article's wording is its own, as in real coverage. Then
what newstrace exists for is planted: every fifth article retells two paragraphs of an
earlier one (some verbatim, some with a few words changed), quotes travel between
articles, and some names are misspelt.
"""

from __future__ import annotations

import random
from pathlib import Path

SYLLABLES = ["dra", "vo", "sel", "mer", "tar", "ul", "vik", "bren", "na", "kol", "la", "ves", "am", "rin",
             "or", "sk", "mar", "vel", "kes", "sel", "lo", "ter", "by", "an", "gor", "ith", "pel", "zu"]
FIRST = ["Ana", "Dana", "Tomas", "Ilya", "Petar", "Mira", "Jonas", "Ruth", "Anton", "Lena", "Oskar", "Vera",
         "Milan", "Greta", "Pavel", "Irena", "Hugo", "Nadia", "Emil", "Sofia"]
SURNAME = ["Holt", "Veradin", "Morenko", "Slovan", "Castell", "Rieu", "Brandt", "Calloway", "Reyes", "Ostrik",
           "Marek", "Lindqvist", "Havel", "Doran", "Kessler", "Ambrose", "Novak", "Tamsin", "Ferro", "Quill"]
GROUPS = ["dam protesters", "dockers", "students", "journalists", "farmers", "miners", "teachers", "nurses",
          "activists", "residents"]
PLACES_IN = ["a former grain depot", "a police station", "an army barracks", "a disused school",
             "a warehouse near the port", "the regional prison"]
SOURCES = ["the Courier", "a local radio station", "human rights monitors", "relatives", "a lawyer for the families",
           "two men who were released", "the regional ombudsman", "an opposition deputy"]
ROLES = ["a lawyer", "a researcher", "a spokesman for the governor", "a teacher", "a local councillor",
         "a union organiser", "a doctor at the district hospital"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "late on Thursday", "on Friday", "over the weekend",
        "last week", "earlier this month"]
COUNTS = ["{n}", "at least {n}", "more than {n}", "about {n}", "up to {n}", "dozens of", "several"]
NUMBERS = {3: "three", 4: "four", 6: "six", 12: "12", 20: "20", 40: "40", 61: "61", 100: "100"}

SENTENCES = [
    "{count} {group} were detained in {town} {day}, according to {source}.",
    "{Source} said {count} {group} had been taken to {place} outside {town}.",
    "Police in {town} said they had questioned {count} people after the protest {day}.",
    "“{Quote},” said {person}, {role} in {town}.",
    "{person}, {role}, told reporters that {count} of those held had been released {day}.",
    "The governor's office denied that anyone was being held at {place}.",
    "Officials in {town} dismissed reports that {count} {group} were missing.",
    "{Source} could not confirm the figures, which rose from {n1} to {n2} over {days} days.",
    "The road from {town} to {town2} was closed for {n1} hours while police checked cars.",
    "Residents of {town} said prices for bread and fuel had risen by a {fraction} since spring.",
    "The regional council will meet in {town2} {day} to discuss the {topic}.",
    "{person} said the {topic} had divided families in {town} for {n1} years.",
    "At least {n1} people were injured when police broke up a march in {town} {day}.",
    "Two of the detainees died in custody, {source} said, a claim the authorities reject.",
    "A court in {town2} refused to hear an appeal brought by {n1} families {day}.",
    "The ombudsman asked for access to {place} and was refused, {person} said.",
]
QUOTES = [
    "Families have been told nothing, and some of the men have been beaten",
    "We will not leave {town} until our people come home",
    "Nobody is held there, and the reports are lies spread by our enemies",
    "The {topic} was decided without asking a single farmer in the valley",
    "I saw them take my brother from the market at dawn",
    "Those who spread rumours will answer for them before the law",
]
TOPICS = ["dam", "water rights", "new mine", "port contract", "land registry", "school closures"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _sentence(rng: random.Random, towns: list[str], people: list[str], topic: str) -> str:
    n1, n2 = sorted(rng.sample(range(2, 90), 2))
    number = rng.choice(list(NUMBERS))
    count = rng.choice(COUNTS).format(n=NUMBERS[number])
    source = rng.choice(SOURCES)
    values = {
        "count": count, "group": rng.choice(GROUPS), "town": rng.choice(towns), "town2": rng.choice(towns),
        "day": rng.choice(DAYS), "source": source, "Source": source[0].upper() + source[1:],
        "place": rng.choice(PLACES_IN), "person": rng.choice(people), "role": rng.choice(ROLES),
        "n1": n1, "n2": n2, "days": rng.randint(2, 9), "fraction": rng.choice(["third", "quarter", "half"]),
        "topic": topic,
    }
    values["Quote"] = rng.choice(QUOTES).format(town=values["town"], topic=topic)
    text = rng.choice(SENTENCES).format(**values)
    return text[0].upper() + text[1:]


def _misspell(name: str, rng: random.Random) -> str:
    """A one-letter slip inside a surname, as copy-editors miss them."""
    first, _, last = name.partition(" ")
    if len(last) < 5:
        return name
    k = rng.randint(1, len(last) - 3)
    return f"{first} {last[:k]}{last[k + 1]}{last[k]}{last[k + 2:]}"


def _edited(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split()
    for _ in range(max(1, len(words) // 20)):
        k = rng.randrange(len(words))
        words[k] = rng.choice(["reportedly", "also", "then", "still", "now"]) + " " + words[k]
    return " ".join(words)


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """Write ``n`` articles of 6-10 paragraphs each into ``out``; return their paths."""
    rng = random.Random(seed)
    towns = [_name(rng) for _ in range(max(20, n // 5))]
    people = [f"{rng.choice(FIRST)} {rng.choice(SURNAME)}" for _ in range(max(30, n // 3))]
    out.mkdir(parents=True, exist_ok=True)
    articles: list[list[str]] = []
    paths = []
    for i in range(n):
        topic = rng.choice(TOPICS)
        local_people = rng.sample(people, 4)
        if rng.random() < 0.1:
            local_people[0] = _misspell(local_people[0], rng)
        local_towns = rng.sample(towns, 3)
        body = [" ".join(_sentence(rng, local_towns, local_people, topic) for _ in range(rng.randint(2, 4)))
                for _ in range(rng.randint(6, 10))]
        if i % 5 == 4 and articles:  # a retelling: two paragraphs of an earlier article
            source = rng.choice(articles)
            for paragraph in rng.sample(source, 2):
                body.insert(rng.randrange(len(body)), paragraph if rng.random() < 0.5 else _edited(paragraph, rng))
        articles.append(body)
        path = out / f"article-{i:05d}.txt"
        title = f"{rng.choice(GROUPS).capitalize()} held in {local_towns[0]} as {topic} protests go on"
        path.write_text(f"{title}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
