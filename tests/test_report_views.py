"""What the reports compute for display: word differences, highlights, the copy graph."""

from __future__ import annotations

from newstrace.render.views import claim_views, copy_graph, counted_paths, highlighted, word_diff


def test_word_diff_marks_insertions_and_deletions():
    base = "People are being held without charge, and some have been beaten"
    version = "People are held without any charge, and some have been savagely beaten."
    pieces = word_diff(base, version)
    assert ("being", "del") in pieces and ("any", "ins") in pieces and ("savagely", "ins") in pieces
    assert " ".join(p for p, op in pieces if op != "del") == version
    # unchanged words are shown as the version writes them ("beaten." for "beaten")
    assert " ".join(p for p, op in pieces if op != "ins").rstrip(".") == base


def test_highlights_cut_the_text_at_every_boundary_and_keep_it_whole():
    text = "The Courier said 40 people were held."
    spans = [(0, 11, "entity", "e-1"), (0, 37, "claim", "m-1"), (17, 26, "flag", "x"), (50, 60, "quote", "bad")]
    segments = highlighted(text, spans)
    assert "".join(s.text for s in segments) == text
    assert segments[0].text == "The Courier" and segments[0].kinds == ("claim", "entity")
    assert any(s.text == "40 people" and s.kinds == ("claim", "flag") for s in segments)


def test_claims_come_ranked_by_independent_sources(example_dossier):
    counts = [c.independent_sources for c in claim_views(example_dossier)]
    assert counts == sorted(counts, reverse=True)


def test_copy_graph_has_a_node_per_copying_document_and_arrows_where_the_direction_is_known(example_dossier):
    nodes, edges = copy_graph(example_dossier)
    copying = {r[s]["document"] for r in example_dossier["reuse"] if r["a"]["document"] != r["b"]["document"]
               for s in ("a", "b")}
    assert {n.id for n in nodes} == copying
    assert any(e.directed for e in edges)
    assert copy_graph(example_dossier) == (nodes, edges)


def test_the_timeline_places_claims_by_their_days_and_skips_days_it_cannot_place():
    from newstrace.dossier import Dossier
    from newstrace.render.views import source_label, timeline

    def claim(cid, when, documents, sources=1):
        return {"id": cid, "statement": cid, "when": when, "where": [], "independent_sources": sources, "origins": [],
                "independence": [], "figures": None, "conflicts": [], "predicate": "x",
                "mentions": [{"id": f"{cid}-{d}", "document": d, "start": 0, "end": 1, "text": "x",
                              "stance": "asserts"} for d in documents]}

    data = {"documents": [{"id": "doc-1", "text": "x", "published": "2026-03-02"},
                          {"id": "doc-2", "text": "x", "published": "2026"}],
            "claims": [claim("c-1", {"earliest": "2026-02-01", "latest": "2026-02-28"}, ["doc-1"]),
                       claim("c-2", None, ["doc-1", "doc-2"], 2),
                       claim("c-3", {"earliest": "--03-14", "latest": "--03-14"}, ["doc-1"]),
                       claim("c-4", None, ["doc-2"])]}
    entries = timeline(Dossier(data), claim_views(Dossier(data)))
    assert [(e.claim, e.start, e.end, e.dated) for e in entries] == [
        ("c-1", "2026-02-01", "2026-02-28", True), ("c-2", "2026-03-02", "2026-03-02", False)]
    assert entries[0].left == 0 and entries[0].width > entries[1].width
    assert source_label({"attributed_to": "Ana Holt", "source_kind": "named_person",
                         "source_pronoun": {"text": "she"}, "source_via": {"text": "Radio Dravo"}}) == \
        'Ana Holt (named person, as "she", via Radio Dravo)'
    assert source_label({"attributed_to": None, "source_kind": "pronoun", "source_pronoun": {"text": "they"}}) == \
        '"they" (pronoun, no name found)'


def test_how_the_sources_were_counted_shows_the_path_of_every_report():
    claim = {"independence": ["Radio Dravo: doc-2, doc-5"], "mentions": [
        {"origin": "Radio Dravo", "source_path": "doc-2 → cites Radio Dravo"},
        {"origin": "Radio Dravo", "source_path": "doc-5 → cites Radio Dravo → cites Sofia Marek"},
        {"origin": "Radio Dravo", "source_path": "doc-2 → cites Radio Dravo"},
        {"origin": None, "source_path": "doc-5's headline → in its own voice",
         "not_counted": "the headline of an article whose body reports it"},
        {"origin": None, "source_path": "doc-7 → in its own voice", "not_counted": "unsourced and undated"},
        {"origin": None, "source_path": "doc-7 → in its own voice", "not_counted": "unsourced and undated"}]}
    assert counted_paths(claim) == [
        "Radio Dravo: doc-2 → cites Radio Dravo; doc-5 → cites Radio Dravo → cites Sofia Marek",
        "not counted, doc-5's headline → in its own voice: the headline of an article whose body reports it",
        "not counted, doc-7 → in its own voice: unsourced and undated (2 reports)"]
    older = {"independence": ["Radio Dravo: doc-2"], "mentions": [{"origin": "Radio Dravo"}]}
    assert counted_paths(older) == ["Radio Dravo: doc-2"]  # a dossier written before paths
