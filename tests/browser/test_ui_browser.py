"""Click through the web UI as an operator would, in a real browser."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import httpx
import pytest
from tests.browser.conftest import UiServer

pytestmark = pytest.mark.slow


def _unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:6]}"


def _ok(response: httpx.Response) -> httpx.Response:
    assert response.status_code < 300, response.text
    return response


def _simple_workflow(api: httpx.Client, task: str, name: str) -> None:
    _ok(api.post("/metadata/taskdefs", json=[{"name": task, "retryCount": 0, "ownerEmail": "a@b.c"}]))
    body = {"name": name, "version": 1, "ownerEmail": "a@b.c"}
    body["tasks"] = [{"name": task, "taskReferenceName": f"{task}_ref", "type": "SIMPLE"}]
    _ok(api.post("/metadata/workflow", json=body))


def _poll(api: httpx.Client, task: str) -> dict[str, Any]:
    polled = _ok(api.get(f"/tasks/poll/{task}", params={"workerid": "browser-test"}))
    assert polled.status_code == 200, "no task to poll"
    result: dict[str, Any] = polled.json()
    return result


def _report(api: httpx.Client, task: dict[str, Any], status: str, **fields: Any) -> None:
    body = {"workflowInstanceId": task["workflowInstanceId"], "taskId": task["taskId"], "status": status}
    _ok(api.post("/tasks", json={**body, **fields}))


def test_find_failure_inspect_retry_and_watch_it_complete(ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    api = ui_server.api
    task, name = _unique("charge"), _unique("checkout")
    _simple_workflow(api, task, name)
    workflow_id = _ok(api.post("/workflow", json={"name": name, "input": {"amount": 42}})).text
    failing = _poll(api, task)
    _ok(api.post(f"/tasks/{failing['taskId']}/log", content=b"gateway said no"))
    _report(
        api,
        failing,
        "FAILED",
        reasonForIncompletion="card declined by the bank",
        outputData={"code": "DECLINED"},
    )

    page.goto(f"{ui_server.base}/executions?workflowType={name}")
    page.get_by_label("FAILED").check()
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"status=FAILED"))
    page.get_by_role("link", name=workflow_id).click()

    expect(page).to_have_url(f"{ui_server.base}/execution/{workflow_id}")
    failure = page.get_by_role("alert", name="Failure")
    expect(failure).to_contain_text("card declined by the bank")
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads

    failure.get_by_role("link", name=f"{task}_ref").click()
    panel = page.locator("#task-panel")
    expect(panel).to_be_visible()
    panel.get_by_role("tab", name="Input").click()
    expect(panel.locator("[data-pane=input] .tree")).to_be_visible()
    panel.get_by_role("tab", name="Output").click()
    expect(panel.locator("[data-pane=output] .tree")).to_contain_text("DECLINED")
    panel.get_by_role("tab", name=re.compile("Logs")).click()
    expect(panel).to_contain_text("gateway said no")

    page.get_by_role("button", name="Retry", exact=True).click()
    expect(page.locator("#wf-status")).to_have_text("RUNNING")
    _report(api, _poll(api, task), "COMPLETED", outputData={"ok": True})
    expect(page.locator("#wf-status")).to_have_text("COMPLETED", timeout=20_000)
    assert page.evaluate("window.__sameDocument") is True


def test_run_a_workflow_from_its_definition_page(ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    task, name = _unique("step"), _unique("runme")
    _simple_workflow(ui_server.api, task, name)
    page.goto(f"{ui_server.base}/definitions")
    page.get_by_role("link", name=name).click()
    expect(page.locator(".diagram svg")).to_be_visible()
    form = page.locator("#run-form")
    form.get_by_label("Input JSON").fill('{"who": "browser"}')
    form.get_by_label("Correlation id").fill("from-the-ui")
    form.get_by_role("button", name="Run workflow").click()
    expect(page).to_have_url(re.compile(r"/execution/[0-9a-f-]{36}$"))
    expect(page.locator("#wf-status")).to_have_text("RUNNING")
    workflow_id = page.url.rsplit("/", 1)[1]
    started = _ok(ui_server.api.get(f"/workflow/{workflow_id}")).json()
    assert started["input"] == {"who": "browser"} and started["correlationId"] == "from-the-ui"


def test_invalid_json_and_invalid_definitions_are_shown_inline(ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(f"{ui_server.base}/definitions/new")
    editor = page.get_by_label("Workflow definition JSON")
    editor.fill('{"name": "broken", ')
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#def-form .form-error")).to_contain_text("not valid JSON")
    name = _unique("invalid")
    editor.fill(json.dumps({"name": name, "version": 1, "tasks": []}))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#def-form .form-error")).to_contain_text("tasks")
    assert ui_server.api.get(f"/metadata/workflow/{name}").status_code == 404  # nothing saved


def test_complete_a_wait_task_from_its_form(ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    name = _unique("approval")
    body = {"name": name, "version": 1, "ownerEmail": "a@b.c"}
    body["tasks"] = [{"name": "wait_for_ok", "taskReferenceName": "wait_for_ok", "type": "WAIT"}]
    _ok(ui_server.api.post("/metadata/workflow", json=body))
    workflow_id = _ok(ui_server.api.post("/workflow", json={"name": name, "input": {}})).text

    page.goto(f"{ui_server.base}/execution/{workflow_id}")
    page.locator("table.tasks").get_by_role("link", name="wait_for_ok").click()
    form = page.get_by_role("form", name="Complete or fail this task")
    form.get_by_label("Output JSON").fill('{"approved": true}')
    form.get_by_role("button", name="Complete", exact=True).click()
    expect(page.locator("#wf-status")).to_have_text("COMPLETED")
    done = _ok(ui_server.api.get(f"/workflow/{workflow_id}")).json()
    assert done["tasks"][0]["outputData"] == {"approved": True}


def test_bulk_terminate_from_the_list(ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    task, name = _unique("bulk"), _unique("bulkwf")
    _simple_workflow(ui_server.api, task, name)
    ids = [_ok(ui_server.api.post("/workflow", json={"name": name, "input": {}})).text for _ in range(3)]
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{ui_server.base}/executions?workflowType={name}&refresh=0")
    page.get_by_label("Select all on this page").check()
    page.get_by_role("button", name="Terminate").click()
    expect(page.locator("#toast")).to_contain_text("terminate: 3 done")
    for workflow_id in ids:
        assert _ok(ui_server.api.get(f"/workflow/{workflow_id}")).json()["status"] == "TERMINATED"


def test_hostile_input_renders_as_text(ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    task, name = _unique("xss"), _unique("xsswf")
    _simple_workflow(ui_server.api, task, name)
    hostile = {"a": "<script>window.__xss = 1</script>", "b": '"><img src=x onerror="window.__xss = 2">'}
    workflow_id = _ok(
        ui_server.api.post("/workflow", json={"name": name, "input": hostile, "correlationId": hostile["b"]})
    ).text
    _report(ui_server.api, _poll(ui_server.api, task), "FAILED", reasonForIncompletion=hostile["a"])
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{ui_server.base}/executions?workflowType={name}")
    expect(page.locator("table.executions")).to_contain_text(hostile["b"])
    page.goto(f"{ui_server.base}/execution/{workflow_id}")
    expect(page.get_by_role("alert", name="Failure")).to_contain_text(hostile["a"])
    page.get_by_text("Input", exact=True).click()
    expect(page.locator(".io .tree").first).to_contain_text("onerror")
    assert page.evaluate("window.__xss") is None
    assert dialogs == []


def test_signed_in_ui_uses_the_api_keys(secured_ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    server = secured_ui_server
    page.goto(f"{server.base}/executions")
    expect(page).to_have_url(re.compile(r"/login\?next=/executions"))
    page.get_by_label("Key id").fill("ui-key")
    page.get_by_label("Key secret").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("wrong secret")
    page.get_by_label("Key id").fill("ui-key")
    page.get_by_label("Key secret").fill("ui-secret")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{server.base}/executions")
    # Actions from the page are authorised by the sign-in cookie plus the UI's own header...
    page.goto(f"{server.base}/definitions/new")
    name = _unique("signed")
    definition = {"name": name, "version": 1, "ownerEmail": "a@b.c"}
    definition["tasks"] = [{"name": "w", "taskReferenceName": "w", "type": "WAIT"}]
    page.get_by_label("Workflow definition JSON").fill(json.dumps(definition))
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(f"/definitions/workflow/{name}"))
    # ...but the cookie alone does not authorise a write (what a cross-site form would send).
    status = page.evaluate(
        """async () => (await fetch('/api/metadata/taskdefs', {method: 'POST',
             headers: {'Content-Type': 'application/json'}, body: '[{"name": "forged"}]'})).status"""
    )
    assert status == 401


def test_keyboard_only_opens_a_task_from_the_diagram(ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    name = _unique("keys")
    body = {"name": name, "version": 1, "ownerEmail": "a@b.c"}
    body["tasks"] = [{"name": "hold", "taskReferenceName": "hold", "type": "WAIT"}]
    _ok(ui_server.api.post("/metadata/workflow", json=body))
    workflow_id = _ok(ui_server.api.post("/workflow", json={"name": name, "input": {}})).text
    page.goto(f"{ui_server.base}/execution/{workflow_id}")
    node = page.locator(".diagram svg g.node[data-ref=hold]")
    for _ in range(60):  # Tab through the page until the node has the focus
        page.keyboard.press("Tab")
        if node.evaluate("n => n === document.activeElement"):
            break
    else:
        raise AssertionError("the diagram node is not reachable with Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#task-panel")).to_contain_text("hold")
    expect(page).to_have_url(re.compile(r"\?task="))


def test_pages_fit_a_phone_screen(ui_server: UiServer, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        phone = context.new_page()
        for path in ("/executions", "/definitions", "/queues", "/failures"):
            phone.goto(ui_server.base + path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 392, f"{path} is {width} px wide on a 390 px screen"
    finally:
        context.close()


def test_page_through_the_tasks_of_a_big_fork_without_reloading(ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    api = ui_server.api
    item, name = _unique("item"), _unique("fanout")
    _ok(api.post("/metadata/taskdefs", json=[{"name": item, "retryCount": 0, "ownerEmail": "a@b.c"}]))
    fork = {
        "name": "fan",
        "taskReferenceName": "fan",
        "type": "FORK_JOIN_DYNAMIC",
        "inputParameters": {"forkTaskName": item, "forkTaskInputs": "${workflow.input.items}"},
        "dynamicForkTasksParam": "dynamicTasks",
        "dynamicForkTasksInputParamName": "dynamicTasksInput",
    }
    join = {"name": "fan_join", "taskReferenceName": "fan_join", "type": "JOIN"}
    body = {"name": name, "version": 1, "ownerEmail": "a@b.c", "tasks": [fork, join]}
    _ok(api.post("/metadata/workflow", json=body))
    items = [{"n": i} for i in range(150)]
    workflow_id = _ok(api.post("/workflow", json={"name": name, "input": {"items": items}})).text

    page.goto(f"{ui_server.base}/execution/{workflow_id}")
    tasks = page.get_by_role("region", name="Tasks")
    expect(tasks.locator(".task-pager").first).to_contain_text("Tasks 1\u2013100 of 152")
    expect(tasks.locator("table.tasks tbody tr")).to_have_count(100)
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads

    tasks.get_by_role("navigation", name="Task table pages (top)").get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"\?tasks_page=2$"))
    expect(tasks.locator(".task-pager").first).to_contain_text("Tasks 101\u2013152 of 152")
    expect(tasks.locator("table.tasks tbody tr")).to_have_count(52)
    # A row of page 2 opens its task; the URL keeps the page, and so does the live refresh.
    tasks.locator("table.tasks").get_by_role("link", name="fan_join").click()
    expect(page.locator("#task-panel")).to_contain_text("fan_join")
    expect(page).to_have_url(re.compile(r"\?tasks_page=2&task="))
    page.wait_for_timeout(2000)  # a live refresh or more
    expect(tasks.locator(".task-pager").first).to_contain_text("Tasks 101\u2013152 of 152")
    page.go_back()
    expect(page.locator("#task-panel")).to_have_count(0)
    assert page.evaluate("window.__sameDocument") is True
