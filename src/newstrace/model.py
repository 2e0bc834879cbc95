"""The records that flow through newstrace, from ingestion to the dossier.

Every record is immutable (a frozen dataclass, or a named tuple for the small records a
ledger of thousands of documents loads by the ten thousand on every run, which a tuple
builds several times as fast): stages build new records instead of mutating old ones,
so a stage can run in another process (or on Spark) unchanged.
Offsets are Python character offsets into ``Document.text`` (a headline's, read on its own,
into ``Document.title``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

_WHITESPACE = re.compile(r"\s+")


def content_key(text: str) -> str:
    """The key a document is stored under: a hash of its whitespace-normalised text.

    Two copies of one article that differ only in spacing or Unicode form
    are one document.
    """
    normal = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Document:
    """One article: cleaned text plus what is known of where it came from."""

    source: str  # path, URL, path#WARC-Record-ID, path#entry, path:line
    text: str  # cleaned text; every offset points into it
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as the source gave it
    removed: tuple[str, ...] = ()  # boilerplate taken out, verbatim
    format: str = "text"  # text | html | warc | feed | jsonl
    blockquotes: tuple[tuple[int, int], ...] = ()  # quotes the page set off as blocks, without marks

    @cached_property  # hashing a long text again on every use added up to seconds at 1,000 documents
    def key(self) -> str:
        return content_key(self.text)


@dataclass(frozen=True)
class Skipped:
    """An input that yielded no document, and why. Failures are data, not exceptions."""

    source: str
    reason: str


class EntityMention(NamedTuple):
    """A named-entity span found in one document."""

    start: int
    end: int
    text: str
    label: str  # spaCy label set: PERSON, ORG, GPE, ...


class Role(NamedTuple):
    """A title or description the text gives a named mention: "Press attaché" Petar Slovan,
    Tanya Lokshina, "the Russia program director at Human Rights Watch"."""

    mention_start: int  # the mention it describes
    start: int
    end: int
    text: str
    affiliation: str | None = None  # the organisation or place it ties the person to, when it names one


@dataclass(frozen=True)
class Speaker:
    """Who a quote is given to: a mention in the same document.

    For "she said", ``start``/``end`` point at the earlier named mention the pronoun
    refers to and ``pronoun`` keeps the pronoun's own span; for "the letter says", at the
    letter's writer, and ``document_mention`` keeps the span of "the letter".
    """

    start: int
    end: int
    text: str
    head: str  # the mention's head word: "Karimov" in "Kadyrov spokesperson Alvi Karimov"
    basis: str  # cue | pronoun | same_sentence | continuation | dash | label | author | document
    pronoun: tuple[int, int] | None = None
    document_mention: tuple[int, int] | None = None

    def to_list(self) -> list:
        return [self.start, self.end, self.text, self.head, self.basis,
                list(self.pronoun) if self.pronoun else None, list(self.document_mention) if self.document_mention else None]

    @classmethod
    def from_list(cls, row: list) -> Speaker:
        document = row[6] if len(row) > 6 else None
        return cls(*row[:5], pronoun=tuple(row[5]) if row[5] else None,
                   document_mention=tuple(document) if document else None)


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the spans of the quoted words, without the marks.

    One part usually; one per paragraph of a long quote, and two when the quote is
    interrupted by its cue ("A," she said, "B.").
    """

    parts: tuple[tuple[int, int], ...]
    speaker: Speaker | None = None
    cue: str | None = None
    via: str | None = None

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def content(self, text: str) -> str:
        return " ".join(text[a:b].strip() for a, b in self.parts)

    def to_list(self) -> list:
        return [[list(p) for p in self.parts], self.speaker.to_list() if self.speaker else None,
                self.cue, self.via]

    @classmethod
    def from_list(cls, row: list) -> Quote:
        parts, speaker, cue, via = row
        return cls(tuple(tuple(p) for p in parts), Speaker.from_list(speaker) if speaker else None, cue, via)


