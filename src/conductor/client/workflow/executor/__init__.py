"""``WorkflowExecutor``: register, start and execute workflows; complete and signal tasks."""
