"""Workflow and task ids (domain/ids.py): RFC 9562 version 7 UUIDs, ordered by creation time."""

from __future__ import annotations

import uuid

import pytest

from conductor.server.domain import ids


def test_an_id_is_a_version_7_uuid_in_the_usual_text_form() -> None:
    value = ids.new_id()
    parsed = uuid.UUID(value)
    assert str(parsed) == value
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122


def test_ids_sort_by_creation_time_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1_764_000_000_000_000_000]  # ns
    monkeypatch.setattr(ids.time, "time_ns", lambda: now[0])
    made = []
    for _ in range(50):
        made.append(ids.new_id())
        now[0] += 1_000_000  # one millisecond later
    assert made == sorted(made)
    assert int(made[0].replace("-", "")[:12], 16) == 1_764_000_000_000  # the milliseconds lead


def test_ids_made_in_the_same_millisecond_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ids.time, "time_ns", lambda: 1_764_000_000_000_000_000)
    assert len({ids.new_id() for _ in range(10_000)}) == 10_000
