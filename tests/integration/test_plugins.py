"""Plugins are found through a real ``propcore`` entry point."""

import sys
import textwrap
from pathlib import Path

import pytest

from propcore_bootstrap.container import CoreContainer
from propcore_bootstrap.plugins import make_plugin_manager
from propcore_bootstrap.settings import Settings

PLUGIN = """
import propcore

CALLS = []


@propcore.hookimpl
def propcore_startup(settings):
    CALLS.append(settings.plugins.get("greeter", {}).get("greeting"))
"""


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A distribution on sys.path, as pip would leave it: module + dist-info."""
    (tmp_path / "greeter_plugin.py").write_text(textwrap.dedent(PLUGIN))
    info = tmp_path / "greeter_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: greeter-plugin\nVersion: 1.0\n"
    )
    (info / "entry_points.txt").write_text("[propcore]\ngreeter = greeter_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    sys.modules.pop("greeter_plugin", None)


def test_an_installed_plugin_is_loaded_from_its_entry_point(installed_plugin):
    manager = make_plugin_manager()

    assert "greeter" in {name for name, _ in manager.list_name_plugin()}


def test_building_the_core_calls_the_plugins_startup_hook(installed_plugin, sqlite_url):
    settings = Settings(
        database_url=sqlite_url, plugins={"greeter": {"greeting": "你好"}}
    )

    CoreContainer(settings=settings).core()

    import greeter_plugin

    assert greeter_plugin.CALLS == ["你好"]


def test_each_manager_is_new_so_tests_and_apps_do_not_share_plugins():
    first, second = make_plugin_manager(), make_plugin_manager(load_entry_points=False)

    first.register(object(), name="only-here")

    assert second.get_plugin("only-here") is None
