"""One module per task type of the workflow DSL, under the official SDK's module names."""
