"""Workflows built with the DSL run on a real server through WorkflowExecutor."""

from __future__ import annotations

import uuid

import pytest

from conductor.client.http.models import StartWorkflowRequest, Task, TaskDef, Workflow
from conductor.client.http.rest import ApiException
from conductor.client.workflow.conductor_workflow import ConductorWorkflow
from conductor.client.workflow.executor.workflow_executor import WorkflowExecutor
from conductor.client.workflow.task.do_while_task import DoWhileTask, LoopTask
from conductor.client.workflow.task.dynamic_fork_task import DynamicForkTask
from conductor.client.workflow.task.dynamic_task import DynamicTask
from conductor.client.workflow.task.event_task import ConductorEventTask
from conductor.client.workflow.task.fork_task import ForkTask
from conductor.client.workflow.task.http_task import HttpInput, HttpMethod, HttpTask
from conductor.client.workflow.task.human_task import HumanTask
from conductor.client.workflow.task.inline import InlineTask
from conductor.client.workflow.task.javascript_task import JavascriptTask
from conductor.client.workflow.task.join_task import JoinTask
from conductor.client.workflow.task.json_jq_task import JsonJQTask
from conductor.client.workflow.task.set_variable_task import SetVariableTask
from conductor.client.workflow.task.simple_task import SimpleTask
from conductor.client.workflow.task.start_workflow_task import StartWorkflowTask
from conductor.client.workflow.task.sub_workflow_task import SubWorkflowTask
from conductor.client.workflow.task.switch_task import SwitchTask
from conductor.client.workflow.task.terminate_task import TerminateTask, WorkflowStatus
from conductor.client.workflow.task.wait_task import WaitForDurationTask, WaitTask, WaitUntilTask
from systasks.live_server import wait_until
from systasks.local_http import _Server, base_url


def _name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def finished(executor: WorkflowExecutor, workflow_id: str, within: float = 20) -> Workflow:
    def done() -> Workflow | None:
        workflow = executor.get_workflow(workflow_id, include_tasks=True)
        return workflow if workflow.status not in ("RUNNING", "PAUSED") else None

    return wait_until(done, within=within, message=f"workflow {workflow_id} finished")


def statuses(workflow: Workflow) -> dict[str, str]:
    return {t.reference_task_name or "": t.status or "" for t in workflow.tasks or []}


