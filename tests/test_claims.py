"""Claims: counts as reports word them, stance and source, clusters, independence, conflicts."""

from __future__ import annotations

import numpy as np
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


@pytest.mark.parametrize("text, category, stance, source, count", [
    ("More than 60 activists have been detained in the depot.", "detention", "asserts", None, "More than 60"),
    ("At least three of them have been killed, the Courier said.", "death", "reports", "the Courier", "At least three"),
    ("Two detainees died in custody, according to Open Rivers Watch.", "death", "reports", "Open Rivers Watch", "Two"),
    ("The embassy dismissed reports that up to 60 protesters are held in a depot.", "detention", "denies",
     "The embassy", "up to 60"),
    ("No one is detained there.", "detention", "denies", None, None),
    ("Neither the mayor nor her deputy was detained in Port Vella.", "detention", "denies", None, None),
    ("Neither of the fishermen was detained, the harbour office said.", "detention", "denies", "the harbour office",
     None),
    ("The men were allegedly beaten by guards.", "torture", "questions", None, None),
    # events named by a noun that carries arguments of its own
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
    ("Police denied the arrest of journalist Ivan Petrov.", "detention", "denies", "Police", None),
    ("Petrov's arrest was confirmed by his lawyer.", "detention", "reports", "his lawyer", None),
    ("Police released 40 protesters on Friday.", "release", "asserts", None, "40"),
    ("Three journalists were held overnight.", "detention", "asserts", None, "Three"),
    ("The rally ended when 12 people were shot and killed by guards.", "death", "asserts", None, "12"),
    ("Two families who fled the valley reached the border.", "flight", "asserts", None, None),
    ("Hundreds of families fled the fighting.", "flight", "asserts", None, "Hundreds"),
    ("The journalist was taken hostage in March.", "detention", "asserts", None, None),
    # what someone believes is theirs, hedged (PolNeAR counts a belief's holder as its source)
    ("Activists believe that 40 men were killed.", "death", "questions", "Activists", "40"),
    # a reporting verb's subject after what it reports
    ("Forty fishermen were detained at the port, the harbour office said.", "detention", "reports", "the harbour office",
     "Forty"),
    # the subject of a passive reporting verb is what is told, not who tells it
    ("Twelve prisoners are said to have been beaten by guards.", "torture", "reports", None, "Twelve"),
    ("Hundreds of men are reported to have been detained.", "detention", "reports", None, "Hundreds"),
    ("It is reported that 40 protesters were detained in Dravo.", "detention", "reports", None, "40"),
    # an impersonal subject names no one; a pronoun keeps the clause that says who it is
    ("It says that 40 protesters were detained.", "detention", "reports", None, "40"),
    ("Those who escaped said 40 men were detained in one hall.", "detention", "reports", "Those who escaped", "40"),
    # a document is its writer's word where the text names the writer (issue 25), else its own
    ("Open Rivers Watch sent a letter to the council.\n\nThe letter says 40 protesters were detained in Dravo.",
     "detention", "reports", "Open Rivers Watch", "40"),
    ("The council's statement says 40 protesters were detained in Dravo.", "detention", "reports", "The council",
     "40"),
    ("An unsigned note says 40 protesters were detained in Dravo.", "detention", "reports", "An unsigned note",
     "40"),
])
def test_claim_mentions_of_the_old_kinds_keep_stance_source_and_count(nlp, text, category, stance, source, count):
    from newstrace.nlp.claims import claim_mentions

    m = next(m for m in claim_mentions(nlp(text)) if m.category == category)
    assert (m.stance, m.attributed_to) == (stance, source)
    assert (m.quantity[4] if m.quantity else None) == count
    if m.source:
        assert text[slice(*m.source)] == source


@pytest.mark.parametrize("text, lemma, kind", [
    # events of any kind, verbal or nominal
    ("An earthquake struck the port city of Varna on Tuesday.", "strike", "event"),
    ("A court in Marvel sentenced the editor to five years.", "sentence", "event"),
    ("The board fired the chief executive on Monday.", "fire", "event"),
    ("Rebels seized the dam after a two-day assault.", "seize", "event"),
    ("The ministry issued a press release on Monday.", "issue", "event"),
    ("Tuesday's earthquake in Varna destroyed the old bridge.", "earthquake", "event"),
    ("The company launched its new phone in Lisbon.", "launch", "event"),
    # states and identities that can be disputed
    ("The building is a storeroom, the embassy said.", "storeroom", "state"),
    ("Anna Holt is a member of the Civic Forum.", "member", "state"),
    ("Two of the journalists are dead.", "dead", "state"),
    # quantities stated as fact
    ("At least six secret prisons are in use.", "in use", "quantity"),
    ("Unemployment fell to 4.1% in March.", "fall", "quantity"),
    ("The council let the ferry sail on Monday.", "let", "event"),
    ("The ferry was going to Port Vella when it sank.", "go", "event"),
    ("The death toll rose to 61 on Tuesday.", "death", "quantity"),
])
def test_claims_in_any_domain(nlp, text, lemma, kind):
    from newstrace.nlp.claims import claim_mentions

    found = [(m.lemma, m.kind) for m in claim_mentions(nlp(text))]
    assert (lemma, kind) in found


