"""The database, not luck, decides races between two writers."""

import threading
from decimal import Decimal

import pytest

from propcore.application import Propcore
from propcore.billing.ledger import EntryKind
from propcore.billing.ledger_errors import PaymentNotReversibleError
from propcore.billing.periods import Period
from propcore.errors import ConflictError
from propcore.measures import Area
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Unit
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.billing.world import seed
from tests.fakes import PlainHasher
from tests.recording import RecordingNotifier


def _building(uow) -> Building:
    company = OrgNode(NodeKind.COMPANY, "华安物业")
    estate = OrgNode(NodeKind.ESTATE, "翠湖花园", company.id)
    building = Building(estate.id, "1号楼")
    with uow() as work:
        work.orgs.add(company)
        work.orgs.add(estate)
        work.buildings.add(building)
        work.commit()
    return building


def _unit(building: Building) -> Unit:
    return Unit(building.id, "1-101", 1, "101", Area(Decimal("90.00")), "vacant")


def _add_building_and_unit(uow, building: Building, unit: Unit) -> None:
    with uow() as work:
        work.buildings.add(building)
        work.units.add(unit)
        work.commit()


def test_the_second_of_two_concurrent_inserts_of_one_label_conflicts(engine):
    uow = SqlUnitOfWorkFactory(engine)
    building = _building(uow)
    outcome: list[object] = []

    def second_writer() -> None:
        try:
            with uow() as work:
                work.units.add(_unit(building))
                work.commit()
            outcome.append("committed")
        except ConflictError as error:
            outcome.append(error)

    with uow() as first:
        first.units.add(_unit(building))
        thread = threading.Thread(target=second_writer)
        thread.start()
        thread.join(timeout=0.5)
        assert thread.is_alive(), "the second writer must wait for the first"
        first.commit()
    thread.join(timeout=20)

    (result,) = outcome
    assert isinstance(result, ConflictError)
    assert result.problem.field == "label"
    with uow() as work:
        assert len(work.units.for_building(building.id)) == 1


def test_a_conflict_rolls_back_everything_the_use_case_wrote(engine):
    uow = SqlUnitOfWorkFactory(engine)
    building = _building(uow)
    with uow() as work:
        work.units.add(_unit(building))
        work.commit()
    extra = Building(building.estate_id, "2号楼")

    with pytest.raises(ConflictError):
        _add_building_and_unit(uow, extra, _unit(building))

    with uow() as work:
        assert [b.name for b in work.buildings.for_estate(building.estate_id)] == [
            "1号楼"
        ]


def test_two_reversals_of_one_payment_at_once_reverse_it_once(engine, clock):
    core = Propcore.build(
        uow=SqlUnitOfWorkFactory(engine), clock=clock, hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )  # fmt: skip
    world = seed(core.billing.uow)
    core.billing.run(world.estate.id, Period.month(2026, 12), actor="t")
    payer = world.people["王芳"].id
    cash = {"amount": "300.00", "method": "cash", "idempotency_key": "k"}
    paid = core.collecting.record_payment(world.estate.id, payer, cash, actor="d")
    start, outcome = threading.Barrier(2), []

    def reverse(key: str) -> None:
        raw = {
            "payment_id": str(paid.entry.id),
            "reason": "退票",
            "idempotency_key": key,
        }
        start.wait()
        try:
            core.reversing.reverse_payment(payer, raw, in_estate=world.estate.id,
                                           actor="c", by=None)  # fmt: skip
            outcome.append("reversed")
        except PaymentNotReversibleError:
            outcome.append("refused")

    threads = [threading.Thread(target=reverse, args=(k,)) for k in ("r1", "r2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    reversals = [e for e in core.collecting.ledger(payer).entries
                 if e.kind is EntryKind.REVERSAL]  # fmt: skip
    assert sorted(outcome) == ["refused", "reversed"]
    assert len(reversals) == 1
