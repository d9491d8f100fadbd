"""WAIT executed by a real server: durations, instants, signals, cost while waiting, restarts."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from .live_server import Api, LiveServer, running_server, task_by_ref, wait_until


def _name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def wait_workflow(name: str, inputs: dict[str, Any], *, then_inline: bool = True) -> dict[str, Any]:
    tasks: list[dict[str, Any]] = [
        {"name": "wait", "taskReferenceName": "wait_ref", "type": "WAIT", "inputParameters": inputs}
    ]
    if then_inline:
        tasks.append(
            {
                "name": "after",
                "taskReferenceName": "after_ref",
                "type": "INLINE",
                "inputParameters": {
                    "evaluatorType": "javascript",
                    "expression": "$.seen",
                    "seen": "${wait_ref.output}",
                },
            }
        )
    return {
        "name": name,
        "version": 1,
        "schemaVersion": 2,
        "tasks": tasks,
        "inputParameters": [],
        "outputParameters": {"waited": "${wait_ref.output}", "after": "${after_ref.output.result}"},
    }


@pytest.mark.parametrize(
    ("duration", "seconds"),
    [
        ("30s", 30),
        ("1 s", 1),
        ("5 minutes", 300),
        ("2 hours", 7200),
        ("1d 2h 30m", 95400),
        ("2 days", 172800),
        ("1h 1m 1s", 3661),
        ("10 SECS", 10),
    ],
)
def test_duration_formats_set_the_deadline(api: Api, duration: str, seconds: int) -> None:
    name = _name("wait_duration")
    api.register_ok(wait_workflow(name, {"duration": duration}))
    workflow_id = api.start(name)
    task = api.wait_for_task(workflow_id, "wait_ref", ("IN_PROGRESS",))
    # The deadline is taken a moment after startTime is stamped.
    assert 0 <= task["waitTimeout"] - task["startTime"] - seconds * 1000 < 1000
    assert task["callbackAfterSeconds"] == seconds


def test_short_duration_completes_after_it_elapses(api: Api) -> None:
    name = _name("wait_short")
    api.register_ok(wait_workflow(name, {"duration": "1s"}))
    started = time.monotonic()
    workflow_id = api.start(name)
    workflow = api.wait_for_status(workflow_id, within=15)
    elapsed = time.monotonic() - started
    wait = task_by_ref(workflow, "wait_ref")
    assert wait["status"] == "COMPLETED"
    assert wait["endTime"] - wait["startTime"] >= 1000
    assert 1.0 <= elapsed < 10
    assert task_by_ref(workflow, "after_ref")["status"] == "COMPLETED"


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("2099-01-31 00:00 UTC", datetime(2099, 1, 31, tzinfo=UTC)),
        ("2099-01-31 10:30", datetime(2099, 1, 31, 10, 30, tzinfo=UTC)),
        ("2099-01-31", datetime(2099, 1, 31, tzinfo=UTC)),
        ("2099-06-01 12:00 GMT+2", datetime(2099, 6, 1, 10, 0, tzinfo=UTC)),
    ],
)
def test_until_formats_set_the_deadline(api: Api, until: str, expected: datetime) -> None:
    name = _name("wait_until")
    api.register_ok(wait_workflow(name, {"until": until}))
    workflow_id = api.start(name)
    task = api.wait_for_task(workflow_id, "wait_ref", ("IN_PROGRESS",))
    assert task["waitTimeout"] == int(expected.timestamp() * 1000)


def test_until_in_the_past_completes_at_once(api: Api) -> None:
    """The seed's JSON example: `until: "2024-01-31 00:00 UTC"` is in the past by now."""
    name = _name("wait_seed_json")
    definition = {
        "name": name,
        "version": 1,
        "schemaVersion": 2,
        "tasks": [
            {
                "name": "wait",
                "taskReferenceName": "wait_till_jan_end",
                "type": "WAIT",
                "inputParameters": {"until": "2024-01-31 00:00 UTC"},
            }
        ],
    }
    api.register_ok(definition)
    workflow = api.wait_for_status(api.start(name), within=10)
    assert task_by_ref(workflow, "wait_till_jan_end")["status"] == "COMPLETED"


