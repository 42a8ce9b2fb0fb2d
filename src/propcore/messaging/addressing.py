"""A message addressed to an account: its phone, email and language."""

from collections.abc import Mapping

from propcore.access.accounts import Account
from propcore.messaging import Message


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
