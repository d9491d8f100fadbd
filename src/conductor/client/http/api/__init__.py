"""Low-level REST resources: one class per resource, one method per endpoint (official names)."""
