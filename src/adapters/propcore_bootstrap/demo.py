"""Demo data: a property company with two estates, 300 units and their residents.

Everything goes through the core's public services, exactly as staff would
enter it, so the demo obeys every rule the core enforces. The same seed and
the same clock date give the same names, phone numbers, labels and statuses
(ids are random). Dates (ownership, leases, birthdays) are relative to the
clock's today, so leases are current whenever the demo is loaded. It assumes
the default status scheme; the administrator account is not created here.
"""

import random
from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from propcore.application import Propcore
from propcore.ids import Id
from propcore.property.tree import NodeKind
from propcore.residents.occupancy import Occupancy
from propcore.residents.people import Person

ACTOR = "demo"
COMPANY = ("华安物业服务有限公司", "北京市朝阳区建国路88号华安大厦")


@attrs.frozen
class EstatePlan:
    name: str
    region: str
    address: str
    area_code: str
    towers: tuple[str, ...]
    floors: int
    shops: tuple[str, int]
    parking: tuple[str, int]
    company_tenant: bool = False


ESTATES = (
    EstatePlan(
        "翠湖花园",
        "华北区",
        "北京市海淀区西北旺镇翠湖南路6号",
        "110108",
        ("1号楼", "2号楼", "3号楼"),
        12,
        ("商业楼", 6),
        ("地下车库", 12),
    ),
    EstatePlan(
        "锦绣江南",
        "华东区",
        "杭州市滨江区江南大道1888号",
        "330108",
        ("1幢", "2幢"),
        15,
        ("沿街商铺", 8),
        ("地下车库", 10),
        company_tenant=True,
    ),
)
ENTRANCES = ("1", "2")
ROOMS_PER_FLOOR = 2
FLAT_TYPES = (
    ("2室1厅1卫", "76.35"),
    ("2室2厅1卫", "89.50"),
    ("3室2厅1卫", "108.60"),
    ("3室2厅2卫", "126.80"),
    ("3室2厅2卫", "143.20"),
    ("4室2厅2卫", "168.45"),
)
# The share of each usage's units that ends in each status.
STATUS_MIX = {
    "residential": {
        "rented": 16,
        "vacant": 8,
        "delivered": 8,
        "renovating": 8,
        "sold": 8,
    },
    "shop": {"rented": 60, "vacant": 25},
    "parking": {"rented": 20, "sold": 10, "vacant": 10},
}
MOST_COMMON = "self_occupied"
# How a unit reaches each status from the initial "vacant", with reasons.
SOLD = (("sold", "开发商售出"), ("delivered", "交付钥匙"))
LAST_STEP = {
    "delivered": (),
    "renovating": (("renovating", "业主装修"),),
    "self_occupied": (("self_occupied", "业主入住"),),
    "rented": (("rented", "房屋出租"),),
}
DETOURS = {
    "self_occupied": (("renovating", "业主装修"),),
    "rented": (("self_occupied", "业主入住"),),
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
    "潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾夏方邹熊孟秦"
)
# Given names in fashion for people born before each year.
GIVEN_NAMES = {
    1965: _words("建国 秀英 桂兰 国强 淑珍 玉兰 德明 凤英 振华"),
    2000: _words("伟 芳 静 磊 军 丽 强 敏 洋 艳 杰 涛 晓东 海燕 志强 丽娟 春梅"),
    9999: _words("子涵 梓轩 欣怡 浩然 一诺 诗涵 宇轩 雨桐 思彤 俊熙 沐阳 语汐"),
}
INTERESTS = _words("书法 太极 亲子活动 广场舞 乒乓球 摄影 园艺 象棋 读书会 瑜伽 烘焙")
CHILDREN_INTERESTS = _words("书法 乒乓球 象棋 读书会")
BIRTH_AREAS = ("110105", "330106", "320102", "370102", "510104", "420102", "410105")
ID_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
RENT_PER_M2 = {"110108": 95, "330108": 60}  # yuan per m² and month, by district
COMPANY_TENANT = {
    "name": "杭州知味餐饮管理有限公司",
    "kind": "company",
    "phone": "0571-8688 6688",
    "email": "office@zhiwei-canyin.cn",
    "id_number": "91330108MA27XK3L5B",
    "notes": "连锁餐饮，营业执照已备案",
}