@dataclass(frozen=True)
class ClaimMention:
    """A clause that asserts, reports, denies or questions something checkable: an event, a
    state or identity, or a quantity, with its arguments (``nlp.claims``)."""

    start: int  # the sentence
    end: int
    predicate: tuple[int, int]  # the word that states it: "detained", "earthquake", "storeroom", "toll"
    lemma: str  # what is predicated: "detain", "earthquake", "storeroom"; for a running count, what it counts
    kind: str  # event | state | quantity
    stance: str  # asserts | reports | denies | questions
    attributed_to: str | None = None  # who the article says it comes from
    source: tuple[int, int] | None = None  # where the article names them
    quantity: tuple | None = None  # (value, low, high, qualifier, text, unit)
    clause: tuple[int, int] | None = None  # the claim's own clause, without the claims and sources nested in it
    agent: tuple[int, int] | None = None  # who did it: "police" in "police detained 40", "by soldiers"
    patient: tuple[int, int] | None = None  # whom or what it befell, or what a state is about
    places: tuple[tuple[int, int], ...] = ()  # the places its clause names
    time: tuple | None = None  # (start, end, earliest, latest): the date its clause names, as ISO days when known
    category: str | None = None  # the old coarse kind, where one applies: detention, death, torture …
    tense: str = "past"  # past | present | future
    gist: str = ""  # the claim in a few of its own words: arguments and predicate, in text order
    referents: tuple[tuple[str, int, int], ...] = ()  # (agent | patient, start, end): who a pronoun argument is
    source_document: tuple[int, int] | None = None  # the document the source wrote: "the letter" of "the letter says"
    source_pronoun: tuple[int, int] | None = None  # "she" of "she said", where ``source`` is the name it stands for
    source_kind: str = "outlet_own"  # named_person | named_organisation | unnamed | document | pronoun | outlet_own
    source_via: tuple[int, int] | None = None  # who passes it on: "the Courier" of "the Courier, citing officials, said"

    def to_list(self) -> list:
        return [self.start, self.end, list(self.predicate), self.lemma, self.kind, self.stance, self.attributed_to,
                _listed(self.source), _listed(self.quantity), _listed(self.clause), _listed(self.agent),
                _listed(self.patient), [list(p) for p in self.places], _listed(self.time), self.category,
                self.tense, self.gist, [list(r) for r in self.referents], _listed(self.source_document),
                _listed(self.source_pronoun), self.source_kind, _listed(self.source_via)]

    @classmethod
    def from_list(cls, row: list) -> ClaimMention:
        (start, end, predicate, lemma, kind, stance, attributed_to, source, quantity, clause, agent, patient,
         places, time, category, tense, gist, referents) = row[:18]
        return cls(start, end, tuple(predicate), lemma, kind, stance, attributed_to, _tupled(source),
                   _tupled(quantity), _tupled(clause), _tupled(agent), _tupled(patient),
                   tuple(tuple(p) for p in places), _tupled(time), category, tense, gist,
                   tuple(tuple(r) for r in referents), _tupled(row[18]) if len(row) > 18 else None,
                   _tupled(row[19]) if len(row) > 19 else None, row[20] if len(row) > 20 else "outlet_own",
                   _tupled(row[21]) if len(row) > 21 else None)


def _listed(value: tuple | None) -> list | None:
    return None if value is None else list(value)


def _tupled(value: list | None) -> tuple | None:
    return None if value is None else tuple(value)


@dataclass(frozen=True)
class LoadedTerm:
    """Words in an article's own voice that judge rather than report (nlp.loaded_language)."""

    start: int
    end: int
    kind: str  # label | emotive | sensational | distancing | euphemism | identity_label
    term: str  # the lexicon entry (or compound) that matched
    neutral: str | None = None  # a plainer wording, where the lexicon gives one

    def to_list(self) -> list:
        return [self.start, self.end, self.kind, self.term, self.neutral]


@dataclass(frozen=True)
class Extraction:
    """Everything per-document extraction found in one document; cached by content key."""

    key: str
    entities: tuple[EntityMention, ...] = ()
    roles: tuple[Role, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[ClaimMention, ...] = ()
    notices: tuple[str, ...] = ()
    loaded: tuple[LoadedTerm, ...] = ()
    title: Extraction | None = None  # the same, read from the headline: offsets into ``Document.title``

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "entities": [[m.start, m.end, m.text, m.label] for m in self.entities],
            "roles": [[r.mention_start, r.start, r.end, r.text, r.affiliation] for r in self.roles],
            "quotes": [q.to_list() for q in self.quotes],
            "claims": [c.to_list() for c in self.claims],
            "notices": list(self.notices),
            "loaded": [t.to_list() for t in self.loaded],
            "title": None if self.title is None else self.title.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Extraction:
        return cls(
            key=data["key"],
            entities=tuple(EntityMention(*row) for row in data["entities"]),
            roles=tuple(Role(*row) for row in data.get("roles", ())),
            quotes=tuple(Quote.from_list(row) for row in data.get("quotes", ())),
            claims=tuple(ClaimMention.from_list(row) for row in data.get("claims", ())),
            notices=tuple(data.get("notices", ())),
            loaded=tuple(LoadedTerm(*row) for row in data.get("loaded", ())),
            title=cls.from_dict(data["title"]) if data.get("title") else None,
        )


@dataclass(frozen=True)
class IngestReport:
    """What ingestion read, merged and skipped: the run summary's raw material."""

    documents: tuple[Document, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()  # (duplicate source, kept source)
