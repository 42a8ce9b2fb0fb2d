"""Email (SMTP with STARTTLS or TLS, and login): the ``email`` channel.

Configured by ``[plugins.email]`` in the deployment's TOML file; without a
``host`` the channel is not configured and messages go by the others.
"""

import propcore
from propcore.messaging.channels import NotifierSetup, Register
from propcore_email.smtp import SmtpChannel, SmtpOptions


def email_channel(setup: NotifierSetup) -> SmtpChannel | None:
    if not setup.options.get("host"):
        return None
    return SmtpChannel(SmtpOptions.read(setup.options))


@propcore.hookimpl
def register_notifiers(register: Register) -> None:
    register("email", email_channel)
