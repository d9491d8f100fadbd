"""Running workers: ``TaskRunner`` (one worker's poll/execute/update loop) and ``TaskHandler``
(one process per worker)."""
