"""Workflow search: Conductor's `query` / `freeText` / `sort` parameters over the workflow table.

Query syntax (docs/api.md §2.10): clauses `field = value`, `field > n`, `field < n`,
`field IN (a,b)` joined by ` AND `; quotes and parentheses around values are stripped; a `*`
inside an `=` value is a wildcard. Unknown fields are ignored, as the reference does.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import msgspec

from conductor.server.domain.errors import BadRequest
from conductor.server.domain.execution import Task, Workflow
from conductor.server.persistence.sql.store import SqlTx, decode_workflow

_COLUMNS = {
    "workflowId": "workflow_id",
    "correlationId": "correlation_id",
    "workflowType": "name",
    "version": "version",
    "startTime": "create_time",
    "createTime": "create_time",
    "endTime": "end_time",
    "updateTime": "update_time",
    "status": "status",
    "parentWorkflowId": "parent_workflow_id",
    "idempotencyKey": "idempotency_key",
    "priority": "priority",
}
# Compared as numbers: a value that is not an integer is a bad query on every backend (PostgreSQL
# would reject it, SQLite would silently match nothing).
_INT_COLUMNS = frozenset({"version", "create_time", "end_time", "update_time", "priority"})
# Columns that may hold NULL: only these need an explicit NULL placement in ORDER BY. On the
# others it would change nothing but keep PostgreSQL from reading an index in order (its
# backward scan yields DESC NULLS FIRST, never NULLS LAST).
_NULLABLE = frozenset({"correlation_id", "parent_workflow_id", "idempotency_key"})
# A page filtered by several values of these (`status IN (COMPLETED,FAILED)`) is read as one
# ordered index walk per combination of values, merged: see `SearchQuery._page_by_values`.
_SPLIT_COLUMNS = ("status", "name")
_MAX_SPLIT = 36
_CLAUSE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(=|>|<|IN)\s*(.+?)\s*$", re.IGNORECASE | re.DOTALL)
_task_decoder: msgspec.json.Decoder[Task] = msgspec.json.Decoder(Task)

# Task search (/tasks/search, /workflow/search-by-tasks) reads the task table.
_TASK_COLUMNS = {
    "taskId": "task_id",
    "workflowId": "workflow_id",
    "taskType": "task_type",
    "taskDefName": "task_def_name",
    "referenceTaskName": "ref_name",
    "status": "status",
    "startTime": "start_time",
    "updateTime": "update_time",
}
_TASK_INT_COLUMNS = frozenset({"start_time", "update_time"})


class WorkflowSummary(msgspec.Struct, rename="camel", kw_only=True):
    workflow_type: str
    version: int
    workflow_id: str
    correlation_id: str | None = None
    start_time: str | None = None
    update_time: str | None = None
    end_time: str | None = None
    status: str = ""
    input: str = ""
    output: str = ""
    reason_for_incompletion: str | None = None
    execution_time: int = 0
    event: str | None = None
    failed_reference_task_names: str = ""
    failed_task_names: list[str] = msgspec.field(default_factory=list)
    priority: int = 0
    created_by: str | None = None
    task_to_domain: dict[str, str] = msgspec.field(default_factory=dict)
    idempotency_key: str | None = None
    parent_workflow_id: str = ""
    input_size: int = 0
    output_size: int = 0
    classifier: str = "workflow"


class WorkflowSearchResult(msgspec.Struct, rename="camel", kw_only=True):
    total_hits: int
    results: list[Any]


class TaskSummary(msgspec.Struct, rename="camel", kw_only=True):
    workflow_id: str
    workflow_type: str
    correlation_id: str | None = None
    scheduled_time: str = ""
    start_time: str = ""
    update_time: str = ""
    end_time: str = ""
    status: str = ""
    reason_for_incompletion: str | None = None
    execution_time: int = 0
    queue_wait_time: int = 0
    task_def_name: str = ""
    task_type: str = ""
    input: str = ""
    output: str = ""
    task_id: str = ""
    workflow_priority: int = 0
    domain: str | None = None


def summarize_task(task: Task, to_string: Any) -> TaskSummary:
    return TaskSummary(
        workflow_id=task.workflow_instance_id,
        workflow_type=task.workflow_type,
        correlation_id=task.correlation_id,
        scheduled_time=iso(task.scheduled_time),
        start_time=iso(task.start_time),
        update_time=iso(task.update_time),
        end_time=iso(task.end_time),
        status=task.status.value,
        reason_for_incompletion=task.reason_for_incompletion,
        execution_time=(task.end_time - task.start_time) if task.end_time and task.start_time else 0,
        queue_wait_time=(task.start_time - task.scheduled_time)
        if task.start_time and task.scheduled_time
        else 0,
        task_def_name=task.task_def_name,
        task_type=task.task_type,
        input=to_string(task.input_data),
        output=to_string(task.output_data),
        task_id=task.task_id,
        workflow_priority=task.workflow_priority,
        domain=task.domain,
    )


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def summarize(workflow: Workflow, to_string: Any) -> WorkflowSummary:
    text_in = to_string(workflow.input)
    text_out = to_string(workflow.output)
    return WorkflowSummary(
        workflow_type=workflow.workflow_name,
        version=workflow.workflow_version,
        workflow_id=workflow.workflow_id,
        correlation_id=workflow.correlation_id,
        start_time=iso(workflow.create_time),
        update_time=iso(workflow.update_time),
        end_time=iso(workflow.end_time) if workflow.end_time else None,
        status=workflow.status.value,
        input=text_in,
        output=text_out,
        reason_for_incompletion=workflow.reason_for_incompletion,
        execution_time=(workflow.end_time - workflow.create_time) if workflow.end_time else 0,
        event=workflow.event,
        failed_reference_task_names=",".join(workflow.failed_reference_task_names),
        failed_task_names=list(workflow.failed_task_names),
        priority=workflow.priority,
        created_by=workflow.created_by,
        task_to_domain=dict(workflow.task_to_domain),
        idempotency_key=workflow.idempotency_key,
        parent_workflow_id=workflow.parent_workflow_id or "",
        input_size=len(text_in),
        output_size=len(text_out),
    )


def _like_escape(text: str) -> str:
    """Make `%`, `_` and the escape character itself match literally in a LIKE pattern."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _values(raw: str) -> list[str]:
    raw = raw.strip()
    if raw.startswith("(") and raw.endswith(")"):
        raw = raw[1:-1]
    return [v.strip().strip("'\"") for v in raw.split(",") if v.strip()]


