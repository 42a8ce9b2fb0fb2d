"""The one error hierarchy of propcore.

Messages are English and double as gettext message ids: the web adapter
translates ``message`` and then fills in ``params``.
"""

from collections.abc import Iterable, Mapping
from typing import Any

import attrs


class PropcoreError(Exception):
    """Base of every error the core raises on purpose."""


@attrs.frozen
class FieldProblem:
    """One thing wrong with one input field."""

    field: str
    message: str
    params: Mapping[str, Any] = attrs.field(factory=dict)

    def render(self) -> str:
        return self.message % self.params if self.params else self.message


class InvalidInputError(PropcoreError, ValueError):
    """Input that breaks a rule; nothing was changed."""

    def __init__(self, problems: Iterable[FieldProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field}: {p.render()}" for p in self.problems))

    @classmethod
    def single(cls, field: str, message: str, **params: Any) -> "InvalidInputError":
        return cls([FieldProblem(field, message, params)])

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(p.field for p in self.problems)


class NotFoundError(PropcoreError, LookupError):
    """The thing named by ``kind`` and ``id`` does not exist (or is not visible)."""

    def __init__(self, kind: str, id: object) -> None:
        self.kind = kind
        self.id = id
        super().__init__(f"{kind} {id} not found")


class ConflictError(PropcoreError):
    """The request is well formed but clashes with what is stored."""

    def __init__(self, field: str, message: str, **params: Any) -> None:
        self.problem = FieldProblem(field, message, params)
        super().__init__(f"{field}: {self.problem.render()}")


class AuthenticationError(PropcoreError):
    """Credentials were wrong; says nothing about which part."""


class StorageError(PropcoreError):
    """A storage adapter failed for a reason the caller cannot fix."""
