"""Headlines are analysed like bodies: quotes, claims, names and loaded language in a title,
with spans that say they point into it (``field: "title"``). All coverage here is fictional."""

from __future__ import annotations

import json

import pytest

from newstrace.link.entities import MentionRef, link_entities
from newstrace.model import Document, Extraction, LoadedTerm
from newstrace.nlp.doc_text import cased_like_body
from newstrace.render import render
from newstrace.texts import headline

COVERAGE = {
    "harbour-herald.txt": (
        'Mayor Lutz: "Our harbour stays open"\n\n'
        "PORT VELLA, 4 May 2026 - Fishermen blockaded the harbour of Port Vella on Monday. "
        '"Our harbour stays open to every boat," Mayor Anton Lutz told reporters on Monday evening.\n\n'
        "Police detained 40 fishermen at the harbour on Tuesday, the fishermen's union said.\n"),
    "coast-courier.txt": (
        "Brutal crackdown: police detain 40 fishermen in Port Vella\n\n"
        "PORT VELLA, 5 May 2026 - Police detained 40 fishermen in Port Vella on Tuesday, "
        "the fishermen's union said.\n"),
}


@pytest.fixture
def headlines_dossier(analyse):
    return analyse(COVERAGE).dossier  # the fixture checks the schema and every offset, titles' included


def _doc_id(dossier, name: str) -> str:
    return next(d["id"] for d in dossier.documents if d["source"].endswith(name))


def _title_of(dossier, record: dict) -> str:
    return dossier.document(record["document"])["title"][record["start"]:record["end"]]


def test_a_headline_quote_is_given_to_the_name_before_its_colon_and_joins_the_body_quote(headlines_dossier):
    d = headlines_dossier
    [title_quote] = [q for q in d["quotes"] if q["field"] == "title"]
    assert title_quote["document"] == _doc_id(d, "harbour-herald.txt")
    assert title_quote["content"] == "Our harbour stays open"
    assert _title_of(d, title_quote) == title_quote["text"]
    assert (title_quote["speaker"]["text"], title_quote["speaker"]["basis"]) == ("Mayor Lutz", "label")
    body_quote = next(q for q in d["quotes"] if q["field"] == "text" and "every boat" in q["content"])
    assert title_quote["cluster"] == body_quote["cluster"] is not None
    cluster = next(c for c in d["quote_clusters"] if c["id"] == body_quote["cluster"])
    assert cluster["documents"] == [title_quote["document"]]  # one article, named once


def test_a_headline_claim_joins_the_bodies_claim_and_adds_no_source_of_its_own(headlines_dossier):
    d = headlines_dossier
    courier = _doc_id(d, "coast-courier.txt")
    claim = next(c for c in d["claims"] if any(m["field"] == "title" for m in c["mentions"])
                 and c["predicate"] == "detain")
    fields = {(m["document"], m["field"]) for m in claim["mentions"]}
    assert (courier, "title") in fields and (courier, "text") in fields
    assert (_doc_id(d, "harbour-herald.txt"), "text") in fields
    assert claim["documents"].count(courier) == 1
    [title_mention] = [m for m in claim["mentions"] if m["field"] == "title"]
    assert title_mention["origin"] is None
    assert title_mention["not_counted"] == "the headline of an article whose body reports it"
    assert title_mention["source_path"].startswith(f"{courier}'s headline → ")
    assert _title_of(d, title_mention) == title_mention["text"]
    assert "headline" not in claim["statement"].lower() and not claim["statement"].startswith("Brutal")


def test_loaded_words_and_names_in_a_headline_point_into_the_title(headlines_dossier):
    d = headlines_dossier
    courier = _doc_id(d, "coast-courier.txt")
    [flag] = [f for f in d["flags"] if f["kind"] == "loaded_language" and f["field"] == "title"]
    assert (flag["document"], flag["text"]) == (courier, "Brutal crackdown")
    assert "in the headline" in flag["detail"]
    place = next(e for e in d["entities"] if e["name"] == "Port Vella")
    title_mentions = [m for m in place["mentions"] if m["field"] == "title"]
    assert [m["document"] for m in title_mentions] == [courier]
    assert all(_title_of(d, m) == m["text"] for m in title_mentions)
    assert len(place["documents"]) == len(set(place["documents"]))