@attrs.frozen
class DemoSummary:
    estates: int
    buildings: int
    units: int
    people: int
    owners: int
    family_members: int
    tenants: int
    by_status: Mapping[str, int]

    def __str__(self) -> str:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(self.by_status.items()))
        return (
            f"{self.estates} estates, {self.buildings} buildings, {self.units} units"
            f" ({statuses}); {self.people} people: {self.owners} owners,"
            f" {self.family_members} family members, {self.tenants} tenants"
        )


def load_demo(core: Propcore, *, seed: int = 2026) -> DemoSummary:
    """Create the demo company, its estates, units and residents."""
    missing = {"vacant", "sold", *LAST_STEP} - set(core.scheme.codes)
    if missing:
        raise ValueError(f"the demo needs the statuses {sorted(missing)}")
    demo = _Demo(core, random.Random(seed))
    company = demo.node(NodeKind.COMPANY, COMPANY[0], None, COMPANY[1])
    for plan in ESTATES:
        demo.estate(plan, company)
    return demo.summary()


class _Demo:
    def __init__(self, core: Propcore, rng: random.Random) -> None:
        self.core, self.rng = core, rng
        self.today = core.clock.today()
        self.phones: set[str] = set()
        self.counts: Counter[str] = Counter()
        self.regions: dict[str, Id] = {}

    def summary(self) -> DemoSummary:
        c = self.counts
        statuses = {k.removeprefix("status:"): v for k, v in c.items() if ":" in k}
        return DemoSummary(
            estates=c["estate"],
            buildings=c["building"],
            units=c["unit"],
            people=c["person"],
            owners=c["owner"],
            family_members=c["family"],
            tenants=c["tenant"],
            by_status=statuses,
        )

    # -- the tree -------------------------------------------------------------

    def node(self, kind: NodeKind, name: str, parent: Id | None, address: str) -> Id:
        raw = {"name": name, "parent_id": parent, "address": address}
        self.counts[kind.value] += 1
        return self.core.property.create_node(kind, raw).id

    def estate(self, plan: EstatePlan, company: Id) -> None:
        if plan.region not in self.regions:
            region = self.node(NodeKind.REGION, plan.region, company, "")
            self.regions[plan.region] = region
        estate = self.node(
            NodeKind.ESTATE, plan.name, self.regions[plan.region], plan.address
        )
        residents = _Residents(self, plan)
        for tower in plan.towers:
            self.tower(self.building(estate, tower), plan, residents)
        self.shops(self.building(estate, plan.shops[0]), plan.shops[1], residents)
        self.parking(self.building(estate, plan.parking[0]), plan, residents)

    def building(self, estate: Id, name: str) -> Id:
        self.counts["building"] += 1
        return self.core.property.create_building(estate, {"name": name}).id

    # -- units ----------------------------------------------------------------

    def tower(self, building: Id, plan: EstatePlan, residents: "_Residents") -> None:
        kinds = [self.flat_type() for _ in range(ROOMS_PER_FLOOR)]
        places = [
            (entrance, floor, position)
            for entrance in ENTRANCES
            for floor in range(1, plan.floors + 1)
            for position in range(ROOMS_PER_FLOOR)
        ]
        for (entrance, floor, position), status in zip(
            places, self.statuses("residential", len(places)), strict=True
        ):
            raw = {"entrance": entrance, "floor": floor, **kinds[position]}
            raw["room"] = f"{floor}{position + 1:02d}"
            residents.settle(self.unit(building, raw, status), status, raw)

    def flat_type(self) -> dict[str, str]:
        layout, area = self.rng.choice(FLAT_TYPES)
        gross = Decimal(area) + Decimal(self.rng.randint(-250, 250)) / 100
        usable = (gross * Decimal(self.rng.randint(74, 82)) / 100).quantize(
            Decimal("0.01")
        )
        return {"layout": layout, "gross_area": str(gross), "usable_area": str(usable)}

    def shops(self, building: Id, count: int, residents: "_Residents") -> None:
        for number, status in enumerate(self.statuses("shop", count), start=1):
            area = Decimal(self.rng.randint(4500, 18000)) / 100
            raw = {"floor": 1, "room": f"S{100 + number}", "usage": "shop"}
            raw |= {"gross_area": str(area), "fee_coefficient": "1.5"}
            residents.settle(self.unit(building, raw, status), status, raw)

    def parking(self, building: Id, plan: EstatePlan, residents: "_Residents") -> None:
        count = plan.parking[1]
        for number, status in enumerate(self.statuses("parking", count), start=1):
            area = self.rng.choice(("12.50", "13.20", "15.00"))
            raw = {"floor": -1, "room": f"P{number:03d}", "usage": "parking"}
            raw["gross_area"] = area
            residents.settle(self.unit(building, raw, status), status, raw)

    def statuses(self, usage: str, count: int) -> list[str]:
        """``count`` statuses in the usage's mix, in random order."""
        mix = STATUS_MIX[usage]
        chosen = [s for s, pct in mix.items() for _ in range(round(count * pct / 100))]
        chosen = (chosen + [MOST_COMMON] * count)[:count]
        self.rng.shuffle(chosen)
        return chosen

    def unit(self, building: Id, raw: dict, status: str) -> Id:
        unit = self.core.property.create_unit(building, raw, ACTOR).id
        for to_status, reason in self.path(status):
            self.core.property.change_status(
                unit, to_status, actor=ACTOR, reason=reason
            )
        self.counts["unit"] += 1
        self.counts[f"status:{status}"] += 1
        return unit

    def path(self, status: str) -> tuple[tuple[str, str], ...]:
        if status in ("vacant", "sold"):
            return SOLD[: 0 if status == "vacant" else 1]
        detour = DETOURS.get(status, ()) if self.rng.random() < 0.3 else ()
        return SOLD + detour + LAST_STEP[status]

    # -- people ---------------------------------------------------------------

    def person(self, born: date, *, surname: str = "", area: str = "") -> Person:
        rng = self.rng
        era = next(year for year in GIVEN_NAMES if born.year < year)
        raw = {"name": (surname or rng.choice(SURNAMES)) + rng.choice(GIVEN_NAMES[era])}
        adult = self.today.year - born.year >= 18
        if adult:
            raw |= {"phone": self.phone(), "id_number": self.id_number(area, born)}
        if adult and rng.random() < 0.35:
            raw["email"] = self.email(raw["phone"])
        if rng.random() < 0.5:
            raw["birth_date"] = born.isoformat()
        if rng.random() < 0.4:
            pool = INTERESTS if adult else CHILDREN_INTERESTS
            raw["interest_tags"] = rng.sample(pool, rng.randint(1, 3))
        self.counts["person"] += 1
        return self.core.residents.create_person(raw)

    def company(self, raw: Mapping[str, str]) -> Person:
        self.counts["person"] += 1
        return self.core.residents.create_person(raw)

    def days_ago(self, fewest: int, most: int) -> str:
        return (self.today - timedelta(days=self.rng.randint(fewest, most))).isoformat()

    def born(self, youngest: int, oldest: int) -> date:
        year = self.today.year - self.rng.randint(youngest, oldest)
        return date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def phone(self) -> str:
        while True:
            prefix = "1" + self.rng.choice("358") + str(self.rng.randint(0, 9))
            phone = prefix + f"{self.rng.randint(0, 99_999_999):08d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def email(self, phone: str) -> str:
        if self.rng.random() < 0.5:
            return f"{self.rng.randint(10_000_000, 999_999_999)}@qq.com"
        return f"{phone}@{self.rng.choice(('163.com', '139.com', '126.com'))}"

    def id_number(self, area: str, born: date) -> str:
        """An 18-character 居民身份证号码 with a correct check character."""
        area = area or self.rng.choice(BIRTH_AREAS)
        body = f"{area}{born:%Y%m%d}{self.rng.randint(1, 999):03d}"
        total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
        return body + "10X98765432"[total % 11]

    def occupy(self, unit: Id, role: str, person: Person, **fields: Any) -> Occupancy:
        self.counts[role] += 1
        raw = {"person_id": person.id, "role": role, **fields}
        return self.core.residents.add_occupancy(unit, raw)


