"""People (住户): individuals or companies who own, live in or rent units."""

import enum
import re
from datetime import date

import attrs

from propcore.errors import InvalidInputError
from propcore.ids import Id, new_id

_PHONE = re.compile(r"^\+?[0-9][0-9 -]{4,19}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class PersonKind(enum.StrEnum):
    INDIVIDUAL = "individual"
    COMPANY = "company"


def mask_id_number(number: str) -> str:
    """Show the first three and last four characters, e.g. ``110***********1234``."""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def normalise_phone(value: str, field: str = "phone") -> str:
    phone = value.strip()
    if phone and not _PHONE.match(phone):
        raise InvalidInputError.single(field, "is not a valid phone number")
    return phone.replace(" ", "").replace("-", "")


def normalise_email(value: str, field: str = "email") -> str:
    email = value.strip()
    if email and not _EMAIL.match(email):
        raise InvalidInputError.single(field, "is not a valid email address")
    return email.lower()


@attrs.define
class Person:
    """A person or company known to the property company.

    ``id_number`` (ID card or business licence number) is stored in full for
    contracts but shown masked everywhere; ``birth_date`` and
    ``interest_tags`` are optional and used only for community events, and
    only while ``events_consent`` says the person agreed to that use.
    """

    name: str
    kind: PersonKind = PersonKind.INDIVIDUAL
    phone: str = ""
    email: str = ""
    id_number: str = ""
    birth_date: date | None = None
    interest_tags: tuple[str, ...] = ()
    events_consent: bool = False
    notes: str = ""
    id: Id = attrs.field(factory=new_id)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)
