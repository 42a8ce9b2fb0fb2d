"""Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps)."""

import base64
import hashlib
import hmac
import secrets
import struct
from datetime import datetime

STEP_SECONDS = 30
DIGITS = 6


def new_secret() -> str:
    """A random 160-bit secret, base32 as authenticator apps expect it."""
    return base64.b32encode(secrets.token_bytes(20)).decode()


def code_at(secret: str, moment: datetime) -> str:
    counter = int(moment.timestamp()) // STEP_SECONDS
    return _hotp(secret, counter)


def verify(secret: str, code: str, moment: datetime, *, window: int = 1) -> bool:
    """Accept the code of this step or of ``window`` steps either side, to
    forgive clocks that drift a little."""
    counter = int(moment.timestamp()) // STEP_SECONDS
    candidates = (_hotp(secret, counter + d) for d in range(-window, window + 1))
    return any(hmac.compare_digest(code.strip(), c) for c in candidates)


def provisioning_uri(secret: str, account: str, issuer: str = "propcore") -> str:
    return f"otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}"


def _hotp(secret: str, counter: int) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**DIGITS).zfill(DIGITS)
