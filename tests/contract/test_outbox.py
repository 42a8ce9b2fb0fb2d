"""The outbox port, on the fake, SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest

from propcore.errors import NotFoundError
from propcore.ids import new_id
from propcore.messaging import Message
from propcore.messaging.outbox import Status

AT = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
LATER = timedelta(minutes=10)
ACCOUNT = new_id()


def _message(key: str | None = "bill:1") -> Message:
    return Message(
        account_id=ACCOUNT,
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


def _queue(uow, *keys: str, at: datetime = AT) -> None:
    with uow() as work:
        for key in keys:
            work.outbox.add(_message(key), at)
        work.commit()


def _claim(uow, now=AT, limit=10) -> list:
    with uow() as work:
        claimed = work.outbox.claim(now, now + LATER, limit)
        work.commit()
    return claimed


def test_a_claim_takes_due_messages_oldest_first_up_to_the_limit(uow) -> None:
    _queue(uow, "bill:2", at=AT)
    _queue(uow, "bill:1", at=AT - LATER)
    _queue(uow, "bill:3", at=AT + LATER)

    claimed = _claim(uow, limit=1)

    assert [e.message.key for e in claimed] == ["bill:1"]
    assert claimed[0].message == _message("bill:1")
    assert claimed[0].next_attempt_at == AT + LATER


def test_a_claimed_message_is_not_claimed_again_before_its_lease_ends(uow) -> None:
    _queue(uow, "bill:1")
    first = _claim(uow)

    again = _claim(uow, now=AT + LATER / 2)
    after_lease = _claim(uow, now=AT + LATER)

    assert len(first) == 1
    assert again == []
    assert [e.id for e in after_lease] == [first[0].id]


def _saved(uow, **state):
    """Claim the one queued entry, save it with ``state``; return it, as
    stored, and the failed entries."""
    (entry,) = _claim(uow)
    for name, value in state.items():
        setattr(entry, name, value)
    with uow() as work:
        work.outbox.save(entry)
        work.commit()
    with uow() as work:
        return entry, work.outbox.get(entry.id), work.outbox.failed(10)


def test_a_saved_entry_keeps_its_delivery_state(uow) -> None:
    _queue(uow, "bill:1")

    entry, stored, failed = _saved(uow, status=Status.FAILED, attempts=8,
                                   last_error="sms: down",
                                   channels_done=frozenset({"inbox"}))  # fmt: skip

    assert stored == entry
    assert failed == [entry]
    assert _claim(uow, now=AT + 10 * LATER) == []


def test_a_cancelled_entry_is_kept_with_its_reason_and_never_claimed(uow) -> None:
    _queue(uow, "payment_reminder:1")

    entry, stored, failed = _saved(
        uow, status=Status.CANCELLED, last_error="bill 1 is settled"
    )

    assert stored == entry
    assert failed == []
    assert _claim(uow, now=AT + 10 * LATER) == []


def test_an_unknown_entry_is_not_found(uow) -> None:
    with uow() as work, pytest.raises(NotFoundError):
        work.outbox.get(999)
