"""Delivery through real servers: SMTP with STARTTLS and login, and an
Aliyun-style SMS gateway over HTTP, both on loopback; on SQLite and
PostgreSQL. The email and SMS plugins are loaded through the plugin
manager, as their entry points would load them."""

import json
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

import propcore_email
import propcore_sms
from propcore.access.accounts import Account, AccountKind
from propcore.access.policy import Actor, Scope, StaffGrant
from propcore.access.rules import StaffRole
from propcore.application import Propcore
from propcore.billing.periods import Period
from propcore.messaging import Message
from propcore.messaging.outbox import Status
from propcore_bootstrap.notifier import ChannelNotifier
from propcore_bootstrap.plugins import channel_registry, make_plugin_manager
from propcore_bootstrap.settings import Settings
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.billing.world import seed
from tests.community_world import build
from tests.fakes import FixedClock, PlainHasher
from tests.integration.gateways import MailServer, SmsGateway, plugin_options

RECIPIENT = Account(
    AccountKind.STAFF, "李会计", username="li", phone="13900000001", email="li@x.test"
)
ADMIN = Actor(
    RECIPIENT.id, staff=(StaffGrant(StaffRole.COMPANY_ADMIN, Scope(everything=True)),)
)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def mail(ca: trustme.CA) -> Iterator[MailServer]:
    server = MailServer(ca)
    yield server
    server.stop()


@pytest.fixture
def sms() -> Iterator[SmsGateway]:
    gateway = SmsGateway()
    yield gateway
    gateway.stop()


def _core(url: str, options: dict, clock: FixedClock) -> Propcore:
    manager = make_plugin_manager(load_entry_points=False)
    manager.register(propcore_email, name="email")
    manager.register(propcore_sms, name="sms")
    uow = SqlUnitOfWorkFactory(make_engine(url))
    channels = channel_registry(manager, Settings(plugins=options), uow, clock)
    return Propcore.build(
        uow=uow,
        clock=clock,
        hasher=PlainHasher(),
        notifier=ChannelNotifier(channels),
        channels=channels,
    )


@pytest.fixture
def core(database_url, mail, sms, ca, tmp_path: Path, clock) -> Propcore:
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    core = _core(database_url, plugin_options(mail, sms, ca_file), clock)
    with core.messages.uow() as uow:
        uow.accounts.add(RECIPIENT)
        uow.commit()
    return core


def _queue(core: Propcore, count: int) -> list[str]:
    keys = [f"bill:2026-11:{n}" for n in range(count)]
    for key in keys:
        message = Message(
            RECIPIENT.id,
            "bill_issued",
            {"period": "2026-11", "amount": "¥337.40", "due": "2026-12-15"},
            phone=RECIPIENT.phone,
            email=RECIPIENT.email,
            kind="bill",
            key=key,
        )
        with core.messages.uow() as uow:
            uow.outbox.add(message, core.clock.now())
            uow.commit()
    return keys


def test_messages_queued_while_the_servers_are_down_arrive_once_they_are_back(
    core, mail, sms
) -> None:
    keys = _queue(core, 5)

    down = core.messages.relay()
    mail.start()
    sms.start()
    core.clock.advance(minutes=2)
    back = core.messages.relay()
    again = core.messages.relay()

    assert (down.retried, back.sent, again.claimed) == (5, 5, 0)
    assert mail.keys() == Counter(keys)
    assert sms.keys() == Counter(keys)
    assert core.messages.unread_count(ADMIN) == 5


def test_a_mail_has_text_and_html_and_came_over_tls_after_a_login(
    core, mail, sms
) -> None:
    mail.start()
    sms.start()
    (key,) = _queue(core, 1)

    core.messages.relay()

    ((sent, secure),) = mail.mails
    assert secure
    assert sent["X-Propcore-Key"] == key
    assert sent["Subject"] == "账单已出：2026-11"
    assert sent.get_body(("plain",)).get_content().strip().endswith("前缴纳。")
    assert "<p>" in sent.get_body(("html",)).get_content()
    assert sms.received[0]["TemplateCode"] == "SMS_100001"
    assert sms.received[0]["PhoneNumbers"] == RECIPIENT.phone


