"""A household head adds family members in one transaction."""

import pytest

from propcore.errors import InvalidInputError, NotFoundError
from propcore.property.tree import NodeKind


@pytest.fixture
def head(fake_core):
    company = fake_core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    estate = fake_core.property.create_node(
        NodeKind.ESTATE, {"name": "翠湖花园", "parent_id": str(company.id)}
    )
    building = fake_core.property.create_building(estate.id, {"name": "1号楼"})
    unit = fake_core.property.create_unit(
        building.id, {"floor": "3", "room": "301", "gross_area": "90.00"}, actor="t"
    )
    owner = fake_core.residents.create_person({"name": "张伟", "phone": "13800000001"})
    return fake_core.residents.add_occupancy(
        unit.id, {"person_id": str(owner.id), "role": "owner", "share": "100"}
    )


def _names(core, unit_id):
    return sorted(o.person.name for o in core.residents.household(unit_id))


def test_a_member_with_a_phone_gets_an_account_to_activate(fake_core, head):
    added = fake_core.family.add_family_member(
        head.id, {"name": "张小明", "phone": "13800000009"}, by_person=head.person_id
    )

    fake_core.recovery.set_first_password(added.activation_token, "a-good-password")
    assert fake_core.signin.sign_in("13800000009", "a-good-password", address="x")
    assert _names(fake_core, head.unit_id) == ["张伟", "张小明"]


def test_a_member_without_a_phone_or_with_a_taken_one_gets_no_account(fake_core, head):
    child = fake_core.family.add_family_member(
        head.id, {"name": "张小红"}, by_person=head.person_id
    )
    taken = fake_core.accounts.create_staff(
        {"username": "x", "display_name": "某员工", "phone": "13800000008"}
    )

    cousin = fake_core.family.add_family_member(
        head.id, {"name": "王表哥", "phone": "13800000008"}, by_person=head.person_id
    )

    assert (child.activation_token, cousin.activation_token) == (None, None)
    assert taken.account.phone == "13800000008"
    assert len(_names(fake_core, head.unit_id)) == 3


@pytest.mark.parametrize(
    ("raw", "error"),
    [({"name": ""}, InvalidInputError), ({"name": "外人"}, NotFoundError)],
)
def test_nothing_is_added_when_the_member_or_the_head_is_wrong(
    fake_core, head, raw, error
):
    someone_else = fake_core.residents.create_person({"name": "陌生人"})
    by_person = head.person_id if error is InvalidInputError else someone_else.id

    with pytest.raises(error):
        fake_core.family.add_family_member(head.id, raw, by_person=by_person)

    assert _names(fake_core, head.unit_id) == ["张伟"]
    assert fake_core.residents.search_people("外人") == []
