"""What each message says, in zh_CN and English.

Parameters fill ``$name`` placeholders (:class:`string.Template`): no code
is evaluated and a brace in a parameter is just a brace. In the HTML part
every parameter is escaped first. A recipient's language falls back to
zh_CN when a template lacks it.
"""

import html
from collections.abc import Mapping
from string import Template

import attrs

from propcore.messaging import Message
from propcore.messaging.channels import PermanentDeliveryError, Rendered

FALLBACK_LANGUAGE = "zh_CN"


@attrs.frozen
class Text:
    """One language's wording; ``html`` defaults to the text, paragraph by
    paragraph; ``sms`` is the short form (about 70 characters in Chinese)."""

    subject: str
    text: str
    sms: str
    html: str = ""


class UnknownTemplateError(PermanentDeliveryError):
    def __init__(self, template: str, missing: str = "") -> None:
        self.template = template
        detail = f" (no parameter {missing!r})" if missing else ""
        super().__init__(f"template {template!r} cannot be rendered{detail}")


def _both(zh: Text, en: Text) -> dict[str, Text]:
    return {"zh_CN": zh, "en": en}


TEMPLATES: dict[str, dict[str, Text]] = {
    "sign_in_code": _both(
        Text(
            "登录验证码",
            "您的登录验证码是 $code，10 分钟内有效。",
            "验证码 $code，10分钟内有效。",
        ),
        Text(
            "Your sign-in code",
            "Your sign-in code is $code. It is valid for 10 minutes.",
            "Sign-in code $code, valid 10 minutes.",
        ),
    ),
    "password_reset": _both(
        Text("重置密码", "请用此令牌重置密码：$token", "重置密码令牌：$token"),
        Text(
            "Reset your password",
            "Use this token to reset your password: $token",
            "Password reset token: $token",
        ),
    ),
    "bill_issued": _both(
        Text(
            "账单已出：$period",
            "您的 $period 账单已出，应缴 $amount，请于 $due 前缴纳。$link",
            "$period 账单 $amount，请于 $due 前缴纳。$link",
        ),
        Text(
            "Your bill for $period",
            "Your bill for $period is $amount, due by $due. $link",
            "Bill $period: $amount, due $due. $link",
        ),
    ),
    "payment_received": _both(
        Text(
            "已收到缴费",
            "已收到您缴纳的 $amount，收据号 $receipt，谢谢。",
            "已收到缴费 $amount，收据 $receipt。",
        ),
        Text(
            "Payment received",
            "We received your payment of $amount (receipt $receipt). Thank you.",
            "Payment of $amount received, receipt $receipt.",
        ),
    ),
    "payment_reminder": _both(
        Text(
            "缴费提醒",
            "您有 $amount 待缴，请尽快缴纳。$link",
            "您有 $amount 待缴。$link",
        ),
        Text(
            "Payment reminder",
            "You have $amount outstanding; please pay soon. $link",
            "$amount outstanding. $link",
        ),
    ),
    "repair_status_changed": _both(
        Text(
            "报修进度：$status",
            "您的报修“$title”现为：$status。",
            "报修“$title”：$status。",
        ),
        Text(
            "Repair request: $status",
            'Your repair request "$title" is now: $status.',
            'Repair "$title": $status.',
        ),
    ),
    "notice_published": _both(
        Text("$title", "$body", "新通知：$title"),
        Text("$title", "$body", "New notice: $title"),
    ),
    "incident_reported": _both(
        Text("突发事件：$title", "$body", "突发事件：$title"),
        Text("Incident: $title", "$body", "Incident: $title"),
    ),
    "event_published": _both(
        Text("社区活动：$title", "$body", "社区活动：$title"),
        Text("Community event: $title", "$body", "Community event: $title"),
    ),
    "safety_alert": _both(
        Text("安全提醒：$title", "$body", "安全提醒：$title"),
        Text("Safety alert: $title", "$body", "Safety alert: $title"),
    ),
}


# Parameters a template may use that a message need not give: ``link``, the
# address of what the message is about, empty when the deployment has no
# public address configured.
OPTIONAL = {"link": ""}


def render(message: Message) -> Rendered:
    """The message in its language; raise :class:`UnknownTemplateError` for
    an unknown template or a missing parameter (no try can fix either)."""
    languages = TEMPLATES.get(message.template)
    if languages is None:
        raise UnknownTemplateError(message.template)
    text = languages.get(message.language) or languages[FALLBACK_LANGUAGE]
    params = OPTIONAL | {k: str(v) for k, v in message.params.items()}
    escaped = {k: html.escape(v) for k, v in params.items()}
    fill = _filler(message.template)
    return Rendered(
        subject=fill(text.subject, params),
        text=fill(text.text, params),
        html=fill(text.html or _paragraphs(text.text), escaped),
        sms=fill(text.sms, params),
    )


def _filler(template: str):
    def fill(pattern: str, params: Mapping[str, str]) -> str:
        try:
            return Template(pattern).substitute(params).strip()
        except KeyError as error:
            raise UnknownTemplateError(template, str(error.args[0])) from None

    return fill


def _paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs; the pattern's own text is escaped here,
    the parameters by :func:`render`."""
    parts = [html.escape(part, quote=False) for part in text.split("\n\n")]
    return "".join(f"<p>{part}</p>" for part in parts)
