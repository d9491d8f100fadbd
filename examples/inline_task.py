"""Seed section "Javascript Executor Task": the `JavascriptTask` snippet and the JSON configuration.

    python examples/inline_task.py      # against http://localhost:8080/api (`make run`)
"""

import json

import httpx

from conductor.client.configuration.configuration import Configuration
from conductor.client.orkes_clients import OrkesClients
from conductor.client.workflow.conductor_workflow import ConductorWorkflow
from conductor.client.workflow.task.javascript_task import JavascriptTask

INLINE_JSON = r"""
{
  "name": "inline_task",
  "taskReferenceName": "inline_task_ref",
  "type": "INLINE",
  "inputParameters": {
    "expression": " function greetings() {\n  return {\n            \"text\": \"hello \" + $.name\n        }\n    }\n    greetings();",
    "evaluatorType": "graaljs",
    "name": "${workflow.input.name}"
  }
}
"""


def register_json(definition):
    """Register a workflow definition given as plain JSON, as curl or the UI would send it."""
    response = httpx.put(f'{Configuration().host}/metadata/workflow', json=[definition])
    response.raise_for_status()


def main():
    clients = OrkesClients(configuration=Configuration())

    say_hello_js = """
function greetings() {
    return {
        "text": "hello " + $.name
    }
}
greetings();
"""

    js = JavascriptTask(task_ref_name='hello_script', script=say_hello_js, bindings={'name': '${workflow.input.name}'})

    workflow = ConductorWorkflow(executor=clients.get_workflow_executor(), name='inline_example', version=1)
    workflow >> js
    workflow.output_parameters({'greeting': js.output('text')})
    workflow.register(overwrite=True)
    run = workflow.execute(workflow_input={'name': 'Conductor'}, wait_for_seconds=20)
    print(f'{workflow.name} {run.status} {json.dumps(run.output)}')

    # The guide's JSON configuration.
    register_json({
        'name': 'inline_json_example', 'version': 1, 'schemaVersion': 2, 'tasks': [json.loads(INLINE_JSON)],
        'outputParameters': {'greeting': '${inline_task_ref.output.result.text}'},
    })
    run = clients.get_workflow_executor().execute(
        name='inline_json_example', version=1, workflow_input={'name': 'JSON'}, wait_for_seconds=20
    )
    print(f'inline_json_example {run.status} {json.dumps(run.output)}')


if __name__ == '__main__':
    main()
