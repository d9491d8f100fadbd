"""What the pages show, computed from domain objects: filters, groupings, flags, formatting.

Pure functions only (no I/O, no framework), so each page's logic is unit-tested without a
browser; `pages.py` fetches the data and hands these results to the templates.
"""

from __future__ import annotations

import json
import shlex
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import msgspec
from markupsafe import Markup, escape

from conductor.server.domain.definitions import WorkflowDef
from conductor.server.domain.execution import PollData, Task, Workflow

WORKFLOW_STATUSES = ("RUNNING", "COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED", "PAUSED")
TERMINAL_WORKFLOW = frozenset({"COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED"})
PAGE_SIZES = (10, 25, 50, 100)
SORTABLE = {
    "startTime": "Start time",
    "endTime": "End time",
    "updateTime": "Updated",
    "workflowType": "Workflow",
    "status": "Status",
}
# A queue with work waiting and no poll for this long is flagged: nobody serves it.
STUCK_AFTER_MS = 60_000
# Statuses a person may complete or fail from the task panel (a worker or a signal would).
COMPLETABLE = frozenset({"SCHEDULED", "IN_PROGRESS"})


def _first(params: Mapping[str, list[str]], name: str) -> str:
    values = params.get(name) or [""]
    return values[0].strip()


def _int(text: str, default: int, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return min(max(value, low), high)


def parse_local_time(text: str) -> int | None:
    """`2026-12-03T10:15` (an HTML datetime-local value, read as UTC) -> epoch ms."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def _quote(value: str) -> str:
    # The search language strips quotes and splits IN lists on commas: drop both from values.
    return value.replace("'", "").replace('"', "").replace(",", " ")


@dataclass(frozen=True)
class ExecutionFilter:
    """The executions list's filters, as they appear in the page's URL."""

    workflow_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    correlation_id: str = ""
    workflow_id: str = ""
    start_from: str = ""
    start_to: str = ""
    free_text: str = ""
    sort: str = "startTime:DESC"
    start: int = 0
    size: int = 25
    refresh: bool = True

    @classmethod
    def from_params(cls, params: Mapping[str, list[str]]) -> ExecutionFilter:
        types: list[str] = []
        for raw in params.get("workflowType", []):
            types.extend(part.strip() for part in raw.split(",") if part.strip())
        statuses = [s for s in params.get("status", []) if s in WORKFLOW_STATUSES]
        sort = _first(params, "sort") or "startTime:DESC"
        name, _, direction = sort.partition(":")
        if name not in SORTABLE or direction not in ("ASC", "DESC"):
            sort = "startTime:DESC"
        size = _int(_first(params, "size"), 25, 1, 100)
        return cls(
            workflow_types=tuple(dict.fromkeys(types)),
            statuses=tuple(dict.fromkeys(statuses)),
            correlation_id=_first(params, "correlationId"),
            workflow_id=_first(params, "workflowId"),
            start_from=_first(params, "startFrom"),
            start_to=_first(params, "startTo"),
            free_text=_first(params, "q"),
            sort=sort,
            start=_int(_first(params, "start"), 0, 0, 10_000_000),
            size=size,
            refresh=_first(params, "refresh") != "0",
        )

    def query(self) -> str:
        """The same filters in Conductor's search language (`query=` of /api/workflow/search)."""
        clauses = []
        if self.workflow_types:
            clauses.append(f"workflowType IN ({','.join(_quote(t) for t in self.workflow_types)})")
        if self.statuses:
            clauses.append(f"status IN ({','.join(self.statuses)})")
        if self.correlation_id:
            clauses.append(f"correlationId = '{_quote(self.correlation_id)}'")
        if self.workflow_id:
            clauses.append(f"workflowId = '{_quote(self.workflow_id)}'")
        since = parse_local_time(self.start_from)
        if since is not None:
            clauses.append(f"startTime > {since - 1}")
        until = parse_local_time(self.start_to)
        if until is not None:
            clauses.append(f"startTime < {until + 1}")
        return " AND ".join(clauses)

    def params(self, **changes: Any) -> list[tuple[str, str]]:
        """URL parameters of this filter, with some changed (paging, sorting links)."""
        values = {
            "workflowType": ",".join(self.workflow_types),
            "correlationId": self.correlation_id,
            "workflowId": self.workflow_id,
            "startFrom": self.start_from,
            "startTo": self.start_to,
            "q": self.free_text,
            "sort": self.sort,
            "start": str(self.start),
            "size": str(self.size),
            "refresh": "1" if self.refresh else "0",
        }
        statuses = list(self.statuses)
        for key, value in changes.items():
            if key == "status":
                statuses = list(value)
            else:
                values[key] = str(value)
        pairs = [(k, v) for k, v in values.items() if v and not (k == "start" and v == "0")]
        pairs.extend(("status", s) for s in statuses)
        return pairs

    def url(self, **changes: Any) -> str:
        return "/executions?" + urlencode(self.params(**changes))

    def sort_url(self, column: str) -> str:
        name, _, direction = self.sort.partition(":")
        flipped = "ASC" if name == column and direction == "DESC" else "DESC"
        return self.url(sort=f"{column}:{flipped}", start=0)

    def api_params(self) -> list[tuple[str, str]]:
        pairs = [("start", str(self.start)), ("size", str(self.size)), ("sort", self.sort)]
        if self.free_text:
            pairs.append(("freeText", self.free_text))
        if self.query():
            pairs.append(("query", self.query()))
        return pairs

    def curl(self, base_url: str, auth: bool) -> str:
        """The same search as a shell command against the REST API."""
        url = f"{base_url.rstrip('/')}/api/workflow/search?{urlencode(self.api_params())}"
        header = " -H 'X-Authorization: <token from POST /api/token>'" if auth else ""
        return f"curl -s{header} {shlex.quote(url)}"


@dataclass(frozen=True)
class Page:
    start: int
    size: int
    total: int

    @property
    def first(self) -> int:
        return self.start + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.start + self.size, self.total)

    @property
    def previous(self) -> int | None:
        return max(self.start - self.size, 0) if self.start > 0 else None

    @property
    def next(self) -> int | None:
        return self.start + self.size if self.start + self.size < self.total else None


