"""Notice use cases: write, schedule, publish, read."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from propcore.access.accounts import Account
from propcore.clock import Clock
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id
from propcore.messaging import Message
from propcore.messaging.addressing import to_account
from propcore.notices.audience import check_inside, places_in
from propcore.notices.inputs import read_notice
from propcore.notices.model import Notice, ReadCount, Receipt, Urgency, reached
from propcore.property.tree import NodeKind
from propcore.uow import UnitOfWork, UnitOfWorkFactory

TEMPLATE = "notice_published"


@attrs.frozen
class NoticeService:
    uow: UnitOfWorkFactory
    clock: Clock

    def create(
        self, estate_id: Id, raw: Mapping[str, Any], *, by: Id | None = None
    ) -> Notice:
        """A draft, or a scheduled notice when ``publish_at`` is given."""
        notice = read_notice(estate_id, raw, self.clock.now(), by)
        with self.uow() as uow:
            _check_estate(uow, estate_id)
            check_inside(uow, estate_id, notice.audience)
            uow.notices.add(notice)
            uow.commit()
        return notice

    def publish(self, notice_id: Id) -> int:
        """Publish now; return how many accounts it reached."""
        with self.uow() as uow:
            notice = uow.notices.get(notice_id)
            count = self._publish(uow, notice)
            uow.commit()
        return count

    def publish_due(self, now: datetime) -> list[Id]:
        """Publish every scheduled notice whose time has come (the scheduler
        calls this), each in its own unit of work: one that another
        publisher published first is left to it, and the others are still
        published. Return the notices this call published."""
        with self.uow() as uow:
            due = [n.id for n in uow.notices.due(now)]
        return [notice_id for notice_id in due if self._publish_unless_taken(notice_id)]

    def _publish_unless_taken(self, notice_id: Id) -> bool:
        try:
            self.publish(notice_id)
        except ConflictError:
            return False
        return True

    def _publish(self, uow: UnitOfWork, notice: Notice) -> int:
        now = self.clock.now()
        notice.publish(now)
        accounts = reached(
            notice.audience, places_in(uow, notice.estate_id, self.clock.today())
        )
        uow.notices.update(notice)
        uow.notices.add_recipients(notice.id, accounts)
        estate = uow.orgs.get(notice.estate_id).name
        for account_id in accounts:
            account = uow.accounts.get(account_id)
            uow.outbox.add(_message(notice, estate, account), now)
        return len(accounts)

    def get(self, notice_id: Id) -> Notice:
        with self.uow() as uow:
            return uow.notices.get(notice_id)

    def of_estates(self, estate_ids: Iterable[Id] | None) -> list[Notice]:
        with self.uow() as uow:
            return uow.notices.for_estates(estate_ids)

    def read_counts(self, notice_ids: Iterable[Id]) -> dict[Id, ReadCount]:
        with self.uow() as uow:
            return uow.notices.counts(notice_ids)

    def current_for(self, account_id: Id) -> list[Receipt]:
        """What the account's portal shows: published notices that reached
        it and have not expired, newest first."""
        now = self.clock.now()
        with self.uow() as uow:
            received = uow.notices.received(account_id)
        return [r for r in received if r.notice.is_current(now)]

    def read(self, notice_id: Id, account_id: Id) -> Notice | None:
        """The notice as the account opens it, recording the read receipt;
        None when the notice never reached the account."""
        with self.uow() as uow:
            notice = uow.notices.get(notice_id)
            if not uow.notices.mark_read(notice_id, account_id, self.clock.now()):
                return None
            uow.commit()
        return notice


def _check_estate(uow: UnitOfWork, estate_id: Id) -> None:
    if uow.orgs.get(estate_id).kind is not NodeKind.ESTATE:
        raise InvalidInputError.single("estate_id", "is not an estate")


def _message(notice: Notice, estate: str, account: Account) -> Message:
    params = {
        "notice_id": str(notice.id),
        "title": notice.title,
        "body": notice.body,
        "estate": estate,
        "channels": ",".join(c.value for c in notice.channels),
        "urgency": notice.urgency.value,
    }
    return to_account(
        account,
        TEMPLATE,
        params,
        kind="safety" if notice.urgency is Urgency.SAFETY else "notice",
        urgent=notice.urgent,
        key=f"notice:{notice.id}:{account.id}",
    )
