"""Entities: one per real person, organisation or place, whatever the spelling; never two people as one."""

from __future__ import annotations

import pytest

from newstrace.link.entities import MentionRef, link_entities
from newstrace.settings import Settings


def mentions(*rows):
    """rows: (document, text, label[, described_as]) -> MentionRefs at made-up offsets."""
    out = []
    for n, row in enumerate(rows):
        document, text, label, *rest = row
        out.append(MentionRef(document, n * 100, n * 100 + len(text), text, label, *rest))
    return out


def grouped(refs, **settings):
    entities = link_entities(refs, settings=Settings().with_overrides(**settings))
    return {frozenset(refs[i].text for i in e.mentions) for e in entities}, entities


@pytest.mark.parametrize("name, variant, note", [
    ("Ramzan Kadyrov", "Razman Kadyrov", "probable misspelling"),  # letters transposed
    ("Tomas Veradin", "Tomas Veradinn", "probable misspelling"),  # letter doubled
    ("Novaya Gazeta", "Novoya Gazeta", "probable misspelling"),  # one vowel for another, inside
    ("Thomas Veradin", "Tomas Veradin", "probable misspelling"),  # letter dropped inside
    ("Tomas Veradin", "President Tomas Veradin", "title"),
    ("Dmitry Alushkin", "Dmitri Alushkin", "transliteration variant"),
    ("Alexei Artemyev", "Aleksei Artemiev", "transliteration variant"),
])
def test_variants_merge_into_the_most_frequent_spelling_with_a_note(name, variant, note):
    refs = mentions((0, name, "PERSON"), (1, name, "PERSON"), (2, variant, "PERSON"))
    groups, [entity] = grouped(refs)
    assert entity.name == name
    assert [(v.text, v.count, v.documents, v.note) for v in entity.variants] == [(variant, 1, [2], note)]


@pytest.mark.parametrize("a, b", [
    ("John Smith", "Joan Smith"),  # short first names: different people
    ("Maria Rossi", "Mario Rossi"),  # a last letter changes the name
    ("Anna Kowalski", "Anna Nowak"),
    ("Russia", "Prussia"),  # a first letter more is another name
    ("Kessel Valley", "Kessel Courier"),
])
def test_different_names_stay_apart(a, b):
    refs = mentions((0, a, "PERSON"), (1, b, "PERSON"))
    groups, _ = grouped(refs)
    assert len(groups) == 2


def test_one_article_writing_both_forms_keeps_them_apart_unless_it_is_a_typing_slip():
    groups, _ = grouped(mentions((0, "Thomas Veradin", "PERSON"), (0, "Tomas Veradin", "PERSON")))
    assert len(groups) == 2  # a dropped letter, side by side: maybe two people
    groups, _ = grouped(mentions((0, "Ramzan Kadyrov", "PERSON"), (0, "Razman Kadyrov", "PERSON")))
    assert len(groups) == 1  # a transposition is a slip of the keyboard


def test_a_surname_joins_the_one_full_name_it_ends_in_its_own_document_first():
    refs = mentions((0, "Dana Holt", "PERSON"), (0, "Holt", "PERSON"),
                    (1, "Peter Holt", "PERSON"), (1, "Holt", "PERSON"))
    groups, entities = grouped(refs)
    assert len(groups) == 2
    dana = next(e for e in entities if e.name == "Dana Holt")
    assert [refs[i].document for i in dana.mentions] == [0, 0]
    assert dana.variants[0].note == "surname only"


def test_a_surname_shared_by_two_people_in_the_coverage_stays_apart():
    refs = mentions((0, "Dana Holt", "PERSON"), (1, "Peter Holt", "PERSON"), (2, "Holt", "PERSON"))
    groups, _ = grouped(refs)
    assert frozenset({"Holt"}) in groups


def test_a_place_and_an_office_stay_apart():
    groups, _ = grouped(mentions((0, "Chechnya", "GPE"), (1, "Chechen", "NORP"), (1, "Chechen Republic", "GPE")))
    assert len(groups) == 3


def test_organisation_short_forms_and_initials():
    refs = mentions((0, "Human Rights Watch", "ORG"), (1, "HRW", "ORG"),
                    (2, "Amnesty International", "ORG"), (3, "Amnesty", "ORG"),
                    (4, "the Kessel Courier", "ORG"), (4, "Courier", "ORG"))
    groups, entities = grouped(refs)
    assert groups == {frozenset({"Human Rights Watch", "HRW"}), frozenset({"Amnesty International", "Amnesty"}),
                      frozenset({"the Kessel Courier", "Courier"})}
    notes = {v.text: v.note for e in entities for v in e.variants}
    assert notes == {"HRW": "acronym", "Amnesty": "short form", "Courier": "short form"}


