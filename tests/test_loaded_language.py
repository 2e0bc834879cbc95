"""Loaded language: words in an article's own voice that judge rather than report."""

from __future__ import annotations

import pytest

from newstrace.nlp.loaded_language import loaded_language
from newstrace.nlp.quotes import direct_quotes


@pytest.fixture(scope="module")
def nlp(settings):
    from newstrace.nlp.models import load_spacy

    return load_spacy(settings.spacy_model)


def _found(nlp, text):
    doc = nlp(text)
    quotes, _ = direct_quotes(doc, ())
    return [(text[t.start:t.end], t.kind) for t in loaded_language(doc, quotes)]


@pytest.mark.parametrize("text, expected", [
    ("The governor's thuggish regime answered with a monstrous crackdown.",
     [("thuggish regime", "emotive"), ("monstrous crackdown", "emotive")]),
    ("Guards held the men in a dungeon below the depot.", [("dungeon", "sensational")]),
    ("Police in Hindu-ruled districts made arrests.", [("Hindu-ruled", "identity_label")]),
    ("The so-called “special regime” was announced on Monday.", [("so-called “special regime”", "distancing")]),
    ("Officials described the strikes as collateral damage.", [("collateral damage", "euphemism")]),
    ("Officials described the strikes as collateral\ndamage.", [("collateral\ndamage", "euphemism")]),
    ("Forty people were detained at the depot on Monday.", []),
])
def test_loaded_terms_in_the_outlets_voice(nlp, text, expected):
    assert _found(nlp, text) == expected


def test_a_speakers_words_are_theirs(nlp):
    text = "“It is a brutal and shameful regime,” the activist said. The council met on Friday."
    assert _found(nlp, text) == []


def test_loaded_language_flags_in_the_dossier(analyse):
    text = ("Dravo, March 3. The despicable henchmen of the governor detained 40 people, "
            "the Courier reported.\n\n“They are fine men,” a spokesman said.")
    dossier = analyse({"lantern.txt": text}).dossier
    flags = [f for f in dossier["flags"] if f["kind"] == "loaded_language"]
    assert [f["text"] for f in flags] == ["despicable henchmen"]
    doc = dossier.documents[0]
    assert doc["text"][flags[0]["start"]:flags[0]["end"]] == flags[0]["text"]
    assert flags[0]["category"] == "emotive" and "own voice" in flags[0]["detail"]
    assert "“aides”" in flags[0]["detail"]