def test_wait_until_key_of_the_official_sdk_is_read_like_until(api: Api) -> None:
    """`WaitTask(wait_until=...)` sends `wait_until`; pyconductor honours it (upstream ignores it)."""
    future = (datetime.now(UTC) + timedelta(days=3)).replace(second=0, microsecond=0)
    name = _name("wait_until_alias")
    api.register_ok(wait_workflow(name, {"wait_until": future.strftime("%Y-%m-%d %H:%M UTC")}))
    task = api.wait_for_task(api.start(name), "wait_ref", ("IN_PROGRESS",))
    assert task["waitTimeout"] == int(future.timestamp() * 1000)

    past = _name("wait_until_alias_past")
    api.register_ok(wait_workflow(past, {"wait_until": "2020-01-01 00:00 UTC"}))
    assert api.wait_for_status(api.start(past), within=10)["status"] == "COMPLETED"


def _signal_only(api: Api) -> str:
    name = _name("wait_signal")
    api.register_ok(wait_workflow(name, {}))
    workflow_id = api.start(name)
    task = api.wait_for_task(workflow_id, "wait_ref", ("IN_PROGRESS",))
    assert task["waitTimeout"] == 0
    return workflow_id


def test_signal_only_wait_completes_through_task_update(api: Api) -> None:
    workflow_id = _signal_only(api)
    task = task_by_ref(api.workflow(workflow_id), "wait_ref")
    response = api.http.post(
        "/tasks",
        json={
            "workflowInstanceId": workflow_id,
            "taskId": task["taskId"],
            "status": "COMPLETED",
            "outputData": {"approved": True},
        },
    )
    assert response.status_code == 200, response.text
    workflow = api.wait_for_status(workflow_id)
    assert workflow["output"]["waited"] == {"approved": True}
    assert workflow["output"]["after"] == {"approved": True}


def test_signal_only_wait_completes_by_reference_name(api: Api) -> None:
    workflow_id = _signal_only(api)
    response = api.http.post(f"/tasks/{workflow_id}/wait_ref/COMPLETED", json={"by": "ref"})
    assert response.status_code == 200, response.text
    assert api.wait_for_status(workflow_id)["output"]["waited"] == {"by": "ref"}


def test_signal_only_wait_completes_through_async_signal(api: Api) -> None:
    workflow_id = _signal_only(api)
    response = api.http.post(f"/tasks/{workflow_id}/COMPLETED/signal", json={"signal": "async"})
    assert response.status_code in (200, 204), response.text
    assert api.wait_for_status(workflow_id)["output"]["waited"] == {"signal": "async"}


