"""Server metrics in Prometheus text format, with Conductor's metric and tag names.

Counters only, kept in memory per process (a scrape of each server process sums them up):
`task_poll_total{taskType}`, `task_poll_count_total{taskType,domain}`, `task_update_total{taskType,status}`,
`workflow_start_success_total{workflowName,version}`, `workflow_completion_total{workflowName}`,
`workflow_failure_total{workflowName,status}`.

Label values come from clients (any task type a worker polls, any workflow name), so each
metric keeps at most `max_label_values` distinct values per label; later ones are counted
under the value `other` (memory and scrape size stay bounded, totals stay right).
"""

from __future__ import annotations

from collections import Counter

OTHER = "other"
MAX_LABEL_VALUES = 1000


class Metrics:
    def __init__(self, max_label_values: int = MAX_LABEL_VALUES) -> None:
        self._counters: Counter[tuple[str, tuple[tuple[str, str], ...]]] = Counter()
        self.max_label_values = max_label_values
        # (metric, label) -> the values given their own series so far.
        self._values: dict[tuple[str, str], set[str]] = {}

    def _label(self, name: str, key: str, value: object) -> str:
        text = "" if value is None else str(value)
        seen = self._values.setdefault((name, key), set())
        if text in seen:
            return text
        if len(seen) >= self.max_label_values:
            return OTHER
        seen.add(text)
        return text

    def inc(self, name: str, amount: int = 1, **tags: object) -> None:
        key = (name, tuple(sorted((k, self._label(name, k, v)) for k, v in tags.items())))
        self._counters[key] += amount

    def value(self, name: str, **tags: object) -> int:
        key = (name, tuple(sorted((k, "" if v is None else str(v)) for k, v in tags.items())))
        return self._counters.get(key, 0)

    def series(self) -> int:
        """How many counter series are kept."""
        return len(self._counters)

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
