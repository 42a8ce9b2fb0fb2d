"""The outbox port, on the fake, SQLite and PostgreSQL."""

from datetime import UTC, datetime

import pytest

from propcore.ids import new_id
from propcore.messaging import Message

AT = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def _message(key: str | None = "bill:1") -> Message:
    return Message(
        account_id=new_id(),
        template="bill_issued",
        params={"amount": "¥337.40"},
        phone="13800000000",
        kind="bill",
        key=key,
    )


def test_a_key_is_queued_once(uow) -> None:
    with uow() as work:
        assert work.outbox.add(_message(), AT) is True
        assert work.outbox.add(_message(), AT) is False
        work.commit()
    with uow() as work:
        assert work.outbox.add(_message(), AT) is False
        assert work.outbox.add(_message("bill:2"), AT) is True


def test_nothing_is_queued_without_a_commit(uow) -> None:
    with uow() as work:
        work.outbox.add(_message(), AT)
    with uow() as work:
        assert work.outbox.add(_message(), AT) is True


def test_a_message_without_a_key_is_refused(uow) -> None:
    with uow() as work, pytest.raises(ValueError, match="key"):
        work.outbox.add(_message(key=None), AT)
