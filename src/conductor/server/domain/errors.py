"""The server's exception tree; `api/errors.py` maps each class to an HTTP status.

ConductorError
├── ValidationFailed   400, carries a list of (path, message, invalid_value) violations
├── BadRequest         400, a plain illegal argument
├── NotFound           404
├── Conflict           409
├── InvalidState       500 in Conductor (resume of a non-paused workflow, skip errors); we keep
│                      Conductor's status so clients that branch on it behave the same
└── Transient          500 with retryable=true (database busy, lock contention)
    └── StorageUnavailable  503: the database cannot commit (I/O error, connection lost)
        └── StorageFull     507: the disk is full
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Violation:
    path: str
    message: str
    invalid_value: str | None = None


class ConductorError(Exception):
    status: int = 500
    retryable: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(ConductorError):
    status = 400


class ValidationFailed(ConductorError):
    status = 400
    MESSAGE = "Validation failed, check below errors for detail."

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__(self.MESSAGE)
        self.violations = violations


class NotFound(ConductorError):
    status = 404


class Conflict(ConductorError):
    status = 409


class InvalidState(ConductorError):
    status = 500


class Transient(ConductorError):
    status = 500
    retryable = True


class StorageUnavailable(Transient):
    """A commit failed for a reason outside the request (I/O error, lost connection): nothing of
    the request was stored, and the same request may succeed once the database recovers."""

    status = 503


class StorageFull(StorageUnavailable):
    status = 507


class ConcurrentModification(Exception):
    """Raised by the store when an optimistic version check fails; the engine retries."""
