"""The server's exception tree. What each means is here; the HTTP status each becomes is the
API's business (`api/errors.py::STATUS`).

ConductorError
├── ValidationFailed   carries a list of (path, message, invalid_value) violations
├── BadRequest         a plain illegal argument
├── NotFound
├── Conflict
├── InvalidState       an operation the workflow's state does not allow (resume of a non-paused
│                      workflow, skip errors)
└── Transient          may succeed if tried again (database busy, lock contention)
    └── StorageUnavailable  the database cannot commit (I/O error, connection lost)
        └── StorageFull     the disk is full
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Violation:
    path: str
    message: str
    invalid_value: str | None = None


class ConductorError(Exception):
    retryable: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(ConductorError):
    pass


class ValidationFailed(ConductorError):
    MESSAGE = "Validation failed, check below errors for detail."

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__(self.MESSAGE)
        self.violations = violations


class NotFound(ConductorError):
    pass


class Conflict(ConductorError):
    pass


class InvalidState(ConductorError):
    pass


class Transient(ConductorError):
    retryable = True


class StorageUnavailable(Transient):
    """A commit failed for a reason outside the request (I/O error, lost connection): nothing of
    the request was stored, and the same request may succeed once the database recovers."""


class StorageFull(StorageUnavailable):
    pass


class ConcurrentModification(Exception):
    """Raised by the store when an optimistic version check fails; the engine retries."""
