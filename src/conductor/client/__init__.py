"""The worker SDK (official conductor-python import paths)."""
