"""Who a claim mention comes from, read off the parse around its predicate.

Walking up from the predicate, each verb it hangs from offers its subject (or agent) as the
teller, and a learned model (``nlp.tellers``) decides whether that one tells the claim ("the
Courier said", "officials believe", "a poll shows", "…, the harbour office said") or only
takes part in what happened ("she was held after the mayor closed the port"); the nearest
accepted wins, however deep the claim lies in what is said. Read by rule: a reporting verb's
agent ("confirmed by doctors"), "as the Courier reported", a reporting verb said in passing
("the dam, she said, has …"), "according to X" or "citing X" anywhere in the sentence, a
first line's "Name:", and whether the verb denies ("dismissed reports that …"). Never a
source: a telling denied ("he did not mention reports that …"), anything above a writer's
aside on a name ("Dravo, where the mine closed"), a reason cited ("citing the storm"). A
claim inside a quote is the quote's speaker's (``nlp.claims``).
The subject of a passive reporting verb ("X is said to …", "it is reported that …") is what
is told: only an agent names who tells it.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from newstrace.data_files import data_words
from newstrace.nlp.arguments import in_dateline
from newstrace.nlp.doc_text import document_text, is_gap
from newstrace.nlp.predicates import DENYING_LEMMAS as DENYING
from newstrace.nlp.predicates import aspectual_verbs
from newstrace.nlp.quotes import PEOPLE_WORDS, name_label, reporting_verbs
from newstrace.nlp.tellers import IMPERSONAL, teller_features, teller_model
from newstrace.nlp.writers import is_document, writer_of

_SOURCE_WORDS = frozenset({"according", "citing"})
_LABEL_TOKENS = 8  # a first line's opening name and its colon ("Kessel governor:") lie within this many tokens
_DEPTH = 12  # head steps from a claim to the verb reporting it: "X said the closure made it too costly to keep …"
# Verbs that report only what follows as a clause: "the survey found that most voters …", not
# "rescuers found 12 survivors" (a claim of its own).
_FINDING = frozenset({"find", "show", "indicate", "estimate", "determine", "demonstrate"})
# How a claim hangs from a reporting verb when it describes the telling, not what is told:
# "she said, looking away", "he said at a rally that drew 3,000".
# "she denied the charge and resigned": a second act, not what she told.
_SCENE = frozenset({"advcl", "prep", "npadvmod", "dative", "agent", "acl", "relcl", "advmod", "conj"})
_ABOUT = frozenset({"of", "for", "about", "on", "over", "against"})  # "accused X of …", "blamed X for …"
_SUBJECT_TELLS = frozenset({"quote"})  # passive, yet the subject is the source: "X was quoted as saying"
_BREAKS = "newstrace.line_breaks"  # Doc.user_data key: offsets of the text's line breaks


class Attribution(NamedTuple):
    """Who a claim comes from, as the parse around its predicate says (spaCy tokens and spans)."""

    verb: object = None  # the reporting verb the claim depends on
    source: object = None  # the phrase naming who it comes from
    document: object = None  # where the source is a document's writer, the phrase naming the document
    via: object = None  # who passes it on: "the Courier" of "the Courier, citing two officials, reported"


def source_of(trigger, accepts=None) -> Attribution:
    """Who the claim whose predicate is ``trigger`` comes from (an empty Attribution when the
    text attributes it to no one). ``accepts(teller, features)`` decides whether the subject or
    agent of a verb the claim hangs from is its source, the nearest accepted winning (the
    shipped teller model by default; its training script passes one that records each
    candidate and accepts none, so it sees every candidate the model can ever be asked about)."""
    accepts = accepts or _by_model
    verbs = reporting_verbs()
    node, below = trigger, None
    for steps in range(_DEPTH):
        reporting = below is not None and _reports(node, below, verbs)
        denied = any(c.dep_ == "neg" for c in node.children)  # "he did not mention reports that …": no telling
        tellers = [] if below is None or denied else _tellers(node, below, trigger)
        for teller in tellers:
            # A reporting verb's agent tells what it reports ("the deaths were confirmed by
            # doctors"): too rare in the model's political news (9 of 59) to be learned there.
            if (reporting and teller.head.dep_ == "agent") or accepts(
                    teller, teller_features(trigger, node, below, teller, steps, reporting)):
                return _passed_on(node, teller, trigger)
        for child in node.children:
            if child.lower_ in _SOURCE_WORDS:  # "according to X", "citing X"
                obj = _object_of(child)
                if obj is not None:
                    return Attribution(None, *_source(obj))
            if child.dep_ == "advcl" and child.lemma_.lower() in verbs and any(
                    m.dep_ == "mark" and m.lower_ == "as" for m in child.children):
                teller = _agent(child) or _subject(child)  # "…, as confirmed by doctors", "as the Courier reported"
                if teller is not None:
                    return Attribution(child, *_source(teller))
            if child.dep_ == "parataxis" and child.lemma_.lower() in verbs and not _says_more(child):
                teller = _subject(child)  # "the plan, she said, is dead": said in passing
                if teller is not None and teller.lower_ not in IMPERSONAL:
                    return _passed_on(child, teller, trigger)
        if reporting and not tellers and not denied:
            return Attribution(node)  # "it is reported that …": told, by no one named
        if node.head.i == node.i:  # the root (spaCy makes a new Token each time: never `is`)
            source, document = _according_in_sentence(trigger, node)
            if source is None and (label := _line_label(trigger)) is not None:
                source, document = _source(label)
            return Attribution(None, source, document)
        if _gloss(node):
            # The writer's aside on a name: what is said in it ("officials, who say the law
            # targets …") is its teller's; nothing above it is ("Dravo, where the mine closed").
            break
        node, below = node.head, node
    return Attribution()


def _by_model(teller, features) -> bool:
    return teller_model().accepts(features)


def _reports(node, below, verbs) -> bool:
    """Whether ``node`` is a reporting verb and the claim, hanging from it as ``below``, is
    what it tells: not "she said, looking away" (how it was said), not "prices continue to
    rise" (a phase of the event)."""
    lemma = node.lemma_.lower()
    if node.pos_ not in ("VERB", "AUX") or not (lemma in verbs or lemma in DENYING or (
            lemma in _FINDING and below.dep_ == "ccomp")):
        return False
    if below.dep_ in _SCENE and not (below.dep_ == "prep" and below.lower_ in _ABOUT):
        return False
    return not (below.dep_ == "xcomp" and lemma in aspectual_verbs())


