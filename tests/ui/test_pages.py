"""The UI's pages over HTTP (in-process): what they show, escaping, errors and sign-in."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

HOSTILE = "<script>alert(1)</script>"
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(2)>'


@pytest.fixture
async def ui(server: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=server.app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://127.0.0.1", timeout=30, headers={"Accept": "text/html"}
    ) as client:
        yield client


async def _define(api: httpx.AsyncClient, name: str, tasks: list[dict[str, Any]]) -> None:
    response = await api.post(
        "/metadata/workflow", json={"name": name, "version": 1, "ownerEmail": "a@b.c", "tasks": tasks}
    )
    assert response.status_code == 200, response.text


async def _start(api: httpx.AsyncClient, name: str, body: dict[str, Any] | None = None) -> str:
    response = await api.post("/workflow", json={"name": name, "input": {}, **(body or {})})
    assert response.status_code == 200, response.text
    return response.text


async def _fail_first_task(api: httpx.AsyncClient, task_type: str, reason: str) -> dict[str, Any]:
    polled = await api.get(f"/tasks/poll/{task_type}", params={"workerid": "w-1"})
    assert polled.status_code == 200, polled.text
    task = polled.json()
    done = await api.post(
        "/tasks",
        json={
            "workflowInstanceId": task["workflowInstanceId"],
            "taskId": task["taskId"],
            "status": "FAILED_WITH_TERMINAL_ERROR",
            "reasonForIncompletion": reason,
            "outputData": {"why": reason},
        },
    )
    assert done.status_code == 200, done.text
    return task


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


async def test_root_redirects_to_executions(ui: httpx.AsyncClient) -> None:
    response = await ui.get("/")
    assert response.status_code in (301, 302, 303, 307)
    assert response.headers["location"] == "/executions"


async def test_executions_list_filters_by_status(ui: httpx.AsyncClient, api: httpx.AsyncClient) -> None:
    await api.post("/metadata/taskdefs", json=[{"name": "ui_t", "retryCount": 0, "ownerEmail": "a@b.c"}])
    await _define(api, "ui_list", [{"name": "ui_t", "taskReferenceName": "t1", "type": "SIMPLE"}])
    failed_id = await _start(api, "ui_list", {"correlationId": "fail-1"})
    task = await _fail_first_task(api, "ui_t", "card declined")
    assert task["workflowInstanceId"] == failed_id
    other = await _start(api, "ui_list", {"correlationId": "run-1"})

    page = await ui.get("/executions", params=[("status", "FAILED")])
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert failed_id in page.text and other not in page.text
    assert "card declined" in page.text
    assert "1\u20131 of 1" in _text(page.text)
    # The filters are in the URL, shown back checked.
    assert re.search(r'value="FAILED"\s+checked', page.text)

    everything = await ui.get("/executions")
    assert failed_id in everything.text and other in everything.text
    fragment = await ui.get("/executions", params={"fragment": "1"})
    assert "<html" not in fragment.text and failed_id in fragment.text


async def test_bad_search_shows_the_message(ui: httpx.AsyncClient) -> None:
    page = await ui.get("/executions", params={"startFrom": "not-a-date", "q": "x"})
    assert page.status_code == 200  # an unreadable date is ignored, not an error page


async def test_execution_page_shows_reason_task_and_logs(
    ui: httpx.AsyncClient, api: httpx.AsyncClient
) -> None:
    await api.post("/metadata/taskdefs", json=[{"name": "ui_f", "retryCount": 0, "ownerEmail": "a@b.c"}])
    await _define(api, "ui_fail", [{"name": "ui_f", "taskReferenceName": "charge", "type": "SIMPLE"}])
    workflow_id = await _start(api, "ui_fail", {"input": {"amount": 42}})
    task = await _fail_first_task(api, "ui_f", "card declined by bank")
    assert (await api.post(f"/tasks/{task['taskId']}/log", content=b"tried twice")).status_code == 200

    page = await ui.get(f"/execution/{workflow_id}")
    assert page.status_code == 200
    text = _text(page.text)
    assert "FAILED" in text and "card declined by bank" in text
    assert 'class="failure"' in page.text  # the reason sits at the top, in its own box
    assert "<svg" in page.text  # the diagram
    assert f'data-task-id="{task["taskId"]}"' in page.text

    panel = await ui.get(f"/execution/{workflow_id}", params={"task": task["taskId"]})
    assert 'id="task-panel"' in panel.text
    assert "tried twice" in panel.text
    assert (
        "&#34;why&#34;: &#34;card declined by bank&#34;" in panel.text
        or '"why": "card declined by bank"' in _text(panel.text.replace("&#34;", '"'))
    )
    live = await ui.get(f"/execution/{workflow_id}", params={"task": task["taskId"], "fragment": "1"})
    assert "<html" not in live.text and 'id="task-panel"' in live.text


async def test_user_text_is_escaped_everywhere(ui: httpx.AsyncClient, api: httpx.AsyncClient) -> None:
    await api.post("/metadata/taskdefs", json=[{"name": "ui_x", "retryCount": 0, "ownerEmail": "a@b.c"}])
    await _define(api, "ui_xss", [{"name": "ui_x", "taskReferenceName": "x", "type": "SIMPLE"}])
    workflow_id = await _start(
        api, "ui_xss", {"input": {"html": HOSTILE, "attr": ATTRIBUTE_BREAK}, "correlationId": ATTRIBUTE_BREAK}
    )
    task = await _fail_first_task(api, "ui_x", HOSTILE + ATTRIBUTE_BREAK)
    pages = [
        await ui.get("/executions"),
        await ui.get("/executions", params={"q": HOSTILE, "correlationId": ATTRIBUTE_BREAK}),
        await ui.get(f"/execution/{workflow_id}", params={"task": task["taskId"]}),
        await ui.get("/failures"),
        await ui.get(f"/execution/{HOSTILE}"),
    ]
    for page in pages:
        assert HOSTILE not in page.text, page.url
        assert "<img src=x" not in page.text, page.url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[2].text


async def test_unknown_execution_is_a_friendly_404(ui: httpx.AsyncClient) -> None:
    page = await ui.get("/execution/does-not-exist")
    assert page.status_code == 404
    assert "No workflow execution with id does-not-exist" in page.text
    assert 'role="search"' in page.text
    unknown = await ui.get("/no/such/page")
    assert unknown.status_code == 404 and "<form" in unknown.text
    # The API keeps Conductor's JSON error for unknown paths.
    api_404 = await ui.get("/api/no/such/thing", headers={"Accept": "application/json"})
    assert api_404.status_code == 404 and api_404.json()["status"] == 404


async def test_definitions_pages(ui: httpx.AsyncClient, api: httpx.AsyncClient) -> None:
    await _define(
        api,
        "ui_defs",
        [
            {
                "name": "pick",
                "taskReferenceName": "pick",
                "type": "SWITCH",
                "evaluatorType": "value-param",
                "expression": "kind",
                "inputParameters": {"kind": "${workflow.input.kind}"},
                "decisionCases": {"a": [{"name": "wait_a", "taskReferenceName": "wait_a", "type": "WAIT"}]},
                "defaultCase": [],
            }
        ],
    )
    listing = await ui.get("/definitions")
    assert listing.status_code == 200 and "/definitions/workflow/ui_defs" in listing.text
    page = await ui.get("/definitions/workflow/ui_defs")
    assert page.status_code == 200
    assert "<svg" in page.text and 'id="run-form"' in page.text and "wait_a" in page.text
    assert (await ui.get("/definitions/workflow/nope")).status_code == 404
    assert (await ui.get("/definitions/new")).status_code == 200
    await api.post("/metadata/taskdefs", json=[{"name": "ui_td", "ownerEmail": "a@b.c"}])
    tasks = await ui.get("/taskdefs", params={"name": "ui_td"})
    assert tasks.status_code == 200 and "ui_td" in tasks.text
    assert (await ui.get("/event-handlers")).status_code == 200


async def test_queues_page_flags_work_nobody_polls(ui: httpx.AsyncClient, api: httpx.AsyncClient) -> None:
    await api.post("/metadata/taskdefs", json=[{"name": "ui_q", "ownerEmail": "a@b.c"}])
    await _define(api, "ui_queue", [{"name": "ui_q", "taskReferenceName": "q", "type": "SIMPLE"}])
    await _start(api, "ui_queue")
    page = await ui.get("/queues")
    assert page.status_code == 200
    row = re.search(r"<tr class=\"stuck\">.*?</tr>", page.text, re.S)
    assert row is not None and "ui_q" in row.group(0) and "STUCK" in row.group(0)


async def test_failures_view_groups_by_workflow_and_reason(
    ui: httpx.AsyncClient, api: httpx.AsyncClient
) -> None:
    await api.post("/metadata/taskdefs", json=[{"name": "ui_g", "retryCount": 0, "ownerEmail": "a@b.c"}])
    await _define(api, "ui_group", [{"name": "ui_g", "taskReferenceName": "g", "type": "SIMPLE"}])
    for _ in range(2):
        await _start(api, "ui_group")
        await _fail_first_task(api, "ui_g", "upstream 502")
    page = await ui.get("/failures")
    assert page.status_code == 200
    text = _text(page.text)
    assert "2 failed, timed-out or terminated runs" in text
    assert re.search(r"ui_group\s*</a>\s*</td>\s*<td>2</td>", page.text)
    assert "upstream 502" in text


async def test_pages_carry_a_strict_content_security_policy(ui: httpx.AsyncClient) -> None:
    page = await ui.get("/executions")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    script = await ui.get("/static/ui.js")
    assert script.status_code == 200 and "X-Requested-With" in script.text


async def test_a_diagram_that_cannot_be_drawn_still_shows_the_json_and_why(
    ui: httpx.AsyncClient, api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conductor.server.ui import pages

    def broken(*args: Any) -> str:
        raise ValueError("forkTasks is not a list")

    await _define(api, "ui_broken", [{"name": "w", "taskReferenceName": "w", "type": "WAIT"}])
    workflow_id = await _start(api, "ui_broken")
    monkeypatch.setattr(pages, "render_diagram", broken)
    page = await ui.get(f"/execution/{workflow_id}")
    assert page.status_code == 200
    assert "The diagram could not be drawn: forkTasks is not a list" in page.text
    assert "Definition JSON" in page.text and "&#34;taskReferenceName&#34;: &#34;w&#34;" in page.text
    definition = await ui.get("/definitions/workflow/ui_broken")
    assert definition.status_code == 200 and "could not be drawn" in definition.text


async def test_diagram_and_timeline_styles_are_served_for_the_csp(ui: httpx.AsyncClient) -> None:
    css = await ui.get("/ui/svg.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert ".cd-diagram" in css.text and ".cd-timeline" in css.text and "<style>" not in css.text


# ---- a big execution: the page reads what it shows -----------------------------------------


BRANCHES = 2000


async def _big_fanout(api: httpx.AsyncClient) -> tuple[str, list[dict[str, Any]]]:
    """A running FORK_JOIN_DYNAMIC of 2,000 branches (2,002 tasks), three of them failed once
    (each with a second attempt scheduled: 2,005 tasks) and two completed."""
    taskdef = {"name": "ui_item", "retryCount": 1, "retryDelaySeconds": 0, "ownerEmail": "a@b.c"}
    assert (await api.post("/metadata/taskdefs", json=[taskdef])).status_code == 200
    fork = {
        "name": "fan",
        "taskReferenceName": "fan",
        "type": "FORK_JOIN_DYNAMIC",
        "inputParameters": {"forkTaskName": "ui_item", "forkTaskInputs": "${workflow.input.items}"},
        "dynamicForkTasksParam": "dynamicTasks",
        "dynamicForkTasksInputParamName": "dynamicTasksInput",
    }
    await _define(
        api, "ui_big", [fork, {"name": "fan_join", "taskReferenceName": "fan_join", "type": "JOIN"}]
    )
    workflow_id = await _start(api, "ui_big", {"input": {"items": [{"n": i} for i in range(BRANCHES)]}})
    polled = await api.get("/tasks/poll/batch/ui_item", params={"workerid": "w-1", "count": 5})
    assert polled.status_code == 200, polled.text
    worked = polled.json()
    assert len(worked) == 5
    for i, task in enumerate(worked):
        failed = i < 3
        body = {
            "workflowInstanceId": workflow_id,
            "taskId": task["taskId"],
            "status": "FAILED" if failed else "COMPLETED",
            "reasonForIncompletion": f"item {task['referenceTaskName']} broke" if failed else None,
        }
        assert (await api.post("/tasks", json=body)).status_code == 200
    return workflow_id, worked


def _table_rows(html: str) -> list[str]:
    body = re.search(r'<table class="grid tasks">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body is not None
    return re.findall(r"<tr[^>]*>.*?</tr>", body.group(1), re.S)


def _link(html: str, label: str) -> str:
    found = re.search(r'<a href="([^"]*)"[^>]*>' + re.escape(label) + "</a>", html)
    assert found is not None, label
    return found.group(1).replace("&amp;", "&")


async def test_a_2000_task_execution_shows_one_page_of_rows_with_working_pager_links(
    ui: httpx.AsyncClient, api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conductor.server.persistence.sql.store import SqlTx

    workflow_id, worked = await _big_fanout(api)
    total = BRANCHES + 2 + 3
    whole_loads: list[str] = []
    real = SqlTx.get_tasks_of

    def counted(self: SqlTx, wid: str, **kwargs: Any) -> Any:
        whole_loads.append(wid)
        return real(self, wid, **kwargs)

    monkeypatch.setattr(SqlTx, "get_tasks_of", counted)

    page = await ui.get(f"/execution/{workflow_id}")
    assert page.status_code == 200
    rows = _table_rows(page.text)
    assert len(rows) == 100
    assert [int(re.search(r"<td>(\d+)</td>", r).group(1)) for r in rows] == list(range(1, 101))  # type: ignore[union-attr]
    text = _text(page.text)
    assert f"Tasks 1\u2013100 of {total:,}" in text and "Page 1 of 21" in text
    assert f"All ({total:,})" in text and "Failed (3)" in text
    # The timeline draws the same page and says how many tasks it leaves out.
    timeline = page.text[page.text.index('class="cd-timeline"') :]
    assert timeline.count('<g class="bar ') == 100
    assert f"+{total - 100:,} more tasks" in timeline
    # The diagram still accounts for every branch: 16 columns and one "+N more" node.
    assert "+1984 more" in page.text

    # The pager's links are the page's own URL with ?tasks_page=N; following them works.
    next_page = await ui.get(f"/execution/{workflow_id}" + _link(page.text, "Next"))
    assert next_page.status_code == 200
    seqs = [int(re.search(r"<td>(\d+)</td>", r).group(1)) for r in _table_rows(next_page.text)]  # type: ignore[union-attr]
    assert seqs == list(range(101, 201))
    assert "Tasks 101\u2013200" in _text(next_page.text) and "Previous" in next_page.text
    last = await ui.get(f"/execution/{workflow_id}" + _link(page.text, "Last"))
    assert len(_table_rows(last.text)) == total - 2000 and "Page 21 of 21" in _text(last.text)
    assert "Next" not in _text(last.text)
    beyond = await ui.get(f"/execution/{workflow_id}", params={"tasks_page": "999"})
    assert beyond.status_code == 200 and "Page 21 of 21" in _text(beyond.text)
    # The live refresh (the page's URL plus fragment=1) keeps the page.
    live = await ui.get(f"/execution/{workflow_id}", params={"tasks_page": "2", "fragment": "1"})
    assert "<html" not in live.text and _table_rows(live.text) == _table_rows(next_page.text)
    # No view above read the workflow's 2,005 task documents.
    assert whole_loads == []


async def test_a_big_execution_lists_failures_and_opens_a_task_off_the_page(
    ui: httpx.AsyncClient, api: httpx.AsyncClient
) -> None:
    workflow_id, worked = await _big_fanout(api)
    failed_refs = {t["referenceTaskName"] for t in worked[:3]}
    page = await ui.get(f"/execution/{workflow_id}")
    box = re.search(r'<section class="failure".*?</section>', page.text, re.S)
    assert box is not None
    assert set(re.findall(r'data-task-id="[^"]+">([^<]+)</a>', box.group(0))) == failed_refs
    for ref in failed_refs:
        assert f"item {ref} broke" in box.group(0)

    failed_view = await ui.get(f"/execution/{workflow_id}" + _link(page.text, "Failed (3)").split("#")[0])
    rows = _table_rows(failed_view.text)
    assert len(rows) == 3 and all(">FAILED<" in r for r in rows)
    assert "aria-current" in _link_tag(failed_view.text, "Failed (3)")

    # A branch far down the run (seq 1,500: page 15), opened by its id from page 1.
    full = (await api.get(f"/workflow/{workflow_id}", params={"includeTasks": "true"})).json()
    deep = next(t for t in full["tasks"] if t["seq"] == 1500)
    opened = await ui.get(f"/execution/{workflow_id}", params={"task": deep["taskId"]})
    assert opened.status_code == 200
    panel = re.search(r'<aside class="task-panel".*?</aside>', opened.text, re.S)
    assert panel is not None and f'data-task-id="{deep["taskId"]}"' in panel.group(0)
    assert deep["referenceTaskName"] in panel.group(0)
    assert "Page 1 of 21" in _text(opened.text)
    assert not any(deep["taskId"] in r for r in _table_rows(opened.text))
    # Links keep the open task; closing it keeps the page.
    assert f"task={deep['taskId']}" in _link(opened.text, "Next")
    second = await ui.get(f"/execution/{workflow_id}", params={"tasks_page": "2", "task": deep["taskId"]})
    assert 'href="?tasks_page=2" data-close-panel' in second.text
    # An unknown id, or one no task can have (a NUL character), opens nothing.
    for bad in ("no-such-task", "\x00"):
        other = await ui.get(f"/execution/{workflow_id}", params={"task": bad})
        assert other.status_code == 200 and 'id="task-panel"' not in other.text


def _link_tag(html: str, label: str) -> str:
    found = re.search(r"<a [^>]*>" + re.escape(label) + "</a>", html)
    assert found is not None, label
    return found.group(0)
