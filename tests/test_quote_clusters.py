"""Quote clusters across articles, and the flags that show what changed between versions."""

from __future__ import annotations

import numpy as np

from newstrace.link.quotes import QuoteRef, cluster_quotes

LABELS = [f"doc-{n}" for n in range(1, 10)]
STATEMENT = "The harbour will stay closed until the inspectors have finished their work on the sea wall"


def ref(document: int, content: str, speaker: str | None = "Castel", published: str | None = None) -> QuoteRef:
    return QuoteRef(document=document, index=0, content=content, speaker=speaker,
                    speaker_text=speaker, published=published)


def flags_of(cluster, kind):
    return [f for f in cluster.flags if f.kind == kind]


def test_same_words_in_three_articles_are_one_cluster_without_flags():
    [cluster] = cluster_quotes([ref(0, STATEMENT), ref(1, STATEMENT), ref(2, STATEMENT)], LABELS)
    assert cluster.members == [0, 1, 2] and cluster.flags == []


def test_spelling_variants_are_the_same_utterance_and_no_alteration():
    a = "The authorised inspectors have finished their work on the harbour wall"
    b = "The authorized inspectors have finished their work on the harbor wall"
    [cluster] = cluster_quotes([ref(0, a), ref(1, b)], LABELS)
    assert cluster.flags == []


def test_an_inserted_word_is_an_alteration_with_the_word_as_evidence():
    altered = STATEMENT.replace("inspectors", "foreign inspectors")
    [cluster] = cluster_quotes([ref(0, STATEMENT), ref(1, STATEMENT), ref(2, altered)], LABELS)
    [flag] = flags_of(cluster, "alteration")
    assert flag.quotes == [2] and flag.inserted == ["foreign"] and "doc-3" in flag.detail


def test_a_word_left_out_silently_is_an_alteration_but_an_ellipsis_says_so():
    silent = STATEMENT.replace("on the sea wall", "the sea wall").replace("until the inspectors", "until inspectors")
    marked = STATEMENT.replace(" the inspectors have", " … have")
    [cluster] = cluster_quotes([ref(0, STATEMENT), ref(1, STATEMENT), ref(2, silent), ref(3, marked)], LABELS)
    altered = flags_of(cluster, "alteration")
    assert [f.quotes for f in altered] == [[2]]
    assert set(altered[0].deleted) == {"the", "on"}


def test_a_bracketed_gloss_is_an_alteration_even_in_a_quote_found_once():
    [cluster] = cluster_quotes([ref(0, "No complaint has reached the [national] commission about the wall")], LABELS)
    [flag] = flags_of(cluster, "alteration")
    assert flag.inserted == ["national"] and "brackets" in flag.detail


def test_a_shorter_stretch_of_a_fuller_version_is_a_truncation():
    short = "The harbour will stay closed"
    [cluster] = cluster_quotes([ref(0, STATEMENT), ref(1, short)], LABELS)
    [flag] = flags_of(cluster, "truncation")
    assert flag.quotes == [1]
    assert cluster.canonical == 0
    assert "until the inspectors" in flag.deleted[0]


def test_the_same_words_given_to_another_speaker_is_a_misattribution():
    refs = [ref(0, STATEMENT, "Castel"), ref(1, STATEMENT, "Castel"), ref(2, STATEMENT, "Brandt")]
    [cluster] = cluster_quotes(refs, LABELS)
    [flag] = flags_of(cluster, "misattribution")
    assert flag.quotes == [2] and flag.speakers == ["Brandt", "Castel"]
    assert "doc-3" in flag.detail and "doc-1" in flag.detail


def test_a_misspelt_speaker_is_not_a_misattribution():
    refs = [ref(0, STATEMENT, "Castel"), ref(1, STATEMENT, "Castell")]
    [cluster] = cluster_quotes(refs, LABELS)
    assert flags_of(cluster, "misattribution") == []


def test_speakers_join_the_first_group_whose_first_speaker_matches_as_a_pairwise_loop_would():
    from newstrace.link.quotes import _first_same_word, _same_word

    words = ["castel", "castell", "brandt", "ng", "nq", "brand", "castel", "ng", "veradin", "vreadin", "vera"]
    groups: list[str] = []
    for word in words:
        expected = next((n for n, first in enumerate(groups) if _same_word(first, word)), None)
        assert _first_same_word(word, groups) == expected, word
        if expected is None:
            groups.append(word)
    assert groups == ["castel", "brandt", "ng", "nq", "veradin", "vera"]


def test_first_appearance_by_publication_date():
    refs = [ref(0, STATEMENT, published="2026-05-03"), ref(1, STATEMENT, published="2026-05-01T10:00:00Z"),
            ref(2, STATEMENT)]
    [cluster] = cluster_quotes(refs, LABELS)
    assert cluster.first == 1


def test_a_second_translation_by_the_same_speaker_is_a_translation_variant():
    one = "Nobody will be allowed to bring disorder to our harbour"
    two = "We will not let anyone sow chaos in the port"
    other = "The sea wall was built by my grandfather"

    def embed(texts):  # a stand-in model: the two translations point the same way
        return np.array([[1.0, 0.0] if "wall" not in t else [0.0, 1.0] for t in texts])

    clusters = cluster_quotes([ref(0, one), ref(1, two), ref(2, other)], LABELS, embed=embed)
    joined = next(c for c in clusters if len(c.members) == 2)
    [flag] = flags_of(joined, "translation_variant")
    assert len(flag.quotes) == 1


