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


# Web copy as it comes (issue 26): each test is one pattern, in text written for the test.

def speakers_of(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    quotes, _ = direct_quotes(nlp(text))
    return [(q.content(text), q.speaker.text if q.speaker else None, q.speaker.basis if q.speaker else None)
            for q in quotes]


def test_a_british_quote_over_two_paragraphs_takes_the_cue_of_the_second(nlp):
    text = ("The harbour reopened on Friday.\n\n"
            "‘The ferry will run again on Monday. The old timetable stays as it was.\n\n"
            "‘Tickets will cost the same,’ Mira Castel told Port Wire.")
    [(content, speaker, _)] = speakers_of(nlp, text)
    assert content.startswith("The ferry will run") and content.endswith("cost the same")
    assert speaker == "Mira Castel"


def test_a_closing_mark_left_off_at_a_paragraphs_end_keeps_the_quote_and_its_speaker(nlp):
    text = "Mira Castel told Port Wire, “The ferry will run again on Monday.\n\nThe council meets on Friday."
    assert speakers_of(nlp, text) == [("The ferry will run again on Monday.", "Mira Castel", "cue")]


def test_a_caption_between_paragraphs_lends_no_name_and_breaks_no_quote(nlp):
    text = ("“The ferry will run again on Monday,” said Mira Castel, the harbour master.\n\n"
            "Supporters of Ivo Brandt wait outside the harbour office\n\n"
            "“Tickets will cost the same as last year,” she added.")
    found = speakers_of(nlp, text)
    assert [speaker for _, speaker, _ in found] == ["Mira Castel, the harbour master", "Mira Castel"]
    assert found[1][2] == "pronoun"


@pytest.mark.parametrize("text, speaker", [
    # a quote introduced with a colon keeps its speaker across a caption
    ("Harbour master Mira Castel told Port Wire:\n\n"
     "The ferry terminal at Selmer on Monday morning\n\n"
     "“The ferry will run again on Monday, and tickets will cost the same as last year.”",
     "Harbour master Mira Castel"),
    # a caption without a stop is not glued to the sentence after it (which lost its subject)
    ("The quay at the old ferry port\n\n"
     "Port director Omar Telis has rejected claims made by the Courier that the ferries were overloaded, "
     "stating that “nobody can overload a ferry that never left the quay.”",
     "Port director Omar Telis"),
])
def test_a_caption_is_read_past(nlp, text, speaker):
    [(_, found, _)] = speakers_of(nlp, text)
    assert found == speaker


@pytest.mark.parametrize("signed", [
    "“Nobody told us the ferry would stop.”― Ivo Brandt",  # the dash glued to the mark
    "\"Nobody told us the ferry would stop.\"\xa0― Ivo Brandt",  # straight marks, a no-break space
    "“Nobody told us the ferry would stop.”\n― Ivo Brandt",  # the signature on a line of its own
])
def test_a_dash_signature_names_the_speaker_however_it_is_set(nlp, signed):
    text = "Readers wrote to us.\n\n“The timetable was fine,” wrote Ana Lutz.\n" + signed
    found = speakers_of(nlp, text)
    assert found[-1][1:] == ("Ivo Brandt", "dash")


@pytest.mark.parametrize("text, speaker, basis", [
    ("Deputy mayor Ilse Varga sent a letter to the council on Monday.\n\nThe council meets on Friday.\n\n"
     "The letter says the bridge “cannot open before spring, whatever the contractors promise.”",
     "Deputy mayor Ilse Varga", "author"),
    ("Ilse Varga wrote to the council.\n\n"
     "Varga’s full letter states: “The bridge cannot open before spring, whatever the contractors promise.”",
     "Varga", "author"),
    ("In a statement, the transport ministry said the bridge was safe.\n\n"
     "The statement reads: “No crack was found in any of the twelve pillars we examined.”",
     "the transport ministry", "author"),
    ("An unsigned note was left at the depot on Sunday.\n\n"
     "The note reads: “We will be back for the rest of the grain before the rains come.”",
     "The note", "document"),
])
def test_a_document_as_speaker_resolves_to_its_writer_or_says_it_is_a_document(nlp, text, speaker, basis):
    doc = nlp(text)
    [quote], _ = direct_quotes(doc)
    assert (quote.speaker.text, quote.speaker.basis) == (speaker, basis)
    if basis == "author":
        start, end = quote.speaker.document_mention
        assert text[start:end].lower().split()[-1] in ("letter", "statement")


def test_a_horizontal_bar_does_not_break_the_parse_of_the_sentence_around_it(settings):
    from newstrace.model import Document
    from newstrace.nlp.extract import extract_documents

    text = ("After the harbour board said the ferry would stay in dock ― a decision few expected ― Castel "
            "answered, “The island cannot wait another winter.”")
    [extraction] = extract_documents([Document(source="bar.txt", text=text)], settings)
    [quote] = extraction.quotes
    assert quote.speaker.text == "Castel"


def test_a_word_in_the_parenthesis_after_a_name_stands_for_the_name(nlp):
    # "Rep. Ana Lutz (R-WI) said": a parse that makes "WI" the subject still gives the name
    from newstrace.nlp.quotes import _named_before_parenthesis

    doc = nlp("Rep. Ana Lutz (R-WI) spoke on Monday.")
    inside = next(t for t in doc if t.text == "WI")
    assert _named_before_parenthesis(inside).text == "Lutz"
    assert _named_before_parenthesis(doc[2]).text == "Lutz"  # a name outside stays itself
