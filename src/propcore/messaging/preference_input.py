"""Reading a recipient's choices from raw input (a form or JSON)."""

from collections.abc import Iterable, Mapping
from datetime import time
from typing import Any

from propcore.errors import FieldProblem, InvalidInputError
from propcore.ids import Id
from propcore.messaging.preferences import (
    EXTERNAL_CHANNELS,
    KINDS,
    OPTIONAL_KINDS,
    Preferences,
    QuietHours,
)

_ONE_OF = "must be one of %(choices)s"


def read_preferences(account_id: Id, raw: Mapping[str, Any]) -> Preferences:
    """``channels``: kind → channel names; ``quiet_start``/``quiet_end``:
    ``HH:MM`` (both or neither); ``opted_out``: kinds. Every problem is
    reported at once; nothing is kept on error."""
    problems: list[FieldProblem] = []
    channels = _channels(raw.get("channels") or {}, problems)
    quiet = _quiet(raw, problems)
    opted_out = _names(raw.get("opted_out"), OPTIONAL_KINDS, "opted_out", problems)
    if problems:
        raise InvalidInputError(problems)
    return Preferences(account_id, channels, quiet, opted_out)


def _names(
    value: Any, allowed: Iterable[str], field: str, problems: list[FieldProblem]
) -> frozenset[str]:
    picked = {value} if isinstance(value, str) else set(value or ())
    allowed = sorted(allowed)
    if picked - set(allowed):
        problems.append(FieldProblem(field, _ONE_OF, {"choices": ", ".join(allowed)}))
    return frozenset(picked & set(allowed))


def _channels(
    raw: Mapping[str, Any], problems: list[FieldProblem]
) -> dict[str, frozenset[str]]:
    unknown = set(raw) - set(KINDS)
    if unknown:
        problems.append(
            FieldProblem("channels", _ONE_OF, {"choices": ", ".join(KINDS)})
        )
    return {
        kind: _names(raw[kind], EXTERNAL_CHANNELS, f"channels.{kind}", problems)
        for kind in KINDS
        if kind in raw
    }


def _quiet(raw: Mapping[str, Any], problems: list[FieldProblem]) -> QuietHours | None:
    given = {n: str(raw.get(n) or "").strip() for n in ("quiet_start", "quiet_end")}
    if not any(given.values()):
        return None
    missing = [FieldProblem(n, "is required") for n, v in given.items() if not v]
    problems.extend(missing)
    start = _time(given["quiet_start"], "quiet_start", problems)
    end = _time(given["quiet_end"], "quiet_end", problems)
    if start is None or end is None:
        return None
    return QuietHours(start, end)


def _time(text: str, field: str, problems: list[FieldProblem]) -> time | None:
    if not text:
        return None
    try:
        parsed = time.fromisoformat(text)
    except ValueError:
        problems.append(FieldProblem(field, "must be a time like 22:00"))
        return None
    return parsed.replace(second=0, microsecond=0)
