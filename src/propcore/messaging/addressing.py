"""A message addressed to an account: its phone, email and language."""

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from propcore.access.accounts import Account
from propcore.ids import Id
from propcore.messaging import Message

if TYPE_CHECKING:
    from propcore.uow import UnitOfWork


def to_account(
    account: Account,
    template: str,
    params: Mapping[str, str],
    *,
    kind: str,
    key: str,
    urgent: bool = False,
) -> Message:
    return Message(
        account_id=account.id,
        template=template,
        params=params,
        phone=account.phone,
        email=account.email or None,
        language=account.language,
        kind=kind,
        urgent=urgent,
        key=key,
    )


def tell_person(
    uow: "UnitOfWork",
    person_id: Id,
    template: str,
    params: Mapping[str, str],
    *,
    kind: str,
    key: str,
    at: datetime,
) -> bool:
    """Queue a message to the person's account in the caller's unit of work;
    a person without an active account is told nothing. Return whether this
    call queued it (a message already queued under ``key`` is not again)."""
    account = uow.accounts.for_person(person_id)
    if account is None or not account.active:
        return False
    return uow.outbox.add(to_account(account, template, params, kind=kind, key=key), at)
