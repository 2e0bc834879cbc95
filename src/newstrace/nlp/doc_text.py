"""A parsed Doc's text, joined once: every pass over a document reads it."""

from __future__ import annotations

_TEXT = "newstrace.text"  # Doc.user_data key: the text, once joined


def document_text(doc) -> str:
    """The Doc's text, read once: ``Doc.text`` joins every token again on each access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text
