"""Events, age bands and the rule of who may join."""

from datetime import date, datetime

import attrs
from dateutil.relativedelta import relativedelta

from propcore.errors import InvalidInputError
from propcore.ids import Id, new_id


def age_on(birth_date: date, day: date) -> int:
    """Whole years lived on ``day`` (someone born on 29 February turns a
    year older on 1 March in other years)."""
    return relativedelta(day, birth_date).years


@attrs.frozen
class AgeBand:
    """Ages from ``youngest`` to ``oldest``, both included; None: no limit."""

    youngest: int | None = None
    oldest: int | None = None

    def __attrs_post_init__(self) -> None:
        if (self.youngest or 0) < 0 or (self.oldest is not None and self.oldest < 0):
            raise InvalidInputError.single("youngest", "must not be negative")
        if None not in (self.youngest, self.oldest) and self.oldest < self.youngest:
            raise InvalidInputError.single("oldest", "must not be below the youngest")

    @property
    def open(self) -> bool:
        return self.youngest is None and self.oldest is None

    def admits(self, birth_date: date | None, on: date) -> bool:
        if self.open:
            return True
        if birth_date is None:
            return False
        age = age_on(birth_date, on)
        return (self.youngest is None or age >= self.youngest) and (
            self.oldest is None or age <= self.oldest
        )


@attrs.frozen
class Candidate:
    """What eligibility is judged on: a person's age and interests, usable
    only with their consent."""

    birth_date: date | None
    tags: frozenset[str]
    consent: bool


@attrs.define
class Event:
    """A community event of one estate with ``capacity`` seats; ``taken``
    counts the seats signed up for (the storage keeps it exact under
    concurrent sign-ups)."""

    estate_id: Id
    title: str
    description: str
    place: str
    starts_at: datetime
    capacity: int
    created_at: datetime
    ages: AgeBand = AgeBand()
    tags: frozenset[str] = frozenset()
    created_by: Id | None = None
    taken: int = 0
    id: Id = attrs.field(factory=new_id)

    def __attrs_post_init__(self) -> None:
        if self.capacity < 1:
            raise InvalidInputError.single("capacity", "must be at least 1")
        if self.starts_at <= self.created_at:
            raise InvalidInputError.single("starts_at", "must be in the future")

    @property
    def targeted(self) -> bool:
        return not self.ages.open or bool(self.tags)

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.taken, 0)

    def admits(self, candidate: Candidate) -> bool:
        """Everyone, for an untargeted event; otherwise only people who
        consented and whose age and interests fit."""
        if not self.targeted:
            return True
        day = self.starts_at.date()
        return (
            candidate.consent
            and self.ages.admits(candidate.birth_date, day)
            and (not self.tags or bool(self.tags & candidate.tags))
        )

    def is_open(self, at: datetime) -> bool:
        return at < self.starts_at


@attrs.frozen
class Signup:
    event_id: Id
    account_id: Id
    person_id: Id
    signed_at: datetime


@attrs.frozen
class Offer:
    """An event as a resident sees it: may they join, and did they."""

    event: Event
    signed_up: bool
