"""A notice, its audience and its life: draft, scheduled, published."""

import enum
from datetime import date, datetime

import attrs

from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id, new_id
from propcore.residents.occupancy import Role


class Urgency(enum.StrEnum):
    """``safety`` is urgent and about people's safety (gas, fire, water
    outages): channels may treat it differently from other urgent news."""

    NORMAL = "normal"
    URGENT = "urgent"
    SAFETY = "safety"


class Channel(enum.StrEnum):
    INBOX = "inbox"
    SMS = "sms"
    EMAIL = "email"


class NoticeStatus(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"


@attrs.frozen
class Place:
    """Where one resident lives, with what an audience may select them by."""

    account_id: Id
    person_id: Id
    unit_id: Id
    building_id: Id
    entrance: str
    role: Role
    tags: frozenset[str] = frozenset()
    consent: bool = False
    birth_date: date | None = None


@attrs.frozen
class Audience:
    """Who a notice is for, within its estate.

    Places (buildings, entrances as ``(building id, entrance)``, units) add
    up; none means the whole estate. Roles and tags then narrow the places:
    only owners, say, or only people interested in 书法 who agreed that their
    interests be used.
    """

    building_ids: frozenset[Id] = frozenset()
    entrances: frozenset[tuple[Id, str]] = frozenset()
    unit_ids: frozenset[Id] = frozenset()
    roles: frozenset[Role] = frozenset()
    tags: frozenset[str] = frozenset()

    @property
    def whole_estate(self) -> bool:
        return not (self.building_ids or self.entrances or self.unit_ids)

    def reaches(self, place: Place) -> bool:
        return (
            self._at(place)
            and (not self.roles or place.role in self.roles)
            and (not self.tags or (place.consent and bool(self.tags & place.tags)))
        )

    def _at(self, place: Place) -> bool:
        return (
            self.whole_estate
            or place.building_id in self.building_ids
            or (place.building_id, place.entrance) in self.entrances
            or place.unit_id in self.unit_ids
        )


def reached(audience: Audience, places: list[Place]) -> list[Id]:
    """The accounts the audience reaches, each once, in the order found."""
    return list(dict.fromkeys(p.account_id for p in places if audience.reaches(p)))


@attrs.define
class Notice:
    """A notice to residents of one estate.

    ``publish_at`` empty: a draft, published when staff say so; otherwise
    published by the scheduler at that time. After ``expires_at`` residents
    no longer see it among current notices.
    """

    estate_id: Id
    title: str
    body: str
    created_at: datetime
    audience: Audience = Audience()
    channels: tuple[Channel, ...] = (Channel.INBOX,)
    urgency: Urgency = Urgency.NORMAL
    publish_at: datetime | None = None
    expires_at: datetime | None = None
    created_by: Id | None = None
    status: NoticeStatus = NoticeStatus.DRAFT
    published_at: datetime | None = None
    id: Id = attrs.field(factory=new_id)

    def __attrs_post_init__(self) -> None:
        if self.publish_at and self.status is NoticeStatus.DRAFT:
            self.status = NoticeStatus.SCHEDULED
        starts = self.publish_at or self.created_at
        if self.expires_at is not None and self.expires_at <= starts:
            raise InvalidInputError.single(
                "expires_at", "must be after the notice is published"
            )

    @property
    def urgent(self) -> bool:
        return self.urgency is not Urgency.NORMAL

    def is_due(self, at: datetime) -> bool:
        return (
            self.status is NoticeStatus.SCHEDULED
            and self.publish_at is not None
            and self.publish_at <= at
        )

    def is_current(self, at: datetime) -> bool:
        return self.status is NoticeStatus.PUBLISHED and (
            self.expires_at is None or at < self.expires_at
        )

    def publish(self, at: datetime) -> None:
        if self.status is NoticeStatus.PUBLISHED:
            raise ConflictError("status", "the notice is published already")
        self.status, self.published_at = NoticeStatus.PUBLISHED, at


@attrs.frozen
class Receipt:
    """A notice as one recipient has it: when they first read it, if yet."""

    notice: Notice
    read_at: datetime | None


@attrs.frozen
class ReadCount:
    reached: int = 0
    read: int = 0
