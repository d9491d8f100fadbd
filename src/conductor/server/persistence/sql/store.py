"""The single implementation of every store operation, on a DB-API cursor.

A `SqlTx` lives for one transaction on one connection and runs on a database thread (never on
the event loop). All SQL of the server is in this module and `search.py`; statements are
written once with `?` placeholders and converted to the driver's style by the dialect.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

import msgspec
from msgspec.structs import replace

from conductor.server.domain.definitions import TaskDef, WorkflowDef
from conductor.server.domain.encoded_payloads import recall
from conductor.server.domain.errors import BadRequest, ConcurrentModification
from conductor.server.domain.events import EventHandler
from conductor.server.domain.execution import PollData, Task, TaskExecLog, Workflow
from conductor.server.domain.numbers import clamp_epoch_ms
from conductor.server.domain.schedules import ScheduleExecution, WorkflowSchedule
from conductor.server.persistence.sql.dialect import Dialect, notify_payload
from conductor.server.queue.names import DECIDER_QUEUE

_encode = msgspec.json.Encoder().encode
_task_decoder: msgspec.json.Decoder[Task] = msgspec.json.Decoder(Task)
_workflow_decoder: msgspec.json.Decoder[Workflow] = msgspec.json.Decoder(Workflow)
_task_def_decoder: msgspec.json.Decoder[TaskDef] = msgspec.json.Decoder(TaskDef)
_workflow_def_decoder: msgspec.json.Decoder[WorkflowDef] = msgspec.json.Decoder(WorkflowDef)
_event_handler_decoder: msgspec.json.Decoder[EventHandler] = msgspec.json.Decoder(EventHandler)
_schedule_decoder: msgspec.json.Decoder[WorkflowSchedule] = msgspec.json.Decoder(WorkflowSchedule)
_execution_decoder: msgspec.json.Decoder[ScheduleExecution] = msgspec.json.Decoder(ScheduleExecution)


class Cursor(Protocol):
    """The part of a DB-API cursor we use (sqlite3 and psycopg both provide it)."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: Any, params: Sequence[Any] = ..., /) -> Any: ...
    def executemany(self, sql: Any, params: Iterable[Sequence[Any]], /) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


def _json(obj: msgspec.Struct) -> str:
    if isinstance(obj, Task):
        # A long DO_WHILE's output is already encoded (domain/encoded_payloads.py): embed it.
        output = recall(obj.output_data)
        if output is not None:
            obj = replace(obj, output_data=msgspec.Raw(output))
    return _encode(obj).decode()


