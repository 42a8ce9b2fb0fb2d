"""Notices and who they reached, in memory."""

import copy

from propcore.notices.model import NoticeStatus, ReadCount, Receipt
from tests.fakes.base import _Table


class FakeNoticeRepository(_Table):
    def __init__(self, store: dict, kind: str) -> None:
        super().__init__(store, kind)
        self._reached: dict = store.setdefault("notice recipients", {})

    def for_estates(self, estate_ids):
        wanted = None if estate_ids is None else set(estate_ids)
        rows = self._all(lambda n: wanted is None or n.estate_id in wanted)
        return sorted(rows, key=lambda n: (n.created_at, n.id), reverse=True)

    def due(self, at):
        return self._all(lambda n: n.is_due(at))

    def add_recipients(self, notice_id, account_ids):
        for account_id in account_ids:
            self._reached.setdefault((notice_id, account_id), None)

    def received(self, account_id):
        found = [
            Receipt(self.get(notice_id), read_at)
            for (notice_id, whom), read_at in self._reached.items()
            if whom == account_id
        ]
        found = [r for r in found if r.notice.status is NoticeStatus.PUBLISHED]
        return sorted(
            found, key=lambda r: (r.notice.published_at, r.notice.id), reverse=True
        )

    def mark_read(self, notice_id, account_id, at):
        key = (notice_id, account_id)
        if key not in self._reached:
            return False
        if self._reached[key] is None:
            self._reached[key] = at
        return True

    def counts(self, notice_ids):
        wanted = set(notice_ids)
        counts = {i: ReadCount() for i in wanted}
        for (notice_id, _), read_at in self._reached.items():
            if notice_id in wanted:
                was = counts[notice_id]
                counts[notice_id] = ReadCount(
                    was.reached + 1, was.read + (read_at is not None)
                )
        return copy.deepcopy(counts)