@pytest.mark.parametrize("text", [
    "Were any protesters arrested?",  # a question
    "Officials should be held accountable.",  # advice
    "Police may have detained dozens.",  # conjecture
    "The decision is outrageous.",  # opinion
    "The dam is expected to flood eleven villages.",  # prediction
    "Release the prisoners now.",  # an imperative
    "If the army attacks, the villagers will flee.",  # a condition
    "Those who spread lies will answer for them.",  # no one in particular
    "Let's wait for the inquiry, Castel said.",  # a proposal
    "The storm is going to flood the harbour.",  # a prediction, "going to"
    "They're gonna close the depot.",
])
def test_what_is_no_claim(nlp, text):
    from newstrace.nlp.claims import claim_mentions

    assert claim_mentions(nlp(text)) == ()


@pytest.mark.parametrize("text, lemmas", [
    ("It emerged last week that the harbour office had detained 40 men.", ["detain"]),
    ("It turned out that the depot was closed in March.", ["close"]),
    ("Back in March, it emerged via the Courier that 40 men had been detained in Dravo.", ["detain"]),
    ("It's since emerged that the harbour office was closed.", ["close"]),
    ("It rained in Port Vella on Tuesday.", ["rain"]),  # an "it" with no clause is a claim of its own
    ("The office won't admit that the ferry sank, let alone that anyone drowned.", ["sink", "drown"]),  # no letting
    ("Castel knows that 40 men were detained in Dravo.", ["detain"]),  # what is known is the claim
    ("Castel learned the depot had closed.", ["close"]),
    ("Castel learned Spanish in Dravo.", ["learn"]),  # no clause: a claim of its own
])
def test_a_verb_that_frames_a_clause_is_no_claim(nlp, text, lemmas):
    """"It emerged that …": the clause is the claim, the emerging none (two outlets that write
    "it emerged" about two different facts share no claim)."""
    from newstrace.nlp.claims import claim_mentions

    assert [m.lemma for m in claim_mentions(nlp(text))] == lemmas


@pytest.mark.parametrize("text", ["The ministry released a report on Friday.", "The video was released on Tuesday.",
                                  "The meeting was held in the capital.", "The problem was taken care of.",
                                  "The protest died down by evening.", "The minister escaped charges after the inquiry.",
                                  "The senator fled questions from reporters.", "The death of democracy was mourned.",
                                  "The senator captured three states in the primary."])
def test_the_old_kinds_befall_people(nlp, text):
    """A release of a report is a claim, but not a release of prisoners."""
    from newstrace.nlp.claims import claim_mentions

    assert all(m.category is None for m in claim_mentions(nlp(text)))


def test_a_claim_keeps_its_arguments_with_exact_offsets(nlp):
    from newstrace.nlp.claims import claim_mentions

    text = "Soldiers detained 40 students in Dravo on Tuesday, the Courier said."
    [m] = claim_mentions(nlp(text), published="2026-03-06")
    assert (m.lemma, m.kind, m.tense, m.stance) == ("detain", "event", "past", "reports")
    assert text[slice(*m.predicate)] == "detained"
    assert text[slice(*m.agent)] == "Soldiers" and text[slice(*m.patient)] == "40 students"
    assert [text[slice(*p)] for p in m.places] == ["Dravo"]
    assert text[m.time[0]:m.time[1]] == "Tuesday" and m.time[2:] == ("2026-03-03", "2026-03-03")
    assert text[slice(*m.clause)] == "Soldiers detained 40 students in Dravo on Tuesday"
    assert m.gist == "Soldiers detained 40 students"


def test_nested_claims_and_sources_stay_out_of_a_claims_clause(nlp):
    from newstrace.nlp.claims import claim_mentions

    text = "Police arrested the driver after the crash killed two cyclists, witnesses told reporters."
    mentions = {m.lemma: text[slice(*m.clause)] for m in claim_mentions(nlp(text))}
    assert mentions["arrest"] == "Police arrested the driver"
    assert "killed two cyclists" in mentions["kill"] and "witnesses" not in mentions["kill"]


