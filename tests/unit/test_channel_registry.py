"""Channels come from the ``register_notifiers`` hook, configured by settings."""

import pytest

import propcore_email
import propcore_sms
from propcore.messaging.channels import DuplicateChannelError
from propcore_bootstrap.plugins import channel_registry, make_plugin_manager
from propcore_bootstrap.settings import Settings
from tests.fakes import FakeUnitOfWorkFactory, FixedClock


def _manager():
    manager = make_plugin_manager(load_entry_points=False)
    manager.register(propcore_email, name="email")
    manager.register(propcore_sms, name="sms")
    return manager


def _names(manager, plugins: dict) -> list[str]:
    settings = Settings(plugins=plugins)
    registry = channel_registry(
        manager, settings, FakeUnitOfWorkFactory(), FixedClock()
    )
    return sorted(registry.names())


def test_without_settings_only_the_builtin_inbox_is_configured() -> None:
    assert _names(_manager(), {}) == ["inbox"]


def test_configured_plugins_add_their_channels() -> None:
    plugins = {
        "email": {"host": "smtp.example.test", "sender": "wuye@example.test"},
        "sms": {
            "access_key_id": "id",
            "access_key_secret": "secret",
            "sign_name": "物业",
            "templates": {},
        },
    }

    assert _names(_manager(), plugins) == ["email", "inbox", "sms"]


def test_incomplete_or_unknown_options_are_refused_at_start() -> None:
    with pytest.raises(ValueError, match="sender"):
        _names(_manager(), {"email": {"host": "smtp.example.test"}})
    with pytest.raises(ValueError, match="sign_name"):
        _names(_manager(), {"sms": {"access_key_id": "id"}})
    with pytest.raises(ValueError, match="provider"):
        _names(_manager(), {"sms": {"access_key_id": "id", "provider": "x"}})


@pytest.mark.parametrize(
    "mapping", [42, {"params": ["title"]}, {"code": "SMS_1", "params": [1]}]
)
def test_an_sms_template_entry_is_a_code_or_a_code_with_parameters(mapping) -> None:
    sms = {"access_key_id": "id", "access_key_secret": "secret",
           "sign_name": "物业", "templates": {"notice_published": mapping}}  # fmt: skip

    with pytest.raises(ValueError, match="notice_published"):
        _names(_manager(), {"sms": sms})


def test_a_channel_name_registered_twice_is_refused() -> None:
    manager = _manager()
    manager.register(
        type("Again", (), {"register_notifiers": propcore_email.register_notifiers})
    )

    with pytest.raises(DuplicateChannelError):
        _names(manager, {})
