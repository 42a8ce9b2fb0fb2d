"""Every hook is specified with documented arguments and documented for authors."""

import inspect
from pathlib import Path

from propcore import hooks

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def _hookspecs():
    return [
        function
        for _, function in inspect.getmembers(hooks, inspect.isfunction)
        if hasattr(function, "propcore_spec")
    ]


def test_there_are_hooks_to_check():
    assert _hookspecs()


def test_every_hook_argument_is_explained_in_its_docstring():
    for spec in _hookspecs():
        for name in inspect.signature(spec).parameters:
            assert f":param {name}:" in spec.__doc__, (spec.__name__, name)
        assert ":return:" in spec.__doc__, spec.__name__


def test_every_hook_has_a_section_in_the_plugin_docs():
    text = DOCS.read_text(encoding="utf-8")

    for spec in _hookspecs():
        arguments = ", ".join(inspect.signature(spec).parameters)
        assert f"### `{spec.__name__}({arguments})`" in text
