"""Seed section "Implementing Workers" / "Managing Workers in Application".

Starts the `greetings` and `process_order` workers (examples/greetings.py) with `TaskHandler`,
runs a workflow that calls both, prints its output and stops the workers.

    python examples/workers.py          # against http://localhost:8080/api (`make run`)
    CONDUCTOR_SERVER_URL=http://127.0.0.1:9000/api python examples/workers.py
"""

import json

from greetings import greetings, process_order

from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from conductor.client.http.models import TaskDef
from conductor.client.orkes_clients import OrkesClients
from conductor.client.workflow.conductor_workflow import ConductorWorkflow


def main():
    # points to http://localhost:8080/api by default
    api_config = Configuration()
    clients = OrkesClients(configuration=api_config)

    # Task definitions: fail fast (one quick retry) instead of the ad-hoc 3 x 60 s retries.
    metadata = clients.get_metadata_client()
    for name in ('greetings', 'process_order'):
        metadata.register_task_def(
            TaskDef(name=name, retry_count=1, retry_delay_seconds=1, response_timeout_seconds=30, timeout_seconds=60)
        )

    # Calling a @worker_task function with task_ref_name= builds a SIMPLE task for the workflow.
    workflow = ConductorWorkflow(executor=clients.get_workflow_executor(), name='greetings_workflow', version=1)
    greet = greetings(task_ref_name='greet_ref', name=workflow.input('name'))
    order = process_order(task_ref_name='order_ref', order_info=workflow.input('order'))
    workflow >> greet >> order
    workflow.output_parameters({'greeting': greet.output('result'), 'order': order.output('result')})
    workflow.register(overwrite=True)

    task_handler = TaskHandler(
        workers=[],
        configuration=api_config,
        scan_for_annotated_workers=True,
        import_modules=['greetings']  # import workers from this module - leave empty if all the workers are in the same module
    )

    # start worker polling
    task_handler.start_processes()
    try:
        run = workflow.execute(
            workflow_input={'name': 'World', 'order': {'order_id': 42, 'sku': 'sku-1', 'quantity': 2, 'sku_price': 9.5}},
            wait_for_seconds=30,
        )
        print(f'{workflow.name} {run.status} {json.dumps(run.output)}')
    finally:
        # Call to stop the workers when the application is ready to shutdown
        task_handler.stop_processes()


if __name__ == '__main__':
    main()
