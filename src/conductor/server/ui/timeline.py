"""The task timeline of an execution: an SVG Gantt chart with one row per task attempt.

A row's bar runs from the task's start (its scheduled time while it has not started) to its
end, or to `now_ms` while it runs; a thin "queued" segment before the bar shows the time from
scheduled to started. Rows follow the order the engine created the tasks (`seq`). The function
is pure given `now_ms`, so the page passes the server's clock and tests pass a constant.

The execution page draws only the tasks of its task table's page (`tasks`), with a last line
saying how many others there are: 10,000 bars would be a 220,000 px tall drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from conductor.server.domain.execution import Task, Workflow
from conductor.server.ui.diagram import css_token, status_class, status_css, truncate, xml_escape

MARGIN = 12
LABEL_W = 260  # the reference names column
CHART_W = 880
DURATION_W = 80  # room for the duration written after the longest bar
AXIS_H = 44  # caption line + tick labels
ROW_H = 22
BAR_H = 14
QUEUED_H = 4
MIN_BAR_W = 2  # a task that took 0 ms still shows as a sliver
MAX_TICKS = 10

_SECOND = 1_000
_MINUTE = 60 * _SECOND
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
# Tick steps a reader can add up: 1-2-5 below a second, then the clock's own units.
_STEPS = (
    *(m * b for b in (1, 10, 100) for m in (1, 2, 5)),
    _SECOND,
    2 * _SECOND,
    5 * _SECOND,
    10 * _SECOND,
    15 * _SECOND,
    30 * _SECOND,
    _MINUTE,
    2 * _MINUTE,
    5 * _MINUTE,
    10 * _MINUTE,
    15 * _MINUTE,
    30 * _MINUTE,
    _HOUR,
    2 * _HOUR,
    3 * _HOUR,
    6 * _HOUR,
    12 * _HOUR,
    _DAY,
    2 * _DAY,
    7 * _DAY,
)

STYLE = (
    "<style>"
    + status_css("cd-timeline")
    + ":where(.cd-timeline text){fill:#212529;stroke:none;font-family:system-ui,sans-serif;font-size:12px}"
    ":where(.cd-timeline .caption,.cd-timeline .tick-label,.cd-timeline .duration){font-size:11px;fill:#495057}"
    ":where(.cd-timeline .gridline){stroke:#e9ecef;stroke-width:1}"
    ":where(.cd-timeline .axis){stroke:#adb5bd;stroke-width:1}"
    ":where(.cd-timeline .row-bg){fill:transparent;stroke:none}"
    ":where(.cd-timeline .bar:hover .row-bg,.cd-timeline .bar:focus .row-bg){fill:#f1f3f5}"
    ":where(.cd-timeline .bar[role=button]){cursor:pointer}"
    ":where(.cd-timeline .span){stroke-width:1}"
    ":where(.cd-timeline .queued){fill:#ced4da;stroke:none}"
    ":where(.cd-timeline .not-started){font-size:11px;fill:#868e96;font-style:italic}"
    ":where(.cd-timeline .now){stroke:#e03131;stroke-width:1;stroke-dasharray:3 3}"
    "</style>"
)


def _step(span: int) -> int:
    for step in _STEPS:
        if span // step <= MAX_TICKS:
            return step
    weeks = -(-span // (MAX_TICKS * 7 * _DAY))  # ceil: spans of months or years
    return weeks * 7 * _DAY


def tick_label(offset: int, span: int) -> str:
    """An axis label for `offset` ms after the first task, in the unit that suits the span."""
    if span < _SECOND:
        return f"{offset} ms"
    if span < 2 * _MINUTE:
        return f"{offset / _SECOND:g} s"
    if span < 2 * _HOUR:
        minutes, seconds = divmod(offset // _SECOND, 60)
        return f"{minutes} min" if seconds == 0 else f"{minutes}m{seconds:02d}s"
    if span < 2 * _DAY:
        hours, minutes = divmod(offset // _MINUTE, 60)
        return f"{hours} h" if minutes == 0 else f"{hours}h{minutes:02d}m"
    return f"{offset / _DAY:g} d"


def duration(ms: int) -> str:
    """A task's duration as a person would say it: 250 ms, 1.25 s, 3m 20s, 2h 05m."""
    if ms < _SECOND:
        return f"{ms} ms"
    if ms < _MINUTE:
        return f"{ms / _SECOND:.3g} s"
    if ms < _HOUR:
        minutes, seconds = divmod(ms // _SECOND, 60)
        return f"{minutes}m {seconds:02d}s"
    hours, minutes = divmod(ms // _MINUTE, 60)
    return f"{hours}h {minutes:02d}m"


def _span(task: Task, now_ms: int) -> tuple[int, int, int] | None:
    """(queued from, bar from, bar to) in epoch ms, or None for a task with no time yet."""
    begin = task.start_time or task.scheduled_time
    if begin <= 0:
        return None
    end = task.end_time
    if end <= 0:
        end = begin if task.status.is_terminal else now_ms
    queued = task.scheduled_time if 0 < task.scheduled_time < begin else begin
    return queued, begin, max(begin, end)


def render_timeline(
    workflow: Workflow, now_ms: int, tasks: Sequence[Task] | None = None, total: int | None = None
) -> str:
    """SVG markup of the execution's task attempts on a shared time axis: `tasks` (default: all
    of the workflow's), of `total` tasks in all (the others are counted on a last line)."""
    shown = workflow.tasks if tasks is None else tasks
    indexed = sorted(enumerate(shown), key=lambda item: (item[1].seq, item[0]))
    tasks = [task for _, task in indexed]
    spans = [_span(task, now_ms) for task in tasks]
    timed = [s for s in spans if s is not None]
    t0 = min((s[0] for s in timed), default=0)
    t1 = max((s[2] for s in timed), default=0)
    span = max(t1 - t0, 1)
    width = MARGIN + LABEL_W + CHART_W + DURATION_W + MARGIN
    chart_x = MARGIN + LABEL_W
    top = MARGIN + AXIS_H
    more = max((total or 0) - len(tasks), 0)
    height = top + max(len(tasks), 1) * ROW_H + (ROW_H if more and tasks else 0) + MARGIN
    scale = CHART_W / span

    def x_of(t: int) -> float:
        return chart_x + (t - t0) * scale

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cd-timeline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="group" aria-label="Task timeline">',
        STYLE,
    ]
    if not tasks:
        out.append(
            f'<text class="caption" x="{MARGIN}" y="{top}">No tasks have been scheduled yet.</text></svg>'
        )
        return "".join(out)
    if timed:
        started = datetime.fromtimestamp(t0 / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
        caption = f"From {started} UTC, {duration(t1 - t0)} in all"
    else:
        caption = "No task has started yet"
    out.append(f'<text class="caption" x="{MARGIN}" y="{MARGIN + 12}">{xml_escape(caption)}</text>')

    # Axis: tick labels above the rows and a grid line through them.
    bottom = top + len(tasks) * ROW_H
    out.append(
        f'<g class="ticks"><line class="axis" x1="{chart_x}" y1="{top}" x2="{chart_x + CHART_W}" y2="{top}"/>'
    )
    if timed:
        step = _step(span)
        for offset in range(0, span + 1, step):
            x = f"{x_of(t0 + offset):.1f}"
            out.append(
                f'<line class="gridline" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/>'
                f'<text class="tick-label" x="{x}" y="{top - 6}" text-anchor="middle">'
                f"{xml_escape(tick_label(offset, span))}</text>"
            )
    out.append('</g><g class="rows">')

    for row, (task, times) in enumerate(zip(tasks, spans, strict=True)):
        y = top + row * ROW_H
        label = task.reference_task_name
        if task.retry_count > 0:
            label += f" (attempt {task.retry_count + 1})"
        status = str(task.status)
        took = duration(times[2] - times[1]) if times is not None else ""
        summary = f"{label}, {task.task_type}, {status}" + (f", {took}" if took else ", not started")
        if times is not None and times[1] > times[0]:
            summary += f", queued {duration(times[1] - times[0])}"
        text = xml_escape(summary)
        out.append(
            f'<g class="bar {status_class(status)} type-{css_token(task.task_type)}" '
            f'data-task-id="{xml_escape(task.task_id)}" data-ref="{xml_escape(task.reference_task_name)}" '
            f'tabindex="0" role="button" aria-label="{text}"><title>{text}</title>'
            f'<rect class="row-bg" x="{MARGIN}" y="{y}" width="{width - 2 * MARGIN}" height="{ROW_H}"/>'
            f'<text class="label" x="{MARGIN + 4}" y="{y + 15}">{xml_escape(truncate(label, 36))}</text>'
        )
        if times is None:
            out.append(f'<text class="not-started" x="{chart_x + 4}" y="{y + 15}">not started</text></g>')
            continue
        queued, begin, end = times
        if begin > queued:
            qx = x_of(queued)
            out.append(
                f'<rect class="queued" x="{qx:.1f}" y="{y + (ROW_H - QUEUED_H) // 2}" '
                f'width="{x_of(begin) - qx:.1f}" height="{QUEUED_H}"/>'
            )
        bx = x_of(begin)
        bw = max(x_of(end) - bx, MIN_BAR_W)
        out.append(
            f'<rect class="span" x="{bx:.1f}" y="{y + (ROW_H - BAR_H) // 2}" width="{bw:.1f}" '
            f'height="{BAR_H}" rx="2"/>'
            f'<text class="duration" x="{bx + bw + 4:.1f}" y="{y + 15}">{xml_escape(took)}</text></g>'
        )
    out.append("</g>")
    if more:
        out.append(
            f'<text class="caption more" x="{MARGIN}" y="{bottom + 15}">'
            f"+{more:,} more tasks: the task table pages through them</text>"
        )
    if not workflow.status.is_terminal and timed and t0 <= now_ms <= t1:
        x = f"{x_of(now_ms):.1f}"
        out.append(f'<line class="now" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"><title>now</title></line>')
    out.append("</svg>")
    return "".join(out)
