"""The workflow DSL: build Conductor workflows in Python (official ``conductor.client.workflow``).

``ConductorWorkflow`` (``conductor_workflow``) is the builder, ``WorkflowExecutor``
(``executor.workflow_executor``) talks to the server, and ``task.*`` holds one class per task
type. Every class produces exactly the JSON the official ``conductor-python`` SDK produces for
the same calls.
"""
