"""Direct quotes and their speakers, one test per way newsrooms write them."""

from __future__ import annotations

import pytest

from newstrace.nlp.models import load_spacy
from newstrace.nlp.quotes import direct_quotes


@pytest.fixture(scope="module")
def nlp(settings):
    return load_spacy(settings.spacy_model)


def quotes_of(nlp, text: str):
    doc = nlp(text)
    quotes, warnings = direct_quotes(doc)
    return [(q.content(text), q.speaker.text if q.speaker else None, q.cue, q.via) for q in quotes], warnings


@pytest.mark.parametrize("text, content, speaker, cue, via", [
    ("“The ferry will run again on Monday,” said Mira Castel, the harbour master.",
     "The ferry will run again on Monday", "Mira Castel, the harbour master", "said", None),
    ("“The ferry will run again on Monday,” Castel said in a statement.",
     "The ferry will run again on Monday", "Castel", "said", "a statement"),
    ("Castel told Radio Selmer: “The ferry will run again on Monday.”",
     "The ferry will run again on Monday.", "Castel", "told", "Radio Selmer"),
    ("Harbour master Mira Castel told the council on Friday that the ferry “will run again on Monday”.",
     "will run again on Monday", "Harbour master Mira Castel", "told", "the council"),
    ("According to the port authority, “the ferry will run again on Monday.”",
     "the ferry will run again on Monday.", "the port authority", "According", None),
    ("The union wrote on its website that “no member will cross a picket line”.",
     "no member will cross a picket line", "The union", "wrote", "its website"),
    ("“No member will cross a picket line,” the union’s spokesman Ivo Brandt told Port Wire.",
     "No member will cross a picket line", "the union’s spokesman Ivo Brandt", "told", "Port Wire"),
    ("“We have done nothing wrong.” ― Ivo Brandt",
     "We have done nothing wrong.", "Ivo Brandt", None, None),
])
def test_speaker_cue_and_medium(nlp, text, content, speaker, cue, via):
    [found], _ = quotes_of(nlp, text)
    assert found == (content, speaker, cue, via)


def test_a_quote_interrupted_by_its_cue_is_one_quote_of_one_speaker(nlp):
    text = "“The ferry will run again on Monday,” Castel said, “and the tickets will cost the same.”"
    [(content, speaker, cue, _)], _ = quotes_of(nlp, text)
    assert content == "The ferry will run again on Monday, and the tickets will cost the same."
    assert speaker == "Castel" and cue == "said"


def test_pronoun_resolves_to_the_earlier_named_speaker_of_the_paragraph(nlp):
    text = ("Mira Castel, the harbour master, spoke to Port Wire on Friday. "
            "“The ferry will run again on Monday,” she said.")
    doc = nlp(text)
    [quote], _ = direct_quotes(doc)
    assert quote.speaker.text == "Mira Castel"
    assert quote.speaker.basis == "pronoun"
    assert text[quote.speaker.pronoun[0]:quote.speaker.pronoun[1]] == "she"


def test_colon_introduction_in_the_paragraph_before(nlp):
    text = "The harbour master told the council:\n\n“The ferry will run again on Monday, weather permitting.”"
    [(content, speaker, cue, via)], _ = quotes_of(nlp, text)
    assert speaker == "The harbour master" and cue == "told" and via == "the council"


def test_a_second_partial_quote_in_the_same_sentence_keeps_the_speaker(nlp):
    text = ("Castel told the council that the ferry was “safe to sail again” and that the crew "
            "“had been trained twice over”.")
    found, _ = quotes_of(nlp, text)
    assert [(c, s) for c, s, _, _ in found] == [("safe to sail again", "Castel"),
                                                ("had been trained twice over", "Castel")]


def test_a_quote_paragraph_continuing_the_last_speaker(nlp):
    text = ("“The ferry will run again on Monday,” Castel said.\n\n"
            "“The crew have been trained twice over and the engines are new.”")
    found, _ = quotes_of(nlp, text)
    assert [s for _, s, _, _ in found] == ["Castel", "Castel"]


@pytest.mark.parametrize("text", [
    "Officials call the camp a “training centre” and the detainees “students”.",
    "The so-called “harbour tax” was dropped.",
    "The embassy said the building was a “storeroom”.",
    "Her new novel, “The Salt Roads Home”, comes out in May.",
])
def test_scare_quotes_and_titles_are_not_speech(nlp, text):
    found, _ = quotes_of(nlp, text)
    assert found == []


def test_an_unknown_speaker_stays_null(nlp):
    text = "The ferry has not sailed for a week. “Nobody knows when the next boat will come.”"
    [(content, speaker, cue, via)], _ = quotes_of(nlp, text)
    assert speaker is None and cue is None


def test_an_odd_number_of_marks_warns_and_keeps_the_other_quotes(nlp):
    text = 'A stray "mark here. “The ferry will run again on Monday,” Castel said.'
    found, warnings = quotes_of(nlp, text)
    assert [s for _, s, _, _ in found] == ["Castel"]
    assert warnings


def test_offsets_point_into_the_text(nlp):
    text = "Intro line.\n\n“The ferry will run again on Monday,” Castel said, “and the tickets cost the same.”"
    doc = nlp(text)
    [quote], _ = direct_quotes(doc)
    assert [text[a:b] for a, b in quote.parts] == ["The ferry will run again on Monday,",
                                                   "and the tickets cost the same."]
    assert text[quote.speaker.start:quote.speaker.end] == "Castel"


def test_an_html_blockquote_is_a_quote_of_the_speaker_who_introduces_it(analyse):
    page = """<html><head><title>Port strike</title></head><body><article>
    <h1>Port strike goes on</h1>
    <p>Dockers at Selmer stayed out for a third day on Thursday, and the port authority said talks would resume.</p>
    <p>In a letter to members, union leader Ivo Brandt wrote:</p>
    <blockquote><p>Nobody goes back to work until the port pays what it promised in the spring.</p></blockquote>
    <p>The authority said it would answer the letter on Friday after a board meeting in the capital.</p>
    </article></body></html>"""
    result = analyse({"strike.html": page})
    [quote] = result.dossier["quotes"]
    assert quote["content"] == "Nobody goes back to work until the port pays what it promised in the spring."
    assert quote["speaker"]["text"] == "union leader Ivo Brandt" and quote["cue"] == "wrote"
