"""The UI's page logic without a browser: filters <-> URL <-> search query, queues, failures."""

from __future__ import annotations

import shlex
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from conductor.server.domain.execution import PollData
from conductor.server.ui import views


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_filter_from_url_builds_conductor_query_and_round_trips() -> None:
    url = (
        "/executions?workflowType=orders,billing&status=FAILED&status=RUNNING&status=BOGUS"
        "&correlationId=c-1&startFrom=2026-12-01T10:00&startTo=2026-12-02T00:00&q=needle"
        "&sort=endTime:ASC&start=50&size=50&refresh=0"
    )
    flt = views.ExecutionFilter.from_params(_params(url))
    assert flt.workflow_types == ("orders", "billing")
    assert flt.statuses == ("FAILED", "RUNNING")  # unknown statuses are dropped
    assert flt.refresh is False
    assert flt.query() == (
        "workflowType IN (orders,billing) AND status IN (FAILED,RUNNING) AND correlationId = 'c-1' "
        "AND startTime > 1796119199999 AND startTime < 1796169600001"
    )
    again = views.ExecutionFilter.from_params(_params(flt.url()))
    assert again == flt


def test_filter_rejects_bad_sort_size_and_start() -> None:
    flt = views.ExecutionFilter.from_params(
        {"sort": ["json:DESC; DROP"], "size": ["100000"], "start": ["-5"]}
    )
    assert (flt.sort, flt.size, flt.start) == ("startTime:DESC", 100, 0)


def test_quotes_and_commas_cannot_break_out_of_a_clause() -> None:
    flt = views.ExecutionFilter.from_params({"correlationId": ["a', b' AND status = 'X"]})
    assert flt.query() == "correlationId = 'a  b AND status = X'"


def test_sort_link_flips_direction_and_resets_paging() -> None:
    flt = views.ExecutionFilter.from_params({"sort": ["startTime:DESC"], "start": ["25"]})
    params = _params(flt.sort_url("startTime"))
    assert params["sort"] == ["startTime:ASC"]
    assert "start" not in params
    assert _params(flt.sort_url("status"))["sort"] == ["status:DESC"]


def test_curl_is_a_shell_safe_search_call() -> None:
    flt = views.ExecutionFilter.from_params({"workflowType": ["it's"], "q": ["a b"]})
    command = flt.curl("http://127.0.0.1:8080/", auth=True)
    words = shlex.split(command)
    assert words[:2] == ["curl", "-s"]
    assert words[2:4] == ["-H", "X-Authorization: <token from POST /api/token>"]
    url = urlsplit(words[4])
    assert url.path == "/api/workflow/search"
    query = parse_qs(url.query)
    assert query["freeText"] == ["a b"]
    assert query["query"] == ["workflowType IN (its)"]
    assert "X-Authorization" not in flt.curl("http://h/", auth=False)


def test_page_bounds() -> None:
    page = views.Page(start=25, size=25, total=60)
    assert (page.first, page.last, page.previous, page.next) == (26, 50, 0, 50)
    last = views.Page(start=50, size=25, total=60)
    assert (last.last, last.next) == (60, None)
    empty = views.Page(start=0, size=25, total=0)
    assert (empty.first, empty.last, empty.previous, empty.next) == (0, 0, None, None)


def test_queue_rows_flag_waiting_work_nobody_polls() -> None:
    now = 10_000_000
    rows = views.queue_rows(
        sizes={"served": 3, "stuck": 2, "eu:served": 1, "idle": 0},
        polls=[
            PollData(queue_name="served", worker_id="w1", last_poll_time=now - 1_000),
            PollData(queue_name="served", domain="eu", worker_id="w2", last_poll_time=now - 500),
            PollData(queue_name="stuck", worker_id="gone", last_poll_time=now - 120_000),
        ],
        task_def_names=["served", "never_used"],
        now_ms=now,
    )
    by_key = {(r.task_type, r.domain): r for r in rows}
    assert rows[0].task_type == "stuck" and rows[0].stuck  # flagged rows first
    assert by_key[("stuck", None)].worker_id == "gone"
    assert not by_key[("served", None)].stuck and by_key[("served", None)].depth == 3
    assert by_key[("served", "eu")].depth == 1 and by_key[("served", "eu")].worker_id == "w2"
    assert by_key[("never_used", None)].defined and by_key[("never_used", None)].depth == 0
    assert not by_key[("idle", None)].stuck


