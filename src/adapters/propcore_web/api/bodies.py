"""Request bodies of the JSON API, for its OpenAPI document.

Decimals (areas, money, shares) travel as strings such as ``"120.50"``, so
no value passes through a binary float; the core reads and checks them.
"""

from typing import Annotated, Any
from uuid import UUID

import msgspec

Area = Annotated[
    str, msgspec.Meta(description="m², at most 2 places", examples=["120.50"])
]
Amount = Annotated[
    str, msgspec.Meta(description="CNY, at most 2 places", examples=["3500.00"])
]
Day = Annotated[str, msgspec.Meta(description="ISO date", examples=["2026-12-31"])]


class Body(msgspec.Struct, forbid_unknown_fields=True):
    def fields(self) -> dict[str, Any]:
        """The body as the raw mapping the core's readers take."""
        return msgspec.structs.asdict(self)


class NodeCreate(Body):
    kind: Annotated[str, msgspec.Meta(examples=["company", "region", "estate"])]
    name: str
    parent_id: UUID | None = None
    address: str = ""


class NodeUpdate(Body):
    name: str
    address: str = ""


class BuildingBody(Body):
    name: str
    address: str = ""


class UnitUpdate(Body):
    room: str
    floor: int
    gross_area: Area
    entrance: str = ""
    label: Annotated[str, msgspec.Meta(description="blank: entrance-room")] = ""
    usable_area: Area | None = None
    layout: Annotated[str | None, msgspec.Meta(examples=["3室2厅2卫"])] = None
    usage: str = "residential"
    fee_coefficient: Annotated[str, msgspec.Meta(examples=["1.0000"])] = "1.0000"
    attributes: dict[str, str] = msgspec.field(default_factory=dict)


class UnitCreate(UnitUpdate):
    status: Annotated[str | None, msgspec.Meta(description="blank: vacant")] = None


class StatusChangeBody(Body):
    to_status: str
    reason: str = ""


class PersonCreate(Body):
    name: str
    kind: str = "individual"
    phone: str = ""
    email: str = ""
    id_number: str = ""
    birth_date: Day | None = None
    interest_tags: list[str] = msgspec.field(default_factory=list)
    events_consent: bool = False
    notes: str = ""


class PersonUpdate(PersonCreate):
    """Like creation, but a missing ``id_number`` keeps the stored one."""

    id_number: Annotated[str | None, msgspec.Meta(description="null: unchanged")] = None


class OccupancyBody(Body):
    """Owners give ``share`` (percent); family members ``head_id`` (the
    occupancy of their owner or tenant); tenants the lease fields."""

    person_id: UUID
    role: Annotated[str, msgspec.Meta(examples=["owner", "family", "tenant"])]
    start: Day | None = None
    share: Annotated[str | None, msgspec.Meta(examples=["50.00"])] = None
    head_id: UUID | None = None
    lease_start: Day | None = None
    lease_end: Day | None = None
    rent: Amount | None = None
    deposit: Amount | None = None
    tenant_pays: list[str] = msgspec.field(default_factory=list)


class OccupancyEnd(Body):
    end: Day | None = None


class MeterUpdate(Body):
    """A meter's settings: ``kind`` and ``places`` change only while it has
    no reading (null: as they are); ``rollover_at`` null: it never wraps;
    ``common_area`` only, and always, for a common-area meter."""

    kind: Annotated[str | None, msgspec.Meta(examples=["water"])] = None
    places: int | None = None
    rollover_at: Annotated[str | None, msgspec.Meta(examples=["10000"])] = None
    common_area: str | None = None


class RetirementBody(Body):
    """拆除/停用: the meter's last day in service, on or after its latest
    reading and not ahead."""

    retired_on: Day


class ReadingBody(Body):
    """A meter reading; ``flags`` may hold ``replacement`` (then
    ``start_value`` is the new meter's value when fitted), ``rollover`` and
    ``estimated``."""

    read_on: Day
    value: Annotated[
        str, msgspec.Meta(description="at most the meter's places", examples=["123.45"])
    ]
    flags: list[str] = msgspec.field(default_factory=list)
    start_value: str | None = None


Method = Annotated[
    str,
    msgspec.Meta(examples=["cash", "bank_transfer", "wechat_pay", "alipay", "pos"]),
]
Reference = Annotated[
    str, msgspec.Meta(description="required for bank_transfer, wechat_pay, alipay")
]
IdempotencyKey = Annotated[
    str,
    msgspec.Meta(
        description="made by the client once per attempt: the same key again "
        "returns the first result and records nothing",
        examples=["6f1c2a9e4b7d4e0f"],
    ),
]


class PaymentBody(Body):
    """缴费 by the bill's payer: settles this bill first when
    ``this_bill_first``, then the payer's oldest bills; the rest is prepaid."""

    amount: Amount
    method: Method
    idempotency_key: IdempotencyKey
    reference: Reference = ""
    this_bill_first: bool = True


class ReversalBody(Body):
    """冲正 of one of the payer's payments received in the bill's estate."""

    payment_id: UUID
    reason: str
    idempotency_key: IdempotencyKey


class RefundBody(Body):
    """退款 of the payer's prepaid money, paid out by ``method``."""

    amount: Amount
    method: Method
    reason: str
    idempotency_key: IdempotencyKey
    reference: Reference = ""
