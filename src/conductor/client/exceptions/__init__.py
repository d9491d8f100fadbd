"""The SDK's exception types."""
