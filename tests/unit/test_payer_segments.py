"""Payer segments against their definition: each day of the period is
charged to the payer of that day, and only days with a payer are charged."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from propcore.billing.payers import payer_on, payer_segments
from propcore.billing.periods import Period
from propcore.ids import new_id
from propcore.money import Money
from propcore.residents.occupancy import Lease, Occupancy, Role
from tests.unit.billing_fixtures import item

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
FEE = item()
days = st.integers(-40, 40).map(lambda n: NOVEMBER.first + timedelta(days=n))


@st.composite
def owners(draw):
    start = draw(days)
    end = draw(st.none() | days.filter(lambda d: d >= start))
    share = Decimal(draw(st.sampled_from([100, 60, 40])))
    person = draw(st.sampled_from(PEOPLE))
    return Occupancy(UNIT, person, Role.OWNER, start, end, share=share)


@st.composite
def tenants(draw):
    start = draw(days)
    end = draw(days.filter(lambda d: d >= start))
    pays = draw(st.sampled_from([(), (FEE.code,)]))
    lease = Lease(start, end, Money(Decimal("3000.00")), Money(Decimal(0)), pays)
    return Occupancy(UNIT, draw(st.sampled_from(PEOPLE)), Role.TENANT, start,
                     lease=lease)  # fmt: skip


UNIT = new_id()
PEOPLE = sorted(new_id() for _ in range(3))


@given(st.lists(owners() | tenants(), max_size=4))
def test_every_day_goes_to_the_payer_of_that_day_and_to_nobody_else(occupancies):
    segments = payer_segments(FEE, occupancies, NOVEMBER)
    charged = {}
    for segment in segments:
        for piece in _days(segment.period):
            assert piece not in charged
            charged[piece] = (segment.payer, segment.person_id, segment.lease)
    for day in _days(NOVEMBER):
        assert charged.get(day) == payer_on(FEE, occupancies, day)
    for before, after in pairwise(segments):
        assert before.period.last < after.period.first


def test_one_owner_throughout_pays_the_whole_period_in_one_segment():
    owner = Occupancy(UNIT, PEOPLE[0], Role.OWNER, date(2020, 1, 1), share=Decimal(100))
    [segment] = payer_segments(FEE, [owner], NOVEMBER)
    assert (segment.person_id, segment.period, segment.lease) == (
        PEOPLE[0],
        NOVEMBER,
        None,
    )


def _days(period: Period):
    day = period.first
    while day <= period.last:
        yield day
        day += timedelta(days=1)
