"""What the notice use cases need from storage."""

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from propcore.ids import Id
from propcore.notices.model import Notice, ReadCount, Receipt


class NoticeRepository(Protocol):
    def add(self, notice: Notice) -> None: ...
    def update(self, notice: Notice) -> None: ...
    def get(self, notice_id: Id) -> Notice:
        """Raise NotFoundError when there is no such notice."""

    def for_estates(self, estate_ids: Iterable[Id] | None) -> list[Notice]:
        """The notices of these estates (``None``: of every estate), newest
        first by creation."""

    def due(self, at: datetime) -> list[Notice]:
        """Scheduled notices whose publishing time is ``at`` or earlier."""

    def add_recipients(self, notice_id: Id, account_ids: Iterable[Id]) -> None:
        """Record who the notice reached when it was published."""

    def received(self, account_id: Id) -> list[Receipt]:
        """The published notices that reached the account, newest first."""

    def mark_read(self, notice_id: Id, account_id: Id, at: datetime) -> bool:
        """Record the first reading; later ones keep the first time. False
        when the notice never reached the account."""

    def counts(self, notice_ids: Iterable[Id]) -> dict[Id, ReadCount]:
        """How many accounts each notice reached and how many read it."""
