"""Password hashing with argon2id, through argon2-cffi."""

from argon2 import PasswordHasher as _Argon2
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["Argon2PasswordHasher"]


class Argon2PasswordHasher:
    """argon2id with argon2-cffi's current defaults (RFC 9106 low-memory profile).

    Raising the parameters later is safe: :meth:`needs_rehash` tells the core
    to re-hash a password at its owner's next sign-in.
    """

    def __init__(self, **parameters: int) -> None:
        self._argon2 = _Argon2(**parameters)

    def hash(self, password: str) -> str:
        return self._argon2.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._argon2.check_needs_rehash(password_hash)
