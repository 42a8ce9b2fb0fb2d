"""A resident's inbox in Chromium: the header counts the unread messages,
and reading one lowers the count."""

from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from propcore.application import Propcore
from propcore.messaging import Message
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.e2e.browser.conftest import LiveServer
from tests.e2e.browser.world import PASSWORD, PHONES
from tests.fakes import FixedClock, PlainHasher
from tests.recording import RecordingNotifier


def _deliver_two_bills(server: LiveServer) -> None:
    """Queue two bills for the owner and run the relay, as the worker would."""
    engine = make_engine(server.database_url)
    uow = SqlUnitOfWorkFactory(engine)
    clock = FixedClock(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))
    core = Propcore.build(
        uow=uow, clock=clock, hasher=PlainHasher(), notifier=RecordingNotifier()
    )
    with uow() as work:
        owner = work.accounts.by_login(PHONES["owner"])
        for month in ("10", "11"):
            params = {"period": f"2026-{month}", "amount": "¥337.40", "due": "12-15"}
            key = f"browser-bill:{month}"
            message = Message(owner.id, "bill_issued", params, kind="bill", key=key)
            work.outbox.add(message, clock.now())
        work.commit()
    core.messages.relay()
    engine.dispose()


def test_a_resident_sees_the_unread_count_and_reads_a_message(
    page: Page, live_server: LiveServer
) -> None:
    _deliver_two_bills(live_server)
    page.goto(live_server.url + "/login")
    page.fill("input[name=login]", PHONES["owner"])
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")

    badge = page.locator("#unread-count")
    expect(badge).to_have_text("2")
    page.click("header a.inbox-link")
    expect(page.locator("h1")).to_have_text("站内信")
    expect(page.locator("ul.inbox li.unread")).to_have_count(2)
    page.locator("ul.inbox li.unread button").first.click()

    expect(badge).to_have_text("1")
    expect(page.locator("ul.inbox li.read")).to_contain_text("账单已出")
