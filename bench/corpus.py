"""A generator of synthetic coverage for benchmarks, written for newstrace (no copied text).

Articles mix event sentences (templates with slots for invented towns, people, groups,
counts and days, and word choices) with background sentences put together word by word,
so each article's wording is mostly its own. Templates still share far more by chance
than real coverage does: at 1,000 articles about a third of all pairs share 5-grams, with
about 160,000 chance chains, where 1,683 real articles (FNC-1 bodies, ``bench/reuse.py
--real``) have 9,500 such pairs and 16,000 chains; and about 1,000 5-grams stand in 20
or more of the 1,000 articles, where PolNeAR's 840 have 11. Below the stock-phrase cap,
such phrases pair up articles with the square of their number, so linking figures from
this corpus are a hard case. Its vocabulary is small too (about 800 words at 1,000
articles; FNC-1 and PolNeAR have 23,000-24,000 in 640,000 words), but drawing the
background prose from a Zipfian vocabulary of 20,000 words changed neither reuse's time
nor its growth: the templates make them. Then what newstrace exists for is planted: every fifth
article retells two paragraphs of an earlier one (some verbatim, some with a few words
changed), quotes travel between articles, and some names are misspelt.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

VERSION = 3  # raise when the output changes, so cached corpora and ledgers are made again

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
         "a union organiser", "a district doctor"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "late on Thursday", "on Friday", "over the weekend",
        "last week", "earlier this month"]
COUNTS = ["{n}", "at least {n}", "more than {n}", "about {n}", "up to {n}", "dozens of", "several"]
NUMBERS = {3: "three", 4: "four", 6: "six", 12: "12", 20: "20", 40: "40", 61: "61", 100: "100"}

# Event sentences carry what newstrace looks for (counts, places, denials, quotes). Each
# "[a|b]" is a choice made afresh for every sentence, and background sentences are put
# together word by word, so two articles seldom word anything alike unless one copied the
# other. (With fixed templates, most pairs of articles shared runs of 25 words, which real
# coverage does not.)
SENTENCES = [
    "{count} {group} were [detained|arrested|held|rounded up|seized] [in|near|outside] {town} {day}, "
    "[according to|as reported by|in the account of|said] {source}.",
    "{Source} [said|reported|told this newspaper|claimed] {count} {group} had been [taken|driven|moved|sent] "
    "to {place} [outside|near|on the edge of|north of|beyond] {town}.",
    "[Police|Officers|The police|Investigators] [in|from] {town} [said|confirmed|admitted] [they had|that they] "
    "[questioned|interviewed|spoken to|detained] {count} [people|residents|protesters] [after|following|during] "
    "the [protest|march|rally|demonstration|vigil] {day}.",
    "“{Quote},” [said|says|added|insisted] {person}, {role} [in|from|near] {town}.",
    "{person}, {role}, [told reporters|said|told a press conference|wrote] that {count} of [those held|the "
    "detainees|the men] [had been|were|have been] [released|freed|let go|sent home] {day}.",
    "The [governor's office|regional government|interior ministry|prosecutor's office] [denied|rejected "
    "reports|dismissed claims|said it was untrue] that [anyone|any protester|any of the men|people] "
    "[was being|were being|had been|was] [held|kept|detained|locked up] [at|in|inside] {place}.",
    "[Officials|Authorities|Local officials|The mayor's office] [in|from] {town} [dismissed|denied|rejected] "
    "[reports|claims|rumours] that {count} {group} [were|had gone|remained] [missing|unaccounted for|still "
    "held|without news].",
    "{Source} could not [confirm|verify|check] the [figures|numbers|count], which [rose|grew|climbed] "
    "from {n1} to {n2} [over|in|within] {days} days.",
    "The [road|highway|old road] from {town} to {town2} was [closed|blocked|shut] for {n1} hours "
    "[while|as|so that] [police|soldiers|guards] [checked|searched|stopped] [cars|vehicles|lorries].",
    "At least {n1} people were [injured|hurt|wounded] when [police|riot police|troops] [broke up|dispersed|"
    "charged] a [march|crowd|rally] in {town} {day}.",
    "[Two|Three] of the [detainees|prisoners|men held] [died|were killed] in [custody|detention|the cells], "
    "[{source} said|according to {source}|{source} reported], [a claim|an account|a report] [the "
    "authorities|officials|the government] [reject|deny|dispute|call false].",
    "A [court|judge|tribunal] in {town2} [refused|declined|would not agree] [to hear|to consider|to take up] "
    "[an appeal|a complaint|a petition|the case] [brought|filed|lodged|put forward] by {n1} "
    "[families|relatives|parents] {day}.",
    "[The ombudsman|The regional ombudsman|An aide to the ombudsman|Monitors] [asked for|sought|requested|"
    "demanded] [access to|a visit to|entry to] {place} and [was|were] [refused|turned away|denied entry], "
    "{person} said.",
]
ADJECTIVES = ("quiet narrow old new wet muddy busy empty broken distant northern southern local rival "
              "stubborn patient tired young elderly wealthy poor anxious cheerful careful noisy small large "
              "crowded silent modest famous forgotten rusty painted wooden stone grey green yellow bitter "
              "sudden slow steady cold warm dusty cracked shared private public costly cheap").split()
NOUNS = ("miller baker ferryman teacher priest farmer nurse carpenter fisherman shepherd clerk driver "
         "widow brewer tailor merchant porter blacksmith gardener student cousin neighbour grocer "
         "bridge fence harbour orchard chapel barn mill quarry pasture railway warehouse market school "
         "clinic cemetery tavern workshop garage bakery library meadow canal stable hospital square "
         "vineyard pier tower post office chimney roof well boatyard cottage").split()
PAST_VERBS = ("repaired painted sold bought visited mended closed opened rebuilt measured photographed "
              "guarded cleaned inspected rented borrowed cleared fenced flooded emptied watched abandoned "
              "surveyed restored insured demolished widened blocked described recorded").split()
PREPOSITIONS = "near behind beside beyond across past below above opposite outside".split()
TIMES = ("last winter", "in {n1}", "for {days} years", "every Sunday", "before dawn", "after the storm",
         "in the summer", "twice a month", "without telling anyone", "with borrowed money", "by hand")
QUOTES = [
    "Families have been told nothing, and some of the men have been beaten",
    "We will not leave {town} until our people come home",
    "Nobody is held there, and the reports are lies spread by our enemies",
    "The {topic} was decided without asking a single farmer in the valley",
    "I saw them take my brother from the market at dawn",
    "Those who spread rumours will answer for them before the law",
]
TOPICS = ["dam", "water rights", "new mine", "port contract", "land registry", "school closures"]
_CHOICE = re.compile(r"\[([^\[\]]*)\]")
EVENT_SHARE = 0.25  # of an article's sentences; the rest is background


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
    if rng.random() < EVENT_SHARE:
        template = _chosen(rng.choice(SENTENCES), rng)
    else:
        template = _background(rng)
    text = template.format(**values)
    return text[0].upper() + text[1:]


def _chosen(template: str, rng: random.Random) -> str:
    """The template with one option taken from each "[a|b|c]"."""
    return _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)


def _background(rng: random.Random) -> str:
    """A plain sentence of the article's own: "The tired miller repaired a rusty fence near the canal last winter." """
    def thing(article: str) -> str:
        return f"{article} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"

    place = f" {rng.choice(PREPOSITIONS)} {thing('the')}" if rng.random() < 0.7 else ""
    subject, verb = thing("the"), rng.choice(PAST_VERBS)  # drawn in the order VERSION 3 draws them
    done_to = thing(rng.choice(["a", "the", "one"]))
    return f"{subject} {verb} {done_to}{place} {rng.choice(TIMES)}."


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
        title = _chosen(f"{rng.choice(GROUPS).capitalize()} [held|detained|arrested|missing] in {local_towns[0]} "
                            f"[as|while|after] {topic} [protests go on|dispute deepens|row grows|unrest spreads]", rng)
        path.write_text(f"{title}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
