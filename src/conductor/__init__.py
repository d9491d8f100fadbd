"""pyconductor: a Conductor-compatible orchestration server and SDK."""
