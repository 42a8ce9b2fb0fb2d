"""The world the authorisation matrix runs in: two estates, residents in
both, and one signed-in actor per staff role and resident kind.

Estate A holds unit A-101 (an owner, a family member with grants, one
without) and A-102 (a tenant); estate B holds B-101 and its owner. Every
staff account has its role over estate A only.
"""

from datetime import timedelta

import attrs

from propcore.access.policy import Actor
from propcore.access.rules import StaffRole
from propcore.application import Propcore
from propcore.billing.periods import Period
from propcore.messaging import Message
from propcore.messaging.outbox import Status
from propcore.property.tree import NodeKind

RESIDENT_ACTORS = ("owner", "family_granted", "family_plain", "tenant")
ACTORS = (*(role.value for role in StaffRole), *RESIDENT_ACTORS, "anonymous")
# Names in estate B, and per household in estate A, that listings must hide.
B_MARKERS = ("枫林苑", "枫林B栋", "住户-赵六", "13700000004")
PEOPLE = {
    "owner": ("住户-张伟", "13700000001"),
    "family_granted": ("住户-张敏", "13700000011"),
    "family_plain": ("住户-张强", "13700000012"),
    "tenant": ("住户-李四", "13700000002"),
    "b_owner": ("住户-赵六", "13700000004"),
    "both": ("住户-钱七", "13700000005"),  # owns in A and in B; no account
}
HOUSEHOLDS = {
    "owner": {"owner", "family_granted", "family_plain"},
    "family_granted": {"owner", "family_granted", "family_plain"},
    "family_plain": {"owner", "family_granted", "family_plain"},
    "tenant": {"tenant"},
}
UNIT = {"floor": "1", "gross_area": "88.00"}
LEASE = {
    "lease_start": "2026-01-01",
    "lease_end": "2027-12-31",
    "rent": "3000.00",
    "deposit": "6000.00",
}


@attrs.define
class World:
    """Ids by name (``estate_a``, ``unit_b``, ``person_owner``, ``occupancy_
    tenant``…), and each actor's session token and policy actor."""

    ids: dict = attrs.field(factory=dict)
    tokens: dict[str, str] = attrs.field(factory=dict)
    actors: dict[str, Actor] = attrs.field(factory=dict)


def build_world(core: Propcore) -> World:
    world = World()
    _property(core, world.ids)
    _residents(core, world.ids)
    _bills(core, world.ids)
    _meters(core, world.ids)
    for role in StaffRole:
        _staff(core, world, role)
    for name in RESIDENT_ACTORS:
        _resident(core, world, name)
    _failed_messages(core, world)
    for side, estate_name in (("a", "阳光苑"), ("b", "枫林苑")):
        _community(core, world.ids, side, estate_name)
    return world


JPEG = b"\xff\xd8\xff\xe0" + b"0" * 16


def _community(core: Propcore, ids: dict, side: str, estate_name: str) -> None:
    """A published notice to the whole estate, an incident with a photo (in
    estate A) and an event open to everyone there."""
    estate = ids[f"estate_{side}"]
    notice = core.notices.create(
        estate, {"title": f"{estate_name}停水", "body": "明天 9:00–12:00"}
    )
    core.notices.publish(notice.id)
    incident = core.incidents.report(
        {
            "estate_id": estate,
            "building_id": ids[f"building_{side}"],
            "kind": "water",
            "place": f"{estate_name}车库",
            "description": "漏水",
        },
        [JPEG] if side == "a" else [],
    )
    starts = (core.clock.now() + timedelta(days=3)).isoformat()
    event = core.events.create(
        estate,
        {
            "title": f"{estate_name}书法课",
            "place": "会所",
            "starts_at": starts,
            "capacity": "10",
        },
    )
    ids[f"notice_{side}"], ids[f"incident_{side}"] = notice.id, incident.id
    ids[f"event_{side}"] = event.id


def _property(core: Propcore, ids: dict) -> None:
    company = core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    ids["company"] = company.id
    for side, estate_name in (("a", "阳光苑"), ("b", "枫林苑")):
        estate = core.property.create_node(
            NodeKind.ESTATE, {"name": estate_name, "parent_id": company.id}
        )
        building = core.property.create_building(
            estate.id, {"name": f"{estate_name[:2]}{side.upper()}栋"}
        )
        ids[f"estate_{side}"], ids[f"building_{side}"] = estate.id, building.id
    for key, side, room in (("a", "a", "101"), ("a2", "a", "102"), ("b", "b", "101")):
        unit = core.property.create_unit(
            ids[f"building_{side}"], UNIT | {"room": room}, actor="seed"
        )
        ids[f"unit_{key}"] = unit.id


