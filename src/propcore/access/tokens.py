"""API bearer tokens: created, listed and revoked by their owner."""

import attrs

from propcore.access.accounts import Account
from propcore.access.audit import AuditEvent, AuditEventKind
from propcore.access.credentials import ApiToken, digest, new_token
from propcore.clock import Clock
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.inputs import Reader
from propcore.uow import UnitOfWorkFactory


@attrs.frozen
class NewToken:
    """A created token; ``secret`` is shown once and never kept."""

    token: ApiToken
    secret: str


@attrs.frozen
class TokenService:
    uow: UnitOfWorkFactory
    clock: Clock

    def create(self, account_id: Id, raw: dict) -> NewToken:
        read = Reader(raw)
        name = read.text("name", max_length=100)
        read.done()
        secret = "pc_" + new_token()
        now = self.clock.now()
        token = ApiToken(account_id, name, digest(secret), now)
        with self.uow() as uow:
            uow.accounts.get(account_id)
            uow.api_tokens.add(token)
            uow.audit.append(
                AuditEvent(
                    AuditEventKind.TOKEN_CREATED, now, f"token:{token.id}", account_id
                )
            )
            uow.commit()
        return NewToken(token, secret)

    def list(self, account_id: Id) -> list[ApiToken]:
        with self.uow() as uow:
            return uow.api_tokens.for_account(account_id)

    def revoke(self, account_id: Id, token_id: Id) -> None:
        now = self.clock.now()
        with self.uow() as uow:
            token = next(
                (t for t in uow.api_tokens.for_account(account_id) if t.id == token_id),
                None,
            )
            if token is None:
                raise NotFoundError("token", token_id)
            if token.active:
                token.revoked_at = now
                uow.api_tokens.update(token)
                uow.audit.append(
                    AuditEvent(
                        AuditEventKind.TOKEN_REVOKED,
                        now,
                        f"token:{token.id}",
                        account_id,
                    )
                )
            uow.commit()

    def account_for(self, secret: str) -> Account | None:
        """The active account behind a bearer token, or None."""
        now = self.clock.now()
        with self.uow() as uow:
            token = uow.api_tokens.by_digest(digest(secret))
            if token is None or not token.active:
                return None
            account = uow.accounts.get(token.account_id)
            if not account.active:
                return None
            token.last_used_at = now
            uow.api_tokens.update(token)
            uow.commit()
        return account
