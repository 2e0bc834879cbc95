"""The run's garbage-collection settings: paused while linking, as they were afterwards."""

from __future__ import annotations

import gc

from newstrace.pipeline.heap import collections_paused, long_lived_heap


def test_collection_pauses_in_the_block_and_comes_back_as_it_was():
    assert gc.isenabled()
    with collections_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collections_paused():
            pass
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_frozen_objects_are_handed_back_when_the_run_ends():
    with long_lived_heap() as settle:
        settle()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_what_linking_keeps_joins_what_the_run_keeps_out_of_collections():
    with long_lived_heap() as settle:
        settle()
        frozen = gc.get_freeze_count()
        with collections_paused():
            kept = [[n] for n in range(1000)]
        assert gc.get_freeze_count() >= frozen + len(kept)
    assert gc.get_freeze_count() == 0
    with collections_paused():  # outside a run's heap, nothing is frozen
        kept = [[n] for n in range(1000)]
    assert gc.get_freeze_count() == 0
