"""The bench's worker: a trivial step (x + 1), as in the peers' benchmark (docs/benchmarks.md)."""

from conductor.client.worker.worker_task import worker_task


@worker_task(task_definition_name="bench_inc")
def inc(x: int) -> dict:
    return {"x": x + 1}


def touch(task_input: dict | None = None) -> dict:
    """The large-workflow bench's step: returns at once with a tiny output."""
    return {"ok": True}