def format_ms(ms: int | None) -> str:
    """Epoch ms as `2026-12-03 10:15:02.123` UTC; blank for unset times."""
    if not ms:
        return ""
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{ms % 1000:03d}"


def format_iso(text: str | None) -> str:
    """A summary's ISO time (`2026-12-03T10:15:02.123Z`) in the same style as `format_ms`."""
    if not text:
        return ""
    return text.replace("T", " ").rstrip("Z")


def format_duration(ms: int | None) -> str:
    if ms is None or ms < 0:
        return ""
    if ms < 1000:
        return f"{ms} ms"
    seconds = ms / 1000
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs} s"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min"
    return f"{hours // 24} d {hours % 24} h"


def task_duration(task: Task, now_ms: int) -> str:
    if not task.start_time:
        return ""
    return format_duration((task.end_time or now_ms) - task.start_time)


_pretty_encoder = msgspec.json.Encoder(enc_hook=str)


def pretty_json(value: Any) -> str:
    """Indented JSON for people; domain structs come out with their wire (camelCase) names.

    msgspec encodes and indents in C: `json.dumps(indent=2)` falls back to the pure-Python
    encoder, which spent ~30 ms on a dynamic fork's 10,000-item workflow input, on every live
    refresh of its execution page."""
    try:
        return msgspec.json.format(_pretty_encoder.encode(value), indent=2).decode()
    except (TypeError, ValueError, OverflowError):  # not JSON-like data: the lenient way
        return json.dumps(msgspec.to_builtins(value), indent=2, ensure_ascii=False, default=str)


