"""One contract for the storage ports, run against the fakes, SQLite and PostgreSQL."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from propcore.errors import ConflictError, NotFoundError
from propcore.ids import new_id
from propcore.measures import Area
from propcore.money import Money
from propcore.property.ports import Within
from propcore.property.status import StatusChange
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Layout, Unit, Usage
from propcore.residents.occupancy import Lease, Occupancy, Role
from propcore.residents.people import Person
from tests import strategies


def _estate(uow, name="翠湖花园", address="北京市海淀区"):
    company = OrgNode(NodeKind.COMPANY, "华安物业")
    estate = OrgNode(NodeKind.ESTATE, name, company.id, address)
    building = Building(estate.id, "3号楼")
    with uow() as work:
        work.orgs.add(company)
        work.orgs.add(estate)
        work.buildings.add(building)
        work.commit()
    return estate, building


def _unit(building, label="1-1201", status="vacant", **extra) -> Unit:
    fields = dict(
        floor=12, room=label.split("-")[-1], gross_area=Area(Decimal("120.50"))
    )
    return Unit(building.id, label, status=status, **(fields | extra))


def test_what_is_added_and_committed_can_be_read_back(uow):
    estate, building = _estate(uow)
    unit = _unit(
        building,
        layout=Layout(3, 2, 2),
        usable_area=Area(Decimal("98.25")),
        usage=Usage.SHOP,
        attributes={"朝向": "南"},
    )

    with uow() as work:
        work.units.add(unit)
        work.commit()

    with uow() as work:
        assert work.units.get(unit.id) == unit
        assert work.orgs.get(estate.id) == estate
        assert work.buildings.get(building.id) == building


def test_nothing_is_kept_without_commit(uow):
    _, building = _estate(uow)
    unit = _unit(building)

    with uow() as work:
        work.units.add(unit)

    with uow() as work, pytest.raises(NotFoundError):
        work.units.get(unit.id)


def test_unknown_ids_raise_not_found(uow):
    with uow() as work:
        for repo in (
            work.orgs,
            work.buildings,
            work.units,
            work.people,
            work.occupancies,
        ):
            with pytest.raises(NotFoundError):
                repo.get(new_id())


def test_a_second_unit_with_the_same_label_in_a_building_conflicts(uow):
    _, building = _estate(uow)
    with uow() as work:
        work.units.add(_unit(building))
        work.commit()

    with uow() as work, pytest.raises(ConflictError) as raised:  # noqa: PT012
        # the fake refuses at add, a database may refuse only at commit
        work.units.add(_unit(building))
        work.commit()

    assert raised.value.problem.field == "label"


def test_updates_replace_the_stored_unit(uow):
    _, building = _estate(uow)
    unit = _unit(building)
    with uow() as work:
        work.units.add(unit)
        work.commit()

    unit.status = "rented"
    unit.gross_area = Area(Decimal("88.88"))
    with uow() as work:
        work.units.update(unit)
        work.commit()

    with uow() as work:
        assert work.units.get(unit.id) == unit
        assert work.units.by_label(building.id, "1-1201") == unit
        assert work.units.by_label(building.id, "9-9999") is None


def test_units_of_a_building_come_in_entrance_floor_room_order(uow):
    _, building = _estate(uow)
    labels = [("2", 1, "101"), ("1", 3, "301"), ("1", 1, "102"), ("1", 1, "101")]
    with uow() as work:
        for entrance, floor, room in labels:
            work.units.add(
                _unit(
                    building,
                    f"{entrance}-{room}",
                    entrance=entrance,
                    floor=floor,
                    room=room,
                )
            )
        work.commit()

    with uow() as work:
        found = [u.label for u in work.units.for_building(building.id)]

    assert found == ["1-101", "1-102", "1-301", "2-101"]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("1201", ["1-1201"]),
        ("3号楼", ["1-1201", "2-0501"]),
        ("翠湖", ["1-1201", "2-0501"]),
        ("海淀", ["1-1201", "2-0501"]),
        ("花园 3号楼 2-", ["2-0501"]),
        ("锦绣", []),
    ],
)
def test_units_are_found_by_any_fragment_of_label_or_address(uow, fragment, expected):
    _, building = _estate(uow)
    with uow() as work:
        work.units.add(_unit(building))
        work.units.add(_unit(building, "2-0501"))
        work.commit()

    found = [item.unit.label for item in work_search(uow, fragment)]

    assert found == expected


def work_search(uow, fragment):
    with uow() as work:
        return work.units.search(fragment, 10)


def test_search_treats_wildcards_literally_and_ignores_case(uow):
    _, building = _estate(uow)
    with uow() as work:
        work.units.add(_unit(building, "A-101"))
        work.units.add(_unit(building, "B-101"))
        work.commit()

    assert [i.unit.label for i in work_search(uow, "a-1")] == ["A-101"]
    assert work_search(uow, "%") == []
    assert work_search(uow, "_-101") == []


def test_status_counts_per_building_and_estate(uow):
    estate, building = _estate(uow)
    _other_estate, other_building = _estate(uow, "锦绣江南", "杭州市")
    with uow() as work:
        for label, status in [("1-1", "vacant"), ("1-2", "rented"), ("1-3", "rented")]:
            work.units.add(_unit(building, label, status))
        work.units.add(_unit(other_building, "1-1", "sold"))
        work.commit()

    with uow() as work:
        assert work.units.status_counts(estate_id=estate.id) == {
            "vacant": 1,
            "rented": 2,
        }
        assert work.units.status_counts(building_id=other_building.id) == {"sold": 1}


def test_status_history_keeps_who_when_and_why_in_order(uow):
    _, building = _estate(uow)
    unit = _unit(building)
    at = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    changes = [
        StatusChange(unit.id, None, "vacant", at, "admin", "created"),
        StatusChange(
            unit.id, "vacant", "sold", at + timedelta(days=1), "前台 王", "售出"
        ),
    ]
    with uow() as work:
        work.units.add(unit)
        for change in reversed(changes):
            work.units.add_status_change(change)
        work.commit()

    with uow() as work:
        history = work.units.history(unit.id)

    assert history == changes
    assert history[1].changed_at.astimezone(UTC) == datetime(
        2026, 12, 2, 1, 0, tzinfo=UTC
    )


def test_listing_joins_unit_building_and_estate(uow):
    estate, building = _estate(uow)
    unit = _unit(building)
    with uow() as work:
        work.units.add(unit)
        work.commit()

    with uow() as work:
        (item,) = work.units.listing([unit.id])

    assert (item.unit, item.building, item.estate) == (unit, building, estate)
    assert item.address == "翠湖花园 3号楼 1-1201"


def _person(name="张伟", phone="13800138000", **extra) -> Person:
    return Person(name, phone=phone, **extra)


def test_people_round_trip_and_are_found_by_name_or_phone_fragment(uow):
    zhang = _person(
        birth_date=date(1980, 5, 1),
        interest_tags=("书法", "太极"),
        id_number="110101198005011234",
        email="zw@example.com",
    )
    li = _person("李娜", "13900139000")
    with uow() as work:
        work.people.add(zhang)
        work.people.add(li)
        work.commit()

    with uow() as work:
        assert work.people.get(zhang.id) == zhang
        assert work.people.search("张", 10) == [zhang]
        assert work.people.search("0139", 10) == [li]
        assert work.people.by_phone("13900139000") == li
        assert work.people.by_phone("139") is None
        assert work.people.get_many([zhang.id, li.id]) == {zhang.id: zhang, li.id: li}


def test_occupancies_round_trip_with_shares_and_leases(uow):
    _, building = _estate(uow)
    unit = _unit(building)
    owner, tenant = _person(), _person("李娜", "13900139000")
    ownership = Occupancy(
        unit.id, owner.id, Role.OWNER, date(2020, 1, 1), share=Decimal("62.50")
    )
    lease = Lease(
        date(2026, 1, 1),
        date(2026, 12, 31),
        Money(Decimal("4500.00")),
        Money(Decimal("9000.00")),
        ("property_fee",),
    )
    tenancy = Occupancy(unit.id, tenant.id, Role.TENANT, lease.start, lease=lease)
    family = Occupancy(
        unit.id,
        owner.id,
        Role.FAMILY,
        date(2026, 2, 1),
        head_id=tenancy.id,
        end=date(2026, 6, 30),
    )
    with uow() as work:
        work.units.add(unit)
        work.people.add(owner)
        work.people.add(tenant)
        for occupancy in (ownership, tenancy, family):
            work.occupancies.add(occupancy)
        work.commit()

    with uow() as work:
        assert work.occupancies.for_units([unit.id]) == [ownership, tenancy, family]
        assert work.occupancies.for_person(tenant.id) == [tenancy]
        assert work.occupancies.get(family.id) == family


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(area=strategies.areas(), rent=strategies.money(), share=strategies.shares())
def test_areas_money_and_shares_round_trip_exactly(uow, area, rent, share):
    _, building = _estate(uow)
    unit = _unit(
        building,
        f"R-{new_id().hex[:8]}",
        gross_area=area,
        fee_coefficient=Decimal("1.2345"),
    )
    person = _person(phone="")
    lease = Lease(date(2026, 1, 1), date(2026, 12, 31), rent, rent)
    tenancy = Occupancy(unit.id, person.id, Role.TENANT, lease.start, lease=lease)
    owner = Occupancy(unit.id, person.id, Role.OWNER, date(2026, 1, 1), share=share)
    with uow() as work:
        work.units.add(unit)
        work.people.add(person)
        work.occupancies.add(tenancy)
        work.occupancies.add(owner)
        work.commit()

    with uow() as work:
        stored_unit = work.units.get(unit.id)
        stored = {o.id: o for o in work.occupancies.for_units([unit.id])}

    assert stored_unit.gross_area == area
    assert str(stored_unit.gross_area.square_metres) == str(area.square_metres)
    assert stored_unit.fee_coefficient == Decimal("1.2345")
    assert stored[tenancy.id].lease.rent == rent
    assert str(stored[tenancy.id].lease.rent.amount) == str(rent.amount)
    assert stored[owner.id].share == share


def test_units_added_together_are_stored_with_their_history(uow):
    _, building = _estate(uow)
    batch = [_unit(building, f"1-{n:03}") for n in range(1, 6)]
    at = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    changes = [StatusChange(u.id, None, "vacant", at, "import") for u in batch]

    with uow() as work:
        work.units.add_many(batch)
        work.units.add_status_changes(changes)
        work.commit()

    with uow() as work:
        assert work.units.labels(building.id) == {u.label for u in batch}
        assert work.units.for_building(building.id) == batch
        assert work.units.history(batch[2].id) == [changes[2]]


def test_a_taken_label_in_a_batch_conflicts(uow):
    _, building = _estate(uow)
    with uow() as work:
        work.units.add(_unit(building))
        work.commit()

    with pytest.raises(ConflictError):
        _add_many(uow, [_unit(building, "1-0001"), _unit(building)])

    with uow() as work:
        assert work.units.labels(building.id) == {"1-1201"}


def _add_many(uow, batch) -> None:
    with uow() as work:
        work.units.add_many(batch)
        work.commit()


def test_searches_within_part_of_the_tree_choose_before_the_limit(uow):
    _, mine = _estate(uow)
    _, theirs = _estate(uow, "锦绣江南", "杭州市")
    inside, outside, unplaced = (
        _person("张三"),
        _person("张四", "13800000002"),
        _person("张五", "13800000003"),
    )
    with uow() as work:
        work.units.add(_unit(theirs, "1-101"))
        work.units.add(_unit(mine, "1-102"))
        for person in (inside, outside, unplaced):
            work.people.add(person)
        for person, building in ((inside, mine), (outside, theirs)):
            unit = work.units.by_label(
                building.id, "1-102" if building is mine else "1-101"
            )
            work.occupancies.add(
                Occupancy(
                    unit.id,
                    person.id,
                    Role.OWNER,
                    date(2026, 1, 1),
                    share=Decimal("100"),
                )
            )
        work.commit()
    within = Within(estate_ids=frozenset({mine.estate_id}))

    with uow() as work:
        units = [i.unit.label for i in work.units.search("1-1", 1, within)]
        people = [p.name for p in work.people.search("张", 10, within)]
        by_building = work.units.search(
            "1-1", 10, Within(building_ids=frozenset({theirs.id}))
        )

    assert units == ["1-102"]
    assert people == ["张三", "张五"]
    assert [i.unit.label for i in by_building] == ["1-101"]
