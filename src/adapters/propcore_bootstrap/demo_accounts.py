"""Demo sign-ins: one staff account per role and three residents.

All share one password, printed by ``propcore demo`` and listed in the README.
Made through the core's public services, like everything in the demo.
"""

import attrs

from propcore.application import Propcore
from propcore.property.tree import NodeKind
from propcore.residents.occupancy import Role
from propcore.residents.service import UnitRoster

DEMO_PASSWORD = "propcore-demo"
DEMO_ESTATE = "翠湖花园"
FAMILY_GRANTS = ["property", "fees", "payments", "repairs"]

# username, display name, role, where the role applies (None: the company)
STAFF = (
    ("manager", "张经理", "estate_manager", DEMO_ESTATE),
    ("finance", "李会计", "finance", None),
    ("desk", "王前台", "front_desk", DEMO_ESTATE),
    ("tech", "赵师傅", "technician", DEMO_ESTATE),
    ("guard", "刘保安", "security", DEMO_ESTATE),
)

# every sign-in the demo creates, with the role it shows
DEMO_LOGINS = (
    ("admin", "company_admin"),
    *((username, role) for username, _, role, _ in STAFF),
    ("owner", "owner"),
    ("family", "family"),
    ("tenant", "tenant"),
)


@attrs.frozen
class DemoLogin:
    login: str
    role: str
    name: str


def create_demo_accounts(core: Propcore) -> list[DemoLogin]:
    admin = core.setup.administrator("admin", DEMO_PASSWORD)
    logins = [DemoLogin("admin", "company_admin", admin.display_name)]
    nodes = {n.name: n for n in core.property.nodes()}
    company = core.property.nodes(NodeKind.COMPANY)[0]
    for username, name, role, where in STAFF:
        new = core.accounts.create_staff({"username": username, "display_name": name})
        core.recovery.set_first_password(new.activation_token, DEMO_PASSWORD)
        node = nodes[where] if where else company
        core.accounts.assign(new.account.id, {"role": role, "node_id": str(node.id)})
        logins.append(DemoLogin(username, role, name))
    return logins + _residents(core, nodes[DEMO_ESTATE].id)


def _residents(core: Propcore, estate_id) -> list[DemoLogin]:
    rosters = [
        row
        for building in core.property.buildings(estate_id)
        for row in core.residents.roster(building.id)
    ]
    owner, family = owner_with_family(rosters)
    tenant = next(
        o for row in rosters for o in row.occupants if o.occupancy.role is Role.TENANT
    )
    logins = []
    for username, occupant in (
        ("owner", owner),
        ("family", family),
        ("tenant", tenant),
    ):
        new = core.accounts.create_resident(occupant.person.id, username=username)
        core.recovery.set_first_password(new.activation_token, DEMO_PASSWORD)
        logins.append(
            DemoLogin(username, occupant.occupancy.role.value, occupant.person.name)
        )
    core.family.set_grants(
        family.occupancy.id, FAMILY_GRANTS, by_person=owner.person.id
    )
    return logins


def owner_with_family(rosters: list[UnitRoster]):
    for row in rosters:
        owners = [o for o in row.occupants if o.occupancy.role is Role.OWNER]
        for owner in owners:
            family = [
                o
                for o in row.occupants
                if o.occupancy.role is Role.FAMILY
                and o.occupancy.head_id == owner.occupancy.id
            ]
            if family:
                return owner, family[0]
    raise LookupError("the demo has no owner with a family member")