def test_reports_and_annotations_show_where_a_span_is_a_headlines(headlines_dossier):
    d = headlines_dossier
    page = render(d, "html")
    assert '<p class="headline"><span class="muted">Headline:</span> <span class="hl' in page
    assert "(headline)" in page
    assert "(headline)" in render(d, "md")
    annotations = json.loads(render(d, "annotations"))["first"]["items"]
    on_titles = [a for a in annotations if a["target"]["selector"][0]["exact"] == "Brutal crackdown"]
    assert on_titles and all(len(a["target"]["selector"]) == 1 for a in on_titles)  # no position in the text


def test_a_title_the_body_opens_with_is_read_once_in_the_body():
    assert headline(Document(source="a", text="Fire in Selmer\n\nThe depot burned.", title="Fire in Selmer")) is None
    assert headline(Document(source="a", text="The depot burned.", title="  ")) is None
    assert headline(Document(source="a", text="The depot burned.")) is None
    assert headline(Document(source="a", text="The depot burned.", title="Fire in Selmer")) == "Fire in Selmer"


def test_a_headlines_extraction_is_kept_with_its_article():
    inner = Extraction(key="title:k", loaded=(LoadedTerm(0, 6, "emotive", "brutal"),))
    extraction = Extraction(key="k", title=inner)
    assert Extraction.from_dict(json.loads(json.dumps(extraction.to_dict()))) == extraction
    assert Extraction.from_dict({"key": "k", "entities": []}).title is None  # stored before headlines were read


def test_a_headlines_capitals_do_not_decide_what_a_name_is_where_a_body_gives_it():
    body = [MentionRef(0, 0, 5, "Dravo", "GPE")]
    titles = [MentionRef(1, 11, 16, "Dravo", "ORG"), MentionRef(2, 11, 16, "Dravo", "ORG")]
    [entity] = link_entities(body + titles, headlines=frozenset({1, 2}))
    assert entity.type == "GPE"
    [only_titles] = link_entities(titles, headlines=frozenset({1, 2}))
    assert only_titles.type == "ORG"  # no body names it: the headline's label is all there is


@pytest.mark.parametrize("title, cased", [
    ("Selmer Mayor Concludes There Are No Victims In The Port Vella Fire",
     "Selmer mayor concludes there are no victims in the Port Vella fire"),
    ("UN Says Port Vella Police Must Act", "UN says Port Vella police must act"),  # an acronym the body never writes
    ("Police detain 40 fishermen in Port Vella", "Police detain 40 fishermen in Port Vella"),  # sentence case: names
])
def test_a_title_case_headline_is_parsed_as_its_body_cases_its_words(title, cased):
    body = ("PORT VELLA - The mayor of Selmer said the police found no victims after the fire in Port Vella. "
            "Fishermen say there are more.")
    assert cased_like_body(title, body) == cased
    assert len(cased_like_body(title, body)) == len(title)  # one for one: every offset holds


def test_a_headline_that_opens_with_a_name_and_a_colon_gives_its_claim_to_that_name(analyse):
    d = analyse({"wire.txt": "Mayor Lutz: Police detained 40 fishermen in Port Vella\n\n"
                             "PORT VELLA, 5 May 2026 - Fishermen blockaded the harbour on Monday, and police "
                             "took some away, Mayor Anton Lutz said.\n"}).dossier
    [mention] = [m for c in d["claims"] for m in c["mentions"] if m["field"] == "title"]
    assert (mention["attributed_to"], mention["source_kind"]) == ("Mayor Lutz", "named_person")
    assert _title_of(d, {**mention["source"], "document": mention["document"]}) == "Mayor Lutz"


def test_a_name_and_a_colon_on_a_later_line_is_no_source_of_what_follows(analyse):
    d = analyse({"notes.txt": "Harbour notes\n\nFishermen blockaded the harbour on Monday.\n\n"
                              "Mayor Lutz: Police detained 40 fishermen in Port Vella.\n"}).dossier
    detained = [m for c in d["claims"] for m in c["mentions"] if m["predicate"]["lemma"] == "detain"]
    assert detained and all(m["attributed_to"] is None for m in detained)
