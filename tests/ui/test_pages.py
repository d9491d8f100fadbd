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