# The attempts that explain a failure (the failure box lists them, latest first).
FAILED_TASK_STATUSES = ("FAILED", "FAILED_WITH_TERMINAL_ERROR", "TIMED_OUT")


def live_version(workflow: Workflow, outline: Sequence[OutlineRow]) -> str:
    """Changes whenever anything shown on the execution page changes (the live refresh compares
    it); from the workflow row and its task outline (`WorkflowService.task_outline`)."""
    latest = max((row[6] for row in outline), default=0)
    return f"{workflow.status.value}:{workflow.update_time}:{len(outline)}:{latest}"


# ---- the execution page of a big workflow -------------------------------------------------
#
# A FORK_JOIN_DYNAMIC of 10,000 branches must not cost 10,000 decoded task documents per page
# view (and per live refresh, every 1.5 s): the page reads the task table's columns of every
# task (the outline: counts, failures, the diagram's states) and decodes only what it shows,
# one page of the task table (bench/ui_bench.py --tasks 10000 measures it).

# (task id, seq, reference name, task type, task def name, status, update time)
OutlineRow = tuple[str, int, str, str, str, str, int]

TASKS_PER_PAGE = 100
# The failure box lists this many failed attempts, latest first; the rest are a filter away.
FAILED_LISTED = 20
# The task table's status filters (`?tasks_status=failed`), in the order of their links.
TASK_FILTERS: dict[str, tuple[str, ...]] = {
    "failed": FAILED_TASK_STATUSES,
    "running": ("SCHEDULED", "IN_PROGRESS"),
    "completed": ("COMPLETED", "COMPLETED_WITH_ERRORS"),
    "other": ("CANCELED", "SKIPPED"),
}
_FILTER_OF = {status: key for key, statuses in TASK_FILTERS.items() for status in statuses}


