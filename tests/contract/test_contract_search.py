"""Workflow search: every operator, free text, sorting, pagination and malformed queries."""

from __future__ import annotations

import pytest

from conductor.server.domain.errors import BadRequest
from conductor.server.domain.status import WorkflowStatus
from conductor.server.persistence.search import SearchQuery
from contract.records import workflow

ROWS = [
    # id, name, version, status, create_time, correlation, priority, input
    ("a1", "Orders", 1, WorkflowStatus.RUNNING, 1_000, "c-1", 0, {"customer": "Alice"}),
    ("a2", "Orders", 2, WorkflowStatus.COMPLETED, 2_000, None, 5, {"customer": "bob_smith"}),
    ("a3", "orders_v2", 1, WorkflowStatus.FAILED, 3_000, "c-2", 9, {"customer": "100% carol"}),
    ("b1", "Billing", 1, WorkflowStatus.RUNNING, 4_000, "c-1", 5, {"customer": "dave"}),
    ("b2", "Billing", 3, WorkflowStatus.TERMINATED, 4_000, None, 1, {}),
]


@pytest.fixture
def search(write, read):
    for wid, name, version, status, created, corr, prio, data in ROWS:
        wf = workflow(wid, name, version, status, created, correlation_id=corr, priority=prio, input=data)
        write(lambda tx, wf=wf: tx.insert_workflow(wf))

    def run(query: str = "", free_text: str = "*", sort: str = "", start: int = 0, size: int = 100):
        q = SearchQuery(query=query, free_text=free_text, sort=sort, start=start, size=size, shape="full")
        result = read(q.run)
        return result.total_hits, [w.workflow_id for w in result.results]

    return run


def test_default_order_is_newest_first_with_a_stable_tie_break(search):
    assert search() == (5, ["b1", "b2", "a3", "a2", "a1"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("workflowType = Orders", ["a1", "a2"]),
        ("workflowType = 'Orders' AND version = 2", ["a2"]),
        ("status IN (RUNNING, FAILED)", ["a1", "a3", "b1"]),
        ('status IN ("TERMINATED")', ["b2"]),
        ("version IN (2,3)", ["a2", "b2"]),
        ("startTime > 2000", ["a3", "b1", "b2"]),
        ("startTime < 2000", ["a1"]),
        ("startTime > 1000 AND startTime < 4000", ["a2", "a3"]),
        ("priority = 5", ["a2", "b1"]),
        ("correlationId = c-1", ["a1", "b1"]),
        ("workflowId = a*", ["a1", "a2", "a3"]),
        # Wildcards ignore case on every backend, and `_` is a literal character, not "any".
        ("workflowType = ORD*", ["a1", "a2", "a3"]),
        ("workflowType = orders_*", ["a3"]),
        ("workflowType = Orders_*", ["a3"]),
        ("version = 1*", ["a1", "a3", "b1"]),
        ("unknownField = x AND status = RUNNING", ["a1", "b1"]),
        ("status = NOTHING", []),
    ],
)
def test_query_operators(search, query, expected):
    total, ids = search(query, sort="workflowId:ASC")
    assert (total, ids) == (len(expected), expected)


@pytest.mark.parametrize(
    ("free_text", "expected"),
    [
        ("alice", ["a1"]),  # case-insensitive
        ("bob_smith", ["a2"]),
        ("bob%", []),  # % is literal, and "bob%" does not occur
        ("100%", ["a3"]),
        ("*", ["a1", "a2", "a3", "b1", "b2"]),
    ],
)
def test_free_text(search, free_text, expected):
    assert search(free_text=free_text, sort="workflowId:ASC")[1] == expected


def test_free_text_combines_with_query(search):
    assert search("workflowType = Billing", free_text="dave") == (1, ["b1"])


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("startTime:ASC", ["a1", "a2", "a3", "b1", "b2"]),
        ("priority:DESC|workflowId:DESC", ["a3", "b1", "a2", "b2", "a1"]),
        ("workflowType:ASC|version:DESC", ["b2", "b1", "a2", "a1", "a3"]),
        # NULLs sort as the smallest value on both backends.
        ("correlationId:ASC", ["a2", "b2", "a1", "b1", "a3"]),
        ("correlationId:DESC", ["a3", "a1", "b1", "a2", "b2"]),
        ("nonsense:DESC", ["b1", "b2", "a3", "a2", "a1"]),
    ],
)
def test_sort(search, sort, expected):
    assert search(sort=sort)[1] == expected


def test_pagination_counts_all_hits_and_pages_do_not_overlap(search):
    pages = [search(sort="startTime:DESC", start=start, size=2) for start in (0, 2, 4, 6)]

    assert [total for total, _ in pages] == [5, 5, 5, 5]
    assert [ids for _, ids in pages] == [["b1", "b2"], ["a3", "a2"], ["a1"], []]


@pytest.mark.parametrize(
    "query",
    [
        "status RUNNING",
        "startTime > yesterday",
        "version = two",
        "priority IN (1, high)",
        "status IN ()",
    ],
)
def test_malformed_query_is_bad_request(search, query):
    with pytest.raises(BadRequest, match="Incorrectly formatted query string"):
        search(query)


def test_summary_shape(read, write):
    wf = workflow("s1", "Orders", 3, WorkflowStatus.COMPLETED, 1_000, end_time=1_500, input={"k": 1})
    write(lambda tx: tx.insert_workflow(wf))

    result = read(SearchQuery(query="workflowId = s1").run)

    summary = result.results[0]
    assert (result.total_hits, summary.workflow_type, summary.version, summary.status) == (
        1,
        "Orders",
        3,
        "COMPLETED",
    )
    assert (summary.start_time, summary.end_time, summary.execution_time) == (
        "1970-01-01T00:00:01.000Z",
        "1970-01-01T00:00:01.500Z",
        500,
    )
