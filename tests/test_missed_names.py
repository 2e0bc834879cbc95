"""The scan for names the tagger missed, and the scan a later run starts from."""

from __future__ import annotations

import json

from newstrace.link.entity_layer import mention_refs
from newstrace.link.missed_names import NameScan, missed_mentions
from newstrace.model import Document, EntityMention, Extraction, Role

# (text, tagged names, role titles): a coverage whose later articles change what the earlier yield.
COVERAGE = [
    ("Police in Velmora said the Velmora Tribune had reported the raid. Officials in Vlemora said nothing.",
     [("Velmora", "GPE"), ("Velmora Tribune", "ORG")], []),
    ("Regional governor Pavel Ostrin opened the session. Later the regional governor left for Kavorra.",
     [("Pavel Ostrin", "PERSON")], [("Regional governor", "Pavel Ostrin")]),
    ("Kavora officials met Dana Brisk on Monday.", [("Kavora", "GPE")], []),
    ("Nobody in Kavorra spoke to Dana Brisk or the Velmora Tribune's editor.", [], []),
    # Later: "Vlemora" becomes a name of its own, so it is no slip of Velmora ...
    ("Residents of Vlemora gathered outside.", [("Vlemora", "GPE")], []),
    # ... Dana Brisk is tagged, so the earlier articles naming her untagged name her ...
    ("Dana Brisk, a lawyer, said she would appeal.", [("Dana Brisk", "PERSON")], []),
    # ... and "Kavorra" is one slip from two names now, so it is a slip of neither.
    ("The Kovorra council met.", [("Kovorra", "GPE")], []),
]


def _coverage():
    documents, extractions = [], {}
    for n, (text, tags, titles) in enumerate(COVERAGE):
        document = Document(source=f"article-{n}.txt", text=text)
        entities = sorted(EntityMention(text.index(name), text.index(name) + len(name), name, label)
                          for name, label in tags)
        roles = [Role(text.index(name), text.index(title), text.index(title) + len(title), title)
                 for title, name in titles]
        documents.append(document)
        extractions[document.key] = Extraction(key=document.key, entities=tuple(entities), roles=tuple(roles))
    return documents, extractions


def _scan(documents, extractions, known=None):
    return missed_mentions(documents, extractions, mention_refs(documents, extractions), known)


def test_missed_names_slips_and_titles_are_found():
    documents, extractions = _coverage()
    early, _ = _scan(documents[:4], extractions)
    found, _ = _scan(documents, extractions)
    assert [(m.document, m.text, m.label) for m in early] == [
        (3, "Velmora Tribune", "ORG"),
        (0, "Vlemora", "GPE"), (1, "Kavorra", "GPE"), (3, "Kavorra", "GPE"),
        (1, "the regional governor", "PERSON"),
    ]
    assert [(m.document, m.text, m.label) for m in found] == [
        (2, "Dana Brisk", "PERSON"), (3, "Dana Brisk", "PERSON"), (3, "Velmora Tribune", "ORG"),
        (1, "the regional governor", "PERSON"),
    ]
    for m in found:
        assert documents[m.document].text[m.start:m.end] == m.text
    [title] = [m for m in found if m.refers_to]
    assert title.refers_to == (1, COVERAGE[1][0].index("Pavel Ostrin"))


def test_a_later_run_starting_from_a_kept_scan_finds_what_a_fresh_scan_finds():
    """Whatever the documents an earlier run scanned, and though the new ones change what the
    old ones yield, starting from its scan (kept as JSON) gives the fresh scan's mentions."""
    documents, extractions = _coverage()
    fresh, fresh_scan = _scan(documents, extractions)
    for scanned in range(len(documents) + 1):
        _, earlier = _scan(documents[:scanned], extractions)
        kept = NameScan.from_dict(json.loads(json.dumps(earlier.to_dict())))
        assert kept == earlier
        assert _scan(documents, extractions, kept) == (fresh, fresh_scan)


def test_a_later_run_scans_only_the_new_documents_and_the_old_ones_holding_new_names(monkeypatch):
    import newstrace.link.missed_names as missed_names

    documents, extractions = _coverage()
    _, earlier = _scan(documents[:4], extractions)
    scanned = []
    scan_one = missed_names._names_and_slips
    monkeypatch.setattr(missed_names, "_names_and_slips",
                        lambda text, *rest: scanned.append(text) or scan_one(text, *rest))
    _scan(documents[:5], extractions, earlier)  # Vlemora, a new name: only the article with its slip again
    assert scanned == [COVERAGE[0][0], COVERAGE[4][0]]
    scanned.clear()
    _scan(documents[:6], extractions, earlier)  # Dana Brisk too: the articles naming her untagged as well
    assert scanned == [COVERAGE[n][0] for n in (0, 2, 3, 4, 5)]
