"""What a propcore process does once it has started."""

import gc


def started() -> None:
    """Called once the program's modules are loaded: what exists now (the
    modules, the table metadata, the plugins) lives as long as the process,
    so the cycle collector stops walking through it on every full
    collection (``gc.freeze``), which long batch work such as a bill run
    otherwise pays for again and again (see docs/performance.md)."""
    gc.collect()
    gc.freeze()
