"""Claim mentions: the clauses of a document that assert something checkable, in any domain.

For each predicate ``nlp.predicates`` finds (an event, a state or identity, a quantity):

1. its own clause: the predicate's words without the claims and sources nested in them
   ("the men were detained after a protest, the Courier said": "the men were detained");
2. its arguments (``nlp.arguments``): who did it, to whom or what, where, when (normalised
   against the publication day: "on Tuesday", "last week"), how many;
3. who it comes from: inside a quote, the quote's speaker; else the subject or agent of a
   reporting verb it depends on ("the Courier said", "confirmed by doctors"), "according
   to X", "citing X" (``nlp.attribution``); "he said" is the name "he" stands for
   (``nlp.antecedents``, the pronoun's span kept beside it); who passed it on ("the
   Courier, citing officials"); and what kind of source that is (``source_kind``);
4. the stance: ``denies`` when a denying verb governs it ("dismissed reports that …") or
   it is negated ("no one is detained", "the site is not a prison"); ``questions`` when
   hedged ("allegedly", "activists believe"); ``reports`` when attributed; else ``asserts``
   (the outlet's own voice);
5. a gist, the claim in a few of its own words (arguments and predicate, in text order),
   from which linking builds a claim's statement.
"""

from __future__ import annotations

from newstrace.model import ClaimMention, Quote
from newstrace.nlp.arguments import category, claim_arguments, in_dateline, is_tally, referent
from newstrace.nlp.antecedents import THIRD_PERSON, antecedent
from newstrace.nlp.attribution import DENYING, paragraph, source_of
from newstrace.nlp.doc_text import document_text
from newstrace.nlp.dates import calendar_dates, date_range, parse_published
from newstrace.nlp.predicates import nested_clauses, sentence_predicates, trigger_model, unclaimed_verbs
from newstrace.nlp.writers import is_document

HEDGES = frozenset({"allegedly", "alleged", "purportedly", "supposedly", "unconfirmed", "unverified", "reportedly"})
NOBODY = frozenset({"nobody", "none", "noone", "no-one", "nothing", "neither"})  # "neither of them"
_GIST_WORDS = 7  # words of an argument a gist keeps: "More than 60 environmental activists"
_LEFT_MODIFIERS = frozenset({"det", "amod", "compound", "nummod", "quantmod", "poss", "nmod", "advmod", "case"})


def claim_mentions(doc, quotes: tuple[Quote, ...] = (), published: str | None = None) -> tuple[ClaimMention, ...]:
    """The claim mentions of a parsed spaCy Doc, in text order; ``quotes`` give speakers to
    claims inside quotes, ``published`` (ISO) places relative dates."""
    model, day = trigger_model(), parse_published(published)
    text = document_text(doc)
    found = []
    for sent in doc.sents:
        predicates = sentence_predicates(sent, model, is_tally)
        if not predicates:
            continue
        stated = {p.token.i for p in predicates} | {p.head.i for p in predicates}
        mentions = [_mention(doc, text, sent, p, stated - {p.token.i, p.head.i}, quotes, day) for p in predicates]
        sources = [m.source for m in mentions if m.source]
        # A word of a source ("as confirmed by the harbour office") names who says it, not a claim.
        found += [m for m in mentions if not any(a <= m.predicate[0] < b for a, b in sources)]
    return tuple(found)