def test_a_pronoun_argument_keeps_the_person_it_stands_for(nlp):
    from newstrace.nlp.claims import claim_mentions

    text = "Robert Quill was climbing alone on Saturday. He fell about 600 metres."
    fell = next(m for m in claim_mentions(nlp(text)) if m.lemma == "fall")
    assert text[slice(*fell.patient)] == "He"
    assert [(role, text[a:b]) for role, a, b in fell.referents] == [("patient", "Robert Quill")]


def test_a_dateline_is_no_subject(nlp):
    from newstrace.nlp.claims import claim_mentions

    text = "DRAVO, Valdoria, March 3 (Meridian Press Agency) - More than 60 activists have been detained."
    [m] = claim_mentions(nlp(text))
    assert text[slice(*m.patient)] == "More than 60 activists" and m.quantity[4] == "More than 60"


@pytest.mark.parametrize("written, published, days", [
    ("Tuesday", "2026-03-06", ("2026-03-03", "2026-03-03")),  # the last Tuesday on or before
    ("yesterday", "2026-03-06", ("2026-03-05", "2026-03-05")),
    ("last week", "2026-03-06", ("2026-02-23", "2026-03-01")),
    ("last month", "2026-03-06", ("2026-02-01", "2026-02-28")),
    ("early April", "2026-03-06", ("2026-04-01", "2026-04-10")),
    ("12 March", "2026-03-06", ("2026-03-12", "2026-03-12")),
    ("December 30", "2026-01-04", ("2025-12-30", "2025-12-30")),  # months after the article: the year before
    ("March 2017", None, ("2017-03-01", "2017-03-31")),
    ("2007", None, ("2007-01-01", "2007-12-31")),
    ("Tuesday", None, None),  # no publication day to count back from
])
def test_dates_are_placed_against_the_publication_day(written, published, days):
    from newstrace.nlp.dates import date_range, parse_published

    found = date_range(written, parse_published(published))
    assert (None if found is None else tuple(d.isoformat() for d in found)) == days


def ref(document, text, stance="asserts", source=None, published=None, count=None, lemma="detain",
        category="detention", places=(), agents=(), people=(), days=None, kind="event", subject="", time_text=""):
    """A claim mention as linking reads it, with the arguments a test sets."""
    quantity = None
    if count:
        q = parse_quantity(count)
        quantity = (q.value, q.low, q.high, q.qualifier, q.text, None)
    mention = ClaimMention(0, len(text), (0, 1), lemma, kind, stance, source, None, quantity, (0, len(text)),
                           patient=(0, 1) if subject else None, category=category, gist=text)
    return ClaimRef(document, 0, mention, text, published, source, places=frozenset(places),
                    agents=frozenset(agents), participants=frozenset(agents) | frozenset(people),
                    people=frozenset(people), words=frozenset(text.lower().split()), days=days,
                    time_text=time_text, subject=subject, attribute=lemma,
                    day_of_year=None if not days or days[0] != days[1] else date_of_year(days[0]),
                    patient_head=subject.split()[-1].lower() if subject else "")


def date_of_year(ordinal: int) -> tuple[int, int]:
    from datetime import date

    day = date.fromordinal(ordinal)
    return day.month, day.day


def model(**weights):
    """A pair scorer that says what a test means: one predicate, one fact, unless told otherwise."""
    from newstrace.link.claim_pairs import FEATURES, PairModel

    weights = {"same_lemma": 12.0, **weights}
    return PairModel(-6.0, np.array([weights.get(f, 0.0) for f in FEATURES]), 0.5)


LABELS = [f"doc-{n}" for n in range(1, 10)]
OUTLETS = [f"Outlet {n}" for n in range(1, 10)]


def test_four_articles_citing_one_newspaper_are_one_source():
    refs = [ref(0, "Over 100 men were detained in camps", "asserts", None, "2026-04-01", "over 100")] + [
        ref(n, "Over 100 men were detained in camps, Novaya Gazeta reported", "reports", "Novaya Gazeta",
            "2026-04-02", "over 100") for n in range(1, 5)]
    [claim] = cluster_claims(refs, LABELS, {}, OUTLETS, model=model())
    assert set(claim.origins) == {"Outlet 1", "Novaya Gazeta"}  # the first report, then the newspaper
    assert len(claim.origins) == 2


