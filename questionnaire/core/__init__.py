"""The shared core (see docs/architecture.md)."""
