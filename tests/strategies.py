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
