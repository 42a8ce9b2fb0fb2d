"""The browser tests' residents and scoped staff, built through the core.

Estate 翠湖花园 (the front-desk tests' estate) gets building 5号楼 with unit
1-101 (owner 周杰, his family member 周婷, a tenant 吴敏) and unit 1-102
(owner 郑爽); a second estate 枫林苑 has one unit. A front-desk clerk holds
her role over 翠湖花园 only.
"""

from datetime import timedelta

import attrs

from propcore.application import Propcore
from propcore.ids import Id
from propcore.property.tree import NodeKind

PASSWORD = "browser-resident-pass"
PHONES = {
    "owner": "13600000001",
    "family": "13600000002",
    "tenant": "13600000003",
    "neighbour": "13600000004",
}
CLERK = "clerk"


@attrs.frozen
class RolesWorld:
    unit_id: Id
    other_unit_id: Id
    other_estate_id: Id
    family_occupancy_id: Id


def seed_roles(core: Propcore, estate_id: Id) -> RolesWorld:
    company_id = core.property.node(estate_id).parent_id
    building = core.property.create_building(estate_id, {"name": "5号楼"})
    unit, other = (_unit(core, building.id, room) for room in ("101", "102"))
    owner = _resident(core, unit, ("owner", "周杰"), "owner", share="100")
    head = {"head_id": str(owner.id)}
    family = _resident(core, unit, ("family", "周婷"), "family", **head)
    _resident(core, unit, ("tenant", "吴敏"), "tenant", **_lease(core))
    _resident(core, other, ("neighbour", "郑爽"), "owner", share="100")
    far = core.property.create_node(
        NodeKind.ESTATE, {"name": "枫林苑", "parent_id": str(company_id)}
    )
    far_building = core.property.create_building(far.id, {"name": "B栋"})
    _unit(core, far_building.id, "201")
    _clerk(core, estate_id)
    return RolesWorld(unit.id, other.id, far.id, family.id)


def _unit(core: Propcore, building_id: Id, room: str):
    raw = {"entrance": "1", "floor": "1", "room": room, "gross_area": "89.50"}
    return core.property.create_unit(building_id, raw, actor="seed")


def _lease(core: Propcore) -> dict[str, str]:
    today = core.clock.today()
    return {
        "lease_start": str(today - timedelta(days=30)),
        "lease_end": str(today + timedelta(days=335)),
        "rent": "4200",
        "deposit": "8400",
    }


def _resident(core: Propcore, unit, who: tuple[str, str], role: str, **extra):
    """``who``: (key of PHONES, name)."""
    person = core.residents.create_person({"name": who[1], "phone": PHONES[who[0]]})
    raw = {"person_id": str(person.id), "role": role, **extra}
    occupancy = core.residents.add_occupancy(unit.id, raw)
    token = core.accounts.create_resident(person.id).activation_token
    core.recovery.set_first_password(token, PASSWORD)
    return occupancy


def _clerk(core: Propcore, estate_id: Id) -> None:
    created = core.accounts.create_staff(
        {"username": CLERK, "display_name": "前台小王"}
    )
    role = {"role": "front_desk", "node_id": str(estate_id)}
    core.accounts.assign(created.account.id, role)
    core.recovery.set_first_password(created.activation_token, PASSWORD)
