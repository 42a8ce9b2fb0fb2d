"""The inbox and preference ports, on the fake, SQLite and PostgreSQL."""

from datetime import UTC, datetime, time, timedelta

import pytest

from propcore.errors import NotFoundError
from propcore.ids import new_id
from propcore.messaging.inbox import InboxItem
from propcore.messaging.preferences import Preferences, QuietHours

AT = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
ME, SOMEONE = new_id(), new_id()


def _item(key: str, account=ME, minutes: int = 0) -> InboxItem:
    return InboxItem(
        account,
        key,
        "bill",
        "账单已出",
        "应缴 ¥337.40",
        AT + timedelta(minutes=minutes),
    )


def test_an_item_is_kept_once_per_key(uow) -> None:
    with uow() as work:
        assert work.inbox.add(_item("bill:1")) is True
        work.commit()
    with uow() as work:
        assert work.inbox.add(_item("bill:1")) is False


def test_an_account_sees_its_own_items_newest_first(uow) -> None:
    old, new, other = _item("a", minutes=0), _item("b", minutes=5), _item("c", SOMEONE)
    with uow() as work:
        for item in (old, new, other):
            work.inbox.add(item)
        work.commit()

    with uow() as work:
        mine = work.inbox.for_account(ME, 10)

    assert mine == [new, old]


def test_reading_an_item_lowers_the_unread_count(uow) -> None:
    item = _item("a")
    with uow() as work:
        work.inbox.add(item)
        work.inbox.add(_item("b"))
        work.commit()
    item.read_at = AT

    with uow() as work:
        before = work.inbox.unread_count(ME)
        work.inbox.update(item)
        work.commit()
    with uow() as work:
        assert (before, work.inbox.unread_count(ME)) == (2, 1)
        assert work.inbox.get(item.id) == item


def test_an_unknown_item_is_not_found(uow) -> None:
    with uow() as work, pytest.raises(NotFoundError):
        work.inbox.get(new_id())


def test_preferences_are_stored_and_replaced(uow) -> None:
    first = Preferences(ME, {"bill": frozenset({"sms"})}, None, frozenset())
    second = Preferences(
        ME,
        {"notice": frozenset(), "bill": frozenset({"email", "sms"})},
        QuietHours(time(22, 0), time(7, 30)),
        frozenset({"event"}),
    )

    with uow() as work:
        missing = work.preferences.get(ME)
        work.preferences.save(first)
        work.preferences.save(second)
        work.commit()
    with uow() as work:
        stored = work.preferences.get(ME)

    assert missing is None
    assert stored == second
