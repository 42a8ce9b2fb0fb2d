"""Signing in and out: passwords, one-time codes, a second factor, sessions."""

from datetime import datetime, timedelta

import attrs

from propcore.access import totp
from propcore.access.accounts import Account, AccountKind
from propcore.access.audit import AuditEvent, AuditEventKind
from propcore.access.credentials import (
    CodePurpose,
    OneTimeCode,
    Session,
    SessionTimeouts,
    digest,
    new_code,
    new_token,
)
from propcore.access.passwords import PasswordHasher
from propcore.access.throttle import (
    PER_ACCOUNT,
    PER_ADDRESS,
    ThrottleRule,
    account_key,
    address_key,
)
from propcore.clock import Clock
from propcore.errors import AuthenticationError, PropcoreError
from propcore.messaging import Message, Notifier
from propcore.uow import UnitOfWork, UnitOfWorkFactory

_SESSION_TOUCH = timedelta(minutes=1)


class ThrottledError(PropcoreError):
    """Too many failed attempts; says nothing about whether the account exists."""

    def __init__(self, wait: timedelta) -> None:
        self.minutes = max(1, -(-int(wait.total_seconds()) // 60))
        super().__init__(f"too many attempts; try again in {self.minutes} minutes")


class SecondFactorRequired(AuthenticationError):
    """The password was right; the account also needs its TOTP code.

    ``pending`` stands for the checked password for five minutes: hand it to
    :meth:`SignInService.complete_second_factor` with the code, so the
    password itself need not travel again."""

    def __init__(self, pending: str) -> None:
        self.pending = pending
        super().__init__("second factor required")


@attrs.frozen
class SignedIn:
    """A new session: ``token`` goes into the cookie and is not kept."""

    account: Account
    token: str


@attrs.frozen
class SignInService:
    uow: UnitOfWorkFactory
    clock: Clock
    hasher: PasswordHasher
    notifier: Notifier
    timeouts: SessionTimeouts = attrs.field(factory=SessionTimeouts)

    def sign_in(
        self, login: str, password: str, *, address: str, code: str | None = None
    ) -> SignedIn:
        """Check a password (and the TOTP code where enabled); start a session.

        Every failure, whatever its cause, is counted against the typed login
        and the address, and answered alike."""
        now = self.clock.now()
        with self.uow() as uow:
            _check_throttle(uow, now, login, address)
            account = uow.accounts.by_login(login.strip())
            if not self._password_ok(account, password):
                self._fail(uow, now, login, address)
            if account.totp_secret and not code:
                pending = self._pending(uow, account, now)
                uow.commit()
                raise SecondFactorRequired(pending)
            if account.totp_secret and not totp.verify(account.totp_secret, code, now):
                self._fail(uow, now, login, address)
            if self.hasher.needs_rehash(account.password_hash):
                account.password_hash = self.hasher.hash(password)
                uow.accounts.update(account)
            signed_in = self._start(uow, account, now, address)
            uow.commit()
        return signed_in

    def complete_second_factor(
        self, pending: str, code: str, *, address: str
    ) -> SignedIn:
        """Finish a sign-in whose password was accepted, with the TOTP code."""
        now = self.clock.now()
        with self.uow() as uow:
            stored = uow.codes.find(CodePurpose.SECOND_FACTOR, digest(pending))
            account = stored and uow.accounts.get(stored.account_id)
            login = (account and account.username) or ""
            _check_throttle(uow, now, login, address)
            if not stored or not stored.usable(now) or not account.totp_secret:
                self._fail(uow, now, login, address)
            if not totp.verify(account.totp_secret, code, now):
                self._fail(uow, now, login, address)
            stored.used_at = now
            uow.codes.update(stored)
            signed_in = self._start(uow, account, now, address)
            uow.commit()
        return signed_in

    def send_code(self, login: str, *, address: str) -> None:
        """Send a resident a sign-in code; silent when there is no such resident."""
        now = self.clock.now()
        with self.uow() as uow:
            _check_throttle(uow, now, login, address)
            account = uow.accounts.by_login(login.strip())
            if account is None or account.kind is not AccountKind.RESIDENT:
                return
            code = new_code()
            uow.codes.add(OneTimeCode.issue(account.id, CodePurpose.SIGN_IN, code, now))
            _audit(uow, AuditEventKind.CODE_SENT, now, account, address)
            uow.commit()
        self.notifier.send(
            Message(
                account.id,
                "sign_in_code",
                {"code": code},
                phone=account.phone,
                email=account.email or None,
                language=account.language,
            )
        )

    def sign_in_with_code(self, login: str, code: str, *, address: str) -> SignedIn:
        now = self.clock.now()
        with self.uow() as uow:
            _check_throttle(uow, now, login, address)
            account = uow.accounts.by_login(login.strip())
            stored = account and uow.codes.latest(account.id, CodePurpose.SIGN_IN)
            if (
                not stored
                or not stored.usable(now)
                or stored.digest != digest(code.strip())
            ):
                self._fail(uow, now, login, address)
            if not account.active:
                self._fail(uow, now, login, address)
            stored.used_at = now
            uow.codes.update(stored)
            signed_in = self._start(uow, account, now, address)
            uow.commit()
        return signed_in

    def session(self, token: str) -> Account | None:
        """The account signed in with this cookie token, if still valid; an
        expired session is removed."""
        now = self.clock.now()
        with self.uow() as uow:
            session = uow.sessions.by_digest(digest(token))
            if session is None:
                return None
            account = uow.accounts.get(session.account_id)
            if session.expired(now, self.timeouts) or not account.active:
                uow.sessions.remove(session.id)
                uow.commit()
                return None
            if now - session.last_seen_at > _SESSION_TOUCH:
                uow.sessions.touch(session.id, now)
                uow.commit()
            return account

    def sign_out(self, token: str, *, address: str = "") -> None:
        now = self.clock.now()
        with self.uow() as uow:
            session = uow.sessions.by_digest(digest(token))
            if session is None:
                return
            uow.sessions.remove(session.id)
            account = uow.accounts.get(session.account_id)
            _audit(uow, AuditEventKind.SIGNED_OUT, now, account, address)
            uow.commit()

    @staticmethod
    def _pending(uow: UnitOfWork, account: Account, now: datetime) -> str:
        token = new_token()
        uow.codes.add(
            OneTimeCode.issue(account.id, CodePurpose.SECOND_FACTOR, token, now)
        )
        return token

    def _password_ok(self, account: Account | None, password: str) -> bool:
        if account is None or not account.activated or not account.active:
            self.hasher.hash(password)  # spend the time a real check takes
            return False
        return self.hasher.verify(account.password_hash, password)

    def _fail(self, uow: UnitOfWork, now: datetime, login: str, address: str):
        """Count the failure in its own transaction, then refuse."""
        uow.throttle.record(account_key(login), now)
        uow.throttle.record(address_key(address), now)
        uow.audit.append(
            AuditEvent(
                AuditEventKind.SIGN_IN_FAILED,
                now,
                "login:" + digest(account_key(login))[:12],
                address=address,
            )
        )
        uow.commit()
        raise AuthenticationError("wrong login or password")

    def _start(
        self, uow: UnitOfWork, account: Account, now: datetime, address: str
    ) -> SignedIn:
        token = new_token()
        uow.sessions.add(Session(account.id, digest(token), now, now, address))
        uow.throttle.clear(account_key(account.username or ""))
        uow.throttle.clear(account_key(account.phone or ""))
        _audit(uow, AuditEventKind.SIGNED_IN, now, account, address)
        return SignedIn(account, token)


def _check_throttle(uow: UnitOfWork, now: datetime, login: str, address: str) -> None:
    for key, rule in (
        (account_key(login), PER_ACCOUNT),
        (address_key(address), PER_ADDRESS),
    ):
        wait = _wait(uow, key, rule, now)
        if wait is not None:
            uow.audit.append(
                AuditEvent(
                    AuditEventKind.LOCKED_OUT, now, key.split(":")[0], address=address
                )
            )
            uow.commit()
            raise ThrottledError(wait)


def _wait(uow: UnitOfWork, key: str, rule: ThrottleRule, now: datetime):
    return rule.blocked(uow.throttle.failures(key, now - rule.window), now)


def _audit(
    uow: UnitOfWork, kind: AuditEventKind, now: datetime, account: Account, address: str
) -> None:
    uow.audit.append(
        AuditEvent(kind, now, f"account:{account.id}", account.id, address)
    )
