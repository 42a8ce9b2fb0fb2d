"""Identities of entities: random UUIDs, so ids reveal nothing and can't be guessed."""

import uuid

from propcore.errors import InvalidInputError

Id = uuid.UUID


def new_id() -> Id:
    return uuid.uuid4()


def parse_id(value: object, field: str = "id") -> Id:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise InvalidInputError.single(field, "is not a valid id") from None
