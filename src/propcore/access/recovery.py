"""Activation, password reset and change, and the TOTP second factor."""

import attrs

from propcore.access import totp
from propcore.access.accounts import Account
from propcore.access.audit import AuditEvent, AuditEventKind
from propcore.access.credentials import (
    CodePurpose,
    OneTimeCode,
    digest,
    new_token,
)
from propcore.access.passwords import PasswordHasher, check_new_password
from propcore.clock import Clock
from propcore.errors import AuthenticationError, InvalidInputError
from propcore.ids import Id
from propcore.messaging import Message, Notifier
from propcore.uow import UnitOfWork, UnitOfWorkFactory


class LinkNotValidError(AuthenticationError):
    """An activation or reset link that is unknown, used or expired."""


@attrs.frozen
class RecoveryService:
    uow: UnitOfWorkFactory
    clock: Clock
    hasher: PasswordHasher
    notifier: Notifier

    def set_first_password(self, token: str, password: str) -> Account:
        """Activate an account with the token from its activation link."""
        return self._use_link(CodePurpose.ACTIVATE, token, password)

    def start_reset(self, login: str) -> None:
        """Send a reset link; silent when the login is unknown or inactive."""
        now = self.clock.now()
        token = new_token()
        with self.uow() as uow:
            account = uow.accounts.by_login(login.strip())
            if account is None or not account.active:
                return
            uow.codes.add(OneTimeCode.issue(account.id, CodePurpose.RESET, token, now))
            uow.commit()
        self.notifier.send(
            Message(
                account.id,
                "password_reset",
                {"token": token},
                phone=account.phone,
                email=account.email or None,
                language=account.language,
            )
        )

    def reset_password(self, token: str, password: str) -> Account:
        return self._use_link(CodePurpose.RESET, token, password)

    def change_password(self, account_id: Id, current: str, new: str) -> None:
        with self.uow() as uow:
            account = uow.accounts.get(account_id)
            if not account.password_hash or not self.hasher.verify(
                account.password_hash, current
            ):
                raise InvalidInputError.single("current_password", "is not right")
            self._set_password(uow, account, new)
            uow.commit()

    def begin_totp(self, account_id: Id) -> tuple[str, str]:
        """A new secret and its provisioning URI, to show as a QR code; it takes
        effect only once :meth:`confirm_totp` sees a valid code for it."""
        account = self._account(account_id)
        secret = totp.new_secret()
        return secret, totp.provisioning_uri(
            secret, account.username or account.display_name
        )

    def confirm_totp(self, account_id: Id, secret: str, code: str) -> None:
        now = self.clock.now()
        if not totp.verify(secret, code, now):
            raise InvalidInputError.single("code", "is not right")
        with self.uow() as uow:
            account = uow.accounts.get(account_id)
            account.totp_secret = secret
            uow.accounts.update(account)
            _audit(uow, AuditEventKind.TOTP_ENABLED, account, now)
            uow.commit()

    def _use_link(self, purpose: CodePurpose, token: str, password: str) -> Account:
        now = self.clock.now()
        with self.uow() as uow:
            code = uow.codes.find(purpose, digest(token.strip()))
            if code is None or not code.usable(now):
                raise LinkNotValidError("the link is not valid")
            account = uow.accounts.get(code.account_id)
            code.used_at = now
            uow.codes.update(code)
            self._set_password(uow, account, password)
            uow.sessions.remove_for_account(account.id)
            uow.commit()
        return account

    def _set_password(self, uow: UnitOfWork, account: Account, password: str) -> None:
        check_new_password(password)
        account.password_hash = self.hasher.hash(password)
        uow.accounts.update(account)
        _audit(uow, AuditEventKind.PASSWORD_SET, account, self.clock.now())

    def _account(self, account_id: Id) -> Account:
        with self.uow() as uow:
            return uow.accounts.get(account_id)


def _audit(uow: UnitOfWork, kind: AuditEventKind, account: Account, now) -> None:
    uow.audit.append(AuditEvent(kind, now, f"account:{account.id}", account.id))