def test_a_later_unsourced_retelling_adds_no_source_and_copies_are_one():
    refs = [ref(0, "Dozens of men were detained", "reports", "Novaya Gazeta", "2026-04-02", "dozens"),
            ref(1, "Dozens of men were detained", "asserts", None, "2026-04-05", "dozens"),
            ref(2, "Dozens of men were detained", "asserts", None, "2026-04-01", "dozens"),
            ref(3, "Dozens of men were detained", "asserts", None, "2026-04-01", "dozens")]
    [claim] = cluster_claims(refs, LABELS, {2: "Wire", 3: "Wire"}, OUTLETS, model=model())
    assert set(claim.origins) == {"Novaya Gazeta", "Wire"}
    assert "after the claim was attributed" in claim.not_counted[1]


def test_different_counts_are_one_claim_with_numeric_conflicts_and_denials():
    refs = [ref(0, "Four men were killed", count="four", lemma="kill", category="death"),
            ref(1, "At least 3 men were killed", count="at least 3", lemma="kill", category="death"),
            ref(2, "Around 40 men were killed", count="around 40", lemma="kill", category="death"),
            ref(3, "No one was killed there", stance="denies", source="The embassy", lemma="kill", category="death")]
    [claim] = cluster_claims(refs, LABELS, {}, OUTLETS, model=model())
    numeric = [c for c in claim.conflicts if c.kind == "numeric"]
    assert {tuple(c.members) for c in numeric} == {(0, 2)}  # "at least 3" fits both four and around 40
    [denial] = [c for c in claim.conflicts if c.kind == "denial"]
    assert denial.members[0] == 3 and "The embassy" in denial.detail
    assert claim.figures["low"] == 3 and claim.figures["compatible"] is False


def test_different_predicates_are_different_claims():
    refs = [ref(0, "100 men were detained", count="100"), ref(1, "3 men were killed", count="3", lemma="kill",
                                                                category="death")]
    assert len(cluster_claims(refs, LABELS, {}, OUTLETS, model=model())) == 2


def test_words_used_alike_compare_by_their_context_vectors():
    """The shipped context table sees two words for one act as close where the bare words'
    vectors need not be; a word the table lacks compares by nothing, not by chance."""
    from newstrace.link.claim_pairs import FEATURES, MentionTable, candidate_pairs, pair_features, predicate_contexts

    contexts = predicate_contexts()
    vectors = contexts.vectors

    def cosine(a, b):
        return float(vectors[contexts.row[a]] @ vectors[contexts.row[b]])

    assert len(contexts.row) == len(vectors) > 1000
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=0.01)
    assert cosine("hit", "strike") > cosine("hit", "resign") + 0.3
    refs = [ref(0, "A storm hit the harbour", lemma="hit", category=None),
            ref(1, "A storm struck the harbour", lemma="strike", category=None),
            ref(2, "A storm blorped the harbour", lemma="blorp", category=None)]
    table = MentionTable(refs, None, frozenset())  # no sentence model: the table alone proposes the pair
    rows, cols = candidate_pairs(table, np.zeros(3, dtype=np.int64))
    assert list(zip(rows.tolist(), cols.tolist())) == [(0, 1)]
    features = pair_features(table, np.array([0, 0]), np.array([1, 2]))
    known, close = FEATURES.index("context_known"), FEATURES.index("context_cosine")
    assert features[:, known].tolist() == [1.0, 0.0]
    assert features[0, close] == pytest.approx(cosine("hit", "strike"), abs=1e-3) and features[1, close] == 0.0
    assert len(cluster_claims(refs[:2], LABELS, {}, OUTLETS, model=model(context_cosine=20.0))) == 1


def test_the_same_predicate_with_other_people_is_another_claim():
    refs = [ref(0, "Ana Rieu was detained", people={"Ana Rieu"}), ref(1, "Rieu was detained", people={"Ana Rieu"}),
            ref(2, "Emil Havel was detained", people={"Emil Havel"})]
    claims = cluster_claims(refs, LABELS, {}, OUTLETS, model=model(people_apart=-20.0))
    assert sorted(c.members for c in claims) == [[0, 1], [2]]


def test_places_clash_unless_the_coverage_writes_them_side_by_side():
    refs = [ref(0, "Harbour police detained forty fishermen in Tarvik", places={"Tarvik"}),
            ref(1, "Harbour police detained forty fishermen in Dravo", places={"Dravo"})]
    assert len(cluster_claims(refs, LABELS, {}, OUTLETS, model=model(places_apart=-20.0))) == 2
    [joined] = cluster_claims(refs, LABELS, {}, OUTLETS, model=model(places_apart=-20.0),
                              side_by_side=frozenset({frozenset({"Tarvik", "Dravo"})}))
    assert joined.conflicts == []
    # Joined anyway (the scorer weighs places little): one claim, with the clash shown.
    [near] = cluster_claims(refs, LABELS, {}, OUTLETS, model=model(places_apart=-1.0))
    [other] = near.conflicts
    assert other.kind == "other" and other.members == [0, 1] and other.detail == "in Tarvik (doc-1) vs in Dravo (doc-2)"


