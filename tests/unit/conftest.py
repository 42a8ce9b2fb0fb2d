"""Fixtures the demo's unit tests share."""

import pytest

from propcore.application import Propcore
from propcore_bootstrap.demo import load_demo
from propcore_bootstrap.demo_accounts import create_demo_accounts
from tests.fakes import FakeUnitOfWorkFactory, FixedClock, PlainHasher
from tests.recording import RecordingNotifier


@pytest.fixture(scope="module")
def demo():
    """The demo company with its sign-ins, on fakes: (core, logins)."""
    core = Propcore.build(
        uow=FakeUnitOfWorkFactory(),
        clock=FixedClock(),
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )
    load_demo(core)
    return core, create_demo_accounts(core)
