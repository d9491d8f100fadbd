"""Build the same workflows with whichever ``conductor`` SDK is importable; print their JSON.

Run with our interpreter this exercises ``conductor.client.workflow`` of pyconductor; run
with the compat virtualenv's interpreter it exercises the official ``conductor-python``.
``test_dsl_golden.py`` compares the two outputs (and a checked-in copy of the official one).
Only the public DSL API is used, so the file must run unchanged on both SDKs.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api_client import ApiClient
from conductor.client.http.models import StartWorkflowRequest
from conductor.client.worker.worker_task import worker_task
from conductor.client.workflow.conductor_workflow import ConductorWorkflow
from conductor.client.workflow.task.do_while_task import DoWhileTask, ForEachTask, LoopTask
from conductor.client.workflow.task.dynamic_fork_task import DynamicForkTask
from conductor.client.workflow.task.dynamic_task import DynamicTask
from conductor.client.workflow.task.event_task import ConductorEventTask, SqsEventTask
from conductor.client.workflow.task.fork_task import ForkTask
from conductor.client.workflow.task.http_poll_task import HttpPollInput, HttpPollTask
from conductor.client.workflow.task.http_task import HttpInput, HttpMethod, HttpTask
from conductor.client.workflow.task.human_task import AssignmentCompletionStrategy, HumanTask
from conductor.client.workflow.task.inline import InlineTask
from conductor.client.workflow.task.javascript_task import JavascriptTask
from conductor.client.workflow.task.join_task import JoinTask
from conductor.client.workflow.task.json_jq_task import JsonJQTask
from conductor.client.workflow.task.kafka_publish import KafkaPublishTask
from conductor.client.workflow.task.kafka_publish_input import KafkaPublishInput
from conductor.client.workflow.task.set_variable_task import SetVariableTask
from conductor.client.workflow.task.simple_task import SimpleTask, simple_task
from conductor.client.workflow.task.start_workflow_task import StartWorkflowTask
from conductor.client.workflow.task.sub_workflow_task import InlineSubWorkflowTask, SubWorkflowTask
from conductor.client.workflow.task.switch_task import SwitchTask
from conductor.client.workflow.task.terminate_task import TerminateTask, WorkflowStatus
from conductor.client.workflow.task.timeout_policy import TimeoutPolicy
from conductor.client.workflow.task.wait_for_webhook_task import wait_for_webhook
from conductor.client.workflow.task.wait_task import WaitForDurationTask, WaitTask, WaitUntilTask

_SANITIZE = ApiClient(Configuration(server_api_url="http://127.0.0.1:9/api")).sanitize_for_serialization
# Random suffixes (fork refs, inline sub-workflow refs) are replaced before comparing.
_RANDOM_SUFFIX = re.compile(r"_[A-Za-z0-9]{22}\b")


@worker_task(task_definition_name="golden_greet")
def golden_greet(name: str) -> str:
    return f"Hello {name}"


class RecordingExecutor:
    """Stands in for WorkflowExecutor: records what ConductorWorkflow hands it."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def register_workflow(self, workflow: Any, overwrite: Any = None) -> None:
        self.calls.append({"call": "register_workflow", "workflow": workflow, "overwrite": overwrite})

    def start_workflow(self, start_workflow_request: Any) -> str:
        self.calls.append({"call": "start_workflow", "request": start_workflow_request})
        return "workflow-id"

    def execute_workflow(
        self,
        request: Any,
        wait_until_task_ref: Any = None,
        wait_for_seconds: int = 10,
        request_id: Any = None,
    ) -> None:
        self.calls.append(
            {
                "call": "execute_workflow",
                "request": request,
                "wait_until_task_ref": wait_until_task_ref,
                "wait_for_seconds": wait_for_seconds,
                "request_id": request_id,
            }
        )


def seed_snippets() -> Any:
    # The "System Task Workers" snippets of the seed guide, verbatim.
    wait_for_two_sec = WaitTask(task_ref_name="wait_for_2_sec", wait_for_seconds=2)
    wait_till_jan = WaitTask(task_ref_name="wait_till_jsn", wait_until="2024-01-31 00:00 UTC")
    wait_for_signal = WaitTask(task_ref_name="wait_till_jan_end")
    http = HttpTask(
        task_ref_name="call_remote_api", http_input={"uri": "https://orkes-api-tester.orkesconductor.com/api"}
    )
    say_hello_js = """
function greetings() {
    return {
        "text": "hello " + $.name
    }
}
greetings();
"""
    js = JavascriptTask(
        task_ref_name="hello_script", script=say_hello_js, bindings={"name": "${workflow.input.name}"}
    )
    jq_script = """
{ key3: (.key1.value1 + .key2.value2) }
"""
    jq = JsonJQTask(task_ref_name="jq_process", script=jq_script)
    return [t.to_workflow_task() for t in (wait_for_two_sec, wait_till_jan, wait_for_signal, http, js, jq)]


