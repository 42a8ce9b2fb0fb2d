"""Shared hypothesis strategies for domain values."""

from decimal import Decimal

from hypothesis import strategies as st

from propcore.measures import Area
from propcore.money import Money


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
