"""Actors built from storage: scopes from the tree, memberships from occupancies."""

import base64
from datetime import UTC, datetime, timedelta

import pytest

from propcore.access import totp
from propcore.access.policy import Resource, allows
from propcore.access.rules import Action, Area
from propcore.errors import NotFoundError
from propcore.property.tree import NodeKind


@pytest.fixture
def estate_unit(fake_core):
    company = fake_core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    estate = fake_core.property.create_node(
        NodeKind.ESTATE, {"name": "翠湖花园", "parent_id": str(company.id)}
    )
    building = fake_core.property.create_building(estate.id, {"name": "1号楼"})
    unit = fake_core.property.create_unit(
        building.id, {"floor": "3", "room": "301", "gross_area": "90.00"}, actor="t"
    )
    return company, estate, building, unit


def _resident(core, name, phone):
    person = core.residents.create_person({"name": name, "phone": phone})
    return person, core.accounts.create_resident(person.id).account


def test_an_owner_acts_on_their_unit_and_not_on_others(fake_core, estate_unit):
    _, estate, building, unit = estate_unit
    owner, account = _resident(fake_core, "张伟", "13800000001")
    fake_core.residents.add_occupancy(
        unit.id, {"person_id": str(owner.id), "role": "owner", "share": "100"}
    )

    actor = fake_core.accounts.actor(account.id)

    here = Resource(Area.PROPERTY, estate.id, building.id, unit.id)
    assert allows(actor, Action.VIEW, here)
    assert not allows(actor, Action.EDIT, here)
    assert not allows(actor, Action.VIEW, Resource(Area.PROPERTY, estate.id))


def test_a_tenant_loses_access_the_day_after_the_lease_ends(fake_core, estate_unit):
    _, estate, building, unit = estate_unit
    tenant, account = _resident(fake_core, "李娜", "13900000002")
    today = fake_core.clock.today()
    fake_core.residents.add_occupancy(
        unit.id,
        {
            "person_id": str(tenant.id),
            "role": "tenant",
            "lease_start": str(today),
            "lease_end": str(today + timedelta(days=10)),
            "rent": "3000.00",
        },
    )
    here = Resource(Area.PROPERTY, estate.id, building.id, unit.id)

    fake_core.clock.advance(days=10)
    on_last_day = allows(fake_core.accounts.actor(account.id), Action.VIEW, here)
    fake_core.clock.advance(days=1)
    after = allows(fake_core.accounts.actor(account.id), Action.VIEW, here)

    assert (on_last_day, after) == (True, False)


def test_a_family_member_sees_what_their_head_granted_and_only_the_head_can_grant(
    fake_core, estate_unit
):
    _, estate, building, unit = estate_unit
    owner, _ = _resident(fake_core, "张伟", "13800000001")
    child, child_account = _resident(fake_core, "张小明", "13800000009")
    ownership = fake_core.residents.add_occupancy(
        unit.id, {"person_id": str(owner.id), "role": "owner", "share": "100"}
    )
    membership = fake_core.residents.add_occupancy(
        unit.id,
        {"person_id": str(child.id), "role": "family", "head_id": str(ownership.id)},
    )
    bill = Resource(Area.FEES, estate.id, building.id, unit.id, person_id=owner.id)
    before = allows(fake_core.accounts.actor(child_account.id), Action.VIEW, bill)

    fake_core.family.set_grants(membership.id, ["fees"], by_person=owner.id)

    assert not before
    assert allows(fake_core.accounts.actor(child_account.id), Action.VIEW, bill)
    with pytest.raises(NotFoundError):
        fake_core.family.set_grants(membership.id, ["property"], by_person=child.id)


def test_a_company_role_covers_everything_and_a_building_role_one_building(
    fake_core, estate_unit
):
    company, estate, building, _unit = estate_unit
    other = fake_core.property.create_building(estate.id, {"name": "2号楼"})
    boss = fake_core.accounts.create_staff({"username": "boss", "display_name": "老板"})
    guard = fake_core.accounts.create_staff(
        {"username": "guard", "display_name": "保安"}
    )
    fake_core.accounts.assign(
        boss.account.id, {"role": "company_admin", "node_id": str(company.id)}
    )
    fake_core.accounts.assign(
        guard.account.id, {"role": "security", "node_id": str(building.id)}
    )

    boss_actor = fake_core.accounts.actor(boss.account.id)
    guard_actor = fake_core.accounts.actor(guard.account.id)

    elsewhere = Resource(Area.INCIDENTS, estate.id, other.id)
    assert allows(boss_actor, Action.EDIT, elsewhere)
    assert allows(
        guard_actor, Action.EDIT, Resource(Area.INCIDENTS, estate.id, building.id)
    )
    assert not allows(guard_actor, Action.VIEW, elsewhere)


def test_totp_matches_the_rfc_6238_test_vector():
    secret = base64.b32encode(b"12345678901234567890").decode()

    assert totp.code_at(secret, datetime.fromtimestamp(59, UTC)) == "287082"
    assert totp.code_at(secret, datetime.fromtimestamp(1111111109, UTC)) == "081804"
    assert totp.verify(secret, "287082", datetime.fromtimestamp(59 + 30, UTC))
    assert not totp.verify(secret, "287082", datetime.fromtimestamp(59 + 90, UTC))


def test_role_changes_are_audited_with_who_and_what(fake_core, estate_unit):
    company = estate_unit[0]
    boss = fake_core.accounts.create_staff({"username": "boss", "display_name": "老板"})
    clerk = fake_core.accounts.create_staff(
        {"username": "clerk", "display_name": "前台"}
    )
    grant = {"role": "front_desk", "node_id": str(company.id)}

    assignment = fake_core.accounts.assign(clerk.account.id, grant, by=boss.account.id)
    fake_core.accounts.unassign(clerk.account.id, assignment.id, by=boss.account.id)

    subject = f"account:{clerk.account.id}"
    events = {e.kind: e for e in fake_core.accounts.audit_log() if e.subject == subject}
    assert set(events) >= {"role_granted", "role_revoked", "account_created"}
    assert events["role_granted"].actor_id == boss.account.id
    assert events["role_granted"].details == {
        "role": "front_desk",
        "node": str(company.id),
    }


def test_the_first_administrator_gets_a_company_and_everything_in_it(fake_core):
    admin = fake_core.setup.administrator("admin", "first-password")
    again = fake_core.setup.administrator("admin", "second-password")

    actor = fake_core.accounts.actor(admin.id)

    assert again.id == admin.id
    assert [n.name for n in fake_core.property.nodes()] == ["物业服务公司"]
    assert [g.scope.everything for g in actor.staff] == [True]
    assert fake_core.signin.sign_in("admin", "second-password", address="x")
