"""The texts of a document that are read: its body and, on its own, its headline.

A headline is where an outlet states its claim most plainly and words it most loosely, so
it is analysed like the body: quotes, claims, names and loaded language. It is parsed on its
own (``nlp.extract`` keeps what it finds as ``Extraction.title``, offsets into the title),
and linking reads it as a text beside the body (``text_views``): a headline's claim or quote
joins the body's of any article, and the dossier says which field each span points into.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from newstrace.model import Document, Extraction

_SPACES = re.compile(r"\s+")


def headline(document: Document) -> str | None:
    """The title to analyse: None when there is none, or when the body opens with it (read
    there already: a plain-text file whose first line is its title)."""
    title = (document.title or "").strip()
    if not title:
        return None
    if _SPACES.sub(" ", document.text[:len(title) + 40]).strip().startswith(_SPACES.sub(" ", title)):
        return None
    return document.title


@dataclass(frozen=True)
class HeadlineText(Document):
    """A document's headline as a text of its own, for linking: ``text`` is the title, and
    its key names the article's, so it never meets an article whose body reads the same."""

    owner_key: str = ""

    @cached_property
    def key(self) -> str:
        return title_key(self.owner_key)


def title_key(key: str) -> str:
    """The key a headline is read under, from its article's."""
    return f"title:{key}"


@dataclass(frozen=True)
class TextViews:
    """What linking reads: each document's body, followed by its headline where one is
    analysed (in that order, so the texts of the first documents never move when documents
    are added: what the ledger kept of them stays valid)."""

    texts: list[Document]  # bodies as the documents themselves, headlines as HeadlineText
    owner: list[int]  # text -> its document
    field: list[str]  # text -> "text" | "title"
    body: list[int]  # document -> the text that is its body
    extractions: dict[str, Extraction]  # by text key, the headlines' included

    def of_documents(self, values: Sequence) -> list:
        """A per-document list (outlets, ids, stories) as a per-text one."""
        return [values[d] for d in self.owner]

    def labels(self, ids: Sequence[str]) -> list[str]:
        """How details name each text: "doc-3", "doc-3's headline"."""
        return [ids[d] if f == "text" else f"{ids[d]}'s headline" for d, f in zip(self.owner, self.field)]


def text_views(documents: Sequence[Document], extractions: dict[str, Extraction]) -> TextViews:
    """The texts linking reads in ``documents``, with each extraction under its text's key."""
    texts, owner, field, body = [], [], [], []
    by_key = dict(extractions)
    for n, document in enumerate(documents):
        body.append(len(texts))
        texts.append(document)
        owner.append(n)
        field.append("text")
        read = extractions[document.key].title
        title = headline(document)
        if read is None or title is None:
            continue
        view = HeadlineText(source=f"{document.source}#title", text=title, outlet=document.outlet,
                            url=document.url, published=document.published, format=document.format,
                            owner_key=document.key)
        by_key[view.key] = read
        texts.append(view)
        owner.append(n)
        field.append("title")
    return TextViews(texts, owner, field, body, by_key)
