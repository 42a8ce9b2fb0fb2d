"""What billing needs from storage: fee items, their rates, meters, readings.

Stored Decimals keep a fixed number of places: rates four (``RATE_PLACES``),
readings and rollover values the meter's own ``places`` (at most four). A
value with more places than that is not stored.
"""

from collections.abc import Iterable
from typing import Protocol

from propcore.billing.fees import FeeItem
from propcore.billing.meters import Meter, Reading
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule, RateVersion
from propcore.ids import Id

MAX_METER_PLACES = 4


class FeeItemRepository(Protocol):
    """Fee items of an estate; their rates live in :class:`RateRepository`."""

    def add(self, item: FeeItem) -> None:
        """Store a new item and the versions of its ``rates``.

        Raise ConflictError on ``name`` when the estate has an item of that name.
        """

    def update(self, item: FeeItem) -> None:
        """Rewrite the item's settings; its rates stay as stored (versions are
        only ever added). Raise NotFoundError for an unknown item and
        ConflictError on ``name`` as :meth:`add` does."""

    def get(self, item_id: Id) -> FeeItem:
        """The item with its whole rate schedule; NotFoundError when unknown."""

    def for_estate(self, estate_id: Id) -> list[FeeItem]:
        """The estate's items with their schedules, ordered by name."""


class RateRepository(Protocol):
    """Rate versions (单价) of fee items: added, never updated or deleted."""

    def add(self, fee_item_id: Id, version: RateVersion) -> None:
        """Raise NotFoundError for an unknown item and ConflictError on
        ``valid_from`` when the item has a version from that day."""

    def schedule(self, fee_item_id: Id) -> RateSchedule:
        """Every version of the item, oldest first (empty when it has none)."""


class MeterRepository(Protocol):
    def add(self, meter: Meter) -> None:
        """Store a meter; it must name its ``estate_id`` (ValueError if not)."""

    def get(self, meter_id: Id) -> Meter:
        """Raise NotFoundError when there is no such meter."""

    def for_unit(self, unit_id: Id) -> list[Meter]:
        """The unit's meters ordered by kind, then id."""

    def for_estate(self, estate_id: Id) -> list[Meter]:
        """Every meter of the estate, on units and on common areas, ordered
        by kind, then id."""


class ReadingRepository(Protocol):
    def add(self, reading: Reading) -> None:
        """Store a checked reading (see ``take_reading``). Raise NotFoundError
        for an unknown meter and ConflictError on ``read_on`` when the meter
        has a reading on that day."""

    def history(self, meter_id: Id) -> list[Reading]:
        """The meter's readings, oldest first."""

    def latest(self, meter_id: Id) -> Reading | None:
        """The newest reading of the meter; None before the first."""

    def for_period(self, meter_ids: Iterable[Id], period: Period) -> list[Reading]:
        """Readings of these meters taken on a day of ``period`` (both ends
        included), ordered by meter id, then date."""