def _residents(core: Propcore, ids: dict) -> None:
    for name, (person_name, phone) in PEOPLE.items():
        person = core.residents.create_person({"name": person_name, "phone": phone})
        ids[f"person_{name}"] = person.id
    owner = _join(core, ids, "unit_a", "owner", {"role": "owner", "share": "100"})
    grants = {"family_granted": ["property", "residents"], "family_plain": []}
    for name, areas in grants.items():
        member = _join(core, ids, "unit_a", name, {"role": "family", "head_id": owner})
        core.family.set_grants(member, areas, by_person=ids["person_owner"])
    _join(core, ids, "unit_a2", "tenant", {"role": "tenant", **LEASE})
    _join(core, ids, "unit_a2", "both", {"role": "owner", "share": "100"})
    _join(core, ids, "unit_b", "b_owner", {"role": "owner", "share": "50"})
    both = {"role": "owner", "share": "50", "person_id": ids["person_both"]}
    core.residents.add_occupancy(ids["unit_b"], both | {"start": "2026-01-01"})


def _join(core: Propcore, ids: dict, unit: str, name: str, raw: dict):
    raw = raw | {"person_id": ids[f"person_{name}"], "start": "2026-01-01"}
    occupancy = core.residents.add_occupancy(ids[unit], raw)
    ids[f"occupancy_{name}"] = occupancy.id
    return occupancy.id


FEE = {"code": "pf", "name": "物业费", "fee_type": "by_area", "rate": "2.00"}


def _bills(core: Propcore, ids: dict) -> None:
    """December's property fee in both estates, paid by owners: ``bill_a``
    is A-101's owner's, ``bill_a2`` A-102's owner's (not the tenant's),
    ``bill_b`` B-101's."""
    for side in ("a", "b"):
        estate = ids[f"estate_{side}"]
        fee = FEE | {"rate_from": "2026-01-01", "usages": "residential"}
        ids[f"fee_item_{side}"] = core.fees.create_fee_item(estate, fee).id
        core.billing.run(estate, Period.month(2026, 12), actor="seed")
    for key in ("a", "a2", "b"):
        (issued,) = core.collecting.bills_of_unit(ids[f"unit_{key}"])
        ids[f"bill_{key}"] = issued.bill.id


def _meters(core: Propcore, ids: dict) -> None:
    """A water meter with a reading on A-101 (``meter_a``) and on B-101,
    and an electricity meter on estate A's lift (``meter_common_a``)."""
    for key, side, place in (
        ("meter_a", "a", {"unit_id": ids["unit_a"]}),
        ("meter_common_a", "a", {"common_area": "电梯"}),
        ("meter_b", "b", {"unit_id": ids["unit_b"]}),
    ):
        raw = {"kind": "water", "places": "0"} | place
        meter = core.fees.register_meter(ids[f"estate_{side}"], raw)
        core.fees.record_reading(meter.id, {"read_on": "2026-11-30", "value": "10"})
        ids[key] = meter.id


def _staff(core: Propcore, world: World, role: StaffRole) -> None:
    created = core.accounts.create_staff(
        {"username": role.value, "display_name": role.value}
    )
    account = created.account
    core.accounts.assign(
        account.id, {"role": role.value, "node_id": world.ids["estate_a"]}
    )
    _sign_in(core, world, role.value, created.activation_token, role.value)


def _resident(core: Propcore, world: World, name: str) -> None:
    created = core.accounts.create_resident(world.ids[f"person_{name}"])
    _sign_in(core, world, name, created.activation_token, PEOPLE[name][1])


def _sign_in(core: Propcore, world: World, name: str, link: str, login: str):
    password = f"{name}-password"
    account = core.recovery.set_first_password(link, password)
    world.tokens[name] = core.signin.sign_in(login, password, address="seed").token
    world.actors[name] = core.accounts.actor(account.id)


def _failed_messages(core: Propcore, world: World) -> None:
    """A failed message to the owner in estate A and one to estate B's."""
    b_owner = core.accounts.create_resident(world.ids["person_b_owner"]).account
    for side, account_id in (
        ("a", world.actors["owner"].account_id),
        ("b", b_owner.id),
    ):
        message = Message(account_id, "payment_received", {}, key=f"matrix:{side}")
        with core.messages.uow() as uow:
            uow.outbox.add(message, core.clock.now())
            (entry,) = uow.outbox.claim(core.clock.now(), core.clock.now(), 1)
            entry.status = Status.FAILED
            uow.outbox.save(entry)
            uow.commit()
        world.ids[f"message_{side}"] = entry.id
