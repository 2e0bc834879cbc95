"""Claims: counts as reports word them, stance and source, clusters, independence, conflicts."""

from __future__ import annotations

import pytest

from newstrace.link.claims import ClaimRef, cluster_claims
from newstrace.model import ClaimMention
from newstrace.nlp.quantities import compatible, parse_quantity


@pytest.mark.parametrize("text, value, low, high, qualifier", [
    ("over 100", 100, 100, None, "over"),
    ("More than 60", 60, 60, None, "over"),
    ("up to 100", 100, None, 100, "up to"),
    ("some 100", 100, None, None, "some"),
    ("around three", 3, None, None, "around"),
    ("at least 3", 3, 3, None, "at least"),
    ("at least six", 6, 6, None, "at least"),
    ("four", 4, 4, 4, None),
    ("1,200", 1200, 1200, 1200, None),
    ("two hundred", 200, 200, 200, None),
    ("dozens", 12, 12, None, "dozens"),
    ("hundreds", 100, 100, None, "hundreds"),
])
def test_counts_are_normalised(text, value, low, high, qualifier):
    q = parse_quantity(text)
    assert (q.value, q.low, q.high, q.qualifier) == (value, low, high, qualifier)


@pytest.mark.parametrize("text", ["Ardenko", "anyone", "tenants", "Oneida", "sixtyish"])
def test_words_that_begin_like_numbers_are_no_counts(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize("a, b, both_hold", [
    ("at least 3", "four", True),
    ("around three", "four", False),  # 2.4-3.6 against exactly 4
    ("four", "around 40", False),
    ("two", "at least three", False),
    ("over 100", "up to 100", True),  # meet at 100
    ("up to 60", "at least 61", False),
    ("some 100", "at least 61", True),
])
def test_compatible_counts(a, b, both_hold):
    assert compatible(parse_quantity(a), parse_quantity(b)) is both_hold


@pytest.fixture(scope="module")
def nlp(settings):
    from newstrace.nlp.models import load_spacy

    return load_spacy(settings.spacy_model)


@pytest.mark.parametrize("text, event, stance, source, count", [
    ("More than 60 activists have been detained in the depot.", "detention", "asserts", None, "More than 60"),
    ("At least three of them have been killed, the Courier said.", "death", "reports", "the Courier", "At least three"),
    ("Two detainees died in custody, according to Open Rivers Watch.", "death", "reports", "Open Rivers Watch", "Two"),
    ("The embassy dismissed reports that up to 60 protesters are held in a depot.", "detention", "denies",
     "The embassy", "up to 60"),
    ("No one is detained there.", "detention", "denies", None, None),
    ("The men were allegedly beaten by guards.", "torture", "questions", None, None),
    # events named by a noun count when the noun carries a count
    ("Monitors reported the arrest of 40 protesters in Dravo.", "detention", "reports", "Monitors", "40"),
    ("The clashes caused three deaths, the ministry said.", "death", "reports", "the ministry", "three"),
    ("Officials denied the detention of dozens of students.", "detention", "denies", "Officials", "dozens"),
    ("There were no arrests of 40 people, police said.", "detention", "denies", "police", None),
    # the agent of a passive reporting verb is the source
    ("The deaths of three men were confirmed by doctors.", "death", "reports", "doctors", "three"),
    ("Forty fishermen were detained, as confirmed by the harbour office.", "detention", "reports",
     "the harbour office", "Forty"),
    ("Forty fishermen were detained, as the Courier reported.", "detention", "reports", "the Courier", "Forty"),
    # a running tally names its event and its count
    ("The death toll rose to 61 on Tuesday.", "death", "asserts", None, "61"),
    ("Officials put the death toll at 61.", "death", "reports", "Officials", "61"),
    ("The number of arrests climbed to at least 300, monitors said.", "detention", "reports", "monitors",
     "at least 300"),
    ("The number of detainees has reached 100, according to Open Rivers Watch.", "detention", "reports",
     "Open Rivers Watch", "100"),
    ("The number of people detained has risen to 120.", "detention", "asserts", None, "120"),
    ("A death toll of 61 was reported by the ministry.", "death", "reports", "the ministry", "61"),
    # an event noun that names its victim
    ("Police denied the arrest of journalist Ivan Petrov.", "detention", "denies", "Police", None),
    ("Petrov's arrest was confirmed by his lawyer.", "detention", "reports", "his lawyer", None),
    # events that befall people, however the clause names them
    ("Police released 40 protesters on Friday.", "release", "asserts", None, "40"),
    ("Three journalists were held overnight.", "detention", "asserts", None, "Three"),
    ("The rally ended when 12 people were shot and killed by guards.", "death", "asserts", None, "12"),
    ("Two families who fled the valley reached the border.", "flight", "asserts", None, None),
    ("Hundreds of families fled the fighting.", "flight", "asserts", None, "Hundreds"),
    ("The journalist was taken hostage in March.", "detention", "asserts", None, None),
])
def test_claim_mentions_with_stance_source_and_count(nlp, text, event, stance, source, count):
    from newstrace.nlp.claims import claim_mentions

    [m] = claim_mentions(nlp(text))
    assert (m.event, m.stance, m.attributed_to) == (event, stance, source)
    assert (m.quantity[4] if m.quantity else None) == count
    if m.source:
        assert text[slice(*m.source)] == source


@pytest.mark.parametrize("text", ["The ministry issued a press release on Monday.",
                                  "The death penalty was abolished in 1998.",
                                  "The number of visitors rose to 300.",  # a tally of no event
                                  "The total reached 12 points.",
                                  "The death of democracy was mourned by Ivan Petrov.",
                                  "The release of the report was delayed.",
                                  # events that befall things, not people
                                  "The ministry released a report on Friday.",
                                  "The video was released on Tuesday.",
                                  "The meeting was held in the capital.",
                                  "The senator captured three states in the primary.",
                                  "Officials should be held accountable.",
                                  "The problem was taken care of.",
                                  "Good jobs are disappearing.",
                                  "The protest died down by evening.",
                                  "The minister escaped charges after the inquiry.",
                                  "The senator fled questions from reporters."])
def test_event_nouns_without_a_count_are_not_claims(nlp, text):
    from newstrace.nlp.claims import claim_mentions

    assert claim_mentions(nlp(text)) == ()


def ref(document, text, stance="asserts", source=None, published=None, count=None, event="detention",
        places=(), actors=()):
    quantity = None
    if count:
        q = parse_quantity(count)
        quantity = (q.value, q.low, q.high, q.qualifier, q.text, None)
    mention = ClaimMention(0, len(text), event, stance, source, None, quantity, None)
    return ClaimRef(document, 0, mention, text, text, published, source, frozenset(places), frozenset(actors))


LABELS = [f"doc-{n}" for n in range(1, 10)]
OUTLETS = [f"Outlet {n}" for n in range(1, 10)]


def test_four_articles_citing_one_newspaper_are_one_source():
    refs = [ref(0, "Over 100 men were detained in camps", "asserts", None, "2026-04-01", "over 100")] + [
        ref(n, "Over 100 men were detained in camps, Novaya Gazeta reported", "reports", "Novaya Gazeta",
            "2026-04-02", "over 100") for n in range(1, 5)]
    [claim] = cluster_claims(refs, LABELS, {}, OUTLETS)
    assert set(claim.origins) == {"Outlet 1", "Novaya Gazeta"}  # the first report, then the newspaper
    assert len(claim.origins) == 2


def test_a_later_unsourced_retelling_adds_no_source_and_copies_are_one():
    refs = [ref(0, "Dozens of men were detained", "reports", "Novaya Gazeta", "2026-04-02", "dozens"),
            ref(1, "Dozens of men were detained", "asserts", None, "2026-04-05", "dozens"),
            ref(2, "Dozens of men were detained", "asserts", None, "2026-04-01", "dozens"),
            ref(3, "Dozens of men were detained", "asserts", None, "2026-04-01", "dozens")]
    [claim] = cluster_claims(refs, LABELS, {2: "Wire", 3: "Wire"}, OUTLETS)
    assert set(claim.origins) == {"Novaya Gazeta", "Wire"}
    assert "after the claim was attributed" in claim.not_counted[1]


def test_numeric_conflicts_and_denials():
    refs = [ref(0, "Four men were killed", count="four", event="death"),
            ref(1, "At least 3 men were killed", count="at least 3", event="death"),
            ref(2, "Around 40 men were killed", count="around 40", event="death"),
            ref(3, "No one was killed there", stance="denies", source="The embassy", event="death")]
    [claim] = cluster_claims(refs, LABELS, {}, OUTLETS)
    numeric = [c for c in claim.conflicts if c.kind == "numeric"]
    assert {tuple(c.members) for c in numeric} == {(0, 2)}  # "at least 3" fits both four and around 40
    [denial] = [c for c in claim.conflicts if c.kind == "denial"]
    assert denial.members[0] == 3 and "The embassy" in denial.detail
    assert claim.figures["low"] == 3 and claim.figures["compatible"] is False


def test_different_events_are_different_claims():
    refs = [ref(0, "100 men were detained", count="100"), ref(1, "3 men were killed", count="3", event="death")]
    assert len(cluster_claims(refs, LABELS, {}, OUTLETS)) == 2


def test_clashing_places_split_claims_unless_the_words_are_nearly_the_same():
    refs = [ref(0, "Harbour police detained forty fishermen in Tarvik", places={"Tarvik"}),
            ref(1, "Harbour police detained forty fishermen in Dravo", places={"Dravo"}),
            ref(2, "Forty fishermen were held by harbour police at the depot in Dravo", places={"Dravo"}),
            ref(3, "Harbour police detained forty fishermen")]
    # The same words but another place: one claim, with the clash shown.
    [near] = cluster_claims(refs[:2], LABELS, {}, OUTLETS)
    [other] = near.conflicts
    assert other.kind == "other" and other.members == [0, 1] and other.detail == "in Tarvik (doc-1) vs in Dravo (doc-2)"
    # Only alike: two claims, unless the coverage puts one place by the other.
    assert len(cluster_claims([refs[0], refs[2]], LABELS, {}, OUTLETS)) == 2
    [joined] = cluster_claims([refs[0], refs[2]], LABELS, {}, OUTLETS, side_by_side={frozenset({"Tarvik", "Dravo"})})
    assert joined.conflicts == []
    # A report naming no place clashes with none.
    [claim] = cluster_claims([refs[0], refs[3]], LABELS, {}, OUTLETS)
    assert claim.conflicts == []


def test_clashing_actors_are_other_conflicts():
    refs = [ref(0, "The Coast Guard detained forty fishermen at the harbour early on Monday night", actors={"Coast Guard"}),
            ref(1, "The Border Service detained forty fishermen at the harbour early on Monday night", actors={"Border Service"})]
    [claim] = cluster_claims(refs, LABELS, {}, OUTLETS)
    assert [c.detail for c in claim.conflicts] == ["by Coast Guard (doc-1) vs by Border Service (doc-2)"]


class _Layer:
    """The slice of an EntityLayer that places_side_by_side reads."""

    def __init__(self, text, names):
        from types import SimpleNamespace

        self.entities = [SimpleNamespace(name=n, type="GPE") for n in names]
        self.mentions = [(text.index(n), text.index(n) + len(n), n, k) for k, n in enumerate(names)]

    def in_document(self, n):
        return sorted(self.mentions)


@pytest.mark.parametrize("text, together", [
    ("Police raided a house in Tarvik, Dravo province.", True),
    ("The camp lies in Tarvik, near Dravo.", True),
    ("Police raided houses in Tarvik and Dravo.", False),  # a list of places, not one in another
    ("The convoy drove from Tarvik to Dravo.", False),
    ("Police raided a house in Tarvik. Dravo was calm.", False),
])
def test_places_written_side_by_side(text, together):
    from types import SimpleNamespace

    from newstrace.link.claims import places_side_by_side

    pairs = places_side_by_side([SimpleNamespace(text=text)], _Layer(text, ["Tarvik", "Dravo"]))
    assert (frozenset({"Tarvik", "Dravo"}) in pairs) is together


@pytest.mark.parametrize("first, second, detail", [
    (("Bristol", "Monday night"), ("Leeds", "Monday night"), "in Bristol (doc-1) vs in Leeds (doc-2)"),
    (("Bristol", "12 March"), ("Bristol", "March 14"), "on 12 March (doc-1) vs on 14 March (doc-2)"),
])
def test_reports_of_one_raid_that_clash_on_a_fact_conflict(tmp_path, settings, first, second, detail):
    import newstrace

    for name, (city, day) in (("a", first), ("b", second)):
        (tmp_path / f"{name}.txt").write_text(f"Raid at the harbour\n\nPolice detained forty fishermen at the harbour "
                                              f"in {city} on {day}, the union said.\n", encoding="utf-8")
    [claim] = newstrace.analyze([str(tmp_path)], settings).data["claims"]
    assert [(c["kind"], c["detail"]) for c in claim["conflicts"]] == [("other", detail)]


@pytest.mark.parametrize("text, dates", [
    ("detained on 12 March", ["12 March"]),
    ("on March 12, 2017", ["12 March 2017"]),
    ("the 3rd of May and Sept. 4", ["3 May", "4 September"]),
    ("2017-03-12", ["12 March 2017"]),
    ("12 may have died on Monday", []),  # a modal, and a weekday depends on the publication date
    ("in March 2017", []),
    ("on 31 February", []),
])
def test_calendar_dates(text, dates):
    from newstrace.nlp.dates import calendar_dates

    assert [str(d) for d in calendar_dates(text)] == dates


def test_dates_without_a_year_agree_with_any_year():
    from newstrace.nlp.dates import CalendarDate, same_day

    assert same_day(CalendarDate(None, 3, 12), CalendarDate(2017, 3, 12))
    assert not same_day(CalendarDate(2016, 3, 12), CalendarDate(2017, 3, 12))
    assert not same_day(CalendarDate(None, 3, 12), CalendarDate(None, 3, 14))


def test_check_gives_one_result_per_claim_and_document_with_evidence():
    import newstrace

    texts = ["Harbour shut. More than sixty fishermen were detained at the harbour on Monday, the union said.",
             "The ministry denied that anyone had been detained at the harbour. It called the reports a hoax.",
             "The weather in the capital was mild and the football league resumed after the winter break."]
    claims = ["Over 60 fishermen were detained at the harbour", "The football league resumed"]
    results = newstrace.check(claims, texts)
    assert [(r.claim, r.document) for r in results] == [(c, f"text-{n}") for c in claims for n in (1, 2, 3)]
    first = {r.document: r for r in results[:3]}
    assert first["text-3"].stance == "unrelated" and first["text-3"].evidence == ()
    assert first["text-1"].stance != "unrelated"
    for r in results:
        for e in r.evidence:
            assert texts[int(r.document[-1]) - 1][e.start:e.end] == e.text
        assert 0.0 <= r.confidence <= 1.0


def test_check_reads_denials_of_the_claims_event():
    import newstrace

    texts = ["More than sixty fishermen were detained at the harbour on Monday night, the union said. Their families "
             "gathered outside the port office. The union called for their release.",
             "Reports that dozens of fishermen were detained are false, the ministry said. No one was arrested at the "
             "harbour, a spokesman told reporters. The harbour reopened on Tuesday."]
    claims = ["Over 60 fishermen were detained at the harbour", "No fishermen were detained at the harbour"]
    stance = {(r.claim, r.document): r.stance for r in newstrace.check(claims, texts)}
    assert stance[(claims[0], "text-2")] == "denies"
    assert stance[(claims[1], "text-1")] == "denies"
    assert stance[(claims[1], "text-2")] == "supports"


def test_a_report_of_the_event_beside_an_official_denial_is_no_denial():
    import newstrace

    text = ("More than sixty fishermen have been detained at the harbour since Monday, the Courier reported, "
            "citing relatives of the men. The ministry dismissed the report as false and a fabrication. "
            "A spokesman said the claims were baseless. The union said it would appeal to the courts.")
    # One line, longer than a file name may be: read as text, not looked up as a path.
    [result] = newstrace.check("Over 40 fishermen were detained at the harbour", text)
    assert result.stance in ("supports", "discusses")
    assert result.evidence and "detained" in result.evidence[0].text


def test_headlines_and_bodies_are_read_by_their_own_network():
    import numpy as np

    from newstrace.nlp.stance import FEATURES, STANCES, Network, StanceModel

    def always(stance):
        n, k = len(FEATURES), len(STANCES)
        bias = np.where(np.arange(k) == STANCES.index(stance), 1.0, 0.0)
        return Network(np.zeros(n), np.ones(n), np.zeros((n, 1)), np.zeros(1), np.zeros((1, k)), bias)

    model = StanceModel(headline=always("discusses"), body=always("supports"))
    rows = np.zeros((2, len(FEATURES)))
    rows[0, FEATURES.index("short")] = 1.0
    assert [STANCES[k] for k in model.probabilities(rows).argmax(axis=1)] == ["discusses", "supports"]


@pytest.mark.parametrize("headline, cues", [
    ("Rebels seized the dam, army says", {"reporting_verb"}),
    ("Source: rebels seized the dam", {"colon", "source_noun"}),
    ("Rebels said to have seized the dam", {"reporting_verb", "said_to"}),
    ("Rebels 'seized the dam'", {"quote_marks"}),
    ("Rebels seized the dam", set()),
])
def test_how_a_headline_passes_a_claim_on(headline, cues):
    import numpy as np

    from newstrace.nlp.stance import FEATURES, features, sentences

    spans = sentences(headline)
    unit = np.ones(2) / 2 ** 0.5
    row, _ = features("Rebels seized the dam", unit, headline, spans, np.tile(unit, (len(spans), 1)))
    found = {name for name in ("reporting_verb", "colon", "said_to", "source_noun", "quote_marks")
             if row[FEATURES.index(name)]}
    assert found == cues


def test_check_command_prints_json(tmp_path):
    import json

    from click.testing import CliRunner

    from newstrace.cli import cli

    (tmp_path / "a.txt").write_text("Ferries stopped\n\nMore than sixty fishermen were detained at the harbour on "
                                    "Monday, the union said in a statement.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "Over 60 fishermen were detained", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["claim"] == "Over 60 fishermen were detained" and len(data["results"]) == 1
    assert data["results"][0]["stance"] in ("supports", "discusses", "denies", "unrelated")


def test_claim_sources_link_to_entities(example_dossier):
    entities = {e["id"]: e["name"] for e in example_dossier["entities"]}
    linked = [m for c in example_dossier["claims"] for m in c["mentions"] if m["source_entity"]]
    assert linked
    assert all(entities[m["source_entity_id"]] == m["source_entity"] for m in linked)


def test_claim_groups_are_the_same_however_the_similarity_matrix_is_cut(monkeypatch):
    """Components found a block of rows at a time equal single linkage over all close pairs."""
    import numpy as np

    from newstrace.link import claims
    from newstrace.link.groups import UnionFind

    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(60, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    refs = [ref(k, f"mention {k}") for k in range(60)]
    scores = claims._Scores(refs, lambda texts: vectors, 0.5, claims._Facts(refs, frozenset()))
    sets = UnionFind(60)
    for i in range(60):
        for j in range(i + 1, 60):
            if vectors[i] @ vectors[j] >= 0.5:
                sets.union(i, j)
    expected = sorted(sorted(g) for g in sets.groups())
    monkeypatch.setattr(claims._Scores, "BLOCK", 7)
    assert sorted(scores.linked(list(range(60)))) == expected
    assert len(expected) < 60  # some mentions did join


def test_names_inside_a_text_are_the_names_it_contains():
    """The three-letter index finds exactly what trying every name finds, short names included."""
    import random

    from newstrace.link.claims import _names_inside

    rng = random.Random(2)
    names = ["Open Rivers Watch", "Rivers", "UN", "A", "Courier", "The Courier", "Watch", ""]
    names += ["".join(rng.choice("abc ") for _ in range(rng.randint(1, 6))) for _ in range(40)]
    inside = _names_inside(names)
    for text in ["spokesman for Open Rivers Watch", "UN envoy", "of The Courier", ""] + [
            "".join(rng.choice("abc ") for _ in range(rng.randint(0, 30))) for _ in range(300)]:
        assert sorted(inside(text)) == sorted(name for name in names if name in text)


def test_facts_clash_as_the_plain_rule_says_for_every_pair():
    """``_Facts`` decides pairs over arrays; here the rule is spelled out one pair at a time: a kind
    clashes when both sides name some and no place (or one written side by side with it), actor
    or day of one can be one of the other's; the first kind that clashes names the clash."""
    import random
    from itertools import combinations
    from types import SimpleNamespace

    import numpy as np

    from newstrace.link import claims
    from newstrace.nlp.dates import CalendarDate, same_day

    rng = random.Random(4)
    places, actors = ["Selmer", "Tarn", "Ostra", "Vell"], ["Anna Holt", "Port Watch", "Milan Dar"]
    days = [CalendarDate(rng.choice([None, 2016, 2017]), rng.randint(3, 4), rng.randint(1, 3)) for _ in range(12)]
    side_by_side = frozenset({frozenset(("Selmer", "Tarn"))})
    refs = [SimpleNamespace(places=frozenset(rng.sample(places, rng.randint(0, 2))),
                            actors=frozenset(rng.sample(actors, rng.randint(0, 2))),
                            dates=frozenset(rng.sample(days, rng.randint(0, 3)))) for _ in range(60)]

    def together(kind, x, y):
        return x == y or (frozenset((x, y)) in side_by_side if kind == "places" else
                          same_day(x, y) if kind == "dates" else False)

    def plain(a, b):
        for kind in ("places", "actors", "dates"):
            x, y = getattr(a, kind), getattr(b, kind)
            if x and y and not any(together(kind, u, v) for u in x for v in y):
                return kind
        return None

    rows, cols = np.array(list(combinations(range(len(refs)), 2))).T
    facts = claims._Facts(refs, side_by_side)
    found = [facts.KINDS[k] if k >= 0 else None for k in facts.clashes(rows, cols).tolist()]
    assert found == [plain(refs[i], refs[j]) for i, j in zip(rows.tolist(), cols.tolist())]
    assert {"places", "actors", "dates", None} <= set(found)
