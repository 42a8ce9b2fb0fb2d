"""The real password hasher, and the core's re-hash on sign-in."""

import pytest

from propcore.application import Propcore
from propcore.errors import AuthenticationError
from propcore_argon2 import Argon2PasswordHasher
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.fakes import FixedClock
from tests.recording import RecordingNotifier


def test_a_password_verifies_only_against_its_own_hash():
    hasher = Argon2PasswordHasher()

    stored = hasher.hash("correct horse")

    assert stored.startswith("$argon2id$")
    assert hasher.verify(stored, "correct horse")
    assert not hasher.verify(stored, "wrong horse")
    assert not hasher.verify("not a hash", "correct horse")


def test_signing_in_upgrades_a_hash_made_with_weaker_parameters(sqlite_url):
    uow = SqlUnitOfWorkFactory(make_engine(sqlite_url))
    weak = Propcore.build(
        uow=uow,
        clock=FixedClock(),
        hasher=Argon2PasswordHasher(time_cost=1, memory_cost=8192),
        notifier=RecordingNotifier(),
    )
    strong = Propcore.build(
        uow=uow,
        clock=FixedClock(),
        hasher=Argon2PasswordHasher(),
        notifier=RecordingNotifier(),
    )
    weak.setup.administrator("admin", "s3cret-pass")

    strong.signin.sign_in("admin", "s3cret-pass", address="127.0.0.1")

    signed_in = strong.signin.sign_in("admin", "s3cret-pass", address="127.0.0.1")
    upgraded = signed_in.account.password_hash
    assert "t=1," not in upgraded
    assert not Argon2PasswordHasher().needs_rehash(upgraded)


def test_a_wrong_password_or_unknown_user_gets_the_same_refusal(sqlite_url):
    uow = SqlUnitOfWorkFactory(make_engine(sqlite_url))
    core = Propcore.build(
        uow=uow,
        clock=FixedClock(),
        hasher=Argon2PasswordHasher(),
        notifier=RecordingNotifier(),
    )
    core.setup.administrator("admin", "s3cret-pass")

    with pytest.raises(AuthenticationError) as wrong_password:
        core.signin.sign_in("admin", "nope-nope", address="127.0.0.1")
    with pytest.raises(AuthenticationError) as unknown_user:
        core.signin.sign_in("nobody", "s3cret-pass", address="127.0.0.1")

    assert str(wrong_password.value) == str(unknown_user.value)
