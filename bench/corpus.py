"""A generator of synthetic coverage for benchmarks, written for newstrace (no copied text).

Articles mix event sentences (each event in a few wordings, with slots for invented towns,
people, outlets, organisations, groups, counts and dates, and word choices) with background
sentences put together word by word, so each article's wording is mostly its own. Then
what newstrace exists for is planted: every fifth article retells two paragraphs of an
earlier one (some verbatim, some with a few words changed), what each person says is
quoted the same in every article that quotes them, and some names are misspelt.

What articles share by chance decides what linking costs: a phrase in k articles pairs
them k * k ways, up to the stock-phrase cap. So the corpus is measured against real
coverage (``bench/reuse.py --real`` prints both). As in a real story, the cast grows with
the coverage (towns, people, outlets, organisations in proportion to the articles), and
most 5-grams of an event sentence name one of them. VERSION 3 had one wording per event,
with choices inside long fixed stretches, six quotes for everyone, and background
sentences that all met the next at "the": at 1,000 articles about 1,000 5-grams stood in
20 or more articles, an article had 910 seeds (pairs of places sharing a 5-gram), and
175,000 pairs of articles shared one; at 10,000, 2,050 seeds an article. VERSION 4 has
151 such 5-grams, 295 seeds an article and 70,000 pairs at 1,000 articles, and 690 seeds
an article at 10,000. Real coverage shares less still: FNC-1's 1,683 bodies have 5 such
5-grams and 146 seeds an article, PolNeAR's 840 articles 11 and 52; so linking figures
from this corpus remain a hard case.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

VERSION = 4  # raise when the output changes, so cached corpora and ledgers are made again

SYLLABLES = ["dra", "vo", "sel", "mer", "tar", "ul", "vik", "bren", "na", "kol", "la", "ves", "am", "rin",
             "or", "sk", "mar", "vel", "kes", "sel", "lo", "ter", "by", "an", "gor", "ith", "pel", "zu"]
FIRST = ["Ana", "Dana", "Tomas", "Ilya", "Petar", "Mira", "Jonas", "Ruth", "Anton", "Lena", "Oskar", "Vera",
         "Milan", "Greta", "Pavel", "Irena", "Hugo", "Nadia", "Emil", "Sofia"]
SURNAME = ["Holt", "Veradin", "Morenko", "Slovan", "Castell", "Rieu", "Brandt", "Calloway", "Reyes", "Ostrik",
           "Marek", "Lindqvist", "Havel", "Doran", "Kessler", "Ambrose", "Novak", "Tamsin", "Ferro", "Quill"]
GROUPS = ["dam protesters", "dockers", "students", "journalists", "farmers", "miners", "teachers", "nurses",
          "activists", "residents"]
BUILDINGS = ["grain depot", "police station", "army barracks", "school", "warehouse", "prison", "sports hall",
             "bus depot", "factory", "hospital wing", "hotel", "cellar"]
PLACE_WORDS = ["a former", "a disused", "an old", "a", "the", "a converted", "a closed", "a guarded"]
GENERIC_SOURCES = ["relatives", "human rights monitors", "a lawyer for the families", "two men who were released",
                   "the regional ombudsman", "an opposition deputy", "neighbours", "local reporters"]
OUTLETS = ["Courier", "Herald", "Gazette", "Tribune", "Radio", "Post", "Observer", "Daily"]
BODIES = ["Legal Aid Centre", "Human Rights Committee", "Mothers' Union", "Workers' League", "Press Club",
          "Bar Association", "Civic Forum", "Relief Fund"]
ROLES = ["a lawyer for the {group}", "a researcher at {body}", "a spokesman for the governor of {town2}",
         "a teacher in {town2}", "a councillor in {town2}", "an organiser with {body}", "a doctor in {town2}",
         "the mayor of {town2}", "a deputy for {town2}"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
COUNTS = ["{n}", "at least {n}", "more than {n}", "about {n}", "up to {n}", "dozens of", "several"]
NUMBERS = {3: "three", 4: "four", 6: "six", 12: "12", 20: "20", 40: "40", 61: "61", 100: "100"}

# Event sentences carry what newstrace looks for (counts, places, denials, quotes). Each
# "[a|b]" is a choice made afresh for every sentence, fixed stretches are a few words
# long, and background sentences are put together word by word, so two articles seldom
# word anything alike unless one copied the other.
SENTENCES = [  # each event in a few wordings, as different reporters put it
    ["{count} {group} were [detained|arrested|held|seized] in {town} {day}, [according to|said] {source}.",
     "{Source} [says|said] {count} {group} [were picked up|were rounded up] {day} in {town}.",
     "In {town}, {count} {group} [have been|were] [detained|arrested] since {day2}, {source} "
     "[reported|told {outlet}]."],
    ["{Source} [said|reported] {count} {group} from {town2} had been [taken|driven] to {place} [outside|near] {town}.",
     "{count} {group} [are|were] kept at {place} [north of|beyond] {town}, {person} told {outlet}.",
     "{Source} [believes|says] the {group} from {town2} [were moved|were sent] to {place} in {town}."],
    ["Police in {town} [said|confirmed] they had [questioned|detained] {count} {group} after the [protest|rally] "
     "in {town2} {day}.",
     "{count} {group} were [questioned|interviewed] by {town} police [following|after] a [march|vigil] {day}.",
     "{town} police [admit|say] {count} {group} from the {town2} [march|rally] were held {day}."],
    ["“{Quote},” [said|says|added] {person}, {role}.",
     "“{Quote},” {person}, {role}, told {outlet}.",
     "{person}, {role}, [said|told {outlet}]: “{Quote}.”"],
    ["{person}, {role}, [told|said to] {outlet} that {count} of the [detainees|men] had been [released|freed] {day}.",
     "{count} of the {town} detainees [were freed|went home] {day}, according to {person}.",
     "{Source} [reports|says] {count} [detainees|men] [were released|were let go] from {place} in {town} {day}."],
    ["The [governor's office|interior ministry] in {town} [denied|rejected reports] that [anyone|any of the men] "
     "from {town2} [was|had been] held at {place}.",
     "{town} [officials|prosecutors] [say|insist] {place} in {town2} holds no one and is [an archive|an office].",
     "[A spokesman|An official] for {town}'s [governor|prosecutor] denied to {outlet} that {place} held anyone."],
    ["Officials in {town} [dismissed|denied] claims by {source} that {count} {group} [were|remained] "
     "[missing|unaccounted for].",
     "{town}'s [mayor|council] called it [false|untrue] that {count} {group} from {town2} are [missing|lost].",
     "{Source}'s account of {count} missing {group} in {town} was [denied|rejected] by {person}."],
    ["{Source} could not [confirm|verify] the [figures|numbers] from {town}, which rose from {n1} to {n2} in "
     "{days} days.",
     "The [count|toll] given by {source} [went|climbed] from {n1} to {n2} over {days} days in {town}.",
     "{outlet} put the {town} toll at {n1} {day}; by {day2} {source} said {n2}."],
    ["The road from {town} to {town2} was [closed|blocked] for {n1} hours [while|as] {town} police searched cars.",
     "[Soldiers|Guards] shut the {town2} road out of {town} for {n1} hours {day}, {person} said.",
     "Cars leaving {town} for {town2} were stopped for {n1} hours, {outlet} [reported|said]."],
    ["At least {n1} people in {town} were [injured|hurt] when police [broke up|charged] a rally {day}.",
     "{person} said {n1} [marchers|protesters] were hurt as [police|troops] cleared {town}'s square {day}.",
     "{outlet} counted {n1} [injured|wounded] after the {town} rally {day}."],
    ["[Two|Three] of the [detainees|men held] in {town} [died|were killed] in custody, {source} said, "
     "[a claim|an account] the [authorities|government] in {town2} [deny|reject].",
     "{Source} [says|reported] [two|three] {group} died at {place} in {town}; {town2} officials [deny it|disagree].",
     "[Two|Three] deaths in {town} custody, reported by {outlet} {day}, are [denied|disputed] by {person}."],
    ["A [court|judge] in {town2} [refused|declined] to hear [an appeal|a complaint] by {n1} {town} families {day}.",
     "{n1} {town} families lost their [appeal|case] in {town2} {day}, {person} said.",
     "Judges in {town2} [threw out|would not hear] the {town} families' [petition|complaint], {outlet} reported."],
    ["{body} [asked for|sought] access to {place} in {town} and was [refused|turned away], {person} told {outlet}.",
     "{person} of {body} was [refused entry|turned back] at {place} near {town} {day}.",
     "Monitors from {body} [were kept out of|could not enter] {place} in {town} {day}."],
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
TIMES = ("last {season}", "in {year}", "for {days} years", "every {weekday}", "before dawn",
         "after the {year} storm", "in the {season} of {year}", "twice a month", "for {person}",
         "with money from {person}", "for the {town} fair")
QUOTES = [  # each person says one of these, in the words of their own town
    "Families in {town} have been told nothing, and {group} there have been beaten",
    "We will not leave {town} until our {group} come home",
    "Nobody is held at {place}, and what {outlet} prints is lies",
    "The {topic} was decided without asking a single family in {town}",
    "I saw them take my brother from the {town} market at dawn",
    "Those who spread rumours about {town} will answer for them",
    "Since {since}, {count} {group} from {town} have vanished",
    "{town} is afraid, and {outlet} is the only one asking why",
]
TOPICS = ["dam", "water rights", "new mine", "port contract", "land registry", "school closures"]
_CHOICE = re.compile(r"\[([^\[\]]*)\]")
EVENT_SHARE = 0.25  # of an article's sentences; the rest is background


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _sentence(rng: random.Random, local: dict[str, list[str]], topic: str) -> str:
    n1, n2 = sorted(rng.sample(range(2, 90), 2))
    number = rng.choice(list(NUMBERS))
    source, speaker = rng.choice(local["sources"]), rng.randrange(len(local["people"]))
    town, town2, _ = rng.sample(local["towns"], 3)  # three drawn, as for the corpora VERSION 4 measured
    values = {
        "count": rng.choice(COUNTS).format(n=NUMBERS[number]), "group": rng.choice(GROUPS), "town": town,
        "town2": town2, "day": _day(rng), "day2": _day(rng, bare=True),
        "source": source, "Source": source[0].upper() + source[1:],
        "outlet": rng.choice(local["outlets"]), "body": rng.choice(local["bodies"]),
        "place": _place(rng), "person": local["people"][speaker],
        "n1": n1, "n2": n2, "days": rng.randint(2, 9), "year": rng.randint(1950, 2015),
        "season": rng.choice(["winter", "spring", "summer", "autumn"]), "weekday": rng.choice(WEEKDAYS),
        "topic": topic,
    }
    values["role"] = rng.choice(ROLES).format(**values)
    values["Quote"] = local["quotes"][speaker]
    template = _chosen(rng.choice(rng.choice(SENTENCES)), rng) if rng.random() < EVENT_SHARE else _background(rng)
    text = template.format(**values).replace(" of of ", " of ")  # "dozens of" before "of the men"
    return text[0].upper() + text[1:]


def _quote(rng: random.Random, towns: list[str], outlets: list[str]) -> str:
    """What one person says: drawn once for them, quoted alike wherever they are ("since"
    a weekday or a month)."""
    return rng.choice(QUOTES).format(
        town=rng.choice(towns), group=rng.choice(GROUPS), place=_place(rng),
        outlet=rng.choice(outlets), topic=rng.choice(TOPICS), since=_day(rng, bare=True).split()[-1],
        count=rng.choice(COUNTS).format(n=NUMBERS[rng.choice(list(NUMBERS))]))


def _place(rng: random.Random) -> str:
    return f"{rng.choice(PLACE_WORDS)} {rng.choice(BUILDINGS)}"


def _day(rng: random.Random, bare: bool = False) -> str:
    """When something happened, as reports say it: "on Monday", "late on Friday", "on 14 March";
    ``bare``, the day alone ("Friday", "14 March")."""
    if rng.random() < 0.3:
        lead, day = rng.choice(["on", "late on", "early on"]), rng.choice(WEEKDAYS)
    else:
        lead, day = "on", f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"
    return day if bare else f"{lead} {day}"


def _chosen(template: str, rng: random.Random) -> str:
    """The template with one option taken from each "[a|b|c]"."""
    return _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)


def _background(rng: random.Random) -> str:
    """A plain sentence of the article's own: "The tired miller repaired a rusty fence near the canal last winter." """
    def thing(article: str) -> str:
        return f"{article} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"

    place = f" {rng.choice(PREPOSITIONS)} {thing('the')}" if rng.random() < 0.7 else ""
    subject, verb = thing(rng.choice(["the", "a", "one", "their", "her", "his", "our"])), rng.choice(PAST_VERBS)
    done_to = thing(rng.choice(["a", "the", "one"]))
    if rng.random() < 0.5:  # when first or last, so sentences do not all meet the same way
        return f"{rng.choice(TIMES)} {subject} {verb} {done_to}{place}."
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
    # Names come in proportion to the coverage, as a bigger story brings more places, people and outlets.
    towns = [_name(rng) for _ in range(max(20, n // 5))]
    people = [f"{rng.choice(FIRST)} {rng.choice(SURNAME) if rng.random() < 0.3 else _name(rng)}"
              for _ in range(max(30, n // 3))]
    outlets = [f"the {rng.choice(towns)} {rng.choice(OUTLETS)}" for _ in range(max(10, n // 20))]
    bodies = [f"the {rng.choice(towns)} {rng.choice(BODIES)}" for _ in range(max(10, n // 20))]
    # What each person says, the same wherever they are quoted (so quotes travel between articles).
    quotes = [_quote(rng, towns, outlets) for _ in people]
    out.mkdir(parents=True, exist_ok=True)
    articles: list[list[str]] = []
    paths = []
    for i in range(n):
        topic = rng.choice(TOPICS)
        speakers = rng.sample(range(len(people)), 4)
        local = {"people": [people[k] for k in speakers], "quotes": [quotes[k] for k in speakers],
                 "towns": rng.sample(towns, 4), "outlets": rng.sample(outlets, 2), "bodies": rng.sample(bodies, 2)}
        if rng.random() < 0.1:
            local["people"][0] = _misspell(local["people"][0], rng)
        local["sources"] = [*rng.sample(GENERIC_SOURCES, 2), *local["outlets"], *local["bodies"]]
        body = [" ".join(_sentence(rng, local, topic) for _ in range(rng.randint(2, 4)))
                for _ in range(rng.randint(6, 10))]
        if i % 5 == 4 and articles:  # a retelling: two paragraphs of an earlier article
            source = rng.choice(articles)
            for paragraph in rng.sample(source, 2):
                body.insert(rng.randrange(len(body)), paragraph if rng.random() < 0.5 else _edited(paragraph, rng))
        articles.append(body)
        path = out / f"article-{i:05d}.txt"
        title = _chosen(f"{rng.choice(GROUPS).capitalize()} [held|detained|arrested|missing] [as|while|after] "
                        f"{local['towns'][0]} {topic} [protests go on|dispute deepens|row grows|unrest spreads]", rng)
        path.write_text(f"{title}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
