"""Clocks, memory peaks and statement counts around a piece of work."""

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import attrs
from sqlalchemy import Engine, event

T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[float, T]:
    """Seconds of wall time taken by ``work``, and its result."""
    gc.collect()
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def peak_memory(work: Callable[[], T]) -> tuple[int, T]:
    """Peak bytes that Python allocated while ``work`` ran, and its result.

    Memory allocated before the call (the sheet, for instance) is not counted;
    memory held by the database driver outside Python's allocator is not seen.
    """
    gc.collect()
    tracemalloc.start()
    try:
        result = work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


@attrs.frozen
class Latency:
    median_ms: float
    p95_ms: float
    rows: int


def latency(work: Callable[[], list], runs: int) -> Latency:
    """Median and 95th percentile of ``runs`` calls, after one warm-up call."""
    rows = len(work())
    samples = [_milliseconds(work) for _ in range(runs)]
    p95 = statistics.quantiles(samples, n=20, method="inclusive")[18]
    return Latency(statistics.median(samples), p95, rows)


def _milliseconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


@contextmanager
def statements(engine: Engine) -> Iterator[list[int]]:
    """Count the SQL statements sent to ``engine``: ``count[0]`` afterwards."""
    count = [0]

    def seen(*_args: object) -> None:
        count[0] += 1

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield count
    finally:
        event.remove(engine, "before_cursor_execute", seen)


@contextmanager
def steps(named: dict[str, list[tuple[object, str]]]) -> Iterator[dict[str, float]]:
    """Seconds spent in the methods or functions named, summed per step:
    ``named`` maps a step to the (owner, attribute name) pairs timed for it,
    each put back afterwards. A call of one step inside another counts in
    both."""
    spent = dict.fromkeys(named, 0.0)
    saved = []
    for step, places in named.items():
        for owner, name in places:
            original = getattr(owner, name)
            saved.append((owner, name, original))
            setattr(owner, name, _timing(original, spent, step))
    try:
        yield spent
    finally:
        for owner, name, original in reversed(saved):
            setattr(owner, name, original)


def _timing(original: Callable, spent: dict[str, float], step: str) -> Callable:
    def timed_call(*args: object, **options: object) -> object:
        start = time.perf_counter()
        try:
            return original(*args, **options)
        finally:
            spent[step] += time.perf_counter() - start

    return timed_call
