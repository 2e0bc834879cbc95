"""Plain text: encodings, titles, web debris and datelines."""

from __future__ import annotations

import pytest

from newstrace.ingest.boilerplate import clean_text
from newstrace.ingest.dateline import find_date
from newstrace.ingest.decode import InputError, decode
from newstrace.ingest.sources import read_bytes
from newstrace.model import Document, Skipped
from newstrace.settings import Settings

ARTICLE = (
    "Harbour cranes stand idle as dockers strike\n\n"
    "Dockers at the port of Selmer walked out on Tuesday over pay, the union said.\n\n"
    "“We have waited two years for an offer,” said Ana Rieu, a crane driver.\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "iso-8859-7"])
def test_common_encodings_are_detected(encoding):
    text = "Les dockers de Selmer réclament une hausse de salaire, a déclaré le syndicat à l’agence." * 3
    if encoding == "iso-8859-7":
        text = "Οι λιμενεργάτες του Σέλμερ απεργούν για τους μισθούς, δήλωσε το σωματείο σήμερα." * 3
    if encoding in ("latin-1",):
        text = text.replace("’", "'")
    assert decode(text.encode(encoding)) == text


def test_binary_and_empty_bytes_are_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="empty"):
        decode(b"  \n\n ")


def test_first_line_is_the_title_when_it_looks_like_one():
    cleaned = clean_text(ARTICLE)
    assert cleaned.title == "Harbour cranes stand idle as dockers strike"
    assert cleaned.text.startswith("Dockers at the port")


def test_a_first_sentence_is_not_taken_for_a_title():
    cleaned = clean_text("Dockers at the port of Selmer walked out on Tuesday.\n\nThe union said so.")
    assert cleaned.title is None
    assert cleaned.text.startswith("Dockers")


@pytest.mark.parametrize("debris", [
    "Pin It", "Share", "Be first to like this.", "This post is also available in: Español",
    "Photo: Ana Rieu/Selmer Herald", "Crane drivers at the gate via Twitter", "Advertisement",
    "Follow us on Instagram", "12 Comments", "Tweet", "Dana Whitcombe/Reuters", "Cranes at the gate (EPA)",
    "Share this article", "Photograph: Marco Ellis/AFP via Getty Images",
])
def test_debris_lines_are_removed_and_kept_verbatim(debris):
    text = f"Harbour cranes stand idle as dockers strike\n\n{debris}\n\nDockers walked out on Tuesday, the union said."
    cleaned = clean_text(text)
    assert debris not in cleaned.text
    assert debris in cleaned.removed
    assert "Dockers walked out on Tuesday" in cleaned.text


def test_an_agency_name_is_a_credit_only_as_the_agency_writes_it():
    line = "The port authority will answer the union next week, its chair told the Harbour Tribune (ePA)"
    cleaned = clean_text(f"Harbour cranes stand idle as dockers strike\n\n{line}\n\nDockers walked out.")
    assert line in cleaned.text and cleaned.removed == ()


def test_related_stories_block_is_removed_up_to_the_article():
    text = (
        "Harbour cranes stand idle as dockers strike\n\nDockers walked out on Tuesday, the union said.\n\n"
        "Related Stories\n\nNine Recipes for a Rainy Weekend\nWhy Your Cat Ignores You, According to Science\n"
    )
    cleaned = clean_text(text)
    assert "Recipes" not in cleaned.text and "Cat" not in cleaned.text
    assert {"Related Stories", "Nine Recipes for a Rainy Weekend"} <= set(cleaned.removed)


def test_article_sentences_that_mention_sharing_are_kept():
    line = "Dockers will share the extra shifts, the union said."
    assert line in clean_text(f"Cranes idle\n\n{line}").text


def test_section_label_and_repeated_title_are_removed():
    text = "world\n\nCranes stand idle in Selmer port\n\nCranes stand idle in Selmer port\n\nDockers walked out, the union said."
    cleaned = clean_text(text)
    assert cleaned.title == "Cranes stand idle in Selmer port"
    assert cleaned.text == "Dockers walked out, the union said."
    assert "world" in cleaned.removed


@pytest.mark.parametrize("line, date", [
    ("By Ana Rieu | Selmer Herald | 7 March 2026", "2026-03-07"),
    ("March 6, 2026 · Port news", "2026-03-06"),
    ("Posted 2026-02-28 by the desk", "2026-02-28"),
    ("No date on this line", None),
])
def test_dateline_gives_the_published_date(line, date):
    assert find_date(f"{line}\n\nDockers walked out.") == date


def test_text_file_becomes_a_document_with_title_and_removed_debris():
    raw = ("Pin It\n" + ARTICLE + "\nShare\n").encode("cp1252", "replace")
    [doc] = list(read_bytes(raw, "selmer.txt", "selmer.txt", Settings()))
    assert isinstance(doc, Document)
    assert doc.title == "Harbour cranes stand idle as dockers strike"
    assert doc.removed == ("Pin It", "Share")
    assert "Pin It" not in doc.text


def test_file_of_only_debris_is_skipped_with_a_reason():
    [item] = list(read_bytes(b"Pin It\n\nShare\n", "empty-page.txt", "empty-page.txt", Settings()))
    assert isinstance(item, Skipped)
    assert "no article text" in item.reason
