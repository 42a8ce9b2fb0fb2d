"""The contract of the sign-in and audit ports, on the fakes, SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from propcore.access.accounts import Account, AccountKind
from propcore.access.audit import AuditEvent, AuditEventKind
from propcore.access.credentials import ApiToken, CodePurpose, OneTimeCode, Session
from propcore.errors import ConflictError, NotFoundError
from propcore.ids import new_id

SHANGHAI = timezone(timedelta(hours=8))
AT = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)


def _staff(name="Wang Fang", username="wangfang") -> Account:
    return Account(AccountKind.STAFF, name, username=username)


def _stored(uow, *accounts):
    with uow() as work:
        for account in accounts:
            work.accounts.add(account)
        work.commit()


def _session(account, digest="d1", at=AT) -> Session:
    return Session(account.id, digest, at, at, "203.0.113.7")


def test_sessions_are_found_by_digest_with_aware_instants(uow):
    account = _staff()
    _stored(uow, account)
    session = _session(account)
    with uow() as work:
        work.sessions.add(session)
        work.commit()

    with uow() as work:
        found = work.sessions.by_digest("d1")

    assert found == session
    assert found.created_at.astimezone(UTC) == datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    assert found.last_seen_at.utcoffset() is not None
    with uow() as work:
        assert work.sessions.by_digest("d2") is None


def test_touching_a_session_moves_only_its_last_seen(uow):
    account = _staff()
    _stored(uow, account)
    session = _session(account)
    with uow() as work:
        work.sessions.add(session)
        work.commit()

    later = AT + timedelta(minutes=5)
    with uow() as work:
        work.sessions.touch(session.id, later)
        work.sessions.touch(new_id(), later)
        work.commit()

    with uow() as work:
        found = work.sessions.by_digest("d1")
    assert (found.created_at, found.last_seen_at) == (AT, later)


def test_sessions_are_removed_one_by_one_or_per_account(uow):
    account, other = _staff(), _staff("Li Na", "lina")
    _stored(uow, account, other)
    with uow() as work:
        for session in (
            _session(account, "a1"),
            _session(account, "a2"),
            _session(other, "b1"),
        ):
            work.sessions.add(session)
        work.commit()

    with uow() as work:
        work.sessions.remove(work.sessions.by_digest("a1").id)
        work.sessions.remove(new_id())
        work.commit()
    with uow() as work:
        assert work.sessions.by_digest("a1") is None
        assert work.sessions.by_digest("a2") is not None
        work.sessions.remove_for_account(account.id)
        work.commit()

    with uow() as work:
        assert work.sessions.by_digest("a2") is None
        assert work.sessions.by_digest("b1") is not None


def test_a_session_digest_is_used_once(uow):
    account = _staff()
    _stored(uow, account)
    with uow() as work:
        work.sessions.add(_session(account))
        work.commit()

    with uow() as work, pytest.raises(ConflictError) as raised:  # noqa: PT012
        work.sessions.add(_session(account))
        work.commit()

    assert raised.value.problem.field == "digest"


def test_api_tokens_are_listed_newest_first_and_updated(uow):
    account, other = _staff(), _staff("Li Na", "lina")
    _stored(uow, account, other)
    old = ApiToken(account.id, "sync", "t1", AT)
    new = ApiToken(account.id, "backup", "t2", AT + timedelta(days=1))
    with uow() as work:
        for token in (old, new, ApiToken(other.id, "x", "t3", AT)):
            work.api_tokens.add(token)
        work.commit()

    old.last_used_at = AT + timedelta(hours=1)
    old.revoked_at = AT + timedelta(hours=2)
    with uow() as work:
        work.api_tokens.update(old)
        work.commit()

    with uow() as work:
        assert work.api_tokens.for_account(account.id) == [new, old]
        assert work.api_tokens.by_digest("t1") == old
        assert not work.api_tokens.by_digest("t1").active
        assert work.api_tokens.by_digest("t9") is None


def test_api_token_digests_are_unique_and_unknown_tokens_not_updated(uow):
    account = _staff()
    _stored(uow, account)
    with uow() as work:
        work.api_tokens.add(ApiToken(account.id, "sync", "t1", AT))
        work.commit()

    with uow() as work, pytest.raises(ConflictError) as raised:  # noqa: PT012
        work.api_tokens.add(ApiToken(account.id, "again", "t1", AT))
        work.commit()
    assert raised.value.problem.field == "digest"
    with uow() as work, pytest.raises(NotFoundError):
        work.api_tokens.update(ApiToken(account.id, "ghost", "t2", AT))


def _code(account, digest="c1", purpose=CodePurpose.SIGN_IN, minutes=10):
    return OneTimeCode(account.id, purpose, digest, AT + timedelta(minutes=minutes))


def test_codes_are_found_by_purpose_and_digest_and_marked_used(uow):
    account = _staff()
    _stored(uow, account)
    code = _code(account)
    with uow() as work:
        work.codes.add(code)
        work.commit()

    with uow() as work:
        assert work.codes.find(CodePurpose.SIGN_IN, "c1") == code
        assert work.codes.find(CodePurpose.RESET, "c1") is None
        code.used_at = AT + timedelta(minutes=1)
        work.codes.update(code)
        work.commit()

    with uow() as work:
        found = work.codes.find(CodePurpose.SIGN_IN, "c1")
    assert found == code
    assert not found.usable(AT + timedelta(minutes=2))
    with uow() as work, pytest.raises(NotFoundError):
        work.codes.update(_code(account, "c9"))


def test_a_repeated_code_finds_the_unused_one_first(uow):
    first, second = _staff(), _staff("Li Na", "lina")
    _stored(uow, first, second)
    used = _code(first, minutes=20)
    used.used_at = AT
    unused = _code(second, minutes=10)
    with uow() as work:
        work.codes.add(used)
        work.codes.add(unused)
        work.commit()

    with uow() as work:
        assert work.codes.find(CodePurpose.SIGN_IN, "c1") == unused


def test_latest_code_is_the_one_expiring_last_for_that_purpose(uow):
    account = _staff()
    _stored(uow, account)
    codes = [
        _code(account, "c1", minutes=10),
        _code(account, "c2", minutes=30),
        _code(account, "c3", CodePurpose.RESET, minutes=60),
        _code(account, "c4", minutes=20),
    ]
    with uow() as work:
        for code in codes:
            work.codes.add(code)
        work.commit()

    with uow() as work:
        assert work.codes.latest(account.id, CodePurpose.SIGN_IN) == codes[1]
        assert work.codes.latest(account.id, CodePurpose.RESET) == codes[2]
        assert work.codes.latest(account.id, CodePurpose.ACTIVATE) is None


def test_throttle_keeps_failures_per_key_since_an_instant(uow):
    times = [AT + timedelta(minutes=m) for m in (3, 0, 1, 2)]
    with uow() as work:
        for at in times:
            work.throttle.record("login:wangfang", at)
        work.throttle.record("address:203.0.113.7", AT)
        work.commit()

    with uow() as work:
        failures = work.throttle.failures("login:wangfang", AT + timedelta(minutes=1))

    assert failures == sorted(times)[1:]
    assert all(at.utcoffset() is not None for at in failures)
    with uow() as work:
        assert work.throttle.failures("login:nobody", AT) == []


def test_clearing_a_throttle_key_leaves_the_others(uow):
    with uow() as work:
        work.throttle.record("login:wangfang", AT)
        work.throttle.record("address:203.0.113.7", AT)
        work.commit()

    with uow() as work:
        work.throttle.clear("login:wangfang")
        work.commit()

    with uow() as work:
        assert work.throttle.failures("login:wangfang", AT) == []
        assert work.throttle.failures("address:203.0.113.7", AT) == [AT]


def test_throttle_failures_are_not_kept_without_commit(uow):
    with uow() as work:
        work.throttle.record("login:wangfang", AT)

    with uow() as work:
        assert work.throttle.failures("login:wangfang", AT) == []


def _event(minutes, kind=AuditEventKind.SIGNED_IN, **extra) -> AuditEvent:
    return AuditEvent(kind, AT + timedelta(minutes=minutes), "account:1", **extra)


def test_audit_events_come_back_newest_first_up_to_a_limit(uow):
    actor = new_id()
    events = [
        _event(0, actor_id=actor, address="203.0.113.7", details={"via": "password"}),
        _event(2, AuditEventKind.SIGN_IN_FAILED),
        _event(1, AuditEventKind.SIGNED_OUT),
    ]
    with uow() as work:
        for event in events:
            work.audit.append(event)
        work.commit()

    with uow() as work:
        assert work.audit.recent(10) == [events[1], events[2], events[0]]
        assert work.audit.recent(2) == [events[1], events[2]]
        assert work.audit.recent(10)[-1].at.utcoffset() is not None


def test_audit_events_before_an_instant_exclude_that_instant(uow):
    events = [_event(m) for m in range(4)]
    with uow() as work:
        for event in events:
            work.audit.append(event)
        work.commit()

    with uow() as work:
        page = work.audit.recent(10, before=events[2].at)

    assert page == [events[1], events[0]]
