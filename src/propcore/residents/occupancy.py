"""Occupancy: a person's relation to a unit, with the rules that bind it."""

import enum
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import attrs

from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id, new_id
from propcore.money import Money

FULL_SHARE = Decimal("100.00")


class Role(enum.StrEnum):
    OWNER = "owner"
    FAMILY = "family"
    TENANT = "tenant"


@attrs.frozen
class Lease:
    """A tenancy's lease. ``end`` is the last day; ``rent`` is per month.

    ``tenant_pays`` names the fee items the tenant pays instead of the owner.
    """

    start: date
    end: date
    rent: Money
    deposit: Money
    tenant_pays: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInputError.single("lease_end", "must not be before the start")


@attrs.define
class Occupancy:
    """One person's relation to one unit from ``start`` until ``end`` (inclusive).

    A tenancy has a lease and ends by itself after the lease's last day; a
    family member belongs to the owner's or tenant's occupancy ``head_id`` and
    sees the areas (``grants``, e.g. ``fees``) their head opened to them.
    """

    unit_id: Id
    person_id: Id
    role: Role
    start: date
    end: date | None = None
    share: Decimal | None = None
    head_id: Id | None = None
    lease: Lease | None = None
    grants: tuple[str, ...] = ()
    id: Id = attrs.field(factory=new_id)

    def __attrs_post_init__(self) -> None:
        if self.role is Role.TENANT:
            if self.lease is None:
                raise InvalidInputError.single("lease", "is required for a tenant")
            self.start = self.lease.start
        owner_share_ok = self.share is not None and 0 < self.share <= FULL_SHARE
        if self.role is Role.OWNER and not owner_share_ok:
            raise InvalidInputError.single(
                "share", "must be more than 0 and at most 100"
            )
        if self.role is Role.FAMILY and self.head_id is None:
            raise InvalidInputError.single("head_id", "is required for a family member")
        if self.end is not None and self.end < self.start:
            raise InvalidInputError.single("end", "must not be before the start")

    @property
    def last_day(self) -> date | None:
        ends = [d for d in (self.end, self.lease and self.lease.end) if d is not None]
        return min(ends) if ends else None

    def is_current(self, on: date) -> bool:
        last = self.last_day
        return self.start <= on and (last is None or on <= last)

    def end_on(self, day: date) -> None:
        if day < self.start:
            raise InvalidInputError.single("end", "must not be before the start")
        self.end = day


def check_can_join(newcomer: Occupancy, current: Iterable[Occupancy], on: date) -> None:
    """Rules between a unit's occupancies, checked before ``newcomer`` is added.

    Owners' shares add up to at most 100 %; a person holds one current role
    per unit; a family member's head is a current owner or tenant of the unit.
    """
    current = current_household(current, on)
    if any(o.person_id == newcomer.person_id for o in current):
        raise ConflictError("person_id", "already lives in or owns this unit")
    if newcomer.role is Role.OWNER:
        shares = [o.share or Decimal(0) for o in current if o.role is Role.OWNER]
        owned = sum(shares, Decimal(0))
        if owned + (newcomer.share or 0) > FULL_SHARE:
            raise ConflictError(
                "share",
                "owners' shares would exceed 100%% (%(left)s%% left)",
                left=FULL_SHARE - owned,
            )
    if newcomer.role is Role.FAMILY:
        heads = {o.id for o in current if o.role in (Role.OWNER, Role.TENANT)}
        if newcomer.head_id not in heads:
            raise InvalidInputError.single(
                "head_id", "must be a current owner or tenant of this unit"
            )


_ROLE_ORDER = {Role.OWNER: 0, Role.TENANT: 1, Role.FAMILY: 2}


def current_household(occupancies: Iterable[Occupancy], on: date) -> list[Occupancy]:
    """The occupancies current on ``on``, owners first, then tenants, then
    family; a family member leaves with their head."""
    current = [o for o in occupancies if o.is_current(on)]
    heads = {o.id for o in current if o.role is not Role.FAMILY}
    kept = [o for o in current if o.role is not Role.FAMILY or o.head_id in heads]
    return sorted(kept, key=lambda o: (_ROLE_ORDER[o.role], o.start))
