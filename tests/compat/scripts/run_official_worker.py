"""With the official SDK: run @worker_task workers under TaskHandler against our server.

Registers the task definitions and a workflow (official DSL), starts the workers, starts
three workflows, waits for them and prints one JSON line: each workflow's status and output.
"""

import json
import sys
import time

from compat_workers import compat_greet, compat_order

from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from conductor.client.http.models import TaskDef
from conductor.client.orkes_clients import OrkesClients
from conductor.client.workflow.conductor_workflow import ConductorWorkflow


def main() -> None:
    configuration = Configuration()
    clients = OrkesClients(configuration=configuration)
    metadata = clients.get_metadata_client()
    for name in ("compat_greet", "compat_order"):
        metadata.register_task_def(
            TaskDef(
                name=name,
                retry_count=1,
                retry_delay_seconds=1,
                timeout_seconds=60,
                response_timeout_seconds=30,
            )
        )
    executor = clients.get_workflow_executor()
    workflow = ConductorWorkflow(executor=executor, name="compat_worker_workflow", version=1)
    greet = compat_greet(task_ref_name="greet_ref", name=workflow.input("name"))
    order = compat_order(task_ref_name="order_ref", order=workflow.input("order"))
    workflow >> greet >> order
    workflow.output_parameters({"greeting": greet.output("result"), "total": order.output("total")})
    workflow.register(overwrite=True)

    handler = TaskHandler(
        configuration=configuration, scan_for_annotated_workers=True, import_modules=["compat_workers"]
    )
    handler.start_processes()
    try:
        ids = [
            workflow.start_workflow_with_input(
                {"name": f"n{i}", "order": {"order_id": i, "quantity": i + 1, "price": 2.5}}
            )
            for i in range(3)
        ]
        results = {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(results) < len(ids):
            for workflow_id in ids:
                run = executor.get_workflow(workflow_id, include_tasks=False)
                if run.status != "RUNNING":
                    results[workflow_id] = {"status": run.status, "output": run.output}
            time.sleep(0.1)
        print(json.dumps([results.get(i, {"status": "UNFINISHED"}) for i in ids]))
    finally:
        handler.stop_processes()


if __name__ == "__main__":
    sys.exit(main())
