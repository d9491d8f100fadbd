"""``telemetry``.

Ported from the official SDK (``conductor.client.telemetry``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations
