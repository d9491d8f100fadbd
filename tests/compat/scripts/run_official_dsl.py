"""With the official SDK's DSL: WaitTask, HttpTask, JavascriptTask, JsonJQTask and a workflow
run through its WorkflowExecutor, against our server. Prints one JSON line of results.

COMPAT_HTTP_URL is the local endpoint the HTTP task calls.
"""

import json
import os
import time

from conductor.client.configuration.configuration import Configuration
from conductor.client.orkes_clients import OrkesClients
from conductor.client.workflow.conductor_workflow import ConductorWorkflow
from conductor.client.workflow.task.http_task import HttpInput, HttpMethod, HttpTask
from conductor.client.workflow.task.javascript_task import JavascriptTask
from conductor.client.workflow.task.json_jq_task import JsonJQTask
from conductor.client.workflow.task.set_variable_task import SetVariableTask
from conductor.client.workflow.task.switch_task import SwitchTask
from conductor.client.workflow.task.wait_task import WaitForDurationTask, WaitTask, WaitUntilTask


def wait_for_end(executor, workflow_id):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        workflow = executor.get_workflow(workflow_id, include_tasks=True)
        if workflow.status != "RUNNING":
            return workflow
        time.sleep(0.1)
    raise TimeoutError(workflow_id)


def wait_for_task(executor, workflow_id, ref):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for task in executor.get_workflow(workflow_id, include_tasks=True).tasks:
            if task.reference_task_name == ref and task.status == "IN_PROGRESS":
                return task
        time.sleep(0.1)
    raise TimeoutError(ref)


def main() -> None:
    clients = OrkesClients(configuration=Configuration())
    executor = clients.get_workflow_executor()
    results = {}

    # 1. System tasks, run synchronously with the definition inline (ConductorWorkflow.execute).
    flow = ConductorWorkflow(executor=executor, name="compat_dsl_systasks", version=1)
    js = JavascriptTask(
        task_ref_name="hello_script",
        script="function greetings() { return {text: 'hello ' + $.name}; } greetings();",
        bindings={"name": "${workflow.input.name}"},
    )
    jq = JsonJQTask(task_ref_name="jq_process", script="{ key3: (.key1.value1 + .key2.value2) }")
    jq.input_parameter("key1", {"value1": ["a"]})
    jq.input_parameter("key2", {"value2": ["${hello_script.output.result.text}"]})
    http = HttpTask(
        task_ref_name="call_api",
        http_input=HttpInput(
            method=HttpMethod.POST, uri=os.environ["COMPAT_HTTP_URL"], body={"from": "official"}
        ),
    )
    switch = SwitchTask("route", "${workflow.input.route}").switch_case(
        "on", [SetVariableTask("flag").input_parameter("routed", True)]
    )
    flow >> WaitTask(task_ref_name="wait_for_1_sec", wait_for_seconds=1)
    flow >> WaitTask(task_ref_name="wait_till_past", wait_until="2020-01-31 00:00 UTC")
    flow >> js >> jq >> http >> switch
    flow.output_parameters(
        {
            "greeting": js.output("text"),
            "jq": jq.output("result"),
            "status": http.status_code(),
            "method": http.body("method"),
            "routed": "${workflow.variables.routed}",
        }
    )
    run = flow.execute(workflow_input={"name": "official", "route": "on"}, wait_for_seconds=20)
    results["systasks"] = {"status": run.status, "output": run.output}

    # 2. A registered workflow through WorkflowExecutor: waits completed from outside.
    waits = ConductorWorkflow(executor=executor, name="compat_dsl_waits", version=1)
    first = WaitTask(task_ref_name="first_signal")
    second = WaitTask(task_ref_name="second_signal")
    waits >> WaitForDurationTask("short", 1) >> WaitUntilTask("until_past", "2021-01-01 00:00 UTC")
    waits >> first >> second
    waits.output_parameters({"first": first.output("by"), "second": second.output("by")})
    waits.register(overwrite=True)
    run = executor.execute(name="compat_dsl_waits", version=1, workflow_input={}, wait_for_seconds=15)
    results["blocked_status"] = run.status
    workflow_id = run.workflow_id
    wait_for_task(executor, workflow_id, "first_signal")
    executor.update_task_by_ref_name({"by": "ref"}, workflow_id, "first_signal", "COMPLETED")
    wait_for_task(executor, workflow_id, "second_signal")
    signal = executor.signal(workflow_id=workflow_id, status="COMPLETED", body={"by": "signal"})
    results["signal_target"] = signal.target_workflow_id == workflow_id
    done = wait_for_end(executor, workflow_id)
    results["waits"] = {
        "status": done.status,
        "output": done.output,
        "tasks": {t.reference_task_name: t.status for t in done.tasks},
    }

    # 3. Started asynchronously (start_workflow_with_input) and read back.
    started = flow.start_workflow_with_input({"name": "async", "route": "off"}, correlation_id="compat-corr")
    done = wait_for_end(executor, started)
    results["started"] = {
        "status": done.status,
        "greeting": done.output.get("greeting"),
        "corr": done.correlation_id,
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