def test_failures_grouped_by_workflow_and_reason() -> None:
    runs = [
        SimpleNamespace(workflow_type="a", workflow_id=f"a{i}", reason_for_incompletion="timeout")
        for i in range(3)
    ] + [
        SimpleNamespace(workflow_type="b", workflow_id="b1", reason_for_incompletion=None),
        SimpleNamespace(workflow_type="b", workflow_id="b2", reason_for_incompletion="timeout"),
    ]
    by_wf = views.group_failures(runs, "workflowType", keep_ids=2)
    assert [(g.key, g.count, g.workflow_ids) for g in by_wf] == [
        ("a", 3, ["a0", "a1"]),
        ("b", 2, ["b1", "b2"]),
    ]
    by_reason = views.group_failures(runs, "reason")
    assert [(g.key, g.count) for g in by_reason] == [("timeout", 4), ("(no reason given)", 1)]


def test_durations_and_times_read_well() -> None:
    assert views.format_duration(250) == "250 ms"
    assert views.format_duration(2_500) == "2.5 s"
    assert views.format_duration(125_000) == "2 min 5 s"
    assert views.format_duration(3 * 3_600_000 + 60_000) == "3 h 1 min"
    assert views.format_duration(50 * 3_600_000) == "2 d 2 h"
    assert views.format_ms(0) == ""
    assert views.format_ms(1_764_583_200_123) == "2025-12-01 10:00:00.123"
    assert views.format_iso("2026-12-01T10:00:00.123Z") == "2026-12-01 10:00:00.123"


def test_json_tree_is_escaped_collapsible_and_bounded() -> None:
    tree = str(views.json_tree({"html": "<script>x</script>", "list": [1, {"deep": True}]}))
    assert "<script>" not in tree and "&lt;script&gt;" in tree
    assert tree.count("<details") == 3 and "{ 2 keys }" in tree and "[ 2 items ]" in tree
    big = str(views.json_tree({"rows": list(range(10_000))}))
    assert big.count("<li>") < views.TREE_MAX_NODES + 10  # the rest is shown as text
    assert '<pre class="json">' in big and "9999" in big
    assert str(views.json_tree("plain")) == '<span class="v">&#34;plain&#34;</span>'


def test_task_rows_escape_and_mark_the_selected_attempt() -> None:
    from conductor.server.domain.definitions import WorkflowDef
    from conductor.server.domain.execution import Task, Workflow

    wf = Workflow(workflow_id="w", workflow_definition=WorkflowDef(name="n"))
    assert "No tasks yet." in str(views.task_rows(wf, 0, None))
    wf.tasks = [
        Task(
            task_id="a/1", task_type="SIMPLE", reference_task_name="<b>x</b>", workflow_instance_id="w", seq=1
        ),
        Task(
            task_id="b",
            task_type="WAIT",
            reference_task_name="y",
            workflow_instance_id="w",
            seq=2,
            worker_id='"><i>',
        ),
    ]
    html = str(views.task_rows(wf, 0, "b"))
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html and "<i>" not in html
    assert 'href="?task=a%2F1"' in html
    assert html.count('class="selected"') == 1 and html.index('class="selected"') > html.index("a%2F1")


def test_latest_versions_groups_definitions_by_name() -> None:
    from conductor.server.domain.definitions import WorkflowDef

    defs = [
        WorkflowDef(name="b", version=1),
        WorkflowDef(name="a", version=2),
        WorkflowDef(name="a", version=1),
    ]
    rows = views.latest_versions(defs)
    assert [(d.name, d.version, versions) for d, versions in rows] == [("a", 2, [1, 2]), ("b", 1, [1])]


