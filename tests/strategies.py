"""Shared hypothesis strategies for domain values."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from propcore.billing.aging import PlacedItem
from propcore.billing.payments import OpenItem
from propcore.billing.periods import Period
from propcore.billing.rounding import RULES, RoundingRule
from propcore.jobs.cadence import DailyAt, Every, MonthlyOn
from propcore.measures import Area
from propcore.money import Money
from propcore.notices.model import Place
from propcore.residents.occupancy import Role


def cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Decimals with exactly two places between low/100 and high/100."""
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-2))


def areas() -> st.SearchStrategy[Area]:
    return cents(1, 99_999_999).map(Area)


def money() -> st.SearchStrategy[Money]:
    return cents(0, 10**14).map(Money)


def shares() -> st.SearchStrategy[Decimal]:
    return cents(1, 10_000)


# billing: shares, payments, ledger and aging


def weights_by_unit(max_units: int = 12) -> st.SearchStrategy[dict]:
    """Positive weights (areas to the hundredth) keyed by unit id."""
    return st.dictionaries(st.uuids(), cents(1, 50_000), min_size=1, max_size=max_units)


def steps() -> st.SearchStrategy[Decimal]:
    return st.sampled_from([Decimal("0.01"), Decimal("0.001"), Decimal("1")])


def positive_money(high: int = 10**8) -> st.SearchStrategy[Money]:
    return cents(1, high).map(Money)


@st.composite
def open_items(draw, max_items: int = 8) -> list:
    """Open items with distinct bill ids, some partly settled."""
    count = draw(st.integers(0, max_items))
    items = []
    for bill_id in draw(
        st.lists(st.uuids(), min_size=count, max_size=count, unique=True)
    ):
        due = draw(cents(1, 10**7))
        settled = draw(cents(0, int(due * 100) - 1))
        day = draw(st.dates(date(2024, 1, 1), date(2027, 12, 31)))
        items.append(OpenItem(bill_id, day, Money(due), Money(settled)))
    return items


def days() -> st.SearchStrategy[date]:
    return st.dates(date(2020, 1, 1), date(2035, 12, 31))


@st.composite
def periods(draw: st.DrawFn, max_days: int = 400) -> Period:
    first = draw(days())
    return Period(first, first + timedelta(days=draw(st.integers(0, max_days))))


def rates() -> st.SearchStrategy[Money]:
    return cents(1, 100_000).map(Money)


def rounding_rules() -> st.SearchStrategy[RoundingRule]:
    return st.sampled_from(list(RULES.values()))


def unrounded_money() -> st.SearchStrategy[Money]:
    return st.integers(-(10**12), 10**12).map(lambda n: Money(Decimal(n).scaleb(-6)))


@st.composite
def placed_items(draw, max_items: int = 12) -> list[PlacedItem]:
    """Open items spread over two estates with two buildings each."""
    estates = [UUID(int=1), UUID(int=2)]
    buildings = {
        estate: [_building_id(estate, n) for n in (1, 2)] for estate in estates
    }
    placed = []
    for item in draw(open_items(max_items)):
        estate = draw(st.sampled_from(estates))
        building = draw(st.sampled_from(buildings[estate]))
        placed.append(PlacedItem(item, estate, building))
    return placed


def _building_id(estate: UUID, n: int) -> UUID:
    return UUID(int=estate.int * 100 + n)


def meter_values(places: int = 2, below: int = 10**6) -> st.SearchStrategy[Decimal]:
    """Readings with ``places`` decimals, below ``below`` whole units."""
    return st.integers(0, below * 10**places - 1).map(
        lambda n: Decimal(n).scaleb(-places)
    )


def consumptions() -> st.SearchStrategy[Decimal]:
    """Meter consumption in whole units (m³, kWh), up to 500."""
    return st.integers(0, 500).map(Decimal)


def escalation_steps() -> st.SearchStrategy[dict]:
    """A positive rent step: a percentage or an amount."""
    return st.one_of(
        st.integers(1, 50).map(lambda n: {"percent": Decimal(n)}),
        rates().map(lambda amount: {"amount": amount}),
    )


# messaging: quiet hours and preferences


def clock_times() -> st.SearchStrategy:
    return st.times().map(lambda t: t.replace(second=0, microsecond=0))


def message_kinds() -> st.SearchStrategy[str]:
    from propcore.messaging.preferences import KINDS

    return st.sampled_from(KINDS)


# periodic jobs: cadences, zones without daylight saving, instants in them


def cadences() -> st.SearchStrategy:
    hours, minutes = st.integers(0, 23), st.integers(0, 59)
    return st.one_of(
        st.integers(1, 24 * 60).map(Every),
        st.builds(DailyAt, hours, minutes),
        st.builds(MonthlyOn, st.integers(1, 31), hours, minutes),
    )


def fixed_zones() -> st.SearchStrategy:
    return st.sampled_from([ZoneInfo("Asia/Shanghai"), ZoneInfo("UTC")])


def local_instants(zone) -> st.SearchStrategy:
    # hypothesis takes naive bounds and adds the zone itself
    first, last = datetime(2024, 1, 1), datetime(2030, 12, 31)  # noqa: DTZ001
    return st.datetimes(first, last, timezones=st.just(zone))


def age_bands() -> st.SearchStrategy[tuple[int | None, int | None]]:
    """(youngest, oldest), either open, never upside down."""
    bound = st.none() | st.integers(0, 110)
    return st.tuples(bound, bound).filter(
        lambda b: None in b or b[0] <= b[1]  # type: ignore[operator]
    )


_BUILDINGS = tuple(UUID(int=n) for n in range(1, 4))


@st.composite
def places(draw, max_size: int = 12) -> list:
    """Residents' places in three buildings of one estate (two entrances)."""
    place = st.builds(
        Place,
        account_id=st.uuids(),
        person_id=st.uuids(),
        unit_id=st.uuids(),
        building_id=st.sampled_from(_BUILDINGS),
        entrance=st.sampled_from(["1", "2"]),
        role=st.sampled_from(list(Role)),
        tags=st.frozensets(st.sampled_from(["书法", "太极", "摄影"])),
        consent=st.booleans(),
    )
    return draw(st.lists(place, max_size=max_size))