def _tellers(node, below, trigger) -> list:
    """Who may have told the claim hanging from ``node``: the verb's agent where the claim is
    what was told ("the deaths were confirmed by doctors", not "written by X after the death"),
    and its subject unless the verb is passive ("Torture is said to include …": the subject of
    "is said" is what is told; "X was quoted as saying" is the exception). Never a phrase the
    claim is in (an event noun can be the subject itself), though a name's relative clause can
    hold it ("Lutz, who says 40 were detained": Lutz tells it)."""
    told = below.dep_ in ("nsubjpass", "ccomp", "xcomp", "dobj", "csubjpass")
    found = [_agent(node) if told else None]
    if not _passive(node) or node.lemma_.lower() in _SUBJECT_TELLS:
        found.append(_subject(node))
    return [t for t in found if t is not None and not (named := phrase(t)).start <= trigger.i < named.end]


def _passed_on(verb, subject, trigger) -> Attribution:
    """A reporting verb's subject as the source, or, where it says whom it has the claim from,
    that one by way of the subject: "the Courier, citing two officials, reported" gives the
    officials via the Courier; "according to the Courier, officials said", the officials via
    the Courier."""
    for child in [*verb.children, *subject.children]:  # "the Courier, citing …, reported": either may hold it
        cited = None
        if child.lower_ in _SOURCE_WORDS:
            cited = _object_of(child)
        if cited is None or cited.left_edge.i <= trigger.i <= cited.right_edge.i:
            continue
        source, via = (cited, subject) if child.lower_ == "citing" else (subject, cited)
        return Attribution(verb, *_source(source), phrase(via))
    return Attribution(verb, *_source(subject))


def _according_in_sentence(trigger, root):
    """"…, according to X" the parse hangs on another clause of the sentence ("It is cleared to
    fly again, according to the agency"): it names the source of the whole sentence, unless
    it sits in a writer's aside."""
    for token in root.subtree:
        if token.lower_ in _SOURCE_WORDS and not any(_gloss(a) for a in token.ancestors):
            obj = _object_of(token)
            if obj is not None and not obj.left_edge.i <= trigger.i <= obj.right_edge.i:
                return _source(obj)
    return None, None


def _line_label(trigger):
    """The name a text's first line opens with before a colon, where the claim follows it on
    that line, as headlines attribute: "Mayor Lutz: Police detained 40 fishermen". Only the
    first line: later lines that open so are mostly a transcript's speakers, whom a reader
    (and PolNeAR) takes for the transcript's words (on PolNeAR train, every line gave 37
    sources right and 26 not; the first line alone 14 right, 3 the gold left out)."""
    if line(trigger):
        return None
    doc = trigger.doc
    colon = next((t.i for t in doc[:min(trigger.i, _LABEL_TOKENS)] if t.text == ":"), None)
    return None if colon is None else name_label(list(doc[:colon + 1]))


