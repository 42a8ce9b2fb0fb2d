"""Once started, a process's long-lived objects are left out of collections."""

import gc

from propcore_bootstrap.startup import started


def test_what_exists_at_start_is_no_longer_walked_by_the_collector():
    kept = [["a list made before the start"]]
    try:
        started()
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())
        made_after = [["a list made after it"]]
        assert any(o is made_after for o in gc.get_objects())
    finally:
        gc.unfreeze()