@dataclass(frozen=True)
class TaskTable:
    """Which page of the execution's task table is shown, filtered how, with which task open:
    `?tasks_page=3&tasks_status=failed&task=<id>`, so every view has its own URL (and the
    live refresh, which re-fetches the page's own URL, keeps it)."""

    page: int = 1
    status: str = ""  # "" (every task) or a key of TASK_FILTERS
    selected: str = ""
    size: int = TASKS_PER_PAGE
    total: int = 0  # tasks that pass the filter (set by `within`)

    @classmethod
    def from_params(cls, params: Mapping[str, list[str]]) -> TaskTable:
        status = _first(params, "tasks_status")
        return cls(
            page=_int(_first(params, "tasks_page"), 1, 1, 10_000_000),
            status=status if status in TASK_FILTERS else "",
            selected=_first(params, "task"),
        )

    @property
    def statuses(self) -> tuple[str, ...]:
        return TASK_FILTERS.get(self.status, ())

    @property
    def pages(self) -> int:
        return max(-(-self.total // self.size), 1)

    @property
    def start(self) -> int:
        return (self.page - 1) * self.size

    @property
    def first(self) -> int:
        return self.start + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.start + self.size, self.total)

    def within(self, total: int) -> TaskTable:
        """This view over `total` matching tasks: a page past the end shows the last one."""
        table = replace(self, total=total)
        return replace(table, page=min(self.page, table.pages))

    def url(self, **changes: Any) -> str:
        """A link to this view with some of `page`, `status`, `selected` changed ("" or None
        removes the parameter); relative, so it stays on the same execution."""
        values = {"page": self.page, "status": self.status, "selected": self.selected, **changes}
        pairs = []
        if values["page"] and int(values["page"]) > 1:
            pairs.append(("tasks_page", str(values["page"])))
        if values["status"]:
            pairs.append(("tasks_status", str(values["status"])))
        if values["selected"]:
            pairs.append(("task", str(values["selected"])))
        return "?" + urlencode(pairs)


def status_counts(outline: Iterable[OutlineRow]) -> dict[str, int]:
    """Tasks per task-table filter, "" for all of them."""
    counts = Counter(row[5] for row in outline)
    result = {"": sum(counts.values())} | dict.fromkeys(TASK_FILTERS, 0)
    for status, count in counts.items():
        key = _FILTER_OF.get(status)
        if key is not None:
            result[key] += count
    return result


def table_rows(outline: Sequence[OutlineRow], table: TaskTable) -> Sequence[OutlineRow]:
    """The outline rows on the table's page (after its status filter), in seq order."""
    if table.statuses:
        outline = [row for row in outline if row[5] in table.statuses]
    return outline[table.start : table.start + table.size]


def latest_failed(outline: Sequence[OutlineRow], limit: int = FAILED_LISTED) -> tuple[list[str], int]:
    """Ids of the latest `limit` failed attempts (latest first) and how many there are in all."""
    failed = [row for row in outline if row[5] in FAILED_TASK_STATUSES]
    return [row[0] for row in reversed(failed[-limit:])], len(failed)


@dataclass
class QueueRow:
    task_type: str
    depth: int
    domain: str | None = None
    last_poll_ms: int = 0
    worker_id: str | None = None
    stuck: bool = False
    defined: bool = False


def queue_rows(
    sizes: Mapping[str, int], polls: Iterable[PollData], task_def_names: Iterable[str], now_ms: int
) -> list[QueueRow]:
    """One row per task type (and per domain that polled it), flagged when work waits unserved.

    Queue names are `domain:taskType` for domain queues (Conductor's convention).
    """
    rows: dict[tuple[str, str | None], QueueRow] = {}
    for name in task_def_names:
        rows[(name, None)] = QueueRow(name, 0, defined=True)
    for queue_name, depth in sizes.items():
        domain, sep, task_type = queue_name.partition(":")
        key: tuple[str, str | None] = (task_type, domain) if sep else (queue_name, None)
        row = rows.setdefault(key, QueueRow(key[0], 0, domain=key[1]))
        row.depth += depth
    for poll in polls:
        key = (poll.queue_name, poll.domain or None)
        row = rows.setdefault(key, QueueRow(poll.queue_name, 0, domain=poll.domain or None))
        if poll.last_poll_time >= row.last_poll_ms:
            row.last_poll_ms = poll.last_poll_time
            row.worker_id = poll.worker_id
    for row in rows.values():
        row.stuck = row.depth > 0 and now_ms - row.last_poll_ms > STUCK_AFTER_MS
    return sorted(rows.values(), key=lambda r: (not r.stuck, -r.depth, r.task_type, r.domain or ""))


@dataclass
class FailureGroup:
    key: str
    count: int
    workflow_ids: list[str] = field(default_factory=list)


def group_failures(summaries: Iterable[Any], by: str, keep_ids: int = 5) -> list[FailureGroup]:
    """Failed runs grouped by workflow name (`by="workflowType"`) or by reason, largest first."""
    counts: Counter[str] = Counter()
    ids: dict[str, list[str]] = {}
    for summary in summaries:
        if by == "workflowType":
            key = summary.workflow_type
        else:
            key = (summary.reason_for_incompletion or "").strip() or "(no reason given)"
        counts[key] += 1
        bucket = ids.setdefault(key, [])
        if len(bucket) < keep_ids:
            bucket.append(summary.workflow_id)
    return [
        FailureGroup(key, count, ids[key])
        for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


# Past these, a JSON value is shown as indented text instead of a tree of collapsible nodes: a
# multi-megabyte output would otherwise make a page of hundreds of thousands of elements.
TREE_MAX_NODES = 3000
TREE_MAX_DEPTH = 40


def json_tree(value: Any) -> Markup:
    """A JSON value as nested, collapsible `<details>` elements (objects and arrays), escaped."""
    budget = [TREE_MAX_NODES]

    def node(item: Any, depth: int) -> str:
        if isinstance(item, dict | list) and item:
            if depth >= TREE_MAX_DEPTH or len(item) > budget[0]:
                return f'<pre class="json">{escape(pretty_json(item))}</pre>'
            budget[0] -= len(item)
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            opening, closing = ("{", "}") if isinstance(item, dict) else ("[", "]")
            rows = "".join(
                f'<li><span class="k">{escape(json.dumps(k) if isinstance(k, str) else k)}</span>: {node(v, depth + 1)}</li>'
                for k, v in pairs
            )
            summary = f"{opening} {len(item)} {'keys' if isinstance(item, dict) else 'items'} {closing}"
            is_open = " open" if depth < 2 else ""
            return f'<details class="jt"{is_open}><summary>{summary}</summary><ul>{rows}</ul></details>'
        return f'<span class="v">{escape(json.dumps(item, ensure_ascii=False, default=str))}</span>'

    plain = msgspec.to_builtins(value)
    return Markup(node(plain, 0))


# Past this much indented text, a JSON value is shown as text only: a tree of it would be mostly
# `json_tree`'s text fallback, and the same text again beside it for the Copy button.
BLOCK_MAX_TEXT = 100_000


def json_block(value: Any, element_id: str) -> Markup:
    """A JSON value as a tree, with its text hidden beside it for a Copy button (`#element_id`);
    a big value as its text only, once: the input of a 10,000-branch fork (every item) was half
    of its page, twice over, on every live refresh."""
    text = pretty_json(value)
    if len(text) > BLOCK_MAX_TEXT:
        return Markup(
            f'<div class="tree"><pre class="json" id="{escape(element_id)}">{escape(text)}</pre></div>'
        )
    return Markup(
        f'<div class="tree">{json_tree(value)}</div>'
        f'<pre class="json" id="{escape(element_id)}" hidden>{escape(text)}</pre>'
    )


def task_rows(
    tasks: Workflow | Sequence[Task], now_ms: int, selected_id: str | None, table: TaskTable | None = None
) -> Markup:
    """The task table's rows (a workflow's tasks, or one page of them, linked within `table`).
    Built here rather than in the template: a 1,000-task run spent most of its page time in
    the template engine's per-cell filter calls (measured 49 ms of ~125 ms), and one f-string
    per row does the same escaping in a fraction of that."""
    rows_of = tasks.tasks if isinstance(tasks, Workflow) else tasks
    if not rows_of:
        empty = "No tasks yet." if table is None or not table.status else "No task has this status."
        return Markup(f'<tr><td colspan="11" class="empty">{empty}</td></tr>')
    view = table or TaskTable()
    rows = []
    for t in rows_of:
        status = t.status.value
        selected = ' class="selected"' if t.task_id == selected_id else ""
        task_id = escape(t.task_id)
        rows.append(
            f"<tr{selected}><td>{t.seq}</td>"
            f'<td><a href="{escape(view.url(selected=t.task_id))}" data-task-id="{task_id}">'
            f"{escape(t.reference_task_name)}</a></td>"
            f"<td>{escape(t.task_type)}</td>"
            f'<td><span class="badge status-{escape(status.lower())}">{escape(status)}</span></td>'
            f"<td>{t.retry_count + 1}</td><td>{t.poll_count}</td><td>{escape(t.worker_id or '')}</td>"
            f"<td>{format_ms(t.scheduled_time)}</td><td>{format_ms(t.start_time)}</td>"
            f"<td>{format_ms(t.end_time)}</td><td>{task_duration(t, now_ms)}</td></tr>"
        )
    return Markup("\n".join(rows))


def latest_versions(defs: Iterable[WorkflowDef]) -> list[tuple[WorkflowDef, list[int]]]:
    """Each workflow's latest definition with all its version numbers, by name."""
    latest: dict[str, WorkflowDef] = {}
    versions: dict[str, list[int]] = {}
    for d in defs:
        versions.setdefault(d.name, []).append(d.version)
        if d.name not in latest or d.version > latest[d.name].version:
            latest[d.name] = d
    return [(latest[name], sorted(versions[name])) for name in sorted(latest)]