def test_an_organisation_named_by_the_first_or_last_words_of_its_name():
    """"Harbour Security" is the Department of Harbour Security; words that are not a kind of
    body ("Another …"), words after the name ("… Times") and a short name that two longer
    ones share keep them apart."""
    refs = mentions((0, "Department of Harbour Security", "ORG"), (1, "Harbour Security", "ORG"),
                    (2, "Another Transport Ministry", "ORG"), (3, "Transport Ministry", "ORG"),
                    (4, "Vella Freedom Times", "ORG"), (5, "Vella Freedom", "ORG"),
                    (6, "Ministry of Fisheries", "ORG"), (7, "Office of Fisheries", "ORG"), (8, "Fisheries", "ORG"),
                    (9, "Council for Coastal Fisheries", "ORG"), (10, "Agency for Coastal Fisheries", "ORG"),
                    (11, "Coastal Fisheries", "ORG"))
    groups, entities = grouped(refs)
    assert frozenset({"Department of Harbour Security", "Harbour Security"}) in groups
    for alone in ("Transport Ministry", "Vella Freedom", "Coastal Fisheries"):
        assert frozenset({alone}) in groups
    notes = {v.text: v.note for e in entities for v in e.variants}
    assert notes == {"Harbour Security": "short form"}


def test_a_middle_initial_is_the_same_person_unless_two_initials_share_the_name():
    refs = mentions((0, "Dana R. Holt", "PERSON"), (1, "Dana Holt", "PERSON"),
                    (2, "Ivo A. Brandt", "PERSON"), (3, "Ivo B. Brandt", "PERSON"), (4, "Ivo Brandt", "PERSON"))
    groups, entities = grouped(refs)
    assert frozenset({"Dana R. Holt", "Dana Holt"}) in groups
    assert [(v.text, v.note) for e in entities if e.name == "Dana R. Holt" for v in e.variants] == [
        ("Dana Holt", "middle initial")]
    assert {frozenset({"Ivo A. Brandt"}), frozenset({"Ivo B. Brandt"}), frozenset({"Ivo Brandt"})} <= groups


def test_a_newspaper_tagged_as_a_person_is_an_organisation():
    refs = mentions((0, "Novaya Gazeta", "PERSON"), (1, "Civic Lens", "PERSON", "blog"),
                    (2, "Anna Kowalski", "PERSON"))
    _, entities = grouped(refs)
    assert {e.name: e.type for e in entities} == {"Novaya Gazeta": "ORG", "Civic Lens": "ORG",
                                                  "Anna Kowalski": "PERSON"}


def test_users_can_forbid_force_or_turn_off_merging():
    refs = mentions((0, "Tomas Veradin", "PERSON"), (1, "Tomas Vreadin", "PERSON"),
                    (2, "Ilya Morenko", "PERSON"), (3, "Morenko", "PERSON"))
    groups, _ = grouped(refs, entity_never_merge=[["Tomas Veradin", "Tomas Vreadin"]])
    assert len(groups) == 4 - 1  # Morenko still joins Ilya Morenko
    groups, _ = grouped(refs, entity_always_merge=[["Tomas Veradin", "Ilya Morenko"]])
    assert frozenset({"Tomas Veradin", "Tomas Vreadin", "Ilya Morenko", "Morenko"}) in groups
    groups, _ = grouped(refs, entity_merge=False)
    assert len(groups) == 4


def test_the_dossier_merges_across_articles_and_flags_conflicting_affiliations(analyse):
    result = analyse({
        "a.txt": "Harbour talks\n\nPress attaché Ivo Brandt of the Selmer Embassy in Lisbon said the "
                 "harbour would reopen on Monday. Brandt did not say when the ferries would sail again.\n",
        "b.txt": "Ferries wait\n\nIvo Brant, a clerk at the port authority in Tarn, told reporters that the "
                 "ferries were waiting outside the wall all week.\n",
        "c.txt": "Selmer council\n\nThe Selmer leader Mira Castel opened the council on Friday. The Selmer leader "
                 "said the harbour tax would go.\n",
    })
    dossier = result.dossier
    [brandt] = [e for e in dossier["entities"] if e["name"] == "Ivo Brandt"]
    assert {v["text"]: v["note"] for v in brandt["variants"]} == {"Brandt": "surname only",
                                                                  "Ivo Brant": "probable misspelling"}
    assert "Press attaché" in brandt["roles"]
    [flag] = [f for f in dossier["flags"] if f["kind"] == "affiliation_conflict"]
    assert flag["entity"] == brandt["id"] and len(flag["documents"]) == 2
    [castel] = [e for e in dossier["entities"] if e["name"] == "Mira Castel"]
    assert {v["text"]: v["note"] for v in castel["variants"]} == {"The Selmer leader": "title"}


@pytest.fixture(scope="module")
def nlp(settings):
    from newstrace.nlp.models import load_spacy

    return load_spacy(settings.spacy_model)


@pytest.mark.parametrize("text, role, affiliation", [
    ("Press attaché Ivo Brandt of the Selmer Embassy in Lisbon spoke.", "Press attaché", "the Selmer Embassy in Lisbon"),
    ("Ivo Brandt, a clerk at the port authority in Tarn, spoke.", "a clerk at the port authority in Tarn",
     "the port authority in Tarn"),
    ("Tanya Lokshina, the Russia program director at Human Rights Watch, wrote.",
     "the Russia program director at Human Rights Watch", "Human Rights Watch"),
    ("The dam's builder, the state energy company Valgrid, said nothing.", "the state energy company", None),
    # a title the tagger took for an organisation is no body he speaks for
    ("The letter from Press Attache Ivan Lutz began with a denial.", "Press Attache", None),
])
def test_roles_and_affiliations_from_titles_appositions_and_of_phrases(nlp, text, role, affiliation):
    from newstrace.nlp.entities import entity_roles

    found = entity_roles(nlp(text))
    assert (role, affiliation) in [(r.text, r.affiliation) for r in found]
    assert all(text[r.start:r.end] == r.text for r in found)