def _says_more(verb) -> bool:
    """Whether a reporting verb has content of its own ("he said that …", "she told them")."""
    return any(c.dep_ in ("ccomp", "dobj", "xcomp", "dative") for c in verb.children)


def _gloss(node) -> bool:
    """A clause the writer adds to describe a name or after a comma: "Kessel, where the
    protest began", "Lutz, a former mayor who …": not part of what a source says."""
    if node.dep_ == "appos":
        return True
    if node.dep_ != "relcl":
        return False
    before = node.left_edge.i - 1
    return node.head.pos_ == "PROPN" or (before >= 0 and node.doc[before].text in (",", "(", "—", "–", "-"))


def _source(token):
    """The phrase naming the source, and the document's where the source is its writer: for a
    document ("the report found"), the writer where the text names one (``nlp.writers``: a
    paragraph or two back at most), else the document itself."""
    if is_document(token):
        writer = writer_of(token)
        if writer is not None:
            return phrase(writer), phrase(token)
    return phrase(token), None


def _passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


def _agent(verb):
    """The agent of a passive verb: "doctors" in "confirmed by doctors"."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    agent = None if by is None else next((c for c in by.children if c.dep_ == "pobj"), None)
    return agent if agent is not None and line(agent) == line(verb) else None


def _subject(verb):
    """A verb's subject; for "…, who deny" the noun it refers to; for "puts … and says" and
    "said …, adding" the first verb's."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not in_dateline(c)), None)
        if subject is not None:  # a dateline's place the parse took for a subject is none ("DRAVO (MPA) – Castel said")
            if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                subject = verb.head  # "the authorities, who deny that …"
            return subject if line(subject) == line(verb) else None  # a caption the parse ran into
        participle = verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG"  # "…, adding that …"
        if not (verb.dep_ == "conj" or participle) or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _object_of(token):
    """What "according to" or "citing" names; for "citing", only what can tell something (a
    name, a document, people): "citing trust as a factor" cites a reason, not a source."""
    obj = _first_object(token)
    if obj is not None and token.lower_ == "citing" and not _can_tell(obj):
        return None
    return obj


def _can_tell(token, appositions: bool = True) -> bool:
    """A name, a document, people, or a noun with a name in apposition ("a neighbour, Ana Varga")."""
    return (token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or token.pos_ in ("PROPN", "PRON")
            or is_document(token) or token.lemma_.lower() in data_words(PEOPLE_WORDS)
            or (appositions and any(c.dep_ == "appos" and _can_tell(c, False) for c in token.children)))


def _first_object(token):
    for child in token.children:
        if child.dep_ == "pobj":
            return child
        if child.dep_ == "prep":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if child.dep_ == "dobj":
            return child
    return None


def phrase(token):
    """A noun phrase without relative clauses, or descriptions in apposition (a name in
    apposition stays: "the newspaper Kessel Courier")."""
    dropped = set()
    # A pronoun's relative clause is what names it: "those who escaped", not "those".
    described = ("relcl", "acl") if token.pos_ in ("PRON", "DET", "NUM") else ()
    for child in token.children:
        if (child.dep_ in ("relcl", "acl", "punct", "advcl") and child.dep_ not in described) or (
                child.dep_ == "appos" and child.pos_ != "PROPN"):
            dropped.update(t.i for t in child.subtree)
    paragraph = line(token)
    words = [t for t in token.subtree if t.i not in dropped and line(t) == paragraph]  # never across a paragraph
    words = [t for t in words if not in_dateline(t)] or words  # "DRAVO (MPA) – Castel said": not the dateline
    first, last = words[0].i, words[-1].i
    gaps = [t.i for t in token.doc[first:last + 1] if is_gap(t)]  # nor across a credit glued on
    first = max([g + 1 for g in gaps if g < token.i], default=first)
    last = min([g - 1 for g in gaps if g > token.i], default=last)
    while last > first and (token.doc[last].is_punct or token.doc[last].dep_ == "case"):
        last -= 1  # "the council's statement": the council
    return token.doc[first:last + 1]


def paragraph(token) -> tuple[int, int]:
    """The character offsets of the paragraph a token is in."""
    breaks = _breaks(token.doc)
    k = bisect_left(breaks, token.idx)
    return (breaks[k - 1] + 1 if k else 0), (breaks[k] if k < len(breaks) else len(document_text(token.doc)))


def _breaks(doc) -> list[int]:
    breaks = doc.user_data.get(_BREAKS)
    if breaks is None:
        text = document_text(doc)
        breaks = doc.user_data[_BREAKS] = [k for k, char in enumerate(text) if char == "\n"]
    return breaks


def line(token) -> int:
    """Which paragraph of the text a token is in (its count of line breaks before it)."""
    return bisect_left(_breaks(token.doc), token.idx)
