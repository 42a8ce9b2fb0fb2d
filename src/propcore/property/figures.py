"""Vacancy and occupancy figures for a building or an estate."""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

import attrs

from propcore.property.status import StatusScheme

_PERCENT = Decimal("0.1")


@attrs.frozen
class OccupancyFigures:
    total: int
    occupied: int
    by_status: Mapping[str, int]

    @property
    def vacant(self) -> int:
        return self.total - self.occupied

    @property
    def vacancy_rate(self) -> Decimal:
        """Vacant units as a percentage of all units, to one decimal place."""
        if not self.total:
            return Decimal("0.0")
        rate = Decimal(100 * self.vacant) / Decimal(self.total)
        return rate.quantize(_PERCENT, rounding=ROUND_HALF_UP)

    @property
    def occupancy_rate(self) -> Decimal:
        return (Decimal(100) - self.vacancy_rate) if self.total else Decimal("0.0")


def figures_from_counts(
    counts: Mapping[str, int], scheme: StatusScheme
) -> OccupancyFigures:
    """Turn unit counts per status into figures; every scheme status is listed."""
    by_status = {code: counts.get(code, 0) for code in scheme.codes}
    occupied = sum(n for code, n in by_status.items() if scheme.is_occupied(code))
    return OccupancyFigures(sum(counts.values()), occupied, by_status)
