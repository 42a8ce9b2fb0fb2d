"""Pages for messages: the inbox with its unread badge, message settings,
and the staff's failed messages with a button to send one again."""

import re

import attrs
import pytest

from propcore.access.policy import Actor
from propcore.messaging import Message
from propcore.messaging.outbox import Status
from tests.e2e.accounts import activated, post_form, staff_login

UNREAD = re.compile(r'id="unread-count"[^>]*>(\d+)<')


@attrs.frozen
class Resident:
    client: object
    actor: Actor


@pytest.fixture
def resident(core, opened, unit, person) -> Resident:
    core.residents.add_occupancy(
        unit.id, {"person_id": str(person.id), "role": "owner", "share": "100"}
    )
    created = core.accounts.create_resident(person.id)
    activated(core, created.activation_token)
    return Resident(opened.signed_in(person.phone), Actor(created.account.id))


def queue(core, account_id, key: str, failed: bool = False) -> None:
    message = Message(
        account_id,
        "bill_issued",
        {"period": "2026-11", "amount": "¥337.40", "due": "2026-12-15"},
        kind="bill",
        key=key,
    )
    with core.messages.uow() as uow:
        uow.outbox.add(message, core.clock.now())
        if failed:
            (entry,) = uow.outbox.claim(core.clock.now(), core.clock.now(), 1)
            entry.status, entry.attempts, entry.last_error = Status.FAILED, 8, "sms: x"
            uow.outbox.save(entry)
        uow.commit()


def test_the_header_counts_unread_messages_and_reading_one_lowers_it(
    core, resident
) -> None:
    for n in range(2):
        queue(core, resident.actor.account_id, f"bill:{n}")
    core.messages.relay()
    client = resident.client
    item = core.messages.inbox(resident.actor)[0]

    before = client.get("/portal/messages")
    read = post_form(client, "/portal/messages", f"/portal/messages/{item.id}/read", {})
    after = client.get("/portal/messages")

    assert UNREAD.search(before.text).group(1) == "2"
    assert "账单已出：2026-11" in before.text
    assert read.status_code == 303
    assert UNREAD.search(after.text).group(1) == "1"
    assert core.messages.unread_count(resident.actor) == 1


def test_no_badge_without_unread_messages(resident) -> None:
    page = resident.client.get("/portal/messages")

    assert page.status_code == 200
    assert UNREAD.search(page.text) is None
    assert "暂无消息" in page.text


def test_another_accounts_item_cannot_be_marked_read(
    core, resident, opened, estate
) -> None:
    queue(core, resident.actor.account_id, "bill:1")
    core.messages.relay()
    item = core.messages.inbox(resident.actor)[0]
    other = opened.signed_in(staff_login(core, "li", "front_desk", estate.id))

    answer = post_form(
        other, "/portal/messages", f"/portal/messages/{item.id}/read", {}
    )

    assert answer.status_code == 404
    assert core.messages.unread_count(resident.actor) == 1


def test_a_resident_saves_channels_quiet_hours_and_opt_outs(core, resident) -> None:
    form = {
        "channels.bill": "sms",
        "channels.notice": ["email", "sms"],
        "quiet_start": "22:00",
        "quiet_end": "07:00",
        "opted_out": "event",
    }

    saved = post_form(
        resident.client, "/portal/preferences", "/portal/preferences", form
    )
    page = resident.client.get(saved.headers["location"])
    chosen = core.messages.preferences(resident.actor)

    assert saved.status_code == 303
    assert "消息设置已保存" in page.text
    assert chosen.channels_for("bill") == {"sms", "inbox"}
    assert chosen.channels_for("payment") == {"inbox"}
    assert chosen.opted_out == {"event"}
    assert 'value="22:00"' in page.text


def test_bills_cannot_be_opted_out_of(core, resident) -> None:
    form = {"opted_out": "bill", "quiet_start": "22:00"}

    refused = post_form(
        resident.client, "/portal/preferences", "/portal/preferences", form
    )

    assert refused.status_code == 422
    assert "必须是" in refused.text
    assert "为必填项" in refused.text
    assert core.messages.preferences(resident.actor).opted_out == frozenset()


def test_an_estate_manager_sees_failed_messages_and_sends_one_again(
    core, resident, opened, estate
) -> None:
    queue(core, resident.actor.account_id, "bill:1", failed=True)
    manager = opened.signed_in(staff_login(core, "wang", "estate_manager", estate.id))
    with core.messages.uow() as uow:
        (entry,) = uow.outbox.failed(10)

    listed = manager.get("/messages/failed")
    resent = post_form(manager, "/messages/failed", f"/messages/{entry.id}/resend", {})
    report = core.messages.relay()

    assert "发送失败的消息" in listed.text
    assert f'id="message-{entry.id}"' in listed.text
    assert resent.status_code == 303
    assert report.sent == 1
    assert "没有发送失败的消息" in manager.get("/messages/failed").text


def test_the_front_desk_may_not_see_failed_messages(core, opened, estate) -> None:
    desk = opened.signed_in(staff_login(core, "zhao", "front_desk", estate.id))

    assert desk.get("/messages/failed").status_code == 403
