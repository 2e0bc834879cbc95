"""A parsed Doc's text, joined once: every pass over a document reads it."""

from __future__ import annotations

_TEXT = "newstrace.text"  # Doc.user_data key: the text, once joined
# Characters the English model never learned, given to it as the one it knows, one for one so
# that every offset holds: web copy's horizontal bar "―" was tagged a verb and a noun, and the
# parse broke around it ("… in dock ― a decision few expected ― Castel answered, “…”" gave the
# words to "a decision").
_FOR_PARSING = str.maketrans({"―": "—"})


def document_text(doc) -> str:
    """The Doc's text, read once: ``Doc.text`` joins every token again on each access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def parsing_text(text: str) -> str:
    """``text`` as the parser is given it: the same length, the same offsets."""
    return text.translate(_FOR_PARSING)


def keep_text(doc, text: str):
    """Record the document's own ``text`` as the Doc's text (parsed as ``parsing_text(text)``)."""
    doc.user_data[_TEXT] = text
    return doc
