"""Deployment settings: ``PROPCORE_*`` environment variables over an optional TOML file.

The file is ``$PROPCORE_CONFIG`` or, when that is unset, ``./propcore.toml``
if it exists. Environment variables win over the file.
"""

import os
import secrets
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from propcore.billing.reminders import DEFAULT_LADDER
from propcore.billing.schedule import check_run_day
from propcore.errors import InvalidInputError
from propcore.property.status import DEFAULT_SCHEME, StatusDef, StatusScheme

DEFAULT_DATABASE_URL = "sqlite:///./propcore.db"
_ENV_PREFIX = "PROPCORE_"
JOB_RUNNERS = ("auto", "in-process", "off")


class SettingsError(ValueError):
    pass


@attrs.frozen
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str | None = None
    secret_file: str = "propcore.secret"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    language: str = "zh_CN"
    timezone: str = "Asia/Shanghai"
    secure_cookies: bool = False
    log_level: str = "INFO"
    jobs_runner: str = attrs.field(default="auto")
    jobs_tick_seconds: int = 60
    public_url: str = ""
    bill_run_day: int = attrs.field(default=1)
    reminder_days: tuple[int, ...] = attrs.field(
        factory=lambda: DEFAULT_LADDER, converter=tuple
    )
    media_dir: str = "media"
    photo_limit_mb: int = 8
    event_reminder_hours: int = 24
    unit_statuses: Mapping[str, Any] = attrs.field(factory=dict)
    plugins: Mapping[str, Any] = attrs.field(factory=dict)

    @classmethod
    def load(
        cls, environ: Mapping[str, str] | None = None, file: Path | None = None
    ) -> "Settings":
        environ = os.environ if environ is None else environ
        values = _read_file(file or _default_file(environ))
        names = {f.name: f for f in attrs.fields(cls)}
        for key, raw in environ.items():
            name = (
                key[len(_ENV_PREFIX) :].lower() if key.startswith(_ENV_PREFIX) else ""
            )
            if name in names and not isinstance(names[name].default, attrs.Factory):
                values[name] = _coerce(raw, names[name].type, key)
        unknown = set(values) - set(names)
        if unknown:
            raise SettingsError(f"unknown settings: {', '.join(sorted(unknown))}")
        return cls(**values)

    @jobs_runner.validator
    def _known_runner(self, _attribute, value: str) -> None:
        if value not in JOB_RUNNERS:
            raise SettingsError(f"jobs_runner must be one of {', '.join(JOB_RUNNERS)}")

    @bill_run_day.validator
    def _day_in_every_month(self, _attribute, value: int) -> None:
        try:
            check_run_day(value, "bill_run_day")
        except InvalidInputError as error:
            raise SettingsError(str(error)) from None

    def in_process_jobs(self) -> bool:
        """Whether ``propcore serve`` runs the periodic jobs itself: ``auto``
        does on SQLite (PostgreSQL has ``propcore worker``), ``in-process``
        always, ``off`` never."""
        if self.jobs_runner == "auto":
            return self.database_url.startswith("sqlite")
        return self.jobs_runner == "in-process"

    def with_overrides(self, **changes: Any) -> "Settings":
        return attrs.evolve(self, **{k: v for k, v in changes.items() if v is not None})

    def signing_key(self) -> bytes:
        """The configured key, or one kept in ``secret_file`` (made on first use)
        so that restarts and several workers on one machine share it."""
        if self.secret_key:
            return self.secret_key.encode()
        path = Path(self.secret_file)
        if not path.exists():
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip().encode()

    def status_scheme(self) -> StatusScheme:
        """``[unit_statuses]`` in the TOML file replaces the default scheme:
        ``initial = "vacant"`` and a ``[unit_statuses.<code>]`` table per status
        with ``zh_CN``, ``en``, ``occupied`` and ``next = [codes]``."""
        config = dict(self.unit_statuses)
        if not config:
            return DEFAULT_SCHEME
        initial = config.pop("initial", None)
        statuses = [
            StatusDef(
                code,
                {k: v for k, v in spec.items() if k in ("zh_CN", "en")},
                bool(spec.get("occupied", False)),
            )
            for code, spec in config.items()
        ]
        transitions = {code: spec.get("next", []) for code, spec in config.items()}
        try:
            return StatusScheme.build(
                statuses, transitions, initial or statuses[0].code
            )
        except (ValueError, IndexError) as error:
            raise SettingsError(f"unit_statuses: {error}") from None


def _default_file(environ: Mapping[str, str]) -> Path | None:
    if environ.get("PROPCORE_CONFIG"):
        return Path(environ["PROPCORE_CONFIG"])
    local = Path("propcore.toml")
    return local if local.exists() else None


def _read_file(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{path}: {error}") from None


def _coerce(raw: str, kind: Any, key: str) -> Any:
    if kind in (bool, "bool"):
        if raw.lower() not in ("1", "0", "true", "false", "yes", "no"):
            raise SettingsError(f"{key} must be true or false")
        return raw.lower() in ("1", "true", "yes")
    if kind in (int, "int"):
        try:
            return int(raw)
        except ValueError:
            raise SettingsError(f"{key} must be a whole number") from None
    return raw
