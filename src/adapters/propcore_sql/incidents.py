"""The SQL incident repository: incidents and their timelines."""

from collections.abc import Iterable

from sqlalchemy import Connection, insert, select, update

from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.incidents.model import (
    Entry,
    EntryKind,
    Incident,
    IncidentKind,
    IncidentStatus,
    Severity,
)
from propcore_sql.community_tables import incident_entries as entries
from propcore_sql.community_tables import incidents
from propcore_sql.errors import require_row, translated


class SqlIncidentRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, incident: Incident) -> None:
        with translated():
            self._db.execute(insert(incidents).values(_row(incident)))
        self._add_entries(incident, incident.timeline)

    def update(self, incident: Incident) -> None:
        query = update(incidents).where(incidents.c.id == incident.id)
        with translated():
            require_row(
                self._db.execute(query.values(_row(incident))), "incident", incident.id
            )
        stored = set(
            self._db.scalars(
                select(entries.c.id).where(entries.c.incident_id == incident.id)
            )
        )
        self._add_entries(
            incident, [e for e in incident.timeline if e.id not in stored]
        )

    def get(self, incident_id: Id) -> Incident:
        query = select(incidents).where(incidents.c.id == incident_id)
        row = self._db.execute(query).first()
        if row is None:
            raise NotFoundError("incident", incident_id)
        return _incident(row, self._timeline(incident_id))

    def for_estates(self, estate_ids: Iterable[Id] | None) -> list[Incident]:
        query = select(incidents).order_by(
            incidents.c.reported_at.desc(), incidents.c.id
        )
        if estate_ids is not None:
            query = query.where(incidents.c.estate_id.in_(list(estate_ids)))
        rows = list(self._db.execute(query))
        return [_incident(row, self._timeline(row.id)) for row in rows]

    def _timeline(self, incident_id: Id) -> list[Entry]:
        query = (
            select(entries)
            .where(entries.c.incident_id == incident_id)
            .order_by(entries.c.at, entries.c.kind != EntryKind.REPORTED.value)
        )
        return [
            Entry(EntryKind(r.kind), r.at, r.by, r.text, r.subject, r.id)
            for r in self._db.execute(query)
        ]

    def _add_entries(self, incident: Incident, added: list[Entry]) -> None:
        rows = [
            {
                "id": e.id,
                "incident_id": incident.id,
                "kind": e.kind.value,
                "at": e.at,
                "by": e.by,
                "text": e.text,
                "subject": e.subject,
            }
            for e in added
        ]
        if rows:
            with translated():
                self._db.execute(insert(entries), rows)


def _row(incident: Incident) -> dict:
    return {
        "id": incident.id,
        "estate_id": incident.estate_id,
        "building_id": incident.building_id,
        "kind": incident.kind.value,
        "severity": incident.severity.value,
        "place": incident.place,
        "description": incident.description,
        "photos": list(incident.photos),
        "status": incident.status.value,
        "reported_at": incident.reported_at,
        "reported_by": incident.reported_by,
        "assignee_id": incident.assignee_id,
        "notice_id": incident.notice_id,
    }


def _incident(row, timeline: list[Entry]) -> Incident:
    return Incident(
        estate_id=row.estate_id,
        kind=IncidentKind(row.kind),
        severity=Severity(row.severity),
        place=row.place,
        description=row.description,
        reported_at=row.reported_at,
        reported_by=row.reported_by,
        building_id=row.building_id,
        photos=tuple(row.photos),
        status=IncidentStatus(row.status),
        assignee_id=row.assignee_id,
        notice_id=row.notice_id,
        timeline=timeline,
        id=row.id,
    )
