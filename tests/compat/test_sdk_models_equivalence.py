"""Our models serialise exactly like the official conductor-python 2.0.0 models.

One script (``CORPUS`` below, written only against the official SDK's public API) builds a corpus
of model objects, the way user code does (constructors, property setters, the ``_field``
attributes the official models keep), and prints, per object, the JSON that
``ApiClient.sanitize_for_serialization`` sends to the server, plus the JSON of documents decoded
with ``ApiClient.deserialize_class`` and serialised again. The script runs twice: in the official
SDK's venv (``.cache/compat-venv``, see conftest.py) and with our SDK; every entry must be equal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import OfficialSdk

pytestmark = pytest.mark.compat

CORPUS = r"""
import json

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api_client import ApiClient
from conductor.client.http.models import (
    Action, EventHandler, RerunWorkflowRequest, SkipTaskRequest, StartWorkflow,
    StartWorkflowRequest, SubWorkflowParams, Task, TaskDef, TaskDetails, TaskResult,
    Workflow, WorkflowDef, WorkflowTask, WorkflowSchedule, SaveScheduleRequest,
    WorkflowStatus, TaskExecLog, PollData, RateLimit, TagObject, TagString,
    WorkflowScheduleExecutionModel, SearchResultWorkflowScheduleExecutionModel,
    ConductorUser, Group, Role, Permission, SubjectRef, TargetRef, AuthorizationRequest,
    UpsertUserRequest, UpsertGroupRequest, Integration, IntegrationApi, PromptTemplate,
    WorkflowStateUpdate, WorkflowTag, BulkResponse, ExternalStorageLocation,
)
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.http.models.terminate_workflow import TerminateWorkflow
from conductor.client.http.models.update_workflow_variables import UpdateWorkflowVariables
from conductor.client.http.models.correlation_ids_search_request import CorrelationIdsSearchRequest

api = ApiClient(Configuration())
out = {}

def put(name, obj):
    out[name] = api.sanitize_for_serialization(obj)

task = WorkflowTask(name="greet", task_reference_name="greet_ref", type="SIMPLE",
                    input_parameters={"name": "${workflow.input.name}"})
http = WorkflowTask(name="call", task_reference_name="call_ref", type="HTTP",
                    input_parameters={"http_request": {"uri": "http://x", "method": "GET"}})
sub = WorkflowTask(name="child", task_reference_name="child_ref", type="SUB_WORKFLOW",
                   sub_workflow_param=SubWorkflowParams(name="child_wf", version=2))
switch = WorkflowTask(name="sw", task_reference_name="sw_ref", type="SWITCH",
                      evaluator_type="value-param", expression="k",
                      decision_cases={"a": [task]}, default_case=[http])
put("workflow_def", WorkflowDef(name="wf", version=3, description="d", tasks=[task, http, sub, switch],
                                input_parameters=["name"], output_parameters={"out": "${greet_ref.output}"},
                                timeout_policy="ALERT_ONLY", timeout_seconds=60, owner_email="a@b.c",
                                restartable=True, schema_version=2))
wd = WorkflowDef(name="private_fields")
wd._tasks = [task]
wd._description = "set through _description"
put("workflow_def_private_fields", wd)
wd2 = WorkflowDef(name="setters")
wd2.tasks = [http]
wd2.version = 7
wd2.variables = {"v": 1}
put("workflow_def_setters", wd2)
put("workflow_task_defaults", WorkflowTask(name="t", task_reference_name="r"))
put("task_def", TaskDef(name="td", retry_count=2, timeout_seconds=10, response_timeout_seconds=5,
                        retry_logic="FIXED", timeout_policy="TIME_OUT_WF", input_keys=["a"],
                        rate_limit_per_frequency=1, rate_limit_frequency_in_seconds=2,
                        concurrent_exec_limit=3, owner_email="o@x.y"))
put("start_workflow_request", StartWorkflowRequest(name="wf", version=1, input={"a": [1, {"b": None}]},
                                                   correlation_id="c", priority=2,
                                                   task_to_domain={"t": "d"}))
t = Task(task_type="SIMPLE", status="IN_PROGRESS", input_data={"x": 1}, reference_task_name="r",
         retry_count=0, seq=1, poll_count=1, task_def_name="t", workflow_instance_id="w",
         task_id="tid", worker_id="wk", output_data={}, callback_after_seconds=0)
