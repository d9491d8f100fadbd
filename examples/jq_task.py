"""Seed section "JSON Processing using JQ": the `JsonJQTask` snippet and the JSON configuration.

jq reads the task's whole input, so the workflow passes `key1`/`key2` objects to the task. The
guide's JSON passes the strings "k1"/"k2" (which jq cannot index, in Conductor too) and has a
trailing comma; here they are objects from the workflow input and the comma is gone.

    python examples/jq_task.py          # against http://localhost:8080/api (`make run`)
"""

import json

import httpx

from conductor.client.configuration.configuration import Configuration
from conductor.client.orkes_clients import OrkesClients
from conductor.client.workflow.conductor_workflow import ConductorWorkflow
from conductor.client.workflow.task.json_jq_task import JsonJQTask

JQ_JSON = """
{
  "name": "json_transform_task",
  "taskReferenceName": "json_transform_task_ref",
  "type": "JSON_JQ_TRANSFORM",
  "inputParameters": {
    "key1": "${workflow.input.key1}",
    "key2": "${workflow.input.key2}",
    "queryExpression": "{ key3: (.key1.value1 + .key2.value2) }"
  }
}
"""

WORKFLOW_INPUT = {'key1': {'value1': ['a', 'b']}, 'key2': {'value2': ['c', 'd']}}


def register_json(definition):
    """Register a workflow definition given as plain JSON, as curl or the UI would send it."""
    response = httpx.put(f'{Configuration().host}/metadata/workflow', json=[definition])
    response.raise_for_status()


def main():
    clients = OrkesClients(configuration=Configuration())

    jq_script = """
{ key3: (.key1.value1 + .key2.value2) }
"""

    jq = JsonJQTask(task_ref_name='jq_process', script=jq_script)
    jq.input_parameter('key1', '${workflow.input.key1}')
    jq.input_parameter('key2', '${workflow.input.key2}')

    workflow = ConductorWorkflow(executor=clients.get_workflow_executor(), name='jq_example', version=1)
    workflow >> jq
    workflow.output_parameters({'key3': jq.output('result.key3')})
    workflow.register(overwrite=True)
    run = workflow.execute(workflow_input=WORKFLOW_INPUT, wait_for_seconds=20)
    print(f'{workflow.name} {run.status} {json.dumps(run.output)}')

    # The guide's JSON configuration (inputs from the workflow, see above).
    register_json({
        'name': 'jq_json_example', 'version': 1, 'schemaVersion': 2, 'tasks': [json.loads(JQ_JSON)],
        'outputParameters': {'result': '${json_transform_task_ref.output.result}'},
    })
    run = clients.get_workflow_executor().execute(
        name='jq_json_example', version=1, workflow_input=WORKFLOW_INPUT, wait_for_seconds=20
    )
    print(f'jq_json_example {run.status} {json.dumps(run.output)}')


if __name__ == '__main__':
    main()
