"""SMS through an HTTP gateway: the ``sms`` channel.

``[plugins.sms]`` names the ``provider`` (``aliyun``, the default) and its
options; without an ``access_key_id`` the channel is not configured.
"""

import propcore
from propcore.messaging.channels import NotifierSetup, Register
from propcore_sms.aliyun import AliyunSms
from propcore_sms.gateway import SmsChannel

PROVIDERS = {"aliyun": AliyunSms.read}


def sms_channel(setup: NotifierSetup) -> SmsChannel | None:
    options = dict(setup.options)
    if not options.get("access_key_id"):
        return None
    provider = options.pop("provider", "aliyun")
    if provider not in PROVIDERS:
        raise ValueError(f"[plugins.sms] provider is one of {', '.join(PROVIDERS)}")
    timeout = float(options.pop("timeout", 10))
    return SmsChannel(PROVIDERS[provider](options, setup.clock), timeout)


@propcore.hookimpl
def register_notifiers(register: Register) -> None:
    register("sms", sms_channel)
