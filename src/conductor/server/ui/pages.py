"""The web UI's pages, rendered on the server from the same services the REST API uses.

Pages only read. Every action (terminate, retry, save a definition, complete a task, ...) is a
call from the page's script to the REST API under `/api`, so the UI has exactly the API's
semantics and error messages, and there is one implementation of each operation.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import msgspec
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from litestar import MediaType, Request, Response, Router, get, post
from litestar.contrib.jinja import JinjaTemplateEngine
from litestar.datastructures import Cookie, State
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig
from markupsafe import Markup

from conductor.server.api.auth import client_address
from conductor.server.api.deps import services
from conductor.server.domain.errors import ConductorError, NotFound
from conductor.server.domain.execution import Task, Workflow
from conductor.server.persistence.search import SearchQuery
from conductor.server.services.tasks import TaskService
from conductor.server.services.workflows import WorkflowService
from conductor.server.ui import diagram as diagram_svg
from conductor.server.ui import timeline as timeline_svg
from conductor.server.ui import views
from conductor.server.ui.diagram import DiagramError, render_diagram
from conductor.server.ui.timeline import render_timeline

log = logging.getLogger("conductor.server.ui")
HERE = Path(__file__).parent
UI_COOKIE = "conductor_ui_token"
# Failures view: how many recent failed runs are grouped (newest first).
FAILURES_SCANNED = 2000


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every value from users (names, inputs, reasons) renders as text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["ms"] = views.format_ms
    env.filters["iso"] = views.format_iso
    env.filters["duration"] = views.format_duration
    env.filters["pretty"] = views.pretty_json
    env.filters["tree"] = views.json_tree
    env.filters["json_block"] = views.json_block
    env.filters["q"] = lambda text: quote(str(text), safe="")
    env.filters["num"] = lambda n: f"{n:,}"
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(env))


def _base(state: State, request: Request[Any, Any, Any], title: str, section: str) -> dict[str, Any]:
    return {
        "title": title,
        "section": section,
        "auth": bool(state.get("ui_auth")),
        "version": services(state).version,
        "path": request.url.path,
    }


def _page(name: str, context: dict[str, Any], status: int = 200) -> Template:
    return Template(
        template_name=name,
        context=context,
        status_code=status,
        headers={
            # The UI loads nothing from elsewhere and is never framed.
            "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
        },
    )


def _not_found(state: State, request: Request[Any, Any, Any], what: str) -> Template:
    context = _base(state, request, "Not found", "executions")
    context["what"] = what
    return _page("not_found.html", context, status=404)


def _svg_css() -> bytes:
    """The diagram's and timeline's default colours as a stylesheet: the pages' Content-Security-
    Policy allows no inline `<style>`, so the styles the SVGs embed (for use on their own) are
    served once from here as well."""
    parts = []
    for style in (diagram_svg.STYLE, timeline_svg.STYLE):
        parts.append(style.removeprefix("<style>").removesuffix("</style>"))
    return "\n".join(parts).encode()


SVG_CSS = _svg_css()


@get("/ui/svg.css", include_in_schema=False, cache=3600)
async def svg_css() -> Response[bytes]:
    return Response(content=SVG_CSS, media_type="text/css; charset=utf-8")


# ---- executions ---------------------------------------------------------------------------


@get("/", include_in_schema=False)
async def home() -> Redirect:
    return Redirect("/executions")


@get("/executions", include_in_schema=False)
async def executions(state: State, request: Request[Any, Any, Any]) -> Template:
    svc = services(state)
    flt = views.ExecutionFilter.from_params(request.query_params.dict())
    query = SearchQuery(
        query=flt.query(),
        free_text=flt.free_text or "*",
        sort=flt.sort,
        start=flt.start,
        size=flt.size,
        shape="summary",
        to_string=svc.to_string,
    )
    error = None
    results: list[Any] = []
    total = 0
    try:
        found = await svc.workflows.search(query)
        results, total = found.results, found.total_hits
    except ConductorError as exc:
        error = exc.message
    names = sorted({d.name for d in await svc.metadata.list_workflow_defs()})
    context = _base(state, request, "Executions", "executions")
    context.update(
        flt=flt,
        results=results,
        page=views.Page(flt.start, flt.size, total),
        error=error,
        names=names,
        statuses=views.WORKFLOW_STATUSES,
        sortable=views.SORTABLE,
        page_sizes=views.PAGE_SIZES,
        curl=flt.curl(str(request.base_url), bool(state.get("ui_auth"))),
    )
    fragment = request.query_params.get("fragment") == "1"
    return _page("executions_results.html" if fragment else "executions.html", context)


@get("/execution/{workflow_id:str}", include_in_schema=False)
async def execution(state: State, request: Request[Any, Any, Any], workflow_id: str) -> Template:
    """One execution, read for what it shows (also the live refresh, `?fragment=1`, every 1.5 s):
    the workflow without its tasks; the outline of every task (columns only: counts, the task
    table's pages, the failed attempts, the diagram's states); the documents of the tasks shown
    (one page of the table, the failures listed, the diagram's own nodes) without their input
    and output; the open task (`?task=`) whole, wherever it is."""
    svc = services(state)
    try:
        workflow = await svc.workflows.get(workflow_id, include_tasks=False)
    except NotFound:
        return _not_found(state, request, f"No workflow execution with id {workflow_id}")
    outline = await svc.workflows.task_outline(workflow_id)
    now = svc.workflows.clock.now_ms()
    counts = views.status_counts(outline)
    table = views.TaskTable.from_params(request.query_params.dict())
    table = table.within(counts[table.status])
    reader = _TaskReader(svc.workflows, outline)
    page_tasks = await reader.get([row[0] for row in views.table_rows(outline, table)])
    selected = await _selected_task(svc.tasks, workflow_id, table.selected)
    logs = await svc.tasks.logs(selected.task_id) if selected is not None else []
    failed_ids, failed_total = views.latest_failed(outline)
    failed = await reader.get(failed_ids)
    diagram, diagram_error = await _diagram(reader, workflow, outline)
    try:
        # render_timeline escapes user text
        timeline = Markup(render_timeline(workflow, now, page_tasks, table.total))
    except Exception as exc:  # a timeline is a nicety: never lose the page over it
        log.warning("timeline of %s failed: %s", workflow_id, exc)
        timeline = Markup("")
    context = _base(state, request, f"{workflow.workflow_name} {workflow_id}", "executions")
    context.update(
        wf=workflow,
        now=now,
        selected=selected,
        logs=logs,
        diagram=diagram,
        diagram_error=diagram_error,
        timeline=timeline,
        failed=failed,
        failed_total=failed_total,
        terminal=workflow.status.value in views.TERMINAL_WORKFLOW,
        live_version=views.live_version(workflow, outline),
        table=table,
        counts=counts,
        task_filters=views.TASK_FILTERS,
        task_rows=views.task_rows(page_tasks, now, selected.task_id if selected is not None else None, table),
        completable=views.COMPLETABLE,
    )
    fragment = request.query_params.get("fragment") == "1"
    return _page("execution_live.html" if fragment else "execution.html", context)


class _TaskReader:
    """The task documents one page view shows, each read once, without their input and output
    but for the keys the diagram reads: the table's columns, the timeline and the failure box
    need none of it, and a 10,000-branch fork task carries megabytes of input (its branches'
    definitions), which decoded whole cost more than the rest of the page together."""

    def __init__(self, workflows: WorkflowService, outline: list[views.OutlineRow]) -> None:
        self.workflows = workflows
        self.found: dict[str, Task] = {}
        self.asked: set[str] = set()
        # An ended fork task never changes again: what its outline row says identifies it.
        self.fork_keys = {
            row[0]: (row[0], row[5], row[6])
            for row in outline
            if row[3] in diagram_svg.FORK_TYPES and row[5] == "COMPLETED"
        }

    async def get(self, task_ids: list[str]) -> list[Task]:
        """The tasks with these ids that still exist, in the order given."""
        wanted = [i for i in task_ids if i not in self.asked]
        self.asked.update(wanted)
        for task_id in wanted:
            key = self.fork_keys.get(task_id)
            if key is not None and key in _ENDED_FORKS:
                _ENDED_FORKS.move_to_end(key)
                self.found[task_id] = _ENDED_FORKS[key]
        wanted = [i for i in wanted if i not in self.found]
        if wanted:
            found = await self.workflows.tasks_trimmed(
                wanted, diagram_svg.DETAIL_INPUT_KEYS, diagram_svg.DETAIL_OUTPUT_KEYS
            )
            for task in found:
                self.found[task.task_id] = task
                key = self.fork_keys.get(task.task_id)
                if key is not None:
                    _ENDED_FORKS[key] = task
                    while len(_ENDED_FORKS) > ENDED_FORKS_KEPT:
                        _ENDED_FORKS.popitem(last=False)
        return [self.found[i] for i in task_ids if i in self.found]


# Ended fork tasks as `_TaskReader` reads them, by (task id, status, update time), newest last.
# The fork of a 10,000-branch dynamic fork is a 8 MB document, read on every live refresh (for
# `forkedTasks`, and as row 1 of the task table) though it never changes: ~20 ms a refresh.
# Keyed by what the outline reads, so a changed row is never served stale; entries are shared
# read-only between requests.
ENDED_FORKS_KEPT = 16
_ENDED_FORKS: OrderedDict[tuple[str, str, int], Task] = OrderedDict()


async def _selected_task(tasks: TaskService, workflow_id: str, task_id: str) -> Task | None:
    """The task opened with `?task=`, wherever it is in the table (read by its id, whole)."""
    if not task_id:
        return None
    try:
        task = await tasks.get(task_id)
    except ConductorError:  # no such task, or an id that cannot be one (a NUL character)
        return None
    return task if task.workflow_instance_id == workflow_id else None


async def _diagram(
    reader: _TaskReader, workflow: Workflow, outline: list[views.OutlineRow]
) -> tuple[Markup, str | None]:
    """The diagram from the task outline: every task as its row, but the fork tasks (which
    branch is whose), read before the layout, and the tasks drawn as their own node, read after
    it; then laid out again with them (diagram.FORK_TYPES says why)."""
    make = diagram_svg.TaskRow._make
    tasks: list[diagram_svg.TaskLike] = [make(row) for row in outline]
    index = {row[0]: i for i, row in enumerate(outline)}

    async def read(task_ids: list[str]) -> None:
        for task in await reader.get(task_ids):
            tasks[index[task.task_id]] = task

    definition = workflow.workflow_definition
    try:
        await read([row[0] for row in outline if row[3] in diagram_svg.FORK_TYPES])
        drawn = diagram_svg.layout(definition, None, tasks)
        await read([n.task_id for n in drawn.nodes if n.task_id and n.task_id in index])
        return Markup(render_diagram(definition, workflow, tasks)), None
    except DiagramError as exc:
        return Markup(""), str(exc)
    except Exception as exc:  # a definition stored long ago may be malformed: show why
        log.warning("diagram of %s failed", workflow.workflow_id, exc_info=True)
        return Markup(""), f"The diagram could not be drawn: {exc}"


# ---- definitions --------------------------------------------------------------------------


@get("/definitions", include_in_schema=False)
async def definitions(state: State, request: Request[Any, Any, Any]) -> Template:
    defs = await services(state).metadata.list_workflow_defs()
    context = _base(state, request, "Workflow definitions", "definitions")
    context.update(rows=views.latest_versions(defs))
    return _page("definitions.html", context)


@get("/definitions/new", include_in_schema=False)
async def new_definition(state: State, request: Request[Any, Any, Any]) -> Template:
    context = _base(state, request, "New workflow definition", "definitions")
    skeleton = {
        "name": "my_workflow",
        "version": 1,
        "ownerEmail": "someone@example.com",
        "schemaVersion": 2,
        "tasks": [{"name": "my_task", "taskReferenceName": "my_task_ref", "type": "SIMPLE"}],
        "inputParameters": [],
        "outputParameters": {},
    }
    context.update(wf_def=None, source=views.pretty_json(skeleton), versions=[], diagram=Markup(""))
    context.update(diagram_error=None, new=True)
    return _page("definition.html", context)


@get("/definitions/workflow/{name:str}", include_in_schema=False)
async def definition(state: State, request: Request[Any, Any, Any], name: str) -> Template:
    svc = services(state)
    raw_version = request.query_params.get("version")
    version = int(raw_version) if raw_version and raw_version.isdigit() else None
    try:
        wf_def = await svc.metadata.get_workflow_def(name, version)
    except NotFound:
        return _not_found(state, request, f"No workflow definition named {name}")
    versions = sorted(d.version for d in await svc.metadata.list_workflow_defs(name))
    try:
        diagram, diagram_error = Markup(render_diagram(wf_def)), None
    except Exception as exc:
        diagram, diagram_error = Markup(""), f"The diagram could not be drawn: {exc}"
    context = _base(state, request, f"Workflow {name}", "definitions")
    source = msgspec.json.decode(msgspec.json.encode(wf_def))
    context.update(
        wf_def=wf_def,
        source=views.pretty_json(source),
        versions=versions,
        diagram=diagram,
        diagram_error=diagram_error,
        new=False,
    )
    return _page("definition.html", context)


@get("/taskdefs", include_in_schema=False)
async def taskdefs(state: State, request: Request[Any, Any, Any]) -> Template:
    svc = services(state)
    defs = sorted(await svc.metadata.list_task_defs(), key=lambda d: d.name)
    chosen = request.query_params.get("name")
    current = next((d for d in defs if d.name == chosen), None)
    if current is not None:
        source = views.pretty_json(msgspec.json.decode(msgspec.json.encode(current)))
    else:
        skeleton = {"name": "my_task", "ownerEmail": "someone@example.com", "retryCount": 3}
        source = views.pretty_json(skeleton)
    context = _base(state, request, "Task definitions", "taskdefs")
    context.update(defs=defs, current=current, source=source)
    return _page("taskdefs.html", context)


@get("/event-handlers", include_in_schema=False)
async def event_handlers(state: State, request: Request[Any, Any, Any]) -> Template:
    handlers = await services(state).events.list()
    context = _base(state, request, "Event handlers", "events")
    context.update(
        handlers=[(h, views.pretty_json(msgspec.json.decode(msgspec.json.encode(h)))) for h in handlers]
    )
    return _page("event_handlers.html", context)


# ---- operations ---------------------------------------------------------------------------


@get("/queues", include_in_schema=False)
async def queues(state: State, request: Request[Any, Any, Any]) -> Template:
    svc = services(state)
    sizes = await svc.tasks.all_queue_sizes()
    polls = await svc.tasks.poll_data(None)
    names = [d.name for d in await svc.metadata.list_task_defs()]
    now = svc.workflows.clock.now_ms()
    context = _base(state, request, "Queues", "queues")
    context.update(rows=views.queue_rows(sizes, polls, names, now), now=now, stuck_after=views.STUCK_AFTER_MS)
    return _page("queues.html", context)


@get("/failures", include_in_schema=False)
async def failures(state: State, request: Request[Any, Any, Any]) -> Template:
    svc = services(state)
    raw_hours = request.query_params.get("hours") or "24"
    hours = int(raw_hours) if raw_hours.isdigit() and 0 < int(raw_hours) <= 24 * 90 else 24
    since = svc.workflows.clock.now_ms() - hours * 3_600_000
    found = await svc.workflows.search(
        SearchQuery(
            query=f"status IN (FAILED,TIMED_OUT,TERMINATED) AND startTime > {since}",
            sort="startTime:DESC",
            size=FAILURES_SCANNED,
            shape="summary",
            to_string=svc.to_string,
        )
    )
    context = _base(state, request, "Failures", "failures")
    context.update(
        hours=hours,
        total=found.total_hits,
        scanned=len(found.results),
        by_workflow=views.group_failures(found.results, "workflowType"),
        by_reason=views.group_failures(found.results, "reason"),
    )
    return _page("failures.html", context)


# ---- sign-in (only with API keys configured) ----------------------------------------------


class LoginForm(msgspec.Struct, kw_only=True):
    key_id: str = msgspec.field(name="keyId", default="")
    key_secret: str = msgspec.field(name="keySecret", default="")
    next: str = "/"


def _local(target: str) -> str:
    """Only a path on this server may follow a sign-in (no open redirect)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@get("/login", include_in_schema=False)
async def login_page(state: State, request: Request[Any, Any, Any]) -> Template | Redirect:
    if not state.get("ui_auth"):
        return Redirect("/")
    context = _base(state, request, "Sign in", "")
    context.update(next=_local(request.query_params.get("next") or "/"), error=None)
    return _page("login.html", context)


@post("/login", include_in_schema=False, status_code=303)
async def login(
    state: State,
    request: Request[Any, Any, Any],
    data: Annotated[LoginForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Response[Any]:
    auth = state.get("ui_auth")
    if auth is None:
        return Redirect("/")
    client = client_address(request)
    wait = auth.throttle.retry_after(client)
    token = None
    if wait is None and data.key_id and data.key_secret:
        token = auth.issue(data.key_id, data.key_secret)
    if token is None:
        if wait is None:
            auth.throttle.failed(client)
        context = _base(state, request, "Sign in", "")
        error = (
            "Unknown key id or wrong secret."
            if wait is None
            else f"Too many failed attempts; try again in {wait} s."
        )
        context.update(next=_local(data.next), error=error)
        return _page("login.html", context, status=401 if wait is None else 429)
    cookie = Cookie(
        key=UI_COOKIE,
        value=token,
        max_age=auth.ttl_s,
        httponly=True,
        samesite="strict",
        path="/",
        secure=request.url.scheme == "https",
    )
    return Redirect(_local(data.next), cookies=[cookie], status_code=303)


@get("/logout", include_in_schema=False)
async def logout() -> Redirect:
    return Redirect("/login", cookies=[Cookie(key=UI_COOKIE, value="", max_age=0, path="/")])


def ui_router() -> Router:
    return Router(
        path="/",
        route_handlers=[
            home,
            svg_css,
            executions,
            execution,
            definitions,
            new_definition,
            definition,
            taskdefs,
            event_handlers,
            queues,
            failures,
            login_page,
            login,
            logout,
            create_static_files_router(
                path="/static", directories=[HERE / "static"], include_in_schema=False, name="ui-static"
            ),
        ],
        include_in_schema=False,
    )


def not_found_html(message: str) -> Response[bytes]:
    """A plain 404 page for unknown non-API paths (the router's own 404s)."""
    body = (
        "<!doctype html><html lang=en><meta charset=utf-8><title>Not found</title>"
        '<link rel=stylesheet href="/static/ui.css"><main class=page><h1>Not found</h1>'
        f"<p>{Markup.escape(message)}</p>"
        '<form action="/executions" method=get role=search><label>Search executions '
        "<input name=q type=search></label> <button>Search</button></form>"
        '<p><a href="/executions">Executions</a></p></main></html>'
    )
    return Response(content=body.encode(), status_code=404, media_type=MediaType.HTML)
