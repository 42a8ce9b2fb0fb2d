"""A clock that stands still and a hasher that does not hash."""

from datetime import date, datetime, timedelta, timezone

SHANGHAI = timezone(timedelta(hours=8))


class FixedClock:
    def __init__(self, at: datetime | None = None) -> None:
        self.at = at or datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.astimezone(SHANGHAI).date()

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


class PlainHasher:
    """Reversible 'hashing' for unit tests only; real code uses argon2."""

    version = "v2"

    def hash(self, password: str) -> str:
        return f"{self.version}:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash.split(":", 1)[1] == password

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith(f"{self.version}:")