def test_clashing_perpetrators_and_days_are_other_conflicts():
    from datetime import date

    day = date(2026, 3, 2).toordinal()
    refs = [ref(0, "The Coast Guard detained forty fishermen", agents={"Coast Guard"}, days=(day, day),
                time_text="2 March"),
            ref(1, "The Border Service detained forty fishermen", agents={"Border Service"}, days=(day, day),
                time_text="2 March"),
            ref(2, "The Coast Guard detained forty fishermen", agents={"Coast Guard"}, days=(day + 2, day + 2),
                time_text="4 March")]
    [claim] = cluster_claims(refs, LABELS, {}, OUTLETS, model=model())
    assert [c.detail for c in claim.conflicts] == ["by Coast Guard (doc-1) vs by Border Service (doc-2)",
                                                   "on 2 March (doc-1) vs on 4 March (doc-3)",
                                                   "by Border Service (doc-2) vs by Coast Guard (doc-3)"]


def test_what_a_thing_is_disputed_is_a_contradiction():
    refs = [ref(0, "The depot is a prison", lemma="prison", category=None, kind="state", subject="The depot"),
            ref(1, "The depot is a warehouse", lemma="warehouse", category=None, kind="state", subject="The depot",
                stance="reports", source="the embassy"),
            ref(2, "The alleged secret prison is a storeroom", lemma="storeroom", category=None, kind="state",
                subject="The alleged secret prison", stance="reports", source="Dmitry Alushkin")]
    claims = cluster_claims(refs, LABELS, {}, OUTLETS, model=model())
    assert sorted(c.members for c in claims) == [[0, 1], [2]]  # what the depot is: one disputed fact
    details = [c.detail for claim in claims for c in claim.conflicts if c.kind == "contradiction"]
    assert "The depot: “prison” (doc-1) vs “warehouse” (doc-2)" in details
    assert "what is called “The alleged secret prison” is “storeroom”, according to Dmitry Alushkin (doc-3)" in details


def test_a_claims_statement_is_its_clearest_reports_gist_with_where_and_when():
    refs = [ref(0, "Were forty fishermen detained", stance="questions"),
            ref(1, "Police detained forty fishermen", count="forty", places={"Tarvik"}, time_text="Monday night")]
    [claim] = cluster_claims(refs, LABELS, {}, OUTLETS, model=model())
    assert claim.statement == "Police detained forty fishermen — Tarvik — Monday night"


def test_average_linkage_holds_a_group_together_as_a_whole():
    """Three mentions in a chain (a~b, b~c, not a~c) are no claim: one bridging sentence
    never joins two facts."""
    from newstrace.link.groups import average_linkage

    assert average_linkage(3, [0, 1], [1, 2], [0.9, 0.8], 0.5) == [[0, 1], [2]]
    assert average_linkage(3, [0, 1, 0], [1, 2, 2], [0.9, 0.8, 0.7], 0.5) == [[0, 1, 2]]
    assert average_linkage(2, [], [], [], 0.5) == [[0], [1]]


def test_average_linkage_equals_the_plain_algorithm_whatever_order_the_pairs_come_in():
    import random

    from newstrace.link.groups import average_linkage

    rng = random.Random(5)
    for _ in range(20):
        n = rng.randint(2, 12)
        weights = {(i, j): round(rng.random(), 3) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.6}
        pairs = list(weights.items())
        rng.shuffle(pairs)
        found = average_linkage(n, [i for (i, _), _ in pairs], [j for (_, j), _ in pairs], [w for _, w in pairs], 0.4)
        groups = [[i] for i in range(n)]  # the plain algorithm: join the best pair of groups while it clears
        while True:
            best = None
            for x in range(len(groups)):
                for y in range(x + 1, len(groups)):
                    total = sum(weights.get((min(a, b), max(a, b)), 0.0) for a in groups[x] for b in groups[y])
                    average = total / (len(groups[x]) * len(groups[y]))
                    key = (average, -min(groups[x]), -min(groups[y]))
                    if average >= 0.4 and (best is None or key > best[0]):
                        best = (key, x, y)
            if best is None:
                break
            _, x, y = best
            groups[x] = sorted(groups[x] + groups[y])
            del groups[y]
        assert found == sorted(groups)


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
    (("Bristol", "12 March"), ("Bristol", "March 14"), "on 12 March (doc-1) vs on March 14 (doc-2)"),  # as written
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


