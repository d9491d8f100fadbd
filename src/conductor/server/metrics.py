"""Server metrics in Prometheus text format, with Conductor's metric and tag names.

Counters only, kept in memory per process (a scrape of each server process sums them up):
`task_poll_total{taskType}`, `task_poll_count_total{taskType,domain}`, `task_update_total{taskType,status}`,
`workflow_start_success_total{workflowName,version}`, `workflow_completion_total{workflowName}`,
`workflow_failure_total{workflowName,status}`.
"""

from __future__ import annotations

from collections import Counter


class Metrics:
    def __init__(self) -> None:
        self._counters: Counter[tuple[str, tuple[tuple[str, str], ...]]] = Counter()

    def inc(self, name: str, amount: int = 1, **tags: object) -> None:
        key = (name, tuple(sorted((k, "" if v is None else str(v)) for k, v in tags.items())))
        self._counters[key] += amount

    def value(self, name: str, **tags: object) -> int:
        key = (name, tuple(sorted((k, "" if v is None else str(v)) for k, v in tags.items())))
        return self._counters.get(key, 0)

    def render(self) -> str:
        lines: list[str] = []
        seen: set[str] = set()
        for (name, tags), value in sorted(self._counters.items()):
            metric = f"{name}_total"
            if metric not in seen:
                seen.add(metric)
                lines.append(f"# TYPE {metric} counter")
            labels = ",".join(f'{k}="{_escape(v)}"' for k, v in tags)
            lines.append(f"{metric}{{{labels}}} {value}" if labels else f"{metric} {value}")
        return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
