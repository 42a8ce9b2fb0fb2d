"""SQL repositories for fee items and their rate versions."""

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, insert, select, update

from propcore.billing.fees import FeeItem
from propcore.billing.rates import RateSchedule, RateVersion
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.money import Money
from propcore_sql.errors import require_row, translated
from propcore_sql.fee_settings import fee_item, fee_item_row
from propcore_sql.tables import fee_items, rate_versions


class SqlFeeItemRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection
        self._rates = SqlRateRepository(connection)

    def add(self, item: FeeItem) -> None:
        with translated():
            self._db.execute(insert(fee_items).values(fee_item_row(item)))
        for version in item.rates.versions:
            self._rates.add(item.id, version)

    def update(self, item: FeeItem) -> None:
        row = fee_item_row(item)
        where = fee_items.c.id == item.id
        with translated():
            result = self._db.execute(update(fee_items).where(where).values(row))
        require_row(result, "fee item", item.id)

    def get(self, item_id: Id) -> FeeItem:
        query = select(fee_items).where(fee_items.c.id == item_id)
        row = self._db.execute(query).first()
        if row is None:
            raise NotFoundError("fee item", item_id)
        return fee_item(row, self._rates.schedule(item_id))

    def for_estate(self, estate_id: Id) -> list[FeeItem]:
        query = (
            select(fee_items)
            .where(fee_items.c.estate_id == estate_id)
            .order_by(fee_items.c.name)
        )
        rows = list(self._db.execute(query))
        schedules = self._rates.schedules(row.id for row in rows)
        return [fee_item(row, schedules[row.id]) for row in rows]


class SqlRateRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, fee_item_id: Id, version: RateVersion) -> None:
        self._require_item(fee_item_id)
        row = {
            "fee_item_id": fee_item_id,
            "valid_from": version.valid_from,
            "rate": version.rate.amount,
            "currency": version.rate.currency,
            "label": version.label,
        }
        with translated():
            self._db.execute(insert(rate_versions).values(row))

    def schedule(self, fee_item_id: Id) -> RateSchedule:
        return self.schedules([fee_item_id])[fee_item_id]

    def schedules(self, fee_item_ids: Iterable[Id]) -> dict[Id, RateSchedule]:
        """The schedule of each item, empty for an item without versions."""
        ids = list(fee_item_ids)
        found: dict[Id, list[RateVersion]] = defaultdict(list)
        if ids:
            query = select(rate_versions).where(rate_versions.c.fee_item_id.in_(ids))
            for row in self._db.execute(query):
                found[row.fee_item_id].append(_version(row))
        return {i: RateSchedule(found[i]) for i in ids}

    def _require_item(self, fee_item_id: Id) -> None:
        query = select(fee_items.c.id).where(fee_items.c.id == fee_item_id)
        if self._db.execute(query).first() is None:
            raise NotFoundError("fee item", fee_item_id)


def _version(row) -> RateVersion:
    return RateVersion(row.valid_from, Money(row.rate, row.currency), row.label)
