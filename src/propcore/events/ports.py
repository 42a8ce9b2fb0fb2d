"""What the event use cases need from storage."""

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from propcore.events.model import Event, Signup
from propcore.ids import Id


class EventRepository(Protocol):
    def add(self, event: Event) -> None: ...
    def get(self, event_id: Id) -> Event:
        """Raise NotFoundError when there is no such event."""

    def for_estates(self, estate_ids: Iterable[Id] | None) -> list[Event]:
        """Soonest first; ``None``: every estate."""

    def starting_between(self, after: datetime, until: datetime) -> list[Event]:
        """Events starting after ``after`` and no later than ``until``."""

    def take_seat(self, event_id: Id) -> bool:
        """Count one more seat taken if one is left, atomically: of two
        transactions racing for the last seat, one gets it. False: full."""

    def free_seat(self, event_id: Id) -> None: ...
    def add_signup(self, signup: Signup) -> None:
        """Raise ConflictError on ``event_id`` when the account is signed up."""

    def remove_signup(self, event_id: Id, account_id: Id) -> bool: ...
    def signups(self, event_id: Id) -> list[Signup]:
        """Oldest first."""

    def signed_up(self, account_id: Id) -> set[Id]:
        """The events the account is signed up for."""
