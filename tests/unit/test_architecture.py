"""The hexagon's rules, checked on the source tree."""

import ast
import sys
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "src" / "propcore"
CORE_MAY_IMPORT = {"attrs", "pluggy", "dateutil", "propcore"}
# stdlib modules that reach outside the process or set up logging
CORE_MAY_NOT_IMPORT = {"logging", "socket", "subprocess", "sqlite3", "urllib", "http"}
CLOCK_READS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("date", "today"),
    ("time", "time"),
    ("datetime", "today"),
}


def _core_modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text())) for path in CORE.rglob("*.py")]


def _imported_roots(tree: ast.Module) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_import_linter_contracts_hold():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def test_core_imports_only_the_standard_library_attrs_pluggy_and_dateutil():
    allowed = set(sys.stdlib_module_names) - CORE_MAY_NOT_IMPORT | CORE_MAY_IMPORT

    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path, tree in _core_modules()
        for name in _imported_roots(tree) - allowed
    }

    assert not offenders


def test_core_never_reads_the_clock_itself():
    calls = {
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in _core_modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and (node.value.id, node.attr) in CLOCK_READS
    }

    assert not calls
