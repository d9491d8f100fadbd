"""A long-poll whose client vanished must not swallow a task."""

from __future__ import annotations

import socket
import time

from tests.integration.conftest import LiveServer


def test_task_scheduled_after_a_poller_disconnects_goes_to_a_live_poller(live_server: LiveServer) -> None:
    api = live_server.api
    wf = {"name": "ghost_wf", "tasks": [{"name": "ghost_task", "taskReferenceName": "a"}]}
    assert api.post("/metadata/workflow", json=wf).status_code == 200

    # A worker starts a 5 s long-poll, then dies without a word (the socket just closes).
    ghost = socket.create_connection(("127.0.0.1", live_server.port))
    ghost.sendall(
        b"GET /api/tasks/poll/batch/ghost_task?workerid=ghost&count=1&timeout=5000 HTTP/1.1\r\n"
        b"Host: 127.0.0.1\r\n\r\n"
    )
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # wait until the server holds the poll
        data = api.get("/tasks/queue/polldata", params={"taskType": "ghost_task"}).json()
        if data:
            break
        time.sleep(0.02)
    ghost.close()  # whether the server notices before or after claiming, the task must survive

    workflow_id = api.post("/workflow/ghost_wf", json={}).text
    tasks = api.get(
        "/tasks/poll/batch/ghost_task", params={"workerid": "alive", "count": 1, "timeout": 3000}
    ).json()
    assert len(tasks) == 1, "the task went to the vanished poller"
    assert tasks[0]["workerId"] == "alive"
    assert tasks[0]["workflowInstanceId"] == workflow_id
    assert tasks[0]["pollCount"] == 1
