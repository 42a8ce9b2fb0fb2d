"""Passwords: the hasher port and the rules for a new password."""

from typing import Protocol

from propcore.errors import InvalidInputError

MIN_PASSWORD_LENGTH = 8


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password_hash: str, password: str) -> bool:
        """True when ``password`` matches; never raises for a wrong password."""

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with weaker parameters than today's."""


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInputError.single(
            "password", "must have at least %(n)s characters", n=MIN_PASSWORD_LENGTH
        )
