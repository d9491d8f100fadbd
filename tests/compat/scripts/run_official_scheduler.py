"""The official SDK's scheduler client against our /api/scheduler. Prints one JSON line."""

import json

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.models.save_schedule_request import SaveScheduleRequest
from conductor.client.http.models.start_workflow_request import StartWorkflowRequest
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.http.models.workflow_task import WorkflowTask
from conductor.client.orkes_clients import OrkesClients

clients = OrkesClients(Configuration())
metadata = clients.get_metadata_client()
scheduler = clients.get_scheduler_client()

wait = WorkflowTask(name="w", task_reference_name="w", type="WAIT")
metadata.register_workflow_def(WorkflowDef(name="compat_sched_wf", version=1, tasks=[wait]), overwrite=True)
scheduler.save_schedule(
    SaveScheduleRequest(
        name="compat_sched",
        cron_expression="0 0 0 1 1 ?",
        zone_id="Europe/Berlin",
        start_workflow_request=StartWorkflowRequest(name="compat_sched_wf", version=1, input={"k": "v"}),
        description="from the official SDK",
    )
)
got = scheduler.get_schedule("compat_sched")
listed = scheduler.get_all_schedules("compat_sched_wf")
scheduler.pause_schedule("compat_sched", reason="because")
paused = scheduler.get_schedule("compat_sched")
scheduler.resume_schedule("compat_sched")
resumed = scheduler.get_schedule("compat_sched")
times = scheduler.get_next_few_schedule_execution_times("0 0 * * * *", 1893456000000, None, 2)
executions = scheduler.search_schedule_executions(start=0, size=10, query="scheduleName='compat_sched'")
scheduler.delete_schedule("compat_sched")
print(
    json.dumps(
        {
            "name": got.name,
            "cron": got.cron_expression,
            "zone": got.zone_id,
            "workflow": got.start_workflow_request.name,
            "input": got.start_workflow_request.input,
            "listed": [s.name for s in listed],
            "paused": [paused.paused, paused.paused_reason],
            "resumed": resumed.paused,
            "times": times,
            "executions": executions.total_hits,
            "after_delete": [s.name for s in scheduler.get_all_schedules("compat_sched_wf")],
        }
    )
)