def _mention(doc, text: str, sent, predicate, others: set[int], quotes, day) -> ClaimMention:
    token, head = predicate.token, predicate.head
    clause = _own_clause(head, others) | {token.i}
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    speaker = next((q.speaker for q in quotes if any(a <= token.idx < b for a, b in q.parts)), None)
    governing, source, document, via = source_of(head)
    cited = None  # the document the source wrote, where the text cites one ("the letter says")
    pronoun = None  # "she" of "she said", where the source is the name it stands for
    if speaker is not None:
        attributed, told, cited = speaker.text, (speaker.start, speaker.end), speaker.document_mention
        pronoun = speaker.pronoun
    else:
        if source is not None and _pronoun(source):
            # "he said" is the name he stands for; a pronoun no name is found for is no source,
            # kept as the pronoun: the mention says its source is unknown, not the outlet's voice
            pronoun, source = (source.start_char, source.end_char), _stands_for(source, quotes)
        attributed = told = None
        if source is not None:
            attributed, told = source.text.strip(" ,"), (source.start_char, source.end_char)
            cited = (document.start_char, document.end_char) if document is not None else None
    arguments = claim_arguments(predicate, clause, told)
    stance = _stance(sent, token, head, governing, attributed)
    quantity = None if _negated(token) or _negated(head) else arguments.count  # "no one" is a denial, not a count
    words = sorted(clause)
    while len(words) > 1 and (doc[words[-1]].is_punct or doc[words[-1]].dep_ == "cc"):
        words.pop()  # "questioned at night and"
    while len(words) > 1 and (doc[words[0]].is_punct or doc[words[0]].dep_ in ("cc", "mark")):
        words.pop(0)
    time = None
    if arguments.time is not None:
        when = date_range(arguments.time.text, day)
        first, last = (None, None) if when is None else (when[0].isoformat(), when[1].isoformat())
        if when is None and (written := calendar_dates(arguments.time.text)):
            first = last = f"--{written[0].month:02d}-{written[0].day:02d}"  # a day whose year is not known
        time = (arguments.time.start_char, arguments.time.end_char, first, last)
    kind = "quantity" if arguments.measured and predicate.kind == "event" else predicate.kind
    return ClaimMention(
        start, end, (token.idx, token.idx + len(token)), predicate.lemma, kind, stance, attributed, told, quantity,
        (doc[words[0]].idx, doc[words[-1]].idx + len(doc[words[-1]])), _span(arguments.agent),
        _span(arguments.patient), tuple(_span(p) for p in arguments.places), time, category(predicate),
        predicate.tense, _gist(predicate, arguments),
        tuple((role, person.start_char, person.end_char) for role, person in (
            ("agent", referent(arguments.agent)), ("patient", referent(arguments.patient))) if person is not None),
        cited, pronoun, "pronoun" if told is None and pronoun is not None else source_kind(doc, told, cited, governing),
        None if via is None else (via.start_char, via.end_char))


def _pronoun(source) -> bool:
    return len(source) == 1 and source[0].pos_ == "PRON"


def _stands_for(source, quotes):
    """The name a pronoun source ("he said") stands for: the one a quote with the same cue
    was given, else the name before it (``nlp.antecedents``); None for "I", "we" and "you",
    or when no name is found."""
    if source[0].lower_ not in THIRD_PERSON:
        return None
    doc, at = source.doc, (source.start_char, source.end_char)
    for quote in quotes:
        if quote.speaker is not None and quote.speaker.pronoun == at:
            return doc.char_span(quote.speaker.start, quote.speaker.end, alignment_mode="expand")
    quoted = [part for quote in quotes for part in quote.parts]
    return antecedent(source[0], skip=lambda ent: any(a <= ent.start_char < b for a, b in quoted))


def source_kind(doc, told: tuple[int, int] | None, cited: tuple[int, int] | None, governing) -> str:
    """What kind of source the text gives: ``named_person`` or ``named_organisation`` (the
    name the source phrase is built on, else a person named in it: "a lawyer, Ana Varga"),
    ``document`` (a letter, a report; its writer where the text names one), ``unnamed``
    ("officials", "a person close to the talks", or "it is reported": no one named),
    ``pronoun`` (a pronoun no name was found for), ``outlet_own`` (no attribution)."""
    if told is None:
        return "unnamed" if governing is not None else "outlet_own"
    if cited is not None:
        return "document"
    span = doc.char_span(*told, alignment_mode="expand")
    if span is None or not len(span):
        return "unnamed"
    root = span.root
    if len(span) == 1 and root.pos_ == "PRON":
        return "pronoun"
    if is_document(root):
        return "document"
    if root.ent_type_ == "PERSON":
        return "named_person"
    if root.ent_type_ in ("ORG", "NORP", "GPE") and root.pos_ == "PROPN":
        return "named_organisation"
    if any(ent.label_ == "PERSON" for ent in span.ents):
        return "named_person"
    return "unnamed"


def _own_clause(head, others: set[int]) -> set[int]:
    """The token indices of a predicate's clause, less the claims and sources nested in it,
    a dateline, and anything across a paragraph break (a caption the parse ran into)."""
    dropped = nested_clauses(head, others)
    start, end = paragraph(head)
    return {t.i for t in head.subtree if t.i not in dropped and start <= t.idx < end and not in_dateline(t)}


def _span(span) -> tuple[int, int] | None:
    return None if span is None else (span.start_char, span.end_char)


