"""Conductor wire models under their official names.

One module per model (``conductor.client.http.models.task.Task``, ...); this package also
re-exports the usual names. Every model is a dataclass with the official snake_case
attributes; ``to_dict()`` gives Conductor's camelCase JSON and ``Model.from_dict(json)``
builds one (see ``_serde``).
"""

from conductor.client.http.models.action import Action
from conductor.client.http.models.authentication_config import AuthenticationConfig
from conductor.client.http.models.authorization_request import AuthorizationRequest
from conductor.client.http.models.bulk_response import BulkResponse
from conductor.client.http.models.circuit_breaker_transition_response import CircuitBreakerTransitionResponse
from conductor.client.http.models.conductor_application import ConductorApplication
from conductor.client.http.models.conductor_user import ConductorUser
from conductor.client.http.models.correlation_ids_search_request import CorrelationIdsSearchRequest
from conductor.client.http.models.create_or_update_application_request import CreateOrUpdateApplicationRequest
from conductor.client.http.models.event_handler import EventHandler
from conductor.client.http.models.external_storage_location import ExternalStorageLocation
from conductor.client.http.models.generate_token_request import GenerateTokenRequest
from conductor.client.http.models.group import Group
from conductor.client.http.models.integration import Integration
from conductor.client.http.models.integration_api import IntegrationApi
from conductor.client.http.models.permission import Permission
from conductor.client.http.models.poll_data import PollData
from conductor.client.http.models.prompt_template import PromptTemplate
from conductor.client.http.models.proto_registry_entry import ProtoRegistryEntry
from conductor.client.http.models.rate_limit import RateLimit, RateLimitConfig
from conductor.client.http.models.request_param import RequestParam, Schema
from conductor.client.http.models.rerun_workflow_request import RerunWorkflowRequest
from conductor.client.http.models.response import Response
from conductor.client.http.models.role import Role
from conductor.client.http.models.save_schedule_request import SaveScheduleRequest
from conductor.client.http.models.schema_def import SchemaDef, SchemaType
from conductor.client.http.models.scrollable_search_result_workflow_summary import (
    ScrollableSearchResultWorkflowSummary,
)
from conductor.client.http.models.search_result_task import SearchResultTask
from conductor.client.http.models.search_result_task_summary import SearchResultTaskSummary
from conductor.client.http.models.search_result_workflow import SearchResultWorkflow
from conductor.client.http.models.search_result_workflow_schedule_execution_model import (
    SearchResultWorkflowScheduleExecutionModel,
)
from conductor.client.http.models.search_result_workflow_summary import SearchResultWorkflowSummary
from conductor.client.http.models.service_method import ServiceMethod
from conductor.client.http.models.service_registry import (
    Config,
    OrkesCircuitBreakerConfig,
    ServiceRegistry,
    ServiceType,
)
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
from conductor.client.http.models.subject_ref import SubjectRef
from conductor.client.http.models.tag_object import TagObject
from conductor.client.http.models.tag_string import TagString
from conductor.client.http.models.target_ref import TargetRef
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.task_details import TaskDetails
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.http.models.task_summary import TaskSummary
from conductor.client.http.models.token import Token
from conductor.client.http.models.upsert_group_request import UpsertGroupRequest
from conductor.client.http.models.upsert_user_request import UpsertUserRequest
from conductor.client.http.models.workflow import Workflow
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.http.models.workflow_message import WorkflowMessage
from conductor.client.http.models.workflow_run import WorkflowRun
from conductor.client.http.models.workflow_schedule import WorkflowSchedule
from conductor.client.http.models.workflow_schedule_execution_model import WorkflowScheduleExecutionModel
from conductor.client.http.models.workflow_state_update import WorkflowStateUpdate
from conductor.client.http.models.workflow_status import WorkflowStatus
from conductor.client.http.models.workflow_summary import WorkflowSummary
from conductor.client.http.models.workflow_tag import WorkflowTag
from conductor.client.http.models.workflow_task import CacheConfig, WorkflowTask
from conductor.client.http.models.workflow_test_request import TaskMock, WorkflowTestRequest

__all__ = [
    "Action",
    "AuthenticationConfig",
    "AuthorizationRequest",
    "BulkResponse",
    "CacheConfig",
    "CircuitBreakerTransitionResponse",
    "ConductorApplication",
    "ConductorUser",
    "Config",
    "CorrelationIdsSearchRequest",
    "CreateOrUpdateApplicationRequest",
    "EventHandler",
    "ExternalStorageLocation",
    "GenerateTokenRequest",
    "Group",
    "IdempotencyStrategy",
    "Integration",
    "IntegrationApi",
    "OrkesCircuitBreakerConfig",
    "Permission",
    "PollData",
    "PromptTemplate",
    "ProtoRegistryEntry",
    "RateLimit",
    "RateLimitConfig",
    "RequestParam",
    "RerunWorkflowRequest",
    "Response",
    "Role",
    "SaveScheduleRequest",
    "Schema",
    "SchemaDef",
    "SchemaType",
    "ScrollableSearchResultWorkflowSummary",
    "SearchResultTask",
    "SearchResultTaskSummary",
    "SearchResultWorkflow",
    "SearchResultWorkflowScheduleExecutionModel",
    "SearchResultWorkflowSummary",
    "ServiceMethod",
    "ServiceRegistry",
    "ServiceType",
    "SignalResponse",
    "SkipTaskRequest",
    "StartWorkflow",
    "StartWorkflowRequest",
    "StateChangeConfig",
    "StateChangeEvent",
    "StateChangeEventType",
    "SubWorkflowParams",
    "SubjectRef",
    "TagObject",
    "TagString",
    "TargetRef",
    "Task",
    "TaskDef",
    "TaskDetails",
    "TaskExecLog",
    "TaskMock",
    "TaskResult",
    "TaskResultStatus",
    "TaskStatus",
    "TaskSummary",
    "Token",
    "UpsertGroupRequest",
    "UpsertUserRequest",
    "Workflow",
    "WorkflowDef",
    "WorkflowMessage",
    "WorkflowRun",
    "WorkflowSchedule",
    "WorkflowScheduleExecutionModel",
    "WorkflowSignalReturnStrategy",
    "WorkflowStateUpdate",
    "WorkflowStatus",
    "WorkflowSummary",
    "WorkflowTag",
    "WorkflowTask",
    "WorkflowTestRequest",
]
