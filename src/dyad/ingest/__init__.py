"""Ingest: read inputs lazily, normalise text, and quarantine what cannot be read."""
