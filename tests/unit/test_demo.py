import re
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from propcore.property.status import DEFAULT_SCHEME
from propcore.property.tree import NodeKind
from propcore.property.units import Usage
from propcore.residents.occupancy import Role
from propcore.residents.people import PersonKind
from propcore_bootstrap.demo import load_demo
from tests.sheets import fake_core

ID_CARD = re.compile(r"^\d{17}[\dX]$")


def rosters(core) -> list[tuple[str, str, object]]:
    """(estate, building, roster) for every unit, in a stable order."""
    return [
        (estate.name, building.name, roster)
        for estate in core.property.nodes(NodeKind.ESTATE)
        for building in core.property.buildings(estate.id)
        for roster in core.residents.roster(building.id)
    ]


def fingerprint(core) -> list[tuple]:
    return [
        (estate, building, r.unit.label, r.unit.status, str(r.unit.gross_area), *names)
        for estate, building, r in rosters(core)
        for names in [sorted((o.person.name, o.person.phone) for o in r.occupants)]
    ]


@pytest.fixture(scope="module")
def demo():
    core, _ = fake_core()
    summary = load_demo(core)
    return core, summary, [r for _, _, r in rosters(core)]


def test_demo_has_300_units_in_two_estates(demo):
    core, summary, units = demo

    estates = core.property.nodes(NodeKind.ESTATE)

    assert sorted(e.name for e in estates) == ["翠湖花园", "锦绣江南"]
    assert sum(core.property.estate_figures(e.id).total for e in estates) == 300
    assert summary.units == len(units) == 300
    assert summary.estates == 2


def test_estates_hang_under_regions_of_the_company(demo):
    core, _, _ = demo

    regions = core.property.nodes(NodeKind.REGION)
    estates = core.property.nodes(NodeKind.ESTATE)

    (company,) = core.property.nodes(NodeKind.COMPANY)
    assert company.name == "华安物业服务有限公司"
    assert {r.parent_id for r in regions} == {company.id}
    assert {e.parent_id for e in estates} <= {r.id for r in regions}
    assert all(e.address.startswith(("北京市", "杭州市")) for e in estates)


def test_every_default_status_is_present_and_self_occupied_is_most_common(demo):
    _, summary, units = demo

    counts = Counter(r.unit.status for r in units)

    assert set(counts) == set(DEFAULT_SCHEME.codes)
    assert counts.most_common(1)[0][0] == "self_occupied"
    assert dict(counts) == dict(summary.by_status)


def test_statuses_were_reached_through_allowed_transitions_with_reasons(demo):
    core, _, units = demo

    histories = [core.property.history(r.unit.id) for r in units[::7]]

    for history, roster in zip(histories, units[::7], strict=True):
        first, *changes = history
        assert (first.from_status, first.to_status) == (None, "vacant")
        for before, change in zip(history, changes, strict=False):
            assert change.from_status == before.to_status
            assert (change.from_status, change.to_status) in DEFAULT_SCHEME.transitions
            assert change.reason
        assert history[-1].to_status == roster.unit.status


def test_units_have_realistic_areas_layouts_and_usages(demo):
    _, _, units = demo

    flats = [r.unit for r in units if r.unit.usage is Usage.RESIDENTIAL]
    usages = Counter(r.unit.usage for r in units)

    assert usages[Usage.SHOP] >= 3
    assert usages[Usage.PARKING] >= 3
    assert all(
        Decimal("70") < u.gross_area.square_metres < Decimal("175") for u in flats
    )
    assert all(u.gross_area.square_metres.as_tuple().exponent == -2 for u in flats)
    assert all(u.usable_area < u.gross_area for u in flats)
    assert all(re.fullmatch(r"\d室\d厅\d卫", str(u.layout)) for u in flats)
    assert "1-1201" in {u.label for u in flats}


def test_owners_shares_per_unit_never_exceed_100(demo):
    _, _, units = demo

    shares = [
        sum(o.occupancy.share for o in r.occupants if o.occupancy.role is Role.OWNER)
        for r in units
    ]

    assert all(share <= Decimal("100") for share in shares)
    for roster, share in zip(units, shares, strict=True):
        assert share == (0 if roster.unit.status == "vacant" else Decimal("100"))
    co_owned = [
        r for r in units if sum(o.occupancy.role is Role.OWNER for o in r.occupants) > 1
    ]
    assert co_owned
    assert all(
        o.occupancy.share == Decimal("50")
        for r in co_owned
        for o in r.occupants
        if o.occupancy.role is Role.OWNER
    )


def test_tenants_live_only_in_rented_units_and_every_rented_unit_has_one(demo):
    core, _, units = demo

    tenancies = {
        r.unit.id: [o for o in r.occupants if o.occupancy.role is Role.TENANT]
        for r in units
    }

    today = core.clock.today()
    for roster in units:
        tenants = tenancies[roster.unit.id]
        assert len(tenants) == (roster.unit.status == "rented")
        for tenant in tenants:
            lease = tenant.occupancy.lease
            assert lease.start <= today <= lease.end
            assert lease.rent.amount > 0


def test_one_company_rents_a_shop(demo):
    _, _, units = demo

    companies = [
        (r.unit.usage, o.occupancy.role, o.person.name)
        for r in units
        for o in r.occupants
        if o.person.kind is PersonKind.COMPANY
    ]

    assert companies == [(Usage.SHOP, Role.TENANT, "杭州知味餐饮管理有限公司")]


def test_family_members_live_with_an_owner_or_tenant_of_their_unit(demo):
    _, summary, units = demo

    members = defaultdict(list)
    for roster in units:
        roles = {o.occupancy.id: o.occupancy.role for o in roster.occupants}
        for o in roster.occupants:
            if o.occupancy.role is Role.FAMILY:
                head_role = roles.get(o.occupancy.head_id)
                members[roster.unit.status].append(
                    head_role in (Role.OWNER, Role.TENANT)
                )

    assert all(all(found) for found in members.values())
    assert set(members) == {"self_occupied", "rented"}
    assert sum(map(len, members.values())) == summary.family_members


def test_people_have_chinese_names_unique_phones_and_valid_id_numbers(demo):
    _, summary, units = demo

    people = {o.person.id: o.person for r in units for o in r.occupants}.values()
    phones = [p.phone for p in people if p.phone]
    individuals = [p for p in people if p.kind is PersonKind.INDIVIDUAL]

    assert len(people) == summary.people
    assert len(phones) == len(set(phones))
    assert all(re.fullmatch(r"1[358]\d{9}", p.phone) for p in individuals if p.phone)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", p.name) for p in individuals)
    with_ids = [p for p in individuals if p.id_number]
    assert all(ID_CARD.match(p.id_number) for p in with_ids)
    assert all(_id_check_ok(p.id_number) for p in with_ids)
    assert any(p.email for p in people)
    assert any(p.birth_date for p in people)
    assert any("书法" in p.interest_tags for p in people)


def _id_check_ok(number: str) -> bool:
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    total = sum(int(d) * w for d, w in zip(number[:17], weights, strict=True))
    return "10X98765432"[total % 11] == number[17]


def test_demo_creates_no_administrator(demo):
    core, _, _ = demo

    assert core.accounts.staff() == []


def test_the_same_seed_gives_the_same_data(demo):
    core, _, _ = demo
    again, _ = fake_core()

    load_demo(again)

    assert fingerprint(again) == fingerprint(core)


def test_another_seed_gives_other_people():
    first, _ = fake_core()
    second, _ = fake_core()

    load_demo(first, seed=1)
    load_demo(second, seed=2)

    assert fingerprint(first) != fingerprint(second)
