"""The heating plugin is installed through its real ``propcore`` entry point."""

from datetime import date
from decimal import Decimal

from propcore.billing.fee_types import ChargeContext
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule
from propcore.money import Money
from propcore_bootstrap.plugins import fee_type_registry, make_plugin_manager
from tests.unit.billing_fixtures import item, unit

HEATING = item(
    "heating",
    code="heating",
    name="采暖费",
    rates=RateSchedule.flat(Money(Decimal("22.00"))),
)


def _lines(fee_item, period):
    registry = fee_type_registry(make_plugin_manager())
    return registry.lines(ChargeContext.for_period(fee_item, unit(), period))


def test_the_heating_plugin_is_loaded_from_its_entry_point():
    manager = make_plugin_manager()

    assert "heating" in {name for name, _ in manager.list_name_plugin()}
    assert "heating" in list(fee_type_registry(manager))


def test_a_partial_heating_season_is_prorated_by_days():
    (line,) = _lines(HEATING, Period.month(2026, 11))

    assert line.formula == "120.50 m² × ¥22.00/m²/采暖季 × 16/121 天 = ¥350.55"
    assert line.inputs["season"] == "2026-11-15..2027-03-15"


def test_a_whole_season_pays_the_seasons_rate():
    (line,) = _lines(HEATING, Period(date(2026, 10, 1), date(2027, 4, 30)))

    assert line.formula == "120.50 m² × ¥22.00/m²/采暖季 = ¥2651.00"


def test_no_heating_is_charged_outside_the_season():
    assert _lines(HEATING, Period.month(2026, 7)) == []


def test_the_heating_season_is_configurable():
    early = item(
        "heating",
        code="heating",
        rates=HEATING.rates,
        options={"season_start": "11-01", "season_end": "03-31"},
    )

    (line,) = _lines(early, Period.month(2026, 11))

    assert line.inputs["season"] == "2026-11-01..2027-03-31"
    assert line.inputs["days"] == "30"
