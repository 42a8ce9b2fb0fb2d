"""The policy against every cell of the tables in docs/permissions.md."""

from pathlib import Path

import pytest

from propcore.access.policy import (
    Actor,
    Membership,
    Resource,
    Scope,
    StaffGrant,
    allows,
    resident_units,
    staff_scope,
)
from propcore.access.rules import Action, Area, StaffRole
from propcore.ids import new_id

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
ESTATE, OTHER_ESTATE = new_id(), new_id()
BUILDING, OTHER_BUILDING = new_id(), new_id()
UNIT, OTHER_UNIT = new_id(), new_id()
ME, MY_CHILD, SOMEONE_ELSE = new_id(), new_id(), new_id()


def _table(heading: str) -> list[dict[str, str]]:
    """The markdown table under ``## heading``, as dicts keyed by column."""
    section = DOC.read_text(encoding="utf-8").split(f"## {heading}\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    header, body = rows[0], rows[2:]
    return [dict(zip(header, row, strict=True)) for row in body]


def _cells(heading: str, roles: list[str]) -> list:
    return [
        pytest.param(Area(row["area"]), role, row[role], id=f"{row['area']}-{role}")
        for row in _table(heading)
        for role in roles
    ]


def _where(area: Area, *, estate=ESTATE, building=BUILDING, unit=UNIT, person=None):
    return Resource(area, estate, building, unit, person)


def test_the_tables_cover_every_area():
    assert {Area(row["area"]) for row in _table("Staff")} == set(Area)
    assert {Area(row["area"]) for row in _table("Residents")} == set(Area)


@pytest.mark.parametrize(("area", "role", "cell"), _cells("Staff", list(StaffRole)))
def test_staff_act_as_the_table_says_and_only_inside_their_scope(area, role, cell):
    actor = Actor(
        new_id(),
        staff=(StaffGrant(StaffRole(role), Scope(estate_ids=frozenset({ESTATE}))),),
    )
    inside, outside = (
        _where(area),
        _where(area, estate=OTHER_ESTATE, building=OTHER_BUILDING, unit=OTHER_UNIT),
    )

    may_view = allows(actor, Action.VIEW, inside)
    may_edit = allows(actor, Action.EDIT, inside)

    assert (may_view, may_edit) == (cell in ("view", "edit"), cell == "edit")
    assert not allows(actor, Action.VIEW, outside)
    assert staff_scope(actor, area, Action.VIEW).covers(inside) == (cell != "—")


@pytest.mark.parametrize("role", list(StaffRole))
def test_a_building_scope_covers_that_building_and_not_its_neighbours(role):
    scope = Scope(building_ids=frozenset({BUILDING}))
    actor = Actor(new_id(), staff=(StaffGrant(role, scope),))
    area = Area.PROPERTY if role is not StaffRole.COMPANY_ADMIN else Area.AUDIT

    assert allows(actor, Action.VIEW, _where(area))
    assert not allows(
        actor, Action.VIEW, _where(area, building=OTHER_BUILDING, unit=OTHER_UNIT)
    )


def _resident(role: str, grants=frozenset()) -> Actor:
    household = (
        frozenset({ME, MY_CHILD}) if role != "family" else frozenset({SOMEONE_ELSE, ME})
    )
    membership = Membership(UNIT, BUILDING, ESTATE, role, household, frozenset(grants))
    return Actor(
        new_id(),
        person_id=ME if role != "family" else MY_CHILD,
        memberships=(membership,),
    )


def _expected(cell: str, granted: bool) -> tuple[bool, bool, bool]:
    """May view own household's data, may view another's in the unit, may edit own."""
    if cell == "—" or ("if granted" in cell and not granted):
        return False, False, False
    edit = cell.startswith("edit")
    whole_unit = cell in ("view", "edit")
    return True, whole_unit, edit


@pytest.mark.parametrize(
    ("area", "role", "cell"), _cells("Residents", ["owner", "family", "tenant"])
)
@pytest.mark.parametrize("granted", [True, False])
def test_residents_act_as_the_table_says_and_only_on_their_units(
    area, role, cell, granted
):
    actor = _resident(role, grants={area} if granted else set())
    household_person = ME if role != "family" else SOMEONE_ELSE
    own = _where(area, person=household_person)
    others = _where(area, person=new_id())
    elsewhere = _where(
        area, unit=OTHER_UNIT, building=OTHER_BUILDING, estate=OTHER_ESTATE
    )

    expected = _expected(cell, granted)

    assert allows(actor, Action.VIEW, own) == expected[0]
    assert allows(actor, Action.VIEW, others) == expected[1]
    assert allows(actor, Action.EDIT, own) == expected[2]
    assert not allows(actor, Action.VIEW, elsewhere)
    assert (UNIT in resident_units(actor, area, Action.VIEW)) == expected[0]


@pytest.mark.parametrize("role", ["owner", "family", "tenant"])
def test_everyone_may_see_and_change_their_own_contact_details(role):
    actor = _resident(role)
    myself = Resource(Area.RESIDENTS, person_id=actor.person_id)

    assert allows(actor, Action.EDIT, myself)


def test_a_person_with_no_role_and_no_occupancy_may_do_nothing():
    nobody = Actor(new_id())

    for area in Area:
        assert not allows(nobody, Action.VIEW, _where(area, person=SOMEONE_ELSE))


def test_notices_to_an_estate_reach_its_residents_and_no_others():
    tenant = _resident("tenant")

    assert allows(tenant, Action.VIEW, Resource(Area.NOTICES, estate_id=ESTATE))
    assert not allows(
        tenant, Action.VIEW, Resource(Area.NOTICES, estate_id=OTHER_ESTATE)
    )
    assert not allows(tenant, Action.EDIT, Resource(Area.NOTICES, estate_id=ESTATE))
