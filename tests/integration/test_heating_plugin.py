"""The heating plugin is installed through its real ``propcore`` entry point."""

from datetime import date
from decimal import Decimal

import pytest

from propcore.billing.fee_types import ChargeContext
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule
from propcore.billing.setup import FeeSetupService
from propcore.errors import InvalidInputError
from propcore.money import Money
from propcore.property.tree import NodeKind, OrgNode
from propcore_bootstrap.plugins import fee_type_registry, make_plugin_manager
from tests.fakes import FakeUnitOfWorkFactory, FixedClock
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


def _heating_setup() -> FeeSetupService:
    registry = fee_type_registry(make_plugin_manager())
    return FeeSetupService(FakeUnitOfWorkFactory(), FixedClock(), registry)


def _estate(service: FeeSetupService) -> OrgNode:
    estate = OrgNode(NodeKind.ESTATE, "翠湖花园")
    with service.uow() as work:
        work.orgs.add(estate)
        work.commit()
    return estate


SEASON = {"code": "heating", "name": "采暖费", "fee_type": "heating",
          "usages": "residential", "rate": "22", "rate_from": "2026-01-01"}  # fmt: skip


def test_the_heating_season_is_checked_and_stored_when_an_item_is_saved():
    service = _heating_setup()
    estate = _estate(service)
    raw = SEASON | {"options": "season_start=11-1, season_end=3-31"}

    item = service.create_fee_item(estate.id, raw)

    with service.uow() as work:
        stored = work.fee_items.get(item.id)
    assert stored.options == {"season_start": "11-01", "season_end": "03-31"}


@pytest.mark.parametrize(
    "options", ["season_start=11-31", "season_end=spring", "season=winter"]
)
def test_a_bad_heating_season_is_refused_when_an_item_is_saved(options):
    service = _heating_setup()
    estate = _estate(service)

    with pytest.raises(InvalidInputError) as raised:
        service.create_fee_item(estate.id, SEASON | {"options": options})

    assert raised.value.fields == ("options",)
    with service.uow() as work:
        assert work.fee_items.for_estate(estate.id) == []
