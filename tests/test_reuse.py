"""Text reuse: copies between articles and repeats inside one, with the copying-vs-quoting rule."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newstrace.cli import cli
from newstrace.link.reuse import copy_families, find_reuse
from newstrace.settings import Settings

REPORT = (
    "Dockers at the port of Selmer walked out on Tuesday after talks on pay collapsed late on Monday night. "
    "The union said 1,200 workers had joined the strike and that pickets would stand at every gate until "
    "the port authority made a new offer. Ferries to the islands were running, but container ships were "
    "waiting at anchor outside the harbour wall, the harbour master said."
)
STATEMENT = "“We will not be bullied back to work by a port that pays its managers bonuses,” the union said."
OTHER = (
    "Farmers in the northern hills began the apple harvest a week early this year because of the warm "
    "spring, the growers' cooperative said on Wednesday. Prices at the market in Tarn rose for the third "
    "week in a row as buyers from the capital arrived before the roads closed for the festival."
)


def _texts(*texts):
    return list(texts)


def test_verbatim_copy_is_found_with_exact_offsets_on_both_sides():
    a = "Selmer, Feb 10 (Port Wire) - " + REPORT
    b = "Cranes stand idle. " + REPORT + " More news later."
    [p] = find_reuse(_texts(a, b))
    assert p.kind == "verbatim" and p.similarity == 1.0
    assert a[p.a_start:p.a_end] == REPORT
    assert b[p.b_start:p.b_end] == REPORT


def test_offsets_stay_exact_where_case_folding_lengthens_a_word():
    # "ß" folds to "ss": the words are then folded one by one, and offsets still point into the text
    a = "Die Straße war gesperrt. " + REPORT
    b = REPORT.upper() + " Die Straße war gesperrt."
    [p] = find_reuse(_texts(a, b))
    assert a[p.a_start:p.a_end] == REPORT
    assert b[p.b_start:p.b_end] == REPORT.upper()
    assert p.kind == "verbatim"


def test_edited_copy_is_found_as_edited():
    edited = (REPORT.replace("walked out", "went on strike").replace("1,200", "about 1,200")
              .replace("harbour master", "harbourmaster").replace("late on Monday night", "on Monday"))
    [p] = find_reuse(_texts(REPORT, OTHER + "\n\n" + edited))
    assert p.kind == "edited" and 0.8 < p.similarity < 1.0


def test_numbers_count_as_words():
    a = REPORT
    b = REPORT.replace("1,200", "2,100")
    [p] = find_reuse(_texts(a, b))
    assert p.kind == "edited"


def test_one_shared_quote_is_not_copying():
    a = OTHER + " " + STATEMENT
    b = STATEMENT + " Shipping lines said they would divert vessels to Marvel while the dispute lasted."
    assert find_reuse(_texts(a, b)) == []


def test_shared_reporting_around_a_quote_is_copying():
    a = REPORT + " " + STATEMENT
    b = "From our correspondent. " + REPORT + " " + STATEMENT
    [p] = find_reuse(_texts(a, b))
    assert b[p.b_start:p.b_end].endswith("the union said.")


def test_the_rule_counts_words_outside_quotes():
    short = "Dockers at the port of Selmer walked out on Tuesday after talks on pay collapsed."  # 15 words
    assert find_reuse(_texts(short + " " + OTHER, "News. " + short)) == []
    assert find_reuse(_texts(short, short), settings=Settings(reuse_min_words=10)) != []


def test_a_paragraph_repeated_inside_one_article_is_found():
    text = REPORT + "\n\n" + OTHER + "\n\n" + REPORT
    [p] = find_reuse(_texts(text))
    assert (p.a, p.b, p.direction) == (0, 0, "internal")
    assert text[p.a_start:p.a_end] == text[p.b_start:p.b_end] == REPORT
    assert p.b_start > p.a_end


def test_direction_from_publication_dates():
    [p] = find_reuse(_texts(REPORT, REPORT), published=["2026-02-11", "2026-02-10"])
    assert p.direction == "b_to_a" and "2026-02-10" in p.evidence


def test_direction_from_inserted_words():
    padded = REPORT.replace("walked out on Tuesday", "walked out angrily on Tuesday")
    [p] = find_reuse(_texts(padded, REPORT))
    assert p.direction == "b_to_a"


def test_direction_from_naming_the_source_outlet():
    copy = REPORT.replace("harbour master said", "harbour master told Port Wire")
    [p] = find_reuse(_texts(REPORT, copy + " Port Wire reported this first."), outlets=["Port Wire", "Quay Notes"])
    assert p.direction == "a_to_b"


def test_unrelated_articles_share_nothing():
    assert find_reuse(_texts(REPORT, OTHER)) == []


def test_copy_families_join_documents_linked_by_reuse():
    passages = find_reuse(_texts(REPORT, OTHER, "Wire: " + REPORT, OTHER + " Extra line here."))
    assert copy_families(passages, 4) == [[0, 2], [1, 3]]


def test_example_dossier_reuse_and_families(example_dossier):
    by_source = {d["id"]: d["source"].rsplit("/", 1)[-1] for d in example_dossier.documents}
    [family] = example_dossier["families"]
    assert sorted(by_source[d] for d in family["documents"]) == [
        "harbor-post.html", "mpa-wire.txt", "northbridge-times.html", "rivertown-gazette.txt"]
    [flag] = [f for f in example_dossier["flags"] if f["kind"] == "internal_duplicate"]
    assert by_source[flag["document"]] == "eastern-ledger.txt"


def test_reuse_command_prints_a_table_and_json(tmp_path):
    (tmp_path / "a.txt").write_text("Dock strike\n\n" + REPORT)
    (tmp_path / "b.txt").write_text("Strike at Selmer\n\nFrom the wire. " + REPORT)
    runner = CliRunner()
    table = runner.invoke(cli, ["reuse", str(tmp_path)])
    assert table.exit_code == 0 and "1 reused passage(s) among 2 document(s)" in table.output
    records = json.loads(runner.invoke(cli, ["reuse", str(tmp_path), "--format", "json"]).output)
    assert records[0]["kind"] == "verbatim" and records[0]["b"]["text"] == REPORT


def test_seeds_come_in_blocks_exactly_as_from_every_pair_of_postings(monkeypatch):
    """The array index and its blocks give the seeds the plain definition gives: every pair of
    postings of an n-gram with at most max_postings postings, each posting and the next of one
    with more (in one document, a passage apart)."""
    import random
    from collections import defaultdict

    from newstrace.link import reuse

    rng = random.Random(7)
    vocabulary = "the port union said strike pay ferry harbour gate offer talks night islands".split()
    texts = [" ".join(rng.choice(vocabulary[:3 + k % 10]) for _ in range(rng.randint(0, 140))) for k in range(40)]
    settings = Settings(reuse_max_postings=3, reuse_min_words=8)
    wording = reuse.Wording.of(texts)
    tokens = wording.tokens(texts)
    postings = defaultdict(list)
    for doc, tok in enumerate(tokens):
        for i in range(len(tok.words) - settings.reuse_ngram + 1):
            postings[tuple(tok.words[i:i + settings.reuse_ngram])].append((doc, i))
    expected = defaultdict(list)
    common = 0
    for occurrences in postings.values():
        reach = 1 if len(occurrences) > settings.reuse_max_postings else len(occurrences)
        common += reach == 1 and len(occurrences) > 1
        for x, (doc_a, pos_a) in enumerate(occurrences):
            for doc_b, pos_b in occurrences[x + 1:x + 1 + reach]:
                if doc_a != doc_b or pos_b - pos_a >= settings.reuse_min_words:
                    expected[(doc_a, doc_b)].append((pos_a, pos_b))
    expected = [(pair, sorted(seeds)) for pair, seeds in sorted(expected.items())
                if len(seeds) >= reuse.MIN_CHAIN_SEEDS]
    monkeypatch.setattr(reuse, "SEEDS_PER_BLOCK", 50)  # many blocks
    index = reuse._NgramIndex(wording, settings)
    assert list(reuse._seeded_pairs(index, len(tokens), settings)) == expected
    assert expected and common  # the texts do share n-grams, some in more places than the cap


def test_a_story_copied_more_often_than_the_stock_phrase_cap_is_still_found():
    """Past ``reuse_max_postings`` copies, each copy is joined to the next: one family, not none."""
    texts = [f"{town}. " + REPORT for town in ("Tarn", "Selmer", "Ostra", "Vell", "Brack", "Mora", "Lind")]
    passages = find_reuse(texts, settings=Settings(reuse_max_postings=4))
    assert copy_families(passages, len(texts)) == [list(range(7))]
    assert [(p.a, p.b) for p in passages] == [(k, k + 1) for k in range(6)]
    assert all(texts[p.a][p.a_start:p.a_end] == REPORT == texts[p.b][p.b_start:p.b_end] for p in passages)


def test_adding_texts_to_known_reuse_finds_what_a_full_run_finds():
    """Old pairs are kept unless a new text pushes an n-gram they share over max_postings."""
    import random

    from newstrace.link import reuse

    rng = random.Random(11)
    vocabulary = "the port union said strike pay ferry harbour gate offer talks night islands".split()
    phrases = [" ".join(rng.choice(vocabulary) for _ in range(7)) for _ in range(12)]  # repeated, so n-grams pile up
    texts = [" ".join(rng.choice(phrases) + " " + rng.choice(vocabulary) for _ in range(rng.randint(2, 14)))
             for _ in range(36)]
    settings = Settings(reuse_max_postings=15, reuse_min_words=8)
    full = find_reuse(texts, settings=settings)
    crossed = False
    for old in (1, 10, 25, 35, 36):
        known = reuse.KnownReuse(old, find_reuse(texts[:old], settings=settings))
        assert find_reuse(texts, settings=settings, known=known) == full
        wording = reuse.Wording.of(texts[:old])  # kept from the earlier run: only the new texts are added
        assert find_reuse(texts, settings=settings, known=known, wording=wording) == full
        assert len(wording.ids) == len(texts)
        index = reuse._NgramIndex(reuse.Wording.of(texts), settings)
        crossed |= len(reuse._stale_pairs(index, old, settings)) > 0
    assert crossed and full  # the texts do push old pairs' n-grams over the cap, and do share passages


def test_a_run_adding_texts_makes_only_the_seeds_it_needs(monkeypatch):
    """With ``redo``, seeds are made only for pairs with a new text and stale pairs, and they
    are those pairs' seeds in full: what the full enumeration holds for them."""
    import random

    from newstrace.link import reuse

    rng = random.Random(13)
    vocabulary = "the port union said strike pay ferry harbour gate offer talks night islands".split()
    phrases = [" ".join(rng.choice(vocabulary) for _ in range(7)) for _ in range(10)]
    texts = [" ".join(rng.choice(phrases) + " " + rng.choice(vocabulary) for _ in range(rng.randint(2, 14)))
             for _ in range(40)]
    settings = Settings(reuse_max_postings=12, reuse_min_words=8)
    monkeypatch.setattr(reuse, "SEEDS_PER_BLOCK", 100)  # many blocks
    index = reuse._NgramIndex(reuse.Wording.of(texts), settings)
    every = list(reuse._seeded_pairs(index, len(texts), settings))
    made, stale_found = [], 0
    for first_new in (5, 30, 39):
        stale = reuse._stale_pairs(index, first_new, settings)
        expected = [(pair, seeds) for pair, seeds in every
                    if pair[1] >= first_new or pair[0] * len(texts) + pair[1] in set(stale.tolist())]
        assert list(reuse._seeded_pairs(index, len(texts), settings, (first_new, stale))) == expected
        made.append(int(reuse._partner_ranges(index, (first_new, stale))[1].sum()))
        stale_found += len(stale)
    assert made[-1] < made[0] <= index.partners.sum() and stale_found  # the fewer new texts, the fewer seeds