@dataclass
class SearchQuery:
    query: str = ""
    free_text: str = "*"
    sort: str = ""
    start: int = 0
    size: int = 100
    # "summary" (WorkflowSummary, /search) or "full" (Workflow without tasks, /search-v2)
    shape: str = "summary"
    # "workflow": workflow fields; "task": task fields, tasks returned; "workflow_by_task": task
    # fields, the workflows holding matching tasks returned (search-by-tasks).
    target: str = "workflow"
    to_string: Any = str
    _where: list[str] = field(default_factory=list)
    _params: list[Any] = field(default_factory=list)
    # Column -> (index of its first IN clause in `_where`, that clause's values), for the
    # columns of `_SPLIT_COLUMNS` (workflow searches only).
    _in_lists: dict[str, tuple[int, list[Any]]] = field(default_factory=dict)

    def _parse(self, tx: SqlTx) -> None:
        self._where, self._params, self._in_lists = [], [], {}
        text = (self.query or "").strip()
        if text:
            for clause in re.split(r"\s+AND\s+", text, flags=re.IGNORECASE):
                m = _CLAUSE.match(clause)
                if not m:
                    raise BadRequest(f"Incorrectly formatted query string: {self.query}")
                name, op, raw = m.group(1), m.group(2).upper(), m.group(3)
                column = self._columns().get(name)
                if column is None:
                    continue
                if op == "IN":
                    values = _values(raw)
                    if not values:
                        raise BadRequest(f"Incorrectly formatted query string: {self.query}")
                    typed = [self._typed(column, v) for v in values]
                    if self.target == "workflow" and column in _SPLIT_COLUMNS:
                        self._in_lists.setdefault(column, (len(self._where), typed))
                    self._where.append(f"{column} IN ({','.join('?' * len(values))})")
                    self._params.extend(typed)
                    continue
                value = raw.strip().strip("'\"")
                if op == "=" and "*" in value:
                    # Wildcards match case-insensitively on both backends (SQLite's LIKE does).
                    target = f"CAST({column} AS TEXT)" if column in self._int_columns() else column
                    self._where.append(f"{target} {tx.dialect.ilike} ? ESCAPE '\\'")
                    self._params.append(_like_escape(value).replace("*", "%"))
                else:
                    self._where.append(f"{column} {op} ?")
                    self._params.append(self._typed(column, value))
        free = (self.free_text or "*").strip()
        if free and free != "*":
            pattern = f"%{_like_escape(free)}%"
            if self.target != "workflow":
                self._where.append(f"json {tx.dialect.ilike} ? ESCAPE '\\'")
                self._params.append(pattern)
            else:
                # A workflow's input and definition live in workflow_static (migration 3).
                self._where.append(
                    f"(json {tx.dialect.ilike} ? ESCAPE '\\' OR workflow_id IN "
                    f"(SELECT workflow_id FROM workflow_static WHERE json {tx.dialect.ilike} ? ESCAPE '\\'))"
                )
                self._params.extend([pattern, pattern])

    def _columns(self) -> dict[str, str]:
        return _COLUMNS if self.target == "workflow" else _TASK_COLUMNS

    def _int_columns(self) -> frozenset[str]:
        return _INT_COLUMNS if self.target == "workflow" else _TASK_INT_COLUMNS

    def _typed(self, column: str, value: str) -> str | int:
        if column not in self._int_columns():
            return value
        try:
            return int(value)
        except ValueError as exc:
            raise BadRequest(f"Incorrectly formatted query string: {self.query}") from exc

    def _order(self) -> str:
        parts = []
        for item in (self.sort or "").split("|"):
            if not item.strip():
                continue
            name, _, direction = item.partition(":")
            column = (_TASK_COLUMNS if self.target == "task" else _COLUMNS).get(name.strip())
            if column is None:
                continue
            # Explicit NULL placement (SQLite's default) on nullable columns and a unique last
            # key: both backends then return the same rows in the same order, and pages never
            # overlap.
            descending = direction.strip().upper() == "DESC"
            nulls = (" NULLS LAST" if descending else " NULLS FIRST") if column in _NULLABLE else ""
            parts.append(f"{column} {'DESC' if descending else 'ASC'}{nulls}")
        if self.target == "task":
            return ", ".join([*(parts or ["update_time DESC"]), "task_id ASC"])
        return ", ".join([*(parts or ["create_time DESC"]), "workflow_id ASC"])

    def _page_by_values(self, order: str, limit: int) -> tuple[str, list[Any]] | None:
        """The ids of the page's candidates when the query lists several statuses or names:
        the first `limit` rows in page order of each combination of one status and one name,
        as a UNION ALL of small ordered reads (`status = ? AND name = ?` walks an index in
        `create_time` order and stops after `limit` rows). The page is the first rows of their
        union, so the answer is the same as one `status IN (...)` query, which would instead read
        and sort every matching row (a million COMPLETED ones with `status IN (COMPLETED,FAILED)`).
        None: nothing to split (one value each), too many combinations, or free text (a scan of
        every row anyway: splitting would repeat it)."""
        if (self.free_text or "*").strip() not in ("", "*"):
            return None
        lists = {c: (i, list(dict.fromkeys(v))) for c, (i, v) in self._in_lists.items()}
        combos = 1
        for _, values in lists.values():
            combos *= len(values)
        if combos < 2 or combos > _MAX_SPLIT:
            return None
        columns = list(lists)
        parts, params = [], []
        for n, combo in enumerate(itertools.product(*(lists[c][1] for c in columns))):
            replaced = {lists[c][0]: (c, v) for c, v in zip(columns, combo, strict=True)}
            clauses, clause_params, position = [], [], 0
            for index, clause in enumerate(self._where):
                width = clause.count("?")  # each clause's parameters follow in `_params`
                if index in replaced:
                    column, value = replaced[index]
                    clauses.append(f"{column} = ?")
                    clause_params.append(value)
                else:
                    clauses.append(clause)
                    clause_params.extend(self._params[position : position + width])
                position += width
            parts.append(
                f"SELECT workflow_id FROM (SELECT workflow_id FROM workflow WHERE {' AND '.join(clauses)} "
                f"ORDER BY {order} LIMIT ?) AS page{n}"
            )
            params.extend([*clause_params, limit])
        return " UNION ALL ".join(parts), params

    def run(self, tx: SqlTx) -> WorkflowSearchResult:
        self._parse(tx)
        where = (" WHERE " + " AND ".join(self._where)) if self._where else ""
        if self.target == "task":
            total = tx._exec(f"SELECT COUNT(*) FROM task{where}", self._params).fetchone()[0]
            rows = tx._rows(
                f"SELECT json FROM task{where} ORDER BY {self._order()} LIMIT ? OFFSET ?",
                [*self._params, max(self.size, 0), max(self.start, 0)],
            )
            tasks = [_task_decoder.decode(r[0]) for r in rows]
            found: list[Any] = (
                [summarize_task(t, self.to_string) for t in tasks] if self.shape == "summary" else tasks
            )
            return WorkflowSearchResult(total_hits=int(total), results=found)
        if self.target == "workflow_by_task":
            # Task conditions pick the workflows; results are whole workflows, each once.
            where = f" WHERE workflow_id IN (SELECT workflow_id FROM task{where})"
        total = tx._exec(f"SELECT COUNT(*) FROM workflow{where}", self._params).fetchone()[0]
        order, page = self._order(), [max(self.size, 0), max(self.start, 0)]
        # Split only in start-time order, the one the indexes hold: other orders sort every
        # matching row either way.
        split = (
            self._page_by_values(order, sum(page))
            if self.target == "workflow" and order.startswith("create_time ")
            else None
        )
        params = self._params
        if split is not None:
            where = f" WHERE workflow_id IN ({split[0]})"
            params = split[1]
        rows = tx._rows(
            "SELECT json, (SELECT s.json FROM workflow_static s WHERE s.workflow_id = workflow.workflow_id) "
            f"FROM workflow{where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, *page],
        )
        workflows = [decode_workflow(r[0], r[1]) for r in rows]
        results: list[Any] = (
            [summarize(w, self.to_string) for w in workflows] if self.shape == "summary" else workflows
        )
        return WorkflowSearchResult(total_hits=int(total), results=results)
