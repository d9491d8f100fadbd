"""The first half of the seed guide ``writing-workers.md`` runs verbatim."""

# The snippets below are copied byte for byte from the guide, trailing whitespace included.
# ruff: noqa: W293, E501

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

GREETINGS = """\
from conductor.client.worker.worker_task import worker_task

@worker_task(task_definition_name='greetings')
def greetings(name: str) -> str:
    return f'Hello, {name}'
"""

ORDERS = """\
from conductor.client.worker.worker_task import worker_task
from dataclasses import dataclass

@dataclass
class OrderInfo:
    order_id: int
    sku: str
    quantity: int
    sku_price: float

    
@worker_task(task_definition_name='process_order')
def process_order(order_info: OrderInfo) -> str:
    return f'order: {order_info.order_id}'

"""

MAIN = """\
from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration

def main():
    # points to http://localhost:8080/api by default
    api_config = Configuration()

    task_handler = TaskHandler(
        workers=[],
        configuration=api_config,
        scan_for_annotated_workers=True,
        import_modules=['greetings']  # import workers from this module - leave empty if all the workers are in the same module
    )
    
    # start worker polling
    task_handler.start_processes()

    # Call to stop the workers when the application is ready to shutdown
    task_handler.stop_processes()


if __name__ == '__main__':
    main()

"""

CHECK_ORDERS = """\
from orders import OrderInfo, process_order
from conductor.client.worker.worker import Worker
from conductor.client.http.models import Task

print(process_order(OrderInfo(1, 'sku', 2, 3.5)))
worker = Worker('process_order', process_order)
task = Task(task_id='t', workflow_instance_id='w',
            input_data={'order_info': {'order_id': 7, 'sku': 's', 'quantity': 1, 'sku_price': 2}})
print(worker.execute(task).output_data)
"""


def run_python(directory: Path, script: str) -> subprocess.CompletedProcess[str]:
    # Nothing listens on this port: the workers must still start and stop cleanly.
    env = {"PATH": "/usr/bin:/bin", "CONDUCTOR_SERVER_URL": "http://127.0.0.1:9/api"}
    return subprocess.run(
        [sys.executable, script], cwd=directory, env=env, capture_output=True, text=True, timeout=60
    )


def test_task_handler_example_starts_and_stops(tmp_path: Path) -> None:
    (tmp_path / "greetings.py").write_text(GREETINGS)
    (tmp_path / "main.py").write_text(MAIN)
    started = time.monotonic()
    completed = run_python(tmp_path, "main.py")
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    assert time.monotonic() - started < 30


def test_dataclass_worker_example(tmp_path: Path) -> None:
    (tmp_path / "orders.py").write_text(ORDERS)
    (tmp_path / "check.py").write_text(CHECK_ORDERS)
    completed = run_python(tmp_path, "check.py")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["order: 1", "{'result': 'order: 7'}"]
