"""Once started, a process's long-lived objects are left out of collections
and new objects are collected less often."""

import gc

from propcore_bootstrap.startup import YOUNG_COLLECTION_AFTER, started


def test_what_exists_at_start_is_no_longer_walked_by_the_collector():
    kept = [["a list made before the start"]]
    thresholds = gc.get_threshold()
    try:
        started()
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())
        made_after = [["a list made after it"]]
        assert any(o is made_after for o in gc.get_objects())
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_the_youngest_generation_waits_longer_and_the_older_ones_as_before():
    young, middle, oldest = gc.get_threshold()
    try:
        started()
        assert gc.get_threshold() == (YOUNG_COLLECTION_AFTER, middle, oldest)
        assert young < YOUNG_COLLECTION_AFTER
    finally:
        gc.unfreeze()
        gc.set_threshold(young, middle, oldest)