class _Residents:
    """Who owns, lives in and rents the units of one estate."""

    def __init__(self, demo: _Demo, plan: EstatePlan) -> None:
        self.demo, self.rng, self.plan = demo, demo.rng, plan
        self.owners: list[Person] = []
        self.company_tenant = plan.company_tenant

    def settle(self, unit: Id, status: str, raw: Mapping[str, Any]) -> None:
        """Owners for every unit sold; a tenant if rented; family if lived in."""
        if status == "vacant":
            return
        usage = raw.get("usage", "residential")
        heads = self.own(unit, usage)
        if status == "rented":
            heads = [self.rent(unit, usage, raw["gross_area"])]
        if status in ("self_occupied", "rented") and usage == "residential":
            self.family(unit, *heads[0])

    def own(self, unit: Id, usage: str) -> list[tuple[Occupancy, Person]]:
        """Parking and a few flats go to owners the estate has already."""
        since = self.demo.days_ago(400, 2500)
        if usage == "parking" or (self.owners and self.rng.random() < 0.1):
            owners = [self.rng.choice(self.owners)]
        else:
            owners = [self.new_owner() for _ in range(self.rng.choice((1, 1, 1, 2)))]
        share = "100" if len(owners) == 1 else "50"
        return [
            (self.demo.occupy(unit, "owner", o, share=share, start=since), o)
            for o in owners
        ]

    def new_owner(self) -> Person:
        local = self.rng.random() < 0.5
        owner = self.demo.person(
            self.demo.born(28, 72), area=self.plan.area_code if local else ""
        )
        self.owners.append(owner)
        return owner

    def rent(self, unit: Id, usage: str, area: str) -> tuple[Occupancy, Person]:
        if usage == "shop" and self.company_tenant:
            tenant = self.demo.company(COMPANY_TENANT)
            self.company_tenant = False
        else:
            tenant = self.demo.person(self.demo.born(22, 50))
        start = self.demo.days_ago(15, 330)
        years = self.rng.choice((1, 1, 2))
        end = date.fromisoformat(start) + timedelta(days=365 * years - 1)
        rent = self.monthly_rent(usage, Decimal(area))
        lease = {"lease_start": start, "lease_end": end.isoformat()}
        lease |= {"rent": str(rent), "deposit": str(rent * self.rng.choice((1, 2)))}
        return self.demo.occupy(unit, "tenant", tenant, **lease), tenant

    def monthly_rent(self, usage: str, area: Decimal) -> Decimal:
        """Rent per month in whole hundreds of yuan; parking has flat rates."""
        if usage == "parking":
            return Decimal(self.rng.choice((400, 500, 600)))
        per_m2 = RENT_PER_M2[self.plan.area_code] * (3 if usage == "shop" else 1)
        return (area * per_m2 / 100).to_integral_value() * 100

    def family(self, unit: Id, head: Occupancy, head_person: Person) -> None:
        """Children take the head's surname; a spouse or a parent may live in too."""
        surname = head_person.name[0]
        born = [(self.demo.born(3, 17), surname) for _ in range(self.rng.randint(0, 2))]
        if self.rng.random() < 0.4:
            born.append((self.demo.born(26, 60), ""))
        if self.rng.random() < 0.2:
            born.append((self.demo.born(62, 85), surname))
        for birth, name in born:
            member = self.demo.person(birth, surname=name)
            start = max(head.start, birth).isoformat()
            self.demo.occupy(unit, "family", member, head_id=head.id, start=start)
