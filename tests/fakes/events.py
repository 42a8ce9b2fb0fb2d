"""Events and sign-ups in memory."""

from propcore.errors import ConflictError
from tests.fakes.base import _Table


class FakeEventRepository(_Table):
    def __init__(self, store: dict, kind: str) -> None:
        super().__init__(store, kind)
        self._signups: dict = store.setdefault("event signups", {})

    def for_estates(self, estate_ids):
        wanted = None if estate_ids is None else set(estate_ids)
        rows = self._all(lambda e: wanted is None or e.estate_id in wanted)
        return sorted(rows, key=lambda e: (e.starts_at, e.id))

    def starting_between(self, after, until):
        rows = self._all(lambda e: after < e.starts_at <= until)
        return sorted(rows, key=lambda e: (e.starts_at, e.id))

    def take_seat(self, event_id):
        event = self.get(event_id)
        if event.taken >= event.capacity:
            return False
        event.taken += 1
        self.update(event)
        return True

    def free_seat(self, event_id):
        event = self.get(event_id)
        event.taken = max(event.taken - 1, 0)
        self.update(event)

    def add_signup(self, signup):
        key = (signup.event_id, signup.account_id)
        if key in self._signups:
            raise ConflictError("event_id", "you are signed up already")
        self._signups[key] = signup

    def remove_signup(self, event_id, account_id):
        return self._signups.pop((event_id, account_id), None) is not None

    def signups(self, event_id):
        rows = [s for (e, _), s in self._signups.items() if e == event_id]
        return sorted(rows, key=lambda s: (s.signed_at, str(s.account_id)))

    def signed_up(self, account_id):
        return {e for (e, a) in self._signups if a == account_id}
