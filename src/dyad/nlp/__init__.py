"""spaCy loading: the one place that knows which model and components dyad uses."""
