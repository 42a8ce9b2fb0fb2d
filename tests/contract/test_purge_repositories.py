"""What housekeeping removes, on the fake, SQLite and PostgreSQL: only what
has expired, and it says how much."""

from datetime import datetime, timedelta, timezone

from propcore.access.accounts import Account, AccountKind
from propcore.access.credentials import CodePurpose, OneTimeCode, Session

SHANGHAI = timezone(timedelta(hours=8))
AT = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)


def _account(uow) -> Account:
    account = Account(AccountKind.STAFF, "Wang Fang", username="wangfang")
    with uow() as work:
        work.accounts.add(account)
        work.commit()
    return account


def test_sessions_idle_or_too_old_are_removed(uow):
    account = _account(uow)
    idle = Session(account.id, "idle", AT, AT)
    old = Session(account.id, "old", AT - timedelta(days=1), AT + timedelta(hours=1))
    fresh = Session(account.id, "fresh", AT, AT + timedelta(hours=1))
    with uow() as work:
        for session in (idle, old, fresh):
            work.sessions.add(session)
        work.commit()

    with uow() as work:
        removed = work.sessions.remove_expired(
            seen_before=AT + timedelta(minutes=30),
            created_before=AT - timedelta(hours=12),
        )
        work.commit()

    assert removed == 2
    with uow() as work:
        assert work.sessions.by_digest("fresh") == fresh
        assert work.sessions.by_digest("idle") is None
        assert work.sessions.by_digest("old") is None


def test_codes_expired_before_the_instant_are_removed_used_or_not(uow):
    account = _account(uow)
    expired = OneTimeCode.issue(account.id, CodePurpose.SIGN_IN, "111111", AT)
    used = OneTimeCode.issue(account.id, CodePurpose.RESET, "222222", AT)
    used.used_at = AT
    valid = OneTimeCode.issue(account.id, CodePurpose.ACTIVATE, "333333", AT)
    with uow() as work:
        for code in (expired, used, valid):
            work.codes.add(code)
        work.commit()

    with uow() as work:
        removed = work.codes.remove_expired(before=AT + timedelta(hours=3))
        work.commit()

    assert removed == 2
    with uow() as work:
        assert work.codes.latest(account.id, CodePurpose.SIGN_IN) is None
        assert work.codes.latest(account.id, CodePurpose.ACTIVATE) == valid


def test_failures_before_the_instant_are_forgotten_for_every_key(uow):
    with uow() as work:
        work.throttle.record("login:a", AT - timedelta(hours=1))
        work.throttle.record("address:1", AT - timedelta(hours=1))
        work.throttle.record("login:a", AT)
        work.commit()

    with uow() as work:
        forgotten = work.throttle.forget_before(AT - timedelta(minutes=15))
        work.commit()

    assert forgotten == 2
    with uow() as work:
        assert work.throttle.failures("login:a", AT - timedelta(days=1)) == [AT]
        assert work.throttle.failures("address:1", AT - timedelta(days=1)) == []
