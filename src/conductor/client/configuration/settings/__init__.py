"""Small value objects used by :class:`~conductor.client.configuration.configuration.Configuration`."""