def test_translations_by_different_speakers_are_not_joined():
    def embed(texts):
        return np.ones((len(texts), 1))

    clusters = cluster_quotes([ref(0, "Nobody will be allowed to bring disorder here", "Castel"),
                               ref(1, "We will not let anyone sow chaos in the port", "Brandt")], LABELS, embed=embed)
    assert len(clusters) == 2


def test_unrelated_quotes_stay_apart():
    clusters = cluster_quotes([ref(0, STATEMENT), ref(1, "Fishing boats may leave the inner basin from Monday")],
                              LABELS)
    assert len(clusters) == 2


def test_the_dossier_links_quotes_clusters_speakers_and_offsets(analyse):
    said = "“The harbour will stay closed until the inspectors have finished,” harbour master Mira Castel said."
    given = "“The harbour will stay closed until the inspectors have finished,” port official Ivo Brandt said."
    filler = "Boats waited outside the wall all day on Tuesday while crews checked the moorings."
    result = analyse({"a.txt": f"Harbour shut\n\n{filler} {said}\n",
                      "b.txt": f"Port closed\n\n{said} Ferries are cancelled.\n",
                      "c.txt": f"Wall checks\n\n{given} {filler}\n"}, embedding_model="")
    dossier = result.dossier  # the analyse fixture already checked schema and offsets
    quotes = {q["id"]: q for q in dossier["quotes"]}
    [cluster] = [c for c in dossier["quote_clusters"] if len(c["quotes"]) == 3]
    assert all(quotes[q]["cluster"] == cluster["id"] for q in cluster["quotes"])
    [flag] = cluster["flags"]
    assert flag["kind"] == "misattribution"
    [flagged] = flag["quotes"]
    assert quotes[flagged]["speaker"]["text"] == "port official Ivo Brandt"
    entity = next(e for e in dossier["entities"] if e["id"] == quotes[flagged]["speaker"]["entity"])
    assert entity["name"] == "Ivo Brandt"


def test_an_organisations_words_given_to_its_spokesman_are_no_misattribution_and_say_why():
    refs = [QuoteRef(document=d, index=0, content=STATEMENT, speaker="Ministry", speaker_text="the Transport Ministry",
                     published=None, speaker_label="ORG", speaker_ties=("the Transport Ministry",)) for d in (0, 1)]
    refs.append(QuoteRef(document=2, index=0, content=STATEMENT, speaker="Brandt", speaker_text="Ivo Brandt",
                         published=None, speaker_label="PERSON",
                         speaker_ties=("Ivo Brandt", "spokesman the Transport Ministry")))
    [cluster] = cluster_quotes(refs, LABELS)
    assert flags_of(cluster, "misattribution") == []
    [flag] = flags_of(cluster, "speaks_for")
    assert flag.quotes == [2] and flag.speakers == ["Ivo Brandt", "the Transport Ministry"]
    assert "Ivo Brandt is “spokesman the Transport Ministry” in doc-3" in flag.detail


def test_words_one_document_gives_to_an_organisation_and_to_its_writer_are_no_misattribution():
    refs = [QuoteRef(document=0, index=0, content=STATEMENT, speaker="Embassy", speaker_text="the Valdorian Embassy",
                     published=None),
            QuoteRef(document=0, index=1, content=STATEMENT, speaker="Slovan", speaker_text="Petar Slovan",
                     published=None, speaker_label="PERSON"),
            QuoteRef(document=1, index=0, content=STATEMENT, speaker="Slovan", speaker_text="Petar Slovan",
                     published=None, speaker_label="PERSON")]
    [cluster] = cluster_quotes(refs, LABELS)
    assert flags_of(cluster, "misattribution") == []
    [flag] = flags_of(cluster, "speaks_for")
    assert "doc-1 gives these words to both" in flag.detail


def test_a_spokesmans_words_given_to_the_minister_himself_are_a_misattribution():
    refs = [ref(0, STATEMENT, "Varga"), ref(1, STATEMENT, "Varga"),
            QuoteRef(document=2, index=0, content=STATEMENT, speaker="Brandt", speaker_text="Varga’s spokesman Ivo Brandt",
                     published=None, speaker_label="PERSON", speaker_ties=("Varga’s spokesman Ivo Brandt",))]
    [cluster] = cluster_quotes(refs, LABELS)
    assert flags_of(cluster, "speaks_for") == [] and len(flags_of(cluster, "misattribution")) == 1


def test_a_shared_phrase_of_function_words_is_no_shared_utterance():
    """Four words in common of which only one says anything, or a short quote whose content
    words are mostly its own, are two utterances; a short excerpt of a longer quote is one."""
    from newstrace.link.quotes import _same_utterance, words_of

    def same(a, b):
        return _same_utterance(words_of(a).words, words_of(b).words, 0.6)

    assert not same("before the end of the year", "this will be the beginning of the end of the harbour office")
    assert not same("Selmer aggression against the Vella Council",
                    "The ministry is already using force against the Vella Council, officials said")
    assert same("absolute lies and slander", "branding the reports absolute lies and slander and saying")
    assert same("we will fight back", "we will fight back hard")