def test_a_surname_the_tagger_missed_is_still_a_mention(nlp):
    from newstrace.nlp.entities import entity_mentions

    text = "Dana Holt runs the group. “Families have been told nothing,” Holt said."
    found = entity_mentions(nlp(text))
    assert [(m.text, m.label) for m in found if "Holt" in m.text] == [("Dana Holt", "PERSON"), ("Holt", "PERSON")]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_a_name_never_spans_a_gap_in_the_copy(nlp):
    """A picture credit glued to the next sentence by a run of spaces is a name of its own; a
    hard-wrapped line break inside a name is no gap."""
    from newstrace.nlp.attribution import phrase
    from newstrace.nlp.entities import entity_mentions

    text = "UK Courier  Port Vella Gazette said the harbour office had closed."
    doc = nlp(text)
    found = entity_mentions(doc)
    assert "Port Vella Gazette" in [m.text for m in found]
    assert not any("  " in m.text for m in found)
    assert all(text[m.start:m.end] == m.text for m in found)
    said = next(t for t in doc if t.lemma_ == "say")
    subject = next(t for t in said.children if t.dep_ == "nsubj")
    assert phrase(subject).text == "Port Vella Gazette"
    wrapped = "The statement came from Ada\nVarga on Monday."
    assert "Ada\nVarga" in [m.text for m in entity_mentions(nlp(wrapped))]


def test_untagged_names_are_found_longest_first_as_an_alternation_would():
    import re

    from newstrace.link.missed_names import longest_first

    names = ["Ann", "Ann Lee", "Ann Leeds", "Lee-Ann", "O'Brien", "Lee"]
    text = "Ann Leeds-x met Ann Lee, Ann Leeds and Lee-Ann O'Brien. Ann (Lee) Annex"
    alternation = "(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"
    found = [[m.group() for m in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text)]
             for pattern in (alternation, longest_first(names))]
    assert found[0] == found[1] == ["Ann", "Ann Lee", "Ann Leeds", "Lee-Ann", "O'Brien", "Ann", "Lee"]


def test_names_are_matched_only_where_a_word_starts():
    import re

    from newstrace.link.missed_names import _starting_words, longest_first

    names = ["Ann Lee", "Lee Ann", "Ann"]
    text = "xAnn Lee Ann, -Ann Lee, _Ann; Ann Lee Ann Leeds Ann"
    with_lookbehind = re.compile(r"(?<![\w-])" + longest_first(names) + r"(?![\w-])")
    expected = [m.span() for m in with_lookbehind.finditer(text)]
    found = [m.span() for m in _starting_words(re.compile(longest_first(names) + r"(?![\w-])"), text)]
    assert found == expected
    assert [text[a:b] for a, b in found] == ["Lee Ann", "Ann Lee", "Ann", "Ann"]


def test_spelling_pairs_come_from_the_index_as_from_every_pair():
    """The index pairs only forms whose indexed words differ, so a crowd sharing a first name
    is not paired off; it still finds every pair that comparing all pairs finds."""
    from itertools import combinations

    from newstrace.link.entities import _spelling_pairs
    from newstrace.link.spelling import same_name

    crowd = [f"milan {surname}" for surname in ("holt", "veradin", "morenko", "slovan", "castell", "brandt")]
    keys = sorted({*crowd, "milan hlot", "milan veradinn", "millan brandt", "dimitri morenko", "dmitry morenko",
                   "milan castelli", "milan kastell", "aleksei slovan", "alexei slovan", "tomas veradin",
                   "thomas veradin", "milan morneok", "milan slovakia", "ana kessel courier",
                   "ana kessel currier", "ana kesel courier"})
    every_pair = sorted((a, b) for a, b in combinations(keys, 2)
                        if len(a.split()) == len(b.split()) and same_name(a.split(), b.split()))
    assert _spelling_pairs(keys) == every_pair
    assert {("milan morenko", "milan morneok"), ("milan brandt", "millan brandt"),
            ("ana kessel courier", "ana kessel currier")} <= set(every_pair)


def test_taken_spans_say_whether_a_span_overlaps_as_a_walk_over_them_would():
    import random

    from newstrace.link.missed_names import _Spans

    rng = random.Random(2)
    for _ in range(200):
        spans = [(a, a + rng.randint(0, 12)) for a in rng.sample(range(100), rng.randint(0, 8))]
        taken = _Spans(spans[:3])
        for span in spans[3:]:  # some added in order, some not
            taken.add(span)
        for start in range(0, 110, 3):
            end = start + rng.randint(1, 9)
            assert taken.overlaps(start, end) == any(a < end and start < b for a, b in spans)
