"""Sending one rendered message over SMTP, as a plain-text and HTML mail.

The message's key travels twice: in ``X-Propcore-Key`` and in a
``Message-ID`` derived from it, so a mail sent twice (a crash between
sending and recording) carries the same id both times and mail programs or
a receiving script can drop the copy.
"""

import hashlib
import logging
import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Any

import attrs

from propcore.messaging import Message
from propcore.messaging.channels import (
    PermanentDeliveryError,
    Rendered,
    TemporaryDeliveryError,
)

logger = logging.getLogger(__name__)


@attrs.frozen
class SmtpOptions:
    """``security``: ``starttls`` (default, port 587), ``tls`` (port 465)
    or ``none`` (only for a relay on the same machine); ``ca_file``: extra
    certificate authorities to trust, e.g. a company's own."""

    host: str
    sender: str
    port: int = 587
    username: str = ""
    password: str = attrs.field(default="", repr=False)
    security: str = "starttls"
    sender_name: str = ""
    ca_file: str | None = None
    timeout: float = 10.0

    @classmethod
    def read(cls, options: Mapping[str, Any]) -> "SmtpOptions":
        known = {f.name for f in attrs.fields(cls)}
        unknown = set(options) - known
        if unknown:
            raise ValueError(f"[plugins.email]: unknown {', '.join(sorted(unknown))}")
        if "sender" not in options:
            raise ValueError("[plugins.email] needs sender = …")
        if options.get("security", "starttls") not in ("starttls", "tls", "none"):
            raise ValueError("[plugins.email] security is starttls, tls or none")
        return cls(**options)

    def context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_file)


@attrs.frozen
class SmtpChannel:
    options: SmtpOptions
    name: str = "email"
    silent: bool = False

    def reaches(self, message: Message) -> bool:
        return bool(message.email)

    def deliver(self, message: Message, rendered: Rendered) -> None:
        mail = self._mail(message, rendered)
        try:
            with self._connect() as smtp:
                if self.options.username:
                    smtp.login(self.options.username, self.options.password)
                smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentDeliveryError("recipient refused") from error
        except smtplib.SMTPResponseException as error:
            raise _response_error(error) from error
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("mail for %s not sent: %s", message.key, error)
            raise TemporaryDeliveryError(type(error).__name__) from error

    def _connect(self) -> smtplib.SMTP:
        o = self.options
        if o.security == "tls":
            return smtplib.SMTP_SSL(
                o.host, o.port, timeout=o.timeout, context=o.context()
            )
        smtp = smtplib.SMTP(o.host, o.port, timeout=o.timeout)
        if o.security == "starttls":
            try:
                smtp.starttls(context=o.context())
            except BaseException:
                smtp.close()
                raise
        return smtp

    def _mail(self, message: Message, rendered: Rendered) -> EmailMessage:
        mail = EmailMessage()
        mail["Subject"] = rendered.subject
        mail["From"] = formataddr((self.options.sender_name, self.options.sender))
        mail["To"] = message.email or ""
        mail["Message-ID"] = message_id(message.key, self.options.sender)
        if message.key:
            mail["X-Propcore-Key"] = message.key
        mail.set_content(rendered.text)
        mail.add_alternative(rendered.html, subtype="html")
        return mail


def message_id(key: str | None, sender: str) -> str:
    """The same key always gives the same Message-ID; no key, a fresh one."""
    domain = sender.rpartition("@")[2] or "propcore"
    if not key:
        return make_msgid(domain=domain)
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def _response_error(error: smtplib.SMTPResponseException) -> Exception:
    """5xx refuses for good, except a failed login: credentials get fixed."""
    text = f"SMTP {error.smtp_code}"
    if 500 <= error.smtp_code < 600 and error.smtp_code != 535:
        return PermanentDeliveryError(text)
    return TemporaryDeliveryError(text)
