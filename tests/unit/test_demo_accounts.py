"""The demo's sign-ins: one per staff role and three residents, all working."""

import pytest

from propcore.access.rules import Area
from propcore_bootstrap.demo_accounts import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
)


@pytest.mark.parametrize(("login", "role"), DEMO_LOGINS)
def test_every_demo_login_signs_in_and_acts_in_its_role(demo, login, role):
    core, _ = demo

    signed_in = core.signin.sign_in(login, DEMO_PASSWORD, address="127.0.0.1")

    actor = core.accounts.actor(signed_in.account.id)
    roles = {g.role.value for g in actor.staff} | {m.role for m in actor.memberships}
    assert roles == {role}


def test_the_demo_family_member_sees_what_the_owner_granted(demo):
    core, logins = demo
    family = next(x for x in logins if x.login == "family")
    account = core.signin.sign_in("family", DEMO_PASSWORD, address="x").account

    (membership,) = core.accounts.actor(account.id).memberships

    assert family.role == "family"
    assert Area.FEES in membership.grants
    assert Area.STAFF not in membership.grants
