"""The web UI: server-rendered pages, the workflow diagram and the task timeline."""
