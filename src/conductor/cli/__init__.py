"""The Conductor-style command line: `pyconductor workflow|task|event|schedule|config|worker ...`."""
