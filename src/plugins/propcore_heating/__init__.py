"""Heating fee (采暖费): charged by area only inside the heating season.

The season runs from 15 November to 15 March (both days included) unless a
fee item sets ``options["season_start"]`` / ``options["season_end"]`` as
``MM-DD``. The item's rate is per m² per whole season; a billing period that
covers part of a season pays the share of the season's days it covers.
"""

from collections.abc import Mapping
from datetime import date
from fractions import Fraction

import propcore
from propcore.billing.builtin_types import charged_area, price
from propcore.billing.fee_types import (
    ChargeContext,
    Register,
    as_decimal,
    check_option_names,
)
from propcore.billing.lines import BillLine
from propcore.billing.periods import Period, day_share
from propcore.errors import InvalidInputError
from propcore.money import Money

SEASON_START = "11-15"
SEASON_END = "03-15"


OPTIONS = ("season_start", "season_end")


def _month_day(text: str, option: str) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in text.split("-"))
        date(2000, month, day)
    except ValueError:
        raise InvalidInputError.single(
            "options", "%(option)s must be a day like 11-15", option=option
        ) from None
    return month, day


def seasons_touching(period: Period, start: str, end: str) -> list[Period]:
    """The heating seasons that overlap ``period``, whole."""
    first = _month_day(start, "season_start")
    last = _month_day(end, "season_end")
    crosses_new_year = last < first
    seasons = []
    for year in range(period.first.year - 1, period.last.year + 1):
        end_year = year + 1 if crosses_new_year else year
        season = Period(date(year, *first), date(end_year, *last))
        if season.intersection(period):
            seasons.append(season)
    return seasons


class Heating:
    """Area (gross or usable, as the item says) × rate per m² per season ×
    the unit's fee coefficient × the share of the season's days in the
    period; no line outside the season. A season is priced by the rate
    version valid on its first day: a price is set for a whole season."""

    def read_options(self, raw: Mapping[str, str]) -> dict[str, str]:
        """``season_start`` and ``season_end`` as ``MM-DD``, checked when an
        item is saved and stored as ``11-01`` for ``11-1``."""
        check_option_names(raw, OPTIONS)
        days = {name: _month_day(raw[name], name) for name in OPTIONS if name in raw}
        return {name: f"{m:02d}-{d:02d}" for name, (m, d) in days.items()}

    def depends_on(self, context: ChargeContext) -> tuple[str, str]:
        """Units of one area and coefficient share their lines in a run."""
        return str(charged_area(context)), str(context.unit.fee_coefficient)

    def lines(self, context: ChargeContext) -> list[BillLine]:
        options = context.item.options
        start = options.get("season_start", SEASON_START)
        end = options.get("season_end", SEASON_END)
        return [
            self._line(context, season)
            for season in seasons_touching(context.period, start, end)
        ]

    def _line(self, context: ChargeContext, season: Period) -> BillLine:
        area, coefficient = charged_area(context), context.unit.fee_coefficient
        version = context.item.rates.rate_on(season.first)
        covered = context.period.intersection(season) or season
        terms = f"{area} m² × {price(version.rate)}/m²/采暖季"
        if coefficient != 1:
            terms += f" × {coefficient}"
        if covered != season:
            terms += f" × {covered.days}/{season.days} 天"
        share = day_share(covered, season) * Fraction(coefficient)
        total = Fraction(area.square_metres) * Fraction(version.rate.amount) * share
        inputs = {"area": f"{area} m²", f"rate {version.name}": price(version.rate)}
        inputs["fee coefficient"] = str(coefficient)
        inputs |= {"season": str(season), "days": str(covered.days)}
        return BillLine.compute(
            context.item.code,
            f"{context.item.name} ({season})",
            terms=terms,
            inputs=inputs,
            unrounded=Money(as_decimal(total)),
            rule=context.item.rounding,
        )


@propcore.hookimpl
def register_fee_types(register: Register) -> None:
    register("heating", Heating())
