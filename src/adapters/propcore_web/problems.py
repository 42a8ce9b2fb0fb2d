"""Errors become HTTP answers here, and only here.

The API answers RFC 9457 problem details (``application/problem+json``);
pages answer an error page, or a redirect to the sign-in page.
"""

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import quote

from litestar import Request, Response
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    ValidationException,
)
from litestar.response import Redirect

from propcore.errors import (
    AuthenticationError,
    ConflictError,
    FieldProblem,
    InvalidInputError,
    NotFoundError,
)
from propcore_web.context import core_of, page, translator_of
from propcore_web.i18n import N_

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
PROBLEM_JSON = "application/problem+json"
_MISSING_FIELD = re.compile(r"required field `([^`]+)`")
_STATUS_PARAMS = ("from_status", "to_status")
_TITLES = {
    400: N_("The request is malformed"),
    401: N_("Please sign in"),
    403: N_("The request was refused"),
    404: N_("Not found"),
    405: N_("This method is not allowed here"),
    409: N_("The request conflicts with what is stored"),
    422: N_("The input is not valid"),
    500: N_("Something went wrong on our side"),
}


def field_errors(request: Request, problems: Iterable[FieldProblem]) -> dict[str, str]:
    """Each field's first problem, translated, with status codes as labels."""
    translate, scheme = translator_of(request), core_of(request).scheme
    errors: dict[str, str] = {}
    for problem in problems:
        params = dict(problem.params)
        for key in _STATUS_PARAMS:
            if key in params and params[key] in scheme.codes:
                params[key] = scheme.get(params[key]).label(translate.language)
        errors.setdefault(problem.field, translate.message(problem.message, params))
    return errors


def _respond(
    request: Request, status: int, errors: Mapping[str, str] | None = None
) -> Response:
    translate = translator_of(request)
    title = translate(_TITLES.get(status, _TITLES[400 if status < 500 else 500]))
    errors = errors or {}
    if not request.url.path.startswith(API_PREFIX):
        return page(request, "error.html", status=status, title=title, errors=errors)
    detail = "; ".join(f"{field}: {message}" for field, message in errors.items())
    body = {
        "type": f"urn:propcore:problem:{status}",
        "title": title,
        "status": status,
        "detail": detail or title,
        "errors": [{"field": f, "message": m} for f, m in errors.items()],
    }
    return Response(body, status_code=status, media_type=PROBLEM_JSON)


def _on_invalid(request: Request, error: InvalidInputError) -> Response:
    return _respond(request, 422, field_errors(request, error.problems))


def _on_conflict(request: Request, error: ConflictError) -> Response:
    return _respond(request, 409, field_errors(request, [error.problem]))


def _on_not_found(request: Request, error: NotFoundError) -> Response:
    return _respond(request, 404)


def _on_authentication(request: Request, error: AuthenticationError) -> Response:
    return _respond(request, 401)


def _on_not_signed_in(request: Request, error: NotAuthorizedException) -> Response:
    if request.url.path.startswith(API_PREFIX):
        return _respond(request, 401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Redirect(f"/login?next={quote(target, safe='')}", status_code=303)


def _malformed_fields(request: Request, extra: Any) -> dict[str, str]:
    translate = translator_of(request)
    errors: dict[str, str] = {}
    for item in extra if isinstance(extra, list) else []:
        message = str(item.get("message", ""))
        missing = _MISSING_FIELD.search(message)
        if missing:
            errors[missing.group(1)] = translate("is required")
            continue
        field = str(item.get("key") or "body")
        errors[field] = translate("is malformed: %(reason)s", reason=message)
    return errors


def _on_malformed(request: Request, error: ValidationException) -> Response:
    return _respond(request, 400, _malformed_fields(request, error.extra))


def _on_http(request: Request, error: HTTPException) -> Response:
    return _respond(request, error.status_code)


def _on_unexpected(request: Request, error: Exception) -> Response:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    return _respond(request, 500)


def exception_handlers(debug: bool) -> dict[type[Exception], Callable[..., Any]]:
    """The app's one map from errors to answers; ``debug`` keeps tracebacks."""
    handlers: dict[type[Exception], Callable[..., Any]] = {
        InvalidInputError: _on_invalid,
        ConflictError: _on_conflict,
        NotFoundError: _on_not_found,
        AuthenticationError: _on_authentication,
        NotAuthorizedException: _on_not_signed_in,
        ValidationException: _on_malformed,
        HTTPException: _on_http,
    }
    if not debug:
        handlers[Exception] = _on_unexpected
    return handlers
