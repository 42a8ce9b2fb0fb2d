"""Plain HTML forms: reading them, and showing them again with their mistakes."""

from collections.abc import Mapping
from typing import Annotated, Any

import attrs
from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect

from propcore.errors import ConflictError, InvalidInputError
from propcore_web.problems import field_errors

Form = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
REJECTED = 422


def fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The submitted fields without the CSRF token."""
    return {k: v for k, v in data.items() if k != "_csrf_token"}


def mistakes(request: Request, error: InvalidInputError | ConflictError) -> dict:
    problems = (
        error.problems if isinstance(error, InvalidInputError) else [error.problem]
    )
    return field_errors(request, problems)


def see_other(path: str) -> Redirect:
    """After a successful POST, a GET of the result (so reloads do not repeat)."""
    return Redirect(path, status_code=303)


@attrs.frozen
class ShownForm:
    """One form as a template shows it; ``id`` prefixes its element ids."""

    id: str
    values: Mapping[str, Any]
    errors: Mapping[str, str]


class FormState:
    """The forms of one page: each shows stored defaults, unless it was the
    one submitted and refused, which shows what was typed and why."""

    def __init__(
        self,
        defaults: Mapping[str, Mapping[str, Any]],
        failed: str | None = None,
        typed: Mapping[str, Any] | None = None,
        errors: Mapping[str, str] | None = None,
    ) -> None:
        self._defaults = defaults
        self._failed, self._typed, self._errors = failed, typed or {}, errors or {}

    def __getitem__(self, name: str) -> "ShownForm":
        if name == self._failed:
            return ShownForm(f"{name}-", self._typed, self._errors)
        return ShownForm(f"{name}-", self._defaults.get(name, {}), {})