class SqlTx:
    """Typed store operations inside one open transaction."""

    def __init__(
        self,
        cursor: Cursor,
        dialect: Dialect,
        pipeline: Callable[[], AbstractContextManager[Any]] | None = None,
    ) -> None:
        self._cur = cursor
        self.dialect = dialect
        self._sql = dialect.sql
        # With a driver that pipelines (psycopg), statements whose result nobody reads (queue
        # pushes, task upserts, NOTIFY, BEGIN) wait in `_pending` and go to the server together
        # with the next statement whose result is read, or with the COMMIT: one network round
        # trip instead of one each (each one a wait for a reply, and a GIL hand-over after it).
        # Their errors surface at that statement or at the COMMIT: the transaction fails all
        # the same. Without a pipeline (sqlite3, in-process) each statement runs at once.
        self._pipeline = pipeline
        self._pending: list[tuple[str, Any, bool]] = []
        # Queue -> messages this transaction made visible now; sent to other server processes at
        # commit (`flush_notifications`) so their long-polls wake without waiting for a timeout.
        self.visible: dict[str, int] = {}
        # Length of the JSON of each workflow and task row this transaction wrote, by id: what
        # the engine's cache of running workflows counts against its byte budget.
        self.json_sizes: dict[str, int] = {}
        # The revision this transaction gave each workflow row it wrote: stamped on the task
        # rows it writes (`task.wf_rev`), so other servers' caches find them (`workflow_changes`).
        self._revs: dict[str, int] = {}

    @property
    def cur(self) -> Cursor:
        """The cursor, for statements outside this class (what is deferred is sent first, so
        they run in this transaction and see its writes)."""
        if self._pending:
            self._send_pending()
        return self._cur

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        _check_text(params)
        if self._pending:
            self._send_pending((self._sql(sql), params, False))
        else:
            self._cur.execute(self._sql(sql), params)
        return self._cur

    def _defer(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run a statement whose result is not needed, now or with the next round trip."""
        _check_text(params)
        if self._pipeline is None:
            self._cur.execute(self._sql(sql), params)
        else:
            self._pending.append((self._sql(sql), params, False))

    def _defer_many(self, sql: str, rows: list[Sequence[Any]]) -> None:
        if self._pipeline is None:
            self._cur.executemany(self._sql(sql), rows)
        else:
            self._pending.append((self._sql(sql), rows, True))

    def _send_pending(self, last: tuple[str, Any, bool] | None = None) -> None:
        """Send the deferred statements (and `last`, whose result is then on the cursor) in
        one pipeline; leaving it waits for every reply and raises the first error."""
        pending, self._pending = self._pending, []
        if last is not None:
            pending.append(last)
        assert self._pipeline is not None
        with self._pipeline():
            for sql, params, many in pending:
                if many:
                    self._cur.executemany(sql, params)
                else:
                    self._cur.execute(sql, params)

    def begin(self, statement: str) -> None:
        """Open the transaction (sent with its first statement when pipelining)."""
        self._defer(statement)

    def commit(self) -> None:
        """Send what is deferred, the wake-ups and the COMMIT; returns once committed."""
        self.flush_notifications()
        self._exec("COMMIT")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._exec(sql, params).fetchall()

    # ---- metadata -------------------------------------------------------------------------

    def probe_write(self) -> None:
        """Rewrite one existing row unchanged: a write that needs disk space and a live
        connection like any other, so health checks can tell when writes work again."""
        self._exec(
            "UPDATE schema_version SET version = version WHERE version = (SELECT MAX(version) FROM schema_version)"
        )

    def get_task_def(self, name: str) -> TaskDef | None:
        row = self._exec("SELECT json FROM meta_task_def WHERE name = ?", (name,)).fetchone()
        return _task_def_decoder.decode(row[0]) if row else None

    def get_task_defs(self, names: Iterable[str]) -> dict[str, TaskDef]:
        names = list(set(names))
        if not names:
            return {}
        marks = ",".join("?" * len(names))
        rows = self._rows(f"SELECT json FROM meta_task_def WHERE name IN ({marks})", names)
        defs = [_task_def_decoder.decode(r[0]) for r in rows]
        return {d.name: d for d in defs}

    def list_task_defs(self) -> list[TaskDef]:
        return [
            _task_def_decoder.decode(r[0]) for r in self._rows("SELECT json FROM meta_task_def ORDER BY name")
        ]

    def upsert_task_def(self, task_def: TaskDef) -> None:
        self._exec(
            "INSERT INTO meta_task_def (name, json) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET json = excluded.json",
            (task_def.name, _json(task_def)),
        )

    def delete_task_def(self, name: str) -> bool:
        return self._exec("DELETE FROM meta_task_def WHERE name = ?", (name,)).rowcount > 0

    def get_workflow_def(self, name: str, version: int | None = None) -> WorkflowDef | None:
        if version is None:
            row = self._exec(
                "SELECT json FROM meta_workflow_def WHERE name = ? ORDER BY version DESC LIMIT 1", (name,)
            ).fetchone()
        else:
            row = self._exec(
                "SELECT json FROM meta_workflow_def WHERE name = ? AND version = ?", (name, version)
            ).fetchone()
        return _workflow_def_decoder.decode(row[0]) if row else None

    def list_workflow_defs(self, name: str | None = None) -> list[WorkflowDef]:
        if name is None:
            rows = self._rows("SELECT json FROM meta_workflow_def ORDER BY name, version")
        else:
            rows = self._rows("SELECT json FROM meta_workflow_def WHERE name = ? ORDER BY version", (name,))
        return [_workflow_def_decoder.decode(r[0]) for r in rows]

    def upsert_workflow_def(self, wf_def: WorkflowDef) -> None:
        self._exec(
            "INSERT INTO meta_workflow_def (name, version, json) VALUES (?, ?, ?) "
            "ON CONFLICT (name, version) DO UPDATE SET json = excluded.json",
            (wf_def.name, wf_def.version, _json(wf_def)),
        )

    def delete_workflow_def(self, name: str, version: int) -> bool:
        cur = self._exec("DELETE FROM meta_workflow_def WHERE name = ? AND version = ?", (name, version))
        return cur.rowcount > 0

    # ---- executions -----------------------------------------------------------------------

    def get_workflow_row(self, workflow_id: str) -> Workflow | None:
        """The workflow row alone: status, times, output, variables... but no tasks, and no
        input or definition (the status endpoint's read; cheap whatever the workflow's size)."""
        row = self._exec("SELECT json FROM workflow WHERE workflow_id = ?", (workflow_id,)).fetchone()
        return None if row is None else _workflow_decoder.decode(row[0])

    def get_workflow(
        self, workflow_id: str, with_tasks: bool = True, *, sizes: dict[str, int] | None = None
    ) -> tuple[Workflow, int] | None:
        """The workflow and its row version; ``sizes`` (when given) receives the JSON length
        of the workflow row and of each task row, by id."""
        row = self._exec(
            "SELECT w.json, w.rev, s.json FROM workflow w LEFT JOIN workflow_static s "
            "ON s.workflow_id = w.workflow_id WHERE w.workflow_id = ?",
            (workflow_id,),
        ).fetchone()
        if row is None:
            return None
        workflow = decode_workflow(row[0], row[2])
        if sizes is not None:
            sizes[workflow_id] = len(row[0])
            sizes[static_key(workflow_id)] = len(row[2] or "")
        if with_tasks:
            workflow.tasks = self.get_tasks_of(workflow_id, sizes=sizes)
        return workflow, int(row[1])

    def get_tasks_of(self, workflow_id: str, *, sizes: dict[str, int] | None = None) -> list[Task]:
        rows = self._rows("SELECT json FROM task WHERE workflow_id = ? ORDER BY seq", (workflow_id,))
        tasks = [_task_decoder.decode(r[0]) for r in rows]
        if sizes is not None:
            for task, r in zip(tasks, rows, strict=True):
                sizes[task.task_id] = len(r[0])
        return tasks

    def tasks_page(
        self, workflow_id: str, start: int, count: int, statuses: Sequence[str]
    ) -> tuple[int, list[Task]] | None:
        """One page of a workflow's tasks in seq order (None: no such workflow): a workflow of
        10,000 tasks is read 15 at a time, not whole."""
        if self._exec("SELECT 1 FROM workflow WHERE workflow_id = ?", (workflow_id,)).fetchone() is None:
            return None
        where = "workflow_id = ?"
        params: list[Any] = [workflow_id]
        if statuses:
            where += f" AND status IN ({','.join('?' * len(statuses))})"
            params.extend(statuses)
        total = self._exec(f"SELECT COUNT(*) FROM task WHERE {where}", params).fetchone()[0]
        rows = self._rows(
            f"SELECT json FROM task WHERE {where} ORDER BY seq LIMIT ? OFFSET ?",
            [*params, max(count, 0), max(start, 0)],
        )
        return int(total), [_task_decoder.decode(r[0]) for r in rows]

    def get_task(self, task_id: str) -> Task | None:
        row = self._exec("SELECT json FROM task WHERE task_id = ?", (task_id,)).fetchone()
        return _task_decoder.decode(row[0]) if row else None

    def get_tasks(self, task_ids: Sequence[str]) -> list[Task]:
        if not task_ids:
            return []
        marks = ",".join("?" * len(task_ids))
        rows = self._rows(f"SELECT json FROM task WHERE task_id IN ({marks})", list(task_ids))
        return [_task_decoder.decode(r[0]) for r in rows]

    def task_outline(self, workflow_id: str) -> list[tuple[str, int, str, str, str, str, int]]:
        """(task id, seq, reference name, task type, task def name, status, update time) of every
        task of a workflow, in seq order, read from the task table's own columns: no task
        document is read or decoded, so the 10,000 branches of a dynamic fork cost milliseconds
        (the UI draws its diagram from these and pages through the documents)."""
        rows: list[tuple[str, int, str, str, str, str, int]] = self._rows(
            "SELECT task_id, seq, ref_name, task_type, task_def_name, status, update_time "
            "FROM task WHERE workflow_id = ? ORDER BY seq",
            (workflow_id,),
        )
        return rows

    def get_tasks_trimmed(
        self, task_ids: Sequence[str], input_keys: Sequence[str] = (), output_keys: Sequence[str] = ()
    ) -> list[Task]:
        """Tasks by id (in no particular order) whose input and output data keep only the given
        keys. The rest of each payload is skipped by the parser, never built: the fork task of a
        10,000-branch dynamic fork carries every branch's definition in its input (megabytes),
        of which a drawing needs only `forkedTasks`."""
        if not task_ids:
            return []
        marks = ",".join("?" * len(task_ids))
        rows = self._rows(f"SELECT json FROM task WHERE task_id IN ({marks})", list(task_ids))
        keep_input, keep_output = _payload_keeper(tuple(input_keys)), _payload_keeper(tuple(output_keys))
        tasks = []
        for row in rows:
            raw = _raw_payloads_decoder.decode(row[0])
            fields = msgspec.structs.asdict(raw)
            fields["input_data"] = keep_input(raw.input_data)
            fields["output_data"] = keep_output(raw.output_data)
            tasks.append(Task(**fields))
        return tasks

    def insert_workflow(self, workflow: Workflow) -> None:
        text = _workflow_json(workflow)
        self.json_sizes[workflow.workflow_id] = len(text)
        self._revs[workflow.workflow_id] = 1
        self._write_static(workflow, insert=True)
        self._exec(
            "INSERT INTO workflow (workflow_id, name, version, status, correlation_id, parent_workflow_id, "
            "idempotency_key, priority, create_time, update_time, end_time, rev, json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
            (
                workflow.workflow_id,
                workflow.workflow_name,
                workflow.workflow_version,
                workflow.status.value,
                workflow.correlation_id,
                workflow.parent_workflow_id,
                workflow.idempotency_key,
                workflow.priority,
                workflow.create_time,
                workflow.update_time,
                workflow.end_time,
                text,
            ),
        )

    def update_workflow(self, workflow: Workflow, expected_rev: int) -> int:
        """Compare-and-set on `rev`: raises ConcurrentModification when another writer won."""
        text = _workflow_json(workflow)
        self.json_sizes[workflow.workflow_id] = len(text)
        static_changed = workflow.__dict__.get(_STORED_STATIC) != (
            workflow.input,
            workflow.workflow_definition,
        )
        # A new input or definition (rerun, upgrade) is not in the rows `workflow_changes`
        # returns: `reset_rev` tells other servers' cached copies to read the workflow again.
        cur = self._exec(
            "UPDATE workflow SET status = ?, correlation_id = ?, priority = ?, update_time = ?, "
            "end_time = ?, rev = rev + 1, json = ?, "
            "reset_rev = CASE WHEN ? THEN rev + 1 ELSE reset_rev END WHERE workflow_id = ? AND rev = ?",
            (
                workflow.status.value,
                workflow.correlation_id,
                workflow.priority,
                workflow.update_time,
                workflow.end_time,
                text,
                static_changed,
                workflow.workflow_id,
                expected_rev,
            ),
        )
        if cur.rowcount != 1:
            raise ConcurrentModification(workflow.workflow_id)
        self._revs[workflow.workflow_id] = expected_rev + 1
        if static_changed:
            self._write_static(workflow, insert=False)
        return expected_rev + 1

    def workflow_changes(
        self, workflow_id: str, since_rev: int, *, sizes: dict[str, int] | None = None
    ) -> WorkflowChanges | None:
        """What changed in a workflow since revision `since_rev`, for a cached copy made at
        that revision to catch up (None: the workflow is gone). One statement, so one snapshot
        on both engines; it reads the workflow row only when its revision moved, and only the
        task rows written since (`task.wf_rev`: by a later revision, or claimed by a poll), found
        through an index: the cost follows what changed, not the size of the workflow."""
        rows = self._rows(
            "SELECT NULL, rev, reset_rev, CASE WHEN rev <> ? THEN json END FROM workflow "
            "WHERE workflow_id = ? "
            "UNION ALL SELECT seq, wf_rev, 0, json FROM task WHERE workflow_id = ? AND wf_rev > ? "
            "ORDER BY 1 NULLS FIRST",
            (since_rev, workflow_id, workflow_id, since_rev),
        )
        if not rows or rows[0][0] is not None:
            return None
        head, task_rows = rows[0], rows[1:]
        rev, reset_rev, row_json = int(head[1]), int(head[2]), head[3]
        if reset_rev > since_rev:
            return WorkflowChanges(rev=rev, reset=True)
        workflow = None if row_json is None else _workflow_decoder.decode(row_json)
        tasks = [_task_decoder.decode(r[3]) for r in task_rows]
        if sizes is not None:
            if row_json is not None:
                sizes[workflow_id] = len(row_json)
            for task, r in zip(tasks, task_rows, strict=True):
                sizes[task.task_id] = len(r[3])
        return WorkflowChanges(rev=rev, reset=False, workflow=workflow, tasks=tasks)

    def _write_static(self, workflow: Workflow, insert: bool) -> None:
        text = _encode(
            _Static(input=workflow.input, workflow_definition=workflow.workflow_definition)
        ).decode()
        self.json_sizes[static_key(workflow.workflow_id)] = len(text)
        if insert:
            self._defer(
                "INSERT INTO workflow_static (workflow_id, json) VALUES (?, ?)", (workflow.workflow_id, text)
            )
        else:
            self._defer(
                "INSERT INTO workflow_static (workflow_id, json) VALUES (?, ?) "
                "ON CONFLICT (workflow_id) DO UPDATE SET json = excluded.json",
                (workflow.workflow_id, text),
            )
        _mark_static(workflow)

    def delete_workflow(self, workflow_id: str) -> None:
        task_ids = [
            r[0] for r in self._rows("SELECT task_id FROM task WHERE workflow_id = ?", (workflow_id,))
        ]
        if task_ids:
            marks = ",".join("?" * len(task_ids))
            self._exec(f"DELETE FROM task_log WHERE task_id IN ({marks})", task_ids)
            self._exec(f"DELETE FROM queue_message WHERE message_id IN ({marks})", task_ids)
        self._exec("DELETE FROM task WHERE workflow_id = ?", (workflow_id,))
        self._exec("DELETE FROM queue_message WHERE message_id = ?", (workflow_id,))
        self._exec("DELETE FROM workflow WHERE workflow_id = ?", (workflow_id,))
        self._exec("DELETE FROM workflow_static WHERE workflow_id = ?", (workflow_id,))

    def upsert_tasks(self, tasks: Iterable[Task]) -> None:
        revs = self._revs
        rows = [
            (
                t.task_id,
                t.workflow_instance_id,
                t.seq,
                t.reference_task_name,
                t.task_type,
                t.task_def_name,
                t.status.value,
                t.start_time,
                t.update_time,
                # Written without its workflow's row (not the runner's way): "re-read me".
                revs.get(t.workflow_instance_id, CHANGED_OUTSIDE_REV),
                _json(t),
            )
            for t in tasks
        ]
        for row in rows:
            _check_text(row)
            self.json_sizes[row[0]] = len(row[-1])
        if rows:
            self._defer_many(
                "INSERT INTO task (task_id, workflow_id, seq, ref_name, task_type, task_def_name, "
                "status, start_time, update_time, wf_rev, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (task_id) DO UPDATE SET seq = excluded.seq, status = excluded.status, "
                "start_time = excluded.start_time, update_time = excluded.update_time, "
                "wf_rev = excluded.wf_rev, json = excluded.json",
                list(rows),
            )

    def delete_task(self, task_id: str) -> None:
        # A deletion leaves no row for `workflow_changes` to return: cached copies elsewhere
        # must read the workflow whole (keepLastN and rerun delete; both are rare or small).
        # Called after `update_workflow` in the runner's commit, so `rev` is already the new
        # revision: copies made before it are reset, the committing server's own is not.
        self._defer(
            "UPDATE workflow SET reset_rev = rev WHERE workflow_id = (SELECT workflow_id FROM task WHERE task_id = ?)",
            (task_id,),
        )
        self._defer("DELETE FROM task_log WHERE task_id = ?", (task_id,))
        self._defer("DELETE FROM task WHERE task_id = ?", (task_id,))

    def update_task_if_status(self, task: Task, expected_status: str) -> bool:
        """Write a task only if nobody changed its status since it was read (poll claims).

        A claim does not bump the workflow's revision (claims of one workflow's tasks must not
        queue behind each other on its row); it marks the row for every cached copy to re-read
        until the runner writes it again (`workflow_changes`)."""
        cur = self._exec(
            "UPDATE task SET status = ?, start_time = ?, update_time = ?, wf_rev = ?, json = ? "
            "WHERE task_id = ? AND status = ?",
            (
                task.status.value,
                task.start_time,
                task.update_time,
                CHANGED_OUTSIDE_REV,
                _json(task),
                task.task_id,
                expected_status,
            ),
        )
        return cur.rowcount == 1

    def count_in_progress(self, task_def_name: str) -> int:
        row = self._exec(
            "SELECT COUNT(*) FROM task WHERE task_def_name = ? AND status = 'IN_PROGRESS'", (task_def_name,)
        ).fetchone()
        return int(row[0])

    def count_started_since(self, task_def_name: str, since: int) -> int:
        row = self._exec(
            "SELECT COUNT(*) FROM task WHERE task_def_name = ? AND start_time >= ?", (task_def_name, since)
        ).fetchone()
        return int(row[0])

    def pending_task_ids_of_type(self, task_def_name: str, limit: int, offset: int = 0) -> list[str]:
        rows = self._rows(
            "SELECT task_id FROM task WHERE task_def_name = ? AND status IN ('SCHEDULED', 'IN_PROGRESS') "
            "ORDER BY update_time LIMIT ? OFFSET ?",
            (task_def_name, limit, offset),
        )
        return [r[0] for r in rows]

    def running_workflow_ids(self, name: str, version: int | None) -> list[str]:
        if version is None:
            rows = self._rows(
                "SELECT workflow_id FROM workflow WHERE name = ? AND status = 'RUNNING'", (name,)
            )
        else:
            rows = self._rows(
                "SELECT workflow_id FROM workflow WHERE name = ? AND version = ? AND status = 'RUNNING'",
                (name, version),
            )
        return [r[0] for r in rows]

    def running_workflow_counts(self) -> dict[str, int]:
        rows = self._rows("SELECT name, COUNT(*) FROM workflow WHERE status = 'RUNNING' GROUP BY name")
        return {r[0]: int(r[1]) for r in rows}

    def workflow_ids_in_window(self, name: str, version: int, start: int, end: int) -> list[str]:
        rows = self._rows(
            "SELECT workflow_id FROM workflow WHERE name = ? AND version = ? AND create_time >= ? "
            "AND create_time <= ?",
            (name, version, start, end),
        )
        return [r[0] for r in rows]

    def workflows_by_correlation(self, name: str, correlation_id: str, include_closed: bool) -> list[str]:
        sql = "SELECT workflow_id FROM workflow WHERE name = ? AND correlation_id = ?"
        if not include_closed:
            sql += " AND status IN ('RUNNING', 'PAUSED')"
        return [r[0] for r in self._rows(sql + " ORDER BY create_time", (name, correlation_id))]

    def workflow_by_idempotency_key(self, name: str, key: str) -> tuple[str, str] | None:
        row = self._exec(
            "SELECT workflow_id, status FROM workflow WHERE name = ? AND idempotency_key = ? "
            "ORDER BY create_time DESC LIMIT 1",
            (name, key),
        ).fetchone()
        return (row[0], row[1]) if row else None

    # ---- queues ---------------------------------------------------------------------------

    def push(self, queue: str, message_id: str, priority: int, deliver_on: int, now: int) -> None:
        """Upsert: pushing an existing message moves its delivery time (Conductor's push)."""
        # Delivery times come from user delays (WAIT durations, callbackAfterSeconds, backoff):
        # capped so that a huge one waits "forever" instead of overflowing the column (a 500).
        deliver_on = clamp_epoch_ms(deliver_on)
        self._defer(
            "INSERT INTO queue_message (queue_name, message_id, priority, deliver_on, created_on) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (queue_name, message_id) DO UPDATE SET "
            "deliver_on = excluded.deliver_on, priority = excluded.priority",
            (queue, message_id, priority, deliver_on, now),
        )
        if deliver_on <= now:
            self.notify_queue(queue)

    def push_if_earlier(self, queue: str, message_id: str, deliver_on: int, now: int) -> None:
        """Insert, or pull an existing message's delivery forward (never push it back)."""
        deliver_on = clamp_epoch_ms(deliver_on)
        self._defer(
            "INSERT INTO queue_message (queue_name, message_id, priority, deliver_on, created_on) "
            "VALUES (?, ?, 0, ?, ?) ON CONFLICT (queue_name, message_id) DO UPDATE SET "
            "deliver_on = CASE WHEN excluded.deliver_on < queue_message.deliver_on "
            "THEN excluded.deliver_on ELSE queue_message.deliver_on END",
            (queue, message_id, deliver_on, now),
        )

    def remove(self, queue: str, message_id: str) -> None:
        self._defer("DELETE FROM queue_message WHERE queue_name = ? AND message_id = ?", (queue, message_id))

    def remove_message_everywhere(self, message_id: str) -> None:
        self._defer("DELETE FROM queue_message WHERE message_id = ?", (message_id,))

    def pop(self, queue: str, count: int, now: int) -> list[str]:
        """Take up to `count` due messages off a queue (deleting them: polls ack implicitly).

        One statement: the locked sub-select picks the messages and the DELETE takes them. On
        PostgreSQL, SKIP LOCKED makes concurrent pollers pick disjoint messages instead of
        queueing behind each other, and a message is never handed out twice. MATERIALIZED
        makes the pick run once (a re-scanned locking sub-select could pick different rows).
        """
        rows = self._rows(
            f"WITH due AS MATERIALIZED (SELECT message_id FROM queue_message {self.dialect.pop_index_hint} "
            "WHERE queue_name = ? AND deliver_on <= ? ORDER BY priority DESC, deliver_on, created_on "
            f"LIMIT ? {self.dialect.skip_locked}) "
            "DELETE FROM queue_message WHERE queue_name = ? AND message_id IN (SELECT message_id FROM due) "
            "RETURNING message_id, priority, deliver_on, created_on",
            (queue, now, count, queue),
        )
        # RETURNING order is unspecified: restore the pick order.
        rows.sort(key=lambda r: (-int(r[1]), int(r[2]), int(r[3]), r[0]))
        return [r[0] for r in rows]

    def lease(self, queue: str, count: int, now: int, lease_until: int) -> list[str]:
        """Take due messages but keep them, invisible until `lease_until` (timers, sweeper).

        Same locking pick as `pop`: two servers sweeping at once never lease one message.
        """
        rows = self._rows(
            "WITH due AS MATERIALIZED (SELECT message_id FROM queue_message "
            "WHERE queue_name = ? AND deliver_on <= ? "
            f"ORDER BY deliver_on LIMIT ? {self.dialect.skip_locked}) "
            "UPDATE queue_message SET deliver_on = ? "
            "WHERE queue_name = ? AND message_id IN (SELECT message_id FROM due) RETURNING message_id",
            (queue, now, count, lease_until, queue),
        )
        return sorted(r[0] for r in rows)

    def next_delivery(self, queue: str) -> int | None:
        row = self._exec(
            "SELECT MIN(deliver_on) FROM queue_message WHERE queue_name = ?", (queue,)
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def queue_size(self, queue: str) -> int:
        row = self._exec("SELECT COUNT(*) FROM queue_message WHERE queue_name = ?", (queue,)).fetchone()
        return int(row[0])

    def queue_sizes(self) -> dict[str, int]:
        rows = self._rows(
            "SELECT queue_name, COUNT(*) FROM queue_message GROUP BY queue_name ORDER BY queue_name"
        )
        return {r[0]: int(r[1]) for r in rows}

    def queue_contains(self, queue: str, message_id: str) -> bool:
        row = self._exec(
            "SELECT 1 FROM queue_message WHERE queue_name = ? AND message_id = ?", (queue, message_id)
        ).fetchone()
        return row is not None

    def make_visible_first(self, queue: str, now: int) -> None:
        """Concurrency-limit release: the oldest waiting message becomes deliverable now."""
        row = self._exec(
            "SELECT message_id FROM queue_message WHERE queue_name = ? ORDER BY deliver_on LIMIT 1", (queue,)
        ).fetchone()
        if row:
            self._exec(
                "UPDATE queue_message SET deliver_on = ? WHERE queue_name = ? AND message_id = ?",
                (now, queue, row[0]),
            )
            self.notify_queue(queue)

    # ---- cross-process wake-ups -------------------------------------------------------------

    def notify_queue(self, queue: str, count: int = 1) -> None:
        """Record that `queue` has `count` more visible messages once this transaction commits."""
        if self.dialect.notify is not None and queue != DECIDER_QUEUE:
            self.visible[queue] = self.visible.get(queue, 0) + count

    def flush_notifications(self) -> None:
        """Send the recorded wake-ups; call last in the transaction (NOTIFY is delivered at
        commit, and not at all on rollback, so listeners never chase uncommitted work)."""
        if self.dialect.notify is None or not self.visible:
            return
        for queue, count in sorted(self.visible.items()):
            self._defer(self.dialect.notify, (notify_payload(queue, count),))
        self.visible.clear()

    # ---- poll data and logs ---------------------------------------------------------------

    def record_poll(self, task_type: str, domain: str | None, worker_id: str | None, now: int) -> None:
        self._defer(
            "INSERT INTO poll_data (queue_name, domain, worker_id, last_poll_time) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (queue_name, domain) DO UPDATE SET worker_id = excluded.worker_id, "
            "last_poll_time = excluded.last_poll_time",
            (task_type, domain or "DEFAULT", worker_id, now),
        )

    def poll_data(self, task_type: str | None = None) -> list[PollData]:
        if task_type is None:
            rows = self._rows(
                "SELECT queue_name, domain, worker_id, last_poll_time FROM poll_data ORDER BY 1, 2"
            )
        else:
            rows = self._rows(
                "SELECT queue_name, domain, worker_id, last_poll_time FROM poll_data WHERE queue_name = ? "
                "ORDER BY domain",
                (task_type,),
            )
        return [
            PollData(
                queue_name=r[0],
                domain=None if r[1] == "DEFAULT" else r[1],
                worker_id=r[2],
                last_poll_time=int(r[3]),
            )
            for r in rows
        ]

    def add_logs(self, logs: Iterable[TaskExecLog]) -> None:
        rows = [(log.task_id, log.log, log.created_time) for log in logs]
        for row in rows:
            _check_text(row)
        if rows:
            self._defer_many("INSERT INTO task_log (task_id, log, created_time) VALUES (?, ?, ?)", list(rows))

    def get_logs(self, task_id: str) -> list[TaskExecLog]:
        rows = self._rows("SELECT log, created_time FROM task_log WHERE task_id = ? ORDER BY id", (task_id,))
        return [TaskExecLog(log=r[0], task_id=task_id, created_time=int(r[1])) for r in rows]

    # ---- event handlers -------------------------------------------------------------------

    def get_event_handler(self, name: str) -> EventHandler | None:
        row = self._exec("SELECT json FROM event_handler WHERE name = ?", (name,)).fetchone()
        return _event_handler_decoder.decode(row[0]) if row else None

    def list_event_handlers(self, event: str | None = None, active_only: bool = False) -> list[EventHandler]:
        sql = "SELECT json FROM event_handler"
        params: list[Any] = []
        clauses = []
        if event is not None:
            clauses.append("event = ?")
            params.append(event)
        if active_only:
            clauses.append("active = ?")
            params.append(True)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return [_event_handler_decoder.decode(r[0]) for r in self._rows(sql + " ORDER BY name", params)]

    def upsert_event_handler(self, handler: EventHandler) -> None:
        self._exec(
            "INSERT INTO event_handler (name, event, active, json) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET event = excluded.event, active = excluded.active, "
            "json = excluded.json",
            (handler.name, handler.event, handler.active, _json(handler)),
        )

    def delete_event_handler(self, name: str) -> bool:
        return self._exec("DELETE FROM event_handler WHERE name = ?", (name,)).rowcount > 0

    # ---- schedules ------------------------------------------------------------------------

    @staticmethod
    def _schedule(row: Any) -> WorkflowSchedule:
        # The columns are the truth for what the firing loop changes; the JSON for the rest.
        schedule = _schedule_decoder.decode(row[0])
        schedule.paused = bool(row[1])
        schedule.next_run_time = row[2]
        return schedule

    def get_schedule(self, name: str) -> WorkflowSchedule | None:
        row = self._exec(
            "SELECT json, paused, next_run_time FROM scheduler_schedule WHERE name = ?", (name,)
        ).fetchone()
        return self._schedule(row) if row else None

    def list_schedules(self, workflow_name: str | None = None) -> list[WorkflowSchedule]:
        if workflow_name is None:
            rows = self._rows("SELECT json, paused, next_run_time FROM scheduler_schedule ORDER BY name")
        else:
            rows = self._rows(
                "SELECT json, paused, next_run_time FROM scheduler_schedule WHERE workflow_name = ? ORDER BY name",
                (workflow_name,),
            )
        return [self._schedule(r) for r in rows]

    def upsert_schedule(self, schedule: WorkflowSchedule, workflow_name: str) -> None:
        self._exec(
            "INSERT INTO scheduler_schedule (name, workflow_name, paused, next_run_time, json) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET workflow_name = excluded.workflow_name, "
            "paused = excluded.paused, next_run_time = excluded.next_run_time, json = excluded.json",
            (schedule.name, workflow_name, bool(schedule.paused), schedule.next_run_time, _json(schedule)),
        )

    def delete_schedule(self, name: str) -> bool:
        return self._exec("DELETE FROM scheduler_schedule WHERE name = ?", (name,)).rowcount > 0

    def due_schedules(self, now: int, limit: int) -> list[WorkflowSchedule]:
        """Unpaused schedules whose next run has come, earliest first (read only: each fire
        claims its schedule with `claim_schedule` in the transaction that starts the run)."""
        rows = self._rows(
            "SELECT json, paused, next_run_time FROM scheduler_schedule "
            "WHERE paused = ? AND next_run_time IS NOT NULL AND next_run_time <= ? "
            "ORDER BY next_run_time LIMIT ?",
            (False, now, limit),
        )
        return [self._schedule(r) for r in rows]

    def next_schedule_time(self) -> int | None:
        row = self._exec(
            "SELECT MIN(next_run_time) FROM scheduler_schedule WHERE paused = ? AND next_run_time IS NOT NULL",
            (False,),
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def claim_schedule(self, name: str, expected_next: int, new_next: int | None) -> bool:
        """Compare-and-set of a schedule's next run: true for exactly one of several
        transactions that saw the same `expected_next`. On PostgreSQL the row is locked first
        with SKIP LOCKED, so a rival claim in flight makes this one give up at once."""
        row = self._exec(
            "SELECT name FROM scheduler_schedule WHERE name = ? AND next_run_time = ? AND paused = ? "
            + self.dialect.skip_locked,
            (name, expected_next, False),
        ).fetchone()
        if row is None:
            return False
        cur = self._exec(
            "UPDATE scheduler_schedule SET next_run_time = ? WHERE name = ? AND next_run_time = ?",
            (new_next, name, expected_next),
        )
        return cur.rowcount == 1

    def set_schedule_paused(
        self, name: str, paused: bool, json: str, next_run_time: int | None, set_next: bool
    ) -> bool:
        """Pause or resume; `next_run_time` is written only with `set_next`, so a pause never
        puts back a next run that a fire committed since the schedule was read."""
        if set_next:
            cur = self._exec(
                "UPDATE scheduler_schedule SET paused = ?, next_run_time = ?, json = ? WHERE name = ?",
                (paused, next_run_time, json, name),
            )
        else:
            cur = self._exec(
                "UPDATE scheduler_schedule SET paused = ?, json = ? WHERE name = ?", (paused, json, name)
            )
        return cur.rowcount > 0

    def add_schedule_execution(self, execution: ScheduleExecution) -> None:
        self._exec(
            "INSERT INTO scheduler_execution (execution_id, schedule_name, workflow_name, scheduled_time, "
            "execution_time, state, json) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                execution.execution_id,
                execution.schedule_name,
                execution.workflow_name,
                execution.scheduled_time,
                execution.execution_time,
                execution.state,
                _json(execution),
            ),
        )

    def search_schedule_executions(
        self, schedule_name: str | None, state: str | None, start: int, size: int
    ) -> tuple[int, list[ScheduleExecution]]:
        clauses: list[str] = []
        params: list[Any] = []
        if schedule_name:
            clauses.append("schedule_name = ?")
            params.append(schedule_name)
        if state:
            clauses.append("state = ?")
            params.append(state)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        total = self._exec(f"SELECT COUNT(*) FROM scheduler_execution{where}", params).fetchone()[0]
        rows = self._rows(
            f"SELECT json FROM scheduler_execution{where} "
            "ORDER BY execution_time DESC, scheduled_time DESC LIMIT ? OFFSET ?",
            [*params, size, start],
        )
        return int(total), [_execution_decoder.decode(r[0]) for r in rows]


# `task.wf_rev` of a row changed outside a workflow revision (a poll claim): above every
# revision, so each cached copy re-reads it until the runner writes the task again.
CHANGED_OUTSIDE_REV = 1 << 62


class WorkflowChanges(msgspec.Struct, kw_only=True):
    """`SqlTx.workflow_changes`: the current revision; `reset` when deleted tasks or a new
    input or definition mean the workflow must be read whole; else the workflow row (None when
    its revision has not moved) and the task rows written since, in seq order."""

    rev: int
    reset: bool
    workflow: Workflow | None = None
    tasks: list[Task] = msgspec.field(default_factory=list)


class _TaskRawPayloads(Task, kw_only=True):
    """A task document with its input and output left undecoded (`get_tasks_trimmed`)."""

    input_data: msgspec.Raw = msgspec.field(default_factory=lambda: msgspec.Raw(b"{}"))  # type: ignore[assignment]
    output_data: msgspec.Raw = msgspec.field(default_factory=lambda: msgspec.Raw(b"{}"))  # type: ignore[assignment]


_raw_payloads_decoder: msgspec.json.Decoder[_TaskRawPayloads] = msgspec.json.Decoder(_TaskRawPayloads)


@functools.lru_cache(maxsize=32)
def _payload_keeper(keys: tuple[str, ...]) -> Callable[[msgspec.Raw], dict[str, Any]]:
    """A function decoding only `keys` of a JSON object (the other members are skipped)."""
    if not keys:
        return lambda raw: {}
    fields = [(f"k{i}", Any, msgspec.UNSET) for i in range(len(keys))]
    shape = msgspec.defstruct(
        "_Kept", fields, rename={f"k{i}": key for i, key in enumerate(keys)}, kw_only=True
    )
    decoder: msgspec.json.Decoder[Any] = msgspec.json.Decoder(shape)

    def keep(raw: msgspec.Raw) -> dict[str, Any]:
        try:
            found = decoder.decode(raw)
        except msgspec.ValidationError:  # not an object (a null payload): nothing to keep
            return {}
        values = (getattr(found, f"k{i}") for i in range(len(keys)))
        return {key: value for key, value in zip(keys, values, strict=True) if value is not msgspec.UNSET}

    return keep


def _workflow_json(workflow: Workflow) -> str:
    """The workflow row: without its tasks (they live in their own rows) and without its input
    and definition snapshot (`workflow_static`), so a task update re-encodes neither."""
    tasks, inputs, definition = workflow.tasks, workflow.input, workflow.workflow_definition
    workflow.tasks, workflow.input, workflow.workflow_definition = [], {}, _NO_DEFINITION
    try:
        return _json(workflow)
    finally:
        workflow.tasks, workflow.input, workflow.workflow_definition = tasks, inputs, definition


class _Static(msgspec.Struct, rename="camel", kw_only=True):
    input: dict[str, Any] = msgspec.field(default_factory=dict)
    workflow_definition: WorkflowDef | None = None


_static_decoder: msgspec.json.Decoder[_Static] = msgspec.json.Decoder(_Static)
_NO_DEFINITION = WorkflowDef(name="")
# On a Workflow object: the input and definition objects last written to `workflow_static`.
# Both are only ever replaced, never changed in place, so identity tells whether to write again.
_STORED_STATIC = "_stored_static"


def _mark_static(workflow: Workflow) -> None:
    workflow.__dict__[_STORED_STATIC] = (workflow.input, workflow.workflow_definition)


def static_key(workflow_id: str) -> str:
    """The key under which the static row's JSON length is reported in `json_sizes`."""
    return workflow_id + "/static"


def decode_workflow(row_json: str, static_json: str | None) -> Workflow:
    """A workflow from its row and its static row (None: a row written before migration 3,
    which still holds its input and definition)."""
    workflow = _workflow_decoder.decode(row_json)
    if static_json is not None:
        static = _static_decoder.decode(static_json)
        workflow.input = static.input
        if static.workflow_definition is not None:
            workflow.workflow_definition = static.workflow_definition
        _mark_static(workflow)
    return workflow


NUL_MESSAGE = (
    "Text containing a NUL character (\\u0000) cannot be stored: names, ids and keys must not contain it"
)


def _check_text(params: Iterable[Any]) -> None:
    """Refuse NUL characters in text bound to a statement: PostgreSQL text cannot hold them (it
    failed with a 500), and SQLite must keep the same rules.  JSON documents are bound as text
    in which msgspec escapes NUL, so only raw names, ids, keys and log lines can carry one."""
    for value in params:
        if type(value) is str and "\x00" in value:
            raise BadRequest(NUL_MESSAGE)
