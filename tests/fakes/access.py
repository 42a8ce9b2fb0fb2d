"""Accounts, sign-in records and the audit log, in memory."""

from propcore.access.accounts import AccountKind
from propcore.errors import ConflictError
from tests.fakes.base import _newest_first, _Table


class FakeAccountRepository(_Table):
    def add(self, account) -> None:
        self._refuse_taken(account)
        super().add(account)

    def update(self, account) -> None:
        self.get(account.id)
        self._refuse_taken(account)
        super().update(account)

    def by_login(self, login):
        if not login:
            return None
        key = login.casefold()
        return self._first(
            lambda a: a.username is not None and a.username.casefold() == key
        ) or self._first(lambda a: a.phone == login)

    def for_person(self, person_id):
        return self._first(lambda a: a.person_id == person_id)

    def for_people(self, person_ids):
        wanted = set(person_ids)
        return {a.person_id: a for a in self._all(lambda a: a.person_id in wanted)}

    def staff(self):
        staff = self._all(lambda a: a.kind is AccountKind.STAFF)
        return sorted(staff, key=lambda a: (a.display_name, a.id))

    def _first(self, where):
        return min(self._all(where), key=lambda a: a.id, default=None)

    def _refuse_taken(self, account) -> None:
        others = self._all(lambda a: a.id != account.id)
        key = account.username and account.username.casefold()
        if account.username is not None and any(
            a.username is not None and a.username.casefold() == key for a in others
        ):
            raise ConflictError("username", "is taken")
        if account.phone is not None and any(a.phone == account.phone for a in others):
            raise ConflictError("phone", "is taken")


class FakeAssignmentRepository(_Table):
    def add(self, assignment) -> None:
        same = (assignment.account_id, assignment.role, assignment.node_id)
        if self._all(lambda a: (a.account_id, a.role, a.node_id) == same):
            raise ConflictError("role", "the account already has this role there")
        super().add(assignment)

    def remove(self, assignment_id) -> None:
        self._rows.pop(assignment_id, None)

    def for_account(self, account_id):
        mine = self._all(lambda a: a.account_id == account_id)
        return sorted(mine, key=lambda a: (a.role, a.node_id))


class _DigestTable(_Table):
    def add(self, item) -> None:
        if self.by_digest(item.digest) is not None:
            raise ConflictError("digest", "is taken")
        super().add(item)

    def by_digest(self, digest):
        found = self._all(lambda item: item.digest == digest)
        return found[0] if found else None


class FakeSessionRepository(_DigestTable):
    def touch(self, session_id, at) -> None:
        if session_id in self._rows:
            session = self.get(session_id)
            session.last_seen_at = at
            self._rows[session_id] = session

    def remove(self, session_id) -> None:
        self._rows.pop(session_id, None)

    def remove_for_account(self, account_id) -> None:
        for session in self._all(lambda s: s.account_id == account_id):
            del self._rows[session.id]

    def remove_expired(self, seen_before, created_before) -> int:
        return self._remove_where(
            lambda s: s.last_seen_at < seen_before or s.created_at < created_before
        )


class FakeApiTokenRepository(_DigestTable):
    def for_account(self, account_id):
        mine = self._all(lambda t: t.account_id == account_id)
        return _newest_first(mine, lambda t: t.created_at)


class FakeOneTimeCodeRepository(_Table):
    def find(self, purpose, digest):
        found = self._all(lambda c: (c.purpose, c.digest) == (purpose, digest))
        unused = [c for c in found if c.used_at is None]
        newest = _newest_first(unused or found, lambda c: c.expires_at)
        return newest[0] if newest else None

    def latest(self, account_id, purpose):
        found = self._all(lambda c: (c.account_id, c.purpose) == (account_id, purpose))
        newest = _newest_first(found, lambda c: c.expires_at)
        return newest[0] if newest else None

    def remove_expired(self, before) -> int:
        return self._remove_where(lambda c: c.expires_at < before)


class FakeThrottleRepository:
    def __init__(self, store: dict) -> None:
        self._failures: list = store.setdefault("throttle", [])

    def record(self, key, at) -> None:
        self._failures.append((key, at))

    def failures(self, key, since):
        return sorted(at for k, at in self._failures if k == key and at >= since)

    def clear(self, key) -> None:
        self._failures[:] = [(k, at) for k, at in self._failures if k != key]

    def forget_before(self, before) -> int:
        kept = [(k, at) for k, at in self._failures if at >= before]
        forgotten = len(self._failures) - len(kept)
        self._failures[:] = kept
        return forgotten


class FakeAuditLog(_Table):
    def append(self, event) -> None:
        self.add(event)

    def recent(self, limit, before=None):
        events = self._all(lambda e: before is None or e.at < before)
        return _newest_first(events, lambda e: e.at)[:limit]
