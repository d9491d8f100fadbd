"""Each domain exception's HTTP status lives in the API's table (api/errors.py), not in domain."""

from __future__ import annotations

from conductor.server.api.errors import STATUS, error_body, status_of
from conductor.server.domain import errors


def test_every_domain_error_has_its_status_from_the_api_table() -> None:
    expected = {
        errors.BadRequest: 400,
        errors.ValidationFailed: 400,
        errors.NotFound: 404,
        errors.Conflict: 409,
        errors.InvalidState: 500,
        errors.Transient: 500,
        errors.StorageUnavailable: 503,
        errors.StorageFull: 507,
    }
    for cls, status in expected.items():
        exc = cls([]) if cls is errors.ValidationFailed else cls("m")  # type: ignore[arg-type]
        assert status_of(exc) == status == error_body(exc).status
    assert not any(hasattr(cls, "status") for cls in expected)  # the domain knows no HTTP
    assert set(expected) <= set(STATUS)


def test_a_subclass_takes_its_nearest_listed_ancestor() -> None:
    class Quota(errors.StorageUnavailable):
        pass

    assert status_of(Quota("full")) == 503
    assert error_body(Quota("full")).retryable is True