def test_names_inside_a_text_are_the_names_it_contains():
    """The three-letter index finds exactly what trying every name finds, short names included."""
    import random

    from newstrace.link.sources import names_inside as _names_inside

    rng = random.Random(2)
    names = ["Open Rivers Watch", "Rivers", "UN", "A", "Courier", "The Courier", "Watch", ""]
    names += ["".join(rng.choice("abc ") for _ in range(rng.randint(1, 6))) for _ in range(40)]
    inside = _names_inside(names)
    for text in ["spokesman for Open Rivers Watch", "UN envoy", "of The Courier", ""] + [
            "".join(rng.choice("abc ") for _ in range(rng.randint(0, 30))) for _ in range(300)]:
        assert sorted(inside(text)) == sorted(name for name in names if name in text)




def test_check_never_raises_on_a_text_and_says_why_it_read_none(tmp_path):
    import newstrace

    from newstrace.settings import Settings

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4)
    corners = ["", "   \n\n\t\n", "Share this article", "\x00\x01\x02\x03 \ufffd\ufffd",
               "Dockers walked out. " * 60, str(photo),
               "More than sixty fishermen were detained at the harbour on Monday, the union said."]
    results = newstrace.check("Over 60 fishermen were detained at the harbour", corners,
                              Settings(max_document_chars=1000))
    assert len(results) == len(corners)
    assert [r.document for r in results] == [f"text-{n}" for n in range(1, 6)] + [str(photo), "text-7"]
    for r in results[:3] + results[4:6]:
        assert r.stance == "unrelated" and r.evidence == () and r.notice
    assert "max_document_chars" in results[4].notice and "binary" in results[5].notice
    assert results[6].stance != "unrelated" and results[6].notice is None


def test_a_claim_from_a_cited_document_keeps_the_document_beside_its_writer(nlp):
    from newstrace.nlp.claims import claim_mentions

    text = "Open Rivers Watch sent a letter to the council.\n\nThe letter says 40 protesters were detained in Dravo."
    m = next(m for m in claim_mentions(nlp(text)) if m.category == "detention")
    assert text[slice(*m.source)] == "Open Rivers Watch" and text[slice(*m.source_document)] == "The letter"


@pytest.mark.parametrize("text, lemma, source", [
    # a claim deep inside what a source says is still theirs
    ("Mayor Brandt said the closure of the port made it too costly for the city to keep the mills that grind "
     "the grain farmers bring in from the valley.", "bring", "Mayor Brandt"),
    # "…, she said, …" in passing, mid-sentence
    ("The new dam, Ana Varga said, has flooded three villages.", "flood", "Ana Varga"),
    # a survey or review reports the clause it finds, not what it merely comes upon
    ("A survey by the Lutz Institute found that most farmers had sold their cattle.", "sell",
     "A survey by the Lutz Institute"),
    ("Rescuers found 12 survivors in the rubble.", "find", None),
    # the participle carries on the teller's words; a description of the telling is not them
    ("The minister denied the charge, adding that the guards had beaten no one.", "beat", "The minister"),
    ("The harbour has closed, Selmer said at a rally that drew 3,000 people.", "draw", None),
    ("Councillor Castel accused the police of raiding the newspaper's office.", "raid", "Councillor Castel"),
    # the writer's aside on a name is the writer's, whoever speaks around it
    ("Castel said he would campaign in Dravo, where the mine closed last year.", "close", None),
    # a second act of the teller, a phase of the event and a reason cited are no telling
    ("The minister denied the charge and resigned on Friday.", "resign", None),
    ("Bread prices continue to rise in Kessel.", "rise", None),
    ("The mayor cancelled the rally, citing the storm.", "cancel", None),
    # "according to X" the parse hangs on another clause still names the sentence's source
    ("The ferry sank on Monday and twelve passengers drowned, according to the coast guard.", "sink",
     "the coast guard"),
    # a dateline is no source, with or without a date ("PLACE (Agency) – …")
    ("PORT VELLA (Kessel Radio) – Councillor Mira Castel says that 40 fishermen were detained.", "detain",
     "Councillor Mira Castel"),
    ("PORT VELLA, March 3 (Kessel Radio) - Councillor Mira Castel said 40 fishermen were detained.", "detain",
     "Councillor Mira Castel"),
    # the teller model: who tells a claim, not who takes part in what happened (issue 25)
    ("Forty fishermen were detained after Mayor Lutz closed the port.", "detain", None),
    ("Relatives fear that forty fishermen were detained at the depot.", "detain", "Relatives"),
    ("The harbour office warned that the port would stay closed until March.", "stay", "The harbour office"),
    # a name's relative clause tells what it says; a telling denied tells nothing
    ("Mayor Lutz, who says forty fishermen were detained unlawfully, resigned on Friday.", "detain", "Mayor Lutz"),
    ("Mayor Lutz did not mention reports that forty fishermen were detained.", "detain", None),
])
def test_who_a_claim_comes_from(nlp, text, lemma, source):
    from newstrace.nlp.claims import claim_mentions

    m = next(m for m in claim_mentions(nlp(text)) if m.lemma == lemma)
    assert m.attributed_to == source
    if m.source:
        assert text[slice(*m.source)] == source


