"""Direct quotes and who said them: quote marks for the words, spaCy's parse for the speaker.

The steps, in order (compute first, then decide):

1. ``find_quotations`` pairs the marks.
2. Each quotation gets the attribution its own sentence gives it: the reporting verb
   (data/reporting_verbs.txt) nearest the quote outside any quote marks, and that
   verb's subject, agent or "according to" object.
3. Quotes split by their cue ("A," she said, "B.") are joined; a quote with no cue
   of its own takes the attribution of a quote earlier in the same sentence, or of
   the quote that it continues.
4. Pronoun speakers resolve to the nearest earlier named speaker or person nearby.
5. Scare quotes and titles (short, unattributed, or title-cased) are dropped: they
   are not speech.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from newstrace.data_files import data_rows, data_words
from newstrace.model import Quote, Speaker
from newstrace.nlp.antecedents import antecedent
from newstrace.nlp.doc_text import document_text
from newstrace.nlp.quote_marks import Quotation, find_quotations, is_fragment
from newstrace.nlp.writers import is_document, writer_of

SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
# Dependency labels whose subtree is not part of the speaker's name: "Holt, who ..., said"
_NOT_NAME = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"})
_KEEP_PREP = frozenset({"of", "at", "for", "from", "with"})  # "a researcher at X", "spokesman for Y"
_HEARER_VERBS = frozenset({"tell", "inform", "assure", "email", "text", "message"})
_MEDIUM_PREPS = frozenset({"in", "on", "to", "via", "through", "during"})
_NOT_MEDIUM = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL"})
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z](?:\.[A-Z])*|\b(?:No|St|vs|etc))$")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s|$)")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_LINE = re.compile(r"[^\n]+")
_DASHES = ("―", "—", "–", "-")
_OPEN_ENDING = re.compile(r"[,;:?!—–-]\s*$")

PEOPLE_WORDS = "nlp/data/people_words.txt"  # nouns for people: "Police:" before a quote names its speaker


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[str, str]:
    """Lemma -> kind ("reports", or "naming" for verbs that label: call, describe, brand)."""
    return {fields[0]: fields[1] if len(fields) > 1 else "reports"
            for fields in data_rows("nlp/data/reporting_verbs.txt")}


@dataclass(frozen=True)
class _Attribution:
    cue: object | None = None  # spaCy Token
    speaker: object | None = None  # spaCy Token: the head of the speaker's noun phrase
    side: str | None = None  # left | right: where the cue stands
    basis: str | None = None


def direct_quotes(doc, blocks: tuple[tuple[int, int], ...] = ()) -> tuple[tuple[Quote, ...], tuple[str, ...]]:
    """The direct quotes of a parsed spaCy Doc, with speakers, and warnings about the quote marks.

    ``blocks`` are spans the page set off as block quotes (HTML <blockquote>): quotes without marks.
    """
    text = document_text(doc)
    quotations, warnings = find_quotations(text)
    quotations = _with_blocks(text, quotations, blocks)
    if not quotations:
        return (), tuple(warnings)
    reader = _Reader(doc, quotations)
    attributions = [reader.attribute(i) for i in range(len(quotations))]
    groups = reader.join_interrupted(attributions)
    attributions = reader.inherit(groups, attributions)
    quotes = []
    for group, found in zip(groups, attributions):
        if not reader.is_speech(group, found):
            continue
        spans = [(a, b) for q in group for a, b in q.parts]
        parts = tuple(p for n, (a, b) in enumerate(spans)
                      if (p := _strip(text, a, b, last=n == len(spans) - 1))[0] < p[1])
        if not parts:
            continue
        speaker = reader.speaker(found)
        quotes.append(Quote(parts=parts, speaker=speaker,
                            cue=found.cue.text if found.cue is not None else None,
                            via=reader.via(found.cue)))
    return tuple(quotes), tuple(warnings)


def _with_blocks(text: str, quotations: list[Quotation], blocks) -> list[Quotation]:
    """Block quotes join the marked quotations, unless marks already enclose them."""
    for start, end in blocks:
        inside = [q for q in quotations if start <= q.start and q.end <= end]
        if any(q.end - q.start >= 0.8 * (end - start) for q in inside):
            continue
        parts = tuple(m.span() for m in _LINE.finditer(text, start, end))
        quotations = [q for q in quotations if q not in inside] + [Quotation(start, end, parts, "block")]
    return sorted(quotations, key=lambda q: q.start)


def _strip(text: str, start: int, end: int, last: bool) -> tuple[int, int]:
    """A part without outer spaces; the last without the comma that joins it to its cue ("A," she said)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or (last and text[end - 1] in ",;:—–")):
        end -= 1
    return start, end