def test_signal_only_wait_completes_through_sync_signal(api: Api) -> None:
    workflow_id = _signal_only(api)
    response = api.http.post(f"/tasks/{workflow_id}/COMPLETED/signal/sync", json={"signal": "sync"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["targetWorkflowId"] == workflow_id
    assert body.get("signalTimeout") is not True
    assert api.wait_for_status(workflow_id)["output"]["waited"] == {"signal": "sync"}


def test_signal_can_fail_a_wait(api: Api) -> None:
    workflow_id = _signal_only(api)
    response = api.http.post(f"/tasks/{workflow_id}/FAILED/signal", json={"why": "rejected"})
    assert response.status_code in (200, 204), response.text
    workflow = api.wait_for_status(workflow_id, ("FAILED",))
    assert task_by_ref(workflow, "wait_ref")["status"] == "FAILED"


def test_signal_to_an_unknown_workflow_is_404(api: Api) -> None:
    response = api.http.post(f"/tasks/{uuid.uuid4()}/COMPLETED/signal", json={})
    assert response.status_code == 404


def test_both_duration_and_until_is_rejected_at_registration(api: Api) -> None:
    response = api.register(wait_workflow(_name("wait_both"), {"duration": "1s", "until": "2099-01-01"}))
    assert response.status_code == 400
    assert "Both 'duration' and 'until'" in response.text


def test_both_duration_and_wait_until_fails_the_task(api: Api) -> None:
    """Registration only knows `until`; the `wait_until` alias is checked when the task starts."""
    name = _name("wait_both_alias")
    api.register_ok(wait_workflow(name, {"duration": "1s", "wait_until": "2099-01-01"}, then_inline=False))
    workflow = api.wait_for_status(api.start(name), ("FAILED",))
    wait = task_by_ref(workflow, "wait_ref")
    assert wait["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert "Both 'duration' and 'until'" in wait["reasonForIncompletion"]


@pytest.mark.parametrize("duration", ["abc", "10", "5 fortnights", "1s 2h"])
def test_unparseable_duration_at_run_time_fails_the_task(api: Api, duration: str) -> None:
    name = _name("wait_bad_duration")
    api.register_ok(wait_workflow(name, {"duration": "${workflow.input.d}"}, then_inline=False))
    workflow = api.wait_for_status(api.start(name, {"d": duration}), ("FAILED",))
    wait = task_by_ref(workflow, "wait_ref")
    assert wait["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert duration in wait["reasonForIncompletion"]
    assert "duration" in wait["reasonForIncompletion"].lower()


def test_unparseable_until_at_run_time_fails_the_task(api: Api) -> None:
    name = _name("wait_bad_until")
    api.register_ok(wait_workflow(name, {"until": "${workflow.input.u}"}, then_inline=False))
    workflow = api.wait_for_status(api.start(name, {"u": "next tuesday"}), ("FAILED",))
    wait = task_by_ref(workflow, "wait_ref")
    assert wait["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert "Invalid/Unsupported Wait Until format" in wait["reasonForIncompletion"]


@pytest.mark.parametrize("inputs", [{"duration": "abc"}, {"until": "not a date"}])
def test_literal_unparseable_wait_is_rejected_at_registration(api: Api, inputs: dict[str, str]) -> None:
    response = api.register(wait_workflow(_name("wait_bad_literal"), inputs))
    assert response.status_code == 400, response.text


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    import os

    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to read process CPU time")
def test_waiting_workflows_cost_no_cpu(api: Api, live_server: LiveServer) -> None:
    name = _name("wait_idle")
    api.register_ok(wait_workflow(name, {"duration": "1 hour"}, then_inline=False))
    signal_name = _name("wait_idle_signal")
    api.register_ok(wait_workflow(signal_name, {}, then_inline=False))
    ids = [api.start(name) for _ in range(100)] + [api.start(signal_name) for _ in range(100)]
    api.wait_for_task(ids[-1], "wait_ref", ("IN_PROGRESS",))
    assert live_server.process is not None
    pid = live_server.process.pid
    # Measuring idle cost: nothing to wait for but time itself. The start-up burst may still be
    # draining on a loaded machine, so look for one quiet window among a few; a server that burns
    # CPU while workflows wait never has one.
    window = 2.0
    samples = []
    for _ in range(5):
        before = _cpu_seconds(pid)
        time.sleep(window)
        samples.append(_cpu_seconds(pid) - before)
        if samples[-1] < 0.15 * window:
            break
    assert min(samples) < 0.15 * window, f"server CPU per {window}s window with 200 idle waits: {samples}"
    for workflow_id in (ids[0], ids[-1]):
        assert api.workflow(workflow_id)["status"] == "RUNNING"


def test_waits_survive_a_server_restart(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        api = Api(server)
        try:
            timed, signalled = _name("wait_restart_timed"), _name("wait_restart_signal")
            api.register_ok(wait_workflow(timed, {"duration": "3s"}))
            api.register_ok(wait_workflow(signalled, {}))
            timed_id, signal_id = api.start(timed), api.start(signalled)
            api.wait_for_task(timed_id, "wait_ref", ("IN_PROGRESS",))
            api.wait_for_task(signal_id, "wait_ref", ("IN_PROGRESS",))
            server.stop()
            assert not server.healthy()
            server.start()
            api.close()
            api = Api(server)
            workflow = api.wait_for_status(timed_id, within=20)
            assert task_by_ref(workflow, "wait_ref")["status"] == "COMPLETED"
            assert api.workflow(signal_id)["status"] == "RUNNING"
            response = api.http.post(f"/tasks/{signal_id}/COMPLETED/signal", json={"after": "restart"})
            assert response.status_code in (200, 204), response.text
            assert api.wait_for_status(signal_id)["output"]["waited"] == {"after": "restart"}
        finally:
            api.close()


def test_many_short_waits_complete_together(api: Api) -> None:
    name = _name("wait_many")
    api.register_ok(wait_workflow(name, {"duration": "1s"}, then_inline=False))
    ids = [api.start(name) for _ in range(50)]
    started = time.monotonic()
    wait_until(
        lambda: all(api.workflow(i)["status"] == "COMPLETED" for i in ids),
        within=20,
        interval=0.2,
        message="50 one-second waits completed",
    )
    assert time.monotonic() - started < 15