put("task", t)
tr = TaskResult(workflow_instance_id="w", task_id="tid", status="COMPLETED", output_data={"o": 1})
tr.worker_id = "wk"
put("task_result", tr)
put("task_result_status_enum", TaskResult(workflow_instance_id="w", task_id="t",
                                          status=TaskResultStatus.FAILED, reason_for_incompletion="bad"))
put("workflow", Workflow(workflow_id="w", workflow_name="wf", status="RUNNING", tasks=[t],
                         input={"a": 1}, output={}, workflow_version=1, correlation_id="c"))
put("workflow_status", WorkflowStatus(workflow_id="w", status="COMPLETED", output={"a": 1}))
put("rerun", RerunWorkflowRequest(re_run_from_workflow_id="w", workflow_input={"a": 1},
                                  re_run_from_task_id="t", task_input={"b": 2}, correlation_id="c"))
put("skip", SkipTaskRequest(task_input={"a": 1}, task_output={"b": 2}))
put("correlation_search", CorrelationIdsSearchRequest(correlation_ids=["a"], workflow_names=["wf"]))
schedule_request = SaveScheduleRequest(
    name="s", cron_expression="0 * * * * ?", run_catchup_schedule_instances=False, paused=False,
    start_workflow_request=StartWorkflowRequest(name="wf", version=1, input={"k": "v"}),
    schedule_start_time=1, schedule_end_time=2, zone_id="UTC", description="d")
put("save_schedule_request", schedule_request)
put("workflow_schedule", WorkflowSchedule(name="s", cron_expression="0 * * * * ?", paused=True,
                                          start_workflow_request=StartWorkflowRequest(name="wf"),
                                          create_time=1, updated_time=2, zone_id="UTC",
                                          paused_reason="maintenance"))
put("schedule_execution", WorkflowScheduleExecutionModel(execution_id="e", schedule_name="s",
                                                         scheduled_time=1, execution_time=2,
                                                         workflow_name="wf", workflow_id="w",
                                                         state="EXECUTED", zone_id="UTC"))
put("schedule_search", SearchResultWorkflowScheduleExecutionModel(
    total_hits=1, results=[WorkflowScheduleExecutionModel(execution_id="e", state="POLLED")]))
put("event_handler", EventHandler(name="eh", event="conductor:wf:done", condition="true", active=True,
                                  actions=[Action(action="start_workflow",
                                                  start_workflow=StartWorkflow(name="wf", version=1,
                                                                               input={"a": 1}),
                                                  expand_inline_json=True),
                                           Action(action="complete_task",
                                                  complete_task=TaskDetails(workflow_id="w",
                                                                            task_ref_name="r",
                                                                            output={"x": 1}))]))
put("terminate_workflow", TerminateWorkflow(workflow_id="w", termination_reason="r"))
put("update_workflow_variables", UpdateWorkflowVariables(workflow_id="w", variables={"a": 1},
                                                         append_array=True))
put("task_exec_log", TaskExecLog(log="line", task_id="t", created_time=5))
put("poll_data", PollData(queue_name="q", domain="d", worker_id="w", last_poll_time=3))
put("rate_limit", RateLimit(rate_limit_key="k", concurrent_exec_limit=2, tag="t",
                            concurrent_execution_limit=3))
put("tag_object", TagObject(key="k", type="METADATA", value="v"))
put("tag_string", TagString(key="k", type="RATE_LIMIT", value="5"))
put("user", ConductorUser(id="u", name="n", roles=[Role(name="ADMIN", permissions=[Permission(name="p")])],
                          groups=[Group(id="g", description="d")], uuid="x", application_user=False))
put("authorization_request", AuthorizationRequest(subject=SubjectRef(type="USER", id="u"),
                                                  target=TargetRef(type="WORKFLOW_DEF", id="wf"),
                                                  access=["READ", "EXECUTE"]))
put("upsert_user", UpsertUserRequest(name="n", roles=["USER"], groups=["g"]))
put("upsert_group", UpsertGroupRequest(description="d", roles=["WORKER"]))
put("integration", Integration(name="i", category="AI_MODEL", configuration={"k": "v"}, enabled=True,
                               type="openai", description="d"))
put("integration_api", IntegrationApi(api="gpt", integration_name="i", enabled=True, configuration={}))
put("prompt_template", PromptTemplate(name="p", template="hi ${x}", variables=["x"],
                                      integrations=["i"], description="d"))
