"""Housekeeping purges what can no longer be used, and nothing else."""

from datetime import timedelta

from propcore.access.accounts import Account, AccountKind
from propcore.access.credentials import CodePurpose, OneTimeCode, Session


def _stored(core, *items):
    with core.signin.uow() as uow:
        for item in items:
            if isinstance(item, Account):
                uow.accounts.add(item)
            elif isinstance(item, Session):
                uow.sessions.add(item)
            elif isinstance(item, OneTimeCode):
                uow.codes.add(item)
            else:
                uow.throttle.record(*item)
        uow.commit()


def test_expired_sessions_codes_and_old_failures_are_purged(fake_core, clock):
    now = clock.now()
    account = Account(AccountKind.STAFF, "Wang Fang", username="wangfang")
    idle = Session(account.id, "idle", now, now - timedelta(minutes=31))
    live = Session(account.id, "live", now, now)
    spent = OneTimeCode.issue(
        account.id, CodePurpose.SIGN_IN, "1", now - timedelta(hours=1)
    )
    valid = OneTimeCode.issue(account.id, CodePurpose.RESET, "2", now)
    old, recent = ("login:x", now - timedelta(minutes=16)), ("login:x", now)
    _stored(fake_core, account, idle, live, spent, valid, old, recent)

    purged = fake_core.housekeeping.purge_expired()

    assert str(purged) == "1 sessions, 1 codes, 1 sign-in failures purged"
    with fake_core.signin.uow() as uow:
        assert uow.sessions.by_digest("live") == live
        assert uow.codes.latest(account.id, CodePurpose.RESET) == valid
        assert uow.throttle.failures("login:x", now - timedelta(days=1)) == [now]