class _Reader:
    """Attribution over one document: its tokens, paragraphs and quotations."""

    def __init__(self, doc, quotations: list[Quotation]):
        self.doc = doc
        self.text = document_text(doc)
        self.quotations = quotations
        self.token_starts = [t.idx for t in doc]
        self.inside = [False] * len(doc)
        for q in quotations:
            for i in self._token_range(q.start, q.end):
                self.inside[i] = True
        self.paragraphs = [m.span() for m in _LINE.finditer(self.text)]
        self.paragraph_starts = [p[0] for p in self.paragraphs]
        self.paragraph_ends = [p[1] for p in self.paragraphs]
        self.fragments = [is_fragment(self.text[a:b]) for a, b in self.paragraphs]
        self.verbs = reporting_verbs()

    # spans ------------------------------------------------------------------

    def _token_range(self, start: int, end: int) -> range:
        return range(bisect_left(self.token_starts, start), bisect_left(self.token_starts, end))

    def _tokens(self, start: int, end: int) -> list:
        return [self.doc[i] for i in self._token_range(start, end) if not self.inside[i]]

    def _paragraph(self, offset: int) -> tuple[int, int]:
        n = bisect_left(self.paragraph_ends, offset)
        return self.paragraphs[min(n, len(self.paragraphs) - 1)]

    def _left_bound(self, i: int) -> int:
        """Where the sentence before quotation ``i`` starts: no earlier than its paragraph or the last quote."""
        q = self.quotations[i]
        para_start, _ = self._paragraph(q.start)
        bound = para_start
        if i and self.quotations[i - 1].end > para_start:
            bound = self.quotations[i - 1].end
        if bound == para_start and not self.text[para_start:q.start].strip():
            previous = self._previous_paragraph(para_start)
            if previous and (q.mark == "block" or self.text[previous[0]:previous[1]].rstrip().endswith(":")):
                # "Holt told parliament:" ¶ "…", or the sentence that introduces a block quote
                return self._sentence_start(previous[0], previous[1])
        return self._sentence_start(bound, q.start)

    def _previous_paragraph(self, para_start: int) -> tuple[int, int] | None:
        """The paragraph before, past any caption, credit or heading between them."""
        n = bisect_left(self.paragraph_starts, para_start) - 1
        while n >= 0 and self.fragments[n]:
            n -= 1
        return self.paragraphs[n] if n >= 0 else None

    def _sentence_ends(self, start: int, end: int) -> list[int]:
        """Offsets just after each sentence end in [start, end): "Mr." and "R." are not ends."""
        return [m.end() for m in _SENTENCE_END.finditer(self.text, start, end)
                if not _ABBREVIATION.search(self.text[max(start, m.start() - 5):m.start()])]

    def _sentence_start(self, start: int, end: int) -> int:
        ends = self._sentence_ends(start, end)
        return ends[-1] if ends else start

    def _right_bound(self, i: int) -> int:
        q = self.quotations[i]
        _, para_end = self._paragraph(q.end - 1)  # where the quote ends: it may run over paragraphs
        bound = para_end
        if i + 1 < len(self.quotations) and self.quotations[i + 1].start < para_end:
            bound = self.quotations[i + 1].start
        ends = self._sentence_ends(q.end, bound)
        return ends[0] if ends else bound

    # attribution ------------------------------------------------------------

    def _is_cue(self, token) -> bool:
        if token.lower_ == "according":
            return token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to"
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.verbs

    def attribute(self, i: int) -> _Attribution:
        q = self.quotations[i]
        content = q.content(self.text).rstrip()
        left_tokens = self._tokens(self._left_bound(i), q.start)
        right_tokens = self._tokens(q.end, self._right_bound(i))
        left = [t for t in left_tokens if self._is_cue(t)]
        right = [t for n, t in enumerate(right_tokens) if self._is_cue(t) and self._adjacent(right_tokens[:n])]
        order = []
        if right and _OPEN_ENDING.search(content):
            order.append((right[0], "right", right_tokens))
        if left:
            order.append((left[-1], "left", left_tokens))
        if right:
            order.append((right[0], "right", right_tokens))
        for cue, side, tokens in order:
            speaker = self._subject(cue)
            if speaker is None:
                speaker = self._name_near(cue, tokens)
            if speaker is not None:
                return _Attribution(cue, speaker, side, "cue")
        if order:
            cue, side, _ = order[0]
            return _Attribution(cue, None, side, "cue")
        signed = self._signature(q.end, right_tokens)
        if signed is not None:
            return _Attribution(None, signed, "right", "dash")
        labelled = name_label(left_tokens)
        if labelled is not None:
            return _Attribution(None, labelled, "left", "label")
        return _Attribution()

    @staticmethod
    def _adjacent(between: list) -> bool:
        """A cue after the quote is its own only when no new clause starts first ("..., when X said")."""
        return len(between) <= 30 and not any(t.dep_ == "mark" or t.tag_ == "WRB" for t in between)

    def _name_near(self, cue, tokens: list):
        """A name right beside a cue the parse gave no subject: "Said Ellis:", "said Leslie Wimes"."""
        position = {t.i: n for n, t in enumerate(tokens)}
        if cue.i not in position:
            return None
        n = position[cue.i]
        for k in sorted(range(len(tokens)), key=lambda k: (abs(k - n), k)):
            if abs(k - n) > 6:
                break
            token = tokens[k]
            if k != n and (token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG")):
                while token.dep_ in ("compound", "flat") and token.head.i in position and token.head.i > token.i:
                    token = token.head
                owner = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else None
                if owner is not None and owner.pos_ in ("PROPN", "NOUN") and owner.i in position:
                    token = owner  # "the Russian Embassy to Israel": the embassy, not Israel
                return token
        return None

    def _signature(self, quote_end: int, tokens: list):
        """A quote signed with a dash and a name: "…” ― Jorge Falcon" (web copy glues the dash
        to the mark, and the tokenizer the mark to the dash: ``tokens`` may start after both)."""
        after = self.text[quote_end:self._paragraph(quote_end - 1)[1]]
        if not after.strip():  # signed on a line of its own: "…”" ¶ "― Jorge Falcon"
            line = self._paragraph(quote_end + len(after) + 1)
            if line[0] <= quote_end:
                return None
            after, tokens = self.text[line[0]:line[1]], self._tokens(*line)
        if not after.lstrip().startswith(_DASHES):
            return None
        name = [t for t in tokens if not t.is_space and not t.is_punct and t.text.strip("".join(_DASHES))]
        if not name or len(name) > 6 or not all(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in name):
            return None
        return name[-1]

    def _subject(self, verb):
        """The speaker of a reporting verb: its subject, its passive agent, or "according to" X."""
        for _ in range(4):
            if verb.lower_ == "according":
                for prep in verb.children:
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and not self.inside[obj.i]:
                            return obj
                return None
            agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            # Nearest first: a parse that gives the verb two subjects ("at the fair in Selmer, OH,
            # … Gov. Ana Lutz said") has the speaker beside the verb.
            subjects = sorted((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")),
                              key=lambda c: abs(c.i - verb.i))
            found = agents[0] if agents else subjects[0] if subjects else None
            if found is not None and self._paragraph(found.idx) != self._paragraph(verb.idx):
                return None  # the parse ran across a paragraph break (a caption, a heading)
            if found is not None:
                if found.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                    found = verb.head  # "Holt, who said ..."
                return None if self.inside[found.i] else found
            if verb.dep_ == "relcl" or (verb.dep_ == "acl" and _names_someone(verb.head)):
                return None if self.inside[verb.head.i] else verb.head  # "officials speaking on ..."
            if verb.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "parataxis", "acl") or verb.head.i == verb.i:
                return None
            if self.inside[verb.head.i]:
                return None  # the parse tied the cue to words inside the quote
            verb = verb.head if verb.dep_ != "acl" else verb.head.head  # "denied the arrests, claiming"  # "went on to say", "rejected the report and said"
        return None

    def join_interrupted(self, attributions: list[_Attribution]) -> list[list[Quotation]]:
        """Join "A," she said, "B." into one quote: A's cue sits between them and B has none of its own."""
        groups: list[list[Quotation]] = []
        for i, q in enumerate(self.quotations):
            if groups and i and self._interrupted(i - 1, i, attributions):
                groups[-1].append(q)
                attributions[i] = attributions[i - 1]
            else:
                groups.append([q])
        return groups

    def _interrupted(self, i: int, j: int, attributions: list[_Attribution]) -> bool:
        a, b = self.quotations[i], self.quotations[j]
        first, second = attributions[i], attributions[j]
        if first.side != "right" or first.speaker is None or second.side == "right":
            return False
        if self._paragraph(a.start) != self._paragraph(b.start):
            return False
        if not _OPEN_ENDING.search(a.content(self.text).rstrip()):
            return False
        inner_stops = [e for e in self._sentence_ends(a.end, b.start) if self.text[e:b.start].strip()]
        return not inner_stops and first.cue.idx < b.start

    def inherit(self, groups: list[list[Quotation]], attributions: list[_Attribution]) -> list[_Attribution]:
        """Attribution per group; a group with no cue takes one from the sentence or the quote it continues."""
        firsts = []
        index = 0
        for group in groups:
            firsts.append(attributions[index])
            index += len(group)
        result: list[_Attribution] = []
        for n, (group, found) in enumerate(zip(groups, firsts)):
            if found.speaker is None and n:
                previous, before = groups[n - 1], result[n - 1]
                found = self._inherited(previous[-1], group[0], before) or found
            result.append(found)
        return result

    def _inherited(self, previous: Quotation, quote: Quotation, before: _Attribution) -> _Attribution | None:
        if before.speaker is None:
            return None
        same_paragraph = self._paragraph(previous.start) == self._paragraph(quote.start)
        if same_paragraph and not self._sentence_ends(previous.end, quote.start):
            return replace(before, basis="same_sentence")  # 'that the reports were "A" and the depot "B"'
        para_start, para_end = self._paragraph(quote.start)
        whole_paragraph = not self.text[para_start:quote.start].strip() and not self.text[quote.end:para_end].strip()
        previous_paragraph = self._previous_paragraph(para_start)
        continues = same_paragraph or (
            whole_paragraph and previous_paragraph is not None
            and previous_paragraph[0] <= previous.start < previous_paragraph[1])
        return replace(before, basis="continuation") if continues else None

    # decisions ----------------------------------------------------------------

    def is_speech(self, group: list[Quotation], found: _Attribution) -> bool:
        """Speech, not a scare quote or a title."""
        content = " ".join(q.content(self.text) for q in group).strip()
        words = _WORD.findall(content)
        if not words:
            return False
        utterance = bool(re.search(r"[.,!?…]\s*$", content))  # ends as a sentence or a clause does
        if found.basis in ("cue", "same_sentence", "dash", "label"):
            if found.cue is not None and self.verbs.get(found.cue.lemma_.lower()) == "naming":
                return len(words) >= 4  # "what the police call 'preventive measures'" is a label
            return len(words) >= 3 or utterance
        if found.basis == "continuation":
            return len(words) >= 3
        if len(words) < 4 or _title_cased(words):
            return False
        return utterance or len(words) >= 8 or any(q.mark == "block" for q in group)

    def speaker(self, found: _Attribution) -> Speaker | None:
        token = found.speaker
        if token is None:
            return None
        token = _named_before_parenthesis(token)
        start, end = self._name_span(token)
        basis = found.basis or "cue"
        if token.lower_ in SUBJECT_PRONOUNS and token.pos_ == "PRON":
            named = self._antecedent(token)
            if named is None:
                return Speaker(start, end, self.text[start:end], token.text, basis)
            a_start, a_end, head = named
            return Speaker(a_start, a_end, self.text[a_start:a_end], head, "pronoun", pronoun=(start, end))
        if is_document(token):
            # "The letter says": its writer speaks, when the text names one; else the document does.
            writer = writer_of(token, skip=lambda t: self.inside[t.i])  # never a word inside a quote
            if writer is None:
                return Speaker(start, end, self.text[start:end], token.text, "document")
            w_start, w_end = self._name_span(writer)
            return Speaker(w_start, w_end, self.text[w_start:w_end], writer.text, "author",
                           document_mention=(start, end))
        return Speaker(start, end, self.text[start:end], token.text, basis)

    def _name_span(self, head) -> tuple[int, int]:
        """The speaker's noun phrase with its titles and appositions, without relative clauses."""
        dropped: set[int] = set()
        for child in head.subtree:
            if child.i == head.i or child.i in dropped:
                continue
            if child.head.i not in dropped and (
                (child.dep_ in _NOT_NAME and not (child.dep_ == "prep" and child.lower_ in _KEEP_PREP))
                or self.inside[child.i]
            ):
                dropped.update(t.i for t in child.subtree)
        para_start, para_end = self._paragraph(head.idx)
        kept = {t.i for t in head.subtree if para_start <= t.idx < para_end} - dropped
        first = last = head.i
        while first - 1 in kept:
            first -= 1
        while last + 1 in kept or (last + 1 < len(self.doc) and self.doc[last + 1].dep_ == "punct"
                                   and last + 2 in kept and self.doc[last + 1].text == ","):
            last += 1
        while last > head.i and (self.doc[last].is_punct or self.doc[last].dep_ in ("cc", "case")):
            last -= 1
        while first < head.i and self.doc[first].is_punct:
            first += 1
        return self.doc[first].idx, self.doc[last].idx + len(self.doc[last])

    def _antecedent(self, pronoun) -> tuple[int, int, str] | None:
        """The name the pronoun stands for (``nlp.antecedents``), never one inside a quote."""
        span = antecedent(pronoun, skip=lambda ent: self.inside[ent.start])
        return None if span is None else (span.start_char, span.end_char, span[-1].text)

    def via(self, cue) -> str | None:
        """The medium or audience: "told Interfax", "said in a statement", "wrote on the site"."""
        if cue is None or cue.lower_ == "according":
            return None
        children = list(cue.children)
        if cue.lemma_.lower() in _HEARER_VERBS:
            for child in children:
                if child.dep_ in ("dobj", "dative", "iobj") and child.pos_ != "PRON" and not self.inside[child.i]:
                    return self._phrase(child)
        for child in children:
            if child.dep_ == "prep" and child.lower_ in _MEDIUM_PREPS:
                objects = [o for o in child.children if o.dep_ == "pobj" and not self.inside[o.i]]
                if objects and objects[0].ent_type_ not in _NOT_MEDIUM and objects[0].pos_ not in ("PRON", "NUM"):
                    return self._phrase(objects[0])
        return None

    def _phrase(self, head) -> str:
        """A noun phrase's text, stopping before a date or a clause."""
        tokens = [t for t in head.subtree if not self.inside[t.i]]
        end = head.i
        for t in tokens:
            if t.i <= head.i:
                continue
            if t.ent_type_ in ("DATE", "TIME") or t.dep_ in ("relcl", "acl", "punct") or t.i != end + 1:
                break
            end = t.i
        while end > head.i and self.doc[end].dep_ in ("prep", "case", "cc"):
            end -= 1
        start = min(t.i for t in tokens if t.i <= head.i)
        return self.doc[start:end + 1].text


def name_label(tokens: list):
    """The head of a name that introduces what follows with a colon, as headlines and
    transcripts do: 'Varga: "We stay"', 'Kessel governor: "…"', 'Police: "…"' (``tokens``:
    those before what it introduces, the colon last), else None. Only a short noun phrase
    without a verb, with a name or people at its head: "The sign read:" is a sentence, and
    "EXCLUSIVE:", "CORRECTION:", "Editor's note:", "The verdict:" and a place ("Chechnya:")
    name no one."""
    words = [t for t in tokens if not t.is_space and not t.is_quote]
    if not 2 <= len(words) <= 6 or words[-1].text != ":":
        return None
    name = words[:-1]
    inside = {t.i for t in name}
    heads = [t for t in name if t.head.i not in inside or t.head.i == t.i]
    if len(heads) != 1 or any(t.pos_ in ("VERB", "AUX", "PRON") for t in name):
        return None
    head = heads[0]
    if len(name) > 1 and all(t.is_upper for t in name if t.is_alpha):
        return None  # "DUNGEON OF SHAME:": a kicker
    if head.ent_type_ in ("PERSON", "ORG", "NORP") or head.lemma_.lower() in data_words(PEOPLE_WORDS):
        return head
    if head.ent_type_ in ("GPE", "LOC", "FAC"):
        return None  # "Chechnya: …" says where, as a kicker does, not who
    return head if head.pos_ == "PROPN" and not head.is_upper else None  # "CORRECTION:" is a kicker


def _named_before_parenthesis(token):
    """The name a parenthesis follows, for a word inside it: "Rep. Ana Lutz (R-WI) said" is
    Lutz's, whichever of the words the parse made the subject."""
    doc, i = token.doc, token.i
    opened = next((k for k in range(i - 1, max(i - 6, -1), -1) if doc[k].text in "()"), None)
    if opened is None or doc[opened].text != "(" or opened == 0:
        return token
    closed = next((k for k in range(i + 1, min(i + 6, len(doc))) if doc[k].text in "()"), None)
    if closed is None or doc[closed].text != ")":
        return token
    name = doc[opened - 1]
    if name.pos_ != "PROPN":
        return token
    while name.dep_ in ("compound", "flat") and name.head.i > name.i and name.head.i < opened:
        name = name.head
    return name


def _names_someone(token) -> bool:
    return token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PERSON", "ORG", "NORP")


def _title_cased(words: list[str]) -> bool:
    """A title or a name ("Stealth Over Health"), not a sentence: its long words all capitalised."""
    long = [w for w in words if len(w) > 3]
    return bool(long) and all(w[0].isupper() for w in long) and len(words) <= 12
