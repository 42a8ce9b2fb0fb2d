"""Which templates the source queues: every ``Message(...)``,
``to_account(...)`` and ``tell_person(...)`` call in ``src``, read from the
syntax tree.

A template given as a literal is taken as is; a module constant is looked
up; a parameter of the enclosing function is followed to every call of that
function in the same module. Anything else is reported as unresolved, so a
new way of naming a template cannot slip past the tests.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src"
# the call, and where its template argument sits (position, keyword)
SENDERS = {
    "Message": (1, "template"),
    "to_account": (1, "template"),
    "tell_person": (2, "template"),
}


def queued_templates(root: Path = SOURCE) -> tuple[set[str], list[str]]:
    """The template names found, and the call sites that could not be read."""
    found: set[str] = set()
    unresolved: list[str] = []
    for path in sorted(root.rglob("*.py")):
        module = _Module(ast.parse(path.read_text(encoding="utf-8")))
        for call, scope in module.calls_to(SENDERS):
            if scope is not None and scope.name in SENDERS:
                continue  # a sender passing its own argument on
            names = module.resolve(_argument(call, *SENDERS[_name(call)]), scope)
            if names:
                found |= names
            else:
                unresolved.append(f"{path.relative_to(root)}:{call.lineno}")
    return found, unresolved


class _Module:
    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }

    def calls_to(self, names) -> Iterator[tuple[ast.Call, ast.FunctionDef | None]]:
        for scope, node in _walk(self.tree, None):
            if isinstance(node, ast.Call) and _name(node) in names:
                yield node, scope

    def resolve(self, value: ast.expr | None, scope, depth: int = 0) -> set[str]:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return {value.value}
        if not isinstance(value, ast.Name) or depth > 3:
            return set()
        if value.id in self.constants:
            return {self.constants[value.id]}
        if scope is None or value.id not in _parameters(scope):
            return set()
        return self._passed_to(scope, _parameters(scope).index(value.id), depth)

    def _passed_to(self, function, position: int, depth: int) -> set[str]:
        name = _parameters(function)[position]
        found: set[str] = set()
        for call, scope in self.calls_to({function.name}):
            argument = _argument(call, position, name)
            found |= self.resolve(argument, scope, depth + 1)
        return found


def _walk(node: ast.AST, scope) -> Iterator[tuple[ast.FunctionDef | None, ast.AST]]:
    for child in ast.iter_child_nodes(node):
        inner = child if isinstance(child, ast.FunctionDef) else scope
        yield inner, child
        yield from _walk(child, inner)


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _parameters(function: ast.FunctionDef) -> list[str]:
    """Positional parameters, without ``self``."""
    names = [a.arg for a in function.args.posonlyargs + function.args.args]
    return names[1:] if names[:1] == ["self"] else names


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    for given in call.keywords:
        if given.arg == keyword:
            return given.value
    return call.args[position] if len(call.args) > position else None