def wait_variants() -> Any:
    return [
        WaitForDurationTask("d", 90).to_workflow_task(),
        WaitUntilTask("u", "2030-01-01 10:00 UTC").to_workflow_task(),
        WaitTask("s").to_workflow_task(),
    ]


def http_variants() -> Any:
    full = HttpInput(
        method=HttpMethod.POST,
        uri="http://127.0.0.1:1/x",
        headers={"X-Trace": ["a", "b"]},
        accept="application/json",
        content_type="application/json",
        connection_time_out=500,
        read_timeout=700,
        body={"k": [1, 2, None]},
    )
    task = HttpTask("h_full", full)
    helpers = SetVariableTask("v")
    helpers.input_parameter("code", task.status_code())
    helpers.input_parameter("body", task.body())
    helpers.input_parameter("body_x", task.body("x.y"))
    helpers.input_parameter("headers", task.headers())
    helpers.input_parameter("ct", task.headers("Content-Type"))
    with_method = HttpTask("h_put", {"uri": "http://127.0.0.1:1/y", "method": "PUT", "body": "text"})
    poll = HttpPollTask(
        "hp", HttpPollInput(termination_condition="(function(){return true;})();", uri="http://127.0.0.1:1/p")
    )
    return [
        t.to_workflow_task()
        for t in (task, helpers, with_method, HttpTask("h_min", HttpInput(uri="u")), poll)
    ]


def script_variants() -> Any:
    js = JavascriptTask("js", "$.a + 1", {"a": 1}).evaluator_type("javascript")
    inline = InlineTask("inl", "(function(){ return $.x; })()", bindings={"x": "${workflow.input.x}"})
    outputs = SetVariableTask("outs")
    outputs.input_parameter("whole", js.output())
    outputs.input_parameter("part", js.output("a.b"))
    outputs.input_parameter("inline_whole", inline.output())
    outputs.input_parameter("inline_dot", inline.output(".field"))
    outputs.input_parameter("dynamic_attr", inline.some_field)
    outputs.input_parameter("input_all", inline.input())
    outputs.input_parameter("input_path", inline.input("x"))
    jq = JsonJQTask("jq", ".a | map(. * 2)")
    jq.input_parameter("a", [1, 2, 3])
    return [t.to_workflow_task() for t in (js, inline, outputs, jq)]


def operators() -> Any:
    a = SimpleTask("task_a", "a")
    b = simple_task("task_b", "b", {"x": 1})
    switch_value = (
        SwitchTask("sw", "${workflow.input.kind}")
        .switch_case("one", [a])
        .switch_case("two", b)
        .default_case(TerminateTask("t", WorkflowStatus.FAILED, "unknown kind"))
    )
    switch_js = SwitchTask("swjs", "$.k == 1 ? 'one' : 'other'", use_javascript=True).switch_case("one", [a])
    switch_no_default = SwitchTask("sw2", "x").switch_case("x", [b])
    fork = ForkTask("fork", [[a], [b, SimpleTask("task_c", "c")]])
    fork_join = ForkTask("fork2", [[a], [b]], join_on=["a", "b"])
    join = JoinTask("j", join_on=["a"], join_on_script="(function(){ return true; })()")
    loop = DoWhileTask("dw", "if ($.dw['iteration'] < 3) { true; } else { false; }", [a, b])
    loop_single = DoWhileTask("dw1", "false", a)
    counted = LoopTask("lp", 4, [a])
    each = ForEachTask("fe", [a], iterate_over="${workflow.input.items}")
    dyn_fork = DynamicForkTask("df", join_task=JoinTask("df_join"))
    dyn_fork_plain = DynamicForkTask("df2", tasks_param="ts", tasks_input_param_name="ins")
    dyn = DynamicTask("${workflow.input.task}", "dyn")
    dyn_param = DynamicTask("task_a", "dyn2", dynamic_task_param="which")
    sub = SubWorkflowTask("sub", "child_wf", version=2, task_to_domain_map={"*": "d1"})
    sub_latest = SubWorkflowTask("sub2", "child_wf")
    start = StartWorkflowTask(
        "start", "child_wf", StartWorkflowRequest(input={"a": 1}, correlation_id="c-1"), version=3
    )
    start_plain = StartWorkflowTask("start2", "child_wf", StartWorkflowRequest())
    terminate = TerminateTask("term", WorkflowStatus.COMPLETED, "done early")
    set_var = SetVariableTask("sv").input_parameter("counter", 1)
    human = HumanTask("hu", display_name="Approve", form_template="approval", form_version=2)
    human_default = HumanTask("hu2", assignment_completion_strategy=AssignmentCompletionStrategy.TERMINATE)
    event = ConductorEventTask("ev", "my_event")
    sqs = SqsEventTask("sqs", "queue_1")
    kafka = KafkaPublishTask(
        "kf", KafkaPublishInput(bootstrap_servers="b:9092", topic="t", value="v", key="k")
    )
    webhook = wait_for_webhook("wh", {"$['type']": "x"}, task_def_name="my_webhook")
    worker = golden_greet(task_ref_name="greet_ref", name="${workflow.input.name}")
    described = SimpleTask("task_d", "d")
    described.description = "a described task"
    described.optional = True
    described.input(key="k", value="v")
    cached = SimpleTask("task_e", "e")
    cached.cache("${workflow.input.k}", 60)
    tasks = (
        switch_value,
        switch_js,
        switch_no_default,
        fork,
        fork_join,
        join,
        loop,
        loop_single,
        counted,
        each,
        dyn_fork,
        dyn_fork_plain,
        dyn,
        dyn_param,
        sub,
        sub_latest,
        start,
        start_plain,
        terminate,
        set_var,
        human,
        human_default,
        event,
        sqs,
        kafka,
        webhook,
        worker,
        described,
        cached,
    )
    return [t.to_workflow_task() for t in tasks]


