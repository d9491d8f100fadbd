"""Expression languages used by the server: `${...}` parameter templates, JavaScript, jq, WAIT times.

Submodules are imported explicitly by their users (``from conductor.server.expressions import
templating``); this package imports nothing eagerly, so loading one engine never drags in the
others (the jq worker process in particular must stay light).
"""
