"""Properties of bill runs over generated estates, on the fakes: running a
month again changes nothing, whatever the batch size; units added since are
billed by the next run and nothing else changes."""

from datetime import date
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from propcore.application import Propcore
from propcore.billing.meters import Meter, MeterKind, Reading
from propcore.billing.periods import Period
from propcore.ids import new_id
from propcore.measures import Area
from propcore.property.units import Unit, Usage
from propcore.residents.occupancy import Occupancy, Role
from propcore.residents.people import Person
from tests.billing.world import seed
from tests.fakes import FakeUnitOfWorkFactory, PlainHasher
from tests.fakes.clock import FixedClock
from tests.recording import RecordingNotifier

DECEMBER = Period.month(2026, 12)
NOV_30 = date(2026, 11, 30)


@attrs.frozen
class NewUnit:
    area: Decimal
    usage: Usage
    owned_from: date | None
    water: tuple[int, ...]


new_units = st.builds(
    NewUnit,
    area=st.decimals("10.00", "300.00", places=2),
    usage=st.sampled_from([Usage.RESIDENTIAL, Usage.PARKING]),
    owned_from=st.none() | st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    water=st.lists(st.integers(0, 400), max_size=2).map(lambda v: tuple(sorted(v))),
)


def _core() -> Propcore:
    return Propcore.build(
        uow=FakeUnitOfWorkFactory(),
        clock=FixedClock(),
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )


def _add(core: Propcore, world, units: list[NewUnit], first_label: int) -> None:
    with core.billing.uow() as uow:
        for n, new in enumerate(units, start=first_label):
            unit = Unit(world.building.id, f"x{n}", 1, f"x{n}", Area(new.area),
                        "self_occupied", usage=new.usage)  # fmt: skip
            uow.units.add(unit)
            _occupy_and_meter(uow, world, unit, new)
        uow.commit()


def _occupy_and_meter(uow, world, unit: Unit, new: NewUnit) -> None:
    if new.owned_from is not None:
        person = Person(f"业主{unit.label}")
        uow.people.add(person)
        uow.occupancies.add(Occupancy(unit.id, person.id, Role.OWNER,
                                      new.owned_from, share=Decimal(100)))  # fmt: skip
    if new.usage is Usage.RESIDENTIAL:
        meter = Meter(new_id(), MeterKind.WATER, 0, unit.id, estate_id=world.estate.id)
        uow.meters.add(meter)
        days = (date(2026, 10, 31), date(2026, 11, 30))
        for day, value in zip(days, new.water, strict=False):
            uow.readings.add(Reading(meter.id, Decimal(value), day))


def _billable(new: NewUnit) -> bool:
    """Owned; a home owned on 30 November also needs both November water
    readings, as its owner then pays November's water (in arrears)."""
    if new.owned_from is None:
        return False
    paying_water = new.usage is Usage.RESIDENTIAL and new.owned_from <= NOV_30
    return not paying_water or len(new.water) == 2


def _books(core: Propcore, world) -> dict:
    """Every bill with its lines, and every payer's ledger entries."""
    with core.billing.uow() as uow:
        units = uow.units.for_building(world.building.id)
        bills = [b.bill for u in units for b in uow.bills.for_unit(u.id)]
        ledgers = {b.payer_id: uow.ledgers.for_resident(b.payer_id) for b in bills}
    return {
        "bills": {
            b.id: (b.unit_id, b.payer_id, b.total, tuple(b.lines)) for b in bills
        },
        "ledgers": {p: ledger.entries for p, ledger in ledgers.items()},
    }


@settings(max_examples=40, deadline=None)
@given(
    before=st.lists(new_units, max_size=6),
    later=st.lists(new_units, min_size=1, max_size=4),
    batch_size=st.integers(1, 5),
)
def test_running_a_month_again_changes_nothing_and_bills_only_new_units(
    before, later, batch_size
) -> None:
    core = _core()
    world = seed(core.billing.uow)
    _add(core, world, before, 0)
    runs = attrs.evolve(core.billing, batch_size=batch_size)
    runs.run(world.estate.id, DECEMBER, actor="t")
    first = _books(core, world)

    again = runs.run(world.estate.id, DECEMBER, actor="t")
    unchanged = _books(core, world)
    _add(core, world, later, len(before))
    runs.run(world.estate.id, DECEMBER, actor="t")
    grown = _books(core, world)

    assert again.bills == 0
    assert unchanged == first
    added = grown["bills"].keys() - first["bills"].keys()
    with core.billing.uow() as uow:
        labels = {
            u.id: int(u.label[1:])
            for u in uow.units.for_building(world.building.id)
            if u.label[0] == "x"
        }
    new_ids = {u for u, n in labels.items() if n >= len(before)}
    billable = {u for u, new in zip(sorted(new_ids, key=labels.get), later,
                                    strict=True) if _billable(new)}  # fmt: skip
    assert {grown["bills"][b][0] for b in added} == billable
    assert {b: grown["bills"][b] for b in first["bills"]} == first["bills"]
    for payer, entries in first["ledgers"].items():
        assert grown["ledgers"][payer][: len(entries)] == entries
