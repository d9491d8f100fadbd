"""SIGTERM ends the server promptly and cleanly, even with long-polls held open."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import httpx
from tests.integration.conftest import free_port, start_server


def test_sigterm_answers_held_long_polls_and_exits(tmp_path: Path) -> None:
    port = free_port()
    proc = start_server(f"sqlite:///{tmp_path / 'c.db'}", port, tmp_path / "server.log")
    answers: list[httpx.Response] = []

    def long_poll() -> None:
        answers.append(
            httpx.get(f"http://127.0.0.1:{port}/api/tasks/poll/batch/t", params={"timeout": 5000}, timeout=10)
        )

    poller = threading.Thread(target=long_poll)
    poller.start()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # wait until the server holds the poll
        if httpx.get(f"http://127.0.0.1:{port}/api/tasks/queue/polldata", params={"taskType": "t"}).json():
            break
        time.sleep(0.02)
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(10)
    poller.join(10)
    assert time.monotonic() - started < 3.0, "shutdown waited for the long-poll's timeout"
    assert code in (0, -signal.SIGTERM)  # uvicorn re-raises the signal after its graceful shutdown
    assert len(answers) == 1 and answers[0].status_code == 200 and answers[0].json() == []
    log = (tmp_path / "server.log").read_text()
    assert "Traceback" not in log
