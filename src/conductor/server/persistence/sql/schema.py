"""Versioned DDL. Each migration is a list of statements valid in both dialects once the
`{pk}` placeholder is filled in; `migrate()` applies the missing ones and records the version."""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # 1: the initial schema
    [
        """CREATE TABLE IF NOT EXISTS meta_task_def (
            name TEXT PRIMARY KEY,
            json TEXT NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS meta_workflow_def (
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (name, version))""",
        """CREATE TABLE IF NOT EXISTS workflow (
            workflow_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            correlation_id TEXT,
            parent_workflow_id TEXT,
            idempotency_key TEXT,
            priority INTEGER NOT NULL DEFAULT 0,
            create_time BIGINT NOT NULL,
            update_time BIGINT NOT NULL,
            end_time BIGINT NOT NULL DEFAULT 0,
            rev INTEGER NOT NULL,
            json TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS workflow_by_name ON workflow (name, status, create_time)",
        "CREATE INDEX IF NOT EXISTS workflow_by_time ON workflow (create_time)",
        "CREATE INDEX IF NOT EXISTS workflow_by_correlation ON workflow (correlation_id)",
        "CREATE INDEX IF NOT EXISTS workflow_by_idempotency ON workflow (name, idempotency_key)",
        """CREATE TABLE IF NOT EXISTS task (
            task_id TEXT PRIMARY KEY,
            workflow_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            ref_name TEXT NOT NULL,
            task_type TEXT NOT NULL,
            task_def_name TEXT NOT NULL,
            status TEXT NOT NULL,
            start_time BIGINT NOT NULL DEFAULT 0,
            update_time BIGINT NOT NULL,
            json TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS task_by_workflow ON task (workflow_id, seq)",
        "CREATE INDEX IF NOT EXISTS task_by_type_status ON task (task_def_name, status)",
        """CREATE TABLE IF NOT EXISTS queue_message (
            queue_name TEXT NOT NULL,
            message_id TEXT NOT NULL,
            priority INTEGER NOT NULL DEFAULT 0,
            deliver_on BIGINT NOT NULL,
            created_on BIGINT NOT NULL,
            PRIMARY KEY (queue_name, message_id))""",
        "CREATE INDEX IF NOT EXISTS queue_message_pop ON queue_message (queue_name, deliver_on)",
        "CREATE INDEX IF NOT EXISTS queue_message_by_id ON queue_message (message_id)",
        # The poll order: walking this index a claim stops after `count` due rows instead of
        # sorting every waiting message of the queue.
        "CREATE INDEX IF NOT EXISTS queue_message_order "
        "ON queue_message (queue_name, priority DESC, deliver_on, created_on)",
        """CREATE TABLE IF NOT EXISTS poll_data (
            queue_name TEXT NOT NULL,
            domain TEXT NOT NULL,
            worker_id TEXT,
            last_poll_time BIGINT NOT NULL,
            PRIMARY KEY (queue_name, domain))""",
        """CREATE TABLE IF NOT EXISTS task_log (
            id {pk},
            task_id TEXT NOT NULL,
            log TEXT NOT NULL,
            created_time BIGINT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS task_log_by_task ON task_log (task_id)",
        """CREATE TABLE IF NOT EXISTS event_handler (
            name TEXT PRIMARY KEY,
            event TEXT NOT NULL,
            active BOOLEAN NOT NULL,
            json TEXT NOT NULL)""",
    ],
    # 2: workflow schedules (/api/scheduler). `next_run_time` and `paused` live in columns so the
    # firing loop finds due schedules through an index and claims one with a compare-and-set.
    [
        """CREATE TABLE IF NOT EXISTS scheduler_schedule (
            name TEXT PRIMARY KEY,
            workflow_name TEXT NOT NULL,
            paused BOOLEAN NOT NULL,
            next_run_time BIGINT,
            json TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS scheduler_schedule_due ON scheduler_schedule (paused, next_run_time)",
        """CREATE TABLE IF NOT EXISTS scheduler_execution (
            execution_id TEXT PRIMARY KEY,
            schedule_name TEXT NOT NULL,
            workflow_name TEXT NOT NULL,
            scheduled_time BIGINT NOT NULL,
            execution_time BIGINT NOT NULL,
            state TEXT NOT NULL,
            json TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS scheduler_execution_by_time ON scheduler_execution (execution_time)",
        "CREATE INDEX IF NOT EXISTS scheduler_execution_by_schedule "
        "ON scheduler_execution (schedule_name, scheduled_time)",
    ],
    # 3: a workflow's input and definition snapshot in their own row, written when they change
    # (start, rerun, upgrade), not on every task update. Rows written before keep them in
    # `workflow.json` until their next update.
    [
        """CREATE TABLE IF NOT EXISTS workflow_static (
            workflow_id TEXT PRIMARY KEY,
            json TEXT NOT NULL)""",
    ],
    # 4: workflows by status, newest first. With a long history (a million completed runs) the
    # searches by status (`status IN (RUNNING)`, the UI's status filter) walk this index instead
    # of every workflow by time, their total is counted in the index range, and the
    # `workflow_running` gauge (RUNNING by name) reads only running rows: `name` makes that
    # count covering (docs/benchmarks.md "Growth").
    [
        "CREATE INDEX IF NOT EXISTS workflow_by_status ON workflow (status, create_time, name)",
    ],
    # 5: what a server's cached copy of a running workflow needs to catch up with changes made
    # by other servers on one database without reading every task (docs/engine.md §8):
    # `task.wf_rev` is the workflow revision that last wrote the task row (a poll claim, which
    # does not bump the workflow's revision, sets it above every revision: "re-read me");
    # `workflow.reset_rev` is the last revision that deleted tasks or rewrote the static row,
    # after which a copy is read again whole. The index finds the rows changed since a revision.
    [
        "ALTER TABLE task ADD COLUMN wf_rev BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE workflow ADD COLUMN reset_rev BIGINT NOT NULL DEFAULT 0",
        "CREATE INDEX IF NOT EXISTS task_by_workflow_rev ON task (workflow_id, wf_rev)",
    ],
]