def _stance(sent, token, head, governing, attributed) -> str:
    if governing is not None and governing.lemma_.lower() in DENYING:
        return "denies"
    if _negated(token) or _negated(head):
        return "denies"
    if any(t.lower_ in HEDGES for t in sent) or _under_opinion(head):
        return "questions"
    return "reports" if attributed or governing is not None else "asserts"  # "it is reported": unnamed


def _negated(word) -> bool:
    if any(c.dep_ == "neg" for c in word.children):
        return True
    if word.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in word.children):
        return True  # "there were no arrests"
    for child in word.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if child.lower_ in NOBODY or any(d.dep_ in ("det", "preconj") and d.lower_ in ("no", "neither")
                                             for d in child.children):
                return True  # "no one is detained", "nobody was held", "neither the mayor nor … was held"
    return False


def _under_opinion(head) -> bool:
    """"Activists believe 40 were killed": what someone believes is a hedged claim."""
    return head.dep_ == "ccomp" and head.head.lemma_.lower() in unclaimed_verbs()


def _gist(predicate, arguments) -> str:
    """The claim in a few of its own words, in text order: its arguments (each cut to its head
    and what stands before it) and the predicate with its auxiliaries, negation and particles;
    a state's copula and complement; a quantity's figure."""
    token, head = predicate.token, predicate.head
    doc = token.doc
    words: set[int] = set()
    for argument in (arguments.agent, arguments.patient):
        if argument is not None:
            words |= _compact(argument)
    group = {token.i, head.i} | {c.i for w in (token, head) for c in w.children
                                 if c.dep_ in ("aux", "auxpass", "neg", "prt", "det", "nummod", "compound", "amod", "expl")
                                 and c.i > min(token.i, head.i) - 4}
    words |= group
    if arguments.measured:
        for child in head.children:  # "rose to 61"
            if child.dep_ == "prep" and child.lower_ in ("to", "at", "by"):
                words |= {t.i for t in child.subtree}
    if token.head.i == head.i and token.dep_ == "pobj" or token.dep_ == "pobj" and token.head.head.i == head.i:
        words.add(token.head.i)  # a state's place: "are in use"
    if token.pos_ == "NOUN" and predicate.kind == "event":
        for child in token.children:  # "the arrest of 40 protesters"
            if child.dep_ == "prep" and child.lower_ in ("of", "by"):
                words |= {t.i for t in child.subtree if t.i - child.i <= _GIST_WORDS}
    if arguments.agent is not None and head.pos_ == "VERB" and any(c.dep_ == "agent" for c in head.children):
        words.add(next(c for c in head.children if c.dep_ == "agent").i)  # "by"
    if arguments.agent is None and arguments.patient is None:
        words |= {c.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON"}  # "they were held"
    words |= {t.i for t in doc[min(words):max(words) + 1] if t.pos_ == "ADP" and t.head.i in words
              and any(c.i in words for c in t.children)}  # "protests against the dam"
    ordered = [doc[i] for i in sorted(words) if not doc[i].is_space]
    return "".join(t.text + (" " if k + 1 < len(ordered) and ordered[k + 1].i == t.i + 1 and t.whitespace_ else
                              "" if k + 1 < len(ordered) and ordered[k + 1].i == t.i + 1 else " ")
                   for k, t in enumerate(ordered)).strip(" ,;:—-")


def _compact(span) -> set[int]:
    """An argument cut to its head and the words before it that modify it, at most
    ``_GIST_WORDS`` ("More than 60 environmental activists"; "dozens of men")."""
    root = span.root
    if root.pos_ in ("VERB", "AUX"):  # a clause as subject: "what the office produced"
        return {t.i for t in span}
    words = {root.i}
    for child in root.children:
        if child.dep_ in _LEFT_MODIFIERS and child.i < root.i:
            words |= {t.i for t in child.subtree}
        if child.dep_ == "prep" and child.lower_ == "of" and root.like_num or root.lower_ in ("dozens", "hundreds",
                                                                                           "thousands", "scores"):
            if child.dep_ == "prep" and child.lower_ == "of":
                words |= {t.i for t in child.subtree if t.i - root.i <= _GIST_WORDS}
    words = {i for i in words if span.start <= i < span.end}
    if len(words) > _GIST_WORDS:
        words = set(sorted(words)[-_GIST_WORDS:])
    return words
