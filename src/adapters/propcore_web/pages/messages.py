"""Messages on the web: the inbox (站内信) with its unread count, each
account's message preferences, and the staff's list of failed messages."""

from collections.abc import Mapping
from typing import Any

from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.params import FromPath
from litestar.response import Template

from propcore.access.policy import Actor
from propcore.access.rules import Area
from propcore.errors import InvalidInputError
from propcore.messaging.preferences import (
    EXTERNAL_CHANNELS,
    KINDS,
    OPTIONAL_KINDS,
    Preferences,
)
from propcore_web.context import account_of, actor_of, core_of, page
from propcore_web.guard import SIGNED_IN, edit, view
from propcore_web.pages.forms import REJECTED, Form, fields, mistakes, see_other
from propcore_web.routing import Core, Me, PathId, get, post

INBOX_PATH, PREFERENCES_PATH, FAILED_PATH = (
    "/portal/messages",
    "/portal/preferences",
    "/messages/failed",
)
NO_STORE = {"cache-control": "no-store"}


def unread_count(connection: ASGIConnection) -> int:
    """For the header's badge: the signed-in account's unread items."""
    account = account_of(connection)
    if account is None:
        return 0
    return core_of(connection).messages.unread_count(Actor(account.id))


@get(INBOX_PATH, opt=SIGNED_IN)
def inbox(request: Request, core: Core, account: Me) -> Template:
    items = core.messages.inbox(Actor(account.id))
    response = page(request, "inbox.html", items=items)
    response.headers.update(NO_STORE)
    return response


@post(INBOX_PATH + "/{item_id:uuid}/read", opt=SIGNED_IN)
def mark_read(core: Core, account: Me, item_id: PathId) -> Response:
    """Only the account's own items: another's answers 404."""
    core.messages.mark_read(Actor(account.id), item_id)
    return see_other(INBOX_PATH)


def _preferences_page(
    request: Request,
    chosen: Preferences | Mapping[str, Any],
    errors: dict | None = None,
    saved: bool = False,
) -> Template:
    response = page(
        request,
        "preferences.html",
        status=REJECTED if errors else 200,
        kinds=KINDS,
        channels=EXTERNAL_CHANNELS,
        optional=sorted(OPTIONAL_KINDS),
        chosen=_shown(chosen),
        errors=errors or {},
        saved=saved,
    )
    response.headers.update(NO_STORE)
    return response


def _shown(chosen: Preferences | Mapping[str, Any]) -> dict[str, Any]:
    """What the form shows: stored choices, or what was typed."""
    if not isinstance(chosen, Preferences):
        return dict(chosen)
    quiet = chosen.quiet
    return {
        "channels": {k: chosen.channels_for(k) for k in KINDS},
        "quiet_start": quiet.start.strftime("%H:%M") if quiet else "",
        "quiet_end": quiet.end.strftime("%H:%M") if quiet else "",
        "opted_out": chosen.opted_out,
    }


@get(PREFERENCES_PATH, opt=SIGNED_IN)
def preferences(request: Request, core: Core, account: Me) -> Template:
    chosen = core.messages.preferences(Actor(account.id))
    return _preferences_page(request, chosen, saved="saved" in request.query_params)


def _listed(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _read_form(data: Mapping[str, Any]) -> dict[str, Any]:
    raw = fields(data)
    return {
        "channels": {k: _listed(raw.get(f"channels.{k}")) for k in KINDS},
        "quiet_start": raw.get("quiet_start", ""),
        "quiet_end": raw.get("quiet_end", ""),
        "opted_out": _listed(raw.get("opted_out")),
    }


@post(PREFERENCES_PATH, opt=SIGNED_IN)
def save_preferences(
    request: Request, core: Core, account: Me, data: Form
) -> Response | Template:
    raw = _read_form(data)
    try:
        core.messages.set_preferences(Actor(account.id), raw)
    except InvalidInputError as error:
        return _preferences_page(request, raw, mistakes(request, error))
    return see_other(PREFERENCES_PATH + "?saved=1")


@get(FAILED_PATH, opt=view(Area.MESSAGES))
def failed(request: Request, core: Core) -> Template:
    entries = core.messages.failed(actor_of(request))
    response = page(request, "failed_messages.html", entries=entries)
    response.headers.update(NO_STORE)
    return response


@post(
    "/messages/{message_id:int}/resend",
    opt=edit(Area.MESSAGES, ("message", "message_id")),
)
def resend(request: Request, core: Core, message_id: FromPath[int]) -> Response:
    core.messages.resend(actor_of(request), message_id)
    return see_other(FAILED_PATH)


ROUTES = [inbox, mark_read, preferences, save_preferences, failed, resend]