def test_a_message_that_fails_every_try_is_failed_and_can_be_resent(
    core, mail, sms
) -> None:
    mail.start()
    sms.start()
    sms.failing = True
    (key,) = _queue(core, 1)

    for _ in range(8):
        core.messages.relay()
        core.clock.advance(hours=3)
    (failed,) = core.messages.failed(ADMIN)
    sms.failing = False
    core.messages.resend(ADMIN, failed.id)
    resent = core.messages.relay()

    assert (failed.status, failed.attempts) == (Status.FAILED, 8)
    assert "ServiceUnavailable" in failed.last_error
    assert resent.sent == 1
    assert (mail.keys(), sms.keys()) == (Counter([key]), Counter([key]))


def test_a_sign_in_code_goes_out_at_once_without_the_outbox(core, mail, sms) -> None:
    mail.start()
    sms.start()

    core.signin.notifier.send(
        Message(RECIPIENT.id, "sign_in_code", {"code": "123456"}, phone="139")
    )

    assert sms.received[0]["TemplateParam"] == '{"code": "123456"}'


@pytest.mark.postgres
def test_two_relays_at_once_send_each_message_once(
    postgres_url, mail, sms, ca, tmp_path, clock
) -> None:
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    options = plugin_options(mail, sms, ca_file)
    first, second = (_core(postgres_url, options, clock) for _ in range(2))
    mail.start()
    sms.start()
    keys = _queue(first, 30)
    start = threading.Barrier(2)
    reports = []

    def run(core: Propcore) -> None:
        start.wait()
        reports.append(core.messages.relay())

    threads = [threading.Thread(target=run, args=(c,)) for c in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(r.sent for r in reports) == 30
    assert sms.keys() == Counter(keys)
    assert mail.keys() == Counter(keys)


def test_a_bill_run_reaches_every_payer_and_an_smtp_outage_loses_nothing(
    core, mail, sms
) -> None:
    world = seed(core.billing.uow)
    with core.billing.uow() as uow:
        for name, person in world.people.items():
            uow.accounts.add(Account(AccountKind.RESIDENT, name, phone=person.phone,
                                     email=f"{person.phone}@x.test",
                                     person_id=person.id))  # fmt: skip
        uow.commit()
    sms.start()

    issued = core.billing.run(world.estate.id, Period.month(2026, 12), actor="t")
    during = core.messages.relay()
    mail.start()
    core.clock.advance(minutes=2)
    after = core.messages.relay()

    keys = Counter(
        f"bill_issued:{b.bill.id}"
        for person in world.people.values()
        for b in core.collecting.bills_of(person.id)
    )
    assert (issued.bills, sum(keys.values())) == (4, 4)
    assert (during.retried, after.sent) == (4, 4)
    assert sms.keys() == keys
    assert mail.keys() == keys


def test_an_urgent_water_outage_reaches_building_3_by_sms_and_in_app_only(
    core, mail, sms
) -> None:
    mail.start()
    sms.start()
    world = build(core)
    owner = Actor(world.accounts["张业主"])
    core.messages.set_preferences(owner, {"channels": {"notice": ["email"]}})
    raw = {"title": "3号楼停水", "body": "明天 9:00–12:00 3号楼停水，请提前储水。",
           "building_ids": str(world.ids["b3"]), "channels": "sms,inbox",
           "urgency": "urgent"}  # fmt: skip
    notice = core.notices.create(world.ids["estate"], raw)

    core.notices.publish(notice.id)
    report = core.messages.relay()

    building_3 = ["张业主", "张家人", "李租客"]
    assert (report.sent, report.failed) == (3, 0)
    assert sorted(form["PhoneNumbers"] for form in sms.received) == [
        "13800000001",
        "13800000002",
        "13800000003",
    ]
    assert {form["TemplateCode"] for form in sms.received} == {"SMS_100003"}
    assert json.loads(sms.received[0]["TemplateParam"]) == {
        "estate": "翠湖花园",
        "title": "3号楼停水",
    }
    assert mail.mails == []
    for name, account_id in world.accounts.items():
        subjects = [i.subject for i in core.messages.inbox(Actor(account_id))]
        assert subjects == (["3号楼停水"] if name in building_3 else [])
