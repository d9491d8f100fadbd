"""A worker whose module imports in the test process but fails in a worker process.

It stands for a worker module with an import error that only shows where the worker runs
(a missing package, a bad path): the parent can pickle the worker, the child cannot load it.
"""

from __future__ import annotations

import multiprocessing

from conductor.client.worker.worker import Worker

if multiprocessing.parent_process() is not None:
    raise ImportError("sdk_unimportable_workers cannot be imported in a worker process")


def unimportable(name: str) -> str:
    return name


unimportable_worker = Worker("sdk_test_unimportable", unimportable)
