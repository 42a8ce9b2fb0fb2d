"""Signing in on the fakes: passwords, throttling, codes, TOTP, sessions, tokens."""

import pytest

from propcore.access import totp
from propcore.access.audit import AuditEventKind
from propcore.access.recovery import LinkNotValidError
from propcore.access.signin import SecondFactorRequired, ThrottledError
from propcore.errors import AuthenticationError
from propcore.property.tree import NodeKind

PASSWORD = "a-good-password"
HERE = "203.0.113.7"


@pytest.fixture
def staff(fake_core):
    new = fake_core.accounts.create_staff(
        {"username": "WangFang", "display_name": "王芳", "phone": "13800000001"}
    )
    fake_core.recovery.set_first_password(new.activation_token, PASSWORD)
    return new.account


@pytest.fixture
def resident(fake_core):
    person = fake_core.residents.create_person({"name": "李娜", "phone": "13900000002"})
    new = fake_core.accounts.create_resident(person.id)
    return new.account


def _notifier(core):
    return core.signin.notifier


def test_staff_sign_in_with_any_case_of_their_username_and_get_a_session(
    fake_core, staff
):
    signed_in = fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)

    assert signed_in.account.id == staff.id
    assert fake_core.signin.session(signed_in.token).id == staff.id
    assert fake_core.signin.session("made-up-token") is None


def test_the_phone_number_is_a_login_too(fake_core, staff):
    signed_in = fake_core.signin.sign_in("13800000001", PASSWORD, address=HERE)

    assert signed_in.account.id == staff.id


def test_a_wrong_password_and_an_unknown_login_are_refused_alike(fake_core, staff):
    with pytest.raises(AuthenticationError) as wrong:
        fake_core.signin.sign_in("wangfang", "not-it", address=HERE)
    with pytest.raises(AuthenticationError) as unknown:
        fake_core.signin.sign_in("nobody", PASSWORD, address=HERE)

    assert str(wrong.value) == str(unknown.value)


@pytest.mark.parametrize("login", ["wangfang", "nobody-at-all"])
def test_five_failures_lock_the_login_for_a_while_known_or_not(fake_core, staff, login):
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            fake_core.signin.sign_in(login, "not-it", address=HERE)

    with pytest.raises(ThrottledError) as locked:
        fake_core.signin.sign_in(login, PASSWORD, address=HERE)

    assert locked.value.minutes == 15
    fake_core.clock.advance(minutes=15)
    if login == "wangfang":
        assert fake_core.signin.sign_in(login, PASSWORD, address=HERE)


def test_many_failures_from_one_address_lock_that_address(fake_core, staff):
    for n in range(20):
        with pytest.raises(AuthenticationError):
            fake_core.signin.sign_in(f"guess-{n}", "x", address=HERE)

    with pytest.raises(ThrottledError):
        fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)
    assert fake_core.signin.sign_in("wangfang", PASSWORD, address="198.51.100.1")


def test_an_idle_session_expires(fake_core, staff):
    signed_in = fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)

    fake_core.clock.advance(minutes=31)

    assert fake_core.signin.session(signed_in.token) is None


def test_an_active_session_still_ends_after_twelve_hours(fake_core, staff):
    signed_in = fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)

    for _ in range(25):
        fake_core.clock.advance(minutes=29)
        alive = fake_core.signin.session(signed_in.token) is not None

    assert not alive


def test_signing_out_ends_the_session(fake_core, staff):
    signed_in = fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)

    fake_core.signin.sign_out(signed_in.token)

    assert fake_core.signin.session(signed_in.token) is None


def test_a_deactivated_account_loses_its_sessions_and_cannot_sign_in(fake_core, staff):
    signed_in = fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)

    fake_core.accounts.deactivate(staff.id)

    assert fake_core.signin.session(signed_in.token) is None
    with pytest.raises(AuthenticationError):
        fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)


def test_with_totp_enabled_the_password_alone_is_not_enough(fake_core, staff):
    secret, uri = fake_core.recovery.begin_totp(staff.id)
    fake_core.recovery.confirm_totp(
        staff.id, secret, totp.code_at(secret, fake_core.clock.now())
    )

    with pytest.raises(SecondFactorRequired):
        fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)
    with pytest.raises(AuthenticationError):
        fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE, code="000000")
    code = totp.code_at(secret, fake_core.clock.now())
    assert fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE, code=code)
    assert uri.startswith("otpauth://totp/propcore:WangFang?secret=")


def test_a_resident_signs_in_once_with_a_code_sent_to_their_phone(fake_core, resident):
    fake_core.signin.send_code("13900000002", address=HERE)
    message = _notifier(fake_core).last("sign_in_code")

    signed_in = fake_core.signin.sign_in_with_code(
        "13900000002", message.params["code"], address=HERE
    )

    assert signed_in.account.id == resident.id
    assert message.phone == "13900000002"
    with pytest.raises(AuthenticationError):
        fake_core.signin.sign_in_with_code(
            "13900000002", message.params["code"], address=HERE
        )


