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
    "payment_reversed": _both(
        Text(
            "缴费已冲正",
            "您缴纳的 $amount（收据号 $receipt）已冲正，原因：$reason。"
            "这笔缴费结清的账单已恢复待缴。",
            "缴费 $amount（收据 $receipt）已冲正，相关账单恢复待缴。",
        ),
        Text(
            "Payment reversed",
            "Your payment of $amount (receipt $receipt) was reversed: $reason. "
            "The bills it settled are open again.",
            "Payment $amount (receipt $receipt) reversed; its bills are open again.",
        ),
    ),
    "payment_refunded": _both(
        Text(
            "已退款",
            "已通过$method向您退还预存款 $amount，原因：$reason。",
            "已退款 $amount（$method）。",
        ),
        Text(
            "Refund made",
            "$amount of your prepaid balance was paid back to you by $method: $reason.",
            "Refund of $amount by $method.",
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
        Text(
            "突发事件（$severity）：$kind",
            "$place 发生$kind，严重程度：$severity。\n\n$description",
            "突发事件：$place $kind（$severity），请尽快处理。",
        ),
        Text(
            "Incident ($severity): $kind",
            "Reported at $place: $kind, severity $severity.\n\n$description",
            "Incident: $kind at $place ($severity).",
        ),
    ),
    "incident_assigned": _both(
        Text(
            "请跟进事件：$kind",
            "您被指派跟进 $place 的$kind（严重程度：$severity）。",
            "请跟进：$place $kind（$severity）。",
        ),
        Text(
            "Incident to follow up: $kind",
            "You are to follow up the $kind at $place (severity $severity).",
            "Follow up: $kind at $place ($severity).",
        ),
    ),
    "event_invitation": _both(
        Text(
            "社区活动邀请：$title",
            "诚邀您参加“$title”，$starts 在 $place 举行，欢迎在业主门户报名。",
            "活动邀请：$title，$starts，$place。",
        ),
        Text(
            "You are invited: $title",
            "You are invited to $title at $place on $starts. Sign up in the portal.",
            "Invitation: $title, $starts, $place.",
        ),
    ),
    "event_reminder": _both(
        Text(
            "活动提醒：$title",
            "您报名的“$title”将于 $starts 在 $place 开始。",
            "活动提醒：$title，$starts，$place。",
        ),
        Text(
            "Reminder: $title",
            "$title, which you signed up for, starts on $starts at $place.",
            "Reminder: $title, $starts, $place.",
        ),
    ),
    "safety_alert": _both(
        Text("安全提醒：$title", "$body", "安全提醒：$title"),
        Text("Safety alert: $title", "$body", "Safety alert: $title"),
    ),
}


# Codes a message carries that read differently in each language: the
# parameter's value is replaced by its label before the text is filled in.
LABELS: dict[str, dict[str, dict[str, str]]] = {
    "zh_CN": {
        "kind": {
            "fire": "火情或烟雾",
            "water": "漏水或水浸",
            "theft": "盗窃",
            "disturbance": "扰民",
            "injury": "人员受伤",
            "damage": "财物损坏",
            "suspicious": "可疑人员或物品",
            "other": "其他事件",
        },
        "severity": {"low": "低", "medium": "中", "high": "高"},
        "method": {
            "cash": "现金",
            "bank_transfer": "银行转账",
            "wechat_pay": "微信支付",
            "alipay": "支付宝",
            "pos": "POS 刷卡",
        },
    },
    "en": {
        "kind": {
            "water": "water leak",
            "suspicious": "suspicious person or thing",
            "other": "incident",
        },
        "method": {
            "bank_transfer": "bank transfer",
            "wechat_pay": "WeChat Pay",
            "alipay": "Alipay",
            "pos": "POS",
        },
    },
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
    language = message.language if message.language in languages else FALLBACK_LANGUAGE
    text = languages[language]
    params = OPTIONAL | _labelled(message.params, LABELS.get(language, {}))
    escaped = {k: html.escape(v) for k, v in params.items()}
    fill = _filler(message.template)
    return Rendered(
        subject=fill(text.subject, params),
        text=fill(text.text, params),
        html=fill(text.html or _paragraphs(text.text), escaped),
        sms=fill(text.sms, params),
    )


def _labelled(
    params: Mapping[str, object], labels: Mapping[str, Mapping[str, str]]
) -> dict[str, str]:
    return {k: labels.get(k, {}).get(str(v), str(v)) for k, v in params.items()}


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
