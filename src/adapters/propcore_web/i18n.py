"""Languages: gettext catalogues compiled at start-up, locale-aware formats."""

import gettext
from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

from propcore.property.status import SYSTEM_REASONS, StatusScheme

LANGUAGES = ("zh_CN", "en")
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}
LANG_COOKIE = "lang"
_LOCALES = Path(__file__).parent / "locales"


def N_(msgid: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return msgid


LABELS = {
    # the names of a bill line's inputs, as the built-in fee types, the
    # heating plugin, 公摊, late fees and corrections write them
    "line_input": {
        "period": N_("Period"),
        "area": N_("Area"),
        "fee coefficient": N_("Fee coefficient"),
        "used": N_("Used"),
        "used before in tier cycle": N_("Used before in the tier cycle"),
        "readings": N_("Readings"),
        "quantity": N_("Quantity"),
        "charge": N_("Charge"),
        "share paid": N_("Share paid"),
        "unpaid": N_("Unpaid"),
        "due": N_("Due"),
        "days": N_("Days"),
        "season": N_("Heating season"),
        "lease": N_("Lease"),
        "rent": N_("Rent"),
        "bill": N_("Bill"),
        "line": N_("Line"),
        "through": N_("Through"),
        "basis": N_("Basis"),
        "common areas": N_("Common areas"),
        "common meters": N_("Common meters"),
        "common readings": N_("Common readings"),
        "common consumption": N_("Common consumption"),
        "common charge": N_("Common charge"),
        "total basis": N_("Total basis"),
        "split": N_("Split"),
    },
    "usage": {
        "residential": N_("Residential"),
        "shop": N_("Shop"),
        "office": N_("Office"),
        "parking": N_("Parking space"),
        "storage": N_("Storage room"),
        "other": N_("Other"),
    },
    "role": {
        "owner": N_("Owner"),
        "family": N_("Family member"),
        "tenant": N_("Tenant"),
    },
    "node": {
        "company": N_("Company"),
        "region": N_("Region"),
        "estate": N_("Estate"),
    },
    "person": {"individual": N_("Individual"), "company": N_("Company")},
    "area": {
        "property": N_("Property information"),
        "fees": N_("Fees"),
        "payments": N_("Payments"),
        "repairs": N_("Repairs"),
        "residents": N_("Residents"),
    },
    "account": {"staff": N_("Staff"), "resident": N_("Resident")},
    "urgency": {
        "normal": N_("Normal"),
        "urgent": N_("Urgent"),
        "safety": N_("Safety"),
    },
    "notice_status": {
        "draft": N_("Draft"),
        "scheduled": N_("Scheduled"),
        "published": N_("Published"),
    },
    "incident_kind": {
        "fire": N_("Fire or smoke"),
        "water": N_("Water leak or flooding"),
        "theft": N_("Theft"),
        "disturbance": N_("Disturbance"),
        "injury": N_("Injury"),
        "damage": N_("Damage"),
        "suspicious": N_("Suspicious person or thing"),
        "other": N_("Other"),
    },
    "severity": {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")},
    "incident_status": {
        "new": N_("New"),
        "assigned": N_("Being followed up"),
        "closed": N_("Closed"),
    },
    "incident_entry": {
        "reported": N_("Reported"),
        "assigned": N_("Assigned"),
        "note": N_("Note"),
        "converted": N_("Made into a notice"),
        "closed": N_("Closed"),
    },
    "detail": {
        "role": N_("Staff role"),
        "node": N_("Scope"),
        "kind": N_("Kind"),
        "grants": N_("May see"),
    },
    "staff_role": {
        "company_admin": N_("Company administrator"),
        "estate_manager": N_("Estate manager"),
        "finance": N_("Finance / cashier"),
        "front_desk": N_("Front desk"),
        "technician": N_("Maintenance technician"),
        "security": N_("Security guard"),
    },
    "event": {
        "signed_in": N_("Signed in"),
        "sign_in_failed": N_("Sign-in failed"),
        "locked_out": N_("Locked out"),
        "signed_out": N_("Signed out"),
        "code_sent": N_("Code sent"),
        "password_set": N_("Password set"),
        "totp_enabled": N_("Two-step sign-in turned on"),
        "token_created": N_("API token created"),
        "token_revoked": N_("API token revoked"),
        "account_created": N_("Account created"),
        "account_deactivated": N_("Account deactivated"),
        "role_granted": N_("Role granted"),
        "role_revoked": N_("Role revoked"),
        "grants_changed": N_("Family member's access changed"),
        "data_changed": N_("Data changed"),
    },
    "message_kind": {
        "account": N_("Account and sign-in"),
        "bill": N_("Bills"),
        "payment": N_("Payments received"),
        "reminder": N_("Payment reminders"),
        "repair": N_("Repairs"),
        "notice": N_("Notices"),
        "safety": N_("Safety warnings"),
        "incident": N_("Incidents"),
        "event": N_("Community events"),
    },
    "channel": {"email": N_("By email"), "sms": N_("By SMS"), "inbox": N_("Inbox")},
    "meter_kind": {
        "water": N_("Water meter"),
        "electricity": N_("Electricity meter"),
        "gas": N_("Gas meter"),
        "heat": N_("Heat meter"),
    },
    "reading_flag": {
        "replacement": N_("Meter replaced"),
        "rollover": N_("Rolled over"),
        "estimated": N_("Estimated"),
    },
}


def load_catalogue(language: str) -> gettext.GNUTranslations:
    """Compile ``locales/<language>/LC_MESSAGES/messages.po`` in memory."""
    path = _LOCALES / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@attrs.frozen
class Translator:
    """Everything a page or a problem needs to speak one language."""

    language: str
    catalogue: gettext.GNUTranslations
    zone: tzinfo

    def __call__(self, msgid: str, **params: Any) -> str:
        text = self.catalogue.gettext(msgid)
        return text % params if params else text

    def label(self, group: str, code: str) -> str:
        """The translated name of an enum value, e.g. ``label("role", "owner")``."""
        return self(LABELS[group].get(code, code))

    def line_input(self, name: str) -> str:
        """A bill line's input name: ``rate since 2025-01-01`` reads
        单价（自 2025-01-01 起）; a name a plugin chose is shown as it is."""
        for prefix, msgid in (("rate ", N_("Rate (%(version)s)")),
                              ("days ", N_("Days (%(version)s)"))):  # fmt: skip
            if name.startswith(prefix) and name not in LABELS["line_input"]:
                return self(msgid, version=self._version(name.removeprefix(prefix)))
        return self.label("line_input", name)

    def _version(self, name: str) -> str:
        """A rate version's name: its label, or ``since <day>`` translated."""
        day = name.removeprefix("since ")
        return self(N_("since %(day)s"), day=day) if day != name else name

    def status(self, scheme: StatusScheme, code: str) -> str:
        """A status's label; the bare code for one the scheme no longer has."""
        known = {s.code: s for s in scheme.statuses}
        return known[code].label(self.language) if code in known else code

    def reason(self, text: str) -> str:
        """A status change's reason: translated when the system wrote it."""
        return self(text) if text in SYSTEM_REASONS else text

    def message(self, msgid: str, params: Mapping[str, Any]) -> str:
        """Translate a core message and fill in its ``%(name)s`` params."""
        text = self.catalogue.gettext(msgid)
        return text % dict(params) if params else text

    def decimal(self, number: Decimal, places: int = 2) -> str:
        pattern = "#,##0." + "0" * places if places else "#,##0"
        return format_decimal(number, pattern, locale=self.language)

    def area(self, area: Any) -> str:
        """An area in m², e.g. ``120.50 m²``; blank when there is none."""
        if area is None:
            return ""
        return f"{self.decimal(area.square_metres)} m²"

    def percent(self, rate: Decimal) -> str:
        return f"{self.decimal(rate, 1)}%"

    def money(self, money: Any) -> str:
        if money is None:
            return ""
        return format_currency(money.amount, money.currency, locale=self.language)

    def date(self, day: date | None) -> str:
        return format_date(day, "medium", locale=self.language) if day else ""

    def datetime(self, moment: datetime) -> str:
        return format_datetime(moment, "medium", tzinfo=self.zone, locale=self.language)


class Languages:
    """The compiled catalogues, one per supported language."""

    def __init__(self, default: str, timezone: str) -> None:
        if default not in LANGUAGES:
            raise ValueError(f"unsupported default language {default!r}")
        self.default = default
        zone = ZoneInfo(timezone)
        self._translators = {
            code: Translator(code, load_catalogue(code), zone) for code in LANGUAGES
        }

    def pick(self, query: str | None, cookie: str | None) -> Translator:
        """``?lang=`` wins over the cookie, which wins over the default."""
        for choice in (query, cookie):
            if choice in self._translators:
                return self._translators[choice]
        return self._translators[self.default]