@pytest.mark.parametrize("text, lemma, source, kind, pronoun", [
    ("Anna Holt, the mayor of Kessel, spoke on Monday.\n\nShe said 40 protesters were detained in Dravo.",
     "detain", "Anna Holt", "named_person", "She"),
    ('Anna Holt spoke to reporters. "We saw 40 protesters detained," she said, adding that 12 were beaten.',
     "beat", "Anna Holt", "named_person", "she"),
    ("They said 40 protesters were detained.", "detain", None, "pronoun", "They"),  # no name found: no source
    ("Amnesty International said 40 protesters were detained.", "detain", "Amnesty International",
     "named_organisation", None),
    ("Officials said 40 protesters were detained.", "detain", "Officials", "unnamed", None),
    ("It is reported that 40 protesters were detained.", "detain", None, "unnamed", None),
    ("Forty protesters were detained on Monday.", "detain", None, "outlet_own", None),
    ("An unsigned note says 40 protesters were detained in Dravo.", "detain", "An unsigned note", "document", None),
    ("Open Rivers Watch sent a letter to the council.\n\nThe letter says 40 protesters were detained in Dravo.",
     "detain", "Open Rivers Watch", "document", None),
])
def test_a_claims_source_kind_and_the_name_a_pronoun_stands_for(nlp, text, lemma, source, kind, pronoun):
    from newstrace.nlp.claims import claim_mentions
    from newstrace.nlp.quotes import direct_quotes

    doc = nlp(text)
    quotes, _ = direct_quotes(doc, ())
    m = next(m for m in claim_mentions(doc, quotes) if m.lemma == lemma)
    assert (m.attributed_to, m.source_kind) == (source, kind)
    assert (text[slice(*m.source_pronoun)] if m.source_pronoun else None) == pronoun
    if m.source:
        assert text[slice(*m.source)] == source


def test_a_named_sources_kind_is_its_entitys_type():
    from newstrace.link.sources import named_kind

    assert named_kind("named_person", "ORG") == "named_organisation"  # one mention tagged a newspaper a person
    assert named_kind("unnamed", "ORG") == "named_organisation"  # "the newspaper" for the one named before
    assert named_kind("named_organisation", "PERSON") == "named_person"
    assert named_kind("document", "ORG") == "document"
    assert named_kind("pronoun", None) == "pronoun"


@pytest.mark.parametrize("text, kind, entity", [
    ("Open Rivers Watch spoke. The newspaper said 40 were held.", "unnamed", "Open Rivers Watch"),
    # a name the tagger missed is its own origin, not the body named before it
    ("Open Rivers Watch spoke. The Kessel Post said 40 were held.", "named_organisation", "Kessel Post"),
    ("Open Rivers Watch spoke. Officials said 40 were held.", "unnamed", None),
    ("Open Rivers Watch spoke. Mr Lutz said 40 were held.", "named_person", "Lutz"),  # as entity names are
    ("Open Rivers Watch spoke. Two Selmers said 40 were held.", "named_person", None),  # no name
])
def test_the_entity_a_source_stands_for(text, kind, entity):
    from types import SimpleNamespace

    from newstrace.link.sources import source_entity

    start = text.index(". ") + 2
    source = (start, text.index(" said"))
    mention = SimpleNamespace(source=source, source_kind=kind)
    assert source_entity(mention, text, [(0, 17, "Open Rivers Watch", "ORG")]) == entity


@pytest.mark.parametrize("text, source, via", [
    ("The Kessel Courier, citing two officials, reported that 40 protesters were detained.", "two officials",
     "The Kessel Courier"),
    ("According to the Kessel Courier, officials said 40 protesters were detained.", "officials",
     "the Kessel Courier"),
    ("Officials said 40 protesters were detained.", "Officials", None),
])
def test_who_passed_a_claim_on_is_kept_beside_its_source(nlp, text, source, via):
    from newstrace.nlp.claims import claim_mentions

    m = next(m for m in claim_mentions(nlp(text)) if m.lemma == "detain")
    assert m.attributed_to == source
    assert (text[slice(*m.source_via)] if m.source_via else None) == via