def test_an_expired_code_is_refused(fake_core, resident):
    fake_core.signin.send_code("13900000002", address=HERE)
    code = _notifier(fake_core).last("sign_in_code").params["code"]

    fake_core.clock.advance(minutes=11)

    with pytest.raises(AuthenticationError):
        fake_core.signin.sign_in_with_code("13900000002", code, address=HERE)


def test_asking_a_code_for_an_unknown_phone_sends_nothing_and_says_nothing(fake_core):
    fake_core.signin.send_code("13700000000", address=HERE)

    assert _notifier(fake_core).sent == []


def test_a_reset_link_works_once_and_ends_every_session(fake_core, staff):
    old_session = fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)
    fake_core.recovery.start_reset("wangfang")
    token = _notifier(fake_core).last("password_reset").params["token"]

    fake_core.recovery.reset_password(token, "another-good-one")

    assert fake_core.signin.session(old_session.token) is None
    assert fake_core.signin.sign_in("wangfang", "another-good-one", address=HERE)
    with pytest.raises(LinkNotValidError):
        fake_core.recovery.reset_password(token, "yet-another-one")


def test_an_account_cannot_sign_in_before_activation(fake_core):
    new = fake_core.accounts.create_staff({"username": "zhao", "display_name": "赵"})

    with pytest.raises(AuthenticationError):
        fake_core.signin.sign_in("zhao", "", address=HERE)
    assert not new.account.activated


def test_api_tokens_work_until_revoked(fake_core, staff):
    new = fake_core.tokens.create(staff.id, {"name": "财务导出"})

    assert fake_core.tokens.account_for(new.secret).id == staff.id
    fake_core.tokens.revoke(staff.id, new.token.id)
    assert fake_core.tokens.account_for(new.secret) is None
    assert [t.name for t in fake_core.tokens.list(staff.id)] == ["财务导出"]


def test_sign_ins_failures_and_lockouts_are_audited_without_names(fake_core, staff):
    fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)
    for _ in range(6):
        try:
            fake_core.signin.sign_in("wangfang", "no", address=HERE)
        except AuthenticationError:
            pass
        except ThrottledError:
            break

    kinds = [e.kind for e in fake_core.accounts.audit_log()]

    assert AuditEventKind.SIGNED_IN in kinds
    assert kinds.count(AuditEventKind.SIGN_IN_FAILED) == 5
    assert AuditEventKind.LOCKED_OUT in kinds
    assert all("wangfang" not in e.subject for e in fake_core.accounts.audit_log())


def test_staff_roles_are_scoped_to_nodes_of_the_tree(fake_core, staff):
    company = fake_core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    region = fake_core.property.create_node(
        NodeKind.REGION, {"name": "华北区", "parent_id": str(company.id)}
    )
    estate = fake_core.property.create_node(
        NodeKind.ESTATE, {"name": "翠湖花园", "parent_id": str(region.id)}
    )
    fake_core.accounts.assign(
        staff.id, {"role": "front_desk", "node_id": str(region.id)}
    )

    actor = fake_core.accounts.actor(staff.id)

    (grant,) = actor.staff
    assert grant.scope.estate_ids == frozenset({estate.id})


def test_a_pending_second_factor_finishes_once_with_the_code(fake_core, staff):
    secret, _ = fake_core.recovery.begin_totp(staff.id)
    now_code = totp.code_at(secret, fake_core.clock.now())
    fake_core.recovery.confirm_totp(staff.id, secret, now_code)
    with pytest.raises(SecondFactorRequired) as asked:
        fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)

    signed_in = fake_core.signin.complete_second_factor(
        asked.value.pending, now_code, address=HERE
    )

    assert signed_in.account.id == staff.id
    with pytest.raises(AuthenticationError):
        fake_core.signin.complete_second_factor(
            asked.value.pending, now_code, address=HERE
        )


def test_a_pending_second_factor_expires_after_five_minutes(fake_core, staff):
    secret, _ = fake_core.recovery.begin_totp(staff.id)
    fake_core.recovery.confirm_totp(
        staff.id, secret, totp.code_at(secret, fake_core.clock.now())
    )
    with pytest.raises(SecondFactorRequired) as asked:
        fake_core.signin.sign_in("wangfang", PASSWORD, address=HERE)

    fake_core.clock.advance(minutes=6)

    with pytest.raises(AuthenticationError):
        fake_core.signin.complete_second_factor(
            asked.value.pending,
            totp.code_at(secret, fake_core.clock.now()),
            address=HERE,
        )
