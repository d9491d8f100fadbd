"""TaskHandler when workers cannot run: death at start, death later, a killed parent, metrics.

Everything here uses real spawned processes; waits have deadlines, never fixed sleeps.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conductor.client.automator import task_handler as task_handler_module
from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from conductor.client.configuration.settings import metrics_settings as metrics_module
from conductor.client.configuration.settings.metrics_settings import MetricsSettings
from conductor.client.worker.worker_task import get_registered_workers

from . import sdk_workers  # noqa: F401  (registers the sdk_test_greet worker)
from .sdk_crashing_workers import CrashingWorker
from .sdk_unimportable_workers import unimportable_worker

NO_SERVER = "http://127.0.0.1:9/api"  # nothing listens: workers keep retrying their poll
SRC = Path(__file__).resolve().parents[2] / "src"


def until(predicate: Callable[[], object], within: float, message: str) -> object:
    deadline = time.monotonic() + within
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{message} not met within {within}s")
        time.sleep(0.05)


def greet_worker() -> list[object]:
    return [w for w in get_registered_workers() if w.get_task_definition_name() == "sdk_test_greet"]


@pytest.fixture
def handler_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.INFO, logger=task_handler_module.__name__)
    yield caplog


def test_worker_whose_module_fails_to_import_is_reported_at_start(
    handler_log: pytest.LogCaptureFixture,
) -> None:
    handler = TaskHandler(
        workers=[unimportable_worker],
        configuration=Configuration(server_api_url=NO_SERVER),
        scan_for_annotated_workers=False,
        monitor_interval_seconds=0.05,
    )
    started = time.monotonic()
    with pytest.raises(RuntimeError) as raised:
        handler.start_processes()
    assert time.monotonic() - started < 30
    message = str(raised.value)
    assert "sdk_test_unimportable: exit code 1" in message
    assert "ImportError: sdk_unimportable_workers cannot be imported in a worker process" in message
    errors = [r.getMessage() for r in handler_log.records if r.levelno == logging.ERROR]
    assert any("sdk_test_unimportable" in e and "died at start" in e and "ImportError" in e for e in errors)
    # The child's traceback is logged in the parent, down to the failing import.
    assert any("Traceback" in e and "sdk_unimportable_workers" in e for e in errors)
    # Not restarted: it would die the same way.
    assert handler.get_worker_process_status()[0]["restart_count"] == 0
    assert not handler.is_healthy()
    handler.join_processes()  # stopped: returns at once
    handler.stop_processes()


def test_one_broken_worker_does_not_stop_the_others(handler_log: pytest.LogCaptureFixture) -> None:
    handler = TaskHandler(
        workers=[unimportable_worker, *greet_worker()],
        configuration=Configuration(server_api_url=NO_SERVER),
        scan_for_annotated_workers=False,
        monitor_interval_seconds=0.05,
    )
    with handler:
        handler.start_processes()  # logs, does not raise: one worker runs
        status = {s["worker"]: s for s in handler.get_worker_process_status()}
        assert status["sdk_test_greet"]["alive"] is True
        assert status["sdk_test_unimportable"]["alive"] is False
        assert status["sdk_test_unimportable"]["exitcode"] == 1
        assert any(
            "sdk_test_unimportable" in r.getMessage() and "died at start" in r.getMessage()
            for r in handler_log.records
        )

        # join_processes() returns when another thread stops the workers.
        stopper = threading.Timer(0.5, handler.stop_processes)
        stopper.start()
        started = time.monotonic()
        handler.join_processes()
        stopper.join()
        assert time.monotonic() - started < 15
        assert not any(p.is_alive() for p in handler.task_runner_processes)


def test_join_raises_when_every_worker_died(handler_log: pytest.LogCaptureFixture) -> None:
    """A worker that starts and then crashes, with nothing to restart it: join_processes()
    names it and its exit instead of blocking for ever."""
    handler = TaskHandler(
        workers=[CrashingWorker()],
        configuration=Configuration(server_api_url=NO_SERVER),
        scan_for_annotated_workers=False,
        monitor_processes=False,
    )
    with handler:
        handler.start_processes()
        result: list[BaseException | None] = []

        def join() -> None:
            try:
                handler.join_processes()
                result.append(None)
            except BaseException as exc:
                result.append(exc)

        joiner = threading.Thread(target=join, daemon=True)
        joiner.start()
        joiner.join(30)
        assert result, "join_processes() still blocked 30 s after the only worker died"
        (error,) = result
        assert isinstance(error, RuntimeError)
        assert "sdk_test_crashing: exit code 1: RuntimeError: crashed as it began to run" in str(error)
    assert any(
        r.levelno == logging.WARNING
        and "sdk_test_crashing" in r.getMessage()
        and "exit code 1" in r.getMessage()
        for r in handler_log.records
    )


def test_crashed_worker_that_had_started_is_still_restarted() -> None:
    handler = TaskHandler(
        workers=[CrashingWorker()],
        configuration=Configuration(server_api_url=NO_SERVER),
        scan_for_annotated_workers=False,
        monitor_interval_seconds=0.05,
        restart_backoff_seconds=0.05,
        restart_max_attempts=2,
    )
    with handler:
        handler.start_processes()
        until(lambda: handler.get_worker_process_status()[0]["restart_count"] == 2, 60, "two restarts")
        # Restarts exhausted: join_processes() gives up instead of waiting.
        with pytest.raises(RuntimeError, match="sdk_test_crashing"):
            handler.join_processes()


def _run_script(
    tmp_path: Path, body: str, args: list[str] | None = None, **kwargs: object
) -> subprocess.Popen[str]:
    script = tmp_path / "worker_script.py"
    script.write_text(textwrap.dedent(body))
    env = {**os.environ, "PYTHONPATH": str(SRC), "CONDUCTOR_SERVER_URL": NO_SERVER}
    # stderr goes to a file: a pipe nobody reads could fill up and block the script.
    with (tmp_path / "stderr.log").open("w") as stderr:
        return subprocess.Popen(
            [sys.executable, str(script), *(args or [])],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            **kwargs,  # type: ignore[call-overload]
        )


UNGUARDED = """
import sys, time
from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from conductor.client.worker.worker_task import worker_task

