"""The pyconductor server."""
