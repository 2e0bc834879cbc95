"""Check claims against documents: does each document support, deny, discuss or ignore each claim?

    >>> import newstrace
    >>> results = newstrace.check("Over 100 men were detained", ["coverage/"])
    >>> [(r.document, r.stance) for r in results]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newstrace.ingest import ingest
from newstrace.ingest.decode import InputError
from newstrace.ingest.sources import text_to_document
from newstrace.link.reuse import copy_families, find_reuse
from newstrace.model import Document, Skipped
from newstrace.link.claims import quantity_of
from newstrace.nlp.claims import claim_mentions
from newstrace.nlp.doc_text import keep_text, parsing_text
from newstrace.nlp.embeddings import load_embedder
from newstrace.nlp.models import load_spacy
from newstrace.nlp.quantities import compatible
from newstrace.nlp.stance import Stance, StanceModel, stances
from newstrace.settings import Settings


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CheckResult:
    claim: str
    document: str  # the document's source: path, URL, or "text-N" for a text given directly
    stance: str  # supports | denies | discusses | unrelated
    confidence: float
    evidence: tuple[Evidence, ...]  # the sentences closest to the claim, best first
    notice: str | None = None  # why an input was not read (then the stance is "unrelated")


def check(claims: str | Sequence[str], documents, settings: Settings | None = None) -> list[CheckResult]:
    """One result per (claim, input), claims outer, in the order given. ``documents``: one or a
    list of texts, paths (files or folders) or Documents. An input with nothing to read (an
    empty text, a headline of page furniture only, a binary file) is never an exception: its
    results are ``unrelated``, with a ``notice`` that says why."""
    settings = settings or Settings()
    claims = [claims] if isinstance(claims, str) else list(claims)
    inputs = _read_in_order(documents, settings)
    docs = [item for item in inputs if isinstance(item, Document)]
    found_per_claim: list[list] = [[] for _ in claims]
    parsed: list = []
    if docs:
        embed = load_embedder(settings.embedding_model, settings.embedding_device)
        nlp = load_spacy(settings.spacy_model)
        parsed = [claim_mentions(keep_text(parse, d.text))
                  for d, parse in zip(docs, nlp.pipe([parsing_text(d.text) for d in docs]))]
        found_per_claim = stances(claims, [d.text for d in docs], embed, StanceModel.load())
    results = []
    for claim, found_here in zip(claims, found_per_claim):
        asked = claim_mentions(nlp(claim)) if docs else []
        read_here = iter(zip(docs, parsed, found_here))
        for item in inputs:
            if isinstance(item, Skipped):
                results.append(CheckResult(claim, item.source, "unrelated", 0.0, (), notice=item.reason))
                continue
            doc, mentions, found = next(read_here)
            read = with_reading(found, asked, mentions)
            spans = read.evidence if read.stance != "unrelated" else ()
            evidence = tuple(Evidence(a, b, doc.text[a:b]) for a, b in spans)
            results.append(CheckResult(claim, doc.source, read.stance, read.confidence, evidence))
    return results


def with_reading(found: Stance, asked, mentions) -> Stance:
    """The network's stance, unless newstrace's own reading of the closest sentences settles it.

    ``asked`` are the claim's own mentions, ``mentions`` the document's. Where one of the two
    closest sentences states the claim's predicate (``same_predicate``) and the claim states
    it plainly:
    - a denial of that event denies the claim ("no one was arrested"), or backs a claim that
      itself denies it; the event reported plainly denies a claim that denies it;
    - a count that cannot hold beside the claim's ("3 killed" against "over 100 killed")
      does not support it, and a report of the event with a count that agrees (or none) does
      not deny it, whatever denials the article also carries: the document discusses it.
    On FNC-1 and Emergent (bench/stance.py) this costs 0.002 of the FNC score and of Emergent's
    accuracy, and 0.03 of disagree F1, mostly where the gold calls a denial of a hedged headline
    "discuss"; it catches plain denials of an event that the network, which weighs words and
    not events, misses, and keeps an article that reports the event beside an official's
    denial from reading as a denial."""
    if not asked or asked[0].stance not in ("asserts", "denies") or found.stance == "unrelated":
        return found
    count = quantity_of(asked[0])
    near = [m for a, b in found.evidence[:2] for m in mentions
            if same_predicate(m, asked[0]) and (a <= m.start < b or m.start <= a < m.end)]
    denial = next((m for m in near if m.stance == "denies"), None)  # a denial outweighs a report beside it
    for m in [denial] if denial else near:
        evidence = ((m.start, m.end),) + found.evidence
        if m.stance == "denies":
            stance = "denies" if asked[0].stance == "asserts" else "supports"
            return replace(found, stance=stance, evidence=evidence)
        if asked[0].stance == "denies" and m.stance in ("asserts", "reports"):
            return replace(found, stance="denies", evidence=evidence)
        theirs = quantity_of(m)
        agrees = None in (count, theirs) or compatible(count, theirs)
        if (found.stance == "supports" and not agrees) or (found.stance == "denies" and agrees):
            return replace(found, stance="discusses", evidence=evidence)
    return found


def same_predicate(a, b) -> bool:
    """Whether two claim mentions state the same kind of thing: one lemma ("detained",
    "detention" are not), or one coarse category ("arrested" and "detained" are detentions)."""
    return a.lemma == b.lemma or (a.category is not None and a.category == b.category)


def read_documents(documents, settings: Settings) -> tuple[list[Document], list[Skipped]]:
    """Documents from texts, paths and Documents, in the order given (a folder's files in its
    order), and the inputs that gave none, with why."""
    inputs = _read_in_order(documents, settings)
    return ([item for item in inputs if isinstance(item, Document)],
            [item for item in inputs if isinstance(item, Skipped)])


def _read_in_order(documents, settings: Settings) -> list[Document | Skipped]:
    if isinstance(documents, (str, Path, Document)):
        documents = [documents]
    found: list[Document | Skipped] = []
    for n, item in enumerate(documents, start=1):
        if isinstance(item, Document):
            found.append(item)
        elif isinstance(item, Path) or _looks_like_path(item):
            report = ingest([str(item)], settings)
            found += report.documents + report.skipped
        else:
            try:
                document = text_to_document(str(item), f"text-{n}")
            except InputError as exc:  # an empty text, furniture only: a notice, not a lost run
                found.append(Skipped(f"text-{n}", str(exc)))
                continue
            if len(document.text) > settings.max_document_chars:
                found.append(Skipped(document.source, f"text of {len(document.text):,} characters is over the "
                                                      f"limit of {settings.max_document_chars:,} (max_document_chars)"))
                continue
            found.append(document)
    return found


def _looks_like_path(item: str) -> bool:
    if "\n" in item or len(item) >= 4096 or not item.strip():
        return False  # "" is the current folder to Path: an empty text is a text
    if item.startswith(("http://", "https://")):
        return True
    try:
        return Path(item).exists()
    except OSError:  # a one-line text longer than a file name may be
        return False


def independent_supporters(results: Iterable[CheckResult], documents: Sequence[Document], settings: Settings) -> int:
    """How many independent sources support: copies of one article count once, one outlet once."""
    supporting = [d for d, r in zip(documents, results) if r.stance == "supports"]
    if not supporting:
        return 0
    passages = find_reuse([d.text for d in supporting], [d.published for d in supporting],
                          [d.outlet for d in supporting], settings)
    family = {}
    for n, members in enumerate(copy_families(passages, len(supporting))):
        family.update((i, f"family {n}") for i in members)
    return len({family.get(i) or d.outlet or d.source for i, d in enumerate(supporting)})
