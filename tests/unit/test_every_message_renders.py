"""Every message propcore sends exists in both languages and renders with
the parameters its caller gives: the template names the source queues, and
every message the real use cases queue, rendered in zh_CN and English."""

from datetime import UTC, date, datetime, time, timedelta

import attrs
import pytest

from propcore.access.accounts import Account, AccountKind
from propcore.application import Propcore
from propcore.billing.periods import Period
from propcore.messaging.templates import TEMPLATES, render
from tests.billing.world import seed
from tests.community_world import build, staff
from tests.fakes import FakeUnitOfWorkFactory, FixedClock, PlainHasher
from tests.fakes.incidents import FakePhotoStore
from tests.queued_templates import queued_templates
from tests.recording import RecordingNotifier

# rebuilds messages read back from the outbox table; it names no template
REBUILT = {"adapters/propcore_sql/outbox.py"}


def test_the_source_queues_only_templates_written_in_both_languages() -> None:
    names, unresolved = queued_templates()

    assert [site for site in unresolved if site.split(":")[0] not in REBUILT] == []
    assert {"bill_issued", "incident_reported", "event_reminder"} <= names
    assert {n: sorted(TEMPLATES.get(n, {})) for n in names} == {
        n: ["en", "zh_CN"] for n in names
    }


def _community(core: Propcore, clock: FixedClock) -> None:
    world = build(core)
    manager = staff(core, world, "estate_manager", "manager").id
    guard = staff(core, world, "security", "guard").id
    raw = {"estate_id": str(world.ids["estate"]), "kind": "water",
           "place": "3号楼", "description": "水管破裂", "severity": "high"}  # fmt: skip
    incident = core.incidents.report(raw, by=guard)
    core.incidents.assign(incident.id, {"assignee_id": str(guard)}, by=manager)
    starts = (clock.now() + timedelta(days=1, hours=2)).isoformat()
    event = core.events.create(world.ids["estate"], {"title": "书法课", "place": "会所",
                                                     "starts_at": starts,
                                                     "capacity": "5"})  # fmt: skip
    core.events.sign_up(event.id, world.accounts["王一栋"])
    core.events.remind_due(clock.now() + timedelta(hours=3))
    raw = {"title": "停水", "body": "明天", "channels": "sms,inbox"}
    notice = core.notices.create(world.ids["estate"], raw)
    core.notices.publish(notice.id)


def _billing(core: Propcore) -> None:
    world = seed(core.billing.uow)
    with core.billing.uow() as uow:
        for name, person in world.people.items():
            uow.accounts.add(Account(AccountKind.RESIDENT, name, phone=person.phone,
                                     person_id=person.id))  # fmt: skip
        uow.commit()
    core.billing.run(world.estate.id, Period.month(2026, 12), actor="t")
    raw = {"amount": "100.00", "method": "cash", "idempotency_key": "k1"}
    payer = world.people["王芳"].id
    receipt = core.collecting.record_payment(world.estate.id, payer, raw, actor="desk")
    raw = {"amount": "700.00", "method": "cash", "idempotency_key": "k2"}
    core.collecting.record_payment(world.estate.id, payer, raw, actor="desk")
    raw = {
        "payment_id": str(receipt.entry.id),
        "reason": "退票",
        "idempotency_key": "r",
    }
    core.reversing.reverse_payment(payer, raw, in_estate=world.estate.id,
                                   actor="desk", by=None)  # fmt: skip
    raw = {"amount": "5.00", "method": "alipay", "reference": "2026-1",
           "reason": "多缴", "idempotency_key": "f"}  # fmt: skip
    core.reversing.refund(payer, raw, in_estate=world.estate.id, actor="desk", by=None)
    core.collecting.remind_due(datetime.combine(date(2027, 1, 20), time(9), UTC))
    core.signin.send_code(world.people["李强"].phone, address="127.0.0.1")
    core.recovery.start_reset(world.people["李强"].phone)


def _sent(run) -> list:
    uow, clock, notifier = FakeUnitOfWorkFactory(), FixedClock(), RecordingNotifier()
    core = Propcore.build(uow=uow, clock=clock, hasher=PlainHasher(),
                          notifier=notifier, photos=FakePhotoStore())  # fmt: skip
    run(core, clock)
    with uow() as work:
        return work.outbox.queued() + notifier.sent


@pytest.fixture(scope="module")
def sent():
    """Every message the use cases queued or sent at once (each world on
    its own fakes: their residents share phone numbers)."""
    return _sent(_community) + _sent(lambda core, clock: _billing(core))


def test_the_use_cases_here_send_every_template_the_source_names(sent) -> None:
    names, _ = queued_templates()

    assert {m.template for m in sent} == names


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_message_the_use_cases_send_renders(sent, language) -> None:
    rendered = {
        (m.template, m.key): render(attrs.evolve(m, language=language)) for m in sent
    }

    assert len(rendered) == len(sent)
    for text in rendered.values():
        parts = (text.subject, text.text, text.sms)
        assert all(parts)
        assert not any("$" in part for part in parts)
