"""The contract of the account ports, run against the fakes, SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal

import pytest

from propcore.access.accounts import Account, AccountKind, Assignment
from propcore.access.rules import StaffRole
from propcore.errors import ConflictError, NotFoundError
from propcore.ids import new_id
from propcore.measures import Area
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Unit
from propcore.residents.occupancy import Occupancy, Role
from propcore.residents.people import Person


def _staff(name="Wang Fang", username="wangfang", **extra) -> Account:
    return Account(AccountKind.STAFF, name, username=username, **extra)


def _resident(person_id=None, phone="13800138000", **extra) -> Account:
    return Account(
        AccountKind.RESIDENT, "张伟", phone=phone, person_id=person_id, **extra
    )


def _stored(uow, *accounts):
    with uow() as work:
        for account in accounts:
            work.accounts.add(account)
        work.commit()


def _conflict_on_add(uow, account) -> str:
    with uow() as work, pytest.raises(ConflictError) as raised:  # noqa: PT012
        # the fake refuses at add, a database may refuse only at commit
        work.accounts.add(account)
        work.commit()
    return raised.value.problem.field


def test_accounts_round_trip_every_field(uow):
    person = Person("张伟", phone="13800138000")
    resident = _resident(
        person.id,
        username="ZhangWei",
        email="zw@example.com",
        password_hash="hash",
        totp_secret="JBSWY3DPEHPK3PXP",
        active=False,
        language="en",
    )
    staff = _staff()
    with uow() as work:
        work.people.add(person)
        work.accounts.add(resident)
        work.accounts.add(staff)
        work.commit()

    with uow() as work:
        assert work.accounts.get(resident.id) == resident
        assert work.accounts.get(staff.id) == staff
        assert not work.accounts.get(staff.id).activated


def test_unknown_accounts_raise_not_found(uow):
    with uow() as work, pytest.raises(NotFoundError):
        work.accounts.get(new_id())
    with uow() as work, pytest.raises(NotFoundError):
        work.accounts.update(_staff())


def test_updates_replace_the_stored_account(uow):
    account = _staff()
    _stored(uow, account)

    account.username = "Fang.Wang"
    account.password_hash = "hash-2"
    account.active = False
    with uow() as work:
        work.accounts.update(account)
        work.commit()

    with uow() as work:
        assert work.accounts.get(account.id) == account
        assert work.accounts.by_login("fang.wang") == account
        assert work.accounts.by_login("wangfang") is None


def test_a_username_differing_only_in_case_is_taken(uow):
    _stored(uow, _staff(username="WangFang"))

    assert _conflict_on_add(uow, _staff("Other", username="wANGfANG")) == "username"


def test_a_phone_is_taken_once(uow):
    _stored(uow, _resident())

    assert _conflict_on_add(uow, _resident(username="other")) == "phone"


def test_updating_to_a_taken_username_conflicts(uow):
    first, second = _staff(), _staff("Li Na", "lina")
    _stored(uow, first, second)

    second.username = "WANGFANG"
    with uow() as work, pytest.raises(ConflictError) as raised:  # noqa: PT012
        work.accounts.update(second)
        work.commit()

    assert raised.value.problem.field == "username"


def test_many_accounts_may_lack_a_username_or_phone(uow):
    accounts = [_staff(username=None), _staff(username=None), _resident(phone=None)]

    _stored(uow, *accounts)

    with uow() as work:
        assert [work.accounts.get(a.id) for a in accounts] == accounts


def test_by_login_finds_a_username_in_any_case_or_a_phone(uow):
    staff, resident = _staff(username="WangFang"), _resident()
    _stored(uow, staff, resident)

    with uow() as work:
        assert work.accounts.by_login("wangfang") == staff
        assert work.accounts.by_login("WANGFANG") == staff
        assert work.accounts.by_login("13800138000") == resident
        assert work.accounts.by_login("1380013800") is None
        assert work.accounts.by_login("") is None


def test_by_login_prefers_a_username_to_a_phone(uow):
    resident = _resident(phone="13800138000")
    staff = _staff(username="13800138000")
    _stored(uow, resident, staff)

    with uow() as work:
        assert work.accounts.by_login("13800138000") == staff


def test_for_person_finds_the_linked_account(uow):
    person = Person("张伟")
    account = _resident(person.id)
    with uow() as work:
        work.people.add(person)
        work.accounts.add(account)
        work.commit()

    with uow() as work:
        assert work.accounts.for_person(person.id) == account
        assert work.accounts.for_person(new_id()) is None


def test_staff_lists_only_staff_by_display_name(uow):
    names = ["Zhou Min", "Chen Jie", "Li Na"]
    staff = [_staff(name, f"user{i}") for i, name in enumerate(names)]
    _stored(uow, *staff, _resident())

    with uow() as work:
        listed = work.accounts.staff()

    assert [a.display_name for a in listed] == ["Chen Jie", "Li Na", "Zhou Min"]


def test_assignments_are_added_listed_and_removed(uow):
    account, other = _staff(), _staff("Li Na", "lina")
    _stored(uow, account, other)
    estate, building = new_id(), new_id()
    manager = Assignment(account.id, StaffRole.ESTATE_MANAGER, estate)
    finance = Assignment(account.id, StaffRole.FINANCE, building)
    elsewhere = Assignment(other.id, StaffRole.FINANCE, building)
    with uow() as work:
        for assignment in (manager, finance, elsewhere):
            work.assignments.add(assignment)
        work.commit()

    with uow() as work:
        assert work.assignments.for_account(account.id) == [manager, finance]
        work.assignments.remove(manager.id)
        work.assignments.remove(new_id())
        work.commit()

    with uow() as work:
        assert work.assignments.for_account(account.id) == [finance]
        assert work.assignments.for_account(new_id()) == []


def test_the_same_role_on_the_same_node_is_assigned_once(uow):
    account = _staff()
    _stored(uow, account)
    node = new_id()
    with uow() as work:
        work.assignments.add(Assignment(account.id, StaffRole.FINANCE, node))
        work.commit()

    with uow() as work, pytest.raises(ConflictError) as raised:  # noqa: PT012
        work.assignments.add(Assignment(account.id, StaffRole.FINANCE, node))
        work.commit()

    assert raised.value.problem.field == "role"


def test_occupancy_grants_round_trip(uow):
    estate = OrgNode(NodeKind.ESTATE, "翠湖花园")
    building = Building(estate.id, "3号楼")
    unit = Unit(
        building.id,
        "1-1201",
        floor=12,
        room="1201",
        gross_area=Area(Decimal(90)),
        status="vacant",
    )
    owner, child = Person("张伟"), Person("张小明")
    head = Occupancy(
        unit.id, owner.id, Role.OWNER, date(2020, 1, 1), share=Decimal(100)
    )
    family = Occupancy(
        unit.id,
        child.id,
        Role.FAMILY,
        date(2020, 1, 1),
        head_id=head.id,
        grants=("fees", "repairs"),
    )
    with uow() as work:
        work.orgs.add(estate)
        work.buildings.add(building)
        work.units.add(unit)
        for item in (owner, child):
            work.people.add(item)
        for occupancy in (head, family):
            work.occupancies.add(occupancy)
        work.commit()

    with uow() as work:
        assert work.occupancies.get(family.id).grants == ("fees", "repairs")
        assert work.occupancies.get(head.id).grants == ()
