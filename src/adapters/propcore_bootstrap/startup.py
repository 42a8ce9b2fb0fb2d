"""What a propcore process does once it has started."""

import gc

# Allocations, less deallocations, of container objects before the cycle
# collector's youngest generation is collected (CPython's default is 700).
# Batch work such as a bill run makes hundreds of thousands of short-lived
# objects that free themselves; at the default the collector ran some five
# thousand times in a 100,000-unit run (see docs/performance.md).
YOUNG_COLLECTION_AFTER = 10_000


def started() -> None:
    """Called once the program's modules are loaded: what exists now (the
    modules, the table metadata, the plugins) lives as long as the process,
    so the cycle collector stops walking through it on every full
    collection (``gc.freeze``), and it looks for cycles among new objects
    less often (:data:`YOUNG_COLLECTION_AFTER`); the older generations keep
    CPython's thresholds."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_AFTER, middle, oldest)
