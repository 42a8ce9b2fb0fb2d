"""Settings the web adapter needs from whoever builds it."""

import attrs

MIN_SECRET_BYTES = 32


def _long_enough(_: object, attribute: attrs.Attribute, value: bytes) -> None:
    if len(value) < MIN_SECRET_BYTES:
        raise ValueError(f"{attribute.name} needs at least {MIN_SECRET_BYTES} bytes")


@attrs.frozen
class WebConfig:
    """``secret_key`` signs CSRF tokens; keep it private and stable across
    restarts, or open forms stop working (sessions live in the database).
    ``timezone`` is the zone in which pages show times."""

    secret_key: bytes = attrs.field(repr=False, validator=_long_enough)
    default_language: str = "zh_CN"
    timezone: str = "Asia/Shanghai"
    secure_cookies: bool = False
    debug: bool = False
