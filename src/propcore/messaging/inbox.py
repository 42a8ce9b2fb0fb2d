"""The in-app inbox (站内信): a copy of each message, kept per account."""

from datetime import datetime

import attrs

from propcore.ids import Id, new_id


@attrs.define
class InboxItem:
    """``key`` is the message's: delivering it twice keeps one item."""

    account_id: Id
    key: str
    kind: str
    subject: str
    body: str
    created_at: datetime
    read_at: datetime | None = None
    id: Id = attrs.field(factory=new_id)

    @property
    def unread(self) -> bool:
        return self.read_at is None
