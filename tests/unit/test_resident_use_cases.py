"""Residents on the fakes: owners' shares, family, tenancies that end by themselves."""

from datetime import timedelta

import pytest

from propcore.errors import AuthenticationError, ConflictError, InvalidInputError
from propcore.property.tree import NodeKind
from propcore.residents.occupancy import Role
from propcore.residents.people import mask_id_number


@pytest.fixture
def unit(fake_core):
    company = fake_core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    estate = fake_core.property.create_node(
        NodeKind.ESTATE, {"name": "翠湖花园", "parent_id": str(company.id)}
    )
    building = fake_core.property.create_building(estate.id, {"name": "1号楼"})
    raw = {"floor": "5", "room": "501", "gross_area": "89.50"}
    return fake_core.property.create_unit(building.id, raw, actor="admin")


def _person(core, name, phone):
    return core.residents.create_person({"name": name, "phone": phone})


def _own(core, unit, person, share):
    raw = {"person_id": str(person.id), "role": "owner", "share": share}
    return core.residents.add_occupancy(unit.id, raw)


def test_co_owners_shares_may_add_up_to_but_not_beyond_100(fake_core, unit):
    a, b, c = (
        _person(fake_core, n, p)
        for n, p in [
            ("张伟", "13800000001"),
            ("王芳", "13800000002"),
            ("刘洋", "13800000003"),
        ]
    )
    _own(fake_core, unit, a, "50")
    _own(fake_core, unit, b, "50.00")

    with pytest.raises(ConflictError) as raised:
        _own(fake_core, unit, c, "0.01")

    assert raised.value.problem.field == "share"
    assert len(fake_core.residents.household(unit.id)) == 2


def test_a_family_member_joins_a_current_owner(fake_core, unit):
    owner = _person(fake_core, "张伟", "13800000001")
    child = _person(fake_core, "张小明", "13800000009")
    ownership = _own(fake_core, unit, owner, "100")

    fake_core.residents.add_occupancy(
        unit.id,
        {"person_id": str(child.id), "role": "family", "head_id": str(ownership.id)},
    )

    roles = {
        o.person.name: o.occupancy.role for o in fake_core.residents.household(unit.id)
    }
    assert roles == {"张伟": Role.OWNER, "张小明": Role.FAMILY}


def test_a_family_member_needs_a_head_in_the_same_unit(fake_core, unit):
    child = _person(fake_core, "张小明", "13800000009")

    with pytest.raises(InvalidInputError) as raised:
        fake_core.residents.add_occupancy(
            unit.id,
            {"person_id": str(child.id), "role": "family", "head_id": str(child.id)},
        )

    assert raised.value.fields == ("head_id",)


def test_a_tenancy_and_its_family_end_by_themselves_after_the_lease(
    fake_core, unit, clock
):
    tenant = _person(fake_core, "李娜", "13900000001")
    spouse = _person(fake_core, "赵磊", "13900000002")
    today = clock.today()
    tenancy = fake_core.residents.add_occupancy(
        unit.id,
        {
            "person_id": str(tenant.id),
            "role": "tenant",
            "lease_start": str(today),
            "lease_end": str(today + timedelta(days=30)),
            "rent": "3500.00",
            "deposit": "7000.00",
        },
    )
    fake_core.residents.add_occupancy(
        unit.id,
        {"person_id": str(spouse.id), "role": "family", "head_id": str(tenancy.id)},
    )

    assert len(fake_core.residents.household(unit.id)) == 2
    clock.advance(days=31)

    assert fake_core.residents.household(unit.id) == []


def test_a_tenant_needs_a_complete_lease(fake_core, unit):
    tenant = _person(fake_core, "李娜", "13900000001")

    with pytest.raises(InvalidInputError) as raised:
        fake_core.residents.add_occupancy(
            unit.id,
            {
                "person_id": str(tenant.id),
                "role": "tenant",
                "lease_start": "2026-12-01",
                "lease_end": "2026-11-01",
                "rent": "-1",
            },
        )

    assert set(raised.value.fields) == {"rent"}


