"""Units (房屋): what a unit is, and how its status changes."""

import enum
import re
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

import attrs

from propcore.errors import InvalidInputError
from propcore.ids import Id, new_id
from propcore.measures import Area
from propcore.property.status import StatusChange, StatusScheme


class Usage(enum.StrEnum):
    RESIDENTIAL = "residential"
    SHOP = "shop"
    OFFICE = "office"
    PARKING = "parking"
    STORAGE = "storage"
    OTHER = "other"


_LAYOUT = re.compile(r"^\s*(\d{1,2})\s*室\s*(\d{1,2})\s*厅\s*(\d{1,2})\s*卫\s*$")
_LAYOUT_DASHED = re.compile(r"^\s*(\d{1,2})-(\d{1,2})-(\d{1,2})\s*$")


@attrs.frozen
class Layout:
    """户型: bedrooms, living rooms and bathrooms, written 3室2厅2卫."""

    bedrooms: int
    living_rooms: int
    bathrooms: int

    @classmethod
    def parse(cls, text: str, field: str = "layout") -> "Layout":
        match = _LAYOUT.match(text) or _LAYOUT_DASHED.match(text)
        if not match:
            raise InvalidInputError.single(field, "must look like 3室2厅2卫 or 3-2-2")
        return cls(*(int(g) for g in match.groups()))

    def __str__(self) -> str:
        return f"{self.bedrooms}室{self.living_rooms}厅{self.bathrooms}卫"


def default_label(entrance: str, room: str) -> str:
    """The label front desks use: entrance and room, e.g. ``2-1201``."""
    return f"{entrance}-{room}" if entrance else room


@attrs.define
class Unit:
    """A unit of a building. ``label`` is unique within its building."""

    building_id: Id
    label: str
    floor: int
    room: str
    gross_area: Area
    status: str
    entrance: str = ""
    usable_area: Area | None = None
    layout: Layout | None = None
    usage: Usage = Usage.RESIDENTIAL
    fee_coefficient: Decimal = Decimal("1.0000")
    attributes: Mapping[str, str] = attrs.field(factory=dict)
    id: Id = attrs.field(factory=new_id)

    def __attrs_post_init__(self) -> None:
        if self.usable_area and self.usable_area > self.gross_area:
            raise InvalidInputError.single(
                "usable_area", "cannot be larger than the gross area"
            )

    def change_status(
        self,
        to_status: str,
        *,
        scheme: StatusScheme,
        at: datetime,
        by: str,
        reason: str = "",
    ) -> StatusChange:
        """Move to ``to_status`` if the scheme allows it; return the history entry."""
        scheme.check(self.status, to_status)
        change = StatusChange(self.id, self.status, to_status, at, by, reason.strip())
        self.status = to_status
        return change
