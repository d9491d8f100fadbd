"""Workers: plain functions (``@worker_task``) or ``WorkerInterface`` classes that execute tasks."""