def test_an_unnamed_source_counts_as_whoever_passed_it_on():
    from dataclasses import replace

    a = replace(ref(0, "Two officials told the Courier 40 were detained.", "reports", None, "2024-03-02"),
                via_name="Kessel Courier")
    b = replace(ref(1, "Forty were detained, the Courier said, citing officials.", "reports", None, "2024-03-02"),
                via_name="Kessel Courier")
    c = ref(2, "Open Rivers Watch said 40 were detained.", "reports", "Open Rivers Watch", "2024-03-02")
    claims = cluster_claims([a, b, c], ["d0", "d1", "d2"], {}, ["Outlet A", "Outlet B", "Outlet C"])
    assert len(claims) == 1 and sorted(claims[0].origins) == ["Kessel Courier", "Open Rivers Watch"]


def test_a_pronoun_no_name_is_found_for_is_no_source_and_the_dossier_says_so(analyse):
    d = analyse({"note.txt": "Harbour note\n\nThey said 40 fishermen were detained in Port Vella on Monday.\n"}).dossier
    [m] = [m for c in d["claims"] for m in c["mentions"] if m["predicate"]["lemma"] == "detain"]
    assert (m["attributed_to"], m["source"], m["source_kind"]) == (None, None, "pronoun")
    assert m["source_pronoun"]["text"] == "They"
    assert m["source_path"].endswith("→ cites “They”, no name found")
    assert m["stance"] == "reports"


def test_the_teller_model_reads_named_features_and_accepts_a_reporting_verbs_subject(nlp):
    from newstrace.nlp.attribution import source_of
    from newstrace.nlp.tellers import teller_model

    model = teller_model()
    assert 0 < model.threshold < 1 and model.weights
    doc = nlp("Police said forty fishermen were detained at the port.")
    asked = []
    source_of(doc[5], lambda teller, features: asked.append((teller.text, features)) or False)
    [(teller, features)] = asked  # the one verb above with a subject: "said"
    assert teller == "Police" and "reporting" in features and "lemma=say" in features
    assert model.accepts(features) and source_of(doc[5]).source.text == "Police"


def test_a_typographic_apostrophe_is_read_as_the_plain_one(nlp):
    """The model learned "we're", not "we’re" (it made a verb "’re" of it); a closing quote
    mark stays as it is, and every offset holds."""
    from newstrace.nlp.claims import claim_mentions
    from newstrace.nlp.doc_text import keep_text, parsing_text

    text = "We’re vigilant in the harbour, Castel said. ‘The depot’s workers’ closed it."
    parsed = parsing_text(text)
    assert len(parsed) == len(text) and parsed.startswith("We're") and "depot's workers’ closed" in parsed
    lemmas = [m.lemma for m in claim_mentions(keep_text(nlp(parsed), text))]
    assert "’re" not in lemmas and "close" in lemmas


def test_only_a_voice_of_a_body_counts_as_the_body():
    """A spokeswoman speaks for her group; a member of a senate or an astronomer at a
    university speaks for themselves (two senators are two sources, not one senate)."""
    from types import SimpleNamespace as N

    from newstrace.link.sources import affiliations

    entities = [N(name="Dana Holt", type="PERSON"), N(name="Ivo Brandt", type="PERSON"),
                N(name="Lena Marek", type="PERSON"), N(name="Open Rivers Watch", type="ORG"),
                N(name="Vella Senate", type="ORG"), N(name="Kessel University", type="ORG")]
    roles = [N(entity=0, role=N(text="a spokeswoman for Open Rivers Watch", affiliation="Open Rivers Watch")),
             N(entity=1, role=N(text="a member of the Vella Senate", affiliation="the Vella Senate")),
             N(entity=2, role=N(text="an astronomer at Kessel University", affiliation="Kessel University"))]
    assert affiliations(N(entities=entities, roles=roles)) == {"Dana Holt": "Open Rivers Watch"}


def test_a_quote_counts_toward_the_speaker_most_versions_give():
    """The reference version (the earliest) gave the words to the outlet that carried them;
    two later versions give them to the councillor: the councillor said them."""
    from types import SimpleNamespace as N

    from newstrace.link.sources import quote_speakers

    said_by = ["Kessel Courier", "Mira Castel", "Mira Castel"]
    documents = [N(key=k) for k in range(3)]
    extractions = {k: N(quotes=[N(speaker=N(start=0, end=5, head=said_by[k]))]) for k in range(3)}
    names = sorted(set(said_by))
    layer = N(entities=[N(name=n) for n in names], entity_named=lambda d, a, b, head: names.index(head))
    refs = [N(document=k, index=0) for k in range(3)]
    speakers = quote_speakers(documents, extractions, layer, refs, [N(members=[0, 1, 2], reference=0)])
    assert set(speakers.values()) == {"Mira Castel"}
