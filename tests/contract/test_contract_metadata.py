"""Metadata: task definitions, workflow definitions (versions, latest) and event handlers."""

from __future__ import annotations

from conductor.server.domain.events import EventHandler
from contract.records import task_def, workflow_def


def test_task_def_crud(write, read):
    """Upserting a task definition twice keeps one row with the second version's fields."""
    write(lambda tx: tx.upsert_task_def(task_def("b", retry_count=1)))
    write(lambda tx: tx.upsert_task_def(task_def("a", retry_count=2)))
    write(lambda tx: tx.upsert_task_def(task_def("b", retry_count=5, description="changed")))

    got = read(lambda tx: tx.get_task_def("b"))
    assert (got.name, got.retry_count, got.description) == ("b", 5, "changed")
    assert [d.name for d in read(lambda tx: tx.list_task_defs())] == ["a", "b"]
    assert read(lambda tx: tx.get_task_def("missing")) is None


def test_get_task_defs_by_names(write, read):
    """Bulk lookup returns only the names that exist, keyed by name, and tolerates repeats."""
    write(lambda tx: [tx.upsert_task_def(task_def(n)) for n in ("x", "y", "z")])

    found = read(lambda tx: tx.get_task_defs(["x", "z", "x", "nope"]))
    assert sorted(found) == ["x", "z"]
    assert found["z"].name == "z"
    assert read(lambda tx: tx.get_task_defs([])) == {}


def test_delete_task_def_reports_whether_it_existed(write, read):
    write(lambda tx: tx.upsert_task_def(task_def("gone")))

    assert write(lambda tx: tx.delete_task_def("gone")) is True
    assert write(lambda tx: tx.delete_task_def("gone")) is False
    assert read(lambda tx: tx.get_task_def("gone")) is None


def test_workflow_def_versions_and_latest(write, read):
    """Without a version the highest one is returned, whatever the registration order."""
    for version in (2, 10, 1):
        write(lambda tx, v=version: tx.upsert_workflow_def(workflow_def("flow", v, description=f"v{v}")))
    write(lambda tx: tx.upsert_workflow_def(workflow_def("other", 3)))

    assert read(lambda tx: tx.get_workflow_def("flow")).version == 10
    assert read(lambda tx: tx.get_workflow_def("flow", 2)).description == "v2"
    assert read(lambda tx: tx.get_workflow_def("flow", 7)) is None
    assert read(lambda tx: tx.get_workflow_def("nope")) is None
    assert [d.version for d in read(lambda tx: tx.list_workflow_defs("flow"))] == [1, 2, 10]
    assert [(d.name, d.version) for d in read(lambda tx: tx.list_workflow_defs())] == [
        ("flow", 1),
        ("flow", 2),
        ("flow", 10),
        ("other", 3),
    ]


def test_workflow_def_upsert_replaces_and_delete(write, read):
    write(lambda tx: tx.upsert_workflow_def(workflow_def("flow", 1, description="old")))
    write(lambda tx: tx.upsert_workflow_def(workflow_def("flow", 1, description="new")))

    assert [d.description for d in read(lambda tx: tx.list_workflow_defs("flow"))] == ["new"]
    assert write(lambda tx: tx.delete_workflow_def("flow", 1)) is True
    assert write(lambda tx: tx.delete_workflow_def("flow", 1)) is False
    assert read(lambda tx: tx.get_workflow_def("flow")) is None


def test_event_handlers(write, read):
    """Handlers filter by event and by the boolean `active` column on both backends."""
    write(lambda tx: tx.upsert_event_handler(EventHandler(name="h2", event="sqs:a", active=False)))
    write(lambda tx: tx.upsert_event_handler(EventHandler(name="h1", event="sqs:a", active=True)))
    write(lambda tx: tx.upsert_event_handler(EventHandler(name="h3", event="sqs:b", active=True)))

    names = lambda handlers: [h.name for h in handlers]  # noqa: E731
    assert names(read(lambda tx: tx.list_event_handlers())) == ["h1", "h2", "h3"]
    assert names(read(lambda tx: tx.list_event_handlers("sqs:a"))) == ["h1", "h2"]
    assert names(read(lambda tx: tx.list_event_handlers("sqs:a", active_only=True))) == ["h1"]
    assert names(read(lambda tx: tx.list_event_handlers(active_only=True))) == ["h1", "h3"]

    write(lambda tx: tx.upsert_event_handler(EventHandler(name="h2", event="sqs:b", active=True)))
    assert read(lambda tx: tx.get_event_handler("h2")).event == "sqs:b"
    assert write(lambda tx: tx.delete_event_handler("h2")) is True
    assert write(lambda tx: tx.delete_event_handler("h2")) is False
    assert read(lambda tx: tx.get_event_handler("h2")) is None
