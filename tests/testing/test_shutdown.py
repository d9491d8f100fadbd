"""A closed environment leaves nothing behind: no thread, no listening port, no file
(docs/testing.md §1)."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from conductor.client.worker.worker import Worker
from conductor.testing import WorkflowTestEnvironment
from testing.defs import simple, wait, workflow


def _threads() -> set[threading.Thread]:
    return set(threading.enumerate())


def _echo(text: str) -> dict[str, str]:
    return {"text": text}


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    # Importing the server starts process-wide threads once (quickjs keeps one evaluation
    # thread per process from its import on): not the environment's, so not counted below.
    with WorkflowTestEnvironment():
        pass


def test_closing_stops_every_thread_and_the_port(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = _threads()
    with WorkflowTestEnvironment(auto_skip=True) as env:
        port = int(env.api_url.split(":")[2].split("/")[0])
        env.run_workers([Worker("echo", _echo)])
        env.mock_task("mocked", output={})
        # A long-poll is held open and a workflow is waiting for days when the environment closes.
        env.start_workflow(workflow("w", simple("echo", inputs={"text": "x"}), wait("long", duration="30d")))
        env.start_workflow(workflow("v", simple("never_polled")))
        assert len(_threads() - before) >= 4  # server, database, auto-skip, worker threads
    left = {t.name for t in _threads() - before if t.is_alive()}
    assert left == set()
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
    assert os.listdir(tmp_path) == []


def test_closing_twice_and_closing_an_unstarted_environment_are_harmless() -> None:
    env = WorkflowTestEnvironment()
    env.close()
    with env:
        pass
    env.close()


def test_stopping_workers_in_the_middle_of_a_test_is_quick_and_the_server_keeps_running() -> None:
    with WorkflowTestEnvironment() as env:
        before = _threads()
        handler = env.run_workers([Worker("echo", _echo)])
        handler.stop_processes()
        assert {t.name for t in _threads() - before if t.is_alive()} == set()
        env.mock_task("echo", output={"text": "mocked"})
        assert env.execute_workflow(workflow("w", simple("echo"))).output == {"text": "mocked"}
