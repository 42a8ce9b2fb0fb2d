"""The heating plugin is installed through its real ``propcore`` entry point."""

from datetime import date
from decimal import Decimal

import attrs
import pytest

from propcore.application import Propcore
from propcore.billing.fee_types import ChargeContext
from propcore.billing.fees import AppliesTo, AreaBasis
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule
from propcore.billing.setup import FeeSetupService
from propcore.errors import InvalidInputError
from propcore.ids import new_id
from propcore.measures import Area
from propcore.money import Money
from propcore.property.tree import NodeKind, OrgNode
from propcore_bootstrap.plugins import fee_type_registry, make_plugin_manager
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.billing.world import HOMES, seed
from tests.fakes import FakeUnitOfWorkFactory, FixedClock, PlainHasher
from tests.recording import RecordingNotifier
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


def test_heating_follows_the_items_area_basis_and_the_units_coefficient():
    usable = attrs.evolve(HEATING, area_basis=AreaBasis.USABLE)
    flat = unit(usable_area=Area(Decimal("100.00")), fee_coefficient=Decimal("1.2"))
    registry = fee_type_registry(make_plugin_manager())
    context = ChargeContext.for_period(usable, flat, Period.month(2026, 11))

    (line,) = registry.lines(context)

    assert line.formula == ("100.00 m² × ¥22.00/m²/采暖季 × 1.2 × 16/121 天 = ¥349.09")


def test_a_bill_run_charges_heating_only_in_the_season(sqlite_url, clock):
    engine = make_engine(sqlite_url)
    core = Propcore.build(
        uow=SqlUnitOfWorkFactory(engine), clock=clock, hasher=PlainHasher(),
        notifier=RecordingNotifier(),
        fee_types=fee_type_registry(make_plugin_manager()),
    )  # fmt: skip
    world = seed(core.billing.uow)
    spring = {"season_start": "04-01", "season_end": "05-31"}
    with core.billing.uow() as uow:
        for code, options in (("heating", {}), ("spring", spring)):
            uow.fee_items.add(attrs.evolve(
                HEATING, id=new_id(), code=code, name=code, options=options,
                estate_id=world.estate.id, applies_to=AppliesTo(usages=HOMES),
            ))  # fmt: skip
        uow.commit()

    core.billing.run(world.estate.id, Period.month(2026, 12), actor="t")

    with core.billing.uow() as uow:
        [bill] = [b.bill for b in uow.bills.for_unit(world.units["101"].id)]
    assert [(line.item_code, line.formula) for line in bill.lines
            if line.item_code in ("heating", "spring")] == [
        ("heating", "100.00 m² × ¥22.00/m²/采暖季 × 31/121 天 = ¥563.64"),
    ]  # fmt: skip
    engine.dispose()


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
