"""An incident and its timeline: everything done about it, oldest first."""

import enum
from datetime import datetime

import attrs

from propcore.errors import ConflictError
from propcore.ids import Id, new_id


class IncidentKind(enum.StrEnum):
    FIRE = "fire"
    WATER = "water"
    THEFT = "theft"
    DISTURBANCE = "disturbance"
    INJURY = "injury"
    DAMAGE = "damage"
    SUSPICIOUS = "suspicious"
    OTHER = "other"


class Severity(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class IncidentStatus(enum.StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    CLOSED = "closed"


class EntryKind(enum.StrEnum):
    REPORTED = "reported"
    ASSIGNED = "assigned"
    NOTE = "note"
    CONVERTED = "converted"
    CLOSED = "closed"


@attrs.frozen
class Entry:
    """One step of the timeline. ``subject``: whom it was assigned to, or
    the notice it became."""

    kind: EntryKind
    at: datetime
    by: Id | None
    text: str = ""
    subject: Id | None = None
    id: Id = attrs.field(factory=new_id)


@attrs.define
class Incident:
    """Something that happened in an estate. ``photos`` are the names the
    photo store gave the cleaned pictures."""

    estate_id: Id
    kind: IncidentKind
    severity: Severity
    place: str
    description: str
    reported_at: datetime
    reported_by: Id | None = None
    building_id: Id | None = None
    photos: tuple[str, ...] = ()
    status: IncidentStatus = IncidentStatus.NEW
    assignee_id: Id | None = None
    notice_id: Id | None = None
    timeline: list[Entry] = attrs.field(factory=list)
    id: Id = attrs.field(factory=new_id)

    def __attrs_post_init__(self) -> None:
        if not self.timeline:
            self.timeline.append(
                Entry(EntryKind.REPORTED, self.reported_at, self.reported_by)
            )

    def assign(self, assignee_id: Id, by: Id | None, at: datetime) -> Entry:
        self._open()
        self.assignee_id, self.status = assignee_id, IncidentStatus.ASSIGNED
        return self._add(Entry(EntryKind.ASSIGNED, at, by, subject=assignee_id))

    def note(self, text: str, by: Id | None, at: datetime) -> Entry:
        return self._add(Entry(EntryKind.NOTE, at, by, text))

    def converted(self, notice_id: Id, by: Id | None, at: datetime) -> Entry:
        self.notice_id = notice_id
        return self._add(Entry(EntryKind.CONVERTED, at, by, subject=notice_id))

    def close(self, text: str, by: Id | None, at: datetime) -> Entry:
        self._open()
        self.status = IncidentStatus.CLOSED
        return self._add(Entry(EntryKind.CLOSED, at, by, text))

    def _open(self) -> None:
        if self.status is IncidentStatus.CLOSED:
            raise ConflictError("status", "the incident is closed")

    def _add(self, entry: Entry) -> Entry:
        self.timeline.append(entry)
        return entry
