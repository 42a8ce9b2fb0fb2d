"""Raw input → incidents."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from propcore.ids import Id, parse_id
from propcore.incidents.model import Incident, IncidentKind, Severity
from propcore.inputs import Reader, parse_choice


def read_incident(raw: Mapping[str, Any], now: datetime, by: Id | None) -> Incident:
    """``estate_id`` is required; ``building_id`` optional (it must then be
    a building of that estate, which the use case checks)."""
    read = Reader(raw)
    estate_id = read.value("estate_id", parse_id)
    building_id = read.value("building_id", parse_id, default=None)
    kind = read.value("kind", parse_choice(IncidentKind))
    severity = read.value("severity", parse_choice(Severity), default=Severity.MEDIUM)
    place = read.text("place", max_length=200)
    description = read.text("description", max_length=4000)
    read.done()
    return Incident(estate_id, kind, severity, place, description, now, by, building_id)


def read_text(raw: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    read = Reader(raw)
    text = read.text(name, required=required, max_length=2000)
    read.done()
    return text


def read_assignee(raw: Mapping[str, Any]) -> Id:
    read = Reader(raw)
    assignee = read.value("assignee_id", parse_id)
    read.done()
    return assignee
