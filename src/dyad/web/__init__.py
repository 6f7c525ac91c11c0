"""The local web UI and JSON API (`dyad serve`): read-only views of the store."""
