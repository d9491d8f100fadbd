"""Workflow search filtered by several statuses or names (docs/api.md §2.10): the page read as
one ordered walk per (status, name) combination and merged gives exactly the rows and order of
the plain query, on both backends, including ties on the start time and later pages."""

from __future__ import annotations

import itertools

import pytest

from conductor.server.domain.status import WorkflowStatus
from conductor.server.persistence.search import SearchQuery
from contract.records import workflow

NAMES = ("orders", "billing", "emails")
STATUSES = (WorkflowStatus.RUNNING, WorkflowStatus.COMPLETED, WorkflowStatus.FAILED, WorkflowStatus.PAUSED)


@pytest.fixture
def rows(write):
    stored = []
    for n, (name, status) in enumerate(itertools.product(NAMES, STATUSES)):
        for k in range(5):
            # Several workflows share each start time: the workflow id breaks the tie.
            wid = f"w{(n * 7 + k * 3) % 61:02d}-{n}-{k}"
            stored.append((wid, name, status.value, 1_000 + (n * 5 + k) % 9 * 10))
    for wid, name, status, created in stored:
        wf = workflow(wid, name, status=WorkflowStatus(status), create_time=created)
        write(lambda tx, wf=wf: tx.insert_workflow(wf))
    return stored


def expected(rows, names, statuses, descending, start, size):
    hits = [r for r in rows if (not names or r[1] in names) and (not statuses or r[2] in statuses)]
    hits.sort(key=lambda r: r[0])
    hits.sort(key=lambda r: r[3], reverse=descending)
    return len(hits), [r[0] for r in hits[start : start + size]]


CASES = [
    ((), ("RUNNING", "COMPLETED")),
    ((), ("FAILED", "RUNNING", "PAUSED")),
    (("orders", "emails"), ()),
    (("orders", "billing"), ("COMPLETED", "FAILED")),
    (("emails",), ("RUNNING", "PAUSED")),
    (("orders", "billing", "emails"), ("RUNNING", "COMPLETED", "FAILED", "PAUSED")),
]


@pytest.mark.parametrize(("names", "statuses"), CASES)
@pytest.mark.parametrize("sort", ["", "startTime:DESC", "startTime:ASC"])
@pytest.mark.parametrize(("start", "size"), [(0, 7), (5, 9), (40, 100)])
def test_several_values_give_the_plain_querys_page(read, rows, names, statuses, sort, start, size):
    clauses = []
    if names:
        clauses.append(f"workflowType IN ({','.join(names)})")
    if statuses:
        clauses.append(f"status IN ({','.join(statuses)})")
    query = SearchQuery(query=" AND ".join(clauses), sort=sort, start=start, size=size, shape="full")
    result = read(query.run)
    assert (result.total_hits, [w.workflow_id for w in result.results]) == expected(
        rows, names, statuses, sort != "startTime:ASC", start, size
    )


def test_several_values_are_read_per_combination(read, rows):
    """The split applies (status x name combinations) and stays within its bound."""
    query = SearchQuery(query="workflowType IN (orders,billing) AND status IN (RUNNING,FAILED,RUNNING)")
    read(query.run)
    split = query._page_by_values(query._order(), 10)
    assert split is not None
    assert split[0].count("UNION ALL") == 3  # 2 names x 2 distinct statuses

    one_each = SearchQuery(query="workflowType IN (orders) AND status IN (RUNNING)")
    read(one_each.run)
    assert one_each._page_by_values(one_each._order(), 10) is None

    with_text = SearchQuery(query="status IN (RUNNING,FAILED)", free_text="orders")
    read(with_text.run)
    assert with_text._page_by_values(with_text._order(), 10) is None
