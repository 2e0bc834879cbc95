"""Pairing quote marks: styles, nesting, apostrophes, long quotes, and odd marks that must not fail."""

from __future__ import annotations

import pytest

from newstrace.nlp.quote_marks import find_quotations


def contents(text: str) -> list[str]:
    quotations, _ = find_quotations(text)
    return [q.content(text) for q in quotations]


@pytest.mark.parametrize("text, expected", [
    ("The mayor said: “The bridge opens in May.”", ["The bridge opens in May."]),
    ('The mayor said: "The bridge opens in May."', ["The bridge opens in May."]),
    ("The mayor said: ‘The bridge opens in May.’", ["The bridge opens in May."]),
    ("The mayor said: 'The bridge opens in May.'", ["The bridge opens in May."]),
    ("The mayor said: ''The bridge opens in May.''", ["The bridge opens in May."]),
    ("Le maire a dit : «Le pont ouvre en mai.»", ["Le pont ouvre en mai."]),
])
def test_every_mark_style_is_read(text, expected):
    assert contents(text) == expected


@pytest.mark.parametrize("text, expected", [
    # British: single outside, double inside; American: the other way round
    ("He said ‘the “depot” is empty’ and left.", ["the “depot” is empty"]),
    ("He said “the ‘depot’ is empty” and left.", ["the ‘depot’ is empty"]),
])
def test_nested_quotes_stay_inside_their_outer_quote(text, expected):
    assert contents(text) == expected


@pytest.mark.parametrize("text", [
    "The farmers’ union and the mayor’s office don’t agree.",
    "The farmers' union and the mayor's office don't agree.",
    "It was the ’90s, and rock ’n’ roll was loud.",
    "It was the ‘90s, and rock ‘n’ roll was loud ‘til dawn.",
])
def test_apostrophes_are_never_quote_marks(text):
    quotations, warnings = find_quotations(text)
    assert quotations == [] and warnings == []


def test_apostrophes_inside_a_single_quoted_quote_do_not_end_it():
    text = "She wrote: ‘The workers’ demands weren’t heard.’ Then she left."
    assert contents(text) == ["The workers’ demands weren’t heard."]


def test_a_quote_over_several_paragraphs_is_one_quotation():
    text = ("The minister wrote:\n\n“The first thing we did was count the boats.\n\n"
            "“The second was to count the nets,” she said.")
    quotations, warnings = find_quotations(text)
    assert warnings == []
    [q] = quotations
    assert len(q.parts) == 2
    assert q.content(text) == "The first thing we did was count the boats. The second was to count the nets,"


def test_a_quote_that_goes_on_into_a_paragraph_without_its_mark_repeated_is_one_quotation():
    text = ("The minister wrote:\n\n“The first thing we did was count the boats.\n\n"
            "The second was to count the nets,” she said.")
    [q] = find_quotations(text)[0]
    assert q.content(text) == "The first thing we did was count the boats. The second was to count the nets,"


def test_a_quote_opened_again_before_it_closed_ends_at_its_last_sentence():
    # Web copy drops closing marks: the first quote ends where its sentence does, with a warning.
    text = 'An odd "mark here. Then a real "quote of four words" follows.'
    quotations, warnings = find_quotations(text)
    assert [q.content(text) for q in quotations] == ["mark here.", "quote of four words"]
    assert len(warnings) == 1 and "character 7" in warnings[0]


@pytest.mark.parametrize("text, expected", [
    ("The mayor said, “The bridge opens in May. The ferry stops.\n\nOther news.",
     ["The bridge opens in May. The ferry stops."]),
    ("The mayor said, ‘The bridge opens in May.\n\nOther news.", ["The bridge opens in May."]),
    ('The mayor said, "The bridge opens in May.\n\nOther news.', ["The bridge opens in May."]),
    ("The mayor said ‘the bridge opens in May. The clerk added ‘the ferry stops in June.’",
     ["the bridge opens in May.", "the ferry stops in June."]),
    ("“The bridge opens in May.\n\n“That is late,” the clerk said. “The ferry stops. He added “in June.”",
     ["The bridge opens in May. That is late,", "The ferry stops.", "in June."]),
])
def test_a_closing_mark_left_off_is_read_as_people_read_it(text, expected):
    quotations, warnings = find_quotations(text)
    assert [q.content(text) for q in quotations] == expected
    assert warnings


def test_a_stray_closing_mark_is_a_warning():
    quotations, warnings = find_quotations("Nothing opened here” but “this” is fine.")
    assert len(quotations) == 1 and len(warnings) == 1


def test_a_quote_that_opens_a_paragraph_and_never_closes_runs_to_its_end():
    text = "He added:\n\n“We will not stop until the river is clean.\n\nOther news."
    quotations, warnings = find_quotations(text)
    assert [q.content(text) for q in quotations] == ["We will not stop until the river is clean."]
    assert "no closing mark" in warnings[0]


def test_offsets_point_into_the_text():
    text = "Before. “Inside the marks,” after."
    [q] = find_quotations(text)[0]
    assert text[q.start:q.end] == "“Inside the marks,”"
    assert [text[a:b] for a, b in q.parts] == ["Inside the marks,"]
