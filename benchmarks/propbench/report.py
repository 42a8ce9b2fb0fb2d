"""The figures of one database, and the table they are printed as."""

from collections.abc import Mapping
from unicodedata import east_asian_width

import attrs

from propbench.timing import Latency

MIB = 1024 * 1024
SLOW_RATIO = 10


@attrs.frozen
class Figures:
    database: str
    version: str
    units: int
    buildings: int
    import_seconds: float
    dry_run_seconds: float
    bulk_path: str
    bulk_seconds: float
    statements_per_row: float
    peak_memory: Mapping[int, int]
    queries: Mapping[str, Latency]


def render(figures: Figures) -> str:
    return "\n".join(
        [
            _title(figures),
            *_imports(figures),
            *_memory(figures),
            *_queries(figures),
            *_notes(figures),
            "",
        ]
    )


def _title(f: Figures) -> str:
    line = f"{f.database} {f.version}: {f.units:,} units in {f.buildings} buildings"
    return f"{line}\n{'=' * len(line)}"


def _imports(f: Figures) -> list[str]:
    ratio = f.import_seconds / f.bulk_seconds
    return [
        _rate("import through the core", f.import_seconds, f.units),
        _rate("dry run through the core", f.dry_run_seconds, f.units),
        _rate(f"bulk write ({f.bulk_path})", f.bulk_seconds, f.units),
        f"  {'core import / bulk write':<34} {ratio:>9.1f}×",
        f"  {'SQL statements per imported row':<34} {f.statements_per_row:>9.2f}",
    ]


def _rate(what: str, seconds: float, units: int) -> str:
    return f"  {what:<34} {seconds:>9.2f} s {units / seconds:>11,.0f} units/s"


def _memory(f: Figures) -> list[str]:
    return [
        f"  {f'peak Python memory, {n:,} units':<34} {peak / MIB:>9.2f} MiB"
        for n, peak in sorted(f.peak_memory.items())
    ]


def _queries(f: Figures) -> list[str]:
    head = f"  {'front-desk query':<46} {'median ms':>9} {'p95 ms':>8} {'rows':>5}"
    return [
        "",
        head,
        *(
            f"  {_padded(name, 46)} {q.median_ms:>9.2f} {q.p95_ms:>8.2f} {q.rows:>5}"
            for name, q in f.queries.items()
        ),
    ]


def _padded(text: str, width: int) -> str:
    """Pad to ``width`` terminal columns; Chinese characters take two."""
    columns = sum(2 if east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - columns, 0)


def _notes(f: Figures) -> list[str]:
    notes = []
    ratio = f.import_seconds / f.bulk_seconds
    if ratio > SLOW_RATIO:
        notes.append(
            f"importing through the core is {ratio:.0f}× slower than the bulk "
            f"write ({f.statements_per_row:.1f} statements per row); "
            "docs/performance.md explains where the time goes"
        )
    sizes = sorted(f.peak_memory)
    if len(sizes) > 1 and f.peak_memory[sizes[-1]] > 2 * f.peak_memory[sizes[0]]:
        notes.append("peak memory of the import grows with the number of rows")
    return ["", *(f"  note: {n}" for n in notes)] if notes else []
