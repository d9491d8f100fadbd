"""Seed section "Wait Task": the three `WaitTask` snippets and the JSON configuration.

The workflow waits 2 seconds, then until the end of January 2024 (already past, so at once),
then for a signal, which this script sends; afterwards the JSON definition from the guide runs.

    python examples/wait_task.py        # against http://localhost:8080/api (`make run`)
"""

import json

import httpx

from conductor.client.configuration.configuration import Configuration
from conductor.client.orkes_clients import OrkesClients
from conductor.client.workflow.conductor_workflow import ConductorWorkflow
from conductor.client.workflow.task.wait_task import WaitTask

WAIT_JSON = """
{
  "name": "wait",
  "taskReferenceName": "wait_till_jan_end",
  "type": "WAIT",
  "inputParameters": {
    "until": "2024-01-31 00:00 UTC"
  }
}
"""


def register_json(definition):
    """Register a workflow definition given as plain JSON, as curl or the UI would send it."""
    response = httpx.put(f'{Configuration().host}/metadata/workflow', json=[definition])
    response.raise_for_status()


def main():
    clients = OrkesClients(configuration=Configuration())
    executor = clients.get_workflow_executor()

    # waits for 2 seconds before scheduling the next task
    wait_for_two_sec = WaitTask(task_ref_name='wait_for_2_sec', wait_for_seconds=2)

    # wait until end of jan
    wait_till_jan = WaitTask(task_ref_name='wait_till_jsn', wait_until='2024-01-31 00:00 UTC')

    # waits until an API call or an event is triggered
    wait_for_signal = WaitTask(task_ref_name='wait_till_jan_end')

    workflow = ConductorWorkflow(executor=executor, name='wait_example', version=1)
    workflow >> wait_for_two_sec >> wait_till_jan >> wait_for_signal
    workflow.output_parameters({'approved_by': wait_for_signal.output('approved_by')})
    workflow.register(overwrite=True)

    # `execute` returns once the workflow blocks on the signal-only WAIT.
    run = workflow.execute(workflow_input={}, wait_for_seconds=20)
    waiting_at = run.current_task.reference_task_name if run.current_task else None
    print(f'{workflow.name} {run.status} waiting at {waiting_at}')

    # The "API call": complete the waiting task. The synchronous signal returns once the
    # workflow has moved on (here: finished).
    executor.signal(workflow_id=run.workflow_id, status='COMPLETED', body={'approved_by': 'alice'})
    finished = executor.get_workflow(run.workflow_id, include_tasks=False)
    print(f'{workflow.name} {finished.status} {json.dumps(finished.output)}')

    # The guide's JSON configuration, registered as a one-task workflow.
    register_json(
        {'name': 'wait_json_example', 'version': 1, 'schemaVersion': 2, 'tasks': [json.loads(WAIT_JSON)]}
    )
    run = executor.execute(name='wait_json_example', version=1, workflow_input={}, wait_for_seconds=20)
    print(f'wait_json_example {run.status} {json.dumps([t.status for t in run.tasks or []])}')


if __name__ == '__main__':
    main()