def workflows() -> Any:
    executor = RecordingExecutor()
    plain = ConductorWorkflow(executor=executor, name="plain")
    plain >> SimpleTask("task_a", "a")

    child = ConductorWorkflow(executor=executor, name="child", version=3, description="a child")
    child >> WaitTask("w", wait_for_seconds=1)
    child.input_template({"i": "${workflow.input.i}"})

    full = ConductorWorkflow(executor=executor, name="full", version=2, description="everything")
    full.timeout_policy(TimeoutPolicy.TIME_OUT_WORKFLOW).timeout_seconds(120).owner_email("me@example.com")
    full.failure_workflow("on_failure").restartable(False)
    full.output_parameters({"a": "${a.output.result}"}).output_parameter("b", "${b.output}")
    full.variables({"v": 1}).input_parameters(["name", "kind"])
    full.enable_status_listener("kafka:topic")
    (
        full
        >> SimpleTask("task_a", "a")
        >> [[SimpleTask("task_b", "b")], [SimpleTask("task_c", "c"), SimpleTask("task_d", "d")]]
    )
    full >> [SimpleTask("task_e", "e"), SimpleTask("task_f", "f")]
    full >> SimpleTask("task_g", "g")
    full >> child
    full.add([SetVariableTask("sv1"), SetVariableTask("sv2")])
    full.add(ForkTask("explicit_fork", [[SimpleTask("task_h", "h")]]))
    full.add(JoinTask("explicit_join", join_on=["h"]))
    full >> [[SimpleTask("task_i", "i")]]

    templated = ConductorWorkflow(executor=executor, name="templated")
    templated.input_parameters({"x": 1})
    templated.workflow_input({"y": 2})
    templated >> InlineSubWorkflowTask("inline_sub", child)

    plain.register(True)
    full.register(overwrite=False)
    plain.start_workflow(StartWorkflowRequest(input={"a": 1}, correlation_id="c"))
    plain.start_workflow_with_input({"n": 1}, correlation_id="c2", task_to_domain={"*": "d"}, priority=5)
    plain.start_workflow_with_input()
    plain.execute({"n": 2}, wait_until_task_ref="a", wait_for_seconds=7, request_id="r-1")
    plain.execute(idempotency_key="ik", task_to_domain={"a": "b"})
    plain(name="kw")
    return {
        "plain": plain.to_workflow_def(),
        "full": full.to_workflow_def(),
        "templated": templated.to_workflow_def(),
        "as_task": child.to_workflow_task(),
        "helpers": [plain.input("x"), plain.input(None), plain.output(), plain.output("y")],
        "calls": executor.calls,
    }


CASES: dict[str, Callable[[], Any]] = {
    "seed_snippets": seed_snippets,
    "wait_variants": wait_variants,
    "http_variants": http_variants,
    "script_variants": script_variants,
    "operators": operators,
    "workflows": workflows,
}


def build() -> dict[str, Any]:
    """Every case as plain JSON data, with random suffixes normalised."""
    text = json.dumps({name: _SANITIZE(make()) for name, make in CASES.items()}, sort_keys=True)
    return json.loads(_RANDOM_SUFFIX.sub("_<uuid>", text))  # type: ignore[no-any-return]


if __name__ == "__main__":
    json.dump(build(), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
