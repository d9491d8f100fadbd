"""Conductor wire models under their official names.

One module per model (``conductor.client.http.models.task.Task``, ...); this package also
re-exports the usual names. Every model is a dataclass with the official snake_case
attributes; ``to_dict()`` gives Conductor's camelCase JSON and ``Model.from_dict(json)``
builds one (see ``_serde``).
"""

from conductor.client.http.models.bulk_response import BulkResponse
from conductor.client.http.models.correlation_ids_search_request import CorrelationIdsSearchRequest
from conductor.client.http.models.external_storage_location import ExternalStorageLocation
from conductor.client.http.models.poll_data import PollData
from conductor.client.http.models.rate_limit import RateLimit, RateLimitConfig
from conductor.client.http.models.rerun_workflow_request import RerunWorkflowRequest
from conductor.client.http.models.schema_def import SchemaDef, SchemaType
from conductor.client.http.models.scrollable_search_result_workflow_summary import (
    ScrollableSearchResultWorkflowSummary,
)
from conductor.client.http.models.search_result_task import SearchResultTask
from conductor.client.http.models.search_result_task_summary import SearchResultTaskSummary
from conductor.client.http.models.search_result_workflow import SearchResultWorkflow
from conductor.client.http.models.search_result_workflow_summary import SearchResultWorkflowSummary
from conductor.client.http.models.signal_response import (
    SignalResponse,
    TaskStatus,
    WorkflowSignalReturnStrategy,
)
from conductor.client.http.models.skip_task_request import SkipTaskRequest
from conductor.client.http.models.start_workflow import StartWorkflow
from conductor.client.http.models.start_workflow_request import IdempotencyStrategy, StartWorkflowRequest
from conductor.client.http.models.state_change_event import (
    StateChangeConfig,
    StateChangeEvent,
    StateChangeEventType,
)
from conductor.client.http.models.sub_workflow_params import SubWorkflowParams
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.http.models.task_summary import TaskSummary
from conductor.client.http.models.workflow import Workflow
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.http.models.workflow_run import WorkflowRun
from conductor.client.http.models.workflow_status import WorkflowStatus
from conductor.client.http.models.workflow_summary import WorkflowSummary
from conductor.client.http.models.workflow_task import CacheConfig, WorkflowTask
from conductor.client.http.models.workflow_test_request import TaskMock, WorkflowTestRequest

__all__ = [
    "BulkResponse",
    "CacheConfig",
    "CorrelationIdsSearchRequest",
    "ExternalStorageLocation",
    "IdempotencyStrategy",
    "PollData",
    "RateLimit",
    "RateLimitConfig",
    "RerunWorkflowRequest",
    "SchemaDef",
    "SchemaType",
    "ScrollableSearchResultWorkflowSummary",
    "SearchResultTask",
    "SearchResultTaskSummary",
    "SearchResultWorkflow",
    "SearchResultWorkflowSummary",
    "SignalResponse",
    "SkipTaskRequest",
    "StartWorkflow",
    "StartWorkflowRequest",
    "StateChangeConfig",
    "StateChangeEvent",
    "StateChangeEventType",
    "SubWorkflowParams",
    "Task",
    "TaskDef",
    "TaskExecLog",
    "TaskMock",
    "TaskResult",
    "TaskResultStatus",
    "TaskStatus",
    "TaskSummary",
    "Workflow",
    "WorkflowDef",
    "WorkflowRun",
    "WorkflowSignalReturnStrategy",
    "WorkflowStatus",
    "WorkflowSummary",
    "WorkflowTask",
    "WorkflowTestRequest",
]
