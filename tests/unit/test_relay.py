"""The relay and the messaging use cases, on the fakes."""

from datetime import timedelta

import pytest

from propcore.access.accounts import Account, AccountKind
from propcore.access.policy import Actor, Scope, StaffGrant
from propcore.access.rules import StaffRole
from propcore.application import Propcore
from propcore.errors import ConflictError, NotFoundError
from propcore.messaging import Message
from propcore.messaging.channels import ChannelRegistry
from propcore.messaging.inbox_channel import InboxChannel
from propcore.messaging.outbox import Status
from propcore.messaging.preferences import INBOX
from tests.fakes import SHANGHAI, FakeUnitOfWorkFactory, FixedClock, PlainHasher
from tests.fakes.messaging import FakeChannel
from tests.recording import RecordingNotifier

RECIPIENT = Account(AccountKind.STAFF, "王工", username="wang", phone="13800000000")
ME = Actor(RECIPIENT.id)
ADMIN = Actor(
    Account(AccountKind.STAFF, "admin").id,
    staff=(StaffGrant(StaffRole.COMPANY_ADMIN, Scope(everything=True)),),
)


@pytest.fixture
def sms() -> FakeChannel:
    return FakeChannel("sms")


@pytest.fixture
def core(sms: FakeChannel) -> Propcore:
    uow, clock = FakeUnitOfWorkFactory(), FixedClock()
    channels = ChannelRegistry([InboxChannel(uow, clock), sms])
    core = Propcore.build(
        uow=uow,
        clock=clock,
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
        channels=channels,
        jitter=lambda: 0.5,
    )
    with uow() as work:
        work.accounts.add(RECIPIENT)
        work.commit()
    return core


def _queue(core: Propcore, key: str, kind="bill", urgent=False) -> None:
    message = Message(
        RECIPIENT.id,
        "bill_issued" if kind == "bill" else "notice_published",
        {
            "period": "2026-11",
            "amount": "¥10",
            "due": "12-15",
            "title": "t",
            "body": "b",
        },
        phone=RECIPIENT.phone,
        kind=kind,
        urgent=urgent,
        key=key,
    )
    with core.messages.uow() as uow:
        uow.outbox.add(message, core.clock.now())
        uow.commit()


def _entry(core: Propcore, entry_id: int = 1):
    with core.messages.uow() as uow:
        return uow.outbox.get(entry_id)


def test_a_queued_message_reaches_every_wanted_channel_once(core, sms) -> None:
    _queue(core, "bill:1")

    first = core.messages.relay()
    second = core.messages.relay()

    assert (first.sent, second.claimed) == (1, 0)
    assert sms.keys() == ["bill:1"]
    assert [item.key for item in core.messages.inbox(ME)] == ["bill:1"]
    assert _entry(core).status is Status.SENT


def test_a_failed_try_is_retried_later_without_resending_what_arrived(
    core, sms
) -> None:
    _queue(core, "bill:1")
    sms.down = True

    failed = core.messages.relay()
    sms.down = False
    too_soon = core.messages.relay()
    core.clock.advance(minutes=1)
    later = core.messages.relay()

    assert (failed.retried, too_soon.claimed, later.sent) == (1, 0, 1)
    assert sms.keys() == ["bill:1"]
    assert core.messages.unread_count(ME) == 1
    assert _entry(core).channels_done == {"sms", INBOX}


def test_after_the_last_try_a_message_is_failed_and_staff_can_resend_it(
    core, sms
) -> None:
    _queue(core, "bill:1")
    sms.down = True
    for _ in range(8):
        core.messages.relay()
        core.clock.advance(hours=2)

    failed = core.messages.failed(ADMIN)
    sms.down = False
    core.messages.resend(ADMIN, failed[0].id)
    core.messages.relay()

    assert [e.attempts for e in failed] == [8]
    assert "gateway down" in failed[0].last_error
    assert sms.keys() == ["bill:1"]
    assert _entry(core).status is Status.SENT


def test_a_permanent_failure_fails_at_once(core, sms) -> None:
    _queue(core, "bill:1")
    sms.permanent = True

    report = core.messages.relay()

    assert report.failed == 1
    assert _entry(core).attempts == 1


def test_only_failed_messages_can_be_resent_and_only_by_whoever_sees_them(
    core,
) -> None:
    _queue(core, "bill:1")
    manager = Actor(
        ADMIN.account_id,
        staff=(StaffGrant(StaffRole.ESTATE_MANAGER, Scope(estate_ids=frozenset())),),
    )

    with pytest.raises(ConflictError):
        core.messages.resend(ADMIN, 1)
    with pytest.raises(NotFoundError):
        core.messages.resend(manager, 1)
    with pytest.raises(NotFoundError):
        core.messages.resend(ADMIN, 99)


def _quiet_from_now(core: Propcore) -> None:
    local = core.clock.now().astimezone(SHANGHAI)
    start, end = local - timedelta(hours=1), local + timedelta(hours=2)
    core.messages.set_preferences(
        ME, {"quiet_start": f"{start:%H:%M}", "quiet_end": f"{end:%H:%M}"}
    )


def test_quiet_hours_hold_back_all_but_the_inbox_until_they_end(core, sms) -> None:
    _quiet_from_now(core)
    _queue(core, "notice:1", kind="notice")
    _queue(core, "safety:1", kind="safety", urgent=True)

    during = core.messages.relay()
    core.clock.advance(hours=2)
    after = core.messages.relay()

    assert (during.held, during.sent, after.sent) == (1, 1, 1)
    assert sms.keys() == ["safety:1"]
    assert core.messages.unread_count(ME) == 2
    assert _entry(core).attempts == 0


def test_an_opted_out_kind_goes_nowhere(core, sms) -> None:
    core.messages.set_preferences(ME, {"opted_out": ["notice"]})
    _queue(core, "notice:1", kind="notice")

    core.messages.relay()

    assert (sms.keys(), core.messages.inbox(ME)) == ([], [])


def test_reading_an_item_marks_it_read_for_its_owner_only(core) -> None:
    _queue(core, "bill:1")
    core.messages.relay()
    (item,) = core.messages.inbox(ME)

    with pytest.raises(NotFoundError):
        core.messages.mark_read(ADMIN, item.id)
    read = core.messages.mark_read(ME, item.id)

    assert read.read_at == core.clock.now()
    assert core.messages.unread_count(ME) == 0


def test_the_relay_takes_no_more_than_its_limit(core, sms) -> None:
    for n in range(15):
        _queue(core, f"bill:{n}")

    first = core.messages.relay(limit=12)
    rest = core.messages.relay()

    assert (first.sent, rest.sent) == (12, 3)


def _notice(core: Propcore, key: str, channels: str, **extra) -> None:
    message = Message(RECIPIENT.id, "notice_published",
                      {"title": "停水", "body": "b", "channels": channels},
                      phone=RECIPIENT.phone, key=key, **extra)  # fmt: skip
    with core.messages.uow() as uow:
        uow.outbox.add(message, core.clock.now())
        uow.commit()


def test_a_sender_narrows_the_channels_and_an_urgent_choice_stands(core, sms) -> None:
    core.messages.set_preferences(
        ME, {"channels": {"notice": ["email"], "safety": ["email"]}}
    )
    _notice(core, "notice:inbox-only", "inbox", kind="notice")
    _notice(core, "notice:sms", "sms,inbox", kind="notice")
    _notice(core, "safety:sms", "sms,inbox", kind="safety", urgent=True)

    core.messages.relay()

    assert sms.keys() == ["safety:sms"]
    assert core.messages.unread_count(ME) == 3