def test_execute_system_tasks_chain(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_chain"), version=1)
    js = JavascriptTask("js", "({n: $.n * 2, s: 'x' + $.n})", {"n": workflow.input("n")})
    jq = JsonJQTask("jq", "{doubled: .in.n, label: (.in.s | ascii_upcase)}").input_parameter(
        "in", js.output()
    )
    var = SetVariableTask("var").input_parameter("label", jq.output("result.label"))
    inline = InlineTask("inl", "$.v + '!'", bindings={"v": "${workflow.variables.label}"})
    workflow >> js >> jq >> var >> inline
    workflow.output_parameters({"jq": jq.output("result"), "final": inline.output("result")})
    run = workflow.execute(workflow_input={"n": 21}, wait_for_seconds=10)
    assert run.status == "COMPLETED"
    assert run.output == {"jq": {"doubled": 42, "label": "X21"}, "final": "X21!"}
    assert run.variables == {"label": "X21"}


def test_register_then_start_then_status(executor: WorkflowExecutor) -> None:
    name = _name("dsl_registered")
    workflow = ConductorWorkflow(executor=executor, name=name, version=1, description="registered")
    js = JavascriptTask("js", "$.a + $.b", {"a": "${workflow.input.a}", "b": "${workflow.input.b}"})
    workflow >> js
    workflow.output_parameter("sum", js.output())
    workflow.register(overwrite=True)
    workflow.register(overwrite=True)  # idempotent with overwrite
    stored = executor.metadata_client.get(name, version=1)
    assert stored.description == "registered"
    assert stored.tasks is not None and stored.tasks[0].type == "INLINE"

    workflow_id = executor.start_workflow(StartWorkflowRequest(name=name, version=1, input={"a": 2, "b": 3}))
    assert finished(executor, workflow_id).output == {"sum": 5}
    status = executor.get_workflow_status(workflow_id, include_output=True, include_variables=True)
    assert status.status == "COMPLETED"
    assert status.output == {"sum": 5}

    by_name = executor.execute(name, version=1, workflow_input={"a": 10, "b": 1}, correlation_id="c-1")
    assert by_name.status == "COMPLETED"
    assert by_name.output == {"sum": 11}
    assert by_name.correlation_id == "c-1"
    latest = executor.execute(name, workflow_input={"a": 1, "b": 1})  # no version: the latest
    assert (latest.status, latest.output) == ("COMPLETED", {"sum": 2})


def test_start_with_inline_definition(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_inline_def"), version=1)
    workflow >> JavascriptTask("js", "'inline def ' + $.x", {"x": "${workflow.input.x}"})
    workflow.output_parameters({"r": "${js.output.result}"})
    workflow_id = workflow.start_workflow_with_input({"x": "ok"}, correlation_id="corr")
    result = finished(executor, workflow_id)
    assert result.output == {"r": "inline def ok"}
    assert result.correlation_id == "corr"
    assert workflow(x="call").output == {"r": "inline def call"}


def test_wait_task_signals(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_wait"), version=1)
    first = WaitTask("first")
    second = WaitTask("second")
    third = WaitTask("third")
    workflow >> WaitForDurationTask("short", 1) >> WaitUntilTask("past", "2020-01-01 00:00 UTC")
    workflow >> WaitTask("past_alias", wait_until="2020-01-01 00:00 UTC") >> first >> second >> third
    workflow.output_parameters({"a": first.output("v"), "b": second.output("v"), "c": third.output("v")})
    run = workflow.execute(wait_for_seconds=15)
    assert run.status == "RUNNING"
    assert run.current_task is not None and run.current_task.reference_task_name == "first"
    workflow_id = run.workflow_id or ""

    # 1. by reference name
    executor.update_task_by_ref_name({"v": 1}, workflow_id, "first", "COMPLETED")
    # 2. by task id
    pending = wait_until(
        lambda: next(
            (t for t in executor.get_workflow(workflow_id).tasks or [] if t.reference_task_name == "second"),
            None,
        ),
        message="second wait scheduled",
    )
    executor.update_task(pending.task_id or "", workflow_id, {"v": 2}, "COMPLETED")
    wait_until(lambda: statuses(executor.get_workflow(workflow_id)).get("third") == "IN_PROGRESS")
    # 3. synchronous signal
    response = executor.signal(workflow_id, "COMPLETED", {"v": 3})
    assert response.target_workflow_id == workflow_id
    result = finished(executor, workflow_id)
    assert result.status == "COMPLETED"
    assert result.output == {"a": 1, "b": 2, "c": 3}
    assert statuses(result)["short"] == "COMPLETED"


def test_async_signal_and_human_task(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_human"), version=1)
    human = HumanTask("approve", display_name="Approve", form_template="approval_form")
    wait = WaitTask("hold")
    workflow >> human >> wait
    workflow.output_parameters({"approved": human.output("approved"), "note": wait.output("note")})
    workflow_id = workflow.start_workflow_with_input({})
    wait_until(lambda: statuses(executor.get_workflow(workflow_id)).get("approve") == "IN_PROGRESS")
    executor.update_task_by_ref_name({"approved": True}, workflow_id, "approve", "COMPLETED")
    wait_until(lambda: statuses(executor.get_workflow(workflow_id)).get("hold") == "IN_PROGRESS")
    executor.signal_async(workflow_id, "COMPLETED", {"note": "async"})
    assert finished(executor, workflow_id).output == {"approved": True, "note": "async"}


def test_http_task(executor: WorkflowExecutor, http_endpoint: _Server) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_http"), version=1)
    call = HttpTask(
        "call",
        HttpInput(
            method=HttpMethod.POST,
            uri=f"{base_url(http_endpoint)}/echo",
            headers={"X-Trace": ["t-1"]},
            body={"hello": "${workflow.input.who}"},
        ),
    )
    workflow >> call
    workflow.output_parameters(
        {"code": call.status_code(), "method": call.body("method"), "sent": call.body("body")}
    )
    run = workflow.execute(workflow_input={"who": "dsl"}, wait_for_seconds=15)
    assert run.status == "COMPLETED"
    assert run.output is not None
    assert run.output["code"] == 200
    assert run.output["method"] == "POST"
    assert run.output["sent"] == '{"hello": "dsl"}'


def test_switch_fork_and_loop(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_operators"), version=1)
    big = SetVariableTask("big").input_parameter("size", "big")
    small = SetVariableTask("small").input_parameter("size", "small")
    switch = SwitchTask("by_size", "${workflow.input.size}").switch_case("big", [big]).default_case(small)
    js_switch = SwitchTask("by_js", "$.n > 5 ? 'many' : 'few'", use_javascript=True)
    js_switch.input_parameter("n", "${workflow.input.n}")
    js_switch.switch_case("many", SetVariableTask("many").input_parameter("count", "many"))
    js_switch.default_case(SetVariableTask("few").input_parameter("count", "few"))
    left = JavascriptTask("left", "'L' + $.n", {"n": "${workflow.input.n}"})
    right = JsonJQTask("right", ".n * 3").input_parameter("n", "${workflow.input.n}")
    body = InlineTask("body", "$.i + 1", bindings={"i": "${loop.output.iteration}"})
    loop = LoopTask("loop", 3, [body])
    workflow >> switch >> js_switch >> [[left], [right]] >> loop
    workflow.output_parameters(
        {
            "size": "${workflow.variables.size}",
            "count": "${workflow.variables.count}",
            "left": left.output(),
            "right": right.output("result"),
            "iterations": "${loop.output.iteration}",
        }
    )
    run = workflow.execute(workflow_input={"size": "big", "n": 7}, wait_for_seconds=15)
    assert run.status == "COMPLETED", run
    assert run.output == {"size": "big", "count": "many", "left": "L7", "right": 21, "iterations": 3}
    run = workflow.execute(workflow_input={"size": "tiny", "n": 1}, wait_for_seconds=15)
    assert run.output is not None
    assert (run.output["size"], run.output["count"]) == ("small", "few")


def test_do_while_with_condition(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_do_while"), version=1)
    step = JavascriptTask("step", "$.i * 10", {"i": "${counter.output.iteration}"})
    loop = DoWhileTask("counter", "if ($.counter['iteration'] < $.limit) { true; } else { false; }", step)
    loop.input_parameter("limit", "${workflow.input.limit}")
    workflow >> loop
    workflow.output_parameters({"iterations": "${counter.output.iteration}", "last": "${step.output.result}"})
    run = workflow.execute(workflow_input={"limit": 4}, wait_for_seconds=15)
    assert run.status == "COMPLETED"
    assert run.output == {"iterations": 4, "last": 40}


def test_explicit_fork_join_and_terminate(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_fork_terminate"), version=1)
    a = InlineTask("a", "'A'")
    b = InlineTask("b", "'B'")
    fork = ForkTask("fork", [[a], [b]])
    join = JoinTask("join", join_on=["a", "b"])
    stop = TerminateTask("stop", WorkflowStatus.COMPLETED, "stopped early")
    stop.input_parameter("workflowOutput", {"a": a.output("result"), "b": b.output("result")})
    never = InlineTask("never", "'never'")
    workflow >> fork >> join >> stop >> never
    run = workflow.execute(wait_for_seconds=15)
    assert run.status == "COMPLETED"
    result = executor.get_workflow(run.workflow_id or "")
    assert "never" not in statuses(result)
    assert statuses(result)["join"] == "COMPLETED"
    # A TERMINATE's workflowOutput becomes the workflow's output.
    assert result.output == {"a": "A", "b": "B"}


def test_terminate_failed(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_terminate_failed"), version=1)
    workflow >> TerminateTask("stop", WorkflowStatus.FAILED, "bad input")
    run = workflow.execute(wait_for_seconds=15)
    assert run.status == "FAILED"
    assert executor.get_workflow(run.workflow_id or "").reason_for_incompletion == "bad input"


def test_dynamic_fork(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_dynamic_fork"), version=1)
    fork = DynamicForkTask("dyn", join_task=JoinTask("dyn_join"))
    fork.input_parameter("dynamicTasks", "${workflow.input.tasks}")
    fork.input_parameter("dynamicTasksInputs", "${workflow.input.inputs}")
    workflow >> fork
    workflow.output_parameters({"joined": "${dyn_join.output}"})
    tasks = [{"name": "js", "taskReferenceName": f"js_{i}", "type": "INLINE"} for i in range(3)]
    inputs = {f"js_{i}": {"evaluatorType": "javascript", "expression": f"{i} * 100"} for i in range(3)}
    run = workflow.execute(workflow_input={"tasks": tasks, "inputs": inputs}, wait_for_seconds=15)
    assert run.status == "COMPLETED"
    assert run.output == {"joined": {f"js_{i}": {"result": i * 100} for i in range(3)}}


def test_sub_workflows_and_start_workflow(executor: WorkflowExecutor) -> None:
    child = ConductorWorkflow(executor=executor, name=_name("dsl_child"), version=1)
    child >> JavascriptTask("child_js", "'child of ' + $.p", {"p": "${workflow.input.p}"})
    child.output_parameters({"r": "${child_js.output.result}"})
    child.register(overwrite=True)

    parent = ConductorWorkflow(executor=executor, name=_name("dsl_parent"), version=1)
    registered = SubWorkflowTask("registered", child.name, version=1).input_parameter("p", "registered")
    embedded_child = ConductorWorkflow(executor=executor, name=_name("dsl_embedded"), version=1)
    embedded_child >> JavascriptTask("e_js", "'embedded ' + $.p", {"p": "${workflow.input.p}"})
    embedded_child.output_parameters({"r": "${e_js.output.result}"})
    embedded_child.input_template({"p": "inline"})
    started = StartWorkflowTask(
        "fire", child.name, StartWorkflowRequest(input={"p": "fire-and-forget"}), version=1
    )
    parent >> registered >> embedded_child >> started
    parent.output_parameters({"registered": "${registered.output.r}", "fired": "${fire.output.workflowId}"})
    run = parent.execute(wait_for_seconds=20)
    assert run.status == "COMPLETED"
    assert run.output is not None
    assert run.output["registered"] == "child of registered"
    result = executor.get_workflow(run.workflow_id or "")
    inline_task = next(
        t for t in result.tasks or [] if (t.reference_task_name or "").startswith(embedded_child.name)
    )
    assert inline_task.status == "COMPLETED"
    assert inline_task.output_data is not None and inline_task.output_data["r"] == "embedded inline"
    fired = finished(executor, run.output["fired"])
    assert fired.output == {"r": "child of fire-and-forget"}


def test_simple_task_completed_by_update(executor: WorkflowExecutor) -> None:
    task_name = _name("dsl_manual")
    executor.metadata_client.register_task_def(
        [TaskDef(name=task_name, retry_count=0, response_timeout_seconds=30, timeout_seconds=60)]
    )
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_simple"), version=1)
    simple = SimpleTask(task_name, "manual")
    workflow >> simple
    workflow.output_parameters({"v": simple.output("v")})
    workflow_id = workflow.start_workflow_with_input({})
    polled = wait_until(
        lambda: executor.task_client.poll(task_name, workerid="dsl-test").task_id, message="poll"
    )
    executor.update_task(polled, workflow_id, {"v": "done"}, "COMPLETED")
    assert finished(executor, workflow_id).output == {"v": "done"}


def test_workflow_controls(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_controls"), version=1)
    workflow >> WaitTask("hold")
    workflow.register(overwrite=True)
    workflow_id = executor.start_workflow(StartWorkflowRequest(name=workflow.name, version=1))
    wait_until(lambda: statuses(executor.get_workflow(workflow_id)).get("hold") == "IN_PROGRESS")
    executor.pause(workflow_id)
    assert executor.get_workflow(workflow_id).status == "PAUSED"
    executor.resume(workflow_id)
    assert executor.get_workflow(workflow_id).status == "RUNNING"
    executor.terminate(workflow_id, reason="enough")
    terminated = executor.get_workflow(workflow_id)
    assert (terminated.status, terminated.reason_for_incompletion) == ("TERMINATED", "enough")
    executor.restart(workflow_id)
    assert executor.get_workflow(workflow_id).status == "RUNNING"
    executor.terminate(workflow_id, reason="again")
    executor.retry(workflow_id)
    assert executor.get_workflow(workflow_id).status == "RUNNING"
    executor.terminate(workflow_id)
    executor.remove_workflow(workflow_id)  # archiving needs a finished workflow
    with pytest.raises(ApiException) as error:
        executor.get_workflow(workflow_id)
    assert error.value.status == 404


def test_bad_definitions_are_rejected_with_a_message(executor: WorkflowExecutor) -> None:
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_bad"), version=1)
    workflow >> InlineTask("a", "1") >> InlineTask("a", "2")
    with pytest.raises(ApiException) as error:
        workflow.register(overwrite=True)
    assert error.value.status == 400
    assert "unique" in str(error.value.body)


def test_dynamic_task_and_event_task(executor: WorkflowExecutor) -> None:
    task_name = _name("dsl_dynamic_target")
    executor.metadata_client.register_task_def(
        [TaskDef(name=task_name, retry_count=0, response_timeout_seconds=30, timeout_seconds=60)]
    )
    workflow = ConductorWorkflow(executor=executor, name=_name("dsl_dynamic"), version=1)
    dynamic = DynamicTask("${workflow.input.which}", "dyn")
    event = ConductorEventTask("publish", _name("dsl_event")).input_parameter("payload", "${dyn.output.v}")
    workflow >> dynamic >> event
    workflow.output_parameters({"v": dynamic.output("v"), "sink": event.output("event_produced")})
    workflow_id = workflow.start_workflow_with_input({"which": task_name})

    def poll() -> Task | None:
        task = executor.task_client.poll(task_name, workerid="dsl-test")
        return task if task is not None and task.task_id else None

    polled = wait_until(poll, message="dynamic task polled")
    assert polled.reference_task_name == "dyn"
    executor.update_task(polled.task_id or "", workflow_id, {"v": 7}, "COMPLETED")
    result = finished(executor, workflow_id)
    assert result.status == "COMPLETED"
    assert result.output is not None and result.output["v"] == 7
    assert statuses(result) == {"dyn": "COMPLETED", "publish": "COMPLETED"}
