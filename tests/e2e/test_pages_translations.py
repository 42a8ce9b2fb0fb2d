"""Every message the pages, the API or the core can show has a Chinese text."""

import ast
from pathlib import Path

import jinja2
import pytest
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po

import propcore
import propcore_web

WEB = Path(propcore_web.__file__).parent
CORE = Path(propcore.__file__).parent
# Calls whose English text is a message: the core's error constructors and
# the web adapter's translators and marker.
CORE_CALLS = {"single", "FieldProblem", "ConflictError", "RowProblem", "__init__"}
WEB_CALLS = {"_": None, "N_": None, "t": None, "translate": None}


def _catalogue(language: str):
    path = WEB / "locales" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po_file:
        return read_po(po_file, locale=language)


def _template_ids() -> set[str]:
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    found = set()
    for path in (WEB / "templates").glob("*.html"):
        for _, _, message in environment.extract_translations(path.read_text()):
            found.add(message if isinstance(message, str) else message[0])
    return found


def _code_ids() -> set[str]:
    found = set()
    for path in WEB.rglob("*.py"):
        with path.open("rb") as source:
            for _, _, message, _ in extract_python(source, WEB_CALLS, [], {}):
                first = message[0] if isinstance(message, tuple) else message
                if first:
                    found.add(first)
    return found


def _core_ids() -> set[str]:
    found = set()
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in CORE_CALLS | {"AuthenticationError"}:
                found |= {
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and " " in arg.value
                }
    return found


@pytest.mark.parametrize(
    "source", [_template_ids, _code_ids, _core_ids], ids=lambda f: f.__name__
)
def test_every_message_has_a_chinese_translation(source):
    catalogue = _catalogue("zh_CN")
    messages = source()

    untranslated = sorted(m for m in messages if catalogue.get(m) is None)

    assert messages
    assert untranslated == []


def test_chinese_translations_are_not_empty():
    catalogue = _catalogue("zh_CN")

    empty = [m.id for m in catalogue if m.id and not m.string]

    assert empty == []


def test_english_catalogue_lists_the_same_messages():
    chinese, english = _catalogue("zh_CN"), _catalogue("en")

    assert {m.id for m in english} == {m.id for m in chinese}