@worker_task(task_definition_name='greetings')
def greetings(name: str) -> str:
    return f'Hello, {name}'

handler = TaskHandler(workers=[], configuration=Configuration(), scan_for_annotated_workers=True)
handler.start_processes()
"""


def test_script_without_main_guard_fails_loudly(tmp_path: Path) -> None:
    """The README's old snippet: the spawned child re-imports the script and dies. The parent
    used to exit 0 having run nothing; now it fails and says what to do."""
    process = _run_script(tmp_path, UNGUARDED)
    process.communicate(timeout=90)
    stderr = (tmp_path / "stderr.log").read_text()
    assert process.returncode != 0
    assert "Every worker process died at start: greetings: exit code 1" in stderr
    assert "if __name__ == '__main__':" in stderr


PARENT = """
import os, sys, threading
from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from conductor.client.worker.worker_task import worker_task

@worker_task(task_definition_name='greetings')
def greetings(name: str) -> str:
    return f'Hello, {name}'

@worker_task(task_definition_name='farewells')
def farewells(name: str) -> str:
    return f'Bye, {name}'

def start(handler):
    handler.start_processes()
    print(' '.join(str(p.pid) for p in handler.task_runner_processes), flush=True)

if __name__ == '__main__':
    handler = TaskHandler(workers=[], configuration=Configuration(), scan_for_annotated_workers=True)
    if sys.argv[1:] == ['thread']:
        # Started from a thread that then ends: the kernel's parent-death signal cannot be
        # used (it follows the thread), the children's own parent check must do it.
        starter = threading.Thread(target=start, args=(handler,))
        starter.start()
        starter.join()
    else:
        start(handler)
    threading.Event().wait()
"""


def _gone(pid: int) -> bool:
    """No such process, or a zombie (it exited; whoever adopted it has not reaped it yet)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("started_from", ["main", "thread"])
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path, started_from: str) -> None:
    script = tmp_path / "worker_script.py"
    script.write_text(textwrap.dedent(PARENT))
    env = {**os.environ, "PYTHONPATH": str(SRC), "CONDUCTOR_SERVER_URL": NO_SERVER}
    parent = subprocess.Popen(
        [sys.executable, str(script), started_from], cwd=tmp_path, env=env, stdout=subprocess.PIPE, text=True
    )
    pids: list[int] = []
    try:
        assert parent.stdout is not None
        line = parent.stdout.readline()  # start_processes() returned: both workers are ready
        pids = [int(pid) for pid in line.split()]
        assert len(pids) == 2, line
        assert not any(_gone(pid) for pid in pids)

        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        until(lambda: all(_gone(pid) for pid in pids), 20, "worker processes gone after the parent's SIGKILL")
    finally:
        parent.kill()
        parent.wait(10)
        if parent.stdout is not None:
            parent.stdout.close()
        for pid in pids:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)


GUARDED = """
import sys, time
from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from conductor.client.worker.worker_task import worker_task

@worker_task(task_definition_name='greetings')
def greetings(name: str) -> str:
    return f'Hello, {name}'

if __name__ == '__main__':
    handler = TaskHandler(workers=[], configuration=Configuration(), scan_for_annotated_workers=True)
    handler.start_processes()
    print(' '.join(str(p.pid) for p in handler.task_runner_processes), flush=True)
    if sys.argv[1:] == ['sleep']:
        time.sleep(120)
    handler.join_processes()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("where", ["join", "sleep"])
def test_ctrl_c_stops_everything(tmp_path: Path, where: str) -> None:
    """The README's snippet: Ctrl-C (SIGINT to the whole process group) ends the script and its
    workers, which ignore SIGINT themselves, whether it lands in join_processes() or elsewhere."""
    process = _run_script(tmp_path, GUARDED, start_new_session=True, args=[where])
    pids: list[int] = []
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        pids = [int(pid) for pid in line.split()]
        assert len(pids) == 1, line
        os.killpg(process.pid, signal.SIGINT)
        process.wait(30)
        assert all(_gone(pid) for pid in pids)
    finally:
        process.kill()
        process.wait(10)
        if process.stdout is not None:
            process.stdout.close()
        for pid in pids:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)


def test_metrics_settings_are_reported_unsupported_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(metrics_module, "_warned", False)
    caplog.set_level(logging.WARNING, logger=metrics_module.__name__)
    settings = MetricsSettings(directory=str(Path("/nonexistent/metrics")), http_port=8000)
    for _ in range(2):
        TaskHandler(workers=[], metrics_settings=settings, scan_for_annotated_workers=False)
    TaskHandler(workers=[], scan_for_annotated_workers=False)
    warnings = [r.getMessage() for r in caplog.records if r.name == metrics_module.__name__]
    assert len(warnings) == 1
    assert "MetricsSettings is not supported" in warnings[0] and "ignored" in warnings[0]
    assert not Path("/nonexistent/metrics").exists()
