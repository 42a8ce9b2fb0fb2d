"""Reading raw input (form fields, JSON, spreadsheet cells) into domain values.

Pages, the API and imports share these readers, so each rule and message
exists once. A :class:`Reader` collects every problem before raising, so a
form shows all its mistakes at once.
"""

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from propcore.errors import FieldProblem, InvalidInputError
from propcore.ids import Id, parse_id

T = TypeVar("T")
_MISSING = object()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Reader:
    def __init__(self, raw: Mapping[str, Any]) -> None:
        self._raw = raw
        self.problems: list[FieldProblem] = []

    def text(self, name: str, *, required: bool = True, max_length: int = 200) -> str:
        value = self._raw.get(name)
        text = "" if _blank(value) else str(value).strip()
        if required and not text:
            self.problems.append(FieldProblem(name, "is required"))
        elif len(text) > max_length:
            self.problems.append(
                FieldProblem(
                    name, "must be at most %(n)s characters", {"n": max_length}
                )
            )
        return text

    def value(
        self, name: str, parse: Callable[[Any, str], T], *, default: Any = _MISSING
    ) -> T | None:
        """Parse a field with ``parse(value, field)``; blank means ``default``."""
        value = self._raw.get(name)
        if _blank(value):
            if default is _MISSING:
                self.problems.append(FieldProblem(name, "is required"))
            return None if default is _MISSING else default
        try:
            return parse(value, name)
        except InvalidInputError as error:
            self.problems.extend(error.problems)
            return None

    def check(self, rule: Callable[[], T]) -> T | None:
        """Run a rule that may raise InvalidInputError, keeping its problems."""
        try:
            return rule()
        except InvalidInputError as error:
            self.problems.extend(error.problems)
            return None

    def done(self) -> None:
        if self.problems:
            raise InvalidInputError(self.problems)


def parse_int(value: object, field: str) -> int:
    if isinstance(value, (bool, float)):
        raise InvalidInputError.single(field, "must be a whole number")
    try:
        return int(str(value).strip())
    except ValueError:
        raise InvalidInputError.single(field, "must be a whole number") from None


def parse_date(value: object, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInputError.single(
            field, "must be a date like 2026-12-31"
        ) from None


def parse_moment(value: object, field: str) -> datetime:
    """A moment with its time zone, e.g. ``2026-12-02T09:00+08:00``; callers
    that know the local zone (a web form) add it before the core reads it."""
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise InvalidInputError.single(
                field, "must be a date and time like 2026-12-31 09:00"
            ) from None
    if moment.tzinfo is None:
        raise InvalidInputError.single(field, "must include a time zone")
    return moment


def parse_choice(choices: type[T]) -> Callable[[object, str], T]:
    """A parser for a StrEnum: accepts one of its values."""

    def parse(value: object, field: str) -> T:
        try:
            return choices(str(value).strip())  # type: ignore[call-arg]
        except ValueError:
            raise InvalidInputError.single(
                field,
                "must be one of %(choices)s",
                choices=", ".join(c.value for c in choices),  # type: ignore[attr-defined]
            ) from None

    return parse


_YES, _NO = ("1", "true", "on", "yes"), ("0", "false", "off", "no")


def parse_flag(value: object, field: str) -> bool:
    """A checkbox or a JSON boolean: ``on``, ``true``, ``1`` or ``yes``, or the
    opposites."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in _YES + _NO:
        raise InvalidInputError.single(field, "must be yes or no")
    return text in _YES


def parse_tags(value: object, field: str) -> tuple[str, ...]:
    parts = (
        value
        if isinstance(value, list | tuple)
        else str(value).replace("，", ",").split(",")
    )
    return tuple(dict.fromkeys(str(p).strip() for p in parts if str(p).strip()))


def parse_ids(value: object, field: str) -> frozenset[Id]:
    """Ids as a list or as comma-separated text."""
    return frozenset(parse_id(part, field) for part in parse_tags(value, field))
