"""Seed section "HTTP Task": the `HttpTask` snippet and the JSON configuration.

The guide calls a public test API; set EXAMPLE_HTTP_URI to call another endpoint (the tests
point it at a local server).

    python examples/http_task.py        # against http://localhost:8080/api (`make run`)
    EXAMPLE_HTTP_URI=http://127.0.0.1:8000/ python examples/http_task.py
"""

import json
import os

import httpx

from conductor.client.configuration.configuration import Configuration
from conductor.client.orkes_clients import OrkesClients
from conductor.client.workflow.conductor_workflow import ConductorWorkflow
from conductor.client.workflow.task.http_task import HttpTask

URI = os.environ.get('EXAMPLE_HTTP_URI', 'https://orkes-api-tester.orkesconductor.com/api')

HTTP_JSON = """
{
  "name": "http_task",
  "taskReferenceName": "http_task_ref",
  "type" : "HTTP",
  "uri": "https://orkes-api-tester.orkesconductor.com/api",
  "method": "GET"
}
"""


def register_json(definition):
    """Register a workflow definition given as plain JSON, as curl or the UI would send it."""
    response = httpx.put(f'{Configuration().host}/metadata/workflow', json=[definition])
    response.raise_for_status()


def run_code_example(clients):
    workflow = ConductorWorkflow(executor=clients.get_workflow_executor(), name='http_example', version=1)
    call = HttpTask(task_ref_name='call_remote_api', http_input={
        'uri': URI
    })
    workflow >> call
    workflow.output_parameters({'status': call.status_code(), 'body': call.body()})
    workflow.register(overwrite=True)
    run = workflow.execute(workflow_input={}, wait_for_seconds=30)
    print(f'{workflow.name} {run.status} {json.dumps(run.output)}')
    explain_failure(clients, run)


def run_json_example(clients):
    task = json.loads(HTTP_JSON)
    task['uri'] = URI
    register_json({
        'name': 'http_json_example', 'version': 1, 'schemaVersion': 2, 'tasks': [task],
        'outputParameters': {'status': '${http_task_ref.output.response.statusCode}'},
    })
    run = clients.get_workflow_executor().execute(name='http_json_example', version=1, wait_for_seconds=30)
    print(f'http_json_example {run.status} {json.dumps(run.output)}')
    explain_failure(clients, run)


def explain_failure(clients, run):
    """The endpoint is remote: say why when the call did not work (e.g. no internet access)."""
    if run.status != 'COMPLETED':
        workflow = clients.get_workflow_executor().get_workflow(run.workflow_id, include_tasks=False)
        print(f'  reason: {workflow.reason_for_incompletion}')


def main():
    clients = OrkesClients(configuration=Configuration())
    run_code_example(clients)
    run_json_example(clients)


if __name__ == '__main__':
    main()