def test_a_lease_cannot_end_before_it_starts(fake_core, unit):
    tenant = _person(fake_core, "李娜", "13900000001")

    with pytest.raises(InvalidInputError) as raised:
        fake_core.residents.add_occupancy(
            unit.id,
            {
                "person_id": str(tenant.id),
                "role": "tenant",
                "lease_start": "2026-12-01",
                "lease_end": "2026-11-01",
                "rent": "3000",
            },
        )

    assert raised.value.fields == ("lease_end",)


def test_ending_an_ownership_removes_it_from_the_household(fake_core, unit, clock):
    owner = _person(fake_core, "张伟", "13800000001")
    ownership = _own(fake_core, unit, owner, "100")

    fake_core.residents.end_occupancy(ownership.id, {"end": str(clock.today())})
    clock.advance(days=1)

    assert fake_core.residents.household(unit.id) == []
    (history,) = fake_core.residents.units_of(owner.id)
    assert history.current is False


def test_people_are_found_by_name_or_phone_fragment(fake_core):
    _person(fake_core, "张伟", "13800138000")
    _person(fake_core, "李娜", "13912345678")

    assert [p.name for p in fake_core.residents.search_people("2345")] == ["李娜"]
    assert [p.name for p in fake_core.residents.search_people("张")] == ["张伟"]


def test_bad_contact_details_are_refused_by_field(fake_core):
    with pytest.raises(InvalidInputError) as raised:
        fake_core.residents.create_person(
            {
                "name": "",
                "phone": "call me",
                "email": "nope",
                "birth_date": "1990-13-01",
            }
        )

    assert set(raised.value.fields) == {"name", "phone", "email", "birth_date"}


def test_id_numbers_are_shown_masked():
    assert mask_id_number("110101199001011234") == "110***********1234"
    assert mask_id_number("12345") == "*****"


def test_who_joins_or_leaves_a_unit_is_audited(fake_core, unit, clock):
    owner = _person(fake_core, "张伟", "13800000001")
    clerk = fake_core.accounts.create_staff({"username": "c", "display_name": "前台"})

    ownership = fake_core.residents.add_occupancy(
        unit.id,
        {"person_id": str(owner.id), "role": "owner", "share": "100"},
        by=clerk.account.id,
    )
    fake_core.residents.end_occupancy(ownership.id, {"end": str(clock.today())})

    events = [
        e for e in fake_core.accounts.audit_log() if e.subject == f"person:{owner.id}"
    ]
    assert sorted(e.details["what"] for e in events) == [
        "occupancy_added",
        "occupancy_ended",
    ]
    assert {e.actor_id for e in events} == {clerk.account.id, None}


def test_a_residents_sign_in_phone_follows_their_contact_details(fake_core):
    person = _person(fake_core, "李娜", "13900000001")
    new = fake_core.accounts.create_resident(person.id)
    fake_core.recovery.set_first_password(new.activation_token, "a-good-password")

    fake_core.residents.update_person(
        person.id, {"name": "李娜", "phone": "13900000002"}
    )

    assert fake_core.signin.sign_in("13900000002", "a-good-password", address="x")
    with pytest.raises(AuthenticationError):
        fake_core.signin.sign_in("13900000001", "a-good-password", address="x")


def test_a_phone_another_account_signs_in_with_is_refused_and_nothing_changes(
    fake_core,
):
    li = _person(fake_core, "李娜", "13900000001")
    wang = _person(fake_core, "王芳", "13900000002")
    for person in (li, wang):
        fake_core.accounts.create_resident(person.id)

    with pytest.raises(ConflictError) as raised:
        fake_core.residents.update_person(
            li.id, {"name": "李娜", "phone": "13900000002"}
        )

    assert raised.value.problem.field == "phone"
    assert fake_core.residents.person(li.id).phone == "13900000001"