put("workflow_state_update", WorkflowStateUpdate(task_reference_name="r", variables={"a": 1},
                                                 task_result=TaskResult(workflow_instance_id="w",
                                                                        task_id="t", status="COMPLETED")))
put("workflow_tag", WorkflowTag(rate_limit=RateLimit(rate_limit_key="k", concurrent_exec_limit=1)))
put("bulk_response", BulkResponse(bulk_error_results={"a": "err"}, bulk_successful_results=["b"]))
put("external_storage_location", ExternalStorageLocation(uri="s3://x", path="p"))

documents = {
    "Workflow": {"workflowId": "w", "workflowName": "wf", "status": "COMPLETED", "version": 1,
                 "input": {"a": 1}, "output": {"b": [1, 2]}, "createTime": 10, "tasks": [
                     {"taskId": "t", "taskType": "SIMPLE", "status": "COMPLETED", "referenceTaskName": "r",
                      "inputData": {"x": None}, "outputData": {"y": 1}, "seq": 1, "retryCount": 0,
                      "workflowTask": {"name": "t", "taskReferenceName": "r", "type": "SIMPLE"}}]},
    "WorkflowDef": {"name": "wf", "version": 2, "tasks": [{"name": "t", "taskReferenceName": "r",
                                                          "type": "SIMPLE", "inputParameters": {}}],
                    "schemaVersion": 2, "timeoutPolicy": "TIME_OUT_WF", "timeoutSeconds": 0},
    "Task": {"taskId": "t", "taskType": "HTTP", "status": "SCHEDULED", "inputData": {"a": 1},
             "pollCount": 0, "callbackAfterSeconds": 0, "workflowPriority": 0},
    "TaskDef": {"name": "td", "retryCount": 3, "timeoutSeconds": 60, "responseTimeoutSeconds": 10,
                "ownerEmail": "x@y.z", "inputKeys": ["a"]},
    "WorkflowSchedule": {"name": "s", "cronExpression": "0 * * * * ?", "paused": False,
                         "startWorkflowRequest": {"name": "wf", "version": 1, "input": {}}},
    "SearchResultWorkflowSummary": {"totalHits": 1, "results": [
        {"workflowType": "wf", "version": 1, "workflowId": "w", "status": "RUNNING", "startTime": "x",
         "failedReferenceTaskNames": "", "priority": 0, "inputSize": 2}]},
    "WorkflowRun": {"workflowId": "w", "status": "COMPLETED", "output": {"a": 1}, "requestId": "r",
                    "tasks": [{"taskId": "t", "status": "COMPLETED"}]},
    "TaskSummary": {"workflowId": "w", "taskId": "t", "status": "FAILED", "executionTime": 5,
                    "reasonForIncompletion": "bad"},
    "EventHandler": {"name": "eh", "event": "e", "active": True, "actions": [
        {"action": "complete_task", "complete_task": {"workflowId": "w", "taskRefName": "r"},
         "expandInlineJSON": False}]},
}
for klass, doc in documents.items():
    out["decoded_" + klass] = api.sanitize_for_serialization(api.deserialize_class(doc, klass))

print(json.dumps(out, sort_keys=True))
"""


def _run_ours(script: Path, workdir: Path) -> Any:
    """The corpus with our SDK: this interpreter's ``conductor`` package, outside the repo root
    so nothing else shadows it."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-6000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def both(official_sdk: OfficialSdk, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    workdir = tmp_path_factory.mktemp("equivalence")
    script = workdir / "corpus.py"
    script.write_text(CORPUS)
    return official_sdk.run_json(script), _run_ours(script, workdir)


def _entries() -> list[str]:
    """Corpus entry names (the keys ``put``/``documents`` produce), for one test per object."""
    names = [line.split('"')[1] for line in CORPUS.splitlines() if line.startswith('put("')]
    documents = CORPUS.split("documents = {", 1)[1].split("\n}\n", 1)[0]
    names += ["decoded_" + line.split('"')[1] for line in documents.splitlines() if line.startswith('    "')]
    return names


def test_corpus_lists_every_entry(both: tuple[Any, Any]) -> None:
    official, ours = both
    assert sorted(official) == sorted(_entries())
    assert sorted(ours) == sorted(official)


@pytest.mark.parametrize("name", _entries())
def test_same_json_as_official(both: tuple[Any, Any], name: str) -> None:
    official, ours = both
    assert ours[name] == official[name]
