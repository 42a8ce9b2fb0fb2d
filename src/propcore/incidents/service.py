"""Incident use cases: report, follow up, turn into a notice."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from propcore.access.accounts import Account
from propcore.access.actors import staff_who_may
from propcore.access.policy import Resource
from propcore.access.rules import Action, Area, StaffRole
from propcore.clock import Clock
from propcore.errors import InvalidInputError, NotFoundError
from propcore.ids import Id
from propcore.incidents.inputs import read_assignee, read_incident, read_text
from propcore.incidents.model import Entry, Incident, Severity
from propcore.incidents.ports import PhotoStore
from propcore.messaging import Message
from propcore.messaging.addressing import to_account
from propcore.notices.audience import check_inside
from propcore.notices.inputs import read_notice
from propcore.notices.model import Notice
from propcore.uow import UnitOfWork, UnitOfWorkFactory

MAX_PHOTOS = 6
MANAGERS = frozenset({StaffRole.ESTATE_MANAGER})


@attrs.frozen
class IncidentService:
    uow: UnitOfWorkFactory
    clock: Clock
    photos: PhotoStore

    def report(
        self,
        raw: Mapping[str, Any],
        photos: Sequence[bytes] = (),
        *,
        by: Id | None = None,
    ) -> Incident:
        """Record an incident and tell the estate's managers at once (urgent
        when the severity is high). Photos are checked and cleaned first; a
        refused one stops the report."""
        incident = read_incident(raw, self.clock.now(), by)
        if len(photos) > MAX_PHOTOS:
            raise InvalidInputError.single(
                "photos", "at most %(n)s photos", n=MAX_PHOTOS
            )
        with self.uow() as uow:
            self._check_place(uow, incident)
            incident.photos = tuple(self.photos.save(data) for data in photos)
            uow.incidents.add(incident)
            for manager in self._staff(uow, incident, MANAGERS):
                uow.outbox.add(_reported(incident, manager), incident.reported_at)
            uow.commit()
        return incident

    def assign(self, incident_id: Id, raw: Mapping[str, Any], *, by: Id) -> Entry:
        """Give the follow-up to a staff member who may handle incidents
        there; they are told at once."""
        assignee_id = read_assignee(raw)
        with self.uow() as uow:
            incident = uow.incidents.get(incident_id)
            handlers = {a.id: a for a in self._staff(uow, incident)}
            if assignee_id not in handlers:
                raise InvalidInputError.single(
                    "assignee_id", "must be staff who handle incidents here"
                )
            entry = incident.assign(assignee_id, by, self.clock.now())
            uow.incidents.update(incident)
            message = _assigned(incident, entry, handlers[assignee_id])
            uow.outbox.add(message, entry.at)
            uow.commit()
        return entry

    def note(self, incident_id: Id, raw: Mapping[str, Any], *, by: Id) -> Entry:
        text = read_text(raw, "text")
        return self._change(incident_id, lambda i, at: i.note(text, by, at))

    def close(self, incident_id: Id, raw: Mapping[str, Any], *, by: Id) -> Entry:
        text = read_text(raw, "text", required=False)
        return self._change(incident_id, lambda i, at: i.close(text, by, at))

    def convert(self, incident_id: Id, raw: Mapping[str, Any], *, by: Id) -> Notice:
        """A draft notice to the estate's residents, made from the incident
        (staff publish it from the notices page); the timeline records it."""
        with self.uow() as uow:
            incident = uow.incidents.get(incident_id)
            now = self.clock.now()
            notice = read_notice(incident.estate_id, raw, now, by)
            check_inside(uow, incident.estate_id, notice.audience)
            uow.notices.add(notice)
            incident.converted(notice.id, by, now)
            uow.incidents.update(incident)
            uow.commit()
        return notice

    def get(self, incident_id: Id) -> Incident:
        with self.uow() as uow:
            return uow.incidents.get(incident_id)

    def of_estates(self, estate_ids: Iterable[Id] | None) -> list[Incident]:
        with self.uow() as uow:
            return uow.incidents.for_estates(estate_ids)

    def handlers(self, incident_id: Id) -> list[Account]:
        """Who the incident may be assigned to."""
        with self.uow() as uow:
            return self._staff(uow, uow.incidents.get(incident_id))

    def photo(self, incident_id: Id, name: str) -> bytes:
        """One of the incident's photos; NotFoundError for any other name."""
        if name not in self.get(incident_id).photos:
            raise NotFoundError("photo", name)
        return self.photos.load(name)

    def _change(self, incident_id: Id, step) -> Entry:
        with self.uow() as uow:
            incident = uow.incidents.get(incident_id)
            entry = step(incident, self.clock.now())
            uow.incidents.update(incident)
            uow.commit()
        return entry

    def _check_place(self, uow: UnitOfWork, incident: Incident) -> None:
        uow.orgs.get(incident.estate_id)
        if incident.building_id is None:
            return
        if uow.buildings.get(incident.building_id).estate_id != incident.estate_id:
            raise InvalidInputError.single(
                "building_id", "must be a building of the estate"
            )

    def _staff(self, uow: UnitOfWork, incident: Incident, roles=None) -> list[Account]:
        where = Resource(Area.INCIDENTS, incident.estate_id, incident.building_id)
        return staff_who_may(uow, Action.EDIT, where, self.clock.today(), roles)


def _params(incident: Incident) -> dict[str, str]:
    return {
        "incident_id": str(incident.id),
        "kind": incident.kind.value,
        "severity": incident.severity.value,
        "place": incident.place,
    }


def _reported(incident: Incident, manager: Account) -> Message:
    params = _params(incident) | {"description": incident.description}
    key = f"incident:{incident.id}:{manager.id}"
    return _to(manager, "incident_reported", incident, params, key)


def _assigned(incident: Incident, entry: Entry, assignee: Account) -> Message:
    key = f"incident:{incident.id}:assigned:{entry.id}"
    return _to(assignee, "incident_assigned", incident, _params(incident), key)


def _to(account: Account, template: str, incident: Incident, params, key: str):
    urgent = incident.severity is Severity.HIGH
    return to_account(
        account, template, params, kind="incident", urgent=urgent, key=key
    )
