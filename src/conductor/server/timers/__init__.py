"""timers layer."""
