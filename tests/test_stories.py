"""Stories: the documents that tell of one happening, and claims linked only within one."""

from __future__ import annotations

import pytest

QUAKE = [
    ("quake-a.txt", "Earthquake hits Varna\n\nAn earthquake struck the port city of Varna on Tuesday, killing 12 people. "
                    "Mayor Ilse Brandauer said rescuers from Tarnow were searching the old harbour district.\n"),
    ("quake-b.txt", "Varna counts its dead\n\nThe earthquake that struck Varna on Tuesday killed at least 12 people, "
                    "Mayor Ilse Brandauer told reporters. Rescue teams searched the harbour district of Varna.\n"),
    ("quake-c.txt", "Aftershocks in Varna\n\nRescuers in Varna found two more survivors after the earthquake, "
                    "Mayor Ilse Brandauer said. The harbour district of Varna remains closed.\n"),
]
STRIKE = [
    ("strike-a.txt", "Dockers strike in Selmer\n\nDockers in Selmer walked out on Monday over pay, union leader "
                     "Oskar Ferro said. Forty ships waited outside the port of Selmer.\n"),
    ("strike-b.txt", "Selmer port shut by strike\n\nThe strike by Selmer dockers entered its second day, Oskar Ferro "
                     "of the dockers' union said. Ships queued outside Selmer.\n"),
]


@pytest.fixture(scope="module")
def dossier(tmp_path_factory, settings):
    import newstrace

    folder = tmp_path_factory.mktemp("two-stories")
    for name, text in QUAKE + STRIKE:
        (folder / name).write_text(text, encoding="utf-8")
    return newstrace.analyze([str(folder)], settings)


def _sources(dossier, story) -> set[str]:
    names = {d["id"]: d["source"].rsplit("/", 1)[-1] for d in dossier.documents}
    return {names[d] for d in story["documents"]}


def test_two_happenings_are_two_stories(dossier):
    stories = dossier["stories"]
    assert [_sources(dossier, s) for s in stories] == [{n for n, _ in QUAKE}, {n for n, _ in STRIKE}]
    assert stories[0]["id"] == "s-1" and "Varna" in stories[0]["names"]


def test_claims_stay_inside_their_story(dossier):
    story_of = {d: s["id"] for s in dossier["stories"] for d in s["documents"]}
    for claim in dossier["claims"]:
        assert {story_of[m["document"]] for m in claim["mentions"]} == {claim["story"]}
        assert claim["id"] in next(s for s in dossier["stories"] if s["id"] == claim["story"])["claims"]


def test_one_fact_told_by_three_outlets_is_one_claim_with_its_figures(dossier):
    quake = next(c for c in dossier["claims"] if c["predicate"] in ("kill", "strike", "earthquake")
                 and len(c["documents"]) >= 2)
    assert quake["story"] == "s-1"
    assert "Varna" in quake["where"]


def test_a_story_of_one_document_is_fine(settings):
    from collections import Counter

    from newstrace.link.stories import DocumentProfile, find_stories

    empty = {name: Counter() for name in ("words", "person", "org", "place", "dates", "predicates", "lead_names",
                                          "lead_words")}
    stories = find_stories([DocumentProfile(empty, None)])
    assert stories.groups == [[0]] and stories.story_of == [0]
    assert find_stories([]).groups == []


def test_a_short_article_joins_the_story_it_plainly_belongs_to():
    """One document that names too little to clear the threshold with each of a story's
    documents still joins it when it is twice as likely there as anywhere else."""
    import numpy as np

    from newstrace.link.stories import _attach_small

    groups = [[0, 1, 2, 3], [4], [5, 6, 7, 8]]
    rows = np.array([0, 1, 2, 3, 4, 4])
    cols = np.array([4, 4, 4, 4, 5, 6])
    scores = np.array([0.5, 0.4, 0.45, 0.4, 0.1, 0.1])
    assert _attach_small(groups, rows, cols, scores, 9, 0.35) == [[0, 1, 2, 3, 4], [5, 6, 7, 8]]
    # Not when another story is nearly as likely.
    scores = np.array([0.5, 0.4, 0.45, 0.4, 0.9, 0.9])
    assert _attach_small(groups, rows, cols, scores, 9, 0.35) == groups


def test_documents_that_give_other_times_are_told_apart():
    """One team firing its coach in two seasons is told in the same words with the same names:
    only their dates tell them apart. Both documents must give times and share none; figures
    ("#3") are no times, and a document that gives none is apart from nothing."""
    from collections import Counter

    from newstrace.link.stories import CHANNELS, FEATURES, DocumentProfile, pair_features, story_model

    def profile(dates):
        channels = {name: Counter({"varga": 2, "fired": 1, "coach": 1}) for name in CHANNELS}
        channels["dates"] = Counter(dates)
        return DocumentProfile(channels, "Ada Varga")

    profiles = [profile({"2005": 1, "#3": 1}), profile({"2008": 1, "#3": 1}), profile({"2005": 1, "2005-05": 1}),
                profile({"#3": 1}), profile({"2008-03": 1})]  # a month is its year too
    rows, cols, features = pair_features(profiles)
    apart = dict(zip(zip(rows.tolist(), cols.tolist()), features[:, FEATURES.index("times_apart")].tolist()))
    assert apart == {(0, 1): 1.0, (0, 2): 0.0, (0, 3): 0.0, (0, 4): 1.0, (1, 2): 1.0, (1, 3): 0.0, (1, 4): 0.0,
                     (2, 3): 0.0, (2, 4): 1.0, (3, 4): 0.0}
    probability = dict(zip(zip(rows.tolist(), cols.tolist()), story_model().probability(features).tolist()))
    assert probability[(0, 1)] < probability[(0, 2)]


def test_the_report_opens_the_claims_by_story(dossier):
    from newstrace.render.html import render_html
    from newstrace.render.markdown import render_markdown

    html = render_html(dossier)
    assert 'id="s-1"' in html and 'id="s-2"' in html and "2 stories" in html
    markdown = render_markdown(dossier)
    assert "### Story s-1" in markdown and "### Story s-2" in markdown


def test_the_pile_is_scored_as_the_model_was_trained():
    """``likely_pairs`` scores a pile from sparse products; training reads ``pair_features``.
    Wherever both give a pair, the probabilities agree."""
    import random
    from collections import Counter

    import numpy as np

    from newstrace.link.stories import CHANNELS, DocumentProfile, likely_pairs, pair_features, story_model

    rng = random.Random(7)
    vocabulary = [f"w{k}" for k in range(60)]
    people = ["Ada Varga", "Ivo Kral", "Lena Moss", None]
    profiles = [DocumentProfile({name: Counter(rng.sample(vocabulary, 6)) for name in CHANNELS}, rng.choice(people))
                for _ in range(40)]
    model = story_model()
    rows, cols, scores = likely_pairs(profiles, model)
    trained_rows, trained_cols, features = pair_features(profiles)
    expected = dict(zip(zip(trained_rows.tolist(), trained_cols.tolist()), model.probability(features).tolist()))
    common = [(pair, score) for pair, score in zip(zip(rows.tolist(), cols.tolist()), scores.tolist())
              if pair in expected]
    assert len(common) > 10
    assert np.allclose([s for _, s in common], [expected[p] for p, _ in common], atol=1e-4)
