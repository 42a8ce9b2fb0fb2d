"""Who pays an item for which days of a period: moves in and out by the day.

On each day the payer is the tenant whose current lease names the item in
``tenant_pays``, else the unit's principal owner (the largest share, then
the earliest start, then the person id). Days with neither are charged to
nobody. Consecutive days with the same payer form one segment, charged for
its own days.
"""

from collections.abc import Sequence
from datetime import date, timedelta

import attrs

from propcore.billing.fees import FeeItem
from propcore.billing.lines import Payer
from propcore.billing.periods import Period
from propcore.ids import Id
from propcore.residents.occupancy import Lease, Occupancy, Role


@attrs.frozen
class PayerSegment:
    payer: Payer
    person_id: Id
    period: Period
    lease: Lease | None = None


def _principal_owner(occupancies: Sequence[Occupancy], day: date) -> Occupancy | None:
    owners = [o for o in occupancies if o.role is Role.OWNER and o.is_current(day)]
    if not owners:
        return None
    return min(owners, key=lambda o: (-(o.share or 0), o.start, str(o.person_id)))


def _tenancy(occupancies: Sequence[Occupancy], day: date) -> Occupancy | None:
    tenants = [o for o in occupancies if o.role is Role.TENANT and o.is_current(day)]
    return min(tenants, key=lambda o: (o.start, str(o.person_id)), default=None)


def payer_on(
    item: FeeItem, occupancies: Sequence[Occupancy], day: date
) -> tuple[Payer, Id, Lease | None] | None:
    tenancy = _tenancy(occupancies, day)
    lease = tenancy.lease if tenancy is not None else None
    if tenancy is not None and item.payer(lease) is Payer.TENANT:
        return Payer.TENANT, tenancy.person_id, lease
    owner = _principal_owner(occupancies, day)
    if owner is None:
        return None
    return Payer.OWNER, owner.person_id, lease


def _change_days(occupancies: Sequence[Occupancy], period: Period) -> list[date]:
    """The days of ``period`` on which somebody's occupancy begins or ends."""
    days = {period.first}
    for o in occupancies:
        days.add(o.start)
        if o.last_day is not None:
            days.add(o.last_day + timedelta(days=1))
    return sorted(d for d in days if period.contains(d))


def _owns_throughout(occupancy: Occupancy, period: Period) -> bool:
    """The one occupancy is an owner's over the whole period: one segment,
    as the cuts below would find (most units in a run)."""
    last = occupancy.last_day
    return (
        occupancy.role is Role.OWNER
        and occupancy.start <= period.first
        and (last is None or last >= period.last)
    )


def payer_segments(
    item: FeeItem, occupancies: Sequence[Occupancy], period: Period
) -> list[PayerSegment]:
    """The period cut where the payer changes; days without a payer left out."""
    if len(occupancies) == 1 and _owns_throughout(occupancies[0], period):
        return [PayerSegment(Payer.OWNER, occupancies[0].person_id, period)]
    starts = _change_days(occupancies, period)
    ends = [d - timedelta(days=1) for d in starts[1:]] + [period.last]
    segments: list[PayerSegment] = []
    for first, last in zip(starts, ends, strict=True):
        found = payer_on(item, occupancies, first)
        if found is None:
            continue
        payer, person_id, lease = found
        previous = segments[-1] if segments else None
        # one payer under another lease is a segment of its own: an item
        # for let units only covers the days of a lease
        found_before = previous and (previous.payer, previous.person_id, previous.lease)
        if found_before == found and previous.period.last == first - timedelta(days=1):
            merged = Period(previous.period.first, last)
            segments[-1] = attrs.evolve(previous, period=merged)
            continue
        segments.append(PayerSegment(payer, person_id, Period(first, last), lease))
    return segments
