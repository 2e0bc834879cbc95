"""What the reports compute for display: word differences, highlights, the copy graph."""

from __future__ import annotations

from newstrace.render.views import claim_views, copy_graph, highlighted, word_diff


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