def test_task_table_view_lives_in_the_url_and_stays_in_range() -> None:
    table = views.TaskTable.from_params(
        {"tasks_page": ["3"], "tasks_status": ["failed"], "task": ["t/1"], "other": ["x"]}
    )
    assert (table.page, table.status, table.selected) == (3, "failed", "t/1")
    assert table.statuses == ("FAILED", "FAILED_WITH_TERMINAL_ERROR", "TIMED_OUT")
    assert table.url() == "?tasks_page=3&tasks_status=failed&task=t%2F1"
    assert table.url(page=1, selected="") == "?tasks_status=failed"
    assert views.TaskTable().url() == "?" and views.TaskTable().url(selected="a") == "?task=a"
    # Unknown filters and pages that are not numbers fall back to every task, first page.
    assert views.TaskTable.from_params({"tasks_page": ["-2"], "tasks_status": ["<x>"]}) == views.TaskTable()
    assert views.TaskTable.from_params({"tasks_page": ["abc"]}).page == 1
    # A page past the end shows the last one; an empty table has one (empty) page.
    within = views.TaskTable(page=99).within(250)
    assert (within.page, within.pages, within.start, within.first, within.last) == (3, 3, 200, 201, 250)
    empty = views.TaskTable(page=4).within(0)
    assert (empty.page, empty.pages, empty.first, empty.last) == (1, 1, 0, 0)


def test_outline_counts_pages_and_failures() -> None:
    statuses = ["COMPLETED"] * 5 + ["FAILED", "IN_PROGRESS", "TIMED_OUT", "SKIPPED", "SCHEDULED"]
    outline = [(f"t{i}", i + 1, f"r{i}", "SIMPLE", "d", s, 1000 + i) for i, s in enumerate(statuses)]
    assert views.status_counts(outline) == {"": 10, "failed": 2, "running": 2, "completed": 5, "other": 1}
    assert views.latest_failed(outline) == (["t7", "t5"], 2)
    assert views.latest_failed(outline, limit=1) == (["t7"], 2)
    table = views.TaskTable(page=2, size=4).within(10)
    assert [row[0] for row in views.table_rows(outline, table)] == ["t4", "t5", "t6", "t7"]
    failed = views.TaskTable(status="failed").within(2)
    assert [row[0] for row in views.table_rows(outline, failed)] == ["t5", "t7"]
    wf = SimpleNamespace(status=SimpleNamespace(value="RUNNING"), update_time=5, tasks=[])
    assert views.live_version(wf, outline) == "RUNNING:5:10:1009"  # type: ignore[arg-type]


def test_pretty_json_is_indented_wire_json() -> None:
    from conductor.server.domain.execution import Task

    assert views.pretty_json({"a": [1, {"b": None}], "é": "<x>"}) == (
        '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ],\n  "é": "<x>"\n}'
    )
    task = Task(task_id="t", task_type="SIMPLE", reference_task_name="r", workflow_instance_id="w")
    assert '"taskId": "t"' in views.pretty_json(task) and '"status": "SCHEDULED"' in views.pretty_json(task)
    assert views.pretty_json({"when": object}).startswith('{\n  "when": "<class')  # not JSON: as text


def test_json_block_shows_a_value_too_big_for_a_tree_once() -> None:
    small = str(views.json_block({"a": "<b>"}, "wf-input"))
    assert small.startswith('<div class="tree"><details') and small.count("&lt;b&gt;") == 2
    assert '<pre class="json" id="wf-input" hidden>' in small
    big = str(views.json_block({"items": [{f"k{i}": i} for i in range(8000)]}, "wf-input"))
    assert big.count('id="wf-input"') == 1 and "hidden" not in big and big.count("&#34;k7999&#34;: 7999") == 1
