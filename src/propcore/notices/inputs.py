"""Raw input → notices: the form fields and JSON keys a notice is made of.

Targets are lists (or comma-separated text): ``building_ids``, ``unit_ids``,
``entrances`` as ``<building id>:<entrance>``, ``roles`` (owner, tenant,
family) and ``tags`` (interest tags).
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from propcore.errors import InvalidInputError
from propcore.ids import Id, parse_id
from propcore.inputs import (
    Reader,
    parse_choice,
    parse_ids,
    parse_moment,
    parse_tags,
)
from propcore.notices.model import Audience, Channel, Notice, Urgency
from propcore.residents.occupancy import Role


def _entrances(value: object, field: str) -> frozenset[tuple[Id, str]]:
    found = set()
    for part in parse_tags(value, field):
        building, _, entrance = part.partition(":")
        if not entrance.strip():
            raise InvalidInputError.single(
                field, "must look like <building id>:<entrance>"
            )
        found.add((parse_id(building, field), entrance.strip()))
    return frozenset(found)


def _many(choices: type) -> Any:
    one = parse_choice(choices)
    return lambda value, field: tuple(
        dict.fromkeys(one(part, field) for part in parse_tags(value, field))
    )


def read_audience(read: Reader) -> Audience:
    return Audience(
        building_ids=read.value("building_ids", parse_ids, default=frozenset()),
        entrances=read.value("entrances", _entrances, default=frozenset()),
        unit_ids=read.value("unit_ids", parse_ids, default=frozenset()),
        roles=frozenset(read.value("roles", _many(Role), default=())),
        tags=frozenset(read.value("tags", parse_tags, default=())),
    )


def read_notice(
    estate_id: Id, raw: Mapping[str, Any], now: datetime, by: Id | None
) -> Notice:
    read = Reader(raw)
    title = read.text("title", max_length=120)
    body = read.text("body", max_length=4000)
    audience = read_audience(read)
    channels = read.value("channels", _many(Channel), default=(Channel.INBOX,))
    urgency = read.value("urgency", parse_choice(Urgency), default=Urgency.NORMAL)
    publish_at = read.value("publish_at", parse_moment, default=None)
    expires_at = read.value("expires_at", parse_moment, default=None)
    read.done()
    notice = read.check(
        lambda: Notice(
            estate_id,
            title,
            body,
            now,
            audience,
            channels or (Channel.INBOX,),
            urgency,
            publish_at,
            expires_at,
            by,
        )
    )
    read.done()
    return notice
