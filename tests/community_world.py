"""An estate of three buildings with residents, for notice, incident and
event tests. Building 3 has two entrances; every resident has an account
except 孙无号, and 周走了 moved out of building 3 last year."""

import attrs

from propcore.application import Propcore
from propcore.property.tree import NodeKind

LEASE = {
    "role": "tenant",
    "lease_start": "2026-01-01",
    "lease_end": "2027-12-31",
    "rent": "3000.00",
}


@attrs.define
class Community:
    ids: dict = attrs.field(factory=dict)
    accounts: dict = attrs.field(factory=dict)  # person name → account id
    tokens: dict = attrs.field(factory=dict)  # person name → activation token


def build(core: Propcore) -> Community:
    world = Community()
    company = core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    estate = core.property.create_node(
        NodeKind.ESTATE, {"name": "翠湖花园", "parent_id": str(company.id)}
    )
    world.ids["company"], world.ids["estate"] = company.id, estate.id
    for n in (1, 2, 3):
        building = core.property.create_building(estate.id, {"name": f"{n}号楼"})
        world.ids[f"b{n}"] = building.id
    _units(core, world)
    _residents(core, world)
    return world


def _units(core: Propcore, world: Community) -> None:
    for key, building, entrance, room in (
        ("u1", "b1", "1", "101"),
        ("u2", "b2", "1", "101"),
        ("u3a", "b3", "1", "101"),
        ("u3b", "b3", "2", "201"),
    ):
        raw = {"floor": "1", "room": room, "entrance": entrance, "gross_area": "90"}
        world.ids[key] = core.property.create_unit(
            world.ids[building], raw, actor="t"
        ).id


def _person(core, world, name, phone, **extra):
    person = core.residents.create_person({"name": name, "phone": phone, **extra})
    world.ids[name] = person.id
    return person


def _join(core, world, unit, name, raw, account=True):
    raw = {"person_id": str(world.ids[name]), "start": "2025-01-01", **raw}
    occupancy = core.residents.add_occupancy(world.ids[unit], raw)
    if account:
        created = core.accounts.create_resident(world.ids[name])
        world.accounts[name] = created.account.id
        world.tokens[name] = created.activation_token
    return occupancy


def _residents(core: Propcore, world: Community) -> None:
    people = {
        "张业主": "13800000001",
        "张家人": "13800000002",
        "李租客": "13800000003",
        "王一栋": "13800000004",
        "赵二栋": "13800000005",
        "孙无号": "13800000006",
        "周走了": "13800000007",
    }
    for name, phone in people.items():
        _person(core, world, name, phone)
    owner = _join(core, world, "u3a", "张业主", {"role": "owner", "share": "100"})
    _join(core, world, "u3a", "张家人", {"role": "family", "head_id": str(owner.id)})
    _join(core, world, "u3b", "李租客", LEASE)
    _join(core, world, "u1", "王一栋", {"role": "owner", "share": "100"})
    _join(core, world, "u2", "赵二栋", {"role": "owner", "share": "100"})
    _join(core, world, "u3b", "孙无号", {"role": "owner", "share": "100"}, False)
    gone = _join(
        core,
        world,
        "u3b",
        "周走了",
        LEASE | {"lease_end": "2025-12-31", "lease_start": "2025-01-01"},
    )
    world.ids["gone"] = gone.id


def staff(
    core: Propcore, world: Community, role: str, name: str, phone: str = ""
) -> object:
    raw = {"username": name, "display_name": name, "phone": phone}
    created = core.accounts.create_staff(raw)
    core.accounts.assign(
        created.account.id, {"role": role, "node_id": str(world.ids["estate"])}
    )
    return created.account
