"""Raw input → events."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from propcore.events.model import AgeBand, Event
from propcore.ids import Id
from propcore.inputs import Reader, parse_int, parse_moment, parse_tags


def read_event(
    estate_id: Id, raw: Mapping[str, Any], now: datetime, by: Id | None
) -> Event:
    read = Reader(raw)
    title = read.text("title", max_length=120)
    description = read.text("description", required=False, max_length=4000)
    place = read.text("place", max_length=200)
    starts_at = read.value("starts_at", parse_moment)
    capacity = read.value("capacity", parse_int)
    youngest = read.value("youngest", parse_int, default=None)
    oldest = read.value("oldest", parse_int, default=None)
    tags = read.value("tags", parse_tags, default=())
    read.done()
    ages = read.check(lambda: AgeBand(youngest, oldest))
    read.done()
    event = read.check(
        lambda: Event(
            estate_id,
            title,
            description,
            place,
            starts_at,
            capacity,
            now,
            ages,
            frozenset(tags),
            by,
        )
    )
    read.done()
    return event
