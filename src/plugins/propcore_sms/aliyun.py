"""Aliyun SMS (阿里云短信服务), the ``SendSms`` action of its RPC API.

Chinese carriers only carry pre-approved templates, so the gateway gets a
template code and the parameters, not our text: ``templates`` maps each
propcore template to its code (``bill_issued = "SMS_123456"``), or to a
table naming the code and the parameters the approved template uses
(``notice_published = {code = "SMS_123457", params = ["estate", "title"]}``);
with a bare code every parameter is sent. A message whose template has no
code cannot go by SMS and fails at once.

The request is a form POST signed with HMAC-SHA1 (signature version 1.0):
the sorted, percent-encoded parameters, prefixed with ``POST&%2F&``, keyed
with the access key secret and ``&``. ``OutId`` carries the message's key.
"""

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Mapping
from datetime import UTC
from typing import Any
from urllib.parse import quote, urlencode

import attrs

from propcore.clock import Clock
from propcore.messaging import Message
from propcore.messaging.channels import (
    PermanentDeliveryError,
    Rendered,
    TemporaryDeliveryError,
)
from propcore_sms.gateway import HttpRequest

BASE_URL = "https://dysmsapi.aliyuncs.com/"
# answers worth trying again: flow control and the gateway's own trouble
_TEMPORARY = frozenset(
    {
        "isv.BUSINESS_LIMIT_CONTROL",
        "isv.DAY_LIMIT_CONTROL",
        "isp.SYSTEM_ERROR",
        "isp.RAM_PERMISSION_DENY",
        "Throttling.User",
        "ServiceUnavailable",
    }
)


@attrs.frozen
class AliyunSms:
    access_key_id: str
    access_key_secret: str = attrs.field(repr=False)
    sign_name: str
    # propcore template → code, or (code, parameters sent; None for all)
    templates: Mapping[str, str | tuple[str, frozenset[str] | None]]
    clock: Clock
    base_url: str = BASE_URL

    @classmethod
    def read(cls, options: Mapping[str, Any], clock: Clock) -> "AliyunSms":
        needed = ("access_key_id", "access_key_secret", "sign_name", "templates")
        missing = [name for name in needed if name not in options]
        if missing:
            raise ValueError(f"[plugins.sms] needs {', '.join(missing)}")
        unknown = set(options) - {*needed, "base_url"}
        if unknown:
            raise ValueError(f"[plugins.sms]: unknown {', '.join(sorted(unknown))}")
        templates = {n: _mapping(n, v) for n, v in options["templates"].items()}
        return cls(clock=clock, **options | {"templates": templates})

    def request(self, message: Message, rendered: Rendered) -> HttpRequest:
        mapping = self.templates.get(message.template)
        if mapping is None:
            raise PermanentDeliveryError(f"no SMS template for {message.template}")
        code, names = _mapping(message.template, mapping)
        sent = {k: v for k, v in message.params.items() if names is None or k in names}
        params = self._params(message, code, sent)
        params["Signature"] = sign(params, self.access_key_secret)
        return HttpRequest(
            "POST",
            self.base_url,
            {"Content-Type": "application/x-www-form-urlencoded"},
            urlencode(params).encode(),
        )

    def _params(
        self, message: Message, code: str, sent: Mapping[str, str]
    ) -> dict[str, str]:
        reference = {"OutId": message.key} if message.key else {}
        return reference | {
            "AccessKeyId": self.access_key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": message.phone or "",
            "RegionId": "cn-hangzhou",
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": code,
            "TemplateParam": json.dumps(dict(sent), ensure_ascii=False),
            "Timestamp": self.clock.now()
            .astimezone(UTC)
            .strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }

    def check(self, status: int, body: bytes) -> None:
        try:
            answer = json.loads(body or b"{}")
        except ValueError:
            answer = {}
        code = answer.get("Code", f"HTTP {status}")
        if status == 200 and code == "OK":
            return
        if status >= 500 or code in _TEMPORARY:
            raise TemporaryDeliveryError(f"aliyun: {code}")
        raise PermanentDeliveryError(f"aliyun: {code}")


def _mapping(template: str, value: Any) -> tuple[str, frozenset[str] | None]:
    """A ``templates`` entry as (code, parameters to send or None for all)."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, str):
        return value, None
    if isinstance(value, Mapping) and isinstance(value.get("code"), str):
        names = value.get("params")
        if names is None or all(isinstance(n, str) for n in names):
            return value["code"], None if names is None else frozenset(names)
    raise ValueError(
        f"[plugins.sms.templates] {template}: a code or {{code, params = [...]}}"
    )


def _encode(text: str) -> str:
    return quote(text, safe="~")


def sign(params: Mapping[str, str], secret: str) -> str:
    """The request's signature, over every parameter but ``Signature``."""
    pairs = sorted((k, v) for k, v in params.items() if k != "Signature")
    query = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in pairs)
    text = f"POST&{_encode('/')}&{_encode(query)}"
    digest = hmac.new(f"{secret}&".encode(), text.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()
